"""The case type "Correctie persoonsgegevens" and how code finds it.

Code finds the case type by its stable ZGW identificatie (`CASE_TYPE_CODE`),
and the decision by the internal name of the final status type, so an
operator may reword the citizen texts without breaking the registry update.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.models import Agency, CaseType, StatusType

CASE_TYPE_CODE = "correctie-persoonsgegevens"
STATUS_CORRECTED = "gecorrigeerd"
STATUS_REJECTED = "afgewezen"

# order, internal name, citizen text, extra fields
STATUSES = [
    (1, "ontvangen", "Wij hebben uw verzoek ontvangen", {}),
    (2, "in_behandeling", "Wij controleren uw gegevens", {}),
    (
        3,
        STATUS_CORRECTED,
        "Uw gegevens zijn gecorrigeerd",
        {"is_final": True, "shown_in_advance": False},
    ),
    (
        4,
        STATUS_REJECTED,
        "Uw verzoek is afgewezen",
        {"is_final": True, "shown_in_advance": False},
    ),
]


def ensure_correction_case_type(*, agency: Agency) -> CaseType:
    """Create or refresh the case type with its statuses (idempotent; demo and tests)."""
    case_type, _created = CaseType.objects.update_or_create(
        agency=agency,
        code=CASE_TYPE_CODE,
        defaults={
            "name": "Correctie persoonsgegevens",
            "description": "Uw verzoek om een fout in uw gegevens in de BRP te verbeteren.",
            # Awb 4:13: a decision within a reasonable term, at most eight weeks.
            "processing_days": 56,
            "service_norm_days": 28,
            "citizen_uploads": False,
        },
    )
    for order, name, citizen_text, extra in STATUSES:
        StatusType.objects.update_or_create(
            case_type=case_type,
            order=order,
            defaults={"name": name, "citizen_text": citizen_text, **extra},
        )
    return case_type


def correction_case_type() -> CaseType:
    """The active case type at the municipality (settings.CORRECTIONS_AGENCY, a
    slug, when several agencies have one). Raises ValidationError when none."""
    case_types = CaseType.objects.active_on(timezone.localdate()).filter(
        code=CASE_TYPE_CODE, agency__is_active=True
    )
    agency = getattr(settings, "CORRECTIONS_AGENCY", "")
    if agency:
        case_types = case_types.filter(agency__slug=agency)
    case_type = case_types.select_related("agency").order_by("agency__name").first()
    if case_type is None:
        raise ValidationError(
            _("Een correctie aanvragen kan op dit moment niet. Neem contact op met uw gemeente."),
            code="no_case_type",
        )
    return case_type
