"""The one place settings read the environment.

Every setting that an operator may change comes through these helpers, so
`docs/deploy.md` can list them and a typo fails loudly instead of silently
falling back to a default.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
# Seconds to wait for PostgreSQL to accept a connection (libpq connect_timeout).
DATABASE_CONNECT_TIMEOUT_SECONDS = 3
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str | None = None) -> str | None:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (true/false), not {raw!r}.")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}.") from exc


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return list(default or [])
    return [item.strip() for item in raw.split(",") if item.strip()]


def database_from_url(url: str, *, base_dir: Path) -> dict:
    """Turn a DATABASE_URL into a Django DATABASES entry.

    Supports `sqlite:///relative/or/absolute.sqlite3` and
    `postgres://user:password@host:port/name?sslmode=...`.
    """
    parts = urlsplit(url)
    if parts.scheme == "sqlite":
        # sqlite:///db.sqlite3 is relative to the project, sqlite:////abs/path is absolute.
        path = unquote(parts.path)[1:]
        name = Path(path) if Path(path).is_absolute() else base_dir / path
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(name),
            # WAL lets the task worker and the web server write without "database is locked".
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
                " PRAGMA busy_timeout=5000;",
            },
        }
    if parts.scheme in {"postgres", "postgresql"}:
        options = {key: values[-1] for key, values in parse_qs(parts.query).items()}
        # Fail fast when the server does not answer (a network partition, a host that is
        # down): without a timeout libpq waits for the operating system's TCP timeout,
        # minutes in which a web worker hangs. The URL may set its own connect_timeout.
        options.setdefault("connect_timeout", str(DATABASE_CONNECT_TIMEOUT_SECONDS))
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parts.path.lstrip("/")),
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": parts.hostname or "",
            "PORT": str(parts.port or ""),
            # Persistent connections with a health check: a restarted server costs one
            # failed check, not a failed request.
            "CONN_MAX_AGE": 60,
            "CONN_HEALTH_CHECKS": True,
            "OPTIONS": options,
        }
    raise ImproperlyConfigured(f"DATABASE_URL has an unsupported scheme: {parts.scheme!r}")


def s3_private_storage(
    *,
    bucket: str,
    endpoint_url: str | None,
    region: str | None,
    access_key: str | None = None,
    secret_key: str | None = None,
) -> dict:
    """The "private" storage in an S3 bucket (S3_BUCKET; docs/deploy.md).

    Objects get the private canned ACL and the storage makes no URLs
    (portal/s3_storage.py): documents leave only through the download view. Without
    `access_key`/`secret_key` boto3 reads AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY.
    documents/tests/test_s3_storage.py runs this configuration against a real
    S3-compatible server (moto).
    """
    options = {
        "bucket_name": bucket,
        "endpoint_url": endpoint_url,
        "region_name": region,
        "default_acl": "private",
        "querystring_auth": True,
        "file_overwrite": False,
        "location": "private",
    }
    if access_key is not None:
        options |= {"access_key": access_key, "secret_key": secret_key}
    return {"BACKEND": "portal.s3_storage.PrivateS3Storage", "OPTIONS": options}
