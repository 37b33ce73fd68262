"""Run folders: layout and names, checkpoints, history. Run-folder rules live here only."""
