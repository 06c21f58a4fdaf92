"""The kiosk's side of provisioning, without Qt or processes: reading a code, the plain-http
rule, saving the token readable by its user only, and where the settings come from."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from kiosk.provisioning import (
    Provisioned,
    ProvisioningFailed,
    config_dir,
    parse_code,
    plain_http_refused,
    save,
)
from kiosk.settings import SettingsError, load_settings


@pytest.mark.parametrize(
    "text",
    [
        "",
        "RLP1",
        "RLP2 https://a ABCD-EFGH-JKMN-PQRS",
        "RLP1 https://a ABCD-EFGH-JKMN",
        "RLP1 https://a ABCD-EFGH-JKMN-PQR!",
        "RLP1 ftp://a ABCD-EFGH-JKMN-PQRS",
        "RLP1 https://a:99999 ABCD-EFGH-JKMN-PQRS",
        "RLP1 https://a?x=1 ABCD-EFGH-JKMN-PQRS",
        "RLP1 https://a ABCD-EFGH-JKMN-PQRS extra",
        "RL1ABCDEFGH",  # a visitor's pass
    ],
)
def test_what_is_not_a_provisioning_code(text: str) -> None:
    with pytest.raises(ProvisioningFailed) as refused:
        parse_code(text)
    assert refused.value.reason == "bad_code"


def test_a_code_as_printed_scanned_with_caps_lock_or_typed_by_hand() -> None:
    printed = parse_code("RLP1 HTTPS://STORE.EXAMPLE.NO:8443 K7QH-3MZP-W9XD-T2BA")
    assert printed.central_url == "https://store.example.no:8443"
    assert printed.secret == "K7QH-3MZP-W9XD-T2BA"
    typed = parse_code("  rlp1   http://127.0.0.1:8470/  k7qh3mzpw9xdt2ba ")
    assert typed.central_url == "http://127.0.0.1:8470"
    assert typed.secret == "K7QH3MZPW9XDT2BA"


@pytest.mark.parametrize(
    ("url", "allowed", "refused"),
    [
        ("http://127.0.0.1:8470", False, False),
        ("http://localhost:8470", False, False),
        ("http://[::1]:8470", False, False),
        ("http://10.1.2.3:8470", False, True),
        ("http://store.example.no", False, True),
        ("http://store.example.no", True, False),
        ("https://store.example.no", False, False),
    ],
)
def test_plain_http_only_to_loopback_unless_allowed(url: str, allowed: bool, refused: bool) -> None:
    assert plain_http_refused(url, allowed) is refused


def test_saved_token_is_0600_and_the_settings_find_it(tmp_path: Path) -> None:
    folder = save(Provisioned("https://store.example.no", "stadt", "stadt-1", "rlk_secret"))
    assert folder == config_dir()
    token = folder / "device-token"
    assert stat.S_IMODE(token.stat().st_mode) == 0o600
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert json.loads((folder / "settings.json").read_text()) == {
        "central_url": "https://store.example.no",
        "site": "stadt",
    }
    assert "rlk_secret" not in (folder / "settings.json").read_text()
    settings = load_settings(["--data-dir", str(tmp_path / "data")])
    assert (settings.central_url, settings.site, settings.device_token) == (
        "https://store.example.no",
        "stadt",
        "rlk_secret",
    )
    # The environment still wins, for tests.
    from_env = load_settings([], environ={"REGIONLAB_DEVICE_TOKEN": "rlk_other"})
    assert from_env.device_token == "rlk_other"


def test_a_token_on_the_command_line_is_refused_with_the_way_to_provision() -> None:
    with pytest.raises(SettingsError) as refused:
        load_settings(["--central-url", "http://127.0.0.1:8470", "--device-token", "rlk_x"])
    message = str(refused.value)
    assert "regionlab-central kiosk provision" in message
    assert "REGIONLAB_DEVICE_TOKEN" in message


def test_remote_plain_http_and_a_missing_ca_file_are_refused(tmp_path: Path) -> None:
    env = {"REGIONLAB_DEVICE_TOKEN": "rlk_x"}
    with pytest.raises(SettingsError, match="plain http"):
        load_settings(["--central-url", "http://192.0.2.1:8470"], environ=env)
    allowed = load_settings(
        ["--central-url", "http://192.0.2.1:8470", "--allow-insecure-http"], environ=env
    )
    assert allowed.allow_insecure_http
    with pytest.raises(SettingsError, match="CA file"):
        load_settings(
            ["--central-url", "https://x", "--ca-file", str(tmp_path / "none.pem")], environ=env
        )
