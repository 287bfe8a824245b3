"""Digitaal contact met <organisatie>: the public announcement of the channel
register (Awb 2:13 lid 1 and 2:14: an administrative body designates and makes
known how formal messages reach it electronically) and the outage register
(deadlines are protected when the channel was down, ChannelOutage)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from cases.models import Agency
from identity.loa import LevelOfAssurance
from messaging.availability import alternative_text
from messaging.channels import channel_rule, current_outages
from messaging.kinds import CITIZEN_FORMAL_KINDS, MessageKind
from messaging.models import ChannelOutage

PAST_OUTAGES_SHOWN = 50


@dataclass(frozen=True)
class ChannelRow:
    kind_label: str
    accepted_digitally: bool
    level_label: str
    alternative: str


def channel_rows(agency: Agency) -> list[ChannelRow]:
    rows = []
    for kind in CITIZEN_FORMAL_KINDS:
        rule = channel_rule(agency, kind)
        rows.append(
            ChannelRow(
                kind_label=str(MessageKind(kind).label),
                accepted_digitally=rule.accepted_digitally,
                level_label=LevelOfAssurance(rule.minimum_level).label,
                alternative=alternative_text(rule),
            )
        )
    return rows


def outage_kinds(outage: ChannelOutage) -> str:
    return ", ".join(str(MessageKind(k).label) for k in outage.kinds if k in MessageKind.values)


@require_http_methods(["GET", "HEAD"])
def channels(request, slug: str):
    agency = get_object_or_404(Agency, slug=slug, is_active=True)
    current = current_outages(agency)
    past = (
        ChannelOutage.objects.filter(Q(agency__isnull=True) | Q(agency=agency))
        .filter(ends_at__lte=timezone.now())
        .order_by("-starts_at")[:PAST_OUTAGES_SHOWN]
    )
    return render(
        request,
        "messaging/channels.html",
        {
            "agency": agency,
            "rows": channel_rows(agency),
            "current": [(o, outage_kinds(o)) for o in current],
            "current_outages": current,
            "past": [(o, outage_kinds(o)) for o in past],
        },
    )
