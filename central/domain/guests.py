"""Guests in the store: a walk-in's arrival applied, invited guests' arrivals noted, hosts told.

A ``guest_arrival`` event (``kiosk.wire.GuestArrivalEventData``) creates the guest as a person
of kind guest at the site (or finds a returning one), opens their visit like any check-in
(``central.domain.events``) and adds a ``GuestArrival`` row, in the event's transaction. An
invited guest's first check-in with their pass adds one too. Each row waits for its host's
e-mail: ``send_notices`` sends what waits (after the events request that made it, and again
from the scheduler for any that failed) and marks each sent, so a host is told once.

A returning guest is found by the phone or e-mail of an arrival at the same site in the last
30 days (``find_returning``); after 30 days ``purge`` forgets the contact.
"""

from __future__ import annotations

import logging
import threading
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import formataddr, make_msgid
from typing import Any
from zoneinfo import ZoneInfo

from pydantic import ValidationError
from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from central.db.engine import SessionFactory, engine_of, read_factory
from central.db.models import GuestArrival, Invitation, PassRecord, Person, PersonKind, Site
from central.domain import directory
from central.domain.invitation_mail import MailError, SmtpSettings, send
from kiosk.guest_rules import (
    GuestInputError,
    Purpose,
    clean_name,
    clean_organisation,
    normalise_email,
    normalise_phone,
)
from kiosk.names import masked_name

log = logging.getLogger(__name__)

RETENTION = timedelta(days=30)
MAX_NOTICE_ATTEMPTS = 20
# Set when an arrival waits for its e-mail, so a request that made none sends nothing.
_waiting = threading.Event()

_PURPOSE_TEXT = {
    Purpose.MEETING: "møte",
    Purpose.LUNCH_TALK: "faglig lunsj",
    Purpose.WORKING: "jobber her i dag",
}


class GuestRejected(ValueError):
    """A guest's arrival the store will not apply; the message says why (no personal data)."""


@dataclass(frozen=True)
class Arrival:
    person_id: str
    name: str
    organisation: str
    host_id: str
    purpose: Purpose
    phone: str | None
    email: str | None


def check_arrival(data: dict[str, Any]) -> Arrival:
    """Validate a ``guest_arrival`` event's data by the same rules the kiosk used."""
    from kiosk.wire import GuestArrivalEventData

    try:
        wire = GuestArrivalEventData.model_validate(data)
    except ValidationError as exc:
        fields = sorted({".".join(str(p) for p in e["loc"]) for e in exc.errors()})
        raise GuestRejected("bad guest data: " + ", ".join(fields)) from None
    try:
        return Arrival(
            person_id=str(uuid.UUID(wire.person_id)),
            name=clean_name(wire.name),
            organisation=clean_organisation(wire.organisation),
            host_id=str(uuid.UUID(wire.host_id)),
            purpose=Purpose(wire.purpose),
            phone=normalise_phone(wire.phone) if wire.phone else None,
            email=normalise_email(wire.email) if wire.email else None,
        )
    except GuestInputError as exc:
        raise GuestRejected(f"bad guest data: {exc.problem.value}") from None
    except ValueError:
        raise GuestRejected("bad guest data: an id is not a UUID") from None


def require_host(session: Session, site: str, host_id: str) -> Person:
    host = session.get(Person, host_id)
    if host is None or host.kind != PersonKind.MEMBER or not host.active:
        raise GuestRejected("unknown host")
    if host.site != site:
        raise GuestRejected("host belongs to another site")
    return host


def upsert_guest(session: Session, site: str, arrival: Arrival) -> Person:
    """The walk-in as a person of kind guest at ``site``; a returning one keeps their record
    (and their home site: a guest of two sites is not moved)."""
    person = session.get(Person, arrival.person_id)
    if person is not None and person.kind != PersonKind.GUEST:
        raise GuestRejected("the person is not a guest")
    words = arrival.name.split()
    given, family = (" ".join(words[:-1]), words[-1]) if len(words) > 1 else (words[0], "")
    directory.upsert_person(
        session,
        id=arrival.person_id,
        given_name=given,
        family_name=family,
        # People need a unique address; a walk-in's own (if given) stays in guest_arrivals.
        email=person.email if person is not None else f"{arrival.person_id}@walk-in.invalid",
        site=person.site if person is not None else site,
        kind=PersonKind.GUEST,
        active=True,
    )
    guest = session.get(Person, arrival.person_id)
    assert guest is not None
    return guest


def add_arrival(session: Session, site: str, event_id: str, arrival: Arrival, at: datetime) -> None:
    session.add(
        GuestArrival(
            id=event_id,
            site=site,
            guest_id=arrival.person_id,
            host_id=arrival.host_id,
            organisation=arrival.organisation,
            purpose=str(arrival.purpose),
            phone=arrival.phone,
            email=arrival.email,
            arrived_at=at,
        )
    )
    _waiting.set()


def invited_to(session: Session, person_id: str, site: str) -> bool:
    """Whether ``person_id`` holds a guest pass (not revoked) for ``site``."""
    return (
        session.scalar(
            select(PassRecord.pass_id).where(
                PassRecord.person_id == person_id,
                PassRecord.site == site,
                PassRecord.kind == PersonKind.GUEST,
                PassRecord.revoked_at.is_(None),
            )
        )
        is not None
    )


def note_invited_arrival(
    session: Session, site: str, person_id: str, pass_id: str | None, event_id: str, at: datetime
) -> None:
    """An invited guest checked in with their pass: their host is told (once per pass)."""
    if pass_id is None:
        return
    invitation = session.get(Invitation, pass_id)
    if invitation is None or invitation.guest_id != person_id:
        return
    record = session.get(PassRecord, pass_id)
    if record is None or record.site != site:
        return
    told = session.scalar(
        select(GuestArrival.id)
        .join(PassRecord, PassRecord.person_id == GuestArrival.guest_id)
        .where(
            PassRecord.pass_id == pass_id,
            GuestArrival.host_id == invitation.host_id,
            GuestArrival.arrived_at >= record.valid_from,
            GuestArrival.purpose.is_(None),
        )
    )
    if told is not None:
        return
    session.add(
        GuestArrival(
            id=event_id,
            site=site,
            guest_id=person_id,
            host_id=invitation.host_id,
            organisation="",
            purpose=None,
            arrived_at=at,
        )
    )
    _waiting.set()


def find_returning(
    session: Session, site: str, contact: str, now: datetime
) -> dict[str, str] | None:
    """A guest of ``site`` seen in the last 30 days with this phone or e-mail: id, masked name,
    full name (for their badge) and organisation; None if there is none."""
    contact = contact.strip()
    try:
        key = normalise_email(contact) if "@" in contact else normalise_phone(contact)
    except GuestInputError:
        return None
    found = session.scalars(
        select(GuestArrival)
        .where(
            GuestArrival.site == site,
            GuestArrival.arrived_at >= now - RETENTION,
            or_(GuestArrival.phone == key, GuestArrival.email == key),
        )
        .order_by(GuestArrival.arrived_at.desc())
    ).first()
    if found is None:
        return None
    guest = session.get(Person, found.guest_id)
    if guest is None or not guest.active or guest.kind != PersonKind.GUEST:
        return None
    return {
        "person_id": guest.id,
        "display": masked_name(guest.name, guest.given_name, found.organisation or None),
        "name": guest.name,
        "organisation": found.organisation,
    }


def purge(session: Session, now: datetime) -> int:
    """Forget guests' contacts after 30 days; returns how many arrivals were cleared."""
    result = session.execute(
        update(GuestArrival)
        .where(
            GuestArrival.arrived_at < now - RETENTION,
            or_(GuestArrival.phone.is_not(None), GuestArrival.email.is_not(None)),
        )
        .values(phone=None, email=None)
    )
    return int(getattr(result, "rowcount", 0) or 0)


# --- telling the host ---------------------------------------------------------------------


def notices_waiting() -> bool:
    return _waiting.is_set()


def compose_notice(
    arrival: GuestArrival, guest: Person, host: Person, site: Site, settings: SmtpSettings
) -> EmailMessage:
    """The host's e-mail, in bokmål: who came, from where, why, when."""
    when = arrival.arrived_at.astimezone(ZoneInfo(site.timezone))
    who = guest.name + (f" ({arrival.organisation})" if arrival.organisation else "")
    purpose = _PURPOSE_TEXT.get(Purpose(arrival.purpose)) if arrival.purpose else None
    lines = [
        f"Hei, {host.given_name or host.name}!",
        f"{who} har kommet til {site.name} og har sjekket inn kl. {when:%H:%M} "
        f"{when.day}.{when.month}.{when.year}. Gjesten venter ved inngangen.",
    ]
    if purpose:
        lines.append(f"Formål med besøket: {purpose}.")
    lines.append(
        "Du får denne e-posten fordi gjesten oppga deg som vert på skjermen ved inngangen. "
        "Er det feil, si fra i resepsjonen."
    )
    lines.append(site.name)
    message = EmailMessage()
    message["Subject"] = f"Gjesten din har kommet: {guest.name}"
    message["From"] = settings.sender
    message["To"] = formataddr((host.name, host.email))
    message["Message-ID"] = make_msgid(domain="regionlab.invalid")
    message.set_content("\n\n".join(lines) + "\n")
    return message


def send_notices(
    factory: SessionFactory, now: datetime, settings: SmtpSettings | None = None
) -> int:
    """E-mail every host whose guest's arrival waits; returns how many were sent. A failed
    e-mail stays waiting (up to MAX_NOTICE_ATTEMPTS tries) for the next call."""
    _waiting.clear()
    try:
        settings = settings or SmtpSettings.resolve()
    except MailError as exc:
        log.warning("guests: cannot tell hosts: %s", exc)
        return 0
    reads = read_factory(engine_of(factory))
    with reads() as session:
        waiting = session.scalars(
            select(GuestArrival)
            .where(
                GuestArrival.notified_at.is_(None),
                GuestArrival.notice_attempts < MAX_NOTICE_ATTEMPTS,
                GuestArrival.arrived_at >= now - timedelta(days=1),
            )
            .order_by(GuestArrival.arrived_at)
        ).all()
        ids = [arrival.id for arrival in waiting]
    sent = 0
    for arrival_id in ids:
        # The message is made in a short read and sent outside any transaction: a slow mail
        # server never holds the database's write lock.
        with reads() as session:
            arrival = session.get(GuestArrival, arrival_id)
            if arrival is None or arrival.notified_at is not None:
                continue
            guest = session.get(Person, arrival.guest_id)
            host = session.get(Person, arrival.host_id)
            site = session.get(Site, arrival.site)
            if guest is None or host is None or site is None:
                continue
            message = compose_notice(arrival, guest, host, site, settings)
        try:
            send(message, settings)
        except MailError:
            log.warning("guests: the host of arrival %s is not told yet; trying again later",
                        arrival_id)  # fmt: skip
            ok = False
        else:
            ok = True
        with factory.begin() as session:
            arrival = session.get(GuestArrival, arrival_id)
            if arrival is None:
                continue
            arrival.notice_attempts += 1
            if ok:
                arrival.notified_at = now
                sent += 1
    return sent
