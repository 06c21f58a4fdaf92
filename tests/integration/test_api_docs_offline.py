"""The store's API documentation renders in a real browser with nothing but the store itself.

Chromium (Debian's, /usr/bin/chromium) loads /docs from a real store on a loopback
port while every request to any other address is blocked and recorded: the pages must render
their content and no request may have needed to leave the machine.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlparse

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
LOOPBACK = {"127.0.0.1", "localhost", "[::1]", "::1"}


@pytest.fixture
def browser_page() -> Iterator[tuple[Any, list[str]]]:
    if not shutil.which(CHROMIUM):
        pytest.skip("Debian's chromium is not installed (make system-packages installs it)")
    from playwright.sync_api import sync_playwright

    blocked: list[str] = []

    def route(route: Any) -> None:
        url = route.request.url
        host = urlparse(url).hostname or ""
        if url.startswith(("data:", "blob:")) or host in LOOPBACK:
            route.continue_()
        else:
            blocked.append(url)
            route.abort("internetdisconnected")

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
        try:
            context = browser.new_context()
            context.route("**/*", route)
            yield context.new_page(), blocked
        finally:
            browser.close()


def test_api_docs_render_without_the_internet(
    central_server: Any, browser_page: tuple[Any, list[str]]
) -> None:
    page, blocked = browser_page
    page.goto(central_server.url + "/docs", wait_until="networkidle")
    rendered = ".swagger-ui .info .title"  # built by Swagger UI's script from the OpenAPI
    page.wait_for_selector(rendered, timeout=20_000)
    assert "RegionLab central store" in page.inner_text(rendered)
    # The operations are listed, so the OpenAPI document was read and understood.
    page.get_by_text("/api/v1/sites/{site}/presence").first.wait_for(timeout=20_000)
    assert blocked == []

