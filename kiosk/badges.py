"""Guest badges: a signed code that checks its guest out, made and verified by this kiosk.

A badge carries a pass token in the very format of ``kiosk.passes`` (kind GUEST, the guest's
id, this site, valid until early next morning), signed with this kiosk's own badge key. The
key is made on first use and kept in the local store; it never leaves the kiosk, and the
store's pass keys are never needed to print a badge, so badges print offline too. A badge
verifies only at the kiosk that printed it: at another kiosk the guest checks out by name.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.models import BadgeKey
from kiosk.passes import (
    PassClaims,
    PassError,
    PassKind,
    SigningKey,
    new_pass_id,
    parse_token,
    verify_token,
)

# A badge is good for the day it was printed, and for a late evening past midnight.
VALID_PAST_MIDNIGHT = timedelta(hours=6)


@dataclass(frozen=True)
class Badge:
    """What a badge shows; ``token`` goes into its QR code."""

    name: str
    organisation: str
    host: str  # masked: "Kari N. · NAV"
    day: datetime  # the check-in time, in the site's zone
    token: str
    pass_id: str


def badge_key(session: Session, now: datetime) -> SigningKey:
    """This kiosk's badge key, made (in the caller's transaction) the first time."""
    row = session.scalars(select(BadgeKey).order_by(BadgeKey.created_at.desc())).first()
    if row is None:
        key = SigningKey.generate()
        session.add(
            BadgeKey(
                key_id=key.key_id,
                private_key=key.private_key,
                public_key=key.public_key,
                created_at=now,
            )
        )
        return key
    return SigningKey(row.key_id, row.private_key, row.public_key)


def sign_badge(
    session: Session, *, person_id: str, site: str, zone: ZoneInfo, now: datetime
) -> tuple[str, str]:
    """A signed badge token for ``person_id``; returns (token, pass id)."""
    key = badge_key(session, now)
    local = now.astimezone(zone)
    next_midnight = datetime.combine(local.date() + timedelta(days=1), time(), zone)
    claims = PassClaims(
        pass_id=new_pass_id(),
        person_id=person_id,
        site=site,
        kind=PassKind.GUEST,
        valid_from=now.replace(microsecond=0),
        valid_to=next_midnight + VALID_PAST_MIDNIGHT,
        key_id=key.key_id,
    )
    return key.sign(claims), claims.pass_id


def badge_keys(session: Session) -> dict[str, bytes]:
    return {row.key_id: row.public_key for row in session.scalars(select(BadgeKey))}


def is_badge(session: Session, text: str) -> bool:
    """Whether ``text`` claims to be one of this kiosk's badges (its key id). Verifies nothing,
    raises nothing: other pass texts and garbage answer False."""
    try:
        claims, _, _ = parse_token(text)
    except PassError:
        return False
    return claims.kind is PassKind.GUEST and claims.key_id in badge_keys(session)


def verify_badge(session: Session, text: str, *, site: str, now: datetime) -> PassClaims:
    """The badge's claims, or PassError saying why not (forged, expired, another site)."""
    return verify_token(text, public_keys=badge_keys(session), site=site, now=now)
