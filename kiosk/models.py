"""Tables of the kiosk's local store (SQLite). Schema changes go through Alembic migrations."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    TypeDecorator,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from typing_extensions import override  # typing.override is 3.12+


class UTCDateTime(TypeDecorator[datetime]):
    """Stores aware datetimes as naive UTC and gives them back aware (SQLite keeps no zone)."""

    impl = DateTime
    cache_ok = True

    @override
    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the local store")
        return value.astimezone(UTC).replace(tzinfo=None)

    @override
    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        assert isinstance(value, datetime)
        return value.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    pass


class Person(Base):
    """Mirror of the people of this kiosk's site (no e-mail: the kiosk does not need it)."""

    __tablename__ = "people"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    given_name: Mapped[str] = mapped_column(String(100), default="")
    organisation: Mapped[str | None] = mapped_column(String(200), nullable=True)
    cluster: Mapped[str | None] = mapped_column(String(60), nullable=True)
    kind: Mapped[str] = mapped_column(String(20), default="member")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    search_key: Mapped[str] = mapped_column(String(400), default="")
    organisation_short: Mapped[str | None] = mapped_column(String(64), nullable=True)
    # The person's PIN for name actions, hashed by kiosk.pin (None: no PIN set).
    pin_hash: Mapped[str | None] = mapped_column(String(200), nullable=True)


class PublicKey(Base):
    """Pass-signing public keys from the central store."""

    __tablename__ = "public_keys"
    key_id: Mapped[str] = mapped_column(String(8), primary_key=True)
    public_key: Mapped[bytes] = mapped_column(LargeBinary(32))


class RevokedPass(Base):
    __tablename__ = "revoked_passes"
    pass_id: Mapped[str] = mapped_column(String(16), primary_key=True)


class Presence(Base):
    """Who is in, as this kiosk knows it: its own actions and the store's feed, newest wins."""

    __tablename__ = "presence"
    person_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    checked_in: Mapped[bool] = mapped_column(Boolean)
    at: Mapped[datetime] = mapped_column(UTCDateTime)


class Visit(Base):
    """A visit recorded at this kiosk."""

    __tablename__ = "visits"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)  # the check-in event id
    person_id: Mapped[str] = mapped_column(String(36), index=True)
    method: Mapped[str] = mapped_column(String(10))
    checked_in_at: Mapped[datetime] = mapped_column(UTCDateTime)
    checked_out_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class OutboxEvent(Base):
    """An event waiting for (or answered by) the central store, written with what it records."""

    __tablename__ = "outbox"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    event_id: Mapped[str] = mapped_column(String(36), unique=True)
    body: Mapped[str] = mapped_column(Text)  # the event's JSON exactly as sent, every time
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(String(20), default="pending")
    reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    # Sent alone and failed (any status, timeout or error) this many times in a row; at
    # kiosk.outbox.SET_ASIDE_AFTER the event is set aside (status "set_aside") for staff.
    failures: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    set_aside_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)

    __table_args__ = (Index("ix_outbox_status_seq", "status", "seq"),)


class SyncState(Base):
    """One row: where the changes feed left off."""

    __tablename__ = "sync_state"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    cursor: Mapped[int] = mapped_column(Integer, default=0)
    last_success: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class SiteSettings(Base):
    """This kiosk's site as the store describes it: time zone and the daily desk times."""

    __tablename__ = "site_settings"
    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    timezone: Mapped[str] = mapped_column(String(64), default="Europe/Oslo")
    no_show_release: Mapped[str] = mapped_column(String(5), default="10:00")
    closing_time: Mapped[str] = mapped_column(String(5), default="17:00")
    cluster_zones: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)


class FloorRow(Base):
    __tablename__ = "floors"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    site: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(100))
    level: Mapped[int] = mapped_column(Integer)
    plan: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    plan_type: Mapped[str] = mapped_column(String(8), default="svg")
    plan_sha256: Mapped[str] = mapped_column(String(64), default="")
    width: Mapped[float] = mapped_column(Float)
    height: Mapped[float] = mapped_column(Float)


class DeskRow(Base):
    __tablename__ = "desks"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    site: Mapped[str] = mapped_column(String(32))
    floor_id: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)
    label: Mapped[str] = mapped_column(String(16))
    zone: Mapped[str] = mapped_column(String(64))
    x: Mapped[float] = mapped_column(Float, default=0.0)
    y: Mapped[float] = mapped_column(Float, default=0.0)
    width: Mapped[float] = mapped_column(Float, default=0.0)
    height: Mapped[float] = mapped_column(Float, default=0.0)
    rotation: Mapped[float] = mapped_column(Float, default=0.0)
    equipment: Mapped[list[str]] = mapped_column(JSON, default=list)
    mode: Mapped[str] = mapped_column(String(16), default="drop_in")
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class RoomRow(Base):
    __tablename__ = "rooms"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    floor_id: Mapped[str] = mapped_column(String(64), index=True)
    name: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(32), default="room")
    x: Mapped[float] = mapped_column(Float)
    y: Mapped[float] = mapped_column(Float)
    width: Mapped[float] = mapped_column(Float)
    height: Mapped[float] = mapped_column(Float)


class BookingRow(Base):
    """A booking from the store: [start_at, end_at), person id only."""

    __tablename__ = "bookings"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    desk_id: Mapped[str] = mapped_column(String(64), index=True)
    person_id: Mapped[str] = mapped_column(String(36), index=True)
    start_at: Mapped[datetime] = mapped_column(UTCDateTime)
    end_at: Mapped[datetime] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(String(16), default="booked")


class DeskClaimRow(Base):
    """A drop-in claim: from the store's feed, or made here (provisional until the store says)."""

    __tablename__ = "desk_claims"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)  # the claim event's id
    desk_id: Mapped[str] = mapped_column(String(64), index=True)
    person_id: Mapped[str] = mapped_column(String(36), index=True)  # "" for "taken by someone"
    start_at: Mapped[datetime] = mapped_column(UTCDateTime)
    until: Mapped[datetime] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(String(16), default="active")
    provisional: Mapped[bool] = mapped_column(Boolean, default=False)


class DeskAssignmentRow(Base):
    """A fixed desk, for a person or an organisation, from a day until a day (excluded)."""

    __tablename__ = "desk_assignments"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    desk_id: Mapped[str] = mapped_column(String(64), index=True)
    person_id: Mapped[str | None] = mapped_column(String(36), nullable=True, index=True)
    organisation_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    valid_from: Mapped[date] = mapped_column(Date)
    valid_until: Mapped[date | None] = mapped_column(Date, nullable=True)


class DeskConflictRow(Base):
    """A claim made here while offline that the store gave to someone else first."""

    __tablename__ = "desk_conflicts"
    event_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    person_id: Mapped[str] = mapped_column(String(36), index=True)
    desk_id: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    acknowledged: Mapped[bool] = mapped_column(Boolean, default=False)


class LunchTalkRow(Base):
    """A lunch talk of this site from the store, with how many signed up (no names)."""

    __tablename__ = "lunch_talks"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    cluster: Mapped[str | None] = mapped_column(String(60), nullable=True)
    room: Mapped[str] = mapped_column(String(100), default="")
    capacity: Mapped[int] = mapped_column(Integer)
    signed_up: Mapped[int] = mapped_column(Integer, default=0)


class LunchSignupRow(Base):
    """A sign-up made at this kiosk; kept until the talk is over, to say "already signed up"
    and to count seats the store has not counted yet. ``status``: pending, accepted, full."""

    __tablename__ = "lunch_signups"
    event_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    talk_id: Mapped[str] = mapped_column(String(36), index=True)
    person_id: Mapped[str] = mapped_column(String(36))
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(String(16), default="pending")


class HereTodayRow(Base):
    """The store's counts of who is here today at this site (each group at least 3)."""

    __tablename__ = "here_today"
    site: Mapped[str] = mapped_column(String(32), primary_key=True)
    day: Mapped[date] = mapped_column(Date)
    by_organisation: Mapped[dict[str, int]] = mapped_column(JSON, default=dict)
    by_cluster: Mapped[dict[str, int]] = mapped_column(JSON, default=dict)

class BadgeKey(Base):
    """This kiosk's own Ed25519 key for the guest badges it prints (``kiosk.badges``): made
    here, never sent anywhere; a badge it signed checks its guest out here, offline."""

    __tablename__ = "badge_keys"
    key_id: Mapped[str] = mapped_column(String(8), primary_key=True)
    private_key: Mapped[bytes] = mapped_column(LargeBinary(32))
    public_key: Mapped[bytes] = mapped_column(LargeBinary(32))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
