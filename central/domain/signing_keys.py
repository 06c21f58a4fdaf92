"""Rotating and retiring the keys that sign passes.

One key is active at a time and signs every new pass. Rotating makes a new active key; the old
ones stay announced to kiosks (so the passes they signed keep verifying) until an operator
retires them, which is refused while an unexpired, unrevoked pass still depends on the key.
Retiring sends a delete through the feed: kiosks forget the public key and its passes stop
working; the store destroys its private half. Private halves are stored sealed with the
key-encryption key (central.domain.sealed_keys).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from central.db.models import PassRecord, SigningKeyRecord
from central.domain import changes, sealed_keys
from kiosk.passes import SigningKey
from kiosk.protocol import ChangeOp, Entity


class KeyInUse(ValueError):
    """Retiring this key would break passes that are still valid."""

    def __init__(self, key_id: str, passes: int) -> None:
        super().__init__(
            f"key {key_id} still signs {passes} valid pass(es); revoke them, wait until they "
            "expire, or retire with --force"
        )
        self.key_id = key_id
        self.passes = passes


@dataclass(frozen=True)
class KeyInfo:
    key_id: str
    created_at: datetime
    active: bool
    retired_at: datetime | None
    valid_passes: int  # unexpired and unrevoked passes it signed
    last_expiry: datetime | None  # when the last of those expires


def rotate(session: Session, *, now: datetime) -> SigningKeyRecord:
    """A new active key; the previous ones stop signing but keep verifying."""
    changes.lock_feed(session)
    when = now
    for old in session.scalars(select(SigningKeyRecord).where(SigningKeyRecord.active.is_(True))):
        old.active = False
        session.flush()
        changes.append(
            session, Entity.SIGNING_KEY, old.key_id, changes.signing_key_data(old), site=None
        )
    key = SigningKey.generate()
    while session.get(SigningKeyRecord, key.key_id) is not None:  # 1 in 4 billion
        key = SigningKey.generate()
    record = sealed_keys.new_record(session, key, now=when)
    session.add(record)
    session.flush()
    changes.append(
        session, Entity.SIGNING_KEY, key.key_id, changes.signing_key_data(record), site=None
    )
    return record


def _valid_passes(session: Session, key_id: str, now: datetime) -> tuple[int, datetime | None]:
    count, last = session.execute(
        select(func.count(), func.max(PassRecord.valid_to)).where(
            PassRecord.key_id == key_id,
            PassRecord.revoked_at.is_(None),
            PassRecord.valid_to > now,
        )
    ).one()
    if isinstance(last, datetime) and last.tzinfo is None:  # SQLite's aggregate skips the type
        last = last.replace(tzinfo=UTC)
    elif isinstance(last, str):
        last = datetime.fromisoformat(last).replace(tzinfo=UTC)
    return int(count or 0), last


def list_keys(session: Session, *, now: datetime) -> list[KeyInfo]:
    """Every key, oldest first, with how many valid passes depend on it."""
    when = now
    infos = []
    for record in session.scalars(select(SigningKeyRecord).order_by(SigningKeyRecord.created_at)):
        count, last = _valid_passes(session, record.key_id, when)
        infos.append(
            KeyInfo(record.key_id, record.created_at, record.active, record.retired_at, count, last)
        )
    return infos


def retire(
    session: Session, key_id: str, *, force: bool = False, now: datetime
) -> SigningKeyRecord:
    """Stop announcing a key to kiosks. Refuses the active key, and (without ``force``) a key
    that unexpired, unrevoked passes depend on. Retiring twice keeps the first time."""
    changes.lock_feed(session)
    record = session.get(SigningKeyRecord, key_id.strip().lower())
    if record is None:
        raise LookupError(f"unknown key {key_id!r}")
    if record.retired_at is not None:
        return record
    if record.active:
        raise ValueError(f"key {record.key_id} is the active key: rotate first")
    when = now
    count, _ = _valid_passes(session, record.key_id, when)
    if count and not force:
        raise KeyInUse(record.key_id, count)
    record.retired_at = when
    sealed_keys.destroy_private_half(record)
    session.flush()
    changes.append(session, Entity.SIGNING_KEY, record.key_id, None, site=None, op=ChangeOp.DELETE)
    return record
