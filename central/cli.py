"""The operators' command line: ``regionlab-central init|serve|token|person|pass``."""

from __future__ import annotations

import argparse
import ipaddress
import json
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import Engine
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session

from . import auth, bootstrap, directory, passes
from .db import ENV_VAR, database_url, make_engine, migrate, schema_is_current, session_factory
from .models import Person, Site, TokenRole

PROG = "regionlab-central"
DEFAULT_PORT = 8470


class CliError(Exception):
    """A problem to report in one line, with exit code 2."""


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, or a usage error argparse has already explained
        return exc.code if isinstance(exc.code, int) else 2
    command: Callable[[argparse.Namespace], int] = args.command
    try:
        return command(args)
    except CliError as exc:
        return _fail(str(exc))
    except (ArgumentError, NoSuchModuleError) as exc:
        return _fail(f"bad database URL: {exc}")
    except OperationalError as exc:
        return _fail(f"database unreachable: {_first_line(exc.orig or exc)}")
    except SQLAlchemyError as exc:
        return _fail(f"database error: {_first_line(exc)}")
    except KeyboardInterrupt:
        return 130


def _fail(message: str) -> int:
    print(f"{PROG}: error: {message}", file=sys.stderr)
    return 2


def _first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__


def _parser() -> argparse.ArgumentParser:
    database = argparse.ArgumentParser(add_help=False)
    database.add_argument(
        "--database-url",
        metavar="URL",
        help=f"SQLAlchemy URL (default: ${ENV_VAR}, else sqlite:///data/central.sqlite3)",
    )
    parser = argparse.ArgumentParser(prog=PROG, description="RegionLab central store.")
    commands = parser.add_subparsers(title="commands", required=True, metavar="COMMAND")

    init = commands.add_parser("init", parents=[database], help="create or migrate the database")
    init.add_argument("--demo", action="store_true", help="also load the demo data")
    init.set_defaults(command=_init)

    serve = commands.add_parser("serve", parents=[database], help="run the HTTP API")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=DEFAULT_PORT)
    serve.add_argument(
        "--allow-remote", action="store_true", help="allow a host other than loopback"
    )
    serve.set_defaults(command=_serve)

    token = commands.add_parser("token", help="API tokens").add_subparsers(
        required=True, metavar="ACTION"
    )
    create = token.add_parser("create", parents=[database], help="make a token, print its secret")
    create.add_argument("--site", required=True)
    create.add_argument("--role", required=True, choices=[str(r) for r in TokenRole])
    create.add_argument("--label", default="")
    create.set_defaults(command=_token_create)

    person = commands.add_parser("person", help="people").add_subparsers(
        required=True, metavar="ACTION"
    )
    listing = person.add_parser("list", parents=[database], help="list the people of a site")
    listing.add_argument("--site", required=True)
    listing.add_argument("--json", action="store_true", help="print JSON instead of a table")
    listing.set_defaults(command=_person_list)

    pass_ = commands.add_parser("pass", help="QR passes").add_subparsers(
        required=True, metavar="ACTION"
    )
    issue = pass_.add_parser("issue", parents=[database], help="sign a member pass, print it")
    issue.add_argument("--person", required=True, metavar="ID_OR_EMAIL")
    issue.add_argument("--png", type=Path, metavar="FILE", help="also write the QR code here")
    issue.add_argument("--days", type=int, default=365, help="days of validity (default 365)")
    issue.set_defaults(command=_pass_issue)
    revoke = pass_.add_parser("revoke", parents=[database], help="revoke a pass")
    revoke.add_argument("--pass-id", required=True)
    revoke.set_defaults(command=_pass_revoke)
    return parser


@contextmanager
def _engine(args: argparse.Namespace, *, need_schema: bool = True) -> Iterator[Engine]:
    engine = make_engine(database_url(args.database_url))
    try:
        if need_schema and not schema_is_current(engine):
            raise CliError(f"the database is not initialised or out of date: run `{PROG} init`")
        yield engine
    finally:
        engine.dispose()


@contextmanager
def _transaction(args: argparse.Namespace) -> Iterator[Session]:
    with _engine(args) as engine, session_factory(engine).begin() as session:
        yield session


def _site(session: Session, code: str) -> Site:
    try:
        return directory.require_site(session, code)
    except directory.UnknownSite as exc:
        raise CliError(str(exc)) from None


def _init(args: argparse.Namespace) -> int:
    with _engine(args, need_schema=False) as engine:
        summary = bootstrap.initialise(engine, with_demo=args.demo)
        url = engine.url.render_as_string(hide_password=True)
    print(f"database ready: {url}")
    if summary is not None:
        print(
            f"demo data: {summary.organisations} organisations, {summary.people} people, "
            f"{summary.desks} desks ({summary.changed} created or updated)"
        )
    return 0


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _serve(args: argparse.Namespace) -> int:
    if not _is_loopback(args.host) and not args.allow_remote:
        raise CliError(f"refusing to listen on {args.host}: pass --allow-remote to mean it")
    if not 0 < args.port < 65536:
        raise CliError(f"bad port {args.port}")
    import uvicorn

    from .api import create_app

    with _engine(args, need_schema=False) as engine:
        migrate(engine)
        try:
            uvicorn.run(create_app(engine), host=args.host, port=args.port, log_level="info")
        except SystemExit as exc:  # uvicorn exits so when it cannot bind; it logged why
            if exc.code:
                raise CliError(f"cannot serve on {args.host}:{args.port}") from None
    return 0


def _token_create(args: argparse.Namespace) -> int:
    with _transaction(args) as session:
        _site(session, args.site)
        secret = auth.create_token(session, args.site, args.role, args.label)
    print(secret)
    return 0


def _person_list(args: argparse.Namespace) -> int:
    with _transaction(args) as session:
        _site(session, args.site)
        rows = [_person_row(p) for p in directory.people_of_site(session, args.site)]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    headers = {k: k for k in ("id", "name", "email", "organisation", "cluster", "kind")}
    table = [headers, *({k: v or "" for k, v in row.items()} for row in rows)]
    widths = {k: max(len(r[k]) for r in table) for k in headers}
    for row in table:
        print("  ".join(row[k].ljust(widths[k]) for k in headers).rstrip())
    return 0


def _person_row(person: Person) -> dict[str, str | None]:
    return {
        "id": person.id,
        "name": person.name,
        "email": person.email,
        "organisation": person.organisation.name if person.organisation else None,
        "cluster": person.cluster,
        "kind": person.kind,
    }


def _zone(name: str) -> tzinfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return datetime.now().astimezone().tzinfo or ZoneInfo("UTC")


def _pass_issue(args: argparse.Namespace) -> int:
    with _transaction(args) as session:
        person = directory.find_person(session, args.person)
        if person is None:
            raise CliError(f"unknown person {args.person!r}")
        try:
            issued = passes.issue_member_pass(session, person, days=args.days)
        except (ValueError, LookupError) as exc:
            raise CliError(str(exc)) from None
        site = _site(session, person.site)
        zone = _zone(site.timezone)
        start = issued.record.valid_from.astimezone(zone)
        end = issued.record.valid_to.astimezone(zone)
        caption = [person.name, site.name, f"Gyldig / Valid {start:%d.%m.%Y}–{end:%d.%m.%Y}"]
        if args.png is not None:
            try:
                passes.render_png(issued.token, caption, args.png)
            except OSError as exc:
                raise CliError(f"cannot write {args.png}: {exc.strerror or exc}") from None
    print(issued.token)
    return 0


def _pass_revoke(args: argparse.Namespace) -> int:
    with _transaction(args) as session:
        try:
            record = passes.revoke_pass(session, args.pass_id)
        except LookupError as exc:
            raise CliError(str(exc)) from None
        revoked_at = record.revoked_at
    print(f"pass {record.pass_id} revoked at {revoked_at:%Y-%m-%d %H:%M:%S %Z}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
