"""The kiosk's settings, each declared once with its type, default and description.

Sources, later ones winning: defaults, a JSON settings file (``--settings FILE``, or
``settings.json`` in the data folder), ``REGIONLAB_*`` environment variables, command-line flags.
"""

from __future__ import annotations

import argparse
import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from kiosk.protocol import SITES
from kiosk.url_security import INSECURE_REMOTE, is_insecure_remote

ENV_PREFIX = "REGIONLAB_"
# The languages the screens come in: bokmål (the source), nynorsk, English.
LANGUAGES = ("nb", "nn", "en")


class SettingsError(Exception):
    """A setting is missing or wrong; the message says which and how to fix it."""


def _setting(default: Any, description: str, *, flag: bool = True) -> Any:
    return field(default=default, metadata={"description": description, "flag": flag})


@dataclass(frozen=True)
class KioskSettings:
    central_url: str = _setting("", "Base URL of the central store, e.g. http://127.0.0.1:8470")
    site: str = _setting("lyngdal", "The site this kiosk stands at: " + ", ".join(SITES))
    device_token: str = _setting("", "This kiosk's device token (from 'regionlab-central token')")
    allow_insecure_http: bool = _setting(
        False, "Allow a plain http:// central URL to another machine (unencrypted)"
    )
    ca_file: str = _setting(
        "", "CA certificate file (PEM) that signed the central store's certificate"
    )
    data_dir: Path = _setting(  # noqa: RUF009 (a Path is immutable)
        Path("data/kiosk"), "Folder for the local store and settings"
    )
    windowed: bool = _setting(False, "Run in a normal window instead of full screen")
    language: str = _setting(
        "nb",
        "Language each visitor is met in: nb (bokmål), nn (nynorsk) or en (English)",
        flag=False,
    )
    idle_timeout_s: float = _setting(60.0, "Seconds without input before the start screen returns")
    confirmation_s: float = _setting(6.0, "Seconds a confirmation stays on screen")
    sync_interval_s: float = _setting(5.0, "Seconds between sync rounds while online")
    sync_timeout_s: float = _setting(5.0, "Seconds one request to the central store may take")
    backoff_max_s: float = _setting(60.0, "Longest wait between retries while offline")
    scanner_max_gap_ms: float = _setting(60.0, "Longest gap between a scanner's keystrokes")
    # 8: an EAN-8 product code is the shortest thing a scanner types that still deserves an
    # answer ("that is not a pass"); shorter bursts are keys pressed by hand.
    scanner_min_length: int = _setting(8, "Fewest characters a scanner burst has")
    camera: str = _setting(
        "",
        "Camera for reading QR passes: its device id or part of its name "
        "(empty: the system's default camera)",
    )

    @property
    def database_path(self) -> Path:
        return self.data_dir / "kiosk.sqlite3"

    def validated(self) -> KioskSettings:
        problems = []
        if self.site not in SITES:
            problems.append(f"unknown site {self.site!r} (one of {', '.join(SITES)})")
        if self.language not in LANGUAGES:
            problems.append(f"unknown language {self.language!r} (one of {', '.join(LANGUAGES)})")
        if self.central_url:
            url = urlparse(self.central_url)
            if url.scheme not in ("http", "https") or not url.hostname:
                problems.append(f"central URL {self.central_url!r} is not an http(s) URL")
            elif is_insecure_remote(self.central_url) and not self.allow_insecure_http:
                problems.append(INSECURE_REMOTE.format(url=self.central_url))
        if self.ca_file and not Path(self.ca_file).is_file():
            problems.append(f"CA file {self.ca_file!r} does not exist")
        if self.central_url and not self.device_token:
            problems.append("a device token is needed to talk to the central store")
        if self.idle_timeout_s <= 0 or self.confirmation_s <= 0 or self.sync_interval_s <= 0:
            problems.append("timeouts and intervals must be positive")
        if problems:
            raise SettingsError("; ".join(problems))
        return self


def _coerce(name: str, kind: Any, raw: Any) -> Any:
    try:
        if kind in (bool, "bool"):
            if isinstance(raw, bool):
                return raw
            text = str(raw).strip().lower()
            if text not in ("1", "true", "yes", "on", "0", "false", "no", "off", ""):
                raise ValueError(raw)
            return text in ("1", "true", "yes", "on")
        if kind in (int, "int"):
            return int(raw)
        if kind in (float, "float"):
            return float(raw)
        if kind in (Path, "Path"):
            return Path(str(raw)).expanduser()
        return str(raw)
    except (TypeError, ValueError) as exc:
        raise SettingsError(f"setting {name}: {raw!r} is not a valid {kind}") from exc


def _flag(name: str) -> str:
    return "--" + name.replace("_", "-")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="regionlab-kiosk", description="Check-in kiosk for RegionLab Lister."
    )
    parser.add_argument("--settings", type=Path, help="JSON settings file")
    for spec in fields(KioskSettings):
        if not spec.metadata.get("flag"):
            continue
        help_text = spec.metadata["description"] + f" (env {ENV_PREFIX}{spec.name.upper()})"
        if spec.type in (bool, "bool"):
            parser.add_argument(
                _flag(spec.name), dest=spec.name, action="store_true", default=None, help=help_text
            )
        else:
            parser.add_argument(_flag(spec.name), dest=spec.name, default=None, help=help_text)
    return parser


def load_settings(
    argv: Sequence[str] | None = None, environ: Mapping[str, str] | None = None
) -> KioskSettings:
    environ = os.environ if environ is None else environ
    args = _parser().parse_args(list(argv) if argv is not None else None)
    kinds = {spec.name: spec.type for spec in fields(KioskSettings)}
    values: dict[str, Any] = {}

    env_values = {
        name: environ[ENV_PREFIX + name.upper()]
        for name in kinds
        if ENV_PREFIX + name.upper() in environ
    }
    cli_values = {
        name: getattr(args, name) for name in kinds if getattr(args, name, None) is not None
    }
    data_dir = cli_values.get("data_dir") or env_values.get("data_dir") or KioskSettings.data_dir
    settings_file = args.settings or Path(str(data_dir)) / "settings.json"
    if args.settings is not None or settings_file.exists():
        values.update(_read_settings_file(settings_file, kinds))
    values.update(env_values)
    values.update(cli_values)
    coerced = {name: _coerce(name, kinds[name], raw) for name, raw in values.items()}
    return replace(KioskSettings(), **coerced).validated()


def _read_settings_file(path: Path, kinds: Mapping[str, Any]) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise SettingsError(f"settings file {path} does not exist") from exc
    except (OSError, ValueError) as exc:
        raise SettingsError(f"settings file {path} is not readable JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise SettingsError(f"settings file {path} must hold a JSON object")
    unknown = sorted(set(data) - set(kinds))
    if unknown:
        raise SettingsError(f"settings file {path}: unknown settings {', '.join(unknown)}")
    return data
