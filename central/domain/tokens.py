"""Bearer tokens: made once, shown once, stored only as a SHA-256 hash."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from central.db.models import Token, TokenRole
from central.domain.directory import require_site

SECRET_PREFIX = "rlk_"
_MAX_SECRET_CHARS = 200


def new_secret() -> str:
    return SECRET_PREFIX + secrets.token_urlsafe(32)


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def create_token(
    session: Session, site: str, role: TokenRole | str, label: str = "", *, now: datetime
) -> str:
    """Store a new token for ``site`` and return its secret, which is not kept anywhere."""
    require_site(session, site)
    secret = new_secret()
    session.add(
        Token(
            site=site,
            role=str(TokenRole(role)),
            secret_hash=hash_secret(secret),
            label=label,
            created_at=now,
        )
    )
    session.flush()
    return secret


def find_token(session: Session, secret: str) -> Token | None:
    """The token whose secret this is, or None."""
    if not secret.startswith(SECRET_PREFIX) or len(secret) > _MAX_SECRET_CHARS:
        return None
    return session.scalars(select(Token).where(Token.secret_hash == hash_secret(secret))).first()
