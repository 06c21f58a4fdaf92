"""``regionlab-kiosk --install-service[=cage]``: the systemd user service that keeps the kiosk
running, installed for the user who runs the command.

It writes ``regionlab-kiosk.service`` (from ``deploy/kiosk/``, with the path of the program that
runs now: the bundle's ``regionlab-kiosk`` or the virtual environment's) into the user's
systemd folder (``$XDG_CONFIG_HOME/systemd/user``, else ``~/.config/systemd/user``), then asks
``systemctl --user`` to reload and enable it. Where there is no user manager to ask (over ssh as
another user, in a container), it says which two commands to run in the kiosk user's session.
The variants: ``desktop`` (the default; a graphical session, with a desktop or a window
manager) and ``cage`` (no window manager: the cage Wayland kiosk compositor). See
docs/kiosk-service.md.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TextIO

from kiosk.resources import frozen, resource_path

UNIT = "regionlab-kiosk.service"
TEMPLATES = {
    "desktop": "regionlab-kiosk.service",
    "cage": "regionlab-kiosk-cage.service",
}


class ServiceError(Exception):
    """The service could not be installed; the message says why."""


def program_command() -> list[str]:
    """How the service starts the kiosk: the program that runs now, by its absolute path."""
    if frozen():
        return [str(Path(sys.executable).resolve())]
    script = Path(sys.argv[0]) if sys.argv and sys.argv[0] else None
    if script is not None and script.name == "regionlab-kiosk" and script.exists():
        # The venv's entry script: its own #! names the venv's python. Not resolved, so a
        # venv that is rebuilt in place keeps working.
        return [str(script.absolute())]
    return [str(Path(sys.executable).absolute()), "-m", "ui.main"]


def _exec_line(command: Sequence[str]) -> str:
    for part in command:
        if any(c in part for c in "\"'\\\n%$"):
            raise ServiceError(f"the program's path {part!r} has characters a unit cannot hold")
    return shlex.join(command)  # systemd splits ExecStart= as a shell would, quotes included


def unit_text(variant: str, command: Sequence[str]) -> str:
    if variant not in TEMPLATES:
        raise ServiceError(f"unknown service variant {variant!r} (one of {', '.join(TEMPLATES)})")
    template = resource_path("deploy", "kiosk", TEMPLATES[variant]).read_text(encoding="utf-8")
    return template.replace("@PROGRAM@", _exec_line(command))


def unit_folder(environ: Mapping[str, str] | None = None) -> Path:
    environ = os.environ if environ is None else environ
    config = environ.get("XDG_CONFIG_HOME") or str(Path(environ.get("HOME", "~")) / ".config")
    return Path(config).expanduser() / "systemd" / "user"


def install(
    variant: str = "desktop",
    *,
    environ: Mapping[str, str] | None = None,
    enable: bool = True,
    out: TextIO | None = None,
) -> Path:
    """Write the unit, enable it when a user manager answers; the unit's path."""
    out = out if out is not None else sys.stdout
    folder = unit_folder(environ)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / UNIT
    path.write_text(unit_text(variant, program_command()), encoding="utf-8")
    print(f"regionlab-kiosk: wrote {path} ({variant})", file=out)
    steps = [["systemctl", "--user", "daemon-reload"], ["systemctl", "--user", "enable", UNIT]]
    done = enable and shutil.which("systemctl") is not None
    for step in steps if done else []:
        result = subprocess.run(step, capture_output=True, text=True, timeout=60, check=False)
        if result.returncode != 0:
            print(f"regionlab-kiosk: {shlex.join(step)}: {result.stderr.strip()}", file=out)
            done = False
            break
    if done:
        print("regionlab-kiosk: enabled; it starts at the next login", file=out)
    else:
        print("regionlab-kiosk: in the kiosk user's session, run:", file=out)
        for step in steps:
            print(f"  {shlex.join(step)}", file=out)
    return path


def main(args: Sequence[str]) -> int:
    """``--install-service[=VARIANT]`` (and ``--no-enable``) from the kiosk's command line."""
    variant = "desktop"
    for arg in args:
        if arg.startswith("--install-service="):
            variant = arg.split("=", 1)[1]
    try:
        install(variant, enable="--no-enable" not in args)
    except (ServiceError, OSError) as exc:
        print(f"regionlab-kiosk: cannot install the service: {exc}", file=sys.stderr)
        return 1
    return 0
