"""Which status may come next on a case: one rule, enforced by
`services.set_status` and offered by the back office (`selectors.next_status_types`).

ZGW (Zaken API, Status): a status type belongs to the case's own case type, and
after the final status (eindstatus) a case takes no further status. On top of
that a case does not go back in order; repeating the current status with a new
explanation is allowed ("we still need a document").
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .models import Case, StatusType


def transition_error(
    *, case: Case, status_type: StatusType, current: StatusType | None
) -> ValidationError | None:
    """Why `status_type` may not follow `current` (the case's current status type,
    or None) on `case`, as the error to raise; None when it may. The codes are
    what the agency API maps to its problem types."""
    if case.is_closed:
        return ValidationError(
            _("Deze zaak is al afgerond; er kan geen status meer bij."), code="case_closed"
        )
    if status_type.case_type_id != case.case_type_id:
        return _field_error(
            _("Dit statustype hoort bij een ander zaaktype."), code="wrong_case_type"
        )
    if current is not None and status_type.order < current.order:
        return _field_error(_("Een zaak kan niet terug naar een eerdere status."), code="order")
    return None


def _field_error(message: str, *, code: str) -> ValidationError:
    return ValidationError({"status_type": ValidationError(message, code=code)})
