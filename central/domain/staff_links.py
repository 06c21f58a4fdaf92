"""One-time set-password links for staff accounts.

``staff add`` without a password makes one: a random token whose SHA-256 alone is stored,
valid for 72 hours and for one use. The link is printed and, with a mail server configured,
e-mailed to the account's address. The page ``/staff/set-password/<token>`` sets the password
by the same rule as ``staff add``; using a link spends every other open link of the account
and logs the account out of every console session.
``staff link`` makes a new link for an existing account (a forgotten password, a first link
that expired) and the account's earlier unused links stop working (``renew``).
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import make_msgid

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from central.db.models import StaffAccount, StaffPasswordLink
from central.domain import staff
from central.domain.directory import normalise_email
from central.domain.invitation_mail import SmtpSettings

LIFETIME = timedelta(hours=72)
PATH = "/staff/set-password"
MAX_TOKEN = 100


class LinkError(ValueError):
    """A link that cannot be used; ``reason`` is link_bad, link_expired or link_used."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def make_link(session: Session, account: StaffAccount, *, now: datetime) -> str:
    """A new link's token for ``account`` (stored only hashed)."""
    token = secrets.token_urlsafe(32)
    session.add(
        StaffPasswordLink(
            token_hash=_digest(token),
            account_id=account.id,
            created_at=now,
            expires_at=now + LIFETIME,
        )
    )
    session.flush()
    return token


def renew(session: Session, email: str, *, now: datetime) -> tuple[StaffAccount, str]:
    """A new link's token for the existing account with this e-mail address; the account's
    earlier unused links are deleted, so that only the newest one works (they then read as
    not valid). The password stays as it is until the link is used. StaffError for an unknown
    or a disabled account."""
    address = normalise_email(email)
    account = session.scalars(
        select(StaffAccount).where(StaffAccount.email == address).with_for_update()
    ).first()
    if account is None:
        raise staff.StaffError(f"no staff account for {address}")
    if account.disabled_at is not None:
        raise staff.StaffError(f"the staff account {address} is disabled")
    session.execute(
        delete(StaffPasswordLink).where(
            StaffPasswordLink.account_id == account.id, StaffPasswordLink.used_at.is_(None)
        )
    )
    return account, make_link(session, account, now=now)


def url_of(base_url: str, token: str) -> str:
    return f"{base_url.rstrip('/')}{PATH}/{token}"


def find(session: Session, token: str, *, now: datetime) -> tuple[StaffPasswordLink, StaffAccount]:
    """The open link with this token and its account, else LinkError saying why not."""
    if not token or len(token) > MAX_TOKEN:
        raise LinkError("link_bad")
    link = session.get(StaffPasswordLink, _digest(token))
    account = session.get(StaffAccount, link.account_id) if link is not None else None
    if link is None or account is None or account.disabled_at is not None:
        raise LinkError("link_bad")
    if link.used_at is not None:
        raise LinkError("link_used")
    if link.expires_at <= now:
        raise LinkError("link_expired")
    return link, account


def use(session: Session, token: str, password: str, *, now: datetime) -> StaffAccount:
    """Set the account's password through the link, spend the link (and the account's
    other open links) and end every console session of the account. LinkError or StaffError
    (the password rule) leave everything as it was."""
    link, account = find(session, token, now=now)
    staff.check_password(password)
    account.password_hash = staff.hash_password(password)
    account.failed_logins = 0
    account.locked_until = None
    session.execute(
        update(StaffPasswordLink)
        .where(StaffPasswordLink.account_id == account.id, StaffPasswordLink.used_at.is_(None))
        .values(used_at=now)
    )
    link.used_at = now
    # A new password logs the account out everywhere (a lost laptop, a shared password).
    staff.end_sessions(session, account)
    session.flush()
    return account


def compose(
    account: StaffAccount,
    url: str,
    expires: datetime,
    settings: SmtpSettings,
    *,
    renewed: bool = False,
) -> EmailMessage:
    """The link's e-mail, in bokmål and English; ``renewed`` for a new link to an account that
    exists already (``staff link``)."""
    until = expires.strftime("%d.%m.%Y %H:%M UTC")
    message = EmailMessage()
    message["Subject"] = "Velg passord til RegionLab personalside / Choose your password"
    message["From"] = settings.sender
    message["To"] = account.email
    message["Message-ID"] = make_msgid(domain="regionlab.invalid")
    if renewed:
        message.set_content(
            f"Hei!\n\nHer er en ny lenke for å velge passord til kontoen din ({account.role}) "
            f"på RegionLab personalside:\n\n{url}\n\nLenken virker én gang og gjelder til "
            f"{until}. Eldre lenker virker ikke lenger. Har du ikke bedt om dette, kan du se bort "
            "fra e-posten: passordet ditt er uendret til lenken blir brukt.\n\n"
            f"---\n\nHere is a new link to choose the password of your account ({account.role}) "
            f"on the RegionLab staff console:\n\n{url}\n\nThe link works once and is valid "
            f"until {until}. Older links no longer work. If you did not ask for this, ignore this "
            "e-mail: your password stays as it is until the link is used.\n"
        )
        return message
    message.set_content(
        f"Hei!\n\nDu har fått en konto ({account.role}) på RegionLab personalside. Velg "
        f"passordet ditt her:\n\n{url}\n\nLenken virker én gang og gjelder til {until}. "
        "Har du ikke bedt om dette, kan du se bort fra e-posten.\n\n"
        f"---\n\nYou have an account ({account.role}) on the RegionLab staff console. Choose "
        f"your password here:\n\n{url}\n\nThe link works once and is valid until {until}.\n"
    )
    return message
