"""Django's database sessions with a login that writes the session row once.

Django's own store, at login (`cycle_key`), checks that a new key is free
(SELECT), inserts the row at once (INSERT in a savepoint), reads and deletes
the old row (SELECT, DELETE), and the end of the request updates the new row
again: six statements for one session. This store (SESSION_ENGINE) rotates the
key in memory, deletes the old row with one statement, and inserts the new row
once when the request's session is saved. The session-fixation protection is
the same: the old key is gone from the database before the response leaves,
and the browser gets only the new one.

A new key is not looked up first: 32 characters from 36 symbols (about 165
bits) do not collide in practice, and if one did, the INSERT's primary key
refuses it and `create` draws another key (Django's CreateError loop).
"""

from __future__ import annotations

from django.contrib.sessions.backends import db
from django.contrib.sessions.backends.base import VALID_KEY_CHARS, CreateError
from django.db import IntegrityError, router, transaction
from django.utils.crypto import get_random_string


class SessionStore(db.SessionStore):
    _insert_pending = False

    def _get_new_session_key(self) -> str:
        return get_random_string(32, VALID_KEY_CHARS)

    def cycle_key(self) -> None:
        data = self._session
        old_key = self.session_key
        self._session_key = self._get_new_session_key()
        self._session_cache = data
        self._insert_pending = True
        self.modified = True
        if old_key:
            self.delete(old_key)

    def save(self, must_create: bool = False) -> None:
        if self._insert_pending and self.session_key is not None:
            self._insert_pending = False
            try:
                self._insert()
            except CreateError:
                # The rotated key exists already: draw another (create loops).
                self.create()
            return None
        return super().save(must_create=must_create)

    def _insert(self) -> None:
        """The rotated session's row: one INSERT. Django's save wraps it in a
        transaction (BEGIN/COMMIT round trips) so that a refused INSERT cannot
        break a caller's transaction; a single statement outside one needs none."""
        using = router.db_for_write(self.model)
        if transaction.get_connection(using).in_atomic_block:
            super().save(must_create=True)
            return
        obj = self.create_model_instance(self._get_session(no_load=True))
        try:
            obj.save(force_insert=True, using=using)
        except IntegrityError as exc:
            raise CreateError from exc

    def delete(self, session_key: str | None = None) -> None:
        if session_key is None:
            if self.session_key is None:
                return
            session_key = self.session_key
            self._insert_pending = False
        # One DELETE. The ORM's delete() would SELECT the row first because a
        # project-wide post_delete receiver exists (pages.cache_invalidation);
        # no receiver has anything to do with a session row.
        sessions = self.model.objects.filter(session_key=session_key)
        sessions._raw_delete(using=router.db_for_write(self.model))
