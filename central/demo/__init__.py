"""Demo data: RegionLab Lister and its sister sites, loaded from central/demo/*.json."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import datetime
from importlib import resources
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from central.db.models import Desk, Organisation, Person, Site
from central.demo import floors as demo_floors
from central.domain import directory

# People's ids are uuid5(namespace, e-mail), so the demo is the same on every run and machine.
PEOPLE_NAMESPACE = uuid.UUID("6f1c1e2a-5d0b-4a53-9a2e-52454749304e")


@dataclass(frozen=True)
class DemoSummary:
    organisations: int
    people: int
    desks: int
    changed: int  # rows created or updated


def person_id_for(email: str) -> str:
    return str(uuid.uuid5(PEOPLE_NAMESPACE, directory.normalise_email(email)))


def _load(name: str) -> list[dict[str, Any]]:
    text = resources.files("central").joinpath("demo", name).read_text(encoding="utf-8")
    rows: list[dict[str, Any]] = json.loads(text)
    return rows


def load_demo(session: Session, *, now: datetime) -> DemoSummary:
    """Create or update the demo organisations, people and desks; running it twice is a no-op."""
    organisations, people, desks = (
        _load("organisations.json"),
        _load("people.json"),
        _load("desks.json"),
    )
    # Hold every row the upserts will look up: the session's identity map only keeps weak
    # references, so otherwise each lookup of a site or organisation is another query.
    loaded = [session.scalars(select(model)).all() for model in (Site, Organisation, Person, Desk)]
    changed = 0
    for org in organisations:
        changed += directory.upsert_organisation(session, org["id"], org["name"], org["short_name"])
        organisation = session.get(Organisation, org["id"])
        if organisation is not None and organisation.kind != org.get("kind", "other"):
            organisation.kind = org.get("kind", "other")  # the reports group by it
    for person in people:
        changed += directory.upsert_person(
            session,
            id=person_id_for(person["email"]),
            given_name=person["given_name"],
            family_name=person["family_name"],
            email=person["email"],
            site=person["site"],
            organisation_id=person["organisation"],
            cluster=person["cluster"],
        )
    for desk in desks:
        changed += directory.upsert_desk(
            session, site=desk["site"], label=desk["label"], zone=desk["zone"]
        )
    changed += demo_floors.load(
        session, now=now
    )  # plans of Lister, and today's bookings and claims
    del loaded
    return DemoSummary(len(organisations), len(people), len(desks), changed)
