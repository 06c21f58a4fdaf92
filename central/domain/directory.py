"""Writes to sites, organisations, people and desks, each with the change row kiosks mirror."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from central.db.models import Cluster, Desk, Organisation, Person, PersonKind, Site
from central.domain import changes
from kiosk.protocol import ChangeOp, Entity


@dataclass(frozen=True)
class SiteInfo:
    code: str
    name: str
    timezone: str = "Europe/Oslo"
    place: str = ""  # the municipality, for invitations ("RegionLab Lister i Lyngdal")


SITES: tuple[SiteInfo, ...] = (
    SiteInfo("lyngdal", "RegionLab Lister", place="Lyngdal"),
    SiteInfo("stadt", "Statens hus Stadt", place="Stad"),
    SiteInfo("narvik", "Statens hus Narvik", place="Narvik"),
    SiteInfo("orkland", "Statens hus Orkland", place="Orkland"),
)


def place_of(code: str) -> str:
    """The municipality a site is in, "" for a site this code does not list."""
    return next((info.place for info in SITES if info.code == code), "")


class UnknownSite(LookupError):
    def __init__(self, code: str) -> None:
        super().__init__(f"unknown site {code!r}")
        self.code = code


def require_site(session: Session, code: str) -> Site:
    site = session.get(Site, code)
    if site is None:
        raise UnknownSite(code)
    return site


def ensure_sites(session: Session) -> None:
    """Create or update the four sites."""
    for info in SITES:
        upsert_site(session, info.code, info.name, info.timezone)


def upsert_site(session: Session, code: str, name: str, timezone: str) -> bool:
    """Create or update a site; True when anything changed."""
    site = session.get(Site, code)
    if site is not None and (site.name, site.timezone) == (name, timezone):
        return False
    changes.lock_feed(session)
    if site is None:
        site = Site(code=code, name=name, timezone=timezone)
        session.add(site)
    site.name, site.timezone = name, timezone
    session.flush()
    changes.append(session, Entity.SITE, code, changes.site_data(site), site=None)
    return True


def upsert_organisation(session: Session, id: str, name: str, short_name: str) -> bool:
    """Create or update an organisation; its people's feed rows follow a change of name."""
    organisation = session.get(Organisation, id)
    if organisation is not None and (organisation.name, organisation.short_name) == (
        name,
        short_name,
    ):
        return False
    changes.lock_feed(session)
    # People carry the organisation's name and short name in their feed rows.
    renamed = organisation is not None and (organisation.name, organisation.short_name) != (
        name,
        short_name,
    )
    if organisation is None:
        organisation = Organisation(id=id, name=name, short_name=short_name)
        session.add(organisation)
    organisation.name, organisation.short_name = name, short_name
    session.flush()
    changes.append(
        session, Entity.ORGANISATION, id, changes.organisation_data(organisation), site=None
    )
    if renamed:
        for person in session.scalars(select(Person).where(Person.organisation_id == id)):
            changes.append(
                session, Entity.PERSON, person.id, changes.person_data(person), site=person.site
            )
    return True


def normalise_email(email: str) -> str:
    return email.strip().lower()


def upsert_person(
    session: Session,
    *,
    id: str,
    given_name: str,
    family_name: str,
    email: str,
    site: str,
    organisation_id: str | None = None,
    cluster: str | None = None,
    kind: str = PersonKind.MEMBER,
    active: bool = True,
) -> bool:
    """Create or update a person; True when anything changed. Raises ValueError on bad fields."""
    person_id = str(uuid.UUID(id))
    require_site(session, site)
    organisation = None
    if organisation_id is not None:
        organisation = session.get(Organisation, organisation_id)
        if organisation is None:
            raise ValueError(f"unknown organisation {organisation_id!r}")
    fields = {
        "name": f"{given_name} {family_name}".strip(),
        "given_name": given_name,
        "family_name": family_name,
        "email": normalise_email(email),
        "organisation_id": organisation_id,
        "cluster": str(Cluster(cluster)) if cluster is not None else None,
        "site": site,
        "kind": str(PersonKind(kind)),
        "active": active,
    }
    person = session.get(Person, person_id)
    if person is not None and all(getattr(person, k) == v for k, v in fields.items()):
        return False
    changes.lock_feed(session)
    old_site = person.site if person is not None else None
    if person is None:
        person = Person(id=person_id)
        session.add(person)
    for name, value in fields.items():
        setattr(person, name, value)
    person.organisation = organisation
    if old_site is not None and old_site != site:
        changes.append(session, Entity.PERSON, person_id, None, site=old_site, op=ChangeOp.DELETE)
    changes.append(session, Entity.PERSON, person_id, changes.person_data(person), site=site)
    return True


def desk_id(site: str, label: str) -> str:
    return f"{site}-{label}"


def upsert_desk(session: Session, *, site: str, label: str, zone: str) -> bool:
    """Create or update a desk; True when anything changed."""
    require_site(session, site)
    desk = session.get(Desk, desk_id(site, label))
    if desk is not None and desk.zone == zone:
        return False
    changes.lock_feed(session)
    if desk is None:
        desk = Desk(id=desk_id(site, label), site=site, label=label)
        session.add(desk)
    desk.zone = zone
    session.flush()
    changes.append(session, Entity.DESK, desk.id, changes.desk_data(desk), site=site)
    return True


def find_person(session: Session, id_or_email: str) -> Person | None:
    """A person by UUID or by e-mail address (case does not matter)."""
    text = id_or_email.strip()
    try:
        person = session.get(Person, str(uuid.UUID(text)))
    except ValueError:
        person = None
    if person is None:
        person = session.scalars(
            select(Person).where(func.lower(Person.email) == normalise_email(text))
        ).first()
    return person


# Norwegian alphabetical order puts æ, ø, å after z; code points would give å, æ, ø.
_NORWEGIAN_ORDER = str.maketrans({"æ": "z\u0001", "ø": "z\u0002", "å": "z\u0003"})


def sort_key(text: str) -> str:
    return text.casefold().translate(_NORWEGIAN_ORDER)


def people_of_site(session: Session, site: str) -> list[Person]:
    """The people whose home is ``site``, by family name then given name, as in Norwegian."""
    people = session.scalars(select(Person).where(Person.site == site)).all()
    return sorted(people, key=lambda p: (sort_key(p.family_name), sort_key(p.given_name)))
