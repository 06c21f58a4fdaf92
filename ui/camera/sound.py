"""The short tone the kiosk plays when the camera has read a code (a scanner beeps by itself).

``ReadSound`` loads ``resources/sounds/read.wav`` (made by ``scripts/make_read_sound.py``) into
a ``QSoundEffect`` the first time it is needed, so a kiosk that never uses its camera never opens
an audio device. Anything with a ``play()`` method can stand in for it.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject, QUrl
from PySide6.QtMultimedia import QSoundEffect

log = logging.getLogger(__name__)

READ_SOUND = Path(__file__).resolve().parents[2] / "resources" / "sounds" / "read.wav"


class Sound(Protocol):
    def play(self) -> None: ...


class ReadSound(QObject):
    def __init__(
        self, path: Path = READ_SOUND, volume: float = 0.8, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._path = path
        self._volume = volume
        self._effect: QSoundEffect | None = None

    def play(self) -> None:
        if self._effect is None:
            if not self._path.exists():
                log.info("camera: no read sound at %s; reading silently", self._path)
                return
            self._effect = QSoundEffect(self)
            self._effect.setSource(QUrl.fromLocalFile(str(self._path)))
            self._effect.setVolume(self._volume)
        self._effect.play()
