"""The ``regionlab-kiosk`` entry point: settings errors, and a real start on the offscreen
platform (windowed and full screen)."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from ui.main import main
from ui.main_window import MainWindow

pytestmark = pytest.mark.gui


def test_bad_settings_exit_2_with_a_message(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--site", "atlantis", "--data-dir", "/nonexistent/x"]) == 2
    assert "unknown site 'atlantis'" in capsys.readouterr().err


def _run_until_shown(
    qapp: QApplication, args: list[str], native_flags: list[Qt.WindowType] | None = None
) -> tuple[int, list[MainWindow]]:
    windows: list[MainWindow] = []

    def check() -> None:
        shown = [w for w in qapp.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        # Whole: the store opens, and the other screens are built, after the first paint.
        if shown and all(w.fully_built for w in shown):
            windows.extend(shown)
            if native_flags is not None:  # what the window system was asked for
                native_flags.extend(w.windowHandle().flags() for w in shown)
            qapp.exit(0)  # what SIGTERM does; main() closes the window itself
        else:
            QTimer.singleShot(20, check)

    QTimer.singleShot(0, check)
    return main(args), windows


@pytest.mark.parametrize("windowed", [True, False])
def test_main_starts_shows_the_start_screen_and_stops(
    qapp: QApplication,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
    windowed: bool,
) -> None:
    caplog.set_level(logging.INFO)
    # A provisioned kiosk (its store need not answer: it starts offline).
    monkeypatch.setenv("REGIONLAB_CENTRAL_URL", "http://127.0.0.1:9")
    monkeypatch.setenv("REGIONLAB_DEVICE_TOKEN", "rlk_not-used-here")
    args = ["--data-dir", str(tmp_path / "kiosk")] + (["--windowed"] if windowed else [])
    native_flags: list[Qt.WindowType] = []
    code, windows = _run_until_shown(qapp, args, native_flags)
    assert code == 0
    (window,) = windows
    screen = QGuiApplication.primaryScreen().geometry()
    if windowed:
        assert (window.width(), window.height()) == (1280, 800)
    else:
        # Sized to the screen, not left at the default size (the offscreen screen is smaller
        # than the kiosk's least size, so the window may overhang it here).
        geometry = window.geometry()
        assert geometry.topLeft() == screen.topLeft()
        assert geometry.width() >= screen.width() and geometry.height() >= screen.height()
        assert window.isFullScreen()
        assert window.windowFlags() & Qt.WindowType.FramelessWindowHint
        assert window.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
        # The native window has them too (they are set before it is made: ui.main._show).
        assert native_flags[0] & Qt.WindowType.FramelessWindowHint
        assert native_flags[0] & Qt.WindowType.WindowStaysOnTopHint
    assert not window.isVisible()
    assert "kiosk: stopped" in caplog.messages
    assert (tmp_path / "kiosk" / "kiosk.sqlite3").exists()
    window.deleteLater()


def test_a_kiosk_never_provisioned_shows_the_set_up_screen_first(
    qapp: QApplication, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from ui.screens.setup import SetupScreen

    caplog.set_level(logging.INFO)
    seen: list[str] = []

    def check() -> None:
        shown = [w for w in qapp.topLevelWidgets() if isinstance(w, SetupScreen) and w.isVisible()]
        if shown:
            seen.append(shown[0].title.text())
            qapp.exit(1)  # a signal, not provisioned: main() ends without the kiosk window
        else:
            QTimer.singleShot(20, check)

    QTimer.singleShot(0, check)
    assert main(["--data-dir", str(tmp_path / "kiosk"), "--windowed"]) == 0
    assert seen == ["Sett opp kiosken"]
    assert "kiosk: set-up screen shown" in caplog.messages
    assert not (tmp_path / "kiosk" / "kiosk.sqlite3").exists()
