"""``regionlab-kiosk --set-staff-pin``: read the staff PIN from stdin, store only its hash.

The PIN (4-6 digits) is read from standard input, so it never shows in ``ps`` or the shell's
history (``read -s PIN; echo "$PIN" | regionlab-kiosk --set-staff-pin`` or type it and press
Ctrl+D). Its scrypt hash (``kiosk.pin.hash_pin``) goes into the settings file the kiosk reads at
start (``--settings FILE``, or ``settings.json`` in the data folder) as ``staff_pin_hash``; the
file is written readable by its owner only.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TextIO

from kiosk.pin import hash_pin, is_valid_pin
from kiosk.settings import SettingsError, load_settings, save_settings, settings_path

FLAG = "--set-staff-pin"


def main(args: Sequence[str], stdin: TextIO = sys.stdin, stderr: TextIO = sys.stderr) -> int:
    rest = [arg for arg in args if arg != FLAG]
    try:
        settings = load_settings(rest)
    except SettingsError as exc:
        print(f"regionlab-kiosk: {exc}", file=stderr)
        return 2
    pin = stdin.readline().strip()
    if not is_valid_pin(pin):
        print("regionlab-kiosk: a staff PIN is 4 to 6 digits; nothing was changed", file=stderr)
        return 2
    path = settings_path(settings)
    save_settings(path, staff_pin_hash=hash_pin(pin))
    print(f"regionlab-kiosk: the staff PIN is set (its hash is in {path})", file=stderr)
    return 0
