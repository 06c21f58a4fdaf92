"""The console's frame: templates, the logged-in staff member, CSRF, the site in view, and
the log-in, log-out, language and audit pages. The other pages are in today, people, kiosks.

Every form carries a CSRF token: the session's own once logged in; on the log-in form a
double-submit cookie. Cookies are HttpOnly, SameSite=Lax, and Secure when served over https.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from sqlalchemy.orm import Session

from central.db.engine import SessionFactory
from central.db.models import Site, StaffAccount, StaffRole
from central.domain import desks, staff
from central.web.i18n import DEFAULT, LANGUAGE_NAMES, LANGUAGES, translate
from kiosk.clock import Clock

PREFIX = "/staff"
SESSION_COOKIE = "regionlab_staff"
LOGIN_CSRF_COOKIE = "regionlab_staff_login"
LANGUAGE_COOKIE = "regionlab_staff_lang"
HERE = Path(__file__).parent
templates = Jinja2Templates(directory=HERE / "templates")
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
}


class Refused(Exception):
    """Stop the request with this status: 403 (role or CSRF), 404 (another site), 401 (log in)."""

    def __init__(self, status: int, key: str) -> None:
        super().__init__(key)
        self.status = status
        self.key = key


@dataclass(frozen=True)
class Staff:
    """The logged-in staff member, as the pages need them."""

    account_id: int
    email: str
    role: str
    site: str
    csrf: str
    secret: str

    @property
    def is_admin(self) -> bool:
        return self.role == StaffRole.ADMIN

    @property
    def sees_names(self) -> bool:
        return self.role in (StaffRole.STAFF, StaffRole.ADMIN)


def factory(request: Request) -> SessionFactory:
    result: SessionFactory = request.app.state.session_factory
    return result


def clock(request: Request) -> Clock:
    result: Clock = request.app.state.clock
    return result


def language(request: Request) -> str:
    chosen = request.cookies.get(LANGUAGE_COOKIE, DEFAULT)
    return chosen if chosen in LANGUAGES else DEFAULT


def secure(request: Request) -> bool:
    return request.url.scheme == "https"


def current(request: Request) -> Staff | None:
    secret = request.cookies.get(SESSION_COOKIE)
    if not secret or len(secret) > 100:
        return None
    with factory(request)() as session:
        found = staff.find_session(session, secret, now=clock(request).now())
        if found is None:
            return None
        row, account = found
        return Staff(account.id, account.email, account.role, account.site, row.csrf, secret)


def require(request: Request, *, names: bool = True, admin: bool = False) -> Staff:
    """The logged-in staff member allowed here, else Refused (401 sends to the log-in page)."""
    who = current(request)
    if who is None:
        raise Refused(401, "log_in")
    if (names and not who.sees_names) or (admin and not who.is_admin):
        raise Refused(403, "forbidden")
    return who


async def form_of(request: Request, who: Staff) -> Any:
    """The posted form, after its CSRF token was checked against the session's."""
    form = await request.form()
    token = form.get("csrf")
    if not isinstance(token, str) or not secrets.compare_digest(token, who.csrf):
        raise Refused(403, "csrf")
    return form


def site_in_view(session: Session, who: Staff, code: str | None) -> Site:
    """The site a page shows: the staff member's own, or (admin) the one asked for; another
    site's pages do not exist for a staff member (404)."""
    wanted = (code or who.site).strip()
    site = session.get(Site, wanted)
    if site is None or not staff.may_see_site(_account(session, who), wanted):
        raise Refused(404, "not_found")
    return site


def _account(session: Session, who: Staff) -> StaffAccount:
    account = session.get(StaffAccount, who.account_id)
    if account is None:
        raise Refused(401, "log_in")
    return account


def account_of(session: Session, who: Staff) -> StaffAccount:
    return _account(session, who)


def sites_for(session: Session, who: Staff) -> list[Site]:
    from sqlalchemy import select

    if not who.is_admin:
        site = session.get(Site, who.site)
        return [site] if site is not None else []
    return list(session.scalars(select(Site).order_by(Site.code)))


def number(text: str, default: int = 1) -> int:
    """A page number from the address: anything else is the first page, never an error."""
    return int(text) if text.isdigit() and len(text) < 7 else default


def local(moment: datetime | None, zone: ZoneInfo, with_date: bool = False) -> str:
    if moment is None:
        return ""
    shown = moment.astimezone(zone)
    return shown.strftime("%d.%m.%Y %H:%M" if with_date else "%H:%M")


def zone_of(site: Site) -> ZoneInfo:
    return desks.zone_of(site)


def render(
    request: Request, template: str, who: Staff | None, status: int = 200, **values: Any
) -> HTMLResponse:
    lang = language(request)
    context = {
        "lang": lang,
        "t": lambda key: translate(key, lang),
        "languages": [(code, LANGUAGE_NAMES[code]) for code in LANGUAGES],
        "who": who,
        "path": request.url.path,
        # Where a language link comes back to: this page, or after a POST the console's start.
        "here": (
            request.url.path + (f"?{request.url.query}" if request.url.query else "")
            if request.method == "GET"
            else f"{PREFIX}/"
        ),
        "prefix": PREFIX,
        **values,
    }
    response = templates.TemplateResponse(request, template, context, status_code=status)
    response.headers.update(SECURITY_HEADERS)
    return response


def redirect(to: str) -> RedirectResponse:
    response = RedirectResponse(to, status_code=303)
    response.headers.update(SECURITY_HEADERS)
    return response


def _safe_next(target: str | None) -> str:
    """Only a path of the console: never another host (an open redirect)."""
    if not target:
        return f"{PREFIX}/"
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not parts.path.startswith(f"{PREFIX}/"):
        return f"{PREFIX}/"
    return parts.path + (f"?{parts.query}" if parts.query else "")


def router() -> APIRouter:
    pages = APIRouter(prefix=PREFIX, include_in_schema=False)

    @pages.get("/")
    def home(request: Request) -> Response:
        who = current(request)
        if who is None:
            return redirect(f"{PREFIX}/login")
        if not who.sees_names:
            return redirect(f"{PREFIX}/reports")
        return redirect(f"{PREFIX}/today")

    @pages.get("/login")
    def login_form(request: Request) -> Response:
        return _login_page(request, None)

    @pages.post("/login")
    async def log_in(request: Request) -> Response:
        form = await request.form()
        token, cookie = form.get("csrf"), request.cookies.get(LOGIN_CSRF_COOKIE)
        if not (isinstance(token, str) and cookie and secrets.compare_digest(token, cookie)):
            return _login_page(request, "csrf", status=403)
        email, password = str(form.get("email") or ""), str(form.get("password") or "")
        now = clock(request).now()
        with factory(request).begin() as session:
            result = staff.log_in(session, email[:254], password[:1000], now=now)
            secret = None
            if result.account is not None:
                secret = staff.open_session(session, result.account, now=now)
        if secret is None:
            return _login_page(request, _login_error(result), status=401)
        response = redirect(f"{PREFIX}/")
        response.set_cookie(
            SESSION_COOKIE,
            secret,
            max_age=int(staff.SESSION_LIFETIME.total_seconds()),
            path=PREFIX,
            httponly=True,
            samesite="lax",
            secure=secure(request),
        )
        response.delete_cookie(LOGIN_CSRF_COOKIE, path=PREFIX)
        return response

    @pages.post("/logout")
    async def log_out(request: Request) -> Response:
        who = require(request, names=False)
        await form_of(request, who)
        with factory(request).begin() as session:
            staff.close_session(session, who.secret)
        response = redirect(f"{PREFIX}/login")
        response.delete_cookie(SESSION_COOKIE, path=PREFIX)
        return response

    @pages.get("/language")
    def choose_language(request: Request, to: str = DEFAULT, next: str = "") -> Response:
        response = redirect(_safe_next(next))
        if to in LANGUAGES:
            response.set_cookie(
                LANGUAGE_COOKIE,
                to,
                max_age=365 * 24 * 3600,
                path=PREFIX,
                httponly=True,
                samesite="lax",
                secure=secure(request),
            )
        return response

    _audit_route(pages)
    return pages


def _audit_route(pages: APIRouter) -> None:
    @pages.get("/audit")
    def audit_log(request: Request, page: str = "1") -> Response:
        who = require(request, admin=True)
        at = max(1, number(page))
        size = 100
        with factory(request)() as session:
            rows = staff.audit_page(session, offset=(at - 1) * size, limit=size)
            total = staff.audit_count(session)
            site = session.get(Site, who.site)
            zone = zone_of(site) if site is not None else ZoneInfo("Europe/Oslo")
            entries = [
                {
                    "at": local(r.at, zone, with_date=True),
                    "actor": r.actor,
                    "operator": staff.command_line_operator(r),
                    "site": r.site or "",
                    "action": r.action,
                    "subject": r.subject or "",
                    "detail": r.detail or "",
                }
                for r in rows
            ]
        return render(
            request,
            "audit.html",
            who,
            entries=entries,
            page=at,
            more=at * size < total,
            total=total,
        )


def _login_error(result: staff.LoginResult) -> str:
    if result.disabled:
        return "account_disabled"
    return "locked" if result.locked else "bad_login"


def _login_page(request: Request, error: str | None, status: int = 200) -> Response:
    token = secrets.token_urlsafe(32)
    response = render(request, "login.html", None, status=status, csrf=token, error=error)
    response.set_cookie(
        LOGIN_CSRF_COOKIE,
        token,
        path=PREFIX,
        httponly=True,
        samesite="strict",
        secure=secure(request),
    )
    return response


def install(app: FastAPI) -> None:
    """Add the console's pages and files to ``app`` (which holds the session factory and
    clock in ``app.state``)."""
    from central.web import desks, guests, kiosks, lunch, people, reports, set_password, today

    @app.exception_handler(Refused)
    async def refused(request: Request, exc: Refused) -> Response:
        if exc.status == 401:
            return redirect(f"{PREFIX}/login")
        return render(request, "error.html", current(request), status=exc.status, key=exc.key)

    app.mount(f"{PREFIX}/static", StaticFiles(directory=HERE / "static"), name="staff-static")
    app.include_router(router())
    app.include_router(today.router())
    app.include_router(people.router())
    app.include_router(kiosks.router())
    app.include_router(guests.router())
    app.include_router(set_password.router())
    app.include_router(desks.router())
    app.include_router(lunch.router())
    app.include_router(reports.router())
