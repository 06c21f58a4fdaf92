"""Bringing a database up: schema, the token secret beside it, the sites, a signing key and,
on request, the demo data."""

from __future__ import annotations

from sqlalchemy import Engine

from central import demo
from central.db import key_encryption
from central.db.engine import migrate, session_factory, truncate_wal
from central.domain import directory, passes, token_secret
from kiosk.clock import Clock


def initialise(engine: Engine, clock: Clock, *, with_demo: bool = False) -> demo.DemoSummary | None:
    """Migrate, then create what is missing; safe to run any number of times. A SQLite
    database file without a configured key-encryption key gets one beside it."""
    key_encryption.ensure_kek(engine.url)
    migrate(engine)
    token_secret.ensure_secret(engine.url.render_as_string(hide_password=False))
    truncate_wal(engine)  # raw signing keys sealed by the migration leave no copy in the log
    with session_factory(engine).begin() as session:
        directory.ensure_sites(session)
        now = clock.now()
        passes.ensure_signing_key(session, now=now)
        return demo.load_demo(session, now=now) if with_demo else None
