"""The demo company (issue 19): Bakkerij De Vries B.V. in the local business
registry, and its terrace permit at Gemeente Zoetermeer.

The development OIDC broker logs in an eHerkenning employee of this company
(pseudonym eh-demo-medewerker-1) for KvK 68750110, branch 000038509504; the
overview then shows the permit case, because the case's role names the company
and that branch (ZGW Rol: niet_natuurlijk_persoon with kvkNummer and
vestigingsNummer). Idempotent: get-or-create by KvK number, branch number and
the case's external id.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone

from cases import services
from cases.models import Agency, Case, CaseSource, CaseType, StatusType
from identity.actors import Actor
from identity.business_registry.models import LocalBranch, LocalBusiness

from .agencies_and_cases import DECISION, IN_PROGRESS, INFO_RECEIVED, MORE_INFO, RECEIVED

KVK = "68750110"
BRANCH = "000038509504"
COMPANY = {
    "name": "Bakkerij De Vries B.V.",
    "legal_form": "Besloten Vennootschap",
    "rsin": "857587973",
}
MAIN_BRANCH = {
    "name": "Bakkerij De Vries",
    "is_main": True,
    "street": "Dorpsstraat",
    "house_number": 40,
    "postcode": "2712AL",
    "city": "Zoetermeer",
}
PERMIT_TYPE = {
    "name": "Terrasvergunning",
    "name_en": "Terrace permit",
    "description": "Vergunning voor een terras op de openbare weg bij uw horecazaak of winkel.",
    "processing_days": 56,
    "service_norm_days": 28,
    "citizen_uploads": True,
}
PERMIT_CASE_ID = "demo-business-terras"
ACTOR = Actor.system("seed_demo")


def seed(out) -> None:
    business, _ = LocalBusiness.objects.update_or_create(kvk=KVK, defaults=COMPANY)
    LocalBranch.objects.update_or_create(
        number=BRANCH, defaults={"business": business, **MAIN_BRANCH}
    )
    zoetermeer = Agency.objects.get(slug="zoetermeer")
    case_type, _ = CaseType.objects.update_or_create(
        agency=zoetermeer, code="terrasvergunning", defaults=PERMIT_TYPE
    )
    for order, status in enumerate([RECEIVED, IN_PROGRESS, MORE_INFO, INFO_RECEIVED, DECISION], 1):
        StatusType.objects.update_or_create(case_type=case_type, order=order, defaults=status)
    if not Case.objects.filter(agency=zoetermeer, external_id=PERMIT_CASE_ID).exists():
        _open_permit_case(case_type)
    out.write(f"Demo company: {business.name} (KvK {KVK}) with its terrace permit case")


def _open_permit_case(case_type: CaseType) -> None:
    received_on = timezone.localdate() - timedelta(days=10)
    case = services.open_case(
        case_type=case_type,
        kvk=KVK,
        branch=BRANCH,
        actor=ACTOR,
        source=CaseSource.BACK_OFFICE,
        title="Terras voor Bakkerij De Vries, Dorpsstraat 40",
        received_on=received_on,
        external_id=PERMIT_CASE_ID,
    )
    moment = timezone.make_aware(
        datetime.combine(received_on + timedelta(days=3), datetime.min.time())
    ) + timedelta(hours=10)
    services.set_status(
        case=case,
        status_type=case_type.status_types.get(name="in_behandeling"),
        actor=ACTOR,
        explanation="Wij bekijken of het terras de doorgang op de stoep vrijlaat.",
        set_at=min(moment, timezone.now()),
    )
