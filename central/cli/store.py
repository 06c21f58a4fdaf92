"""``init`` and ``serve``: bringing the database up and running the HTTP API."""

from __future__ import annotations

import argparse
import os
from typing import Any

from sqlalchemy.engine import make_url

from central import bootstrap
from central.cli import report as report_cli
from central.cli.context import CliError, open_engine
from central.db import key_encryption
from central.db.engine import (
    ENV_VAR,
    current_revision,
    database_url,
    migrate,
    session_factory,
    truncate_wal,
)
from central.domain import token_secret
from kiosk.clock import SystemClock
from kiosk.url_security import is_loopback_host

DEFAULT_PORT = 8470


def add_commands(commands: Any, database: argparse.ArgumentParser) -> None:
    init = commands.add_parser("init", parents=[database], help="create or migrate the database")
    init.add_argument("--demo", action="store_true", help="also load the demo data")
    init.add_argument(
        "--history-days",
        type=int,
        default=0,
        metavar="DAYS",
        help="with --demo: also make DAYS days of visits, desks, guests and lunch talks",
    )
    init.set_defaults(command=_init)

    upgrade = commands.add_parser(
        "migrate",
        parents=[database],
        help="upgrade the database's schema to this version's (no data loaded)",
    )
    upgrade.set_defaults(command=_migrate)

    serve = commands.add_parser("serve", parents=[database], help="run the HTTP API")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=DEFAULT_PORT)
    serve.add_argument(
        "--allow-remote", action="store_true", help="allow a host other than loopback"
    )
    serve.add_argument("--ssl-certfile", metavar="FILE", help="serve https with this certificate")
    serve.add_argument("--ssl-keyfile", metavar="FILE", help="the certificate's private key")
    serve.add_argument(
        "--insecure-http",
        action="store_true",
        help="allow plain http on a non-loopback address (tokens and check-ins unencrypted)",
    )
    serve.add_argument(
        "--workers",
        type=int,
        default=1,
        help="worker processes answering requests (default 1): on PostgreSQL they share the "
        "work; on a SQLite file they may, but its writes still go one at a time. The "
        "scheduler runs once, in the main process",
    )
    serve.set_defaults(command=_serve)


def _init(args: argparse.Namespace) -> int:
    with open_engine(args, need_schema=False) as engine:
        kek_file = key_encryption.ensure_kek(engine.url)
        summary = bootstrap.initialise(engine, args.clock, with_demo=args.demo)
        url = engine.url.render_as_string(hide_password=True)
        secret = token_secret.secret_file(engine.url.render_as_string(hide_password=False))
    if kek_file is not None:
        print(
            f"key-encryption key created: {kek_file} (mode 0600). The signing keys are sealed "
            "with it: keep it out of the database's backups and back it up on its own "
            "(see docs/operations.md)."
        )
    print(f"database ready: {url}")
    print(f"token secret: {secret or '$' + token_secret.SECRET_ENV} (keep it; not in the database)")
    if summary is not None:
        print(
            f"demo data: {summary.organisations} organisations, {summary.people} people, "
            f"{summary.desks} desks ({summary.changed} created or updated)"
        )
    if args.demo and args.history_days:
        report_cli.demo_history(args)
    return 0


def _migrate(args: argparse.Namespace) -> int:
    """Schema only: what ``serve`` also does as it starts; ``init`` adds sites and keys."""
    with open_engine(args, need_schema=False) as engine:
        full_url = engine.url.render_as_string(hide_password=False)
        before = current_revision(engine)
        migrate(engine)
        after = current_revision(engine)
        token_secret.ensure_secret(full_url)
        url = engine.url.render_as_string(hide_password=True)
    if before == after:
        print(f"schema already current ({after}): {url}")
    else:
        print(f"schema upgraded from {before or 'empty'} to {after}: {url}")
    return 0


def _check_transport(args: argparse.Namespace) -> dict[str, str]:
    """uvicorn's TLS options; refuses a non-loopback address without TLS or --insecure-http."""
    if not is_loopback_host(args.host) and not args.allow_remote:
        raise CliError(f"refusing to listen on {args.host}: pass --allow-remote to mean it")
    if bool(args.ssl_certfile) != bool(args.ssl_keyfile):
        raise CliError("--ssl-certfile and --ssl-keyfile go together")
    if args.ssl_certfile:
        for path in (args.ssl_certfile, args.ssl_keyfile):
            if not os.path.isfile(path):
                raise CliError(f"no such file: {path}")
        return {"ssl_certfile": args.ssl_certfile, "ssl_keyfile": args.ssl_keyfile}
    if not is_loopback_host(args.host) and not args.insecure_http:
        raise CliError(
            f"refusing plain http on {args.host}: give --ssl-certfile and --ssl-keyfile, "
            "or --insecure-http to accept that tokens and check-ins travel unencrypted"
        )
    return {}


def _in_memory(url: str) -> bool:
    parsed = make_url(url)
    database = parsed.database or ""
    return parsed.get_backend_name() == "sqlite" and (
        database in ("", ":memory:") or "mode=memory" in database
    )


def _serve(args: argparse.Namespace) -> int:
    tls = _check_transport(args)
    if not 0 < args.port < 65536:
        raise CliError(f"bad port {args.port}")
    if not 0 < args.workers <= 64:
        raise CliError(f"bad number of workers {args.workers}")
    if args.workers > 1 and not isinstance(args.clock, SystemClock):
        raise CliError("--workers needs the system clock")
    if args.workers > 1 and _in_memory(database_url(args.database_url)):
        raise CliError(
            "--workers above 1 needs a database the workers share: an in-memory SQLite "
            "database would be a different, empty one in each worker (use a file or PostgreSQL)"
        )
    import uvicorn

    from central.api import limits
    from central.api.app import configure_logging, create_app, freeze_long_lived
    from central.api.workers import run_workers
    from central.jobs.scheduler import SchedulerThread

    with open_engine(args, need_schema=False) as engine:
        try:
            token_secret.load_secret(engine.url.render_as_string(hide_password=False))
        except token_secret.TokenSecretError as exc:
            raise CliError(str(exc)) from None
        configure_logging()  # once it will serve (a refusal above leaves logging alone)
        migrate(engine)
        truncate_wal(engine)
        # No-show release and closing time run in this process, catching up at start: no cron
        # job. Workers only answer requests, so one `serve` runs one scheduler however many
        # workers it has; several `serve`s on one database still run each job once (each run
        # and its scheduler_runs row commit together, under the feed lock).
        try:
            scheduler = SchedulerThread(session_factory(engine), args.clock)
        except ValueError as exc:  # a retention setting that is not a number of days
            raise CliError(str(exc)) from None
        scheduler.start()
        try:
            options: dict[str, Any] = {
                **tls,
                **limits.server_options(),
                "host": args.host,
                "port": args.port,
                "log_level": "info",
            }
            if args.workers == 1:
                app: Any = create_app(engine, args.clock)
                freeze_long_lived()
                uvicorn.run(app, **options)
            else:
                # Worker processes import the app themselves: an import string and the
                # database URL in their environment.
                os.environ[ENV_VAR] = engine.url.render_as_string(hide_password=False)
                run_workers("central.api.app:create_app_from_env", args.workers, **options)
        except SystemExit as exc:  # uvicorn exits so when it cannot bind; it logged why
            if exc.code:
                raise CliError(f"cannot serve on {args.host}:{args.port}") from None
        finally:
            scheduler.stop()
    return 0
