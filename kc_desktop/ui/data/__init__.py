"""The Data feature's widgets."""
