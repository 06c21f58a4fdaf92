"""The kiosk's commands that are not the kiosk: ``--version``, ``--self-test`` (ui.self_test)
and ``--install-service[=cage]`` (kiosk.service). Each does its one thing and exits."""

from __future__ import annotations

from collections.abc import Sequence


def run_command(args: Sequence[str]) -> int | None:
    """The exit code of the command ``args`` ask for, or None: start the kiosk."""
    if "--version" in args:
        from kiosk.resources import version

        print(f"regionlab-kiosk {version()}")
        return 0
    if any(arg.split("=", 1)[0] == "--install-service" for arg in args):
        from kiosk import service

        return service.main(args)
    if "--self-test" in args:
        from ui import self_test

        return self_test.run()
    return None
