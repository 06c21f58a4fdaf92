"""The key-encryption key (KEK) that seals the signing keys' private halves at rest.

A backup of the database alone must not let anyone forge passes, so the private halves are
stored encrypted (AES-256-GCM, the key id as associated data) with a key that is not in the
database. It comes from, first found wins:

1. ``$REGIONLAB_KEY_ENCRYPTION_KEY``: the key itself, 32 bytes in URL-safe base64;
2. ``$REGIONLAB_KEY_ENCRYPTION_KEY_FILE``: a file holding that text;
3. for a SQLite database file, the file beside it (``central.sqlite3`` -> ``central.kek``),
   which ``init`` creates (mode 0600) when there is none, so the demo works out of the box.

PostgreSQL has no "beside": it needs 1 or 2. See docs/operations.md for keeping the KEK.
"""

from __future__ import annotations

import base64
import binascii
import os
import secrets
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy.engine import URL, make_url

KEK_ENV = "REGIONLAB_KEY_ENCRYPTION_KEY"
KEK_FILE_ENV = "REGIONLAB_KEY_ENCRYPTION_KEY_FILE"
# Sealed values start with this; a raw key (before 0005_key_encryption) is 32 bytes without it.
_MAGIC = b"RLKEK1"
_NONCE_BYTES = 12
DESTROYED = b""  # a retired key's private half, once destroyed


class KeyEncryptionError(Exception):
    """No key-encryption key, a malformed one, or one that does not open a stored key."""


def default_kek_path(url: str | URL) -> Path | None:
    """Where a SQLite database file keeps its KEK by default; None for other databases."""
    parsed = make_url(url)
    database = parsed.database or ""
    if parsed.get_backend_name() != "sqlite" or not database or database == ":memory:":
        return None
    if database.startswith("file:"):
        return None
    return Path(database).with_suffix(".kek")


def _decode(text: str, where: str) -> bytes:
    try:
        key = base64.urlsafe_b64decode(text.strip().encode("ascii"))
    except (binascii.Error, UnicodeEncodeError, ValueError):
        raise KeyEncryptionError(f"the key-encryption key in {where} is not base64") from None
    if len(key) != 32:
        raise KeyEncryptionError(f"the key-encryption key in {where} is not 32 bytes")
    return key


def _read_file(path: Path) -> bytes:
    try:
        return _decode(path.read_text(encoding="ascii"), str(path))
    except (OSError, UnicodeDecodeError) as exc:
        raise KeyEncryptionError(f"cannot read the key-encryption key {path}: {exc}") from None


def find_kek(url: str | URL) -> bytes | None:
    """The KEK for the database at ``url``, or None when there is none to be found."""
    if os.environ.get(KEK_ENV):
        return _decode(os.environ[KEK_ENV], f"${KEK_ENV}")
    if os.environ.get(KEK_FILE_ENV):
        return _read_file(Path(os.environ[KEK_FILE_ENV]))
    beside = default_kek_path(url)
    if beside is not None and beside.exists():
        return _read_file(beside)
    return None


def require_kek(url: str | URL) -> bytes:
    kek = find_kek(url)
    if kek is None:
        raise KeyEncryptionError(
            f"no key-encryption key for the signing keys: set {KEK_FILE_ENV} (a file made with "
            f"`regionlab-central init` or holding 32 random bytes in base64) or {KEK_ENV}"
        )
    return kek


def ensure_kek(url: str | URL) -> Path | None:
    """Make the default KEK file of a SQLite database when no KEK is configured; returns the
    path of a file it created, else None."""
    if find_kek(url) is not None:
        return None
    path = default_kek_path(url)
    if path is None:
        return None
    path.parent.mkdir(parents=True, exist_ok=True)
    text = base64.urlsafe_b64encode(secrets.token_bytes(32)).decode("ascii") + "\n"
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="ascii") as out:
        out.write(text)
    return path


def is_sealed(stored: bytes) -> bool:
    return bytes(stored).startswith(_MAGIC)


def seal(kek: bytes, key_id: str, private_key: bytes) -> bytes:
    """The private key encrypted under ``kek``, bound to ``key_id``."""
    nonce = secrets.token_bytes(_NONCE_BYTES)
    return _MAGIC + nonce + AESGCM(kek).encrypt(nonce, private_key, key_id.encode("ascii"))


def unseal(kek: bytes, key_id: str, stored: bytes) -> bytes:
    """The private key of ``key_id`` from its stored form."""
    stored = bytes(stored)
    if stored == DESTROYED:
        raise KeyEncryptionError(f"the private half of key {key_id} was destroyed (retired)")
    if not is_sealed(stored):
        raise KeyEncryptionError(
            f"signing key {key_id} is stored unencrypted: run `regionlab-central init`"
        )
    nonce = stored[len(_MAGIC) : len(_MAGIC) + _NONCE_BYTES]
    sealed = stored[len(_MAGIC) + _NONCE_BYTES :]
    try:
        return AESGCM(kek).decrypt(nonce, sealed, key_id.encode("ascii"))
    except InvalidTag:
        raise KeyEncryptionError(
            f"the key-encryption key does not open signing key {key_id}: is it the right one?"
        ) from None
