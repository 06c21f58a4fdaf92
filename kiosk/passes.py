"""QR pass tokens: a compact payload signed with Ed25519, written as upper-case letters and digits.

A token is ``RL1`` followed by unpadded base32 of ``payload || signature``. Only A-Z and 2-7 appear,
so a handheld scanner typing on any keyboard layout (or with Caps Lock on) cannot garble it, and
the text fits QR's compact alphanumeric mode. Decoding ignores case and white space.

Payload, version 1 (big-endian)::

    u8 version | u8 kind | 8 bytes pass id | 16 bytes person UUID | 4 bytes key id
    | u32 valid_from | u32 valid_to (unix seconds) | u8 site length | site (ASCII)

The signature covers ``b"RL1" + payload``. Kiosks verify offline with the public keys from their
last sync; private keys stay in the central store.
"""

from __future__ import annotations

import base64
import binascii
import enum
import secrets
import struct
import uuid
from collections.abc import Container, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

PREFIX = "RL1"
VERSION = 1
_HEADER = struct.Struct(">BB8s16s4sIIB")
_SIGNATURE_LEN = 64
_MAX_SITE_LEN = 32
# A pass may be presented a little before it starts: kiosk clocks drift.
CLOCK_LEEWAY = timedelta(minutes=5)
# Longest text we even try to decode; a scanner can type kilobytes of garbage.
MAX_TOKEN_CHARS = 400


class PassKind(enum.IntEnum):
    MEMBER = 1
    GUEST = 2


class PassProblem(enum.Enum):
    """Why a token was refused. The UI maps each to a message in the user's language."""

    GARBLED = "garbled"
    UNSUPPORTED_VERSION = "unsupported_version"
    NO_KEYS = "no_keys"
    UNKNOWN_KEY = "unknown_key"
    BAD_SIGNATURE = "bad_signature"
    NOT_YET_VALID = "not_yet_valid"
    EXPIRED = "expired"
    WRONG_SITE = "wrong_site"
    REVOKED = "revoked"
    INACTIVE = "inactive"  # the pass is sound, its holder is no longer a member of the site


class PassError(Exception):
    """Why a token was refused; ``claims`` is set only once its signature has verified
    (wrong site, not yet valid, expired, revoked), so the UI can say e.g. which day a guest's
    invitation is for."""

    def __init__(
        self, problem: PassProblem, detail: str = "", *, claims: PassClaims | None = None
    ) -> None:
        super().__init__(f"{problem.value}: {detail}" if detail else problem.value)
        self.problem = problem
        self.claims = claims


@dataclass(frozen=True)
class PassClaims:
    pass_id: str  # 16 hex digits
    person_id: str  # canonical UUID text
    site: str
    kind: PassKind
    valid_from: datetime
    valid_to: datetime
    key_id: str  # 8 hex digits

    def to_payload(self) -> bytes:
        site = self.site.encode("ascii")
        if not 0 < len(site) <= _MAX_SITE_LEN:
            raise ValueError("site code must be 1-32 ASCII characters")
        header = _HEADER.pack(
            VERSION,
            int(self.kind),
            bytes.fromhex(self.pass_id),
            uuid.UUID(self.person_id).bytes,
            bytes.fromhex(self.key_id),
            _to_unix(self.valid_from),
            _to_unix(self.valid_to),
            len(site),
        )
        return header + site


def _to_unix(moment: datetime) -> int:
    if moment.tzinfo is None:
        raise ValueError("pass validity needs a timezone-aware time")
    seconds = int(moment.timestamp())
    if not 0 <= seconds <= 0xFFFF_FFFF:
        raise ValueError("pass validity must lie between 1970 and 2106")
    return seconds


def new_pass_id() -> str:
    return secrets.token_hex(8)


def key_id_for(public_key: bytes) -> str:
    """A key's id: the first 4 bytes of its raw public key, as hex."""
    return public_key[:4].hex()


@dataclass(frozen=True)
class SigningKey:
    key_id: str
    private_key: bytes  # raw 32 bytes
    public_key: bytes  # raw 32 bytes

    @classmethod
    def generate(cls) -> SigningKey:
        private = Ed25519PrivateKey.generate()
        raw_private = private.private_bytes_raw()
        raw_public = private.public_key().public_bytes_raw()
        return cls(key_id_for(raw_public), raw_private, raw_public)

    def sign(self, claims: PassClaims) -> str:
        if claims.key_id != self.key_id:
            raise ValueError("claims name another signing key")
        payload = claims.to_payload()
        signature = Ed25519PrivateKey.from_private_bytes(self.private_key).sign(
            PREFIX.encode() + payload
        )
        return PREFIX + base64.b32encode(payload + signature).decode("ascii").rstrip("=")


def normalise_token(text: str) -> str:
    """Upper-case, without any white space: what a scanner or camera read, made comparable."""
    return "".join(text.split()).upper()


def parse_token(text: str) -> tuple[PassClaims, bytes, bytes]:
    """Split a token into its claims, the signed bytes and the signature. Verifies nothing."""
    if len(text) > MAX_TOKEN_CHARS * 2:
        raise PassError(PassProblem.GARBLED, "too long")
    token = normalise_token(text)
    if not token.startswith(PREFIX) or len(token) > MAX_TOKEN_CHARS:
        raise PassError(PassProblem.GARBLED, "not a RegionLab pass")
    body = token[len(PREFIX) :]
    try:
        raw = base64.b32decode(body + "=" * (-len(body) % 8))
    except (binascii.Error, ValueError) as exc:
        raise PassError(PassProblem.GARBLED, "not base32") from exc
    if len(raw) < _HEADER.size + 1 + _SIGNATURE_LEN:
        raise PassError(PassProblem.GARBLED, "too short")
    payload, signature = raw[:-_SIGNATURE_LEN], raw[-_SIGNATURE_LEN:]
    if payload[0] != VERSION:
        raise PassError(PassProblem.UNSUPPORTED_VERSION, str(payload[0]))
    (_, kind, pass_id, person, key_id, valid_from, valid_to, site_len) = _HEADER.unpack_from(
        payload
    )
    site_bytes = payload[_HEADER.size :]
    if len(site_bytes) != site_len or site_len == 0:
        raise PassError(PassProblem.GARBLED, "site length")
    try:
        site = site_bytes.decode("ascii")
        pass_kind = PassKind(kind)
    except (UnicodeDecodeError, ValueError) as exc:
        raise PassError(PassProblem.GARBLED, "bad field") from exc
    claims = PassClaims(
        pass_id=pass_id.hex(),
        person_id=str(uuid.UUID(bytes=person)),
        site=site,
        kind=pass_kind,
        valid_from=datetime.fromtimestamp(valid_from, UTC),
        valid_to=datetime.fromtimestamp(valid_to, UTC),
        key_id=key_id.hex(),
    )
    return claims, PREFIX.encode() + payload, signature


def verify_token(
    text: str,
    *,
    public_keys: Mapping[str, bytes],
    site: str,
    now: datetime,
    revoked: Container[str] = frozenset(),
) -> PassClaims:
    """Check a token fully offline; return its claims or raise PassError saying why not."""
    claims, signed, signature = parse_token(text)
    if not public_keys:
        raise PassError(PassProblem.NO_KEYS)
    public = public_keys.get(claims.key_id)
    if public is None:
        raise PassError(PassProblem.UNKNOWN_KEY, claims.key_id)
    try:
        Ed25519PublicKey.from_public_bytes(public).verify(signature, signed)
    except (InvalidSignature, ValueError) as exc:
        raise PassError(PassProblem.BAD_SIGNATURE) from exc
    # Revoked first: a withdrawn invitation must not say "come back on Friday".
    if claims.pass_id in revoked:
        raise PassError(PassProblem.REVOKED, claims=claims)
    if claims.site != site:
        raise PassError(PassProblem.WRONG_SITE, claims.site, claims=claims)
    if now + CLOCK_LEEWAY < claims.valid_from:
        raise PassError(PassProblem.NOT_YET_VALID, claims=claims)
    if now >= claims.valid_to:
        raise PassError(PassProblem.EXPIRED, claims=claims)
    return claims
