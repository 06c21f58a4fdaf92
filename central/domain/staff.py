"""Staff accounts of the console (central.web): Argon2id passwords, a lockout after repeated
failed log-ins, server-side sessions with their CSRF token, the audit log and roll call ticks.

A session's cookie holds a random secret; the store keeps only its SHA-256, so a copy of the
database logs no one in. The audit log names the account and the subject (a person's id, a
kiosk's name), never a person's name.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from central.db.models import (
    AuditEntry,
    RollCallTick,
    StaffAccount,
    StaffPasswordLink,
    StaffRole,
    StaffSession,
)

__all__ = ["StaffRole"]
from central.domain.directory import normalise_email, require_site

MAX_FAILED_LOGINS = 5
LOCKOUT = timedelta(minutes=15)
SESSION_LIFETIME = timedelta(hours=10)  # a working day; log in again the next morning
MIN_PASSWORD = 12
# argon2-cffi's defaults are Argon2id (RFC 9106's second recommendation, 64 MiB, t=3).
_HASHER = PasswordHasher()
# Verified against when the e-mail is unknown, so that an answer takes as long either way.
_DUMMY_HASH = _HASHER.hash("not a password of anyone")


class StaffError(ValueError):
    """A staff account that cannot be made as asked; the message says why."""


# The password hash of an account whose password is not set yet (a set-password link waits):
# not an Argon2 hash, so no password ever verifies against it.
NO_PASSWORD = "!"


def check_password(password: str) -> None:
    """The console's password rule, for ``staff add`` and the set-password page alike."""
    if len(password) < MIN_PASSWORD:
        raise StaffError(f"the password must have at least {MIN_PASSWORD} characters")


def add_account(
    session: Session,
    *,
    site: str,
    email: str,
    role: str,
    password: str | None,
    now: datetime,
) -> StaffAccount:
    """A new account; ``password`` None leaves it without one until a set-password link is
    used (``central.domain.staff_links``)."""
    require_site(session, site)
    address = normalise_email(email)
    if "@" not in address or len(address) > 254:
        raise StaffError(f"not an e-mail address: {email!r}")
    try:
        chosen = StaffRole(role)
    except ValueError:
        raise StaffError(f"no role {role!r}: staff, admin or analyst") from None
    if password is not None:
        check_password(password)
    taken = session.scalars(select(StaffAccount).where(StaffAccount.email == address)).first()
    if taken is not None:
        raise StaffError(f"a staff account for {address} exists already")
    account = StaffAccount(
        site=site,
        email=address,
        role=str(chosen),
        password_hash=_HASHER.hash(password) if password is not None else NO_PASSWORD,
        created_at=now,
        failed_logins=0,
    )
    session.add(account)
    session.flush()
    return account


@dataclass(frozen=True)
class LoginResult:
    account: StaffAccount | None
    locked: bool = False  # refused because of too many failed log-ins (even if right now)
    disabled: bool = False  # the right password of a disabled account (only then said so)


def log_in(session: Session, email: str, password: str, *, now: datetime) -> LoginResult:
    """Check the password; count failures; lock the account for ``LOCKOUT`` after
    ``MAX_FAILED_LOGINS`` in a row. The caller commits either way."""
    account = session.scalars(
        select(StaffAccount).where(StaffAccount.email == normalise_email(email)).with_for_update()
    ).first()
    if account is None:
        _verify(_DUMMY_HASH, password)
        return LoginResult(None)
    if account.locked_until is not None and account.locked_until > now:
        return LoginResult(None, locked=True)
    if not _verify(account.password_hash, password):
        # A disabled account counts failures too: guessing its password is no cheaper.
        account.failed_logins += 1
        if account.failed_logins >= MAX_FAILED_LOGINS:
            account.locked_until = now + LOCKOUT
            account.failed_logins = 0
            return LoginResult(None, locked=True)
        return LoginResult(None)
    account.failed_logins = 0
    account.locked_until = None
    if account.disabled_at is not None:
        # Said only to whoever knows the password; a wrong one reads as any wrong one.
        return LoginResult(None, disabled=True)
    if _HASHER.check_needs_rehash(account.password_hash):
        account.password_hash = _HASHER.hash(password)
    return LoginResult(account)


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _HASHER.verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def open_session(session: Session, account: StaffAccount, *, now: datetime) -> str:
    """A new session for ``account``; returns the cookie's secret (stored only hashed)."""
    secret = secrets.token_urlsafe(32)
    session.execute(delete(StaffSession).where(StaffSession.expires_at <= now))
    session.add(
        StaffSession(
            token_hash=_digest(secret),
            account_id=account.id,
            csrf=secrets.token_urlsafe(32),
            created_at=now,
            expires_at=now + SESSION_LIFETIME,
        )
    )
    session.flush()
    return secret


def find_session(
    session: Session, secret: str, *, now: datetime
) -> tuple[StaffSession, StaffAccount] | None:
    row = session.get(StaffSession, _digest(secret))
    if row is None or row.expires_at <= now:
        return None
    account = session.get(StaffAccount, row.account_id)
    if account is None or account.disabled_at is not None:
        return None
    return row, account


def close_session(session: Session, secret: str) -> None:
    session.execute(delete(StaffSession).where(StaffSession.token_hash == _digest(secret)))


def end_sessions(session: Session, account: StaffAccount) -> int:
    """Log ``account`` out everywhere (a new password, a disabled account), in the caller's
    transaction; returns how many sessions were open (or expired but not yet swept)."""
    ended = session.execute(delete(StaffSession).where(StaffSession.account_id == account.id))
    return int(getattr(ended, "rowcount", 0) or 0)


def _account_by_email(session: Session, email: str) -> StaffAccount:
    address = normalise_email(email)
    account = session.scalars(
        select(StaffAccount).where(StaffAccount.email == address).with_for_update()
    ).first()
    if account is None:
        raise StaffError(f"no staff account for {address}")
    return account


@dataclass(frozen=True)
class Disabled:
    account: StaffAccount
    already: bool  # it was disabled before
    sessions: int  # sessions ended now
    links: int  # unused set-password links deleted now


def disable(session: Session, email: str, *, now: datetime) -> Disabled:
    """Disable the account with this e-mail address: no log-in, its sessions end now and its
    unused set-password links are deleted (so that enabling it again revives none of them).
    StaffError for an unknown address. Disabling a disabled account changes nothing more."""
    account = _account_by_email(session, email)
    already = account.disabled_at is not None
    if not already:
        account.disabled_at = now
    sessions = end_sessions(session, account)
    links = session.execute(
        delete(StaffPasswordLink).where(
            StaffPasswordLink.account_id == account.id, StaffPasswordLink.used_at.is_(None)
        )
    )
    session.flush()
    return Disabled(account, already, sessions, int(getattr(links, "rowcount", 0) or 0))


def enable(session: Session, email: str) -> tuple[StaffAccount, bool]:
    """Enable the account with this e-mail address again, with the password it had (and a
    fresh count of failed log-ins); returns it and whether it was disabled. StaffError for an
    unknown address."""
    account = _account_by_email(session, email)
    was_disabled = account.disabled_at is not None
    if was_disabled:
        account.disabled_at = None
        account.failed_logins = 0
        account.locked_until = None
    session.flush()
    return account, was_disabled


def has_password(account: StaffAccount) -> bool:
    return account.password_hash != NO_PASSWORD


def list_accounts(session: Session) -> list[StaffAccount]:
    return list(session.scalars(select(StaffAccount).order_by(StaffAccount.email)))


def may_see_site(account: StaffAccount, site: str) -> bool:
    if account.role == StaffRole.ADMIN:
        return True
    return account.role == StaffRole.STAFF and account.site == site


COMMAND_LINE = "cli:"  # an audit line's actor: an operator at the command line, by login name


@dataclass(frozen=True)
class CommandLine:
    """Who acted with ``regionlab-central`` at the store's machine: no console account, the
    operator's login name there."""

    operator: str


def audit(
    session: Session,
    account: StaffAccount | CommandLine,
    action: str,
    *,
    now: datetime,
    site: str | None = None,
    subject: str | None = None,
    detail: str | None = None,
) -> None:
    """Write one line of the audit log in the caller's transaction."""
    if isinstance(account, CommandLine):
        account_id, actor = None, (COMMAND_LINE + account.operator)[:254]
    else:
        account_id, actor = account.id, account.email
    session.add(
        AuditEntry(
            at=now,
            account_id=account_id,
            actor=actor,
            site=site,
            action=action,
            subject=subject,
            detail=(detail or None) and detail[:500],
        )
    )


def command_line_operator(entry: AuditEntry) -> str | None:
    """The login name of the operator behind an audit line written at the command line."""
    if entry.account_id is None and entry.actor.startswith(COMMAND_LINE):
        return entry.actor.removeprefix(COMMAND_LINE)
    return None


def audit_page(session: Session, *, offset: int = 0, limit: int = 100) -> list[AuditEntry]:
    return list(
        session.scalars(
            select(AuditEntry)
            .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
            .offset(offset)
            .limit(limit)
        )
    )


def audit_count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(AuditEntry)) or 0


# --- roll call -------------------------------------------------------------------------------


def ticks(session: Session, site: str, day: date) -> dict[str, RollCallTick]:
    """Person id -> their tick, for ``site``'s roll call on ``day``."""
    rows = session.scalars(
        select(RollCallTick).where(RollCallTick.site == site, RollCallTick.day == day)
    )
    return {row.person_id: row for row in rows}


def tick_marks(session: Session, site: str, day: date) -> dict[str, tuple[str, datetime]]:
    """Person id -> (the e-mail of the staff member who ticked them, when), for ``site``'s roll
    call on ``day``: one query of plain rows, for the Today page and its live ticks."""
    rows = session.execute(
        select(RollCallTick.person_id, StaffAccount.email, RollCallTick.at)
        .outerjoin(StaffAccount, StaffAccount.id == RollCallTick.account_id)
        .where(RollCallTick.site == site, RollCallTick.day == day)
    )
    return {person_id: (email or "", at) for person_id, email, at in rows}


def set_tick(
    session: Session,
    account: StaffAccount,
    *,
    site: str,
    day: date,
    person_id: str,
    seen: bool,
    now: datetime,
) -> None:
    # An earlier day's ticks name people and serve no one now: gone at the next roll call.
    session.execute(delete(RollCallTick).where(RollCallTick.site == site, RollCallTick.day < day))
    existing = session.get(RollCallTick, (site, day, person_id))
    if seen and existing is None:
        session.add(
            RollCallTick(site=site, day=day, person_id=person_id, account_id=account.id, at=now)
        )
    elif not seen and existing is not None:
        session.delete(existing)
    session.flush()


def clear_ticks(session: Session, site: str, day: date) -> None:
    session.execute(delete(RollCallTick).where(RollCallTick.site == site, RollCallTick.day == day))
