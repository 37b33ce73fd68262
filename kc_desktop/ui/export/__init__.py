"""File -> Export model / Share run / Export dataset, and opening dropped .kcrun files."""
