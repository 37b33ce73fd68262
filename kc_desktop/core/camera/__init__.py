"""Frames from a camera, a video file or a synthetic scene, and datasets recorded from them.

The views never talk to OpenCV: they read a ``FrameSource`` through a ``FrameGrabber``
thread, so the same code runs on a webcam, a demo video (``--camera-file``) and in tests.
"""
