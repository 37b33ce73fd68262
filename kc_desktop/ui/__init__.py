"""Qt user interface: thin widgets and wiring over kc_desktop.core."""
