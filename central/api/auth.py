"""Who may call the API: the bearer token, checked against the site in the path and a role."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Path, Request, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from central.api.schemas import Problem
from central.db.engine import SessionFactory
from central.db.models import Site, TokenRole
from central.domain.tokens import find_token

_bearer = HTTPBearer(auto_error=False, description="A device or admin token of the site")

AUTH_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": Problem, "description": "No token, or an unknown one"},
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


def _authorise(
    request: Request,
    site: str,
    credentials: HTTPAuthorizationCredentials | None,
    roles: tuple[TokenRole, ...],
) -> Caller:
    if credentials is None:
        raise _unauthorised("a bearer token is required")
    reads: SessionFactory = request.app.state.read_factory  # a look-up: no write lock
    with reads() as session:
        token = find_token(session, credentials.credentials)
        if token is None:
            raise _unauthorised("unknown token")
        if session.get(Site, site) is None:
            raise HTTPException(status.HTTP_404_NOT_FOUND, f"unknown site {site!r}")
        found = Caller(token.site, TokenRole(token.role))
    if found.site != site:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "the token is for another site")
    if found.role not in roles:
        raise HTTPException(status.HTTP_403_FORBIDDEN, f"this needs a {' or '.join(roles)} token")
    return found


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
