"""The channel register, read side: which kinds an agency accepts digitally
(Awb 2:13/2:14), and whether its channel is down now."""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone

from cases.models import Agency
from identity.loa import LevelOfAssurance

from .kinds import CITIZEN_FORMAL_KINDS, MessageKind
from .models import ChannelOutage, ChannelRule


def channel_rule(agency: Agency, kind: str) -> ChannelRule:
    """The agency's rule for `kind`; without one a formal message is accepted
    at DigiD Midden (the Wmebv makes the digital channel the default), and a
    bezwaar or klacht cannot open a case (it has no case type yet)."""
    rule = ChannelRule.objects.filter(agency=agency, kind=kind).select_related("case_type").first()
    if rule is not None:
        return rule
    return _default_rule(agency, kind)


def _default_rule(agency: Agency, kind: str) -> ChannelRule:
    return ChannelRule(
        agency=agency,
        kind=kind,
        accepted_digitally=kind in (*CITIZEN_FORMAL_KINDS, MessageKind.VRAAG),
        minimum_level=LevelOfAssurance.MIDDEN,
    )


def channel_rules(agency: Agency, kinds: tuple[str, ...]) -> dict[str, ChannelRule]:
    """`channel_rule` for several kinds in one query (the case page's buttons)."""
    found = {
        rule.kind: rule
        for rule in ChannelRule.objects.filter(agency=agency, kind__in=kinds).select_related(
            "case_type"
        )
    }
    return {kind: found.get(kind) or _default_rule(agency, kind) for kind in kinds}


def current_outages(agency: Agency | None = None) -> list[ChannelOutage]:
    now = timezone.now()
    scope = Q(agency__isnull=True)
    if agency is not None:
        scope |= Q(agency=agency)
    return list(
        ChannelOutage.objects.filter(scope, starts_at__lte=now)
        .filter(Q(ends_at__isnull=True) | Q(ends_at__gt=now))
        .select_related("agency")
    )
