"""``regionlab-kiosk --self-test``: open every screen offscreen and exit 0, or 1 with the reason.

Meant for a freshly built bundle (``make bundle``) as much as for the source tree: it starts the
real kiosk core on a temporary data folder, pointed at a store on a loopback port that nobody
listens on (offline is the kiosk's normal state, so that must work), builds the real window with
its real camera, sounds and speech, shows each screen the window holds (whatever flows
registered them, so screens added later are covered) in each language and paints it, lets the
sync thread try the store once, and checks that the files and Qt plugins the kiosk needs are
there: the translations, the sounds, a multimedia backend, the image formats, and the modules the
kiosk imports only when first used (``DEFERRED_MODULES``).

It fails on any log record with a traceback or at ERROR level, any exception that reached Qt's
event loop, a thread or the garbage collector, and any missing file or plugin; each reason goes
to stderr, one a line.
"""

from __future__ import annotations

import logging
import os
import socket
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import TextIO

SYNC_WAIT_S = 15.0


class _Problems(logging.Handler):
    """Collects every reason to fail: bad log records and exceptions nobody caught."""

    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.reasons: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.exc_info or record.levelno >= logging.ERROR:
            text = self.format(record)
            self.reasons.append(f"logged {record.levelname} from {record.name}: {text}")

    def add(self, reason: str) -> None:
        self.reasons.append(reason)


@contextmanager
def _watching(problems: _Problems) -> Iterator[None]:
    root = logging.getLogger()
    root.addHandler(problems)
    old_level = root.level
    root.setLevel(min(old_level or logging.INFO, logging.INFO))
    old_hooks = (sys.excepthook, threading.excepthook, sys.unraisablehook)

    def excepthook(
        kind: type[BaseException], value: BaseException, tb: TracebackType | None
    ) -> None:
        problems.add(f"uncaught {kind.__name__}: {value}")
        old_hooks[0](kind, value, tb)

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        problems.add(f"uncaught {args.exc_type.__name__} in a thread: {args.exc_value}")
        old_hooks[1](args)

    def unraisable_hook(args: sys.UnraisableHookArgs) -> None:
        problems.add(f"unraisable {args.exc_type.__name__}: {args.exc_value}")
        old_hooks[2](args)

    sys.excepthook, threading.excepthook, sys.unraisablehook = (
        excepthook,
        thread_hook,
        unraisable_hook,
    )
    try:
        yield
    finally:
        sys.excepthook, threading.excepthook, sys.unraisablehook = old_hooks
        root.removeHandler(problems)
        root.setLevel(old_level)


def _closed_loopback_port() -> int:
    """A loopback port nobody listens on (it was free a moment ago)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _check_files(problems: _Problems) -> None:
    from PySide6.QtCore import QTranslator

    from kiosk.settings import LANGUAGES
    from ui.i18n import SOURCE_LANGUAGE, translations_dir
    from ui.sound import SOUNDS_DIR

    for language in LANGUAGES:
        if language != SOURCE_LANGUAGE and not QTranslator().load(
            f"regionlab_{language}", str(translations_dir())
        ):
            problems.add(f"translation regionlab_{language}.qm missing in {translations_dir()}")
    for name in ("read.wav", "success.wav", "failure.wav"):
        if not (SOUNDS_DIR / name).is_file():
            problems.add(f"sound {name} missing in {SOUNDS_DIR}")


# What the kiosk imports only when first used, not at start-up (issue 13): starting the kiosk
# no longer shows that they are there (a bundle's analysis could miss one), so they are checked
# here, with what would fail without each.
DEFERRED_MODULES = {
    "qrcode": "a guest's badge (its QR code)",
    "phonenumbers": "a guest's phone number",
    "rapidfuzz.process": "name search with typos",
    "rapidfuzz.distance.OSA": "name search with typos",
    "alembic.command": "migrating the local store",
    "pydantic": "reading the store's feed",
    "requests": "talking to the store",
}


def _check_modules(problems: _Problems) -> None:
    import importlib

    for name, needed_for in DEFERRED_MODULES.items():
        try:
            importlib.import_module(name)
        except ImportError as exc:
            problems.add(f"module {name} missing ({needed_for} cannot work): {exc}")


def _check_plugins(problems: _Problems) -> None:
    from PySide6.QtGui import QImageReader
    from PySide6.QtMultimedia import QMediaFormat

    formats = {bytes(f.data()).decode() for f in QImageReader.supportedImageFormats()}
    for needed in ("png", "jpg", "svg"):
        if needed not in formats:
            problems.add(f"Qt image format plugin for {needed} missing (have {sorted(formats)})")
    if not QMediaFormat().supportedFileFormats(QMediaFormat.ConversionMode.Decode):
        problems.add("no Qt Multimedia backend (FFmpeg): sounds and the camera cannot work")
    from PySide6.QtTextToSpeech import QTextToSpeech

    engines = QTextToSpeech.availableEngines()
    logging.getLogger(__name__).info("self-test: speech engines: %s", ", ".join(engines) or "none")


def _tour_screens(problems: _Problems) -> int:
    """Build the real kiosk offscreen and show every screen in every language; the count."""
    from PySide6.QtWidgets import QApplication, QScrollArea

    from kiosk.app import KioskCore
    from kiosk.domain import SyncState
    from kiosk.settings import LANGUAGES, KioskSettings
    from ui.app import build_window
    from ui.i18n import Languages

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    shown = 0
    with tempfile.TemporaryDirectory(prefix="regionlab-self-test-") as folder:
        settings = KioskSettings(
            central_url=f"http://127.0.0.1:{_closed_loopback_port()}",
            device_token="self-test",  # never accepted: no store answers there
            data_dir=Path(folder),
            windowed=True,
        ).validated()
        core = KioskCore.open(settings)
        languages = Languages(settings.language)
        window = build_window(core, languages=languages)
        try:
            window.resize(1280, 800)
            window.show()
            core.sync.start()
            for language in LANGUAGES:
                languages.choose(language)
                for index in range(window.stack.count()):
                    page = window.stack.widget(index)
                    screen = page.widget() if isinstance(page, QScrollArea) else page
                    if screen is None:
                        problems.add(f"page {index} of the window holds no screen")
                        continue
                    window.show_screen(screen)
                    app.processEvents()
                    if window.grab().isNull():
                        problems.add(f"screen {screen.objectName() or index} did not paint")
                    shown += 1
                window.go_start()
            deadline = time.monotonic() + SYNC_WAIT_S
            while core.sync.status().state is SyncState.NEVER_SYNCED and (
                core.sync.status().problem is None and time.monotonic() < deadline
            ):
                app.processEvents()
                time.sleep(0.05)
            if core.sync.status().problem is None:
                problems.add("the sync thread never tried the store")
        finally:
            window.close()
            window.remove_input_filters()
            languages.close()
            core.close()
            app.processEvents()
    return shown


def _setup_screen(problems: _Problems) -> int:
    """The set-up screen a kiosk shows before it is provisioned (not in the window's stack):
    each language, with a refusal shown; the count."""
    from PySide6.QtWidgets import QApplication

    from kiosk.settings import LANGUAGES
    from ui import theme
    from ui.i18n import Languages
    from ui.screens.setup import SetupScreen

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    languages = Languages(LANGUAGES[0])
    screen = SetupScreen()
    try:
        screen.setStyleSheet(theme.style_sheet())
        screen.resize(1280, 800)
        screen.show()
        screen.show_failure("used")
        for language in LANGUAGES:
            languages.choose(language)
            app.processEvents()
            if screen.grab().isNull():
                problems.add(f"the set-up screen did not paint in {language}")
    finally:
        screen.close()
        screen.deleteLater()
        languages.close()
        app.processEvents()
    return len(LANGUAGES)


def run(stderr: TextIO | None = None) -> int:
    """The self-test; 0 when everything worked, else 1 with each reason on ``stderr``."""
    stderr = stderr if stderr is not None else sys.stderr
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    started = time.monotonic()
    problems = _Problems()
    problems.setFormatter(logging.Formatter("%(message)s"))
    shown = 0
    with _watching(problems):
        try:
            from PySide6.QtWidgets import QApplication

            if QApplication.instance() is None:
                app = QApplication(["regionlab-kiosk"])
                app.setApplicationName("regionlab-kiosk")
            _check_files(problems)
            _check_modules(problems)
            _check_plugins(problems)
            shown = _tour_screens(problems) + _setup_screen(problems)
        except Exception as exc:  # noqa: BLE001 - the reason is the test's result
            import traceback

            problems.add(f"self-test stopped: {exc!r}\n{traceback.format_exc()}")
    from kiosk.resources import frozen, version

    where = "bundle" if frozen() else "source"
    took = time.monotonic() - started
    if problems.reasons:
        for reason in problems.reasons:
            print(f"regionlab-kiosk --self-test: {reason}", file=stderr)
        print(f"regionlab-kiosk {version()} ({where}): self-test FAILED", file=stderr)
        return 1
    print(f"regionlab-kiosk {version()} ({where}): self-test passed, {shown} screens, {took:.1f} s")
    return 0
