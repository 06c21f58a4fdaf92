"""Signing keys in and out of the database: the private half sealed with the key-encryption
key (central.db.key_encryption), never stored raw; a retired key's private half destroyed."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from central.db import key_encryption
from central.db.models import SigningKeyRecord
from kiosk.passes import SigningKey


def kek_of(session: Session) -> bytes:
    """The KEK of the database this session talks to; KeyEncryptionError when there is none."""
    return key_encryption.require_kek(session.get_bind().engine.url)


def new_record(session: Session, key: SigningKey, *, now: datetime) -> SigningKeyRecord:
    """A row for a new active key, its private half sealed."""
    return SigningKeyRecord(
        key_id=key.key_id,
        private_key=key_encryption.seal(kek_of(session), key.key_id, key.private_key),
        public_key=key.public_key,
        created_at=now,
        active=True,
    )


def signing_key_of(session: Session, record: SigningKeyRecord) -> SigningKey:
    """The key of a stored row, its private half unsealed for signing."""
    private = key_encryption.unseal(kek_of(session), record.key_id, record.private_key)
    return SigningKey(record.key_id, private, record.public_key)


def destroy_private_half(record: SigningKeyRecord) -> None:
    """A retired key never signs again: nothing of its private half stays."""
    record.private_key = key_encryption.DESTROYED
