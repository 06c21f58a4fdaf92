"""The kiosk's settings, each declared once with its type, default and description.

Sources, later ones winning: defaults, ``settings.json`` in the user's config folder (written
by provisioning: ``kiosk.provisioning``), a JSON settings file (``--settings FILE``, or
``settings.json`` in the data folder), ``REGIONLAB_*`` environment variables, command-line flags.
The device token is never a flag (it would show in ``ps``): it comes from the config folder's
``device-token`` file, or ``$REGIONLAB_DEVICE_TOKEN`` for tests.
"""

from __future__ import annotations

import argparse
import json
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from kiosk.protocol import SITES
from kiosk.provisioning import config_dir, read_token
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
    device_token: str = _setting(
        "", "This kiosk's device token (provisioning saves it; env for tests)", flag=False
    )
    ca_file: str = _setting("", "CA certificate file to verify the central store's TLS with")
    allow_insecure_http: bool = _setting(
        False, "Allow plain http to a central store on another machine (not only loopback)"
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
    outbox_retention_days: int = _setting(
        7, "Days an event the central store has answered stays in the local outbox"
    )
    name_checkin_without_pin: bool = _setting(
        True,
        "Check in by name without a PIN (the evacuation list would rather hold one too many); "
        "check-out and desk claims by name always need the person's PIN",
        flag=False,
    )
    camera: str = _setting(
        "",
        "Camera for reading QR passes: its device id or part of its name "
        "(empty: the system's default camera)",
    )
    staff_pin_hash: str = _setting(
        "",
        "Hash of the staff PIN (kiosk.pin.hash_pin); set it with 'regionlab-kiosk --set-staff-pin'",
        flag=False,
    )
    settings_file: Path | None = _setting(  # noqa: RUF009 (a Path is immutable)
        None, "The settings file read at start; staff changes are written there", flag=False
    )

    badge_printer: str = _setting(
        "", "Printer for guest badges, by its name in the system's print settings"
    )
    badge_pdf: str = _setting(
        "", "Print guest badges into this PDF file instead of a printer (a demo, a test)"
    )
    badge_size: str = _setting("62x100", "Guest badge label size, WIDTHxHEIGHT in millimetres")

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
            problems.append(
                "a device token is needed to talk to the central store: provision this kiosk "
                "(start it without a central URL and scan a code from "
                "'regionlab-central kiosk provision')"
            )
        if self.outbox_retention_days < 1:
            problems.append("outbox_retention_days must be at least 1")
        if self.idle_timeout_s <= 0 or self.confirmation_s <= 0 or self.sync_interval_s <= 0:
            problems.append("timeouts and intervals must be positive")
        if not re.fullmatch(r"\s*\d+(\.\d+)?\s*[x×]\s*\d+(\.\d+)?\s*(mm)?\s*", self.badge_size):
            problems.append(f"badge size {self.badge_size!r} is not WIDTHxHEIGHT in mm")
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
        if kind in (Path, "Path", "Path | None"):
            return Path(str(raw)).expanduser()
        return str(raw)
    except (TypeError, ValueError) as exc:
        raise SettingsError(f"setting {name}: {raw!r} is not a valid {kind}") from exc


def _flag(name: str) -> str:
    return "--" + name.replace("_", "-")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="regionlab-kiosk",
        description="Check-in kiosk for RegionLab Lister.",
        epilog="Instead of starting the kiosk: --self-test (open every screen offscreen, exit 0 "
        "or 1 with the reasons), --install-service[=cage] (the systemd user service), "
        "--version, --tour DIR (every screen as PNG).",
    )
    parser.add_argument("--settings", type=Path, help="JSON settings file")
    # Refused with a message (not "unrecognised argument"): a token on the command line is
    # readable by anyone on the machine through `ps`.
    parser.add_argument("--device-token", dest="refused_device_token", help=argparse.SUPPRESS)
    parser.add_argument(  # handled before the settings (kiosk.recover); listed for --help
        "--recover",
        metavar="FILE",
        help="add the waiting events of a kept (damaged) local store to this kiosk's outbox",
    )
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
    if args.refused_device_token is not None:
        raise SettingsError(
            "--device-token is no longer accepted (anyone can read it in `ps`): provision the "
            "kiosk with a code from 'regionlab-central kiosk provision' (start it without a "
            f"central URL), or set {ENV_PREFIX}DEVICE_TOKEN"
        )
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
    provisioned = config_dir(environ) / "settings.json"
    if provisioned.exists() and provisioned != settings_file:
        values.update(_read_settings_file(provisioned, kinds))
    if args.settings is not None or settings_file.exists():
        values.update(_read_settings_file(settings_file, kinds))
    values.update(env_values)
    values.update(cli_values)
    values.pop("settings_file", None)  # where the file is, not something a file says
    coerced = {name: _coerce(name, kinds[name], raw) for name, raw in values.items()}
    if not coerced.get("device_token"):
        coerced["device_token"] = read_token(config_dir(environ))
    return replace(KioskSettings(), **coerced, settings_file=settings_file).validated()


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


def save_settings(path: Path, **values: Any) -> None:
    """Write ``values`` into the JSON settings file at ``path`` (created if missing), keeping
    what else it holds. Written to a new file and renamed over the old one, readable by its
    owner only (it may hold the staff PIN's hash)."""
    kinds = {spec.name: spec.type for spec in fields(KioskSettings)}
    unknown = sorted(set(values) - set(kinds))
    if unknown:
        raise SettingsError(f"unknown settings {', '.join(unknown)}")
    data = _read_settings_file(path, kinds) if path.exists() else {}
    data.update(values)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".part")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        json.dump(data, out, indent=2, ensure_ascii=False)
        out.write("\n")
    partial.replace(path)


def settings_path(settings: KioskSettings) -> Path:
    """The file staff changes are written to: the one read at start, or the data folder's."""
    return settings.settings_file or settings.data_dir / "settings.json"
