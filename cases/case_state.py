"""What a case's own dates and current status say, one rule for a stored case
(cases.Case), a row of Mijn overzicht (cases.overview_cases) and a case from an
agency's own system (cases.sources.RemoteCase)."""

from __future__ import annotations

from django.utils import timezone


class DatesState:
    """From `closed_on` and `planned_end_on`."""

    __slots__ = ()

    @property
    def is_closed(self) -> bool:
        return self.closed_on is not None

    @property
    def is_overdue(self) -> bool:
        return (
            not self.is_closed
            and self.planned_end_on is not None
            and self.planned_end_on < timezone.localdate()
        )


class CaseState(DatesState):
    """And from `current_status` (its status type and the citizen's answer)."""

    __slots__ = ()

    @property
    def action_required(self) -> bool:
        """Waiting for the citizen: an action is asked and not yet answered."""
        status = self.current_status
        return (
            not self.is_closed
            and status is not None
            and status.status_type.action_required
            and status.answered_at is None
        )
