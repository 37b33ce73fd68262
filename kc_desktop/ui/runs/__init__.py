"""The Runs feature's widgets."""
