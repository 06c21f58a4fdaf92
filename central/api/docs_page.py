"""The API's documentation page (/docs), served with no request leaving the store.

FastAPI's own pages load Swagger UI and ReDoc from a CDN, so behind a firewall or offline they
are blank. Swagger UI's scripts ship in the ``fastapi-offline`` package (Swagger UI 5, which
reads the OpenAPI 3.1 that FastAPI writes; the package is MIT, Swagger UI Apache-2.0); the store
serves them from there under ``/docs-assets``. There is no /redoc: ReDoc's page loads its logo
from the internet whatever one sets. ``REGIONLAB_API_DOCS=off`` turns /docs off (the OpenAPI
JSON stays: it is the API's contract).
"""

from __future__ import annotations

import os
from importlib import resources

from fastapi import FastAPI, Request
from fastapi.openapi.docs import (
    get_swagger_ui_html,
    get_swagger_ui_oauth2_redirect_html,
)
from fastapi.staticfiles import StaticFiles
from starlette.responses import HTMLResponse

ASSETS_URL = "/docs-assets"
DOCS_URL = "/docs"
OAUTH2_REDIRECT_URL = "/docs/oauth2-redirect"
SWITCH = "REGIONLAB_API_DOCS"  # "off" (or "0", "no", "false"): no documentation page


def docs_enabled() -> bool:
    return os.environ.get(SWITCH, "on").strip().lower() not in ("off", "0", "no", "false")


def install_docs(app: FastAPI) -> None:
    """Add /docs to ``app`` (made with ``docs_url=None, redoc_url=None``), its scripts served
    by the store itself; nothing when ``REGIONLAB_API_DOCS=off``."""
    if not docs_enabled():
        return
    assets = resources.files("fastapi_offline").joinpath("static")
    app.mount(ASSETS_URL, StaticFiles(directory=str(assets)), name="docs-assets")

    def root(request: Request) -> str:
        return str(request.scope.get("root_path", ""))

    @app.get(DOCS_URL, include_in_schema=False)
    async def swagger_ui(request: Request) -> HTMLResponse:
        base = root(request) + ASSETS_URL
        return get_swagger_ui_html(
            openapi_url=root(request) + str(app.openapi_url),
            title=app.title + " – API",
            oauth2_redirect_url=root(request) + OAUTH2_REDIRECT_URL,
            swagger_js_url=f"{base}/swagger-ui-bundle.js",
            swagger_css_url=f"{base}/swagger-ui.css",
            swagger_favicon_url=f"{base}/favicon.png",
        )

    @app.get(OAUTH2_REDIRECT_URL, include_in_schema=False)
    async def swagger_ui_redirect() -> HTMLResponse:
        return get_swagger_ui_oauth2_redirect_html()
