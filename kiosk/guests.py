"""Walk-in guests: what they type, checked; their arrival, recorded; their host, told.

A guest gives a name, an organisation, whom they visit (a member of this site), why they came
and, if they like, a phone number or e-mail. ``GuestService.arrive`` writes it all in one
local transaction through ``CheckinService.write`` (the visit, who is in, the ``guest_arrival``
event) together with the guest's badge, so nothing is half stored. The store tells the host
by e-mail when the event reaches it; ``tell_host`` pushes the event at once and says whether
the store accepted it, so the screen may say "Vi har sagt fra til Kari" only when it is true.

Returning guests. A kiosk never holds guests' phone numbers or e-mail addresses: it asks the
store (``GuestFinder``, online only) for a recent guest of this site with the contact typed,
and the store answers with a masked name and organisation to confirm. Offline the guest fills
in the whole form; that costs a minute, while publishing contacts (even as hashes: a phone
number has only ~10^8 values, so any hash a kiosk can compute can be reversed by one holding
the kiosk's files) would put every recent guest's number on every kiosk. A contact the guest
types stays on this kiosk only until the store has the arrival (``forget_contacts``).
The input rules, shared with the store, are in ``kiosk.guest_rules``.
"""

from __future__ import annotations

import enum
import json
import logging
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from sqlalchemy import or_, select

from kiosk import badges, outbox
from kiosk.badges import Badge
from kiosk.checkin import CheckinService
from kiosk.clock import Clock
from kiosk.domain import KioskError, PersonSummary, Recorded
from kiosk.guest_rules import (
    GuestInputError,
    GuestProblem,
    Purpose,
    clean_name,
    clean_organisation,
    normalise_contact,
    normalise_email,
    normalise_phone,
)
from kiosk.models import OutboxEvent, Person, SiteSettings
from kiosk.names import masked_name
from kiosk.protocol import CheckinMethod, EventType
from kiosk.store import LocalStore

log = logging.getLogger(__name__)

MAX_HOSTS = 5
RETENTION_DAYS = 30  # the store keeps a guest's visit and contact this long

# push_now: send these outbox events at once and return the store's answers, or None.
PushNow = Callable[[Sequence[str], float], "dict[str, tuple[str, str | None]] | None"]


class HostNotice(enum.Enum):
    TOLD = "told"  # the store accepted the arrival: it e-mails the host
    LATER = "later"  # no answer now (offline, slow): the outbox sends it, then the host is told
    REFUSED = "refused"  # the store refused the event: staff must help


@dataclass(frozen=True)
class Host:
    person_id: str
    display: str  # "Kari N. · NAV": never the full name on the public screen
    given_name: str


@dataclass(frozen=True)
class ReturningGuest:
    person_id: str
    display: str  # masked, as the store gave it
    name: str  # full, for the badge only
    organisation: str


@dataclass(frozen=True)
class GuestDetails:
    name: str
    organisation: str
    host: Host
    purpose: Purpose
    phone: str | None = None
    email: str | None = None
    person_id: str | None = None  # a returning guest's id; None: a first visit


@dataclass(frozen=True)
class GuestArrived:
    person_id: str
    given_name: str
    event_id: str
    at: datetime
    host: Host
    badge: Badge


class GuestFinder(Protocol):
    def find_guest(self, contact: str, timeout_s: float | None = None) -> dict[str, Any] | None:
        """The store's recent guest with this normalised contact; raises TransportError."""
        ...


class AlreadyOut(KioskError):
    """A badge whose guest has checked out already: nothing to do."""


class LookupUnavailable(KioskError):
    """The store could not be asked (offline, slow): the guest fills in the form."""


class LookupLimited(LookupUnavailable):
    """The store refused the lookup: this kiosk asked too often (429). Nothing is known about
    the contact; the guest tries again shortly, or fills in the form."""


# --- the service ------------------------------------------------------------------------------


class GuestService:
    def __init__(
        self,
        store: LocalStore,
        clock: Clock,
        site: str,
        checkin: CheckinService,
        *,
        push_now: PushNow | None = None,
        finder: GuestFinder | None = None,
        notice_timeout_s: float = 2.0,
        on_recorded: Callable[[], None] = lambda: None,
    ) -> None:
        self._store = store
        self._clock = clock
        self._site = site
        self._checkin = checkin
        self._push_now = push_now
        self._finder = finder
        self._notice_timeout = notice_timeout_s
        self._on_recorded = on_recorded

    # hosts -------------------------------------------------------------------------------
    def search_hosts(self, query: str) -> list[Host]:
        """Members of this site matching ``query`` (through the core's one search), masked."""
        return [self._host(p) for p in self._checkin.search(query, MAX_HOSTS, members_only=True)]

    @staticmethod
    def _host(person: PersonSummary) -> Host:
        display = person.display or masked_name(person.name, person.given_name, None)
        given = person.given_name or (person.name.split() or [""])[0]
        return Host(person.person_id, display, given)

    def _require_host(self, host: Host) -> None:
        with self._store.session() as session:
            person = session.get(Person, host.person_id)
            if person is None or not person.active or person.kind != "member":
                raise GuestInputError(GuestProblem.NO_HOST)

    # returning guests --------------------------------------------------------------------
    def find_returning(self, contact_text: str) -> ReturningGuest | None:
        """Ask the store for a recent guest with this phone or e-mail. GuestInputError for a
        contact that breaks the rules; LookupUnavailable when the store cannot be asked,
        LookupLimited when it will not answer this kiosk yet."""
        phone, email = normalise_contact(contact_text)
        contact = phone or email
        if contact is None:
            return None
        if self._finder is None:
            raise LookupUnavailable("no central store")
        from kiosk.central_client import TransportError

        try:
            found = self._finder.find_guest(contact, timeout_s=self._notice_timeout)
        except TransportError as exc:
            if exc.status_code == 429:
                raise LookupLimited(str(exc)) from exc
            raise LookupUnavailable(str(exc)) from exc
        if found is None:
            return None
        try:
            return ReturningGuest(
                person_id=str(uuid.UUID(str(found["person_id"]))),
                display=str(found["display"]),
                name=clean_name(str(found["name"])),
                organisation=str(found.get("organisation") or ""),
            )
        except (KeyError, ValueError, GuestInputError) as exc:
            raise LookupUnavailable("the store's guest answer is malformed") from exc

    # arrival -----------------------------------------------------------------------------
    def arrive(self, details: GuestDetails) -> GuestArrived:
        """Check the guest in: person, visit, event and badge in one local transaction."""
        name = clean_name(details.name)
        organisation = clean_organisation(details.organisation)
        phone = normalise_phone(details.phone) if details.phone else None
        email = normalise_email(details.email) if details.email else None
        if not isinstance(details.purpose, Purpose):
            raise GuestInputError(GuestProblem.NO_PURPOSE)
        self._require_host(details.host)
        self.forget_contacts()  # those of earlier guests, delivered since
        person_id = details.person_id or str(uuid.uuid4())
        given = name.split()[0]
        at = self._clock.now()
        extra = {
            "name": name,
            "organisation": organisation,
            "host_id": details.host.person_id,
            "purpose": str(details.purpose),
        }
        if phone:
            extra["phone"] = phone
        if email:
            extra["email"] = email
        with self._store.session() as session:
            settings = session.get(SiteSettings, self._site)
            zone = ZoneInfo(settings.timezone if settings is not None else "Europe/Oslo")
            token, pass_id = badges.sign_badge(
                session, person_id=person_id, site=self._site, zone=zone, now=at
            )
            session.merge(
                Person(
                    id=person_id,
                    name=name,
                    given_name=given,
                    organisation=organisation or None,
                    kind="guest",
                    active=True,
                    # Not found by the name search: a guest is not in the directory.
                    search_key="",
                )
            )
            event_id = self._checkin.write(
                session,
                EventType.GUEST_ARRIVAL,
                person_id,
                CheckinMethod.NAME,
                pass_id,
                at,
                extra=extra,
            )
        log.info("recorded guest arrival %s", event_id)
        self._on_recorded()
        badge = Badge(
            name=name,
            organisation=organisation,
            host=details.host.display,
            day=at.astimezone(zone),
            token=token,
            pass_id=pass_id,
        )
        return GuestArrived(person_id, given, event_id, at, details.host, badge)

    def forget_contacts(self) -> int:
        """Take phone numbers and e-mails out of arrivals the store has answered: the kiosk
        keeps a guest's contact only until it is delivered. Returns how many were cleared."""
        cleared = 0
        with self._store.session() as session:
            rows = session.scalars(
                select(OutboxEvent).where(
                    OutboxEvent.status != outbox.PENDING,
                    OutboxEvent.body.contains('"guest_arrival"'),
                    or_(
                        OutboxEvent.body.contains('"phone"'),
                        OutboxEvent.body.contains('"email"'),
                    ),
                )
            ).all()
            for row in rows:
                body = json.loads(row.body)
                data = body.get("data")
                if body.get("type") != EventType.GUEST_ARRIVAL or not isinstance(data, dict):
                    continue
                data.pop("phone", None)
                data.pop("email", None)
                row.body = json.dumps(body, ensure_ascii=False)
                cleared += 1
        return cleared

    def tell_host(self, arrived: GuestArrived) -> HostNotice:
        """Send the arrival now; TOLD only when the store accepted it (then it mails the host)."""
        if self._push_now is None:
            return HostNotice.LATER
        answers = self._push_now([arrived.event_id], self._notice_timeout)
        if answers is None or arrived.event_id not in answers:
            return HostNotice.LATER
        status, reason = answers[arrived.event_id]
        self.forget_contacts()
        if status in ("accepted", "duplicate"):
            return HostNotice.TOLD
        log.warning("guests: the store refused arrival %s (%s)", arrived.event_id, reason)
        return HostNotice.REFUSED

    # badges ------------------------------------------------------------------------------
    def is_badge(self, text: str) -> bool:
        with self._store.session() as session:
            return badges.is_badge(session, text)

    def check_out_badge(self, text: str) -> Recorded:
        """Check the badge's guest out. PassError if the badge does not verify (forged,
        expired, another site), AlreadyOut if the guest is out already."""
        with self._store.session() as session:
            claims = badges.verify_badge(session, text, site=self._site, now=self._clock.now())
        if not self._checkin.is_present(claims.person_id):
            raise AlreadyOut("this badge's guest has checked out")
        return self._checkin.check_out(claims.person_id, CheckinMethod.QR, claims.pass_id)
