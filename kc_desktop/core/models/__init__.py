"""models package of the Qt-free core."""
