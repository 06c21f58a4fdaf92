"""The server secret that token hashes are keyed with: kept outside the database.

A copy of the database (a backup, a dump) then holds only HMAC-SHA256 values that cannot be
checked against guessed tokens without this secret as well. Where it comes from, first found:

1. ``$REGIONLAB_TOKEN_SECRET``: the secret itself (at least 32 characters);
2. ``$REGIONLAB_TOKEN_SECRET_FILE``: a file holding it;
3. beside a SQLite database file: ``<database>.token-secret`` (``init`` creates it, 0600);
4. otherwise (PostgreSQL without either variable): ``data/token-secret`` in the working folder.

Every store process on one database needs the same secret: on PostgreSQL with several machines,
set ``REGIONLAB_TOKEN_SECRET_FILE`` on each to a copy of one file. Losing it makes every token
unknown (make new ones); keep it with the database's backups, but not in them.
"""

from __future__ import annotations

import os
import secrets
from functools import cache
from pathlib import Path

from sqlalchemy.engine import make_url

SECRET_ENV = "REGIONLAB_TOKEN_SECRET"
SECRET_FILE_ENV = "REGIONLAB_TOKEN_SECRET_FILE"
FALLBACK_FILE = Path("data/token-secret")
_MIN_CHARS = 32


class TokenSecretError(Exception):
    """The secret is missing or unusable; the message says where it was looked for."""


def secret_file(database_url: str) -> Path | None:
    """The file the secret is read from for ``database_url``, or None if it comes from the
    environment itself."""
    if os.environ.get(SECRET_ENV):
        return None
    explicit = os.environ.get(SECRET_FILE_ENV)
    if explicit:
        return Path(explicit).expanduser()
    url = make_url(database_url)
    database = url.database or ""
    on_disk = database and database != ":memory:" and not database.startswith("file:")
    if url.get_backend_name() == "sqlite" and on_disk:
        return Path(database + ".token-secret")
    return FALLBACK_FILE


def ensure_secret(database_url: str) -> Path | None:
    """Create the secret file (0600) if it does not exist yet; return where it is."""
    path = secret_file(database_url)
    if path is None or path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(secrets.token_hex(32) + "\n")
    return path


def load_secret(database_url: str) -> bytes:
    """The secret for ``database_url``; TokenSecretError if there is none. Cheap after the first
    call (every request checks a token): where it lives is worked out once per URL and
    environment, and only the file's modification time is looked at again."""
    path = _secret_file(database_url, os.environ.get(SECRET_ENV), os.environ.get(SECRET_FILE_ENV))
    try:
        changed = path.stat().st_mtime_ns if path is not None else None
    except OSError:
        changed = None
    return _load(database_url, os.environ.get(SECRET_ENV), str(path), changed)


@cache
def _secret_file(database_url: str, _env: str | None, _file_env: str | None) -> Path | None:
    return secret_file(database_url)


@cache
def _load(database_url: str, _env: str | None, _path: str, _changed: int | None) -> bytes:
    # Read once per process for each database, environment and file version: every request
    # checks a token; a file replaced or removed is read (or missed) again.
    direct = os.environ.get(SECRET_ENV)
    if direct:
        text = direct.strip()
    else:
        path = secret_file(database_url)
        assert path is not None
        try:
            text = path.read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            raise TokenSecretError(
                f"no token secret at {path}: run `regionlab-central init`, or set "
                f"{SECRET_FILE_ENV} (or {SECRET_ENV})"
            ) from None
        except OSError as exc:
            raise TokenSecretError(f"cannot read the token secret {path}: {exc}") from None
    if len(text) < _MIN_CHARS:
        raise TokenSecretError(f"the token secret is shorter than {_MIN_CHARS} characters")
    return text.encode("utf-8")
