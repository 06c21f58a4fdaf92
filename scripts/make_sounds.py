"""Write the kiosk's three short tones to ``resources/sounds/``; the files are committed.
Run again after changing them: ``python scripts/make_sounds.py [DIR]``.

Mono, 16-bit, 44.1 kHz (a format every audio device plays); soft sine notes with short fades.

- ``read.wav``: the camera read a code. Two notes rising a fifth (E6, B6; 70 ms each).
- ``success.wav``: checked in or out, a desk taken. A rising major triad (C5, E5, G5, C6;
  90 ms each, the last held): brighter and longer than the read tone.
- ``failure.wav``: something the visitor must act on. Two low notes falling a minor third
  (A3 then F#3; 220 ms each): lower, slower and falling, so it is not mistaken for success
  by someone who cannot see the screen.
"""

from __future__ import annotations

import math
import struct
import sys
import wave
from pathlib import Path

RATE = 44_100
FADE_S = 0.008
LEVEL = 0.45  # of full scale
TARGET_DIR = Path(__file__).resolve().parent.parent / "resources" / "sounds"

# name -> ((frequency Hz, seconds), ...)
TONES: dict[str, tuple[tuple[float, float], ...]] = {
    "read": ((1318.5, 0.07), (1975.5, 0.07)),
    "success": ((523.25, 0.09), (659.25, 0.09), (783.99, 0.09), (1046.5, 0.18)),
    "failure": ((220.0, 0.22), (185.0, 0.22)),
}


def samples(notes: tuple[tuple[float, float], ...]) -> list[int]:
    out: list[int] = []
    fade = round(FADE_S * RATE)
    for frequency, seconds in notes:
        per_note = round(seconds * RATE)
        for i in range(per_note):
            envelope = min(1.0, i / fade, (per_note - 1 - i) / fade)
            value = LEVEL * envelope * math.sin(2 * math.pi * frequency * i / RATE)
            out.append(round(value * 32767))
    return out


def write(path: Path, notes: tuple[tuple[float, float], ...]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(RATE)
        wav.writeframes(b"".join(struct.pack("<h", s) for s in samples(notes)))
    return path


def write_all(directory: Path = TARGET_DIR) -> list[Path]:
    return [write(directory / f"{name}.wav", notes) for name, notes in TONES.items()]


if __name__ == "__main__":
    for written in write_all(Path(sys.argv[1]) if len(sys.argv) > 1 else TARGET_DIR):
        print(written)
