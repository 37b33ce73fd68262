"""data package of the Qt-free core."""
