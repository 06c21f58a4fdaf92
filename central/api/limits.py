"""The store under abuse: who may send a body, how big, how slowly, and how loud the log gets.

- ``BodyLimits``, pure ASGI middleware: a request with a body to the API is answered 401 before
  one byte of the body is read unless its bearer token is known; a body over ``MAX_BODY_BYTES``
  (by Content-Length, or counted as it streams) is answered 413; a body that takes longer than
  ``BODY_READ_TIMEOUT_S`` to arrive is answered 408. The body, at most ``MAX_BODY_BYTES``, is
  then handed to the application as one piece.
- ``HeaderTimeoutH11``: uvicorn's HTTP/1.1 protocol with a deadline for the request line and
  headers, however slowly their bytes trickle in (uvicorn has none: slow connections held file
  descriptors until the store could accept no more).
- ``RepeatFilter``: a logging filter that lets a record through once per window and then says
  how many like it were held back ("Too many open files" wrote 100,000 lines).
- ``WindowLimiter``: at most so many uses per key (a kiosk's token) in any window of seconds,
  for a route whose answers one must not harvest (the returning-guest lookup).
"""

from __future__ import annotations

import asyncio
import json
import logging
import threading
import time
from collections import deque
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

import anyio.to_thread
import h11
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from uvicorn.protocols.http.h11_impl import H11Protocol

from central.api.schemas import Problem
from central.db.engine import SessionFactory, engine_of
from central.domain import tokens
from kiosk.protocol import API_PREFIX, MAX_BATCH

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

# A batch is at most MAX_BATCH events of at most 4 KiB of data each; escaped as \uXXXX by a
# client that sends ASCII-only JSON, one event takes up to ~13 KB: 2.6 MB at worst, a real
# batch (~200 bytes an event) ~40 KB. 4 MiB leaves margin over the worst and 100x the real.
MAX_BODY_BYTES = 4 * 1024 * 1024
assert MAX_BODY_BYTES >= MAX_BATCH * 13_000
BODY_READ_TIMEOUT_S = 30.0
HEADER_TIMEOUT_S = 10.0
# serve's uvicorn settings: connections (beyond: 503), idle keep-alive, the largest header block.
LIMIT_CONCURRENCY = 500
TIMEOUT_KEEP_ALIVE_S = 5
MAX_HEADER_BYTES = 16 * 1024


# What BodyLimits answers, for the OpenAPI of the routes that take a body.
BODY_ERRORS: dict[int | str, dict[str, Any]] = {
    408: {"model": Problem, "description": "The body came too slowly"},
    413: {"model": Problem, "description": f"The body is larger than {MAX_BODY_BYTES} bytes"},
}


def server_options() -> dict[str, Any]:
    """uvicorn's settings for ``serve``: bounded connections, header time and size, keep-alive;
    its records go to the root logger, to the handler ``configure_logging`` made (no logging
    config of its own)."""
    return {
        "http": HeaderTimeoutH11,
        "limit_concurrency": LIMIT_CONCURRENCY,
        "timeout_keep_alive": TIMEOUT_KEEP_ALIVE_S,
        "h11_max_incomplete_event_size": MAX_HEADER_BYTES,
        "log_config": None,
    }


def known_token(reads: SessionFactory, secret: str) -> tokens.FoundToken | None:
    """The token whose secret this is, any site, any role (the route decides), with what the
    route's authorisation needs of it (central.api.auth); None if the store does not know it."""
    with engine_of(reads).connect() as connection:
        return tokens.find_token(connection, secret)


FOUND_TOKEN = "regionlab_token"
"""The key in the request's state (``scope["state"]``) under which ``BodyLimits`` leaves the
token it found, as ``(secret, token)``: the route's authorisation (central.api.auth) uses it
instead of looking the same secret up a second time."""


# API routes that take a body without a device token, each with its own (small) cap: a new
# kiosk trades its one-time provisioning code for a token (central.api.provisioning).
PUBLIC_BODY_ROUTES: dict[str, int] = {f"{API_PREFIX}/provision": 4096}


class BodyLimits:
    """See the module's description. ``reads`` is the API's read-only session factory."""

    def __init__(
        self,
        app: ASGIApp,
        reads: SessionFactory,
        max_body_bytes: int = MAX_BODY_BYTES,
        read_timeout_s: float = BODY_READ_TIMEOUT_S,
    ) -> None:
        self.app = app
        self.reads = reads
        self.max_body_bytes = max_body_bytes
        self.read_timeout_s = read_timeout_s

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not _has_body(scope):
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        path = str(scope["path"])
        limit = PUBLIC_BODY_ROUTES.get(path)
        if limit is None and path.startswith(API_PREFIX):
            try:
                refusal = await self._refuse_token(scope, headers.get(b"authorization", b""))
            except (OperationalError, PoolTimeoutError):
                # Outside the app's exception handlers: answered as they would ("resend later").
                await _answer(send, 503, "database unavailable")
                return
            if refusal is not None:
                await _answer(send, 401, refusal, {b"www-authenticate": b"Bearer"})
                return
        limit = min(limit or self.max_body_bytes, self.max_body_bytes)
        declared = headers.get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > limit):
            await _answer(send, 413, self._too_large(limit))
            return
        body = await self._read_body(receive, send, limit)
        if body is None:
            return
        delivered = False

        async def replay() -> Message:
            nonlocal delivered
            if not delivered:
                delivered = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()  # the client going away, after the body

        await self.app(scope, replay, send)

    async def _refuse_token(self, scope: Scope, authorization: bytes) -> str | None:
        scheme, _, secret = authorization.decode("latin-1").partition(" ")
        if scheme.lower() != "bearer" or not secret.strip():
            return "a bearer token is required"
        token = await anyio.to_thread.run_sync(known_token, self.reads, secret.strip())
        if token is None:
            return "unknown token"
        scope.setdefault("state", {})[FOUND_TOKEN] = (secret.strip(), token)
        return None

    @staticmethod
    def _too_large(limit: int) -> str:
        return f"the request body is larger than {limit} bytes"

    async def _read_body(self, receive: Receive, send: Send, limit: int) -> bytes | None:
        """The whole body, or None once a refusal was sent (too large, too slow, gone)."""
        chunks: list[bytes] = []
        size = 0
        deadline = time.monotonic() + self.read_timeout_s
        while True:
            try:
                message = await asyncio.wait_for(receive(), max(0.0, deadline - time.monotonic()))
            except TimeoutError:
                await _answer(send, 408, "the request body came too slowly")
                return None
            if message["type"] == "http.disconnect":
                return None
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                await _answer(send, 413, self._too_large(limit))
                return None
            chunks.append(chunk)
            if not message.get("more_body", False):
                return b"".join(chunks)


def _has_body(scope: Scope) -> bool:
    headers = dict(scope["headers"])
    return (
        scope["method"] in ("POST", "PUT", "PATCH")
        or headers.get(b"content-length", b"0") != b"0"
        or b"transfer-encoding" in headers
    )


async def _answer(
    send: Send, status: int, detail: str, extra: dict[bytes, bytes] | None = None
) -> None:
    body = json.dumps({"detail": detail}).encode("ascii")
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode("ascii")),
        (b"connection", b"close"),
        *(extra or {}).items(),
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body, "more_body": False})


class HeaderTimeoutH11(H11Protocol):
    """uvicorn's h11 protocol, closing a connection whose request line and headers are not
    all there ``HEADER_TIMEOUT_S`` after it opened (or after its previous answer)."""

    header_timeout_s = HEADER_TIMEOUT_S
    _header_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self.conn.their_state is not h11.IDLE:  # the headers are in
            self._disarm()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing():
            self._arm()  # the next request on this connection gets its own deadline

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _arm(self) -> None:
        self._disarm()
        self._header_timer = self.loop.call_later(self.header_timeout_s, self._headers_too_slow)

    def _disarm(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None

    def _headers_too_slow(self) -> None:
        self._header_timer = None
        if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
            self.transport.close()


class RepeatFilter(logging.Filter):
    """Lets the first record of a kind (logger, level, message) through, holds back
    the same kind for ``window_s`` seconds, then lets the next one through saying how many
    were held back. Logs stay readable, and small, through a flood."""

    def __init__(self, window_s: float = 60.0, clock: Callable[[], float] = time.monotonic):
        super().__init__()
        self.window_s = window_s
        self.clock = clock
        self._seen: dict[tuple[str, int, str], tuple[float, int]] = {}

    def filter(self, record: logging.LogRecord) -> bool:
        key = (record.name, record.levelno, record.getMessage())
        now = self.clock()
        opened, held = self._seen.get(key, (float("-inf"), 0))
        if now - opened < self.window_s:
            self._seen[key] = (opened, held + 1)
            return False
        self._seen[key] = (now, 0)
        if len(self._seen) > 1000:  # many kinds: forget the old windows
            self._seen = {k: v for k, v in self._seen.items() if now - v[0] < self.window_s}
        if held:
            record.msg = (
                f"{record.getMessage()} ({held} more like this held back in {self.window_s:.0f} s)"
            )
            record.args = None
        return True


class WindowLimiter:
    """At most ``limit`` uses per key in any ``window_s`` seconds (a sliding window). A use
    refused is not counted, so a caller that waits gets in again. Thread-safe (sync routes run
    in threads); per worker process, like the provisioning limit."""

    def __init__(
        self, limit: int, window_s: float, monotonic: Callable[[], float] = time.monotonic
    ) -> None:
        self.limit, self.window_s = limit, window_s
        self._monotonic = monotonic
        self._lock = threading.Lock()
        self._uses: dict[str, deque[float]] = {}

    def take(self, key: str) -> float:
        """Count one use by ``key`` and return 0.0; or, over the limit, count nothing and
        return the seconds until the oldest use in the window leaves it."""
        now = self._monotonic()
        with self._lock:
            uses = self._uses.setdefault(key, deque())
            while uses and uses[0] <= now - self.window_s:
                uses.popleft()
            if len(uses) >= self.limit:
                return uses[0] + self.window_s - now
            uses.append(now)
            if len(self._uses) > 10_000:  # forget quiet keys rather than grow
                for quiet in [
                    k for k, v in self._uses.items() if not v or v[-1] <= now - self.window_s
                ]:
                    del self._uses[quiet]
            return 0.0
