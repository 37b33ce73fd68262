"""Views into a trained model: test-set evaluation, saliency, sample quality."""
