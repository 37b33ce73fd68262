"""The Train feature's widgets."""
