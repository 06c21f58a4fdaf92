"""The set-password page: ``/staff/set-password/<token>`` from a one-time link that
``staff add`` or ``staff link`` printed or e-mailed (``central.domain.staff_links``).

The token is a secret in the address, so the access log shows the path without it
(``SecretPathFilter`` on uvicorn's access logger), the page sends no referrer (the console's
headers), and the form posts the token in its body to ``/staff/set-password``.
"""

from __future__ import annotations

import logging
import re
import secrets

from fastapi import APIRouter, Request
from fastapi.responses import Response

from central.domain import staff, staff_links
from central.web.console import PREFIX, clock, factory, render, secure

CSRF_COOKIE = "regionlab_staff_setpw"
ACCESS_LOGGER = "uvicorn.access"
_SECRET = re.compile(r"(set-password(?:/|%2F|%2f))[^&#\s]+")


class SecretPathFilter(logging.Filter):
    """Cut the secret out of a set-password address in uvicorn's access log lines
    (``'%s - "%s %s HTTP/%s" %d'``, the path the third argument)."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) >= 3 and isinstance(args[2], str):
            # The page's own address, and the language links' ``next=`` back to it.
            cut = _SECRET.sub(r"\1…", args[2])
            if cut != args[2]:
                record.args = (*args[:2], cut, *args[3:])
        return True


def install_log_filter() -> None:
    logger = logging.getLogger(ACCESS_LOGGER)
    if not any(isinstance(f, SecretPathFilter) for f in logger.filters):
        logger.addFilter(SecretPathFilter())


def router() -> APIRouter:
    install_log_filter()
    pages = APIRouter(prefix=f"{PREFIX}/set-password", include_in_schema=False)

    @pages.get("/{token}")
    def form(request: Request, token: str) -> Response:
        with factory(request)() as session:
            try:
                _, account = staff_links.find(session, token, now=clock(request).now())
            except staff_links.LinkError as exc:
                return _refused(request, exc.reason)
            email = account.email
        return _form(request, token, email, None)

    @pages.post("")
    async def set_password(request: Request) -> Response:
        posted = await request.form()
        token = str(posted.get("token") or "")[: staff_links.MAX_TOKEN + 1]
        csrf, cookie = posted.get("csrf"), request.cookies.get(CSRF_COOKIE)
        if not (isinstance(csrf, str) and cookie and secrets.compare_digest(csrf, cookie)):
            return _refused(request, "csrf", 403)
        password = str(posted.get("password") or "")[:1000]
        repeat = str(posted.get("repeat") or "")[:1000]
        now = clock(request).now()
        with factory(request).begin() as session:
            try:
                _, account = staff_links.find(session, token, now=now)
            except staff_links.LinkError as exc:
                return _refused(request, exc.reason)
            email = account.email
            if password != repeat:
                return _form(request, token, email, "password_mismatch", 422)
            try:
                staff_links.use(session, token, password, now=now)
            except staff.StaffError:
                return _form(request, token, email, "password_short", 422)
            staff.audit(session, account, "staff.password_set", now=now, site=account.site)
        response = render(request, "set_password.html", None, done=True, email=email)
        response.delete_cookie(CSRF_COOKIE, path=PREFIX)
        return response

    return pages


def _refused(request: Request, reason: str, status: int | None = None) -> Response:
    code = status or (404 if reason == "link_bad" else 410)
    return render(request, "error.html", None, status=code, key=reason)


def _form(
    request: Request, token: str, email: str, error: str | None, status: int = 200
) -> Response:
    csrf = secrets.token_urlsafe(32)
    response = render(
        request,
        "set_password.html",
        None,
        status=status,
        done=False,
        token=token,
        email=email,
        error=error,
        csrf=csrf,
        minimum=staff.MIN_PASSWORD,
    )
    response.set_cookie(
        CSRF_COOKIE, csrf, path=PREFIX, httponly=True, samesite="strict", secure=secure(request)
    )
    return response
