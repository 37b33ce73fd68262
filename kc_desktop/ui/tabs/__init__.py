"""The five tabs of the main window."""
