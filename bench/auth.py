"""CPU per authorised API request spent on the bearer token: the store's own ``_authorise`` (a
GET), and ``known_token`` then ``_authorise`` (a POST: ``BodyLimits`` finds the token first),
called in-process against a real database, timed with ``time.process_time`` (this process's
CPU only: the database server's is not counted).

    python -m bench.auth [--postgres URL] [-n 3000]

PostgreSQL is used when ``--postgres`` or ``$REGIONLAB_TEST_POSTGRES_URL`` names one (a schema of
its own, dropped afterwards); else a SQLite file.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from fastapi.security import HTTPAuthorizationCredentials
from starlette.requests import Request

from bench.store import POSTGRES_ENV, SITE, database


def _request(app: Any, secret: str, state: dict[str, Any]) -> Request:
    scope = {
        "type": "http",
        "method": "GET",
        "path": f"/api/v1/sites/{SITE}/changes",
        "headers": [(b"authorization", f"Bearer {secret}".encode())],
        "query_string": b"",
        "app": app,
        "state": state,
    }
    return Request(scope)


def run(url: str, n: int, rounds: int) -> dict[str, float]:
    from central import bootstrap
    from central.api import auth
    from central.api.app import create_app
    from central.api.limits import FOUND_TOKEN, known_token
    from central.db.engine import make_engine, session_factory
    from central.db.models import TokenRole
    from central.domain import tokens
    from kiosk.clock import SystemClock

    clock = SystemClock()
    engine = make_engine(url)
    try:
        bootstrap.initialise(engine, clock, with_demo=True)
        with session_factory(engine).begin() as session:
            secret = tokens.create_token(session, SITE, "device", "bench", now=clock.now())
        app = create_app(engine, clock)
        reads = app.state.read_factory
        credentials = HTTPAuthorizationCredentials(scheme="Bearer", credentials=secret)
        roles = (TokenRole.DEVICE,)

        def get() -> None:
            auth._authorise(_request(app, secret, {}), SITE, credentials, roles)

        def post() -> None:
            found = known_token(reads, secret)
            state = {FOUND_TOKEN: (secret, found)}
            auth._authorise(_request(app, secret, state), SITE, credentials, roles)

        for call in (get, post):  # warm up: the pool, compiled-statement caches, the first touch
            for _ in range(50):
                call()
        app.state.token_use.wait_idle(10)
        figures: dict[str, float] = {}
        for name, call in (("GET", get), ("POST", post)):
            per_round = []
            for _ in range(rounds):
                began = time.process_time()
                for _ in range(n):
                    call()
                per_round.append((time.process_time() - began) * 1000 / n)
            figures[name] = min(per_round)  # the best round: the machine is shared
            print(
                f"{name:<5} CPU per request: best {min(per_round):.3f} ms, "
                f"median {statistics.median(per_round):.3f} ms ({rounds} x {n})",
                flush=True,
            )
        return figures
    finally:
        engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--postgres", default=os.environ.get(POSTGRES_ENV))
    parser.add_argument("-n", type=int, default=2000, help="requests per round")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    kind = "postgres" if args.postgres else "sqlite"
    with tempfile.TemporaryDirectory() as root, database(kind, Path(root), args.postgres) as url:
        print(f"auth bench on {kind}", flush=True)
        run(url, args.n, args.rounds)


if __name__ == "__main__":
    main()
