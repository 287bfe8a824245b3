"""Which formal messages a citizen may send about a case now, and why not:
shared by the compose page and the case page's actions, so both say the same.
`messaging.services` checks the same rules again when a message is sent."""

from __future__ import annotations

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from cases.models import Case
from identity.acting import Subject
from identity.loa import SESSION_KEY, LevelOfAssurance

from . import eligibility
from .kinds import MessageKind
from .models import ChannelRule, Task


def session_level(request) -> int:
    return int(request.session.get(SESSION_KEY, 0) or 0)


def unavailable_reason(
    *,
    case: Case,
    kind: str,
    subject: Subject | None,
    task: Task | None,
    rule: ChannelRule,
    level: int,
    known: eligibility.KnownFacts | None = None,
) -> str:
    """Why this kind cannot be sent about this case now ("" when it can).
    `known`: facts the caller already read, so asking for five kinds on one
    page reads the decisions and tasks once instead of once per kind."""
    if level < rule.minimum_level:
        return _("Voor dit bericht moet u inloggen met DigiD %(level)s.") % {
            "level": LevelOfAssurance(rule.minimum_level).label
        }
    if kind == MessageKind.AANVULLING:
        if task is not None:
            return "" if task.is_open else _("Deze taak is al gedaan of vervallen.")
        tasks = known.supplement_tasks if known else None
        if subject is None or not eligibility.may_send_supplement(
            case, subject, supplement_tasks=tasks
        ):
            return _("Bij deze zaak kunt u nu niets aanvullen.")
    elif kind == MessageKind.BEZWAAR:
        if not (known.decisions if known else eligibility.decisions(case)):
            return _("Bij deze zaak is nog geen besluit. Bezwaar maakt u tegen een besluit.")
    elif kind == MessageKind.INGEBREKESTELLING:
        if not (known.notice_of_default if known else eligibility.may_give_notice_of_default(case)):
            return _(
                "U kunt de organisatie pas in gebreke stellen als de beslistermijn voorbij "
                "is en u nog geen besluit hebt. U kunt dat één keer doen."
            )
    elif kind == MessageKind.ZIENSWIJZE and not eligibility.may_give_view(case):
        return _("Bij deze zaak kunt u nu geen zienswijze geven.")
    return ""


def alternative_text(rule: ChannelRule) -> str:
    """Where to send a kind the agency does not take digitally, in the page's language."""
    english = (get_language() or "").startswith("en")
    return (rule.alternative_en if english else "") or rule.alternative
