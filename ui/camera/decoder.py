"""Read QR codes from video frames on a worker thread, never on the GUI thread.

``FrameDecoder.submit`` may be called from any thread (a camera may deliver frames on its own).
It only parks the frame in a one-frame slot: a frame that arrives while the worker is still busy
replaces the one waiting, so the newest picture is the one read and the camera never queues up
work. The worker converts the frame to grey (the luma plane directly where the frame has one)
and asks zxing-cpp for QR codes only, so product barcodes are never read.

Results cross back through ``ui.gui_handoff`` (a locked queue and an argument-less signal); in
the GUI thread ``decoded`` is emitted with the text. No Python object rides a Qt signal across
threads.
"""

from __future__ import annotations

import functools
import logging
import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage

from ui.gui_handoff import GuiHandoff

if TYPE_CHECKING:
    import zxingcpp
    from PySide6.QtMultimedia import QVideoFrame, QVideoFrameFormat

log = logging.getLogger(__name__)


@functools.cache
def _plane_layouts() -> dict[QVideoFrameFormat.PixelFormat, tuple[zxingcpp.ImageFormat, int, int]]:
    """How zxing-cpp reads the first plane of each format: (pixel layout, bytes per pixel,
    offset of the first pixel). Formats whose first plane is luma are read as grey with no
    conversion at all; packed 4:2:2 (what many USB cameras send) has luma in every second
    byte. Qt names byte order. Made at the first frame: zxing-cpp and Qt Multimedia are
    imported when the camera is first used, not at start-up (issue 13)."""
    import zxingcpp
    from PySide6.QtMultimedia import QVideoFrameFormat

    pf = QVideoFrameFormat.PixelFormat
    lum = zxingcpp.ImageFormat.Lum
    return {
        **{
            fmt: (lum, 1, 0)
            for fmt in (
                pf.Format_Y8,
                pf.Format_NV12,
                pf.Format_NV21,
                pf.Format_YUV420P,
                pf.Format_YUV422P,
                pf.Format_YV12,
                pf.Format_IMC1,
                pf.Format_IMC2,
                pf.Format_IMC3,
                pf.Format_IMC4,
            )
        },
        pf.Format_YUYV: (lum, 2, 0),
        pf.Format_UYVY: (lum, 2, 1),
        pf.Format_BGRX8888: (zxingcpp.ImageFormat.BGRA, 4, 0),
        pf.Format_BGRA8888: (zxingcpp.ImageFormat.BGRA, 4, 0),
        pf.Format_BGRA8888_Premultiplied: (zxingcpp.ImageFormat.BGRA, 4, 0),
        pf.Format_RGBX8888: (zxingcpp.ImageFormat.RGBA, 4, 0),
        pf.Format_RGBA8888: (zxingcpp.ImageFormat.RGBA, 4, 0),
        pf.Format_XRGB8888: (zxingcpp.ImageFormat.ARGB, 4, 0),
        pf.Format_ARGB8888: (zxingcpp.ImageFormat.ARGB, 4, 0),
        pf.Format_ARGB8888_Premultiplied: (zxingcpp.ImageFormat.ARGB, 4, 0),
        pf.Format_XBGR8888: (zxingcpp.ImageFormat.ABGR, 4, 0),
        pf.Format_ABGR8888: (zxingcpp.ImageFormat.ABGR, 4, 0),
    }


def read_qr_codes(frame: QVideoFrame) -> list[str]:
    """The text of every QR code zxing-cpp finds in ``frame`` (safe to call on any thread).

    The frame's memory is read in place where its format allows (every format a camera or a
    ``QImage`` gives in practice); anything else is converted by Qt first.
    """
    import zxingcpp
    from PySide6.QtMultimedia import QVideoFrame

    if not frame.isValid():
        return []
    layout = _plane_layouts().get(frame.pixelFormat())
    if layout is not None and frame.map(QVideoFrame.MapMode.ReadOnly):
        try:
            bits = frame.bits(0)
            if bits is not None:
                image_format, pixel_bytes, offset = layout
                view = zxingcpp.ImageView(
                    memoryview(bits)[offset:],
                    frame.width(),
                    frame.height(),
                    image_format,
                    frame.bytesPerLine(0),
                    pixel_bytes,
                )
                return _texts(view)
        finally:
            frame.unmap()
    image = frame.toImage()
    if image.isNull():
        return []
    return _texts(image.convertToFormat(QImage.Format.Format_Grayscale8))


def _texts(image: object) -> list[str]:
    import zxingcpp

    qr_only = zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)
    found = zxingcpp.read_barcodes(image, formats=qr_only)
    return [code.text for code in found if code.valid and code.text]


class FrameDecoder(QObject):
    """One worker thread that reads the newest submitted frame, and reports what it read."""

    decoded = Signal(str)
    """The text of a QR code read from a frame (emitted in the GUI thread)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lock = threading.Lock()
        self._wake = threading.Condition(self._lock)
        self._frame: QVideoFrame | None = None
        # (generation, text): a text read before the last stop() is dropped in the GUI thread.
        self._results: GuiHandoff[tuple[int, str]] = GuiHandoff(self._deliver, self)
        self._thread: threading.Thread | None = None
        self._stopping = False
        self._generation = 0  # bumped by clear(): results from older frames are dropped
        self.frames_read = 0
        self.frames_dropped = 0

    # Any thread ---------------------------------------------------------------------------
    def submit(self, frame: QVideoFrame) -> None:
        """Hand the worker a frame; replaces one still waiting. Safe from any thread."""
        from PySide6.QtMultimedia import QVideoFrame  # loaded by then: the frame is one

        with self._lock:
            if self._thread is None:
                return
            if self._frame is not None:
                self.frames_dropped += 1
            self._frame = QVideoFrame(frame)  # a shallow copy that owns a reference
            self._wake.notify()

    @property
    def busy(self) -> bool:
        with self._lock:
            return self._frame is not None

    # GUI thread ---------------------------------------------------------------------------
    def start(self) -> None:
        with self._lock:
            if self._thread is not None:
                return
            self._stopping = False
            self._thread = threading.Thread(target=self._run, name="camera-decoder", daemon=True)
            self._thread.start()

    def stop(self) -> None:
        """Stop the worker and forget what was waiting (returns once the thread has ended)."""
        with self._lock:
            thread, self._thread = self._thread, None
            self._stopping = True
            self._frame = None
            self._generation += 1
            self._results.clear()
            self._wake.notify()
        if thread is not None:
            thread.join()

    def _deliver(self, results: list[tuple[int, str]]) -> None:
        with self._lock:
            current = self._generation
        for generation, text in results:
            if generation == current:
                self.decoded.emit(text)

    # Worker thread ------------------------------------------------------------------------
    def _run(self) -> None:
        while True:
            with self._lock:
                while self._frame is None and not self._stopping:
                    self._wake.wait()
                if self._stopping:
                    return
                frame, self._frame = self._frame, None
                generation = self._generation
            assert frame is not None
            try:
                texts = read_qr_codes(frame)
            except Exception:  # a broken frame must not end the worker
                log.exception("camera: could not read a frame")
                continue
            del frame
            with self._lock:
                self.frames_read += 1
                if not texts or generation != self._generation:
                    continue
            for text in texts:
                self._results.put((generation, text))
