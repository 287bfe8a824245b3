"""The four facts every notification states (Awb 2:10 lid 2 as amended by the
Wmebv, in force for notifications from 1 January 2027): the kind of message,
its legal effect, whether action is expected, and by when.

Values are short sentences in the citizen's language (call inside
translation.override). They never hold personal data.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .models import Notification, NotificationKind


def message_page_url(message) -> str:
    """The citizen's thread page, absolute (never the Host header)."""
    kwargs = {"uuid": message.thread.public_id}
    try:
        path = reverse("messaging:thread", kwargs=kwargs)
    except NoReverseMatch:  # the inbox pages are built on feat/inbox
        path = f"/berichten/gesprek/{message.thread.public_id}/"
    return f"{settings.PORTAL_BASE_URL}{path}"


def message_facts(*, kind_display: str, is_formal: bool, deadline) -> dict[str, str]:
    """The four facts of an agency's message (also used for a template's preview)."""
    return {
        "message_kind": str(kind_display),
        "legal_effect": (
            _("Dit is een formeel bericht: het heeft rechtsgevolgen voor u.")
            if is_formal
            else _("Dit bericht heeft zelf geen rechtsgevolgen.")
        ),
        "action_expected": (
            _("Er wordt actie van u verwacht.")
            if deadline
            else _("Er wordt geen actie van u verwacht.")
        ),
        "deadline": (
            _("Reageer uiterlijk op %(date)s.") % {"date": date_format(deadline, "j F Y")}
            if deadline
            else _("Er is geen termijn.")
        ),
    }


def facts_for(row: Notification) -> dict[str, str]:
    if row.kind == NotificationKind.MESSAGE and row.message is not None:
        message = row.message
        return message_facts(
            kind_display=message.get_kind_display(),
            is_formal=message.is_formal,
            deadline=message.expects_action_by,
        )
    if row.kind == NotificationKind.DOCUMENT_ADDED:
        return {
            "message_kind": _("Nieuw document in uw zaak"),
            "legal_effect": _("Is het document een besluit, dan heeft het rechtsgevolgen."),
            "action_expected": _("Lees het document in Open Loket."),
            "deadline": _("Wilt u bezwaar maken, dan staat de termijn in het besluit."),
        }
    if row.kind == NotificationKind.TASK_REMINDER:
        return {
            "message_kind": _("Herinnering aan een taak"),
            "legal_effect": _("Deze herinnering heeft zelf geen rechtsgevolgen."),
            "action_expected": _("U moet nog iets doen voor uw zaak."),
            "deadline": _("De uiterste datum staat in Mijn taken."),
        }
    return {
        "message_kind": _("Nieuwe status van uw zaak"),
        "legal_effect": _("Deze melding heeft zelf geen rechtsgevolgen."),
        "action_expected": _("Er wordt geen actie van u verwacht."),
        "deadline": _("Er is geen termijn."),
    }
