"""A stand-in for the tablet's camera: delivers the frames a test gives it into the same
``QVideoSink`` the real ``CameraSource`` writes into. Everything from the sink on is real.

Like a camera it delivers nothing while stopped, and it can be unplugged and plugged in again.
"""

from __future__ import annotations

from PySide6.QtGui import QImage
from PySide6.QtMultimedia import QVideoFrame, QVideoSink

from ui.camera.source import CameraState, FrameSource


class FrameFeeder(FrameSource):
    def __init__(self, *, plugged_in: bool = True) -> None:
        super().__init__()
        self.sink: QVideoSink | None = None
        self.plugged_in = plugged_in
        self.wanted = False
        self.starts = 0
        self.stops = 0
        self.delivered = 0

    @property
    def running(self) -> bool:
        return self.state is CameraState.RUNNING

    def attach(self, sink: QVideoSink) -> None:
        self.sink = sink

    def start(self) -> None:
        self.wanted = True
        self.starts += 1
        self._set_state(CameraState.RUNNING if self.plugged_in else CameraState.UNAVAILABLE)

    def stop(self) -> None:
        self.wanted = False
        self.stops += 1
        self._set_state(CameraState.OFF)

    def unplug(self) -> None:
        self.plugged_in = False
        if self.wanted:
            self._set_state(CameraState.UNAVAILABLE)

    def plug_in(self) -> None:
        self.plugged_in = True
        if self.wanted:
            self._set_state(CameraState.RUNNING)

    def feed(self, image: QImage) -> bool:
        """Deliver one frame, as the camera would; False (nothing delivered) while not running."""
        if not self.running or self.sink is None:
            return False
        self.sink.setVideoFrame(QVideoFrame(image))
        self.delivered += 1
        return True


class RecordingSound:
    """Counts the read tones instead of playing them (the test machine has no speaker)."""

    def __init__(self) -> None:
        self.played = 0

    def play(self) -> None:
        self.played += 1
