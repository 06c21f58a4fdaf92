"""Colours, sizes and the application style sheet, defined once.

Colours are chosen for WCAG 2.1 contrast (text at least 4.5:1 against its background);
``TEXT_PAIRS`` lists every text/background pair the style sheet uses so a test can check them.
"""

from __future__ import annotations

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


def style_sheet() -> str:
    """The one style sheet for the whole application, built from the constants above."""
    return f"""
QWidget {{
    background: {BACKGROUND};
    color: {TEXT};
    font-size: {FONT_BODY_PT}pt;
}}
QLabel {{ background: transparent; }}
QLabel#title {{ font-size: {FONT_TITLE_PT}pt; font-weight: bold; }}
QLabel#heading {{ font-size: {FONT_LARGE_PT}pt; font-weight: bold; }}
QLabel#clock {{ font-size: {FONT_CLOCK_PT}pt; font-weight: bold; }}
QLabel#muted, QLabel#hint {{ color: {TEXT_MUTED}; }}
QLabel#hint {{ font-size: {FONT_LARGE_PT}pt; }}
QLabel#resultTitle {{ font-size: {FONT_TITLE_PT}pt; font-weight: bold; }}
QLabel#resultDetail {{ font-size: {FONT_LARGE_PT}pt; }}
QLabel#syncText {{ color: {TEXT_MUTED}; }}
QLabel#legendHeading {{ font-size: {FONT_SMALL_PT}pt; font-weight: bold; }}
QLabel#legendText {{ font-size: {FONT_SMALL_PT}pt; }}
QLabel#mapBanner {{ color: {DANGER}; font-size: {FONT_BUTTON_PT}pt; font-weight: bold; }}
QLabel#freeDesks {{ font-size: {FONT_BUTTON_PT}pt; }}
QWidget#deskDetails QLabel {{ font-size: {FONT_SMALL_PT}pt; }}
QWidget#deskDetails QLabel#heading {{ font-size: {FONT_LARGE_PT}pt; }}
QLabel#cameraMessage {{
    background: {SURFACE};
    border: 2px solid {BORDER};
    border-radius: 12px;
    font-size: {FONT_LARGE_PT}pt;
}}

QPushButton {{
    background: {SURFACE};
    color: {TEXT};
    border: 2px solid {BORDER};
    border-radius: 12px;
    min-height: {BUTTON_HEIGHT}px;
    min-width: {BUTTON_HEIGHT}px;
    padding: 4px 24px;
    font-size: {FONT_BUTTON_PT}pt;
}}
QPushButton:pressed {{ background: {KEY_PRESSED}; }}
QPushButton[role="primary"] {{
    background: {PRIMARY};
    color: {ON_PRIMARY};
    border: 2px solid {PRIMARY};
    font-weight: bold;
}}
QPushButton[role="primary"]:pressed {{ background: {PRIMARY_PRESSED}; }}
QPushButton[role="key"] {{
    background: {KEY};
    border: 1px solid {BORDER};
    border-radius: 8px;
    min-height: {KEY_SIZE}px;
    min-width: {KEY_SIZE}px;
    padding: 0px;
    font-size: {FONT_LARGE_PT}pt;
}}
QPushButton[role="key"]:pressed {{ background: {KEY_PRESSED}; }}
QPushButton[role="result"] {{
    padding: 0px;
    min-height: 72px;
}}
QLabel#personName {{ font-size: {FONT_BUTTON_PT}pt; font-weight: bold; }}
QLabel#personOrganisation {{ color: {TEXT_MUTED}; font-size: {FONT_SMALL_PT}pt; }}
QPushButton[scale="large"] {{
    min-height: 96px;
    font-size: {FONT_LARGE_PT}pt;
}}
QPushButton[scale="big"] {{
    min-height: 150px;
    font-size: {FONT_LARGE_PT}pt;
}}
QPushButton#zoomButton {{ font-size: {FONT_LARGE_PT}pt; font-weight: bold; padding: 0px; }}
QPushButton#floorButton:checked, QPushButton#needButton:checked {{
    background: {PRIMARY};
    color: {ON_PRIMARY};
    border: 2px solid {PRIMARY};
}}
QPushButton#languageButton:checked {{
    background: {PRIMARY};
    color: {ON_PRIMARY};
    border: 2px solid {PRIMARY};
}}
QPushButton:focus,
QPushButton#floorButton:checked:focus,
QPushButton#needButton:checked:focus,
QPushButton#languageButton:checked:focus {{
    background: {FOCUS};
    color: {ON_FOCUS};
    border: 4px solid {ON_FOCUS};
}}

QPushButton#speechButton {{
    min-height: {ACCESS_BUTTON_HEIGHT}px;
    padding: 0px 20px;
    font-weight: bold;
}}
QPushButton#speechButton:checked {{
    background: {PRIMARY};
    color: {ON_PRIMARY};
    border: 2px solid {PRIMARY};
}}
QPushButton#speechButton:checked:focus {{
    background: {FOCUS};
    color: {ON_FOCUS};
    border: 4px solid {ON_FOCUS};
}}
QWidget#idleWarning {{ background: transparent; }}
QFrame#idleWarningPanel {{
    background: {SURFACE};
    border: 4px solid {PRIMARY};
    border-radius: 16px;
}}
QFrame#idleWarningPanel QLabel {{ background: transparent; }}

QLineEdit {{
    background: {SURFACE};
    color: {TEXT};
    border: 3px solid {BORDER};
    border-radius: 12px;
    padding: 4px 16px;
    min-height: {BUTTON_HEIGHT}px;
    font-size: {FONT_LARGE_PT}pt;
}}
QLineEdit:focus {{ border: 4px solid {PRIMARY}; }}
"""
