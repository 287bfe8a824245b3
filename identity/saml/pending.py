"""Claiming a pending AuthnRequest: one statement, so of two racing app servers
(or two posts of one response) exactly one gets the row.

`DELETE ... RETURNING` (PostgreSQL; SQLite since 3.35) finds, removes and returns
the row at once: what the ORM would do with a SELECT, then a SELECT and a DELETE
(a project-wide post_delete receiver keeps it from a fast delete). The row is
gone whatever the response turns out to be, as before: a request is answered once.
"""

from __future__ import annotations

import datetime as dt

from django.db import connection

from .models import PendingAuthnRequest

_RETURNED = ("id", "request_id", "session_token", "level", "next_url", "binding", "expires_at")


def take_pending(*, request_id: str, session_token: str, now: dt.datetime):
    """The unexpired pending request `request_id` of this session, deleted; or None."""
    meta = PendingAuthnRequest._meta
    quote = connection.ops.quote_name
    columns = [meta.get_field(name).column for name in _RETURNED]
    # Only identifiers from the model's own metadata, quoted, go into the text;
    # every value is a parameter.
    sql = (
        f"DELETE FROM {quote(meta.db_table)}"  # noqa: S608
        f" WHERE {quote(meta.get_field('request_id').column)} = %s"
        f" AND {quote(meta.get_field('session_token').column)} = %s"
        f" AND {quote(meta.get_field('expires_at').column)} > %s"
        f" RETURNING {', '.join(quote(column) for column in columns)}"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            sql, [request_id, session_token, connection.ops.adapt_datetimefield_value(now)]
        )
        row = cursor.fetchone()
    if row is None:
        return None
    values = dict(zip(_RETURNED, row, strict=True))
    values.pop("expires_at")  # a backend-specific value; the row is gone anyway
    return PendingAuthnRequest(**values)
