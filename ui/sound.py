"""Short sounds the kiosk plays: the ``Sound`` interface, a WAV player, and the answer cues.

``WavSound`` loads a WAV file into a ``QSoundEffect`` the first time it is needed, so a kiosk
that never plays it never opens an audio device. Anything with a ``play()`` method can stand in
for it (tests count plays). ``SoundCues`` are the two answers: success (checked in or out, a
desk taken) and failure (anything the visitor must act on), different in pitch, direction and
length, so they are told apart without seeing the screen. The files are made by
``scripts/make_sounds.py`` and committed.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, QUrl

from kiosk.resources import resource_path

if TYPE_CHECKING:
    from PySide6.QtMultimedia import QSoundEffect

log = logging.getLogger(__name__)

SOUNDS_DIR = resource_path("resources", "sounds")
SUCCESS_SOUND = SOUNDS_DIR / "success.wav"
FAILURE_SOUND = SOUNDS_DIR / "failure.wav"


class Sound(Protocol):
    def play(self) -> None: ...


class WavSound(QObject):
    def __init__(self, path: Path, volume: float = 0.8, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._path = path
        self._volume = volume
        self._effect: QSoundEffect | None = None

    def play(self) -> None:
        if self._effect is None:
            if not self._path.exists():
                log.info("kiosk: no sound at %s; silent", self._path)
                return
            from PySide6.QtMultimedia import QSoundEffect  # not at start-up (issue 13)

            self._effect = QSoundEffect(self)
            self._effect.setSource(QUrl.fromLocalFile(str(self._path)))
            self._effect.setVolume(self._volume)
        self._effect.play()


@dataclass(frozen=True)
class SoundCues:
    success: Sound
    failure: Sound


def default_cues() -> SoundCues:
    return SoundCues(WavSound(SUCCESS_SOUND), WavSound(FAILURE_SOUND))
