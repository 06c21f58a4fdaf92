"""Write ``resources/sounds/read.wav``: the short two-note tone the kiosk plays when the camera
has read a code. Run again after changing it; the file is committed (``python -m`` not needed:
``python scripts/make_read_sound.py``).

Mono, 16-bit, 44.1 kHz (a format every audio device plays); two soft sine notes rising a fifth
(E6 then B6, 70 ms each) with short fades, so it sounds like a confirmation, not an alarm.
"""

from __future__ import annotations

import math
import struct
import sys
import wave
from pathlib import Path

RATE = 44_100
NOTES_HZ = (1318.5, 1975.5)
NOTE_S = 0.07
FADE_S = 0.008
LEVEL = 0.45  # of full scale
TARGET = Path(__file__).resolve().parent.parent / "resources" / "sounds" / "read.wav"


def samples() -> list[int]:
    out: list[int] = []
    per_note = round(NOTE_S * RATE)
    fade = round(FADE_S * RATE)
    for frequency in NOTES_HZ:
        for i in range(per_note):
            envelope = min(1.0, i / fade, (per_note - 1 - i) / fade)
            value = LEVEL * envelope * math.sin(2 * math.pi * frequency * i / RATE)
            out.append(round(value * 32767))
    return out


def write(path: Path = TARGET) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(RATE)
        wav.writeframes(b"".join(struct.pack("<h", s) for s in samples()))
    return path


if __name__ == "__main__":
    print(write(Path(sys.argv[1]) if len(sys.argv) > 1 else TARGET))
