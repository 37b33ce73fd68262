"""Take a trained run elsewhere: ONNX / TorchScript export, a predictor, a model card, .kcrun."""
