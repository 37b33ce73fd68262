"""The Gallery feature's widgets."""
