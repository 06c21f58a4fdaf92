"""``regionlab-kiosk --tour DIR``: every screen, in every language and display mode, as PNG.

The tour builds the real window on a demo kiosk (``ui.tour_demo``), walks it as a visitor
would (start, scan help, name search with and without results, confirm, each result and each
error, the map, a desk chosen, "who are you?" for a desk claim, the desk needs, the idle
warning) in bokmål, nynorsk and English, each in the normal, large-text and high-contrast
display, and saves each state as ``DIR/<screen>-<state>-<language>-<mode>.png``.

``DIR/index.json`` lists one object per image with what was measured on the widgets
themselves (``measure``): the smallest text-to-background contrast (from each visible text's
palette colours, as the style sheet set them; placeholders included), the smallest side of any
visible control one can tap (buttons, fields, the map's desks) and the texts that do not fit
their widget. The accessibility tests walk the same tour; a translator can run it to see every
text in place.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QRect, Qt
from PySide6.QtGui import QColor, QFontInfo, QFontMetrics, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QStyle,
    QStyleOptionButton,
    QWidget,
)

from kiosk.settings import LANGUAGES
from ui import theme
from ui.app import build_window
from ui.main_window import MainWindow
from ui.screens.confirm import ConfirmScreen
from ui.screens.desk_needs import DeskNeedsScreen
from ui.screens.floor_map import FloorMapScreen
from ui.screens.guest_choice import GuestChoiceScreen
from ui.screens.guest_host import GuestHostScreen
from ui.screens.guest_text import GuestTextScreen
from ui.screens.name_action import NameActionScreen
from ui.screens.name_search import NameSearchScreen
from ui.screens.pin_pad import PinPadScreen
from ui.screens.result import ResultScreen
from ui.sound import SoundCues
from ui.speech import RecordingSpeaker
from ui.tour_demo import DemoKiosk
from ui.widgets.map_view import MapView

log = logging.getLogger(__name__)

SIZE = (1280, 800)  # the tablet
MODES: dict[str, theme.Display] = {
    "normal": theme.Display(),
    "large": theme.Display(large=True),
    "contrast": theme.Display(contrast=True),
}
# WCAG 2.1 1.4.3: 4.5:1, or 3:1 for large text (18 pt = 24 px, or bold 14 pt = 18.66 px).
MIN_CONTRAST = 4.5
MIN_CONTRAST_LARGE = 3.0


@dataclass
class Measures:
    min_contrast: float
    min_target_px: int
    clipped: list[str] = field(default_factory=list)
    low_contrast: list[str] = field(default_factory=list)  # under the limit for its size
    small_targets: list[str] = field(default_factory=list)  # under theme.MIN_TOUCH
    unnamed: list[str] = field(default_factory=list)  # focusable, no accessible name


@dataclass
class Shot:
    screen: str
    state: str
    language: str
    mode: str
    file: str
    min_contrast: float
    min_target_px: int
    clipped: list[str]
    low_contrast: list[str]
    small_targets: list[str]
    unnamed: list[str]


# Measuring ------------------------------------------------------------------------------------
def _describe(widget: QWidget, text: str) -> str:
    return f"{widget.metaObject().className()}#{widget.objectName() or '-'} {text[:40]!r}"


def _background(widget: QWidget) -> QColor:
    """The colour behind ``widget``'s text: its own background, else the nearest ancestor's."""
    current: QWidget | None = widget
    while current is not None:
        colour = current.palette().color(current.backgroundRole())
        if colour.alpha() == 255:
            return colour
        current = current.parentWidget()
    return QColor(theme.BACKGROUND)


def _is_large(widget: QWidget) -> bool:
    font = widget.font()
    px = QFontInfo(font).pixelSize()
    return px >= 24 or (font.bold() and px >= 18.66)


def _plain(label: QLabel) -> str:
    text = label.text()
    if label.textFormat() == Qt.TextFormat.RichText or (
        label.textFormat() == Qt.TextFormat.AutoText and "<" in text and ">" in text
    ):
        doc = QTextDocument()
        doc.setHtml(text)
        return doc.toPlainText()
    return text


def _label_clipped(label: QLabel) -> bool:
    text = _plain(label)
    rect = label.contentsRect()
    indent = max(label.indent(), 0) + label.margin()
    width = rect.width() - indent
    metrics = QFontMetrics(label.font())
    flags = int(label.alignment())
    if label.wordWrap():
        flags |= int(Qt.TextFlag.TextWordWrap)
    needed = metrics.boundingRect(QRect(0, 0, max(width, 1), 100_000), flags, text)
    return needed.width() > width + 1 or needed.height() > rect.height() + 1


def _button_clipped(button: QAbstractButton) -> bool:
    text = button.text()
    metrics = QFontMetrics(button.font())
    needed = metrics.horizontalAdvance(text.replace("&&", "&"))
    if not button.icon().isNull():
        needed += button.iconSize().width() + 4
    height = metrics.height()
    if isinstance(button, QPushButton):
        option = QStyleOptionButton()
        button.initStyleOption(option)
        rect = button.style().subElementRect(
            QStyle.SubElement.SE_PushButtonContents, option, button
        )
    else:
        rect = button.contentsRect()
    return needed > rect.width() + 1 or height > rect.height() + 1


def _within_width(widget: QWidget, edge: QRect) -> bool:
    """Whether ``widget`` lies inside the screen from side to side (pages only scroll down)."""
    left = widget.mapTo(widget.window(), widget.rect().topLeft()).x()
    return left >= edge.left() - 1 and left + widget.width() <= edge.right() + 2


def _texts(window: QWidget) -> Iterator[tuple[QWidget, str, QColor, str]]:
    """Each visible text: widget, text, its colour, and what kind of text it is."""
    for label in window.findChildren(QLabel):
        if label.isVisible() and label.text():
            yield label, _plain(label), label.palette().color(label.foregroundRole()), "label"
    for button in window.findChildren(QAbstractButton):
        if button.isVisible() and button.text():
            colour = button.palette().color(QPalette.ColorRole.ButtonText)
            yield button, button.text(), colour, "button"
    for edit in window.findChildren(QLineEdit):
        if not edit.isVisible():
            continue
        if edit.text():
            yield edit, edit.text(), edit.palette().color(QPalette.ColorRole.Text), "field"
        elif edit.placeholderText():
            colour = edit.palette().color(QPalette.ColorRole.PlaceholderText)
            yield edit, edit.placeholderText(), colour, "placeholder"


def _background_of(widget: QWidget, kind: str) -> QColor:
    if kind == "button":
        colour = widget.palette().color(QPalette.ColorRole.Button)
        return colour if colour.alpha() == 255 else _background(widget)
    if kind in ("field", "placeholder"):
        colour = widget.palette().color(QPalette.ColorRole.Base)
        return colour if colour.alpha() == 255 else _background(widget)
    return _background(widget)


def _targets(window: QWidget) -> Iterator[tuple[str, int]]:
    """Each visible control one can tap, with the shorter side of where a tap lands."""
    for widget in window.findChildren(QWidget):
        if not (widget.isVisible() and widget.isEnabled()):
            continue
        if isinstance(widget, (QAbstractButton, QLineEdit)):
            size = widget.size()
            yield (
                _describe(widget, getattr(widget, "text", lambda: "")()),
                min(size.width(), size.height()),
            )
        elif isinstance(widget, MapView) and widget.interactive:
            yield from _desk_targets(widget)
        elif widget.metaObject().className() == "QScrollBar":
            size = widget.size()
            yield "scroll bar", min(size.width(), size.height())


def _desk_targets(view: MapView) -> Iterator[tuple[str, int]]:
    scene = view.floor_scene()
    if scene is None:
        return
    shown = view.viewport().rect()
    for item in scene.desk_items.values():
        box = view.mapFromScene(item.mapToScene(item.shape().boundingRect())).boundingRect()
        if box.intersects(shown):
            yield f"desk {item.desk.label}", min(box.width(), box.height())


def measure(window: QWidget) -> Measures:
    """Contrast, target sizes, clipped texts and unnamed controls of what ``window`` shows."""
    lowest = 21.0
    low: list[str] = []
    clipped: list[str] = []
    edge = window.rect()
    for widget, text, colour, kind in _texts(window):
        ratio = theme.contrast_ratio(colour.name(), _background_of(widget, kind).name())
        lowest = min(lowest, ratio)
        limit = MIN_CONTRAST_LARGE if _is_large(widget) else MIN_CONTRAST
        if ratio < limit:
            low.append(f"{_describe(widget, text)} {ratio:.2f}:1")
        if (kind == "label" and isinstance(widget, QLabel) and _label_clipped(widget)) or (
            kind == "button" and isinstance(widget, QAbstractButton) and _button_clipped(widget)
        ):
            clipped.append(_describe(widget, text))
        elif not _within_width(widget, edge):
            clipped.append(f"{_describe(widget, text)} past the screen's edge")
    for page in window.findChildren(QScrollArea):
        inner = page.widget()
        if page.isVisible() and inner is not None and inner.width() > page.viewport().width():
            over = inner.width() - page.viewport().width()
            clipped.append(f"{_describe(inner, '')} {over}px wider than the screen")
    targets = list(_targets(window))
    smallest = min((side for _name, side in targets), default=0)
    small = [f"{name} {side}px" for name, side in targets if side < theme.MIN_TOUCH]
    unnamed = [
        _describe(w, getattr(w, "text", lambda: "")())
        for w in window.findChildren(QWidget)
        if w.isVisible()
        and w.isEnabled()
        and w.focusPolicy() & Qt.FocusPolicy.TabFocus
        and isinstance(w, (QAbstractButton, QLineEdit, MapView))
        and not w.accessibleName()
    ]
    return Measures(round(lowest, 2), smallest, clipped, low, small, unnamed)


# Walking --------------------------------------------------------------------------------------
def wait_until(condition: Callable[[], bool], timeout_s: float = 5.0) -> None:
    """Run the event loop until ``condition`` holds (or fail after ``timeout_s``)."""
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("tour: the kiosk did not get there in time")
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)


class _Silent:
    def play(self) -> None:
        pass


@dataclass(frozen=True)
class State:
    screen: str
    state: str
    go: Callable[[Tour], None]


class Tour:
    """The demo kiosk's window and the steps that bring it into each state."""

    def __init__(self, demo: DemoKiosk) -> None:
        self.demo = demo
        self.window: MainWindow = build_window(
            demo.core,
            clock=demo.clock,
            speaker=RecordingSpeaker(),
            sound=_Silent(),
            cues=SoundCues(success=_Silent(), failure=_Silent()),
        )
        self.window.resize(*SIZE)
        self.window.show()
        self.language = "nb"
        self.display = theme.Display()

    def only(self, kind: type[QWidget]) -> QWidget:
        found = self.window.findChildren(kind)
        assert len(found) == 1, kind
        return found[0]

    def fresh(self) -> None:
        """A new visitor at the start screen, in the tour's language and display."""
        window = self.window
        window.idle_warning.dismiss()
        window.go_start()
        window.start.language_buttons[self.language].click()
        bar = window.access_bar
        if self.display.large != window.display.large:
            bar.large_text_button.click()
        if self.display.contrast != window.display.contrast:
            bar.contrast_button.click()
        assert window.display == self.display

    def show(self, kind: type[QWidget]) -> None:
        screen = self.only(kind)
        try:
            wait_until(lambda: self.window.current_screen is screen)
        except TimeoutError:
            shown = self.window.current_screen.objectName()
            raise TimeoutError(f"tour: waited for {screen.objectName()}, {shown} shows") from None

    def settle(self) -> None:
        QCoreApplication.processEvents()
        QCoreApplication.processEvents()


def _start(t: Tour) -> None:
    pass


def _scan_help(t: Tour) -> None:
    t.window.start.qr_button.click()


def _name_search(t: Tour) -> None:
    t.window.start.name_button.click()
    t.show(NameSearchScreen)


def _name_results(t: Tour) -> None:
    _name_search(t)
    screen = t.only(NameSearchScreen)
    assert isinstance(screen, NameSearchScreen)
    screen.field.setText("kari")
    wait_until(lambda: bool(screen.results))


def _name_action(t: Tour) -> None:
    _name_results(t)
    screen = t.only(NameSearchScreen)
    assert isinstance(screen, NameSearchScreen)
    screen.result_buttons[0].click()
    t.show(NameActionScreen)


def _pin_pad(t: Tour) -> None:
    """The PIN pad as "Sjekk ut" by name shows it (shown directly: the tour's people have no
    PIN, and the pad is what is looked at here)."""
    pad = t.only(PinPadScreen)
    assert isinstance(pad, PinPadScreen)
    pad.ask(
        QCoreApplication.translate("CheckinFlow", "Sjekk ut – skriv PIN-koden din"), "Kari N. · NAV"
    )
    t.window.show_screen(pad)
    pad.type_digit("4")
    pad.type_digit("7")
    t.show(PinPadScreen)


def _checkout(t: Tour) -> None:
    t.window.start.checkout_button.click()
    _named_screen(t, "checkoutScreen")


def _named_screen(t: Tour, name: str) -> QWidget:
    """The screen named ``name`` (one of several of its class), once it shows."""
    [screen] = [s for s in t.window.findChildren(QWidget) if s.objectName() == name]
    wait_until(lambda: t.window.current_screen is screen)
    return screen


def _guest_contact(t: Tour) -> None:
    t.window.start.guest_button.click()
    screen = _named_screen(t, "guestContactScreen")
    assert isinstance(screen, GuestTextScreen)
    screen.field.setText("123")
    screen.next_button.click()  # the problem shows under the field


def _guest_host(t: Tour) -> None:
    t.window.start.guest_button.click()
    contact = _named_screen(t, "guestContactScreen")
    assert isinstance(contact, GuestTextScreen)
    contact.skip_button.click()
    name = _named_screen(t, "guestNameScreen")
    assert isinstance(name, GuestTextScreen)
    name.field.setText("Åse-Marie O'Neill")
    name.next_button.click()
    organisation = _named_screen(t, "guestOrganisationScreen")
    assert isinstance(organisation, GuestTextScreen)
    organisation.skip_button.click()
    hosts = _named_screen(t, "guestHostScreen")
    assert isinstance(hosts, GuestHostScreen)
    hosts.field.setText("kari")
    wait_until(lambda: bool(hosts.results))


def _guest_privacy(t: Tour) -> None:
    _guest_host(t)
    hosts = _named_screen(t, "guestHostScreen")
    assert isinstance(hosts, GuestHostScreen)
    hosts.result_buttons[0].click()
    purpose = _named_screen(t, "guestPurposeScreen")
    assert isinstance(purpose, GuestChoiceScreen)
    purpose.buttons[0].click()
    _named_screen(t, "guestPrivacyScreen")


def _scan(
    code: Callable[[Tour], str], shows: type[QWidget] = ResultScreen
) -> Callable[[Tour], None]:
    def go(t: Tour) -> None:
        t.window.take_camera_code(code(t))
        t.show(shows)

    return go


def _goodbye(t: Tour) -> None:
    _scan(_goodbye_pass, ConfirmScreen)(t)
    screen = t.only(ConfirmScreen)
    assert isinstance(screen, ConfirmScreen)
    screen.yes_button.click()
    t.show(ResultScreen)


def _welcome_pass(t: Tour) -> str:
    return t.demo.pass_of(t.demo.newcomer())


def _goodbye_pass(t: Tour) -> str:
    t.demo.set_visitor_present(True)
    return t.demo.pass_for()


def _map(t: Tour) -> None:
    t.window.start.desk_button.click()
    t.show(FloorMapScreen)


def _map_desk(t: Tour) -> None:
    _map(t)
    screen = t.only(FloorMapScreen)
    assert isinstance(screen, FloorMapScreen)
    desk = t.demo.free_desk()
    screen.view.place_cursor(desk)  # in view, as after the arrow keys or a tap
    screen.view.desk_tapped.emit(desk)
    wait_until(lambda: screen.details.isVisible())


def _desk_claim(t: Tour) -> None:
    _map_desk(t)
    screen = t.only(FloorMapScreen)
    assert isinstance(screen, FloorMapScreen)
    screen.details.claim_button.click()
    _named_screen(t, "deskIdentifyScreen")


def _desk_needs(t: Tour) -> None:
    _map(t)
    screen = t.only(FloorMapScreen)
    assert isinstance(screen, FloorMapScreen)
    screen.suggest_button.click()
    t.show(DeskNeedsScreen)


def _idle_warning(t: Tour) -> None:
    """The real warning, as it comes: the wait is cut to the warning time, so it comes at once
    and counts down from its own 20 seconds."""
    _name_search(t)
    idle = t.window.idle
    timeout = idle.timeout_s
    idle.timeout_s = idle.warning_s
    try:
        idle.arm()
        wait_until(t.window.idle_warning.isVisible)
    finally:
        idle.timeout_s = timeout


STATES: tuple[State, ...] = (
    State("start", "default", _start),
    State("scan_help", "default", _scan_help),
    State("name_search", "empty", _name_search),
    State("name_search", "results", _name_results),
    State("name_action", "choose", _name_action),
    State("pin_pad", "digits_typed", _pin_pad),
    State("checkout", "default", _checkout),
    State("result", "welcome", _scan(_welcome_pass)),
    State("confirm", "check_out", _scan(_goodbye_pass, ConfirmScreen)),
    State("result", "goodbye", _goodbye),
    State("result", "not_a_pass", _scan(lambda _t: "THIS-IS-NOT-A-REGIONLAB-PASS")),
    State("result", "other_site", _scan(lambda t: t.demo.pass_for(site="mandal"))),
    State("result", "expired", _scan(lambda t: t.demo.pass_for(expired=True))),
    State("map", "default", _map),
    State("map", "desk_chosen", _map_desk),
    State("desk_claim", "who_are_you", _desk_claim),
    State("desk_needs", "default", _desk_needs),
    State("idle_warning", "default", _idle_warning),
    State("guest_contact", "problem", _guest_contact),
    State("guest_host", "results", _guest_host),
    State("guest_privacy", "default", _guest_privacy),
)


def walk(
    out_dir: Path | None,
    *,
    languages: Sequence[str] = LANGUAGES,
    modes: Iterable[str] = tuple(MODES),
    states: Sequence[State] = STATES,
) -> list[Shot]:
    """Take every state in every language and mode; save PNGs into ``out_dir`` if given."""
    app = QApplication.instance()
    assert isinstance(app, QApplication), "the tour needs a QApplication"
    shots: list[Shot] = []
    demo = DemoKiosk(confirmation_s=600.0, idle_timeout_s=3600.0)
    tour = Tour(demo)
    try:
        wait_until(lambda: tour.window.isVisible())
        for mode in modes:
            tour.display = MODES[mode]
            for language in languages:
                tour.language = language
                for state in states:
                    tour.fresh()
                    state.go(tour)
                    tour.settle()
                    name = f"{state.screen}-{state.state}-{language}-{mode}.png"
                    if out_dir is not None:
                        tour.window.grab().save(str(out_dir / name))
                    m = measure(tour.window)
                    shots.append(Shot(state.screen, state.state, language, mode, name, **asdict(m)))
        tour.fresh()
    finally:
        # Gone before its demo: nothing queued for the window may reach a closed store. The
        # sync thread stops first, and what it already queued (data changed) is handled while
        # the store is still there.
        demo.core.sync.stop()
        QCoreApplication.processEvents()
        tour.window.close()
        tour.window.remove_input_filters()
        tour.window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QCoreApplication.processEvents()
        demo.close()
    return shots


def write_index(out_dir: Path, shots: Sequence[Shot]) -> Path:
    path = out_dir / "index.json"
    path.write_text(
        json.dumps([asdict(s) for s in shots], ensure_ascii=False, indent=1), encoding="utf-8"
    )
    return path


def main(out_dir: str) -> int:
    """``regionlab-kiosk --tour DIR``: offscreen, on demo data; 0 when every image passes."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    app = QApplication.instance() or QApplication(["regionlab-kiosk"])
    app.setApplicationName("regionlab-kiosk")
    target = Path(out_dir)
    target.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    shots = walk(target)
    index = write_index(target, shots)
    failing = [s for s in shots if s.clipped or s.low_contrast or s.small_targets]
    print(
        f"regionlab-kiosk: {len(shots)} images in {time.monotonic() - started:.0f} s, "
        f"{len(failing)} with problems; {index}"
    )
    for shot in failing:
        print(f"  {shot.file}: {shot.clipped + shot.low_contrast + shot.small_targets}")
    return 1 if failing else 0
