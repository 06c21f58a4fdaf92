"""Who may call the API: the bearer token, checked against the site in the path and a role.

A revoked or expired token is refused (401) on its next request. Each use is noted on the token
(``last_used_at``, at most once a minute) with what a kiosk reports in its headers (version,
events waiting, events set aside: ``kiosk.heartbeat``), for ``regionlab-central kiosk list``;
the note is written in the background (``central.api.token_use``), never by the request."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Path, Request, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool

from central.api.limits import FOUND_TOKEN
from central.api.schemas import Problem
from central.api.token_use import TokenUseWriter
from central.db.engine import engine_of
from central.db.models import TokenRole
from central.domain import tokens
from central.domain.tokens import FoundToken, find_token
from kiosk.clock import Clock, SystemClock
from kiosk.heartbeat import SET_ASIDE_HEADER, VERSION_HEADER, WAITING_HEADER

_bearer = HTTPBearer(auto_error=False, description="A device or admin token of the site")

AUTH_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": Problem, "description": "No token, or an unknown, revoked or expired one"},
    403: {"model": Problem, "description": "The token belongs to another site or role"},
    404: {"model": Problem, "description": "No such site"},
}

# A site code is checked before it reaches the database: a NUL in it was a 500 on PostgreSQL.
SITE_PATTERN = r"^[a-z0-9][a-z0-9_-]{0,31}$"
SiteCode = Annotated[
    str,
    Path(
        examples=["lyngdal"],
        pattern=SITE_PATTERN,
        description="The site's code: lower-case letters, digits, - and _ (at most 32)",
    ),
]


@dataclass(frozen=True)
class Caller:
    """Whoever presented a valid token for the site in the path."""

    site: str
    role: TokenRole
    token_id: int  # which token: a kiosk's own, for limits per kiosk


def _authorise(
    request: Request,
    site: str,
    credentials: HTTPAuthorizationCredentials | None,
    roles: tuple[TokenRole, ...],
) -> Caller:
    if credentials is None:
        raise _unauthorised("a bearer token is required")
    clock: Clock = getattr(request.app.state, "clock", None) or SystemClock()
    now = clock.now()
    report = _report(request)
    # Read-only connections (no write lock), no Session: the look-up is one prebuilt statement
    # (none if BodyLimits found the token for this request already).
    reads = engine_of(request.app.state.read_factory)
    token = _found_token(request, credentials.credentials)
    if token is None:
        with reads.connect() as connection:
            token = find_token(connection, credentials.credentials)
    if token is None:
        raise _unauthorised("unknown token")
    refused = tokens.refusal(token, now)
    if refused is not None:
        raise _unauthorised(refused)
    if token.site != site:
        # The token's own site exists (a foreign key): only another one is looked up, so that
        # an unknown site is still 404 before a wrong one is 403.
        with reads.connect() as connection:
            if not tokens.site_exists(connection, site):
                raise HTTPException(status.HTTP_404_NOT_FOUND, f"unknown site {site!r}")
    found = Caller(token.site, TokenRole(token.role), token.id)
    legacy = token.hash_scheme != tokens.HMAC
    if legacy or tokens.needs_touch(token, token.kiosk, report, now):
        _write_use(request, token.id, credentials.credentials if legacy else None, report, now)
    if found.site != site:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "the token is for another site")
    if found.role not in roles:
        raise HTTPException(status.HTTP_403_FORBIDDEN, f"this needs a {' or '.join(roles)} token")
    return found


def _found_token(request: Request, secret: str) -> FoundToken | None:
    """The token ``BodyLimits`` already found for this request's secret (a request with a body),
    else None: one look-up per request, not two."""
    found = request.scope.get("state", {}).get(FOUND_TOKEN)
    if found is None or found[0] != secret:
        return None
    token: FoundToken = found[1]
    return token


def _report(request: Request) -> tokens.Report:
    """What the kiosk reported in its request headers (kiosk.heartbeat); bad values ignored."""

    def number(name: str) -> int | None:
        raw = request.headers.get(name, "")
        return int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 10 else None

    version = request.headers.get(VERSION_HEADER)
    if version is not None and not (0 < len(version) <= 40 and version.isprintable()):
        version = None
    return tokens.Report(version, number(WAITING_HEADER), number(SET_ASIDE_HEADER))


def _write_use(
    request: Request, token_id: int, secret: str | None, report: tokens.Report, now: datetime
) -> None:
    """Last use, the kiosk's report, and re-keying an old token: handed to the process's
    background writer (central.api.token_use), so the request neither writes nor waits."""
    writer: TokenUseWriter = request.app.state.token_use
    writer.note(token_id, secret, report, now)


Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]


def _any_token(request: Request, site: SiteCode, credentials: Credentials) -> Caller:
    return _authorise(request, site, credentials, (TokenRole.DEVICE, TokenRole.ADMIN))


def _device_token(request: Request, site: SiteCode, credentials: Credentials) -> Caller:
    return _authorise(request, site, credentials, (TokenRole.DEVICE,))


def _admin_token(request: Request, site: SiteCode, credentials: Credentials) -> Caller:
    return _authorise(request, site, credentials, (TokenRole.ADMIN,))


AnyCaller = Annotated[Caller, Depends(_any_token)]
DeviceCaller = Annotated[Caller, Depends(_device_token)]
AdminCaller = Annotated[Caller, Depends(_admin_token)]


@dataclass(frozen=True)
class Presented:
    """A bearer token presented for the site in the path, not checked yet: for the routes every
    kiosk calls every few seconds (the feed, events). A dependency that reads the database runs
    in a worker thread of its own, and each hop to a thread and back cost about a millisecond
    of the store's CPU here; such a route checks the token with ``check`` first thing in the
    one thread that does its work. ``check`` answers exactly as the dependencies above."""

    request: Request
    site: str
    credentials: HTTPAuthorizationCredentials | None
    roles: tuple[TokenRole, ...]

    def check(self) -> Caller:
        return _authorise(self.request, self.site, self.credentials, self.roles)

    async def check_soon(self) -> Caller:
        """``check`` from the event loop: in it when no database is needed (``BodyLimits``
        found the token, and it is for this site), else in a worker thread."""
        found = self.credentials and _found_token(self.request, self.credentials.credentials)
        if found and found.site == self.site:
            return self.check()
        return await run_in_threadpool(self.check)


async def _any_presented(request: Request, site: SiteCode, credentials: Credentials) -> Presented:
    return Presented(request, site, credentials, (TokenRole.DEVICE, TokenRole.ADMIN))


async def _device_presented(
    request: Request, site: SiteCode, credentials: Credentials
) -> Presented:
    return Presented(request, site, credentials, (TokenRole.DEVICE,))


AnyPresented = Annotated[Presented, Depends(_any_presented)]
DevicePresented = Annotated[Presented, Depends(_device_presented)]


def _unauthorised(detail: str) -> HTTPException:
    return HTTPException(
        status.HTTP_401_UNAUTHORIZED, detail, headers={"WWW-Authenticate": "Bearer"}
    )
