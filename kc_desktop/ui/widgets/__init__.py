"""Reusable widgets: image grid, drop area, draw canvas, curve plot."""
