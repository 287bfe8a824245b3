"""Real database driver errors, wrapped the way Django wraps them.

Tests of the 503 mapping need the driver's own exception (with its SQLSTATE or
SQLite result code) as __cause__, as Django's DatabaseErrorWrapper leaves it;
a bare `OperationalError("connection refused")` is not what production raises.
"""

from __future__ import annotations

import sqlite3
import tempfile
from pathlib import Path

import psycopg
from django.db import utils

PEP_249 = (
    "DataError",
    "OperationalError",
    "IntegrityError",
    "InternalError",
    "ProgrammingError",
    "NotSupportedError",
    "InterfaceError",
    "DatabaseError",
)


def as_django(driver_error: Exception) -> utils.DatabaseError:
    """What django.db.utils.DatabaseErrorWrapper turns a driver error into."""
    # The driver's class hierarchy follows PEP 249; the nearest PEP 249 name wins.
    django_class = next(
        getattr(utils, klass.__name__)
        for klass in type(driver_error).__mro__
        if klass.__name__ in PEP_249
    )
    wrapped = django_class(*driver_error.args)
    wrapped.__cause__ = driver_error
    return wrapped


def postgres_connection_refused() -> utils.OperationalError:
    """libpq's own error for a port nobody listens on (no SQLSTATE)."""
    try:
        psycopg.connect("host=127.0.0.1 port=1 connect_timeout=2")
    except psycopg.OperationalError as exc:
        return as_django(exc)
    raise AssertionError("port 1 accepted a connection")


def postgres_error(sqlstate: str, message: str) -> utils.DatabaseError:
    """A server error with the given SQLSTATE, as psycopg raises it."""
    return as_django(psycopg.errors.lookup(sqlstate)(message))


def sqlite_fts_syntax_error() -> utils.OperationalError:
    """FTS5's answer to an unbalanced quote (issue 14)."""
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE t USING fts5(body)")
    try:
        db.execute("SELECT * FROM t WHERE t MATCH ?", ['"""'])
    except sqlite3.OperationalError as exc:
        return as_django(exc)
    finally:
        db.close()
    raise AssertionError("FTS5 accepted an unbalanced quote")


def sqlite_database_locked() -> utils.OperationalError:
    """SQLITE_BUSY: another connection holds the write lock."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "db.sqlite3"
        holder = sqlite3.connect(path, isolation_level=None)
        holder.execute("CREATE TABLE t (x)")
        holder.execute("BEGIN IMMEDIATE")
        other = sqlite3.connect(path, timeout=0)
        try:
            other.execute("INSERT INTO t VALUES (1)")
        except sqlite3.OperationalError as exc:
            return as_django(exc)
        finally:
            other.close()
            holder.close()
    raise AssertionError("the write lock was not held")


def sqlite_cannot_open() -> utils.OperationalError:
    """SQLITE_CANTOPEN: the database file's folder does not exist."""
    try:
        sqlite3.connect("/nonexistent-folder/db.sqlite3").execute("SELECT 1")
    except sqlite3.OperationalError as exc:
        return as_django(exc)
    raise AssertionError("opened a database in a missing folder")


def sqlite_no_such_table() -> utils.OperationalError:
    db = sqlite3.connect(":memory:")
    try:
        db.execute("SELECT * FROM missing")
    except sqlite3.OperationalError as exc:
        return as_django(exc)
    finally:
        db.close()
    raise AssertionError("a missing table was found")
