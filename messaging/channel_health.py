"""The outage register's automatic entries (issue 17): when what a submission
needs is failing, the channel was down, and the register must say so
(Kamerstukken II 35261 nr. 3, §3.4.5: a message that could not be sent because
the body's channel failed is still in time when sent soon after).

`manage.py check_submission_channel` (portal.periodic, every minute) probes
exactly what `messaging.services.send_message_to_agency` writes to:

- the database write path: a row inserted into the messaging tables, rolled back;
- file storage: uploads are stored before the commit (portal.health's check).

The receipt PDF is not probed: it is rendered by the task worker after the
commit, so a stopped worker delays the receipt but does not stop a citizen
sending (/readyz reports the queue).

A failure opens one portal-wide outage (source "health_check"); the first run
that finds everything working again closes it. When the database itself is
down nothing can be written, so the time of the first failure is kept in a
small state file and the outage is written, start to end, once the database
answers again.
"""

from __future__ import annotations

import json
import logging
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, transaction
from django.utils import timezone

from portal.health import CHECKS

from .models import ChannelOutage

logger = logging.getLogger(__name__)


class _Probe(Exception):
    """Raised to roll the probe's write back."""


def _check_database_write() -> None:
    try:
        with transaction.atomic():
            # bulk_create: no post_save, so no listener reacts to the probe.
            ChannelOutage.objects.bulk_create([ChannelOutage(starts_at=timezone.now())])
            raise _Probe
    except _Probe:
        pass


PROBES = {
    "database": _check_database_write,
    "storage": lambda: CHECKS["storage"](),
}
REASONS = {
    "database": "database kon niet schrijven",
    "storage": "bestandsopslag niet beschikbaar",
}


def failing() -> list[str]:
    """The names of the submission's dependencies that fail right now."""
    down = []
    for name, probe in PROBES.items():
        try:
            probe()
        except Exception as exc:  # any failure means a submission would fail
            logger.warning("submission channel: %s failing: %s", name, exc.__class__.__name__)
            down.append(name)
    return down


def _state_file() -> Path:
    return Path(
        getattr(settings, "CHANNEL_HEALTH_STATE_FILE", settings.BASE_DIR / "var" / "channel.json")
    )


def _remember_failure(now: datetime, down: list[str]) -> None:
    path = _state_file()
    if path.exists():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"since": now.isoformat(), "failing": down}))


def _remembered() -> dict | None:
    path = _state_file()
    if not path.exists():
        return None
    return json.loads(path.read_text())


def _reason(down: list[str]) -> str:
    return "Automatisch gemeten: " + ", ".join(REASONS.get(name, name) for name in down)


def check_submission_channel(now: datetime | None = None) -> str:
    """Open, keep or close the automatic outage; returns what it did."""
    now = now or timezone.now()
    down = failing()
    if "database" in down:
        _remember_failure(now, down)
        return "database_down"
    remembered = _remembered()
    try:
        with transaction.atomic():
            current = (
                ChannelOutage.objects.select_for_update()
                .filter(source=ChannelOutage.Source.HEALTH_CHECK, ends_at__isnull=True)
                .first()
            )
            if remembered is not None and current is None:
                # The database was down: write the outage now, from its first failure.
                current = ChannelOutage.objects.create(
                    starts_at=datetime.fromisoformat(remembered["since"]),
                    reason=_reason(remembered["failing"]),
                    source=ChannelOutage.Source.HEALTH_CHECK,
                    recorded_at=now,
                )
            if down and current is None:
                ChannelOutage.objects.create(
                    starts_at=now,
                    reason=_reason(down),
                    source=ChannelOutage.Source.HEALTH_CHECK,
                    recorded_at=now,
                )
                result = "opened"
            elif not down and current is not None:
                current.ends_at = now
                current.save(update_fields=["ends_at"])
                result = "closed"
            else:
                result = "down" if down else "ok"
    except DatabaseError:
        _remember_failure(now, ["database"])
        return "database_down"
    _state_file().unlink(missing_ok=True)
    return result
