"""Which text a notification uses, and filling it in.

An agency's own text (AgencyNotificationTemplate) comes before the global one
(NotificationTemplate, kept by editors) and the built-in defaults
(notifications.defaults). Order for a citizen who reads `language`:
the agency's text in that language, the global text in it, the agency's Dutch
text, the global Dutch text, then the default in that language or Dutch. The
language the citizen chose wins over whose text it is; Dutch is the fallback
(decision 0043).
"""

from __future__ import annotations

from datetime import timedelta
from string import Template

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from .defaults import DEFAULT_TEMPLATES
from .models import AgencyNotificationTemplate, Notification, NotificationKind, NotificationTemplate


def template_text(agency, kind: str, language: str) -> tuple[str, str]:
    """(subject, body) with placeholders, for `agency` (may be None)."""
    languages = [language] if language == "nl" else [language, "nl"]
    for lang in languages:
        if agency is not None:
            own = AgencyNotificationTemplate.objects.filter(
                agency=agency, kind=kind, language=lang
            ).first()
            if own is not None:
                return own.subject, own.body
        shared = NotificationTemplate.objects.filter(kind=kind, language=lang).first()
        if shared is not None:
            return shared.subject, shared.body
    return DEFAULT_TEMPLATES.get((kind, language)) or DEFAULT_TEMPLATES[(kind, "nl")]


def fill(subject: str, body: str, values: dict[str, str]) -> tuple[str, str]:
    # safe_substitute: a stray "$" in an editor's text never breaks delivery.
    subject = " ".join(Template(subject).safe_substitute(values).split())
    return subject, Template(body).safe_substitute(values)


def sample_values(*, agency_name: str, kind: str) -> dict[str, str]:
    """Made-up values for a preview (call inside translation.override): a
    formal request with a deadline, so every fact shows a real sentence."""
    from . import facts

    if kind == NotificationKind.MESSAGE:
        row_facts = facts.message_facts(
            kind_display=_("verzoek om aanvulling"),
            is_formal=True,
            deadline=timezone.localdate() + timedelta(days=14),
        )
    else:
        row_facts = facts.facts_for(Notification(kind=kind))
    return {
        "case_title": _("Aanvraag parkeervergunning"),
        "agency": agency_name,
        "link": f"{settings.PORTAL_BASE_URL}/mijn/",
        "first_name": "Suzanne",
        **row_facts,
    }
