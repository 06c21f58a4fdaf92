"""Opaque handles for people in the console's addresses, so that no person's id is in a URL.

A person's id is a stable identifier of a named person (the kiosks, the feed and the audit log
know it): in a browser's history, a proxy's log or the store's access log it is personal data.
The console's addresses carry a handle instead: the id encrypted (AES-SIV, deterministic, so a
person has one handle for the whole session and a link can be bookmarked for the day) with a
key derived from the staff member's session secret, which only their cookie holds. Another
session, or the same staff member after logging in again, gets other handles; a handle that was
tampered with or belongs to another session decrypts to nothing (404). Nothing is stored.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import uuid
from functools import lru_cache

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESSIV

_CONTEXT = b"regionlab console person handle v1"
HANDLE_CHARS = 43  # 32 bytes (16 of id, 16 of tag) in unpadded base64url


@lru_cache(maxsize=256)
def _cipher(session_secret: str) -> AESSIV:
    key = hmac.new(session_secret.encode(), _CONTEXT, hashlib.sha512).digest()
    return AESSIV(key)


@lru_cache(maxsize=8192)  # a full building's list, for a few sessions: no cipher per row
def handle(session_secret: str, person_id: str) -> str:
    """The handle of ``person_id`` for the session whose cookie holds ``session_secret``."""
    sealed = _cipher(session_secret).encrypt(uuid.UUID(person_id).bytes, None)
    return base64.urlsafe_b64encode(sealed).rstrip(b"=").decode()


def person_id(session_secret: str, text: str) -> str | None:
    """The person id behind a handle of this session, or None for anything else."""
    if len(text) != HANDLE_CHARS:
        return None
    try:
        sealed = base64.urlsafe_b64decode(text + "=")
        return str(uuid.UUID(bytes=_cipher(session_secret).decrypt(sealed, None)))
    except (binascii.Error, ValueError, InvalidTag):
        return None
