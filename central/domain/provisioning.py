"""One-time provisioning codes: a new kiosk exchanges one for its own device token.

The code a kiosk reads (the text of a QR, or typed) is ``RLP1 <store URL> <secret>``; the
secret is 16 characters of Crockford base32 (80 bits) in groups of four, upper case, so it fits
QR's alphanumeric mode and survives a scanner typing with Caps Lock. It is stored keyed-hashed
like tokens, works once, for 24 hours.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlsplit, urlunsplit

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from central.db.models import Kiosk, ProvisioningCode, Token, TokenRole
from central.domain import tokens
from central.domain.directory import require_site

CODE_PREFIX = "RLP1"
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford: no I, L, O, U
CODE_CHARS = 16
VALID_FOR = timedelta(hours=24)
NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
QR_ALPHANUMERIC = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:")
_LOOKALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})


class ProvisioningRefused(Exception):
    """A code that cannot be used; ``reason`` is "unknown", "used" or "expired"."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


class KioskError(Exception):
    """A kiosk name that is taken, malformed or unknown."""


def new_code() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(CODE_CHARS))
    return "-".join(raw[i : i + 4] for i in range(0, CODE_CHARS, 4))


def normalise(code: str) -> str:
    """The secret as stored: upper case, no dashes or spaces, look-alike letters as digits."""
    return re.sub(r"[\s-]", "", code).upper().translate(_LOOKALIKES)


def provisioning_text(central_url: str, code: str) -> str:
    """What the QR holds and what a scanner types: scheme and host in upper case (they are
    case-blind), so that without a path the whole text is in QR's alphanumeric set."""
    url = urlsplit(central_url.rstrip("/"))
    upper = url._replace(scheme=url.scheme.upper(), netloc=url.netloc.upper())
    return f"{CODE_PREFIX} {urlunsplit(upper)} {code}"


def alphanumeric(text: str) -> bool:
    """Whether ``text`` fits QR's alphanumeric mode (a smaller, Caps-Lock-proof code)."""
    return all(c in QR_ALPHANUMERIC for c in text)


def _next_name(session: Session, site: str) -> str:
    taken = set(session.scalars(select(Kiosk.name))) | set(
        session.scalars(select(ProvisioningCode.kiosk_name))
    )
    number = (session.scalar(select(func.count()).where(Kiosk.site == site)) or 0) + 1
    while f"{site}-{number}" in taken:
        number += 1
    return f"{site}-{number}"


@dataclass(frozen=True)
class NewCode:
    code: str
    kiosk_name: str
    expires_at: datetime


def create_code(
    session: Session, site: str, *, now: datetime, kiosk_name: str | None = None
) -> NewCode:
    """A one-time code for a new kiosk of ``site`` (named ``kiosk_name`` or ``<site>-<n>``)."""
    require_site(session, site)
    if kiosk_name is None:
        kiosk_name = _next_name(session, site)
    elif not NAME.match(kiosk_name):
        raise KioskError(
            f"bad kiosk name {kiosk_name!r}: lower-case letters, digits and -, at most 64"
        )
    elif session.scalars(select(Kiosk).where(Kiosk.name == kiosk_name)).first() is not None:
        raise KioskError(f"a kiosk named {kiosk_name!r} exists already")
    code = new_code()
    expires_at = now + VALID_FOR
    session.add(
        ProvisioningCode(
            site=site,
            code_hash=tokens.hash_secret(session, normalise(code)),
            kiosk_name=kiosk_name,
            created_at=now,
            expires_at=expires_at,
        )
    )
    session.flush()
    return NewCode(code, kiosk_name, expires_at)


@dataclass(frozen=True)
class Redeemed:
    site: str
    kiosk_name: str
    device_token: str


def redeem(session: Session, code: str, *, now: datetime, version: str | None = None) -> Redeemed:
    """Use ``code`` (once): make the kiosk and its device token. ProvisioningRefused if the
    code is unknown, used or expired."""
    secret = normalise(code)
    if len(secret) != CODE_CHARS or any(c not in ALPHABET for c in secret):
        raise ProvisioningRefused("unknown", "not a provisioning code")
    row = session.scalars(
        select(ProvisioningCode)
        .where(ProvisioningCode.code_hash == tokens.hash_secret(session, secret))
        .with_for_update()
    ).first()
    if row is None:
        raise ProvisioningRefused("unknown", "unknown provisioning code")
    if row.used_at is not None:
        raise ProvisioningRefused("used", "this provisioning code has been used already")
    if row.expires_at <= now:
        raise ProvisioningRefused("expired", "this provisioning code has expired")
    if session.scalars(select(Kiosk).where(Kiosk.name == row.kiosk_name)).first() is not None:
        raise ProvisioningRefused("used", "a kiosk with this code's name exists already")
    row.used_at = now
    token, secret_token = tokens.create_token_row(
        session, row.site, TokenRole.DEVICE, f"kiosk {row.kiosk_name}", now=now
    )
    session.add(
        Kiosk(
            site=row.site,
            name=row.kiosk_name,
            token_id=token.id,
            created_at=now,
            last_seen_at=now,
            version=version,
        )
    )
    session.flush()
    return Redeemed(row.site, row.kiosk_name, secret_token)


@dataclass(frozen=True)
class KioskInfo:
    name: str
    site: str
    created_at: datetime
    last_seen_at: datetime | None
    version: str | None
    events_waiting: int | None
    events_set_aside: int | None
    revoked_at: datetime | None


def list_kiosks(session: Session, site: str) -> list[KioskInfo]:
    require_site(session, site)
    rows = session.execute(
        select(Kiosk, Token.revoked_at)
        .join(Token, Token.id == Kiosk.token_id)
        .where(Kiosk.site == site)
        .order_by(Kiosk.name)
    ).all()
    return [
        KioskInfo(
            k.name,
            k.site,
            k.created_at,
            k.last_seen_at,
            k.version,
            k.events_waiting,
            k.events_set_aside,
            revoked,
        )
        for k, revoked in rows
    ]


def revoke_kiosk(session: Session, name: str, now: datetime) -> Kiosk:
    """End the kiosk: its device token is refused from its next request on."""
    kiosk = session.scalars(select(Kiosk).where(Kiosk.name == name)).first()
    if kiosk is None:
        raise KioskError(f"no kiosk named {name!r}")
    tokens.revoke_token(session, kiosk.token_id, now)
    return kiosk
