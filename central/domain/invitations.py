"""Inviting a guest: the guest in the directory, their pass for the day(s), and who invited them.

``prepare`` is one transaction and touches no network; the caller e-mails the invitation after
the commit and then calls ``mark_sent``. A failed e-mail therefore leaves a complete invitation
marked unsent, never half a guest: running the same invitation again finds it (same guest, site
and days, not revoked) and sends the very same pass instead of making a second one.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from central.db.models import Invitation, PassRecord, Person, PersonKind, Site
from central.domain import directory, passes

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MAX_DAYS = 14


class InvitationError(ValueError):
    """An invitation that cannot be made as asked; the message says why, and ``reason`` is a
    short key for pages that say it in the reader's language (the console's catalogue)."""

    def __init__(self, message: str, reason: str = "invite_refused") -> None:
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True)
class PreparedInvitation:
    guest: Person
    host: Person
    site: Site
    record: PassRecord
    token: str
    first_day: date
    days: int
    new: bool  # False: an earlier invitation for the same guest, site and days, reused
    sent_before: bool


def name_from_email(email: str) -> str:
    """ "ola.nordmann@x.no" → "Ola Nordmann": a guess, used when no name is given."""
    local = email.split("@", 1)[0]
    words = [w for w in re.split(r"[._\-+]+", local) if w and not w.isdigit()]
    return " ".join(w.capitalize() for w in words) or local


def _split_name(name: str) -> tuple[str, str]:
    words = name.split()
    if not words:
        raise InvitationError("the guest's name is empty", "guest_name_missing")
    if len(words) == 1:
        return words[0], ""
    return " ".join(words[:-1]), words[-1]


def _guest(session: Session, email: str, name: str | None, site: str) -> Person:
    existing = directory.find_person(session, email)
    if existing is not None and existing.kind == PersonKind.MEMBER:
        if not existing.active:
            raise InvitationError(
                f"{existing.name} ({email}) is no longer active", "guest_inactive"
            )
        return existing  # a member of any site may be someone's guest; their record stays
    given, family = _split_name(name or (existing.name if existing else name_from_email(email)))
    person_id = existing.id if existing is not None else str(uuid.uuid4())
    directory.upsert_person(
        session,
        id=person_id,
        given_name=given,
        family_name=family,
        email=email,
        # A guest invited to a second site keeps their home site (and its kiosks' mirror):
        # their pass names the site they may enter, and the store lets it in there.
        site=existing.site if existing is not None else site,
        kind=PersonKind.GUEST,
        active=True,
    )
    guest = session.get(Person, person_id)
    assert guest is not None
    return guest


def prepare(
    session: Session,
    *,
    email: str,
    host_ref: str,
    first_day: date,
    days: int = 1,
    name: str | None = None,
    now: datetime,
) -> PreparedInvitation:
    """The guest, their pass and the invitation row, created or found; nothing is sent."""
    when = now
    email = directory.normalise_email(email)
    if not _EMAIL.match(email):
        raise InvitationError(f"{email!r} is not an e-mail address", "email_bad")
    if not 1 <= days <= MAX_DAYS:
        raise InvitationError(f"an invitation is for 1 to {MAX_DAYS} days", "days_bad")
    host = directory.find_person(session, host_ref)
    if host is None:
        raise InvitationError(f"unknown host {host_ref!r}", "host_unknown")
    if host.kind != PersonKind.MEMBER or not host.active:
        raise InvitationError(
            f"{host.name} cannot invite guests: not an active member", "host_unknown"
        )
    if directory.normalise_email(host.email) == email:
        raise InvitationError("a host cannot invite themselves", "host_self")
    site = directory.require_site(session, host.site)
    valid_from, valid_to = passes.guest_validity(first_day, days, ZoneInfo(site.timezone))
    if valid_to <= when:
        raise InvitationError(f"{first_day:%d.%m.%Y} is in the past", "day_past")
    guest = _guest(session, email, name, site.code)
    found = session.execute(
        select(Invitation, PassRecord)
        .join(PassRecord, PassRecord.pass_id == Invitation.pass_id)
        .where(
            Invitation.guest_id == guest.id,
            PassRecord.site == site.code,
            PassRecord.valid_from == valid_from,
            PassRecord.valid_to == valid_to,
            PassRecord.revoked_at.is_(None),
        )
        .order_by(Invitation.created_at.desc())
    ).first()
    if found is not None:
        invitation, record = found
        invitation.host_id, invitation.email = host.id, email
        token = passes.token_of(session, record)
        return PreparedInvitation(
            guest, host, site, record, token, first_day, days, False, invitation.sent_at is not None
        )
    issued = passes.issue_guest_pass(session, guest, site.code, valid_from, valid_to, now=when)
    session.add(
        Invitation(
            pass_id=issued.record.pass_id,
            guest_id=guest.id,
            host_id=host.id,
            email=email,
            created_at=when,
        )
    )
    session.flush()
    return PreparedInvitation(
        guest, host, site, issued.record, issued.token, first_day, days, True, False
    )


def mark_sent(session: Session, pass_id: str, *, now: datetime) -> None:
    invitation = session.get(Invitation, pass_id)
    if invitation is None:
        raise LookupError(f"no invitation for pass {pass_id!r}")
    invitation.sent_at = now


def unsent(session: Session) -> list[Invitation]:
    """Invitations whose e-mail never went out (their passes not revoked)."""
    return list(
        session.scalars(
            select(Invitation)
            .join(PassRecord, PassRecord.pass_id == Invitation.pass_id)
            .where(Invitation.sent_at.is_(None), PassRecord.revoked_at.is_(None))
            .order_by(Invitation.created_at)
        )
    )


def reopen(session: Session, pass_id: str) -> PreparedInvitation:
    """An invitation made earlier, ready to be sent again with the very same pass (resend);
    LookupError if there is none, InvitationError if its pass was revoked (cancelled)."""
    invitation = session.get(Invitation, pass_id)
    record = session.get(PassRecord, pass_id)
    if invitation is None or record is None:
        raise LookupError(f"no invitation for pass {pass_id!r}")
    if record.revoked_at is not None:
        raise InvitationError(f"the invitation {pass_id} was cancelled", "invitation_cancelled")
    guest = session.get(Person, invitation.guest_id)
    host = session.get(Person, invitation.host_id)
    site = session.get(Site, record.site)
    if guest is None or host is None or site is None:
        raise LookupError(f"the invitation {pass_id} lost its guest, host or site")
    zone = ZoneInfo(site.timezone)
    first_day = record.valid_from.astimezone(zone).date()
    days = (record.valid_to.astimezone(zone).date() - first_day).days
    token = passes.token_of(session, record)
    return PreparedInvitation(
        guest,
        host,
        site,
        record,
        token,
        first_day,
        max(1, days),
        False,
        invitation.sent_at is not None,
    )
