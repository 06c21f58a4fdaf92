"""Setting up a new kiosk with a one-time code from ``regionlab-central kiosk provision``.

The code (a QR's text, or typed) is ``RLP1 <store URL> <secret>``. ``exchange`` sends the secret
to the store, which answers with this kiosk's own device token; ``save`` keeps the store's
address and site in ``settings.json`` and the token in ``device-token`` (0600) in the user's
config folder (``config_dir``: platformdirs, or ``$REGIONLAB_CONFIG_DIR``), where
``kiosk.settings`` finds them at every start. Qt-free; the set-up screen runs it on a thread.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from kiosk.heartbeat import kiosk_version
from kiosk.protocol import API_PREFIX
from kiosk.url_security import is_insecure_remote

CONFIG_DIR_ENV = "REGIONLAB_CONFIG_DIR"
SETTINGS_FILE = "settings.json"
TOKEN_FILE = "device-token"
CODE_PREFIX = "RLP1"
_SECRET = re.compile(r"^[0-9A-Za-z]{4}(-?[0-9A-Za-z]{4}){3}$")


class ProvisioningFailed(Exception):
    """The code could not be used. ``reason`` says why, for a message in the visitor's
    language: bad_code, unknown, used, expired, rate_limited, insecure, unreachable, tls,
    store_error, cannot_save."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason


@dataclass(frozen=True)
class ProvisioningCode:
    central_url: str
    secret: str


@dataclass(frozen=True)
class Provisioned:
    central_url: str
    site: str
    kiosk_name: str
    device_token: str


def config_dir(environ: Mapping[str, str] | None = None) -> Path:
    """The user's config folder for the kiosk (``$REGIONLAB_CONFIG_DIR`` overrides it)."""
    explicit = (os.environ if environ is None else environ).get(CONFIG_DIR_ENV)
    if explicit:
        return Path(explicit).expanduser()
    from platformdirs import user_config_path

    return user_config_path("regionlab-kiosk", appauthor=False)


def plain_http_refused(url: str, allow_insecure_http: bool) -> bool:
    """Whether talking to ``url`` is refused: plain http to anything but this machine, unless
    explicitly allowed (the token would travel readable). The rule is ``kiosk.url_security``'s."""
    return is_insecure_remote(url) and not allow_insecure_http


def parse_code(text: str) -> ProvisioningCode:
    """The store address and secret in a scanned or typed code; ``bad_code`` otherwise."""
    parts = text.strip().split()
    if len(parts) != 3 or parts[0].upper() != CODE_PREFIX:
        raise ProvisioningFailed("bad_code", "expected RLP1 <URL> <CODE>")
    _, url, secret = parts
    try:
        split = urlsplit(url)
        host = split.hostname
        _ = split.port  # raises on a bad port
    except ValueError:
        raise ProvisioningFailed("bad_code", "the address is not a URL") from None
    scheme = split.scheme.lower()
    if scheme not in ("http", "https") or not host or split.query or split.fragment:
        raise ProvisioningFailed("bad_code", "the address is not an http(s) URL")
    if not _SECRET.match(secret):
        raise ProvisioningFailed("bad_code", "the code part is not 16 letters and digits")
    # Scheme and host are case-blind (the code prints them in upper case); the path is not.
    normal = urlunsplit((scheme, split.netloc.lower(), split.path.rstrip("/"), "", ""))
    return ProvisioningCode(normal, secret.upper())


def exchange(
    code: ProvisioningCode,
    *,
    ca_file: str = "",
    allow_insecure_http: bool = False,
    timeout_s: float = 10.0,
) -> Provisioned:
    """Trade the code for this kiosk's device token (once: the store forgets the code)."""
    if plain_http_refused(code.central_url, allow_insecure_http):
        raise ProvisioningFailed("insecure", code.central_url)
    import requests

    try:
        with requests.Session() as http:
            http.trust_env = False
            response = http.post(
                f"{code.central_url}{API_PREFIX}/provision",
                json={"code": code.secret, "version": kiosk_version()},
                timeout=timeout_s,
                verify=ca_file or True,
            )
    except requests.exceptions.SSLError as exc:
        raise ProvisioningFailed("tls", type(exc).__name__) from exc
    except requests.RequestException as exc:
        raise ProvisioningFailed("unreachable", type(exc).__name__) from exc
    return _answer(code, response)


def _answer(code: ProvisioningCode, response: Any) -> Provisioned:
    try:
        body = response.json()
    except ValueError:
        body = {}
    if not isinstance(body, dict):
        body = {}
    if response.status_code == 429:
        raise ProvisioningFailed("rate_limited")
    if response.status_code in (400, 404, 410) and body.get("reason") in (
        "unknown",
        "used",
        "expired",
    ):
        raise ProvisioningFailed(str(body["reason"]))
    if response.status_code == 404:  # a store without provisioning, or not a store at all
        raise ProvisioningFailed("unreachable", "no provisioning here")
    if response.status_code != 200:
        raise ProvisioningFailed("store_error", str(response.status_code))
    try:
        return Provisioned(
            code.central_url,
            str(body["site"]),
            str(body["kiosk_name"]),
            str(body["device_token"]),
        )
    except KeyError as exc:
        raise ProvisioningFailed("store_error", "incomplete answer") from exc


def save(provisioned: Provisioned, directory: Path | None = None, *, ca_file: str = "") -> Path:
    """Keep the store's address and site (``settings.json``) and the token (``device-token``,
    readable by this user only) in the config folder; returns the folder."""
    folder = directory if directory is not None else config_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        settings_path = folder / SETTINGS_FILE
        settings: dict[str, Any] = {}
        if settings_path.exists():
            loaded = json.loads(settings_path.read_text(encoding="utf-8"))
            settings = loaded if isinstance(loaded, dict) else {}
        settings.update(central_url=provisioned.central_url, site=provisioned.site)
        if ca_file:
            settings["ca_file"] = ca_file
        _write_private(folder / TOKEN_FILE, provisioned.device_token + "\n")
        _write_private(settings_path, json.dumps(settings, indent=2) + "\n")
    except (OSError, ValueError) as exc:
        raise ProvisioningFailed("cannot_save", type(exc).__name__) from exc
    return folder


def _write_private(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically, 0600 from the first byte."""
    partial = path.with_name(path.name + ".partial")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.chmod(partial, 0o600)
    os.replace(partial, path)


def read_token(directory: Path | None = None) -> str:
    """The saved device token, or "" if there is none."""
    path = (directory if directory is not None else config_dir()) / TOKEN_FILE
    try:
        return path.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return ""


def main() -> int:
    """``python -m kiosk.provisioning < code.txt``: provision without the set-up screen (the
    demo does so). The code comes on standard input, not as an argument that ``ps`` shows."""
    import sys

    try:
        done = save(exchange(parse_code(sys.stdin.read())))
    except ProvisioningFailed as failed:
        print(f"provisioning failed: {failed}", file=sys.stderr)
        return 2
    print(f"provisioned; settings and token in {done}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
