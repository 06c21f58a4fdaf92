"""First start without settings: the set-up screen, until the kiosk is provisioned.

``needs_setup`` says whether the kiosk has a store to talk to; ``run_setup`` shows the set-up
screen and runs the event loop until a code was exchanged and saved (``kiosk.provisioning``);
the caller then loads the settings again and starts the normal kiosk. The exchange (a request
to the store) runs on a thread of its own; its answer comes back through a ``GuiHandoff``.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QWidget

from kiosk import provisioning
from kiosk.provisioning import Provisioned, ProvisioningCode, ProvisioningFailed
from kiosk.settings import KioskSettings
from ui import theme
from ui.camera.decoder import FrameDecoder
from ui.camera.source import CameraSource, FrameSource
from ui.gui_handoff import GuiHandoff
from ui.i18n import Languages
from ui.screens.setup import SetupScreen

log = logging.getLogger("ui.setup")

DONE_SHOWN_MS = 1500  # the "set up as ..." message stays this long before the kiosk starts

Exchange = Callable[[ProvisioningCode], Provisioned]
Outcome = Provisioned | ProvisioningFailed


def needs_setup(settings: KioskSettings) -> bool:
    """A kiosk without a central store to talk to has not been provisioned yet."""
    return not settings.central_url


class CodeCamera(QObject):
    """The camera reading QR codes while the set-up screen shows (no picture: the screen has
    the keys instead). Without a camera it reads nothing, and the scanner and keys remain."""

    read = Signal(str)

    def __init__(
        self, source: FrameSource, decoder: FrameDecoder, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.source, self.decoder = source, decoder
        source.setParent(self)
        decoder.setParent(self)
        from PySide6.QtMultimedia import QVideoSink  # here: the kiosk starts without it

        self.sink = QVideoSink(self)
        source.attach(self.sink)
        self.sink.videoFrameChanged.connect(decoder.submit, Qt.ConnectionType.DirectConnection)
        decoder.decoded.connect(self.read)

    def start(self) -> None:
        self.decoder.start()
        self.source.start()

    def stop(self) -> None:
        self.source.stop()
        self.decoder.stop()


class SetupFlow(QObject):
    provisioned = Signal()
    """The code was exchanged and the settings saved: start the kiosk."""

    def __init__(
        self,
        screen: SetupScreen,
        settings: KioskSettings,
        *,
        exchange: Exchange | None = None,
        camera: CodeCamera | None = None,
        done_shown_ms: int = DONE_SHOWN_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.screen = screen
        self._settings = settings
        self._exchange = exchange or self._exchange_over_http
        self._done_shown_ms = done_shown_ms
        self.done = False
        self._url = ""
        self._answers: GuiHandoff[Outcome] = GuiHandoff(self._answered, self)
        screen.submitted.connect(self.submit)
        self._camera_text = ""
        if camera is not None:
            camera.read.connect(self._camera_read)

    def _camera_read(self, text: str) -> None:
        """A QR held to the camera: used like a scan, once per code unless the store could not
        be reached (then holding it again tries again)."""
        retry = self.screen.state() in ("unreachable", "store_error", "tls")
        if self.screen.state() in ("working", "done") or (text == self._camera_text and not retry):
            return
        self._camera_text = text
        log.info("setup: the camera read a code")
        self.screen.field.setText(text)
        self.submit(text)

    def _exchange_over_http(self, code: ProvisioningCode) -> Provisioned:
        return provisioning.exchange(
            code,
            ca_file=self._settings.ca_file,
            allow_insecure_http=self._settings.allow_insecure_http,
        )

    def submit(self, text: str) -> None:
        try:
            code = provisioning.parse_code(text)
        except ProvisioningFailed as failed:
            log.info("setup: not a provisioning code (%d characters)", len(text))
            self.screen.show_failure(failed.reason)
            return
        self.screen.show_working()
        self._url = code.central_url
        log.info("setup: exchanging a provisioning code with %s", code.central_url)
        threading.Thread(
            target=self._run, args=(code,), name="kiosk-provisioning", daemon=True
        ).start()

    def _run(self, code: ProvisioningCode) -> None:
        outcome: Outcome
        try:
            outcome = self._exchange(code)
        except ProvisioningFailed as failed:
            outcome = failed
        except Exception as exc:  # a bug must not leave the screen "working" for ever
            log.exception("setup: the exchange failed unexpectedly")
            outcome = ProvisioningFailed("store_error", type(exc).__name__)
        self._answers.put(outcome)

    def _answered(self, outcomes: list[Outcome]) -> None:
        for outcome in outcomes:
            if isinstance(outcome, ProvisioningFailed):
                log.info("setup: provisioning refused: %s", outcome.reason)
                self.screen.show_failure(outcome.reason, self._url)
                continue
            try:
                folder = provisioning.save(outcome, ca_file=self._settings.ca_file)
            except ProvisioningFailed as failed:
                log.error("setup: cannot save the settings: %s", failed)
                self.screen.show_failure(failed.reason)
                continue
            log.info(
                "setup: provisioned as %s at site %s; settings in %s",
                outcome.kiosk_name,
                outcome.site,
                folder,
            )
            self.done = True
            self.screen.show_done(outcome.kiosk_name)
            QTimer.singleShot(self._done_shown_ms, self.provisioned.emit)


def run_setup(app: QApplication, settings: KioskSettings, show: Callable[[QWidget], None]) -> bool:
    """Show the set-up screen until the kiosk is provisioned (True) or the loop ends (False:
    a signal asked the kiosk to stop)."""
    languages = Languages(settings.language)
    screen = SetupScreen()
    screen.setStyleSheet(theme.style_sheet())
    screen.language_chosen.connect(languages.choose)
    camera = CodeCamera(CameraSource(settings.camera), FrameDecoder(), parent=screen)
    flow = SetupFlow(screen, settings, camera=camera, parent=screen)
    flow.provisioned.connect(lambda: app.exit(0))
    try:
        show(screen)
        screen.field.setFocus()
        camera.start()
        log.info("kiosk: set-up screen shown")
        app.exec()
    finally:
        camera.stop()
        screen.close()
        languages.close()
        screen.deleteLater()
    return flow.done
