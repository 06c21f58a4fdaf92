"""Check in with a QR pass: hold it to the camera (live picture with a guide frame) or the scanner.

The screen owns the camera pipeline while it is shown: ``start_camera`` when it opens,
``stop_camera`` when it closes (privacy and power: the camera is off on every other screen).
Frames go from the source into the preview's ``QVideoSink``; from there to the preview (what the
visitor sees) and to the decoder (a worker thread). Each text the decoder reads is emitted as
``code_read``; the window passes it on the same path as a scanner's burst.

Without a camera (none, unplugged, failed, not allowed) the picture is replaced by a calm text
pointing to the scanner and to name search; the camera comes back by itself when plugged in.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStackedLayout,
    QVBoxLayout,
    QWidget,
)

from ui.camera.decoder import FrameDecoder
from ui.camera.preview import CameraPreview
from ui.camera.sound import Sound
from ui.camera.source import CameraState, FrameSource

log = logging.getLogger(__name__)


class ScanHelpScreen(QWidget):
    back_requested = Signal()
    """The visitor wants to go back to the start screen."""
    code_read = Signal(str)
    """The camera read a QR code; the text, as a scanner would type it."""

    def __init__(
        self,
        source: FrameSource,
        decoder: FrameDecoder,
        sound: Sound,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("scanHelpScreen")
        self.source, self.decoder, self.sound = source, decoder, sound
        self.source.setParent(self)
        self.decoder.setParent(self)
        self.camera_on = False
        self._camera_state = CameraState.OFF

        self.back_button = QPushButton(self)
        self.back_button.clicked.connect(self.back_requested)
        self.heading = heading = QLabel(self)
        heading.setObjectName("title")
        heading.setWordWrap(True)  # large text: it wraps instead of pushing past the edge

        self.preview = CameraPreview(self)
        self.camera_message = QLabel(self)
        self.camera_message.setObjectName("cameraMessage")
        self.camera_message.setWordWrap(True)
        self.camera_message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.camera_message.setMargin(32)
        self.camera_starting = QLabel(self)
        self.camera_starting.setObjectName("cameraMessage")
        self.camera_starting.setAlignment(Qt.AlignmentFlag.AlignCenter)
        picture = QWidget(self)
        picture.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._picture = QStackedLayout(picture)
        for widget in (self.preview, self.camera_message, self.camera_starting):
            self._picture.addWidget(widget)

        self.instruction = QLabel(self)
        self.instruction.setObjectName("heading")
        self.instruction.setWordWrap(True)
        self.scanner_hint = QLabel(self)
        self.scanner_hint.setObjectName("resultDetail")
        self.scanner_hint.setWordWrap(True)
        self.fallback = fallback = QLabel(self)
        fallback.setObjectName("muted")
        fallback.setWordWrap(True)

        bar = QHBoxLayout()
        bar.addWidget(self.back_button)
        bar.addSpacing(32)
        bar.addWidget(heading, 1)

        side = QVBoxLayout()
        side.addWidget(self.instruction)
        side.addSpacing(24)
        side.addWidget(self.scanner_hint)
        side.addStretch(1)
        side.addWidget(fallback)

        body = QHBoxLayout()
        body.setSpacing(40)
        body.addWidget(picture, 3)
        body.addLayout(side, 2)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 32, 48, 40)
        layout.addLayout(bar)
        layout.addSpacing(24)
        layout.addLayout(body, 1)

        self._wired = False  # the sink's paths, made at the camera's first start
        self.decoder.decoded.connect(self._decoded)
        self.source.state_changed.connect(self._camera_state_changed)
        self._camera_state_changed(self.source.state)
        self.retranslate()

    def retranslate(self) -> None:
        """Set every text in the current language (at start, and whenever it changes)."""
        self.back_button.setText("‹ " + self.tr("Tilbake"))
        self.back_button.setAccessibleName(self.tr("Tilbake"))
        self.back_button.setAccessibleDescription(self.tr("Tilbake til startskjermen"))
        self.heading.setText(self.tr("Sjekk inn med QR-kode"))
        self.camera_message.setText(
            self.tr("Kameraet er ikke tilgjengelig. Bruk skanneren eller sjekk inn med navn.")
        )
        self.camera_starting.setText(self.tr("Kameraet starter …"))
        self.fallback.setText(
            self.tr("Har du ikke passet med deg? Gå tilbake og sjekk inn med navn.")
        )
        self._show_instructions()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # Camera lifecycle ---------------------------------------------------------------------
    def start_camera(self) -> None:
        if self.camera_on:
            return
        self.camera_on = True
        if not self._wired:
            # Sink → preview (GUI thread) and sink → decoder (wherever the frame is delivered).
            # Here, not when the screen is built: the sink is Qt Multimedia's, and the kiosk
            # paints its start screen before it loads that (issue 13).
            self._wired = True
            self.source.attach(self.preview.sink)
            self.preview.sink.videoFrameChanged.connect(
                self.decoder.submit, Qt.ConnectionType.DirectConnection
            )
        self.decoder.start()
        self.source.start()
        self._camera_state_changed(self.source.state)

    def stop_camera(self) -> None:
        if not self.camera_on:
            return
        self.camera_on = False
        self.source.stop()
        self.decoder.stop()
        self.preview.clear()

    def confirm_read(self) -> None:
        """A read code was taken: the tone, and the guide frame shows a tick."""
        self.sound.play()
        self.preview.show_read()

    @property
    def camera_available(self) -> bool:
        return self.source.state in (CameraState.STARTING, CameraState.RUNNING)

    def _camera_state_changed(self, state: CameraState) -> None:
        self._camera_state = state
        if state is CameraState.UNAVAILABLE:
            self._picture.setCurrentWidget(self.camera_message)
            self.preview.clear()
        elif state is CameraState.STARTING:
            self._picture.setCurrentWidget(self.camera_starting)
        else:  # RUNNING, or OFF (nothing is shown then)
            self._picture.setCurrentWidget(self.preview)
        self._show_instructions()

    def _show_instructions(self) -> None:
        if self._camera_state is CameraState.UNAVAILABLE:
            self.instruction.setText(self.tr("Hold QR-koden mot skanneren"))
            self.scanner_hint.setText(self.tr("Skanneren står ved siden av skjermen."))
            return
        self.instruction.setText(self.tr("Hold QR-koden inne i rammen"))
        self.scanner_hint.setText(
            self.tr("Du kan også holde koden mot skanneren ved siden av skjermen.")
        )

    def _decoded(self, text: str) -> None:
        if not self.camera_on:
            return  # read from a frame that arrived just before the camera stopped
        self.code_read.emit(text)
