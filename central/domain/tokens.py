"""Bearer tokens: made once, shown once, stored only as a keyed hash.

The hash is HMAC-SHA256 with the server secret (``central.domain.token_secret``), which is not
in the database: a leaked database alone cannot test guesses. Tokens made before the keyed hash
(``hash_scheme`` "sha256") are found by their bare SHA-256 and re-keyed on their first use
(``rekey``). A token may expire (``expires_at``) and may be revoked (``revoked_at``); both are
read on every request, so a revoked token is refused on the next one.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from typing import Protocol

from sqlalchemy import URL, Connection, bindparam, or_, select
from sqlalchemy.orm import Session

from central.db.models import Kiosk, Site, Token, TokenRole
from central.domain.directory import require_site
from central.domain.token_secret import load_secret

SECRET_PREFIX = "rlk_"
_MAX_SECRET_CHARS = 200
HMAC = "hmac"
LEGACY_SHA256 = "sha256"
# last_used_at (and a kiosk's report) is written at most this often per token, unless the
# report changed: a kiosk asks every few seconds, and each write takes the write lock.
TOUCH_EVERY = timedelta(seconds=60)
_DURATION = re.compile(r"^\s*(\d{1,5})\s*([hdw])\s*$", re.IGNORECASE)
_UNITS = {"h": timedelta(hours=1), "d": timedelta(days=1), "w": timedelta(weeks=1)}


class TokenRefused(Exception):
    """The token is known but may not be used: revoked or expired (the message says which)."""


class UnknownToken(Exception):
    pass


def new_secret() -> str:
    return SECRET_PREFIX + secrets.token_urlsafe(32)


def keyed_hash(secret: str, key: bytes) -> str:
    return hmac.new(key, secret.encode("utf-8"), hashlib.sha256).hexdigest()


def legacy_hash(secret: str) -> str:
    """The bare SHA-256 that tokens made before revision 0005 are stored as."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def server_key(session: Session) -> bytes:
    """The server secret for the database this session is bound to."""
    return load_secret(_url_text(session.get_bind().engine.url))


@cache
def _url_text(url: URL) -> str:
    # An engine's URL, as text, once per process: every request hashes a token with the key.
    return url.render_as_string(hide_password=False)


def hash_secret(session: Session, secret: str) -> str:
    """How ``secret`` is stored in this database."""
    return keyed_hash(secret, server_key(session))


def parse_duration(text: str) -> timedelta:
    """``90d``, ``12h`` or ``2w``; ValueError otherwise."""
    match = _DURATION.match(text)
    if match is None or int(match.group(1)) == 0:
        raise ValueError(f"not a duration like 90d, 12h or 2w: {text!r}")
    return int(match.group(1)) * _UNITS[match.group(2).lower()]


def create_token(
    session: Session,
    site: str,
    role: TokenRole | str,
    label: str = "",
    *,
    now: datetime,
    expires_at: datetime | None = None,
) -> str:
    """Store a new token for ``site`` and return its secret, which is not kept anywhere."""
    return create_token_row(session, site, role, label, now=now, expires_at=expires_at)[1]


def create_token_row(
    session: Session,
    site: str,
    role: TokenRole | str,
    label: str = "",
    *,
    now: datetime,
    expires_at: datetime | None = None,
) -> tuple[Token, str]:
    require_site(session, site)
    secret = new_secret()
    token = Token(
        site=site,
        role=str(TokenRole(role)),
        secret_hash=hash_secret(session, secret),
        hash_scheme=HMAC,
        label=label,
        created_at=now,
        expires_at=expires_at,
    )
    session.add(token)
    session.flush()
    return token, secret


@dataclass(frozen=True)
class Report:
    """What a kiosk says about itself with each request (all optional)."""

    version: str | None = None
    events_waiting: int | None = None
    events_set_aside: int | None = None


@dataclass(frozen=True)
class FoundToken:
    """What a request's authorisation needs of a token, and of its kiosk (if it has one), read
    in one statement (``find_token``): no ORM entity is loaded on that path."""

    id: int
    site: str
    role: str
    hash_scheme: str
    revoked_at: datetime | None
    expires_at: datetime | None
    last_used_at: datetime | None
    kiosk: Report | None  # what the token's kiosk last reported; None: no kiosk has it


# Built once, in Core (table columns, no ORM entity): a token by either of its possible hashes,
# with its kiosk's report. The keyed hash (HMAC) or, for a token made before revision 0005, the
# bare SHA-256 (``rekey`` mends it).
_TOKENS = Token.__table__.c
_KIOSKS = Kiosk.__table__.c
_FIND_TOKEN = (
    select(
        _TOKENS.id,
        _TOKENS.site,
        _TOKENS.role,
        _TOKENS.hash_scheme,
        _TOKENS.revoked_at,
        _TOKENS.expires_at,
        _TOKENS.last_used_at,
        _KIOSKS.id,
        _KIOSKS.version,
        _KIOSKS.events_waiting,
        _KIOSKS.events_set_aside,
    )
    .select_from(Token.__table__.outerjoin(Kiosk.__table__, _KIOSKS.token_id == _TOKENS.id))
    .where(
        or_(
            (_TOKENS.secret_hash == bindparam("keyed")) & (_TOKENS.hash_scheme == HMAC),
            (_TOKENS.secret_hash == bindparam("legacy")) & (_TOKENS.hash_scheme == LEGACY_SHA256),
        )
    )
    .limit(1)
)


def find_token(connection: Connection, secret: str) -> FoundToken | None:
    """The token whose secret this is (revoked and expired ones included), or None. One
    statement on ``connection``, prebuilt: this runs for every request to the API."""
    if not secret.startswith(SECRET_PREFIX) or len(secret) > _MAX_SECRET_CHARS:
        return None
    keyed = keyed_hash(secret, load_secret(_url_text(connection.engine.url)))
    row = connection.execute(_FIND_TOKEN, {"keyed": keyed, "legacy": legacy_hash(secret)}).first()
    if row is None:
        return None
    (id_, site, role, scheme, revoked_at, expires_at, last_used_at, kiosk_id, *report) = row
    kiosk = None if kiosk_id is None else Report(*report)
    return FoundToken(id_, site, role, scheme, revoked_at, expires_at, last_used_at, kiosk)


_SITES = Site.__table__.c
_SITE_EXISTS = select(_SITES.code).where(_SITES.code == bindparam("site"))


def site_exists(connection: Connection, site: str) -> bool:
    return connection.execute(_SITE_EXISTS, {"site": site}).first() is not None


class _Usable(Protocol):
    @property
    def revoked_at(self) -> datetime | None: ...
    @property
    def expires_at(self) -> datetime | None: ...


def refusal(token: _Usable, now: datetime) -> str | None:
    """Why ``token`` (a Token or a FoundToken) may not be used at ``now``, or None if it may."""
    if token.revoked_at is not None:
        return "token revoked"
    if token.expires_at is not None and token.expires_at <= now:
        return "token expired"
    return None


def rekey(session: Session, token_id: int, secret: str) -> None:
    """Store a pre-0005 token under the keyed hash, now that its secret was presented."""
    token = session.get(Token, token_id)
    if token is not None and token.hash_scheme == LEGACY_SHA256:
        token.secret_hash = hash_secret(session, secret)
        token.hash_scheme = HMAC


class _Used(Protocol):
    @property
    def last_used_at(self) -> datetime | None: ...


def needs_touch(token: _Used, kiosk: Report | None, report: Report, now: datetime) -> bool:
    """Whether this use is to be noted (``touch``): the last note is ``TOUCH_EVERY`` old, or the
    token's kiosk reports something other than it stored (``kiosk``: None if it has none)."""
    if token.last_used_at is None or now - token.last_used_at >= TOUCH_EVERY:
        return True
    if kiosk is None:
        return False
    return any(
        new is not None and new != old
        for new, old in zip(
            (report.version, report.events_waiting, report.events_set_aside),
            (kiosk.version, kiosk.events_waiting, kiosk.events_set_aside),
            strict=True,
        )
    )


def touch(session: Session, token_id: int, report: Report, now: datetime) -> None:
    """Note that the token was used at ``now``, and what its kiosk (if any) reported.

    The times only move forward: notes are written in the order they were handed over, and
    one taken a moment late (its request began before another's) must not make the token
    look used, or its kiosk seen, earlier than it was."""
    token = session.get(Token, token_id)
    if token is None:
        return
    token.last_used_at = _later(token.last_used_at, now)
    kiosk = session.scalars(select(Kiosk).where(Kiosk.token_id == token_id)).first()
    if kiosk is None:
        return
    kiosk.last_seen_at = _later(kiosk.last_seen_at, now)
    if report.version is not None:
        kiosk.version = report.version
    if report.events_waiting is not None:
        kiosk.events_waiting = report.events_waiting
    if report.events_set_aside is not None:
        kiosk.events_set_aside = report.events_set_aside


def _later(stored: datetime | None, now: datetime) -> datetime:
    return now if stored is None else max(stored, now)


@dataclass(frozen=True)
class TokenInfo:
    id: int
    site: str
    role: str
    label: str
    kiosk: str | None
    created_at: datetime
    last_used_at: datetime | None
    expires_at: datetime | None
    revoked_at: datetime | None


def list_tokens(session: Session, site: str | None = None) -> list[TokenInfo]:
    """Every token (of ``site``), oldest first; never a secret or its hash."""
    query = select(Token, Kiosk.name).outerjoin(Kiosk, Kiosk.token_id == Token.id)
    if site is not None:
        require_site(session, site)
        query = query.where(Token.site == site)
    return [
        TokenInfo(
            t.id,
            t.site,
            t.role,
            t.label,
            name,
            t.created_at,
            t.last_used_at,
            t.expires_at,
            t.revoked_at,
        )
        for t, name in session.execute(query.order_by(Token.id)).all()
    ]


def revoke_token(session: Session, token_id: int, now: datetime) -> Token:
    """Revoke the token; revoking it again keeps the first time."""
    token = session.get(Token, token_id)
    if token is None:
        raise UnknownToken(f"no token with id {token_id}")
    if token.revoked_at is None:
        token.revoked_at = now
    return token
