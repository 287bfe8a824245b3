"""Factories for representations (through the service, like the case factories).

r = RepresentationFactory()                       # bewindvoerder, everywhere, from today
r = RepresentationFactory(representative_bsn=..., represented_bsn=...)
r = RepresentationFactory(case_types=[benefits])             # scoped to a case type
r = RepresentationFactory(starts_on=tomorrow)                # not current yet
"""

from __future__ import annotations

import factory
from django.utils import timezone

from cases.tests.factories import AgencyFactory
from representation.models import Representation, RepresentationKind
from representation.services import record_representation

REPRESENTATIVE, REPRESENTED = "999991772", "999990019"


class RepresentationFactory(factory.Factory):
    class Meta:
        model = Representation

    agency = factory.SubFactory(AgencyFactory)
    representative_bsn = REPRESENTATIVE
    represented_bsn = REPRESENTED
    kind = RepresentationKind.BEWINDVOERDER
    starts_on = factory.LazyFunction(timezone.localdate)
    ends_on = None
    agencies: list = []
    case_types: list = []
    hidden_from_represented = False
    user = None

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return record_representation(**kwargs)

    @classmethod
    def _build(cls, model_class, *args, **kwargs):
        kwargs.pop("user", None)
        kwargs.pop("agencies", None)
        kwargs.pop("case_types", None)
        return model_class(**kwargs)
