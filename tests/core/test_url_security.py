"""The kiosk refuses plain http to another machine unless told otherwise; never connecting."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.central_client import HttpCentralClient
from kiosk.settings import SettingsError, load_settings

REMOTE = ["http://192.0.2.10:8470", "http://central.example.org", "http://[2001:db8::1]:8470"]
LOCAL = [
    "http://127.0.0.1:8470",
    "http://localhost:8470",
    "http://[::1]:8470",
    "https://192.0.2.10",
]


def settings(*argv: str, environ: dict[str, str] | None = None) -> object:
    return load_settings(
        ["--data-dir", "/nonexistent", *argv], {"REGIONLAB_DEVICE_TOKEN": "t", **(environ or {})}
    )


@pytest.mark.parametrize("url", REMOTE)
def test_plain_http_to_another_machine_is_refused_unless_allowed(url: str) -> None:
    with pytest.raises(SettingsError, match="plain http to another machine"):
        settings("--central-url", url)
    with pytest.raises(ValueError, match="allow_insecure_http"):
        HttpCentralClient(url, "lyngdal", "t")
    assert settings("--central-url", url, "--allow-insecure-http")
    assert settings("--central-url", url, environ={"REGIONLAB_ALLOW_INSECURE_HTTP": "1"})
    HttpCentralClient(url, "lyngdal", "t", allow_insecure_http=True).close()


@pytest.mark.parametrize("url", LOCAL)
def test_loopback_and_https_need_no_permission(url: str) -> None:
    assert settings("--central-url", url)
    HttpCentralClient(url, "lyngdal", "t").close()


def test_a_missing_ca_file_is_named(tmp_path: Path) -> None:
    missing = tmp_path / "ca.pem"
    with pytest.raises(SettingsError, match="CA file"):
        settings("--central-url", "https://192.0.2.10", "--ca-file", str(missing))
    missing.write_text("-----BEGIN CERTIFICATE-----\n")
    assert settings("--central-url", "https://192.0.2.10", "--ca-file", str(missing))
