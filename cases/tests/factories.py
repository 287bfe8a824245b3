"""Factories for agencies, case types and cases.

agency = AgencyFactory()                          # an active agency with contact details
case_type = CaseTypeFactory(agency=agency)        # 56-day term with the four standard statuses
case_type = CaseTypeFactory(statuses=False)       # no status types (add StatusTypeFactory rows)
case = CaseFactory(bsn="999993653")               # open, status "Ontvangen", role initiator
case = CaseFactory(in_progress=True)              # Ontvangen -> In behandeling
case = CaseFactory(action_required=True)          # ... -> "Aanvulling nodig" (action required)
case = CaseFactory(overdue=True)                  # received long ago, planned end passed
case = CaseFactory(closed=True)                   # ... -> "Afgehandeld" with a result

CaseFactory goes through cases.services.open_case/set_status, so every case
it makes obeys the same rules (reference, planned end, current status) as a
real one.
"""

from __future__ import annotations

from datetime import timedelta

import factory
from django.utils import timezone

from cases import services
from cases.models import Agency, Case, CaseSource, CaseType, StatusType
from identity.actors import Actor

FACTORY_ACTOR = Actor.system("factory")

# (order, name, citizen text, extra fields)
STANDARD_STATUSES = [
    (1, "ontvangen", "Uw aanvraag is ontvangen", {}),
    (2, "in_behandeling", "Uw aanvraag is in behandeling", {}),
    (
        3,
        "aanvulling_nodig",
        "Wij hebben meer informatie van u nodig",
        {
            "action_required": True,
            "shown_in_advance": False,
            "allows_citizen_upload": True,
            "action_label": "Stuur de gevraagde informatie",
            "action_url": "/contact/",
        },
    ),
    (4, "afgehandeld", "Uw aanvraag is afgehandeld", {"is_final": True}),
]


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Gemeente Test {n}")
    short_name = factory.Sequence(lambda n: f"Test {n}")
    slug = factory.Sequence(lambda n: f"test-{n}")
    reference_prefix = factory.Sequence(
        lambda n: "T" + "".join(chr(65 + int(d)) for d in f"{n:02d}")
    )
    phone = "14 012"
    email = "info@gemeente.example"
    website = "https://www.gemeente.example"


class CaseTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CaseType
        skip_postgeneration_save = True

    agency = factory.SubFactory(AgencyFactory)
    code = factory.Sequence(lambda n: f"zaaktype-{n}")
    name = factory.Sequence(lambda n: f"Vergunning {n}")
    description = "Een vergunning voor tests."
    processing_days = 56

    @factory.post_generation
    def statuses(obj, create, extracted, **kwargs):
        if not create or extracted is False:
            return
        for order, name, text, extra in STANDARD_STATUSES:
            StatusType.objects.create(
                case_type=obj, order=order, name=name, citizen_text=text, **extra
            )


class StatusTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StatusType

    case_type = factory.SubFactory(CaseTypeFactory, statuses=False)
    order = factory.Sequence(lambda n: n + 1)
    name = factory.Sequence(lambda n: f"status-{n}")
    citizen_text = factory.LazyAttribute(lambda o: f"Status {o.name}")


class CaseFactory(factory.Factory):
    class Meta:
        model = Case

    case_type = factory.SubFactory(CaseTypeFactory)
    bsn = "999993653"
    title = factory.Sequence(lambda n: f"Aanvraag {n}")
    source = CaseSource.BACK_OFFICE
    received_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=3))
    # States (see module docstring); each implies the ones before it.
    in_progress = False
    action_required = False
    overdue = False
    closed = False

    @classmethod
    def _create(cls, model_class, **kwargs):
        states = {name: kwargs.pop(name) for name in STATES}
        if states["overdue"]:
            days = kwargs["case_type"].processing_days + 10
            kwargs["received_on"] = timezone.localdate() - timedelta(days=days)
        case = services.open_case(actor=FACTORY_ACTOR, **kwargs)
        statuses = {s.name: s for s in case.case_type.status_types.all()}
        if states["in_progress"] or states["action_required"] or states["closed"]:
            services.set_status(
                case=case, status_type=statuses["in_behandeling"], actor=FACTORY_ACTOR
            )
        if states["action_required"]:
            services.set_status(
                case=case,
                status_type=statuses["aanvulling_nodig"],
                actor=FACTORY_ACTOR,
                explanation="Stuur ons een kopie van uw loonstrook.",
            )
        if states["closed"]:
            services.close_case(
                case=case,
                actor=FACTORY_ACTOR,
                result_text="Uw aanvraag is toegekend.",
                result_code="toegekend",
            )
        case.refresh_from_db()
        return case

    @classmethod
    def _build(cls, model_class, **kwargs):
        raise NotImplementedError("CaseFactory only creates (through the services).")


STATES = ("in_progress", "action_required", "overdue", "closed")
