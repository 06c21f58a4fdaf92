"""The live camera picture on the scan screen: mirrored like a selfie view, with a guide frame.

``CameraPreview`` owns the ``QVideoSink`` the camera (or a test's frame feeder) writes into.
Frames may arrive on any thread: ``_frame_arrived`` runs where the frame is delivered and hands
it to the GUI thread through ``ui.gui_handoff`` (only the newest waiting frame is kept); the
picture is converted and painted in the GUI thread, once per frame actually shown. The picture
is drawn mirrored (people move the pass the way they see it move); the frame handed to the
decoder is never mirrored. The sink is made when it is first asked for (the camera's first
start): Qt Multimedia is not imported, nor its backend loaded, at start-up (issue 13).

The guide frame tells the visitor where to hold the code; after a read it turns green and shows
a tick (the shape says it, not only the colour).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from ui import theme
from ui.gui_handoff import GuiHandoff

if TYPE_CHECKING:
    from PySide6.QtMultimedia import QVideoFrame, QVideoSink

READ_FLASH_MS = 1200


def picture_of(frame: QVideoFrame) -> QImage:
    """The frame as an image to paint: RGB frames copied straight from memory, others (YUV from
    a camera) converted by Qt."""
    from PySide6.QtMultimedia import QVideoFrame, QVideoFrameFormat

    image_format = QVideoFrameFormat.imageFormatFromPixelFormat(frame.pixelFormat())
    if image_format != QImage.Format.Format_Invalid and frame.map(QVideoFrame.MapMode.ReadOnly):
        try:
            bits = frame.bits(0)
            if bits is not None:
                return QImage(
                    bits, frame.width(), frame.height(), frame.bytesPerLine(0), image_format
                ).copy()
        finally:
            frame.unmap()
    return frame.toImage()


class CameraPreview(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cameraPreview")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(QSize(320, 180))
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self._sink: QVideoSink | None = None
        self._frames: GuiHandoff[QVideoFrame] = GuiHandoff(self._take_frame, self, newest_only=True)
        self._image: QImage | None = None
        self.frames_painted = 0
        self._read_flash = QTimer(self)
        self._read_flash.setSingleShot(True)
        self._read_flash.setInterval(READ_FLASH_MS)
        self._read_flash.timeout.connect(self.update)

    @property
    def sink(self) -> QVideoSink:
        """Where the camera delivers frames (made at the first ask)."""
        if self._sink is None:
            from PySide6.QtMultimedia import QVideoSink

            self._sink = QVideoSink(self)
            self._sink.videoFrameChanged.connect(
                self._frame_arrived, Qt.ConnectionType.DirectConnection
            )
        return self._sink

    def sizeHint(self) -> QSize:
        return QSize(800, 450)

    @property
    def has_picture(self) -> bool:
        return self._image is not None

    def clear(self) -> None:
        """Forget the last picture (the camera stopped: nothing of it stays on screen)."""
        self._frames.clear()
        self._image = None
        self._read_flash.stop()
        self.update()

    def show_read(self) -> None:
        """A code was read: the guide frame turns green with a tick for a moment."""
        self._read_flash.start()
        self.update()

    @property
    def showing_read(self) -> bool:
        return self._read_flash.isActive()

    # Any thread ---------------------------------------------------------------------------
    def _frame_arrived(self, frame: QVideoFrame) -> None:
        from PySide6.QtMultimedia import QVideoFrame  # loaded by then: the frame is one

        self._frames.put(QVideoFrame(frame))  # a shallow copy that owns a reference

    # GUI thread ---------------------------------------------------------------------------
    def _take_frame(self, frames: list[QVideoFrame]) -> None:
        frame = frames[-1]
        if not frame.isValid():
            return
        image = picture_of(frame)
        if not image.isNull():
            self._image = image
            self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        del event
        p = QPainter(self)
        area = QRectF(self.rect())
        p.fillRect(area, QColor(theme.TEXT))
        image = self._image
        if image is not None:
            # Fill the widget, keeping the aspect ratio (crop the sides), mirrored.
            scale = max(area.width() / image.width(), area.height() / image.height())
            w, h = image.width() * scale, image.height() * scale
            target = QRectF((area.width() - w) / 2, (area.height() - h) / 2, w, h)
            p.save()
            p.translate(area.width(), 0)
            p.scale(-1, 1)
            p.drawImage(target, image)
            p.restore()
            self.frames_painted += 1
        self._paint_guide(p, area)
        p.end()

    def _paint_guide(self, p: QPainter, area: QRectF) -> None:
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        side = min(area.width(), area.height()) * 0.7
        guide = QRectF(area.center().x() - side / 2, area.center().y() - side / 2, side, side)
        read = self.showing_read
        colour = QColor(theme.SUCCESS if read else theme.ON_PRIMARY)
        corner = side * 0.22
        # A dark outline under the light corners keeps them visible on any picture.
        for pen_colour, width in ((QColor(theme.TEXT), 14.0), (colour, 8.0)):
            pen = QPen(pen_colour, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
            p.setPen(pen)
            for cx, cy, dx, dy in (
                (guide.left(), guide.top(), 1, 1),
                (guide.right(), guide.top(), -1, 1),
                (guide.left(), guide.bottom(), 1, -1),
                (guide.right(), guide.bottom(), -1, -1),
            ):
                path = QPainterPath(QPointF(cx, cy + dy * corner))
                path.lineTo(cx, cy)
                path.lineTo(cx + dx * corner, cy)
                p.drawPath(path)
        if read:
            r = side * 0.18
            centre = guide.center()
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor(theme.SUCCESS))
            p.drawEllipse(centre, r, r)
            pen = QPen(QColor(theme.ON_PRIMARY), r / 4, Qt.PenStyle.SolidLine)
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            p.setPen(pen)
            tick = QPainterPath(QPointF(centre.x() - r * 0.45, centre.y() + r * 0.02))
            tick.lineTo(centre.x() - r * 0.1, centre.y() + r * 0.35)
            tick.lineTo(centre.x() + r * 0.5, centre.y() - r * 0.35)
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawPath(tick)
