"""The HTTP API (v1) of the central store, as a FastAPI application."""

from __future__ import annotations

import gc
import json
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime, timedelta
from typing import Annotated, Any, TextIO

from fastapi import BackgroundTasks, FastAPI, HTTPException, Query, Request, status
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import JSONResponse, Response
from sqlalchemy import Engine, text
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from sqlalchemy.orm import Session, sessionmaker
from starlette.concurrency import run_in_threadpool

from central.api import guest_routes, provisioning
from central.api.auth import (
    AUTH_ERRORS,
    AdminCaller,
    AnyPresented,
    DevicePresented,
    Presented,
    SiteCode,
)
from central.api.docs_page import install_docs
from central.api.limits import BODY_ERRORS, BodyLimits, RepeatFilter
from central.api.schemas import (
    ChangesPage,
    DeskConflictOut,
    EventBatch,
    EventResult,
    EventResults,
    Health,
    PresentPerson,
    Problem,
)
from central.api.token_use import TokenUseWriter
from central.db.engine import (
    SessionFactory,
    database_url,
    engine_of,
    make_engine,
    read_factory,
    session_factory,
)
from central.domain import changes, events, presence
from central.domain.desk_conflicts import desk_conflicts
from central.web import install as install_staff_console
from kiosk.clock import Clock, SystemClock
from kiosk.protocol import API_PREFIX, DEFAULT_CHANGES_PAGE, MAX_CHANGES_PAGE

# Answers smaller than this go out as they are: compressing them saves less than it costs.
GZIP_MIN_BYTES = 1024
# zlib's default level: a 5,000-row page shrinks ~8x in a few ms; level 9 gains little more.
GZIP_LEVEL = 6


def create_app(database: Engine | sessionmaker[Session], clock: Clock) -> FastAPI:
    """The API over ``database`` (an engine, or a session factory bound to one), telling the
    time by ``clock``."""
    factory: SessionFactory = (
        database if isinstance(database, sessionmaker) else session_factory(database)
    )
    # Requests that only read use sessions that take no write lock (see central.db.engine).
    reads = read_factory(engine_of(factory))
    app = FastAPI(
        lifespan=_lifespan,
        title="RegionLab central store",
        version="1",
        summary="Check-ins from the kiosks in; people, desks and keys out to them.",
        docs_url=None,  # install_docs: the pages' scripts come from the store, not a CDN
        redoc_url=None,
    )
    install_docs(app)
    app.state.session_factory = factory
    app.state.read_factory = reads
    app.state.clock = clock
    app.state.token_use = TokenUseWriter(factory)
    provisioning.add_routes(app, factory, clock)
    install_staff_console(app)  # the staff console's pages at /staff/
    # The feed's first sync is tens of megabytes of JSON; compressed it is a few. Requests
    # (the kiosk's client) asks for gzip and decodes it by itself.
    app.add_middleware(GZipMiddleware, minimum_size=GZIP_MIN_BYTES, compresslevel=GZIP_LEVEL)
    # Outermost: a body is read only after its token was found, and only so much of it.
    app.add_middleware(BodyLimits, reads=reads)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(_request: Request, exc: RequestValidationError) -> JSONResponse:
        return _AsciiJSONResponse(
            {"detail": jsonable_encoder(exc.errors())},
            status_code=status.HTTP_422_UNPROCESSABLE_CONTENT,
        )

    @app.exception_handler(OperationalError)
    @app.exception_handler(PoolTimeoutError)
    async def database_unavailable(_request: Request, _exc: Exception) -> JSONResponse:
        return JSONResponse(
            {"detail": "database unavailable"}, status_code=status.HTTP_503_SERVICE_UNAVAILABLE
        )

    @app.get("/healthz", response_model=Health, responses={503: {"model": Health}})
    def healthz() -> Any:
        """Whether the service and its database answer."""
        try:
            with reads() as session:
                session.execute(text("SELECT 1"))
        except SQLAlchemyError:
            return JSONResponse({"status": "unavailable"}, status_code=503)
        return Health(status="ok")

    @app.get(
        f"{API_PREFIX}/sites/{{site}}/changes",
        response_model=ChangesPage,
        responses={
            **AUTH_ERRORS,
            409: {"model": Problem, "description": "The cursor is ahead of this store"},
        },
    )
    async def get_changes(
        site: SiteCode,
        presented: AnyPresented,
        since: Annotated[int, Query(ge=0, description="The cursor from the last page")] = 0,
        limit: Annotated[
            int, Query(ge=1, le=MAX_CHANGES_PAGE, description="Most changes in this page")
        ] = DEFAULT_CHANGES_PAGE,
    ) -> Response:
        """What a kiosk of ``site`` mirrors, after the cursor ``since``, oldest first: the
        latest state of each entity (older states are replaced, deletes leave a tombstone
        with ``data`` null). Pages of 1 KB or more are gzip-compressed."""
        # In one worker thread: the token's check and the page. Each row was made by its
        # entity's model when it was written (central.domain.changes): the page goes out as it
        # is instead of being validated again, row by row.
        page = await run_in_threadpool(_feed_page, presented, reads, site, since, limit)
        return Response(page, media_type="application/json")

    @app.post(
        f"{API_PREFIX}/sites/{{site}}/events",
        response_model=EventResults,
        responses={**AUTH_ERRORS, **BODY_ERRORS},
    )
    async def post_events(
        site: SiteCode,
        batch: EventBatch,
        presented: DevicePresented,
        background: BackgroundTasks,
    ) -> EventResults:
        """Apply a batch of events; one result per event, in the order sent.

        A kiosk claiming a desk for a person standing at it sends the `desk_claim` (with the
        check-in it implies) at once, in a batch of its own, and waits about 1.5 s: `accepted`
        means the desk is theirs; `conflict` with reason `desk_taken`, `person_has_desk` or
        `desk_not_claimable` means it is not (who holds the desk is kept for staff, never
        sent). Without an answer in time the kiosk keeps the claim as provisional and its
        outbox sends the same event again later; the store answers a resent losing claim
        with the same `conflict`."""

        await presented.check_soon()
        # Queued for the process's writer thread; no worker thread waits for its turn.
        outcomes = await events.apply_batch_soon(
            factory,
            site,
            (events.IncomingEvent(e.id, e.type, e.at, e.data) for e in batch.events),
            clock,
        )
        guest_routes.tell_hosts_after(background, factory, clock)
        return EventResults(
            results=[EventResult(id=o.id, status=o.status, reason=o.reason) for o in outcomes]
        )

    @app.get(
        f"{API_PREFIX}/sites/{{site}}/presence",
        response_model=list[PresentPerson],
        responses=AUTH_ERRORS,
    )
    def get_presence(site: SiteCode, _caller: AdminCaller) -> list[PresentPerson]:
        """Who is checked in at ``site`` now (the evacuation list), earliest first: members
        and guests, the desk each holds or their zone, and the time in (UTC and the site's
        local time). Staff only."""
        with reads() as session:
            return [
                PresentPerson(
                    person_id=p.person_id,
                    name=p.name,
                    organisation=p.organisation,
                    checked_in_at=p.checked_in_at,
                    kind=p.kind,
                    desk=p.desk,
                    zone=p.zone,
                    checked_in_local=p.checked_in_local,
                )
                for p in presence.present_now(session, site, clock.now())
            ]

    @app.get(
        f"{API_PREFIX}/sites/{{site}}/desk-conflicts",
        response_model=list[DeskConflictOut],
        responses=AUTH_ERRORS,
    )
    def get_desk_conflicts(
        site: SiteCode,
        _caller: AdminCaller,
        since: Annotated[
            datetime,
            Query(description="Oldest claim time to list (timezone-aware); default: a day ago"),
        ]
        | None = None,
    ) -> list[DeskConflictOut]:
        """Desk claims that lost (two kiosks, or an offline claim settled first-come), with
        who held the desk. Staff only: kiosks are told no names."""
        if since is not None and since.tzinfo is None:
            raise HTTPException(
                status.HTTP_422_UNPROCESSABLE_CONTENT, "since needs a timezone offset"
            )
        start = since or clock.now() - timedelta(days=1)
        with reads() as session:
            return [
                DeskConflictOut(
                    event_id=c.event_id,
                    at=c.at,
                    desk=c.desk_label,
                    claimant_id=c.claimant_id,
                    claimant=c.claimant_name,
                    reason=c.reason,
                    holder_id=c.holder_id,
                    holder=c.holder_name,
                )
                for c in desk_conflicts(session, site, start)
            ]

    app.include_router(guest_routes.router(reads, clock))
    _kiosk_routes_first(app)
    return app


def _kiosk_routes_first(app: FastAPI) -> None:
    """The kiosks' API routes matched before the staff console's: a request is matched against
    the routes in order, and the console's ~50 (all under /staff/) came first, a measurable
    share of each kiosk request's CPU. No console path starts with the API prefix, so every
    request still finds the route it found before; the order is otherwise kept."""
    app.router.routes.sort(
        key=lambda route: not str(getattr(route, "path", "")).startswith(f"{API_PREFIX}/")
    )


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    yield
    await run_in_threadpool(app.state.token_use.close)  # the notes of the last uses, written


def _feed_page(
    presented: Presented, reads: SessionFactory, site: str, since: int, limit: int
) -> bytes:
    presented.check()
    with reads() as session:
        rows, more = changes.read(session, site, since, limit)
        # A cursor ahead of the newest row: a store restored from a backup, say; not bad input.
        if not rows and since > 0 and since > changes.newest(session):
            raise HTTPException(
                status.HTTP_409_CONFLICT, "cursor is ahead of this store; start again from 0"
            )
        return changes.page_json(rows, rows[-1].seq if rows else since, more)


def create_app_from_env() -> FastAPI:
    """The API for one of ``serve --workers N``'s processes: the database from
    ``$REGIONLAB_DATABASE_URL`` (``serve`` sets it), the system clock. For uvicorn's
    ``factory=True``; the engine lives as long as the process."""
    configure_logging()
    app = create_app(make_engine(database_url()), SystemClock())
    freeze_long_lived()
    return app


def freeze_long_lived() -> None:
    """Once the app is made: what starting made (SQLAlchemy's tables and compiled statements,
    the routes, pydantic's validators; objects that live as long as the process) is put out of
    the garbage collector's reach. A full collection walked all of them, 120 to 140 ms with
    every request waiting, twice in 20 s with 50 kiosks sending (bench.store)."""
    gc.collect()
    gc.freeze()


LOG_HANDLER = "regionlab-store"
"""The name of the handler ``configure_logging`` puts on the root logger."""


def configure_logging(stream: TextIO | None = None) -> logging.Handler:
    """The store's own records (scheduler runs, events it could not apply) beside uvicorn's and
    asyncio's, at INFO, to ``stream`` (default: stderr), through the flood guard: a flood of one
    message ("Too many open files") is written once a minute with a count (``RepeatFilter``).

    The guard sits on the one handler made here, never on a handler someone else put on the
    root logger (pytest's, a program that embeds the store). Called again, it keeps the handler
    it made and returns it."""
    root = logging.getLogger()
    for handler in root.handlers:
        if handler.get_name() == LOG_HANDLER:
            return handler
    handler = logging.StreamHandler(stream)
    handler.set_name(LOG_HANDLER)
    handler.setFormatter(logging.Formatter("%(levelname)s:     %(name)s: %(message)s"))
    handler.addFilter(RepeatFilter())
    root.addHandler(handler)
    if root.getEffectiveLevel() > logging.INFO:
        root.setLevel(logging.INFO)
    return handler


class _AsciiJSONResponse(JSONResponse):
    """JSON with non-ASCII escaped: error details echo the input, which may be invalid text."""

    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=True, separators=(",", ":")).encode("ascii")
