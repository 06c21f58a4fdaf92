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
from sqlalchemy import select

from central.api.limits import FOUND_TOKEN
from central.api.schemas import Problem
from central.api.token_use import TokenUseWriter
from central.db.engine import SessionFactory
from central.db.models import Kiosk, Site, Token, TokenRole
from central.domain import tokens
from central.domain.tokens import find_token
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
    reads: SessionFactory = request.app.state.read_factory  # a look-up: no write lock
    with reads() as session:
        token = _found_token(request, credentials.credentials) or find_token(
            session, credentials.credentials
        )
        if token is None:
            raise _unauthorised("unknown token")
        refused = tokens.refusal(token, now)
        if refused is not None:
            raise _unauthorised(refused)
        # The site and the token's kiosk (if any) in one statement: no row, no such site.
        row = session.execute(
            select(Site.code, Kiosk)
            .outerjoin(Kiosk, Kiosk.token_id == token.id)
            .where(Site.code == site)
            .limit(1)
        ).first()
        if row is None:
            raise HTTPException(status.HTTP_404_NOT_FOUND, f"unknown site {site!r}")
        found = Caller(token.site, TokenRole(token.role), token.id)
        kiosk: Kiosk | None = row[1]
        legacy = token.hash_scheme != tokens.HMAC
        touch = tokens.needs_touch(token, kiosk, report, now)
        token_id = token.id
    if legacy or touch:
        _write_use(request, token_id, credentials.credentials if legacy else None, report, now)
    if found.site != site:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "the token is for another site")
    if found.role not in roles:
        raise HTTPException(status.HTTP_403_FORBIDDEN, f"this needs a {' or '.join(roles)} token")
    return found


def _found_token(request: Request, secret: str) -> Token | None:
    """The token ``BodyLimits`` already found for this request's secret (a request with a body),
    else None: one look-up per request, not two."""
    found = request.scope.get("state", {}).get(FOUND_TOKEN)
    if found is None or found[0] != secret:
        return None
    token: Token = found[1]
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


def _unauthorised(detail: str) -> HTTPException:
    return HTTPException(
        status.HTTP_401_UNAUTHORIZED, detail, headers={"WWW-Authenticate": "Bearer"}
    )
