"""UI test setup: offscreen Qt, and a kiosk window built on the real core in a temp folder.

``make_kiosk`` builds the window with ``ui.app.build_window`` on the seeded ``kiosk_core``
from ``tests/conftest.py`` (real SQLite, synced once from the in-memory central store), shows
it at the tablet's size and records every message shown to the visitor.
"""

from __future__ import annotations

import os

# Before anything imports Qt: no display needed.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TypeVar

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from kiosk import outbox
from kiosk.app import KioskCore
from kiosk.settings import KioskSettings
from tests.frame_feeder import RecordingSound
from ui.app import build_window
from ui.desk_flow import DeskFlow
from ui.main_window import MainWindow
from ui.messages import Message, MessageBridge
from ui.screens.confirm import ConfirmScreen
from ui.screens.desk_needs import DeskNeedsScreen
from ui.screens.floor_map import FloorMapScreen
from ui.screens.identify import IdentifyScreen
from ui.screens.name_search import NameSearchScreen
from ui.screens.result import ResultScreen
from ui.screens.scan_help import ScanHelpScreen
from ui.sound import SoundCues
from ui.speech import RecordingSpeaker

T = TypeVar("T")

TABLET = (1280, 800)
HERE = Path(__file__).resolve().parent

# Noise fails the suite: any Qt warning, except what the offscreen platform says about
# window-manager features it does not have.
_QT_PLATFORM_NOISE = [
    r"This plugin does not support propagateSizeHints\(\)",
    r"This plugin does not support raise\(\)",
    r"This plugin does not support setParent\(\)",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.qt_log_level_fail("WARNING"))
            item.add_marker(pytest.mark.qt_log_ignore(*_QT_PLATFORM_NOISE))


@pytest.fixture
def kiosk_settings(tmp_path: Any) -> KioskSettings:
    """Short confirmation time, so "returns to start by itself" takes a moment, not seconds."""
    return replace(
        KioskSettings(),
        data_dir=tmp_path / "kiosk",
        site="lyngdal",
        windowed=True,
        confirmation_s=0.3,
        idle_timeout_s=30.0,
    )


@dataclass
class SteppedMonotonic:
    """A monotonic clock for the scanner: real time plus whatever a test skips ahead, and an
    optional fixed step per reading (to play a person typing slowly)."""

    step_s: float = 0.0
    offset_s: float = 0.0

    def __call__(self) -> float:
        self.offset_s += self.step_s
        return time.monotonic() + self.offset_s

    def skip(self, seconds: float) -> None:
        self.offset_s += seconds


@dataclass
class Kiosk:
    """The running window and what a test needs around it."""

    window: MainWindow
    core: KioskCore
    qtbot: QtBot
    monotonic: SteppedMonotonic
    speaker: RecordingSpeaker
    cues: SoundCues
    messages: list[Message] = field(default_factory=list)

    # The screens, found where their flows put them (the window itself only knows ``start``).
    def _only(self, kind: type[T]) -> T:
        found = self.window.findChildren(kind)
        assert len(found) == 1, (kind, found)
        return found[0]

    @property
    def name_search(self) -> NameSearchScreen:
        return self._only(NameSearchScreen)

    @property
    def floor_map(self) -> FloorMapScreen:
        return self._only(FloorMapScreen)

    @property
    def confirm(self) -> ConfirmScreen:
        return self._only(ConfirmScreen)

    @property
    def scan_help(self) -> ScanHelpScreen:
        return self._only(ScanHelpScreen)

    def _identify(self, name: str) -> IdentifyScreen:
        """One of the "pass or name?" screens, by the name its flow gave it."""
        found = self.window.findChildren(IdentifyScreen, name)
        assert len(found) == 1, (name, found)
        return found[0]

    @property
    def desk_identify(self) -> IdentifyScreen:
        return self._identify("deskIdentifyScreen")

    @property
    def checkout(self) -> IdentifyScreen:
        return self._identify("checkoutScreen")

    @property
    def lunch_signup(self) -> IdentifyScreen:
        return self._identify("lunchSignupScreen")

    @property
    def desk_needs(self) -> DeskNeedsScreen:
        return self._only(DeskNeedsScreen)

    @property
    def result(self) -> ResultScreen:
        return self._only(ResultScreen)

    @property
    def desk_flow(self) -> DeskFlow:
        return self._only(DeskFlow)

    def scan(self, token: str) -> None:
        """What a handheld scanner does: type the token in one burst and press Return."""
        self.qtbot.keyClicks(self.window, token)
        self.qtbot.keyClick(self.window, Qt.Key.Key_Return)

    def click(self, button: QAbstractButton) -> None:
        assert button.isVisible() and button.isEnabled(), button.text()
        self.qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    def tap_keys(self, text: str) -> None:
        for char in text:
            self.click(self.name_search.keyboard.key_button(char))

    def wait_for_screen(self, screen: QWidget, timeout: int = 3000) -> None:
        self.qtbot.waitUntil(lambda: self.window.current_screen is screen, timeout=timeout)

    def wait_for_message(self, count: int = 1) -> Message:
        self.qtbot.waitUntil(lambda: len(self.messages) >= count)
        self.wait_for_screen(self.result)
        return self.messages[count - 1]

    def button(self, text: str) -> QAbstractButton:
        """The one visible button with this text."""
        found = [b for b in visible(self.window, QAbstractButton) if b.text() == text]
        assert len(found) == 1, f"{text!r}: {[b.text() for b in found]}"
        return found[0]

    def person_row(self, shown: str) -> QAbstractButton:
        """The one visible search result showing this ("Kari N. · NAV")."""
        rows = [
            row
            for row in self.name_search.result_buttons
            if row.isVisible() and row.name_label.text() == shown
        ]
        assert len(rows) == 1, [r.name_label.text() for r in rows]
        return rows[0]

    def visible_texts(self) -> list[str]:
        texts = [w.text() for w in visible(self.window, QLabel)]
        texts += [w.text() for w in visible(self.window, QAbstractButton)]
        texts += [w.text() for w in visible(self.window, QLineEdit)]
        return [t for t in texts if t]

    def all_texts(self) -> list[str]:
        """Text in every widget of the window, shown or not."""
        texts = [w.text() for w in self.window.findChildren(QLabel)]
        texts += [w.text() for w in self.window.findChildren(QAbstractButton)]
        texts += [w.text() for w in self.window.findChildren(QLineEdit)]
        return [t for t in texts if t]

    def pending_events(self) -> int:
        with self.core.store.session() as session:
            return outbox.pending_count(session)


def visible(root: QWidget, kind: type) -> list[Any]:
    return [w for w in root.findChildren(kind) if w.isVisible()]


@pytest.fixture
def make_kiosk(
    qtbot: QtBot, request: pytest.FixtureRequest, clock: Any
) -> Iterator[Callable[..., Kiosk]]:
    """Build a kiosk window; on ``core`` if given, else on the synced ``kiosk_core``.

    ``camera`` and ``sound`` stand in for the tablet's camera and speaker (default: the real
    ones, which on a test machine means no camera). Speech is recorded (``kiosk.speaker``),
    and the answer cues are counted (``kiosk.cues``), never played. ``later``: only the start
    screen is built, as ``regionlab-kiosk`` starts (``build_window``'s ``later``)."""
    built: list[Kiosk] = []

    def make(
        core: KioskCore | None = None,
        *,
        monotonic: SteppedMonotonic | None = None,
        camera: Any = None,
        sound: Any = None,
        speaker: RecordingSpeaker | None = None,
        later: bool = False,
        **settings: Any,
    ) -> Kiosk:
        core = core or request.getfixturevalue("kiosk_core")
        if settings:
            core.settings = replace(core.settings, **settings)
        ticks = monotonic or SteppedMonotonic()
        bridge = MessageBridge()
        speaker = speaker or RecordingSpeaker()
        cues = SoundCues(success=RecordingSound(), failure=RecordingSound())
        window = build_window(
            core,
            clock=clock,
            monotonic=ticks,
            messages=bridge,
            camera=camera,
            sound=sound,
            speaker=speaker,
            cues=cues,
            later=later,
        )
        qtbot.addWidget(window)
        kiosk = Kiosk(
            window=window, core=core, qtbot=qtbot, monotonic=ticks, speaker=speaker, cues=cues
        )
        bridge.message_shown.connect(kiosk.messages.append)
        window.resize(*TABLET)
        window.show()
        qtbot.waitExposed(window)
        built.append(kiosk)
        return kiosk

    yield make
    for kiosk in built:
        kiosk.window.close()
    leaked = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    assert not leaked, f"top-level widgets left open: {leaked}"


@pytest.fixture
def kiosk(make_kiosk: Callable[..., Kiosk]) -> Kiosk:
    return make_kiosk()
