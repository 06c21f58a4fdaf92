"""The operators' command line: ``regionlab-central COMMAND``: init, migrate, serve, token,
kiosk, person, pass, key, invite, ..."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence

from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError, SQLAlchemyError

from central.cli import (
    desks,
    invitations,
    keys,
    kiosks,
    lunch,
    passes,
    people,
    presence,
    report,
    staff,
    store,
    tokens,
)
from central.cli.context import PROG, CliError, fail, first_line
from central.db.engine import ENV_VAR
from central.db.key_encryption import KeyEncryptionError
from kiosk.clock import Clock, SystemClock


def main(argv: Sequence[str] | None = None, clock: Clock | None = None) -> int:
    """Run one command; every command reads the time from ``clock`` (the system's by default)."""
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, or a usage error argparse has already explained
        return exc.code if isinstance(exc.code, int) else 2
    args.clock = clock or SystemClock()
    command: Callable[[argparse.Namespace], int] = args.command
    try:
        return command(args)
    except (CliError, KeyEncryptionError) as exc:
        return fail(str(exc))
    except (ArgumentError, NoSuchModuleError) as exc:
        return fail(f"bad database URL: {exc}")
    except OperationalError as exc:
        return fail(f"database unreachable: {first_line(exc.orig or exc)}")
    except SQLAlchemyError as exc:
        return fail(f"database error: {first_line(exc)}")
    except KeyboardInterrupt:
        return 130


def _parser() -> argparse.ArgumentParser:
    database = argparse.ArgumentParser(add_help=False)
    database.add_argument(
        "--database-url",
        metavar="URL",
        help=f"SQLAlchemy URL (default: ${ENV_VAR}, else sqlite:///data/central.sqlite3)",
    )
    parser = argparse.ArgumentParser(prog=PROG, description="RegionLab central store.")
    commands = parser.add_subparsers(title="commands", required=True, metavar="COMMAND")

    for group in (
        store,
        tokens,
        kiosks,
        people,
        passes,
        keys,
        invitations,
        desks,
        presence,
        lunch,
        report,
        staff,
    ):
        group.add_commands(commands, database)
    return parser
