"""``make bench``: the app's speed measured side by side with what a user would write.

Every figure is a ratio of two timings taken in the same process (or the same harness) with
their repetitions interleaved, so that a busy machine slows both sides alike. Modules:
``training`` (engine vs DataLoader and vs an ideal loop, Qt-free), ``window`` (the run in the
window, GUI timer gaps, stop latency), ``startup`` (first paint vs a bare PySide6 window),
``folder`` (folder decode vs a Pillow loop, cache hit), ``report`` (goals, table, JSON) and
``runner`` (puts them together).
"""
