"""The central store's tables, as typed SQLAlchemy 2 ORM classes."""

from __future__ import annotations

import enum
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    CheckConstraint,
    Date,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    TypeDecorator,
    UniqueConstraint,
    text,
    true,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from typing_extensions import override  # typing.override is 3.12+


class Cluster(enum.StrEnum):
    """RegionLab's competence clusters."""

    NAERING = "næring"
    UTDANNING = "utdanning"
    NATURFORVALTNING = "naturforvaltning"
    HELSE = "helse"
    BARN_OG_UNGE = "barn og unge"


class PersonKind(enum.StrEnum):
    MEMBER = "member"
    GUEST = "guest"


class TokenRole(enum.StrEnum):
    DEVICE = "device"
    ADMIN = "admin"


def _in(column: str, values: type[enum.StrEnum]) -> str:
    return f"{column} IN ({', '.join(repr(str(v)) for v in values)})"


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware time, stored in UTC; SQLite (which keeps no offset) included."""

    impl = DateTime(timezone=True)
    cache_ok = True

    @override
    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: store timezone-aware times only")
        value = value.astimezone(UTC)
        return value if dialect.name == "postgresql" else value.replace(tzinfo=None)

    @override
    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


# An auto-incrementing 64-bit key; on SQLite it must be INTEGER to be the rowid.
BigId = BigInteger().with_variant(Integer(), "sqlite")


class Base(DeclarativeBase):
    metadata = MetaData(
        naming_convention={
            "ix": "ix_%(column_0_label)s",
            "uq": "uq_%(table_name)s_%(column_0_name)s",
            "ck": "ck_%(table_name)s_%(constraint_name)s",
            "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
            "pk": "pk_%(table_name)s",
        }
    )


class Site(Base):
    __tablename__ = "sites"

    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    timezone: Mapped[str] = mapped_column(String(64), default="Europe/Oslo")
    # Local times "HH:MM": bookings not checked in by then are released for drop-ins; at
    # closing, drop-in claims end and everyone still checked in is checked out.
    no_show_release: Mapped[str] = mapped_column(String(5), default="10:00", server_default="10:00")
    closing_time: Mapped[str] = mapped_column(String(5), default="17:00", server_default="17:00")
    # cluster -> zone, for "find a free desk for me"
    cluster_zones: Mapped[dict[str, str]] = mapped_column(JSON, default=dict, server_default="{}")


class Organisation(Base):
    __tablename__ = "organisations"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    short_name: Mapped[str] = mapped_column(String(64))
    # state | county | municipality | other: the pilot's reports group by it
    kind: Mapped[str] = mapped_column(String(16), default="other", server_default="other")


class Person(Base):
    __tablename__ = "people"
    __table_args__ = (
        CheckConstraint(_in("kind", PersonKind), name="kind"),
        CheckConstraint(f"cluster IS NULL OR {_in('cluster', Cluster)}", name="cluster"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    given_name: Mapped[str] = mapped_column(String(100))
    family_name: Mapped[str] = mapped_column(String(100))
    email: Mapped[str] = mapped_column(String(254), unique=True)
    organisation_id: Mapped[str | None] = mapped_column(ForeignKey("organisations.id"))
    cluster: Mapped[str | None] = mapped_column(String(32))
    site: Mapped[str] = mapped_column(ForeignKey("sites.code"), index=True)
    kind: Mapped[str] = mapped_column(String(16), default=PersonKind.MEMBER)
    active: Mapped[bool] = mapped_column(default=True)
    # kiosk.pin's hash of the person's PIN for name actions at the kiosk; never the PIN.
    pin_hash: Mapped[str | None] = mapped_column(String(200), default=None)
    # When the daily retention run first found the person deactivated (central.jobs.retention).
    deactivated_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # the first day of a visit anywhere: new vs returning users in the reports (central.reports)
    first_seen_on: Mapped[date | None] = mapped_column(Date)

    organisation: Mapped[Organisation | None] = relationship(lazy="joined")


class Desk(Base):
    __tablename__ = "desks"
    __table_args__ = (UniqueConstraint("site", "label", name="uq_desks_site_label"),)

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    site: Mapped[str] = mapped_column(ForeignKey("sites.code"))
    label: Mapped[str] = mapped_column(String(16))
    zone: Mapped[str] = mapped_column(String(64))
    floor_id: Mapped[str | None] = mapped_column(ForeignKey("floors.id"), index=True)
    # Geometry in plan units: top-left corner before rotation, rotation clockwise in degrees.
    x: Mapped[float] = mapped_column(Float, default=0.0, server_default="0")
    y: Mapped[float] = mapped_column(Float, default=0.0, server_default="0")
    width: Mapped[float] = mapped_column(Float, default=0.0, server_default="0")
    height: Mapped[float] = mapped_column(Float, default=0.0, server_default="0")
    rotation: Mapped[float] = mapped_column(Float, default=0.0, server_default="0")
    equipment: Mapped[list[str]] = mapped_column(JSON, default=list, server_default="[]")
    mode: Mapped[str] = mapped_column(String(16), default="drop_in", server_default="drop_in")
    active: Mapped[bool] = mapped_column(default=True, server_default=true())


class SigningKeyRecord(Base):
    __tablename__ = "signing_keys"

    key_id: Mapped[str] = mapped_column(String(8), primary_key=True)
    # Sealed with the key-encryption key (central.db.key_encryption); empty once retired.
    private_key: Mapped[bytes] = mapped_column(LargeBinary(32))
    public_key: Mapped[bytes] = mapped_column(LargeBinary(32))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    active: Mapped[bool] = mapped_column(default=True)  # signs new passes
    # No longer announced to kiosks: passes it signed stop verifying.
    retired_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class PassRecord(Base):
    __tablename__ = "passes"
    __table_args__ = (CheckConstraint(_in("kind", PersonKind), name="kind"),)

    pass_id: Mapped[str] = mapped_column(String(16), primary_key=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("people.id"), index=True)
    site: Mapped[str] = mapped_column(ForeignKey("sites.code"))
    kind: Mapped[str] = mapped_column(String(16))
    valid_from: Mapped[datetime] = mapped_column(UTCDateTime())
    valid_to: Mapped[datetime] = mapped_column(UTCDateTime())
    key_id: Mapped[str] = mapped_column(ForeignKey("signing_keys.key_id"))
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class Invitation(Base):
    """A guest's pass, who invited them and whether the e-mail went out."""

    __tablename__ = "invitations"

    pass_id: Mapped[str] = mapped_column(ForeignKey("passes.pass_id"), primary_key=True)
    guest_id: Mapped[str] = mapped_column(ForeignKey("people.id"), index=True)
    host_id: Mapped[str] = mapped_column(ForeignKey("people.id"), index=True)
    email: Mapped[str] = mapped_column(String(254))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class Token(Base):
    __tablename__ = "tokens"
    __table_args__ = (CheckConstraint(_in("role", TokenRole), name="role"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    site: Mapped[str] = mapped_column(ForeignKey("sites.code"))
    role: Mapped[str] = mapped_column(String(16))
    # Hex HMAC-SHA256 keyed with the server secret ("hmac"); tokens made before 0005 keep a
    # bare SHA-256 ("sha256") until their first use re-keys them (central.domain.tokens).
    secret_hash: Mapped[str] = mapped_column(String(64), unique=True)
    label: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    hash_scheme: Mapped[str] = mapped_column(String(16), default="hmac", server_default="sha256")
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class Kiosk(Base):
    """A kiosk provisioned with a code: its device token and what it last reported."""

    __tablename__ = "kiosks"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    site: Mapped[str] = mapped_column(ForeignKey("sites.code"), index=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    token_id: Mapped[int] = mapped_column(ForeignKey("tokens.id"), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    last_seen_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    version: Mapped[str | None] = mapped_column(String(40))
    events_waiting: Mapped[int | None] = mapped_column(Integer)
    # Events the kiosk set aside after they kept failing (reported by kiosks that do so).
    events_set_aside: Mapped[int | None] = mapped_column(Integer)


class ProvisioningCode(Base):
    """A one-time code that a new kiosk exchanges for its device token."""

    __tablename__ = "provisioning_codes"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    site: Mapped[str] = mapped_column(ForeignKey("sites.code"))
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)  # keyed like tokens
    kiosk_name: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class EventRecord(Base):
    """An event a kiosk sent and the store applied; its id is the kiosk's UUID."""

    __tablename__ = "events"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    site: Mapped[str] = mapped_column(ForeignKey("sites.code"))
    type: Mapped[str] = mapped_column(String(32))
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    content_hash: Mapped[str] = mapped_column(String(64))
    received_at: Mapped[datetime] = mapped_column(UTCDateTime())
    status: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str | None] = mapped_column(String(200))


class Visit(Base):
    __tablename__ = "visits"
    __table_args__ = (
        # At most one open visit per person and site, even under concurrent check-ins.
        Index(
            "uq_visits_open",
            "site",
            "person_id",
            unique=True,
            sqlite_where=text("checked_out_at IS NULL"),
            postgresql_where=text("checked_out_at IS NULL"),
        ),
        # A site's visits of a day: here-today counts, reports (0011_visits_by_day).
        Index("ix_visits_site_checked_in", "site", "checked_in_at"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    site: Mapped[str] = mapped_column(ForeignKey("sites.code"))
    # Indexed, as every column that refers to a row someone deletes (0012_foreign_key_indexes).
    person_id: Mapped[str] = mapped_column(ForeignKey("people.id"), index=True)
    checked_in_at: Mapped[datetime] = mapped_column(UTCDateTime())
    checked_out_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    check_in_event_id: Mapped[str] = mapped_column(ForeignKey("events.id"), index=True)
    check_out_event_id: Mapped[str | None] = mapped_column(ForeignKey("events.id"), index=True)


class Change(Base):
    """One row of the change log that kiosks mirror; ``site`` NULL means every site."""

    __tablename__ = "changes"
    __table_args__ = (
        # append() replaces an entity's older rows: found by this index, not a table scan.
        Index("ix_changes_entity_key", "entity", "key"),
        {"sqlite_autoincrement": True},  # never reuse a seq
    )

    seq: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    site: Mapped[str | None] = mapped_column(ForeignKey("sites.code"))
    entity: Mapped[str] = mapped_column(String(32))
    op: Mapped[str] = mapped_column(String(16))
    key: Mapped[str] = mapped_column(String(64))
    data: Mapped[dict[str, Any]] = mapped_column(JSON)


class DeskMode(enum.StrEnum):
    FIXED = "fixed"
    BOOKABLE = "bookable"
    DROP_IN = "drop_in"


class BookingStatus(enum.StrEnum):
    BOOKED = "booked"
    RELEASED = "released"  # not checked in by the site's no-show time: free for drop-ins
    CANCELLED = "cancelled"


class ClaimStatus(enum.StrEnum):
    ACTIVE = "active"
    RELEASED = "released"  # given back (or the person checked out)
    ENDED = "ended"  # closing time


class Floor(Base):
    __tablename__ = "floors"
    __table_args__ = (UniqueConstraint("site", "name", name="uq_floors_site_name"),)

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    site: Mapped[str] = mapped_column(ForeignKey("sites.code"))
    name: Mapped[str] = mapped_column(String(100))
    level: Mapped[int] = mapped_column(Integer)
    plan: Mapped[bytes] = mapped_column(LargeBinary)  # SVG or PNG file, as imported
    plan_type: Mapped[str] = mapped_column(String(8))  # "svg" | "png"
    width: Mapped[float] = mapped_column(Float)  # plan units (the SVG's viewBox)
    height: Mapped[float] = mapped_column(Float)


class Room(Base):
    """A room drawn on a floor (meeting room, lunch area, entrance): shown, never claimed."""

    __tablename__ = "rooms"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    site: Mapped[str] = mapped_column(ForeignKey("sites.code"))
    floor_id: Mapped[str] = mapped_column(ForeignKey("floors.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(32), default="room")
    x: Mapped[float] = mapped_column(Float)
    y: Mapped[float] = mapped_column(Float)
    width: Mapped[float] = mapped_column(Float)
    height: Mapped[float] = mapped_column(Float)


class DeskAssignment(Base):
    """A fixed desk: a person or an organisation holds it from a day, until a day (excluded)."""

    __tablename__ = "desk_assignments"
    __table_args__ = (
        CheckConstraint(
            "(person_id IS NULL) <> (organisation_id IS NULL)", name="person_or_organisation"
        ),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    site: Mapped[str] = mapped_column(ForeignKey("sites.code"))
    desk_id: Mapped[str] = mapped_column(ForeignKey("desks.id"), index=True)
    person_id: Mapped[str | None] = mapped_column(ForeignKey("people.id"))
    organisation_id: Mapped[str | None] = mapped_column(ForeignKey("organisations.id"))
    valid_from: Mapped[date] = mapped_column(Date)
    valid_until: Mapped[date | None] = mapped_column(Date)  # excluded; None: until further notice


class Booking(Base):
    """A desk booked by a person for [start, end): half-open, so 12:00 ends meet 12:00 starts."""

    __tablename__ = "bookings"
    __table_args__ = (CheckConstraint("end_at > start_at", name="positive"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    site: Mapped[str] = mapped_column(ForeignKey("sites.code"))
    desk_id: Mapped[str] = mapped_column(ForeignKey("desks.id"), index=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("people.id"), index=True)
    start_at: Mapped[datetime] = mapped_column(UTCDateTime())
    end_at: Mapped[datetime] = mapped_column(UTCDateTime())
    status: Mapped[str] = mapped_column(String(16), default=BookingStatus.BOOKED)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class DeskClaim(Base):
    """A drop-in sitting down at a free desk: from the claim until closing (or the next booking).

    The partial unique indexes are the last line against a race: whatever slips past the
    checks made under the feed lock, the database refuses a second active claim of a desk or
    of a person on the same local day.
    """

    __tablename__ = "desk_claims"
    __table_args__ = (
        Index(
            "uq_desk_claims_desk_day",
            "desk_id",
            "day",
            unique=True,
            sqlite_where=text("status = 'active'"),
            postgresql_where=text("status = 'active'"),
        ),
        Index(
            "uq_desk_claims_person_day",
            "person_id",
            "day",
            unique=True,
            sqlite_where=text("status = 'active'"),
            postgresql_where=text("status = 'active'"),
        ),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)  # the kiosk's event id
    site: Mapped[str] = mapped_column(ForeignKey("sites.code"))
    desk_id: Mapped[str] = mapped_column(ForeignKey("desks.id"))
    person_id: Mapped[str] = mapped_column(ForeignKey("people.id"))
    day: Mapped[date] = mapped_column(Date)  # the site's local day
    start_at: Mapped[datetime] = mapped_column(UTCDateTime())
    until: Mapped[datetime] = mapped_column(UTCDateTime())
    status: Mapped[str] = mapped_column(String(16), default=ClaimStatus.ACTIVE)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class SchedulerRun(Base):
    """A daily job done for a site and day; its key makes catching up idempotent."""

    __tablename__ = "scheduler_runs"

    site: Mapped[str] = mapped_column(ForeignKey("sites.code"), primary_key=True)
    job: Mapped[str] = mapped_column(String(32), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    ran_at: Mapped[datetime] = mapped_column(UTCDateTime())


class LunchTalk(Base):
    """A "faglig lunsj": a talk over lunch, for the people of a site (central.domain.lunch)."""

    __tablename__ = "lunch_talks"
    __table_args__ = (
        CheckConstraint("capacity > 0", name="capacity"),
        CheckConstraint(f"cluster IS NULL OR {_in('cluster', Cluster)}", name="cluster"),
        Index("ix_lunch_talks_site_starts_at", "site", "starts_at"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    site: Mapped[str] = mapped_column(ForeignKey("sites.code"))
    title: Mapped[str] = mapped_column(String(200))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime())
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime())
    cluster: Mapped[str | None] = mapped_column(String(32))
    room: Mapped[str] = mapped_column(String(100))
    capacity: Mapped[int] = mapped_column(Integer)
    signed_up: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class LunchSignup(Base):
    """One person signed up for one talk, once: the unique pair is the last word on "once"."""

    __tablename__ = "lunch_signups"
    __table_args__ = (
        UniqueConstraint("talk_id", "person_id", name="uq_lunch_signups_talk_person"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)  # the kiosk's event id
    talk_id: Mapped[str] = mapped_column(ForeignKey("lunch_talks.id"))
    person_id: Mapped[str] = mapped_column(ForeignKey("people.id"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime())


class GuestArrival(Base):
    """A guest came to see a host: a walk-in's arrival (from its ``guest_arrival`` event) or an
    invited guest's first check-in. The host is e-mailed once (``notified_at``); the contact
    (phone or e-mail, normalised) lets a returning guest only confirm, and is kept 30 days."""

    __tablename__ = "guest_arrivals"

    id: Mapped[str] = mapped_column(ForeignKey("events.id"), primary_key=True)
    site: Mapped[str] = mapped_column(ForeignKey("sites.code"))
    guest_id: Mapped[str] = mapped_column(ForeignKey("people.id"), index=True)
    host_id: Mapped[str] = mapped_column(ForeignKey("people.id"), index=True)
    organisation: Mapped[str] = mapped_column(String(100), default="")
    purpose: Mapped[str | None] = mapped_column(String(16))  # None: an invited guest
    phone: Mapped[str | None] = mapped_column(String(20), index=True)
    email: Mapped[str | None] = mapped_column(String(254), index=True)
    arrived_at: Mapped[datetime] = mapped_column(UTCDateTime())
    notified_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    notice_attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class DailyAggregate(Base):
    """How many distinct people came to a site on a day, per organisation and kind: kept for
    the pilot's reports after retention deletes the visits it was counted from."""

    __tablename__ = "daily_aggregates"

    site: Mapped[str] = mapped_column(ForeignKey("sites.code"), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    organisation_id: Mapped[str] = mapped_column(String(64), primary_key=True)  # "" for none
    kind: Mapped[str] = mapped_column(String(16), primary_key=True)  # member | guest
    people: Mapped[int] = mapped_column(Integer)
    visits: Mapped[int] = mapped_column(Integer)


class ReportCell(Base):
    """One aggregate the pilot's reports read (central.reports.aggregates): a count for a site
    and a day or month, with how many distinct people it counts, so that it can be suppressed
    below 3. Never a person id: it outlives the visits it was computed from."""

    __tablename__ = "report_cells"

    site: Mapped[str] = mapped_column(ForeignKey("sites.code"), primary_key=True)
    period: Mapped[str] = mapped_column(String(8), primary_key=True)  # day | month
    start: Mapped[date] = mapped_column(Date, primary_key=True)
    measure: Mapped[str] = mapped_column(String(32), primary_key=True)
    key: Mapped[str] = mapped_column(String(140), primary_key=True)
    value: Mapped[int] = mapped_column(Integer)
    people: Mapped[int] = mapped_column(Integer)


class StaffRole(enum.StrEnum):
    """What a staff account of the console may do (central.web)."""

    STAFF = "staff"  # sees and changes its own site
    ADMIN = "admin"  # every site, and the audit log
    ANALYST = "analyst"  # reports only, never a name


class StaffAccount(Base):
    """A person who runs the building and logs in to the staff console."""

    __tablename__ = "staff_accounts"
    __table_args__ = (CheckConstraint(_in("role", StaffRole), name="role"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    site: Mapped[str] = mapped_column(ForeignKey("sites.code"))
    email: Mapped[str] = mapped_column(String(254), unique=True)
    role: Mapped[str] = mapped_column(String(16))
    password_hash: Mapped[str] = mapped_column(String(200))  # Argon2id, never the password
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    failed_logins: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    disabled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class StaffSession(Base):
    """A logged-in browser: the cookie's secret only as its SHA-256, and its CSRF token."""

    __tablename__ = "staff_sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("staff_accounts.id"), index=True)
    csrf: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())


class StaffPasswordLink(Base):
    """A one-time link to set a staff account's password: only the token's SHA-256 is kept;
    it expires (72 h) and works once."""

    __tablename__ = "staff_password_links"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("staff_accounts.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class AuditEntry(Base):
    """A staff action that read or changed personal data: who, when, what, about whom."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    account_id: Mapped[int | None] = mapped_column(ForeignKey("staff_accounts.id"))
    actor: Mapped[str] = mapped_column(String(254))  # the account's e-mail when it acted
    site: Mapped[str | None] = mapped_column(String(32))
    action: Mapped[str] = mapped_column(String(64))
    subject: Mapped[str | None] = mapped_column(String(100))  # a person's id, a kiosk's name
    detail: Mapped[str | None] = mapped_column(String(500))


class RollCallTick(Base):
    """During an evacuation: a person seen at the assembly point, by which staff account."""

    __tablename__ = "roll_call_ticks"

    site: Mapped[str] = mapped_column(ForeignKey("sites.code"), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    # No foreign key: retention deletes people without knowing of ticks (a day's list only).
    person_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("staff_accounts.id"))
    at: Mapped[datetime] = mapped_column(UTCDateTime())
