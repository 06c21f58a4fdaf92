"""``POST /api/v1/provision``: a new kiosk exchanges its one-time code for its device token.

No token is needed (the code is the credential), so guessing is bounded: each client address
may fail ``MAX_FAILURES`` times in ``WINDOW_S`` seconds, and all clients together
``MAX_FAILURES_ALL`` times, before every further try is answered 429 until the window moves on.
With an 80-bit code that leaves nothing to find. The limits are per worker process.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable
from typing import Any

from fastapi import FastAPI, HTTPException, Request, status
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from central.api.schemas import Problem
from central.db.engine import SessionFactory
from central.domain import provisioning
from kiosk.clock import Clock
from kiosk.protocol import API_PREFIX

MAX_FAILURES = 10
MAX_FAILURES_ALL = 100
WINDOW_S = 600.0


class ProvisionRequest(BaseModel):
    code: str = Field(min_length=1, max_length=100, description="The code's secret part")
    version: str | None = Field(default=None, max_length=40, description="The kiosk's version")


class ProvisionAnswer(BaseModel):
    site: str
    kiosk_name: str
    device_token: str


class ProvisionRefusal(BaseModel):
    detail: str
    reason: str = Field(description="unknown, used, expired or rate_limited")


class FailureLimiter:
    """Counts failed tries per client and in all; thread-safe (sync routes run in threads)."""

    def __init__(self, monotonic: Callable[[], float] = time.monotonic) -> None:
        self._monotonic = monotonic
        self._lock = threading.Lock()
        self._by_client: dict[str, deque[float]] = {}
        self._all: deque[float] = deque()

    def _trim(self, times: deque[float], now: float) -> None:
        while times and times[0] <= now - WINDOW_S:
            times.popleft()

    def blocked(self, client: str) -> bool:
        now = self._monotonic()
        with self._lock:
            mine = self._by_client.get(client, deque())
            self._trim(mine, now)
            self._trim(self._all, now)
            return len(mine) >= MAX_FAILURES or len(self._all) >= MAX_FAILURES_ALL

    def failed(self, client: str) -> None:
        now = self._monotonic()
        with self._lock:
            self._by_client.setdefault(client, deque()).append(now)
            self._all.append(now)
            if len(self._by_client) > 10_000:  # forget quiet clients rather than grow
                for key in [k for k, v in self._by_client.items() if not v][:5_000]:
                    del self._by_client[key]


def add_routes(app: FastAPI, factory: SessionFactory, clock: Clock) -> None:
    limiter = FailureLimiter()
    app.state.provisioning_limiter = limiter

    @app.post(
        f"{API_PREFIX}/provision",
        response_model=ProvisionAnswer,
        responses={
            404: {"model": ProvisionRefusal, "description": "Not a code this store issued"},
            410: {"model": ProvisionRefusal, "description": "The code was used or has expired"},
            429: {"model": Problem, "description": "Too many wrong codes: wait and try again"},
        },
    )
    def provision(body: ProvisionRequest, request: Request) -> Any:
        """Exchange a one-time provisioning code (``regionlab-central kiosk provision``) for
        the new kiosk's own device token. Each code works once, for 24 hours."""
        client = request.client.host if request.client is not None else "?"
        if limiter.blocked(client):
            raise HTTPException(
                status.HTTP_429_TOO_MANY_REQUESTS,
                "too many wrong provisioning codes: try again in ten minutes",
                headers={"Retry-After": str(int(WINDOW_S))},
            )
        try:
            with factory.begin() as session:
                done = provisioning.redeem(
                    session, body.code, now=clock.now(), version=body.version
                )
        except provisioning.ProvisioningRefused as refused:
            limiter.failed(client)
            # An unknown code is a resource not found (a well-formed request, so not 400).
            code = status.HTTP_404_NOT_FOUND if refused.reason == "unknown" else 410
            return JSONResponse({"detail": str(refused), "reason": refused.reason}, code)
        return ProvisionAnswer(
            site=done.site, kiosk_name=done.kiosk_name, device_token=done.device_token
        )
