"""Colours, sizes and the application style sheet, defined once, for each display mode.

Colours are chosen for WCAG 2.1 contrast (text at least 4.5:1 against its background);
``TEXT_PAIRS`` lists every text/background pair the style sheet uses so a test can check them.
A visitor may switch on high contrast (``CONTRAST``: light text on black, yellow for what is
chosen) and large text (every font 1.5 times larger, but the start screen's clock, which is
display-sized already and would take a fifth of the screen's height); ``Display`` holds the
two switches and ``style_sheet(display)`` builds the sheet for it.
"""

from __future__ import annotations

from dataclasses import dataclass

# Colours ------------------------------------------------------------------------------------
BACKGROUND = "#F6F5F2"  # warm off-white: less glare than pure white at an entrance
SURFACE = "#FFFFFF"  # cards, the search field, secondary buttons
TEXT = "#1B1B1B"
TEXT_MUTED = "#45474A"
BORDER = "#5A5D61"  # >= 3:1 against the background: control edges stay visible
PRIMARY = "#00487A"  # deep fjord blue
PRIMARY_PRESSED = "#00355A"
ON_PRIMARY = "#FFFFFF"
KEY = "#E4E6EA"  # on-screen keyboard keys
KEY_PRESSED = "#C5C9D0"
SUCCESS = "#1D6B36"
WARNING = "#8A4B00"
DANGER = "#A3161C"
FOCUS = "#FFD23F"  # focus: yellow fill + dark text, visible on every background we use
ON_FOCUS = "#1B1B1B"

# High contrast: white on black, yellow for chosen and primary controls, deep blue with a
# white edge for focus (muted text stays readable on it).
HC_BACKGROUND = "#000000"
HC_SURFACE = "#000000"
HC_TEXT = "#FFFFFF"
HC_TEXT_MUTED = "#E6E6E6"
HC_BORDER = "#FFFFFF"
HC_PRIMARY = "#FFE500"
HC_PRIMARY_PRESSED = "#D9C300"
HC_ON_PRIMARY = "#000000"
HC_KEY = "#1F1F1F"
HC_KEY_PRESSED = "#3A3A3A"
HC_SUCCESS = "#7CF29A"
HC_WARNING = "#FFC266"
HC_DANGER = "#FF8A8A"
HC_FOCUS = "#003D80"
HC_ON_FOCUS = "#FFFFFF"

# Every (text, background) pair that appears on screen.
TEXT_PAIRS: dict[str, tuple[str, str]] = {
    "text on background": (TEXT, BACKGROUND),
    "text on surface": (TEXT, SURFACE),
    "muted text on background": (TEXT_MUTED, BACKGROUND),
    "muted text on surface": (TEXT_MUTED, SURFACE),
    "primary button": (ON_PRIMARY, PRIMARY),
    "primary button pressed": (ON_PRIMARY, PRIMARY_PRESSED),
    "keyboard key": (TEXT, KEY),
    "keyboard key pressed": (TEXT, KEY_PRESSED),
    "focused control": (ON_FOCUS, FOCUS),
    "muted text on focused control": (TEXT_MUTED, FOCUS),
    "muted text on pressed control": (TEXT_MUTED, KEY_PRESSED),
    "success text on background": (SUCCESS, BACKGROUND),
    "warning text on background": (WARNING, BACKGROUND),
    "danger text on background": (DANGER, BACKGROUND),
    "title on primary": (ON_PRIMARY, PRIMARY),
}


@dataclass(frozen=True)
class Palette:
    """The colours one display mode draws with."""

    background: str
    surface: str
    text: str
    text_muted: str
    border: str
    primary: str
    primary_pressed: str
    on_primary: str
    key: str
    key_pressed: str
    success: str
    warning: str
    danger: str
    focus: str
    on_focus: str

    def text_pairs(self) -> dict[str, tuple[str, str]]:
        """Every (text, background) pair the style sheet draws with these colours."""
        return {
            name: (getattr(self, fg), getattr(self, bg)) for name, (fg, bg) in _PAIR_ROLES.items()
        }


NORMAL_PALETTE = Palette(
    BACKGROUND, SURFACE, TEXT, TEXT_MUTED, BORDER, PRIMARY, PRIMARY_PRESSED, ON_PRIMARY,
    KEY, KEY_PRESSED, SUCCESS, WARNING, DANGER, FOCUS, ON_FOCUS,
)  # fmt: skip
CONTRAST_PALETTE = Palette(
    HC_BACKGROUND, HC_SURFACE, HC_TEXT, HC_TEXT_MUTED, HC_BORDER, HC_PRIMARY,
    HC_PRIMARY_PRESSED, HC_ON_PRIMARY, HC_KEY, HC_KEY_PRESSED, HC_SUCCESS, HC_WARNING,
    HC_DANGER, HC_FOCUS, HC_ON_FOCUS,
)  # fmt: skip
# TEXT_PAIRS by the colours' roles, so the same pairs can be read from any palette.
_PAIR_ROLES: dict[str, tuple[str, str]] = {
    "text on background": ("text", "background"),
    "text on surface": ("text", "surface"),
    "muted text on background": ("text_muted", "background"),
    "muted text on surface": ("text_muted", "surface"),
    "primary button": ("on_primary", "primary"),
    "primary button pressed": ("on_primary", "primary_pressed"),
    "keyboard key": ("text", "key"),
    "keyboard key pressed": ("text", "key_pressed"),
    "focused control": ("on_focus", "focus"),
    "muted text on focused control": ("text_muted", "focus"),
    "muted text on pressed control": ("text_muted", "key_pressed"),
    "success text on background": ("success", "background"),
    "warning text on background": ("warning", "background"),
    "danger text on background": ("danger", "background"),
    "title on primary": ("on_primary", "primary"),
}

LARGE_TEXT_FACTOR = 1.5


@dataclass(frozen=True)
class Display:
    """The visitor's display switches: large text, high contrast (both off for a new visitor)."""

    large: bool = False
    contrast: bool = False

    @property
    def palette(self) -> Palette:
        return CONTRAST_PALETTE if self.contrast else NORMAL_PALETTE

    @property
    def text_factor(self) -> float:
        return LARGE_TEXT_FACTOR if self.large else 1.0

    @property
    def name(self) -> str:
        """The tour's name for it: normal, large, contrast or large+contrast."""
        parts = [n for n, on in (("large", self.large), ("contrast", self.contrast)) if on]
        return "+".join(parts) or "normal"


# Sizes (logical pixels / points) -----------------------------------------------------------
MIN_TOUCH = 44  # WCAG 2.5.5 / platform guidelines: the least any tappable control may be
BUTTON_HEIGHT = 64
ACCESS_BUTTON_HEIGHT = 52  # the speech button under every screen (leaves room on 800 px)
KEY_SIZE = 64
FONT_SMALL_PT = 18
FONT_BODY_PT = 20
FONT_BUTTON_PT = 22
FONT_LARGE_PT = 28
FONT_TITLE_PT = 40
FONT_CLOCK_PT = 72


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: str) -> float:
    """WCAG 2.1 relative luminance of an ``#RRGGBB`` colour."""
    text = colour.lstrip("#")
    if len(text) != 6:
        raise ValueError(f"expected #RRGGBB, got {colour!r}")
    r, g, b = (int(text[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_ratio(fg: str, bg: str) -> float:
    """WCAG contrast ratio between two colours, from 1.0 to 21.0."""
    light, dark = sorted((relative_luminance(fg), relative_luminance(bg)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def style_sheet(display: Display = Display()) -> str:
    """The one style sheet for the whole application, built from the constants above for
    ``display`` (default: normal colours, normal text)."""
    p = display.palette

    def pt(size: int) -> int:
        return round(size * display.text_factor)

    return f"""
QWidget {{
    background: {p.background};
    color: {p.text};
    font-size: {pt(FONT_BODY_PT)}pt;
}}
QLabel {{ background: transparent; }}
QLabel#title {{ font-size: {pt(FONT_TITLE_PT)}pt; font-weight: bold; }}
QLabel#heading {{ font-size: {pt(FONT_LARGE_PT)}pt; font-weight: bold; }}
QLabel#clock {{ font-size: {FONT_CLOCK_PT}pt; font-weight: bold; }}
QLabel#muted, QLabel#hint {{ color: {p.text_muted}; }}
QLabel#hint {{ font-size: {pt(FONT_LARGE_PT)}pt; }}
QLabel#resultTitle {{ font-size: {pt(FONT_TITLE_PT)}pt; font-weight: bold; }}
QLabel#resultDetail {{ font-size: {pt(FONT_LARGE_PT)}pt; }}
QLabel#syncText {{ color: {p.text_muted}; }}
QLabel#legendHeading {{ font-size: {pt(FONT_SMALL_PT)}pt; font-weight: bold; }}
QLabel#mapHint {{ font-size: {pt(FONT_SMALL_PT)}pt; font-weight: bold; }}
QLabel#legendText {{ font-size: {pt(FONT_SMALL_PT)}pt; }}
QLabel#mapBanner {{ color: {p.danger}; font-size: {pt(FONT_BUTTON_PT)}pt; font-weight: bold; }}
QLabel#freeDesks {{ font-size: {pt(FONT_BUTTON_PT)}pt; }}
QWidget#deskDetails QLabel {{ font-size: {pt(FONT_SMALL_PT)}pt; }}
QWidget#deskDetails QLabel#heading {{ font-size: {pt(FONT_LARGE_PT)}pt; }}
QLabel#cameraMessage {{
    background: {p.surface};
    border: 2px solid {p.border};
    border-radius: 12px;
    font-size: {pt(FONT_LARGE_PT)}pt;
}}

QPushButton {{
    background: {p.surface};
    color: {p.text};
    border: 2px solid {p.border};
    border-radius: 12px;
    min-height: {BUTTON_HEIGHT}px;
    min-width: {BUTTON_HEIGHT}px;
    padding: 4px 24px;
    font-size: {pt(FONT_BUTTON_PT)}pt;
}}
QPushButton:pressed {{ background: {p.key_pressed}; }}
QPushButton[role="primary"] {{
    background: {p.primary};
    color: {p.on_primary};
    border: 2px solid {p.primary};
    font-weight: bold;
}}
QPushButton[role="primary"]:pressed {{ background: {p.primary_pressed}; }}
QPushButton[role="key"] {{
    background: {p.key};
    border: 1px solid {p.border};
    border-radius: 8px;
    min-height: {KEY_SIZE}px;
    min-width: {KEY_SIZE}px;
    padding: 0px;
    font-size: {pt(FONT_LARGE_PT)}pt;
}}
QPushButton[role="key"]:pressed {{ background: {p.key_pressed}; }}
QPushButton[role="result"] {{
    padding: 0px;
    min-height: 72px;
}}
QLabel#personName {{ font-size: {pt(FONT_BUTTON_PT)}pt; font-weight: bold; }}
QLabel#personOrganisation {{ color: {p.text_muted}; font-size: {pt(FONT_SMALL_PT)}pt; }}
QPushButton[scale="large"] {{
    min-height: 96px;
    font-size: {pt(FONT_LARGE_PT)}pt;
}}
QPushButton[scale="row"] {{
    min-height: 76px;
    font-size: {pt(FONT_LARGE_PT)}pt;
}}
QPushButton[scale="big"] {{
    min-height: {96 if display.large else 136}px;
    font-size: {pt(FONT_LARGE_PT)}pt;
}}
QPushButton#zoomButton {{ font-size: {pt(FONT_LARGE_PT)}pt; font-weight: bold; padding: 0px; }}
QPushButton#floorButton:checked, QPushButton#needButton:checked {{
    background: {p.primary};
    color: {p.on_primary};
    border: 2px solid {p.primary};
}}
QPushButton#languageButton:checked {{
    background: {p.primary};
    color: {p.on_primary};
    border: 2px solid {p.primary};
}}
QPushButton:focus,
QPushButton#floorButton:checked:focus,
QPushButton#needButton:checked:focus,
QPushButton#languageButton:checked:focus {{
    background: {p.focus};
    color: {p.on_focus};
    border: 4px solid {p.on_focus};
}}

QPushButton#speechButton, QPushButton#largeTextButton, QPushButton#contrastButton {{
    min-height: {ACCESS_BUTTON_HEIGHT}px;
    padding: 0px {12 if display.large else 20}px;
    font-size: {pt(FONT_BODY_PT)}pt;
    font-weight: bold;
}}
QPushButton#speechButton:checked,
QPushButton#largeTextButton:checked,
QPushButton#contrastButton:checked {{
    background: {p.primary};
    color: {p.on_primary};
    border: 2px solid {p.primary};
}}
QPushButton#speechButton:checked:focus,
QPushButton#largeTextButton:checked:focus,
QPushButton#contrastButton:checked:focus {{
    background: {p.focus};
    color: {p.on_focus};
    border: 4px solid {p.on_focus};
}}
QWidget#idleWarning {{ background: transparent; }}
QFrame#idleWarningPanel {{
    background: {p.surface};
    border: 4px solid {p.primary};
    border-radius: 16px;
}}
QFrame#idleWarningPanel QLabel {{ background: transparent; }}

QScrollBar:vertical {{
    background: {p.background};
    width: {MIN_TOUCH}px;
    border-left: 2px solid {p.border};
}}
QScrollBar::handle:vertical {{
    background: {p.border};
    min-height: {MIN_TOUCH}px;
    border-radius: 8px;
    margin: 4px;
}}
QScrollBar::add-line:vertical, QScrollBar::sub-line:vertical {{ height: 0px; }}
QScrollBar::add-page:vertical, QScrollBar::sub-page:vertical {{ background: none; }}

QLineEdit {{
    background: {p.surface};
    color: {p.text};
    border: 3px solid {p.border};
    border-radius: 12px;
    padding: 4px 16px;
    min-height: {BUTTON_HEIGHT}px;
    font-size: {pt(FONT_LARGE_PT)}pt;
    placeholder-text-color: {p.text_muted};
}}
QLineEdit:focus {{ border: 4px solid {p.primary}; }}
"""
