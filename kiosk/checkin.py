"""Checking people in and out at the kiosk: by pass or by name, always locally first."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Mapping
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
from kiosk.models import Person, Presence, PublicKey, RevokedPass, Visit
from kiosk.names import query_words
from kiosk.passes import PassError, PassProblem, parse_token, verify_token
from kiosk.protocol import CheckinMethod, EventType, event_json
from kiosk.store import LocalStore

log = logging.getLogger(__name__)

MIN_QUERY_LETTERS = 2


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
    )


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

    def search(self, query: str, limit: int = 8) -> list[PersonSummary]:
        """People whose name words start with every word of the query (folded)."""
        terms = query_words(query)
        if sum(len(term) for term in terms) < MIN_QUERY_LETTERS:
            return []
        statement = select(Person).where(Person.active.is_(True))
        for term in terms:
            statement = statement.where(Person.search_key.like(f"% {term}%"))
        statement = statement.order_by(Person.name).limit(limit)
        with self._store.session() as session:
            return [_summary(person, person.id) for person in session.scalars(statement)]

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
        if kind in (EventType.CHECK_IN, EventType.GUEST_ARRIVAL):
            session.add(
                Visit(id=event_id, person_id=person_id, method=str(method), checked_in_at=at)
            )
        else:
            self._close_visit(session, person_id, at)
        checked_in = kind in (EventType.CHECK_IN, EventType.GUEST_ARRIVAL)
        session.merge(Presence(person_id=person_id, checked_in=checked_in, at=at))
        outbox.add(session, event_json(event_id, kind, at, data), created_at=at)
        return event_id

    @staticmethod
    def _close_visit(session: Session, person_id: str, at: datetime) -> None:
        visit = session.scalars(
            select(Visit)
            .where(Visit.person_id == person_id, Visit.checked_out_at.is_(None))
            .order_by(Visit.checked_in_at.desc())
        ).first()
        if visit is not None:
            visit.checked_out_at = at
