"""What every command needs: its error, the database from ``--database-url``, a site."""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from central.db.engine import database_url, make_engine, schema_is_current, session_factory
from central.db.models import Site
from central.domain import directory

PROG = "regionlab-central"


class CliError(Exception):
    """A problem to report in one line, with exit code 2."""


def operator() -> str:
    """Who runs this command: the login name on this machine, for the audit log."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no name in the environment and none for this uid
        return "unknown"


def parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


@contextmanager
def open_engine(args: argparse.Namespace, *, need_schema: bool = True) -> Iterator[Engine]:
    engine = make_engine(database_url(args.database_url))
    try:
        if need_schema and not schema_is_current(engine):
            raise CliError(f"the database is not initialised or out of date: run `{PROG} init`")
        yield engine
    finally:
        engine.dispose()


@contextmanager
def transaction(args: argparse.Namespace) -> Iterator[Session]:
    with open_engine(args) as engine, session_factory(engine).begin() as session:
        yield session


def require_site(session: Session, code: str) -> Site:
    try:
        return directory.require_site(session, code)
    except directory.UnknownSite as exc:
        raise CliError(str(exc)) from None


def fail(message: str) -> int:
    print(f"{PROG}: error: {message}", file=sys.stderr)
    return 2


def first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__
