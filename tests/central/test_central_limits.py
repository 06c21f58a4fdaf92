"""The store's body limits, called as ASGI (no server, no process): the token is checked before
a byte of the body is read, bodies are capped (413) and must arrive in time (408); and the
log's repeat filter."""

from __future__ import annotations

import asyncio
import io
import json
import logging
from collections.abc import Callable
from typing import Any

import pytest
from central_helpers import EVENTS, event
from sqlalchemy import Engine

from central.api.app import configure_logging, create_app
from central.api.limits import (
    MAX_BODY_BYTES,
    PUBLIC_BODY_ROUTES,
    BodyLimits,
    RepeatFilter,
    WindowLimiter,
)
from central.db.engine import read_factory
from kiosk.clock import SystemClock
from tests.conftest import LogExpectations

PATH = EVENTS.format(site="lyngdal")


class Client:
    """One request straight into the ASGI app; counts how much of the body it was asked for."""

    def __init__(self, chunks: list[bytes], delay_s: float = 0.0) -> None:
        self.chunks = chunks
        self.delay_s = delay_s
        self.read = 0  # body bytes handed to the app
        self.status = 0
        self.body = b""

    async def receive(self) -> dict[str, Any]:
        if self.delay_s:
            await asyncio.sleep(self.delay_s)
        if not self.chunks:
            await asyncio.sleep(3600)  # the client never sends the rest
        chunk = self.chunks.pop(0)
        self.read += len(chunk)
        return {"type": "http.request", "body": chunk, "more_body": bool(self.chunks)}

    async def send(self, message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            self.status = message["status"]
        elif message["type"] == "http.response.body":
            self.body += message.get("body", b"")

    def call(
        self, app: Any, headers: dict[str, str], method: str = "POST", path: str = PATH
    ) -> Client:
        scope = {
            "type": "http",
            "asgi": {"version": "3.0"},
            "http_version": "1.1",
            "method": method,
            "scheme": "http",
            "path": path,
            "raw_path": path.encode(),
            "root_path": "",
            "query_string": b"",
            "headers": [(k.lower().encode(), v.encode()) for k, v in headers.items()],
            "client": ("127.0.0.1", 1),
            "server": ("127.0.0.1", 8470),
            "state": {},
        }
        asyncio.run(asyncio.wait_for(app(scope, self.receive, self.send), 30))
        return self


MEGABYTE = [b"x" * 1_000_000] * 10


def test_no_token_no_body_read(engine: Engine) -> None:
    app = create_app(engine, SystemClock())
    for headers in ({}, {"Authorization": "Bearer rlk_not-a-token"}, {"Authorization": "Basic x"}):
        client = Client(list(MEGABYTE)).call(app, {"Content-Length": "10000000", **headers})
        assert (client.status, client.read) == (401, 0)
    chunked = Client(list(MEGABYTE)).call(app, {"Transfer-Encoding": "chunked"})
    assert (chunked.status, chunked.read) == (401, 0)


def test_the_provisioning_route_takes_a_small_body_without_a_token(engine: Engine) -> None:
    """A new kiosk has no token yet: its code reaches the route, but only a few kilobytes."""
    app = create_app(engine, SystemClock())
    path = next(iter(PUBLIC_BODY_ROUTES))
    cap = PUBLIC_BODY_ROUTES[path]
    body = json.dumps({"code": "XXXX-XXXX-XXXX-XXXX"}).encode()
    small = Client([body]).call(
        app, {"Content-Type": "application/json", "Content-Length": str(len(body))}, path=path
    )
    assert small.status not in (401, 413, 500), small.body  # the route itself answers
    large = Client(list(MEGABYTE)).call(app, {"Content-Length": "10000000"}, path=path)
    assert (large.status, large.read) == (413, 0)
    streamed = Client(list(MEGABYTE)).call(app, {"Transfer-Encoding": "chunked"}, path=path)
    assert streamed.status == 413 and streamed.read <= cap + 1_000_000


def test_a_body_over_the_cap_is_413_unread_or_cut_off(
    engine: Engine, device: dict[str, str]
) -> None:
    app = create_app(engine, SystemClock())
    declared = Client(list(MEGABYTE)).call(app, {**device, "Content-Length": "10000000"})
    assert (declared.status, declared.read) == (413, 0)
    assert str(MAX_BODY_BYTES) in declared.body.decode()
    streamed = Client(list(MEGABYTE)).call(app, {**device, "Transfer-Encoding": "chunked"})
    assert streamed.status == 413
    assert streamed.read <= MAX_BODY_BYTES + 1_000_000


def test_a_full_batch_fits_and_is_applied(
    engine: Engine, device: dict[str, str], kari: str
) -> None:
    app = create_app(engine, SystemClock())
    batch = [event(kari, note="Æ" * 1500) for _ in range(200)]  # 200 events, 3 KB of data each
    body = json.dumps({"events": batch}).encode()  # ASCII-escaped: ~9 KB an event
    headers = {**device, "Content-Type": "application/json", "Content-Length": str(len(body))}
    client = Client([body[:500_000], body[500_000:]]).call(app, headers)
    assert client.status == 200, client.body[:300]
    assert len(json.loads(client.body)["results"]) == 200


def test_a_body_that_trickles_in_is_408(engine: Engine, device: dict[str, str]) -> None:
    async def inner(_scope: Any, _receive: Any, _send: Any) -> None:
        raise AssertionError("the application got a body that never came")

    limits = BodyLimits(inner, read_factory(engine), read_timeout_s=0.5)
    client = Client([b"{", b'"e'], delay_s=0.3).call(limits, {**device, "Content-Length": "99"})
    assert client.status == 408


def _records(filter_: RepeatFilter, times: list[float], message: str) -> list[str]:
    passed = []
    for moment in times:
        filter_.clock = lambda moment=moment: moment  # type: ignore[misc]
        record = logging.LogRecord("asyncio", logging.ERROR, "x", 1, message, None, None)
        if filter_.filter(record):
            passed.append(record.getMessage())
    return passed


def test_the_log_says_a_repeated_message_once_a_minute_with_a_count() -> None:
    repeat = RepeatFilter(60.0)
    flood = [i / 100 for i in range(10_000)]  # 10,000 in 100 s
    passed = _records(repeat, flood, "socket.accept() out of system resource")
    assert passed == [
        "socket.accept() out of system resource",
        "socket.accept() out of system resource (5999 more like this held back in 60 s)",
    ]
    other: Callable[[], list[str]] = lambda: _records(repeat, [100.0], "another message")  # noqa: E731
    assert other() == ["another message"]


def test_the_repeat_filter_keeps_lines_that_differ_only_in_their_arguments() -> None:
    repeat = RepeatFilter(60.0, clock=lambda: 0.0)
    lines = [
        logging.LogRecord("uvicorn.access", logging.INFO, "x", 1, '%s - "%s" %d', args, None)
        for args in (("127.0.0.1:1", "GET /healthz", 200), ("127.0.0.1:2", "POST /e", 401))
    ]
    assert [repeat.filter(line) for line in lines] == [True, True]


def test_serves_log_guard_sits_on_its_own_handler_and_leaves_the_others_alone(
    caplog: pytest.LogCaptureFixture, expect_log: LogExpectations
) -> None:
    root = logging.getLogger()
    level, others = root.level, list(root.handlers)
    written = io.StringIO()
    handler = configure_logging(written)
    try:
        assert configure_logging(io.StringIO()) is handler  # once, however often it is called
        assert [h for h in root.handlers if h is not handler] == others
        for _ in range(3):
            logging.getLogger("asyncio").error("socket.accept() out of system resource")
        logging.getLogger("central.jobs").info("closing time ran")
    finally:
        root.removeHandler(handler)
        root.setLevel(level)
    assert written.getvalue().splitlines() == [
        "ERROR:     asyncio: socket.accept() out of system resource",
        "INFO:     central.jobs: closing time ran",
    ]
    # Every other handler (here pytest's) still gets every record: nothing of the guard on it.
    seen = [r.getMessage() for r in caplog.records if r.name == "asyncio"]
    assert seen == ["socket.accept() out of system resource"] * 3
    assert not any(isinstance(f, RepeatFilter) for h in others for f in h.filters)
    expect_log("asyncio", logging.ERROR, "out of system resource")


def test_the_window_limiter_counts_per_key_and_lets_a_caller_in_once_the_window_moves() -> None:
    now = [0.0]
    limiter = WindowLimiter(3, 60.0, monotonic=lambda: now[0])
    assert [limiter.take("kiosk-a") for _ in range(3)] == [0.0, 0.0, 0.0]
    now[0] = 20.0
    assert limiter.take("kiosk-a") == 40.0  # the first use leaves the window at 60 s
    assert limiter.take("kiosk-b") == 0.0  # another key has its own uses
    now[0] = 59.0
    assert limiter.take("kiosk-a") == 1.0  # refused tries are not counted against it
    now[0] = 60.0  # the three uses at 0 s have left the window
    assert [limiter.take("kiosk-a") for _ in range(3)] == [0.0, 0.0, 0.0]
    assert limiter.take("kiosk-a") == 60.0
