"""The Classify feature's widgets."""
