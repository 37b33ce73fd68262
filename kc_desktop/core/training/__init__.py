"""training package of the Qt-free core."""
