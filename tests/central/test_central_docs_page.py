"""/docs is served from the store's own files, and can be turned off (REGIONLAB_API_DOCS=off).
That it renders offline in a real browser: tests/integration/test_api_docs_offline.py."""

from __future__ import annotations

import warnings

import pytest

from central.api.app import create_app
from central.db.engine import make_engine
from kiosk.clock import SystemClock

with warnings.catch_warnings():  # as in conftest.py: Starlette's TestClient on httpx
    warnings.filterwarnings("ignore", "Using `httpx` with `starlette.testclient` is deprecated")
    from fastapi.testclient import TestClient


def test_docs_page_loads_its_scripts_from_the_store() -> None:
    with TestClient(create_app(make_engine("sqlite://"), SystemClock())) as client:
        page = client.get("/docs")
        assert page.status_code == 200
        assert "cdn." not in page.text and "https://" not in page.text
        for asset in ("swagger-ui-bundle.js", "swagger-ui.css", "favicon.png"):
            assert f"/docs-assets/{asset}" in page.text
            assert client.get(f"/docs-assets/{asset}").status_code == 200
        assert client.get("/redoc").status_code == 404  # ReDoc would fetch its logo online


def test_docs_page_can_be_turned_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REGIONLAB_API_DOCS", "off")
    with TestClient(create_app(make_engine("sqlite://"), SystemClock())) as client:
        assert client.get("/docs").status_code == 404
        assert client.get("/docs-assets/swagger-ui-bundle.js").status_code == 404
        assert client.get("/openapi.json").status_code == 200
