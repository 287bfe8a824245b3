"""Template tags that put messaging on other apps' pages without those apps
importing messaging (cases and pages sit below it in the layers):

    {% load messaging_formal %}
    {% case_actions case %}            the case page: terms, buttons, sent messages
    {% outage_banner agency %}         a banner while the agency's channel is down
"""

from __future__ import annotations

from dataclasses import dataclass

from django import template
from django.utils.translation import gettext_lazy as _

from cases.models import Agency, Case
from cases.viewer import context_of
from documents.models import DocumentKind
from documents.selectors import documents_of_authorised_case
from messaging import eligibility
from messaging.availability import alternative_text, unavailable_reason
from messaging.channels import channel_rules, current_outages
from messaging.eligibility import KnownFacts
from messaging.kinds import Direction, EvidenceKind, MessageKind
from messaging.models import ChannelOutage, Message
from messaging.receipts import message_reference
from messaging.selectors import case_page_messages
from messaging.subjects import is_of
from messaging.task_selectors import open_tasks_for_request

register = template.Library()

# The kinds offered as buttons, in the order a citizen would look for them.
BUTTON_ORDER = (
    MessageKind.AANVULLING,
    MessageKind.ZIENSWIJZE,
    MessageKind.BEZWAAR,
    MessageKind.INGEBREKESTELLING,
    MessageKind.KLACHT,
)
BUTTON_LABELS = {
    MessageKind.AANVULLING: _("Aanvulling sturen"),
    MessageKind.ZIENSWIJZE: _("Zienswijze geven"),
    MessageKind.BEZWAAR: _("Bezwaar maken"),
    MessageKind.INGEBREKESTELLING: _("In gebreke stellen"),
    MessageKind.KLACHT: _("Klacht indienen"),
}
# The latest of these in a message's ledger is its state for the citizen.
STATE_EVENTS = (
    EvidenceKind.HANDLED,
    EvidenceKind.TAKEN_INTO_HANDLING,
    EvidenceKind.DELIVERED_TO_AGENCY,
    EvidenceKind.SUBMITTED,
)


@dataclass(frozen=True)
class Action:
    kind: str
    label: str
    button: str
    available: bool
    accepted_digitally: bool
    alternative: str


@dataclass(frozen=True)
class SentRow:
    message: Message
    reference: str
    state: str


def _state(message: Message) -> str:
    kinds = {event.kind for event in message.evidence.all()}  # prefetched
    for kind in STATE_EVENTS:
        if kind in kinds:
            return str(EvidenceKind(kind).label)
    return ""


def _actions(request, case: Case, known: KnownFacts) -> list[Action]:
    acting = context_of(request)
    level = int(acting.level(request) or 0) if acting is not None else 0
    subject = acting.subject if acting is not None else None
    rules = channel_rules(case.agency, BUTTON_ORDER)
    actions = []
    for kind in BUTTON_ORDER:
        rule = rules[kind]
        reason = unavailable_reason(
            case=case,
            kind=kind,
            subject=subject,
            task=None,
            rule=rule,
            level=level,
            known=known,
        )
        actions.append(
            Action(
                kind=kind,
                label=str(MessageKind(kind).label),
                button=str(BUTTON_LABELS[kind]),
                available=rule.accepted_digitally and not reason and subject is not None,
                accepted_digitally=rule.accepted_digitally,
                alternative=alternative_text(rule),
            )
        )
    return actions


def _known_facts(request, case: Case) -> KnownFacts:
    """The decisions from the documents the documents section already read (the
    citizen-visible ones: a decision the citizen cannot see gives no objection
    term on their page), and the supplement tasks from the viewer's open tasks the
    navigation's count already read: no query of their own."""
    documents = documents_of_authorised_case(context=context_of(request), case=case)
    decisions = [d for d in documents if d.kind == DocumentKind.DECISION]
    return KnownFacts(
        decisions=decisions,
        supplement_tasks=eligibility.supplement_tasks_among(open_tasks_for_request(request), case),
        # With no visible decision the check asks the database for any decision
        # (only for an open, overdue case): a hidden one still rules it out.
        notice_of_default=eligibility.may_give_notice_of_default(case, decisions=decisions or None),
    )


@register.inclusion_tag("messaging/includes/case_actions_body.html", takes_context=True)
def case_actions(context, case: Case) -> dict:
    """What the citizen can send about `case` now, and what they sent. The case
    page authorised `case` for the viewer; the messages are the viewer's own."""
    request = context["request"]
    acting = context_of(request)
    # The subject's own messages only (decision 0049), from the one read the
    # case history shares (case_page_messages); none without a context.
    sent = sorted(
        (
            m
            for m in case_page_messages(case)
            if acting is not None
            and is_of(m, acting.subject)
            and m.direction == Direction.TO_AGENCY
            and m.is_formal
        ),
        key=lambda m: (m.sent_at, m.pk),
        reverse=True,
    )
    known = _known_facts(request, case)
    actions = _actions(request, case, known)
    return {
        "case": case,
        "actions": [a for a in actions if a.available],
        "not_digital": [a for a in actions if not a.accepted_digitally],
        "objection_terms": [eligibility.objection_term(d) for d in known.decisions],
        "may_give_notice_of_default": known.notice_of_default,
        "views_last_day": eligibility.views_last_day(case),
        "may_give_view": eligibility.may_give_view(case),
        "tasks": known.supplement_tasks,
        "sent": [SentRow(m, message_reference(m), _state(m)) for m in sent],
        "outages": current_outages(case.agency),
    }


@register.inclusion_tag("messaging/includes/outage_banner.html")
def outage_banner(agency: Agency | None, kind: str = "") -> dict:
    outages: list[ChannelOutage] = current_outages(agency)
    if kind:
        outages = [o for o in outages if o.affects(kind)]
    return {"outages": outages, "agency": agency}
