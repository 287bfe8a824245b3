"""Chapter: a bewindvoerder (issue 19, "Who may act for whom", point 2).

The kantonrechter placed Peter de Vries's (999990019) money under
onderbewindstelling (BW 1:431) with Fatima El Amrani (999991772) as his
bewindvoerder, for his benefits only: the scope is Zoetermeer's bijzondere
bijstand. Peter has such a case (added here) and two outside the scope (his
kitchen permit at Zoetermeer and his waterschap remission at Rijnland), so
Fatima, acting for Peter, sees only the benefits case.

Zoetermeer's caseworker keeps representations: the group "Vertegenwoordigingen
beheren" has the permission (docs/decisions/0048).
"""

from __future__ import annotations

from datetime import date

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

from cases.models import Agency, Case, CaseType
from demo.agencies_and_cases import _create_case
from representation.models import Representation, RepresentationKind
from representation.services import record_representation

from .staff import caseworker_username

KEEPERS_GROUP = "Vertegenwoordigingen beheren"
CLIENT, BEWINDVOERDER = "999990019", "999991772"
BENEFITS = ("zoetermeer", "bijzondere-bijstand")
BENEFITS_CASE = ("bewind-1", "Bijzondere bijstand voor een nieuw bed", 8)
STARTS_ON = date(2026, 1, 15)


def _keepers_group(zoetermeer: Agency):
    group, _ = Group.objects.get_or_create(name=KEEPERS_GROUP)
    group.permissions.add(
        Permission.objects.get(
            content_type__app_label="representation", codename="manage_representations"
        ),
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
    )
    caseworker = get_user_model().objects.filter(username=caseworker_username(zoetermeer)).first()
    if caseworker is not None:
        caseworker.groups.add(group)
    return caseworker


def seed(out) -> None:
    zoetermeer = Agency.objects.get(slug="zoetermeer")
    benefits = CaseType.objects.get(agency__slug=BENEFITS[0], code=BENEFITS[1])
    key, title, days_ago = BENEFITS_CASE
    if not Case.objects.filter(agency=zoetermeer, external_id=f"demo-{key}").exists():
        _create_case(benefits, key, CLIENT, title, days_ago, [("in_behandeling", 2, "")])
    caseworker = _keepers_group(zoetermeer)
    exists = Representation.objects.filter(
        representative_bsn=BEWINDVOERDER, represented_bsn=CLIENT, agency=zoetermeer
    ).exists()
    if not exists:
        record_representation(
            agency=zoetermeer,
            representative_bsn=BEWINDVOERDER,
            represented_bsn=CLIENT,
            kind=RepresentationKind.BEWINDVOERDER,
            starts_on=STARTS_ON,
            case_types=[benefits],
            user=caseworker,
        )
    out.write(
        "Demo representation: 999991772 is bewindvoerder for 999990019 "
        "(Zoetermeer, bijzondere bijstand only)"
    )
