"""The database a cache entry about rows belongs to (decision 0056).

Entries that name rows by their ids (a case's messages, an access-log entry,
the catalogue's snapshot) are only true for the database they were read from.
Two portals sharing one Redis (a test and a production tenant), or one process
reading two databases (bench/citizen_pages.py alternates a 1k and a 1M
database), must never see each other's: their keys carry a short hash of the
database's host, port and name.
"""

from __future__ import annotations

import hashlib

from django.db import connections


def database_scope(alias: str = "default") -> str:
    """A short, stable name of the database `alias` points at now."""
    settings = connections[alias].settings_dict
    where = f"{settings.get('HOST', '')}:{settings.get('PORT', '')}/{settings.get('NAME', '')}"
    return hashlib.sha256(where.encode()).hexdigest()[:12]
