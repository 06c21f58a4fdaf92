"""The short tone the kiosk plays when the camera has read a code (a scanner beeps by itself).

``ReadSound`` plays ``resources/sounds/read.wav`` (made by ``scripts/make_sounds.py``); it is a
``ui.sound.WavSound``, loaded the first time it is needed.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject

from ui.sound import SOUNDS_DIR, Sound, WavSound

READ_SOUND = SOUNDS_DIR / "read.wav"

__all__ = ["READ_SOUND", "ReadSound", "Sound"]


class ReadSound(WavSound):
    def __init__(
        self, path: Path = READ_SOUND, volume: float = 0.8, parent: QObject | None = None
    ) -> None:
        super().__init__(path, volume, parent)
