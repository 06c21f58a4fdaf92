"""Personal and staff PINs: checking their form, hashing them, and locking after wrong tries.

A PIN is 4-6 digits. Only its hash is ever stored: scrypt with a random salt per PIN, so the
same PIN gives different hashes and a copied database does not list PINs. A PIN has at most a
million values, so the hash alone would not stop a determined attacker with the file; the
lock-out after wrong tries protects the screen, and the files are kept readable by their owner
only. Shared by the kiosk and the central store (both set and check PINs).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from kiosk.clock import Clock

_FORM = re.compile(r"\d{4,6}")
_SCHEME = "scrypt"
_N, _R, _P = 2**14, 8, 1
MAX_TRIES = 5
LOCK_FOR = timedelta(minutes=5)


def is_valid_pin(pin: str) -> bool:
    """4 to 6 ASCII digits, nothing else."""
    return bool(_FORM.fullmatch(pin)) and pin.isascii()


def new_pin(digits: int = 6) -> str:
    """A random PIN of ``digits`` digits (leading zeros allowed)."""
    return "".join(secrets.choice("0123456789") for _ in range(digits))


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def hash_pin(pin: str) -> str:
    """``scrypt$n$r$p$salt$hash``; raises ValueError for a PIN that is not 4-6 digits."""
    if not is_valid_pin(pin):
        raise ValueError("a PIN is 4 to 6 digits")
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(pin.encode("ascii"), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    return f"{_SCHEME}${_N}${_R}${_P}${_b64(salt)}${_b64(digest)}"


def verify_pin(pin: str, stored: str | None) -> bool:
    """True when ``pin`` matches ``stored``; False for no hash, a malformed hash or a bad PIN."""
    if not stored or not is_valid_pin(pin):
        return False
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != _SCHEME:
            return False
        expected = _unb64(digest)
        actual = hashlib.scrypt(
            pin.encode("ascii"),
            salt=_unb64(salt),
            n=int(n),
            r=int(r),
            p=int(p),
            dklen=len(expected),
            maxmem=64 * 1024 * 1024,
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


@dataclass
class _Tries:
    wrong: int = 0
    locked_until: datetime | None = None


@dataclass
class PinLockout:
    """Counts wrong PINs per key (a person id, or "staff"); five in a row lock it for five minutes.

    Kept in memory: a restart clears it, which costs an attacker a restart each five tries.
    """

    clock: Clock
    max_tries: int = MAX_TRIES
    lock_for: timedelta = LOCK_FOR
    _tries: dict[str, _Tries] = field(default_factory=dict)

    def locked_until(self, key: str) -> datetime | None:
        """When the lock on ``key`` ends, or None when it is not locked."""
        state = self._tries.get(key)
        if state is None or state.locked_until is None:
            return None
        if self.clock.now() >= state.locked_until:
            del self._tries[key]
            return None
        return state.locked_until

    def check(self, key: str, pin: str, stored: str | None) -> bool:
        """Verify ``pin`` unless ``key`` is locked; count a wrong one, clear on a right one."""
        if self.locked_until(key) is not None:
            return False
        if verify_pin(pin, stored):
            self._tries.pop(key, None)
            return True
        state = self._tries.setdefault(key, _Tries())
        state.wrong += 1
        if state.wrong >= self.max_tries:
            state.locked_until = self.clock.now() + self.lock_for
        return False
