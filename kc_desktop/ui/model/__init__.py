"""The Model feature's widgets."""
