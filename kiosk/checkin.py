"""Checking people in and out at the kiosk: by pass or by name, always locally first."""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk import outbox
from kiosk.clock import Clock
from kiosk.closing import closed_out_at, last_closing, site_hours, still_in
from kiosk.domain import (
    Identification,
    NotReady,
    Outcome,
    PersonSummary,
    Recorded,
)
from kiosk.models import DeskClaimRow, Person, Presence, PublicKey, RevokedPass, Visit
from kiosk.name_index import MAX_RESULTS, NameIndex, sort_key
from kiosk.names import masked_name
from kiosk.passes import PassError, PassProblem, parse_token, verify_token
from kiosk.protocol import CheckinMethod, EventType, event_json
from kiosk.store import LocalStore

log = logging.getLogger(__name__)


class NameResults(list[PersonSummary]):
    """People a name search found (at most five, best first); ``more`` when the query
    matches more people than it shows, or too many to show any: the visitor types more."""

    def __init__(self, people: Iterable[PersonSummary] = (), *, more: bool = False) -> None:
        super().__init__(people)
        self.more = more


def _summary(person: Person | None, person_id: str) -> PersonSummary:
    if person is None:
        # A valid pass for someone this kiosk has not synced yet: the signature vouches for
        # the pass, so let them in without a name rather than turn them away.
        return PersonSummary(person_id=person_id, name="", given_name="", organisation=None)
    return PersonSummary(
        person_id=person.id,
        name=person.name,
        given_name=person.given_name,
        organisation=person.organisation,
        display=masked_name(
            person.name, person.given_name, person.organisation_short or person.organisation
        ),
    )


_NAME_COLUMNS = (Person.id, Person.name, Person.given_name)


class CheckinService:
    def __init__(
        self,
        store: LocalStore,
        clock: Clock,
        site: str,
        on_recorded: Callable[[], None] = lambda: None,
    ) -> None:
        self._store = store
        self._clock = clock
        self._site = site
        self._on_recorded = on_recorded
        self._checked_out_listeners: list[Callable[[], None]] = []
        self.names = NameIndex(self._read_all_names, self._read_names)
        self._warming: threading.Thread | None = None
        self._names_changed_at = 0.0

    def add_checked_out_listener(self, callback: Callable[[], None]) -> None:
        """``callback()`` runs after a check-out here (it may have given back a desk)."""
        self._checked_out_listeners.append(callback)

    # --- the name index's readers (any thread) -------------------------------------------------
    def _read_all_names(self) -> Iterator[tuple[str, str, str, str]]:
        with self._store.session() as session:
            rows = session.execute(select(*_NAME_COLUMNS).where(Person.active.is_(True))).all()
        return ((pid, name, given, sort_key(name)) for pid, name, given in rows)

    def _read_names(self, person_ids: Iterable[str]) -> Iterator[tuple[str, str, str, str]]:
        ids = list(person_ids)
        found: list[tuple[str, str, str]] = []
        with self._store.session() as session:
            for start in range(0, len(ids), 500):
                rows = session.execute(
                    select(*_NAME_COLUMNS).where(
                        Person.active.is_(True), Person.id.in_(ids[start : start + 500])
                    )
                ).all()
                found += [(pid, name, given) for pid, name, given in rows]
        return ((pid, name, given, sort_key(name)) for pid, name, given in found)

    def warm_up_names(self, after_quiet_s: float = 0.0) -> None:
        """Build the name search's index on a thread of its own (at start-up, and after a big
        batch of people), so the first letter typed does not wait for it. With
        ``after_quiet_s``, it waits until no batch came for that long (a first sync)."""
        self._names_changed_at = time.monotonic()
        if self._warming is not None and self._warming.is_alive():
            return

        def load() -> None:
            while (quiet := time.monotonic() - self._names_changed_at) < after_quiet_s:
                time.sleep(after_quiet_s - quiet)
            try:
                self.names.load()
            except Exception:
                log.exception("kiosk: the name index could not be built; the first search will")

        self._warming = threading.Thread(target=load, name="name-index", daemon=True)
        self._warming.start()

    def people_changed(self, person_ids: Iterable[str]) -> None:
        """The feed added, changed or removed these people: the name search follows (a big
        batch drops the index; it is built again once the batches stop)."""
        loaded = self.names.loaded
        self.names.update(person_ids)
        if loaded and not self.names.loaded:
            self.warm_up_names(after_quiet_s=2.0)

    def identify_pass(self, text: str) -> Identification:
        """Verify a scanned pass offline. Raises PassError or NotReady; records nothing."""
        claims, _, _ = parse_token(text)  # garbled input fails before any database work
        with self._store.session() as session:
            keys = {row.key_id: row.public_key for row in session.scalars(select(PublicKey))}
            if not keys:
                raise NotReady("no signing keys synced yet")
            revoked = (
                {claims.pass_id}
                if session.get(RevokedPass, claims.pass_id) is not None
                else set[str]()
            )
            claims = verify_token(
                text, public_keys=keys, site=self._site, now=self._clock.now(), revoked=revoked
            )
            person = session.get(Person, claims.person_id)
            if person is not None and not person.active:
                raise PassError(PassProblem.INACTIVE, "person no longer active")
            return Identification(
                person=_summary(person, claims.person_id),
                present=self._present(session, claims.person_id),
                pass_id=claims.pass_id,
                closed_out_at=self._closed_out_at(session, claims.person_id),
            )

    def check_in(
        self, person_id: str, method: CheckinMethod, pass_id: str | None = None
    ) -> Recorded:
        return self._record(EventType.CHECK_IN, person_id, method, pass_id)

    def check_out(
        self, person_id: str, method: CheckinMethod, pass_id: str | None = None
    ) -> Recorded:
        return self._record(EventType.CHECK_OUT, person_id, method, pass_id)

    def is_present(self, person_id: str) -> bool:
        with self._store.session() as session:
            return self._present(session, person_id)

    def search(
        self, query: str, limit: int = MAX_RESULTS, *, members_only: bool = False
    ) -> NameResults:
        """People the query names, best first: at most five (``limit`` may ask for fewer),
        each with the masked ``display`` a public screen may show; ``members_only`` leaves
        guests out (a guest's host), in the same read. See ``kiosk.name_index`` for the
        matching and for what keeps it from being a directory."""
        matches = self.names.search(query)
        ids = matches.person_ids[: max(0, min(limit, MAX_RESULTS))]
        if not ids:
            return NameResults(more=matches.more)
        wanted = select(Person).where(Person.id.in_(ids), Person.active.is_(True))
        if members_only:
            wanted = wanted.where(Person.kind == "member")
        with self._store.session() as session:
            rows = {person.id: person for person in session.scalars(wanted)}
        people = [_summary(rows[pid], pid) for pid in ids if pid in rows]
        return NameResults(people, more=matches.more or len(ids) < len(matches.person_ids))

    def present_in(self, session: Session, person_id: str) -> bool:
        """``is_present`` in the caller's transaction."""
        return self._present(session, person_id)

    def _present(self, session: Session, person_id: str) -> bool:
        """In now: checked in, and not since ended by the site's closing (``kiosk.closing``)."""
        row = session.get(Presence, person_id)
        if row is None:
            return False
        closed_at = last_closing(site_hours(session, self._site), self._clock.now())
        return still_in(row.checked_in, row.at, closed_at)

    def _closed_out_at(self, session: Session, person_id: str) -> datetime | None:
        row = session.get(Presence, person_id)
        if row is None:
            return None
        hours = site_hours(session, self._site)
        return closed_out_at(hours, row.checked_in, row.at, self._clock.now())

    def _record(
        self, kind: EventType, person_id: str, method: CheckinMethod, pass_id: str | None
    ) -> Recorded:
        at = self._clock.now()
        # The visit, who is in, and the outbox event commit together or not at all; a store
        # that cannot be written raises StoreError from the session.
        with self._store.session() as session:
            event_id = self.write(session, kind, person_id, method, pass_id, at)
            person = _summary(session.get(Person, person_id), person_id)
        log.info("recorded %s event %s", kind, event_id)
        self._on_recorded()
        if kind is EventType.CHECK_OUT:
            for listener in list(self._checked_out_listeners):
                listener()
        outcome = Outcome.CHECKED_IN if kind is EventType.CHECK_IN else Outcome.CHECKED_OUT
        return Recorded(outcome=outcome, person=person, at=at, event_id=event_id)

    def write(
        self,
        session: Session,
        kind: EventType,
        person_id: str,
        method: CheckinMethod,
        pass_id: str | None,
        at: datetime,
        *,
        extra: Mapping[str, str] | None = None,
    ) -> str:
        """Write a check-in or check-out in the caller's transaction; returns its event id.

        The one place a visit, the presence and their outbox event are written: check_in and
        check_out use it, and so do callers that record more in the same transaction (a desk
        claim that checks its person in, a guest's arrival). ``kind`` GUEST_ARRIVAL is a
        check-in whose event also carries ``extra`` (the guest and their host). The caller
        commits, and wakes the sync engine."""
        event_id = str(uuid.uuid4())
        data: dict[str, str] = {"person_id": person_id, "method": str(method)}
        if pass_id:
            data["pass_id"] = pass_id
        if extra:
            data.update(extra)
        checked_in = kind in (EventType.CHECK_IN, EventType.GUEST_ARRIVAL)
        if checked_in:
            # Checking in someone already in (by name, where the kiosk may not say who is in)
            # keeps their visit; the event still goes out, so the store hears it either way.
            if not (self._present(session, person_id) and self._open_visit(session, person_id)):
                session.add(
                    Visit(id=event_id, person_id=person_id, method=str(method), checked_in_at=at)
                )
        else:
            visit = self._open_visit(session, person_id)
            if visit is not None:
                visit.checked_out_at = at
            self._end_claims(session, person_id, at)
        session.merge(Presence(person_id=person_id, checked_in=checked_in, at=at))
        outbox.add(session, event_json(event_id, kind, at, data), created_at=at)
        return event_id

    @staticmethod
    def _open_visit(session: Session, person_id: str) -> Visit | None:
        return session.scalars(
            select(Visit)
            .where(Visit.person_id == person_id, Visit.checked_out_at.is_(None))
            .order_by(Visit.checked_in_at.desc())
        ).first()

    @staticmethod
    def _end_claims(session: Session, person_id: str, at: datetime) -> None:
        """Give back the drop-in desk a person leaving holds. The store does the same when
        the check-out reaches it (it ends the person's claims), so no release event is sent."""
        claims = session.scalars(
            select(DeskClaimRow).where(
                DeskClaimRow.person_id == person_id,
                DeskClaimRow.status == "active",
                DeskClaimRow.until > at,
            )
        ).all()
        for claim in claims:
            claim.status = "released"
            claim.until = max(at, claim.start_at)
