"""The set-up screen of a new kiosk, offscreen, against the real store on a loopback port:
a code typed as a scanner types it is exchanged once, the settings and the token are saved
(the token 0600), and a used, expired or malformed code gets a clear message in nb, nn, en."""

from __future__ import annotations

import stat
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from central.cli import main as central_main
from kiosk.clock import SystemClock
from kiosk.provisioning import config_dir, parse_code
from kiosk.settings import KioskSettings, load_settings
from tests.fakes import FakeClock
from tests.processes import CentralServer, central_cli
from ui.i18n import Languages
from ui.screens.setup import SetupScreen
from ui.setup_flow import SetupFlow, needs_setup


def provision(server: CentralServer, clock: FakeClock | None = None) -> str:
    if clock is None:
        return central_cli(
            server.database_url,
            "kiosk",
            "provision",
            "--site",
            "lyngdal",
            "--central-url",
            server.url,
        )
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = central_main(
            [
                "kiosk",
                "provision",
                "--site",
                "lyngdal",
                "--central-url",
                server.url,
                "--database-url",
                server.database_url,
            ],
            clock=clock,
        )
    assert code == 0
    return out.getvalue().strip()


@pytest.fixture
def setup(qtbot: QtBot, tmp_path: Path) -> tuple[SetupScreen, SetupFlow]:
    screen = SetupScreen()
    qtbot.addWidget(screen)
    screen.resize(1280, 800)
    screen.show()
    settings = replace(KioskSettings(), data_dir=tmp_path / "kiosk")
    flow = SetupFlow(screen, settings, done_shown_ms=0, parent=screen)
    return screen, flow


def type_code(qtbot: QtBot, screen: SetupScreen, text: str) -> None:
    screen.field.clear()
    qtbot.keyClicks(screen.field, text)
    qtbot.keyClick(screen.field, Qt.Key.Key_Return)


def test_a_typed_code_provisions_the_kiosk_once(
    qtbot: QtBot, setup: tuple[SetupScreen, SetupFlow], central_server: CentralServer
) -> None:
    screen, flow = setup
    settings = KioskSettings()
    assert needs_setup(settings)
    code = provision(central_server)
    with qtbot.waitSignal(flow.provisioned, timeout=20_000):
        type_code(qtbot, screen, code)
    assert screen.state() == "done" and "lyngdal-1" in screen.message.text()
    token_file = config_dir() / "device-token"
    assert stat.S_IMODE(token_file.stat().st_mode) == 0o600
    loaded = load_settings([])  # what the kiosk loads next: the config folder's files
    assert loaded.central_url == central_server.url
    assert loaded.site == "lyngdal"
    assert loaded.device_token == token_file.read_text().strip()
    assert not needs_setup(loaded)
    # The code is spent: a second kiosk typing it is told so.
    second = SetupScreen()
    qtbot.addWidget(second)
    other = SetupFlow(second, KioskSettings(), done_shown_ms=0, parent=second)
    type_code(qtbot, second, code)
    qtbot.waitUntil(lambda: second.state() == "used", timeout=20_000)
    assert "allerede brukt" in second.message.text()
    assert not other.done


def test_an_expired_code_is_refused_with_a_message_in_each_language(
    qtbot: QtBot,
    qapp: QApplication,
    setup: tuple[SetupScreen, SetupFlow],
    central_server: CentralServer,
) -> None:
    screen, flow = setup
    yesterday = FakeClock(SystemClock().now() - timedelta(hours=25))
    code = provision(central_server, yesterday)
    type_code(qtbot, screen, code)
    qtbot.waitUntil(lambda: screen.state() == "expired", timeout=20_000)
    expected = {"nb": "utløpt", "nn": "gått ut", "en": "expired"}
    languages = Languages("nb")
    try:
        for language, words in expected.items():
            languages.choose(language)
            assert words in screen.message.text(), language
    finally:
        languages.close()
    assert not flow.done
    assert not (config_dir() / "device-token").exists()


def test_malformed_or_unreachable_codes_say_what_is_wrong(
    qtbot: QtBot, setup: tuple[SetupScreen, SetupFlow], tmp_path: Path
) -> None:
    screen, flow = setup
    for text in ("hello", "RLP1 ftp://x ABCD-EFGH-JKMN-PQRS", "RLP1 https://x ABC", "RLP1"):
        type_code(qtbot, screen, text)
        assert screen.state() == "bad_code", text
        assert "RLP1" in screen.message.text()
    type_code(qtbot, screen, "RLP1 HTTP://192.0.2.1:8470 ABCD-EFGH-JKMN-PQRS")
    qtbot.waitUntil(lambda: screen.state() == "insecure", timeout=5_000)
    assert "https" in screen.message.text()
    type_code(qtbot, screen, "RLP1 http://127.0.0.1:9 ABCD-EFGH-JKMN-PQRS")  # nothing there
    qtbot.waitUntil(lambda: screen.state() == "unreachable", timeout=20_000)
    assert "http://127.0.0.1:9" in screen.message.text()
    assert not flow.done


def test_the_on_screen_keys_type_a_code(qtbot: QtBot, setup: tuple[SetupScreen, SetupFlow]) -> None:
    screen, _ = setup
    from PySide6.QtWidgets import QPushButton

    keys = {b.text(): b for b in screen.findChildren(QPushButton) if b.property("role") == "key"}
    for char in "RLP1":
        qtbot.mouseClick(keys[char], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(screen.space, Qt.MouseButton.LeftButton)
    for char in "HTTPS://A.B":
        qtbot.mouseClick(keys[char], Qt.MouseButton.LeftButton)
    assert screen.field.text() == "RLP1 HTTPS://A.B"
    qtbot.mouseClick(screen.backspace, Qt.MouseButton.LeftButton)
    assert screen.field.text() == "RLP1 HTTPS://A."
    for button in [*keys.values(), screen.use, screen.space, screen.backspace, screen.clear]:
        assert button.width() >= 44 and button.height() >= 44
    parsed = parse_code("rlp1 HTTPS://Kiosk.Example.NO/Store/ abcd-efgh-jkmn-pqrs")
    assert parsed.central_url == "https://kiosk.example.no/Store"
    assert parsed.secret == "ABCD-EFGH-JKMN-PQRS"


def test_a_code_held_to_the_camera_provisions_the_kiosk(
    qtbot: QtBot, tmp_path: Path, central_server: CentralServer
) -> None:
    from tests.camera_frames import text_frame
    from tests.frame_feeder import FrameFeeder
    from ui.camera.decoder import FrameDecoder
    from ui.setup_flow import CodeCamera

    screen = SetupScreen()
    qtbot.addWidget(screen)
    feeder = FrameFeeder()
    camera = CodeCamera(feeder, FrameDecoder(), parent=screen)
    flow = SetupFlow(screen, KioskSettings(), camera=camera, done_shown_ms=0, parent=screen)
    camera.start()
    try:
        code = provision(central_server)
        with qtbot.waitSignal(flow.provisioned, timeout=20_000):
            assert feeder.feed(text_frame(code))
    finally:
        camera.stop()
    assert screen.field.text() == code
    assert load_settings([]).device_token == (config_dir() / "device-token").read_text().strip()


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
@pytest.mark.parametrize("state", ["idle", "expired", "unreachable"])
def test_the_set_up_screen_is_readable_and_fits_in_each_language(
    qtbot: QtBot, language: str, state: str
) -> None:
    from ui import theme
    from ui.tour import MIN_CONTRAST, measure

    languages = Languages(language)
    try:
        screen = SetupScreen()
        qtbot.addWidget(screen)
        screen.setStyleSheet(theme.style_sheet())
        screen.resize(1280, 800)
        screen.field.setText("RLP1 HTTPS://STORE.EXAMPLE.NO K7QH-3MZP-W9XD-T2BA")
        if state != "idle":
            screen.show_failure(state, "https://store.example.no")
        screen.show()
        qtbot.waitExposed(screen)
        found = measure(screen)
        assert found.clipped == [] and found.low_contrast == [] and found.unnamed == []
        assert found.small_targets == [] and found.min_target_px >= 44
        assert found.min_contrast >= MIN_CONTRAST
        # Everything fits the tablet's screen: nothing laid out past its bottom edge.
        assert screen.sizeHint().height() <= 800 or screen.minimumSizeHint().height() <= 800
        assert screen.clear.geometry().bottom() <= screen.height()
    finally:
        languages.close()
