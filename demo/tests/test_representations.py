"""Issue 19 in the demo: 999991772 is bewindvoerder for 999990019, for
Zoetermeer's bijzondere bijstand only, and Peter has cases in and out of scope."""

import io

import pytest
from django.test import RequestFactory

from cases.models import Case
from demo import agencies_and_cases, people, representations, staff
from identity.acting import Basis
from identity.models import User
from representation.models import Representation
from representation.provider import representation_contexts
from representation.selectors import representations_for_caseworker

pytestmark = pytest.mark.django_db


def _seed():
    out = io.StringIO()
    for chapter in (people, agencies_and_cases, staff, representations):
        chapter.seed(out)


def test_the_bewindvoerder_gets_a_context_that_covers_only_the_benefits_case():
    _seed()
    _seed()  # idempotent
    assert Representation.objects.count() == 1
    request = RequestFactory().get("/")
    request.user = User.objects.get(bsn="999991772")
    request.session = {}
    (context,) = representation_contexts(request)
    assert context.basis == Basis.REPRESENTATIVE
    assert context.subject.bsn == "999990019" and context.subject.name == "Peter Jan de Vries"
    peters = Case.objects.filter(roles__bsn="999990019").select_related("agency", "case_type")
    in_scope = [
        c for c in peters if context.allows(agency=c.agency.slug, case_type=c.case_type.code)
    ]
    assert [c.case_type.code for c in in_scope] == ["bijzondere-bijstand"]
    assert len(peters) - len(in_scope) >= 2  # the kitchen permit and the remission


def test_zoetermeers_caseworker_keeps_it():
    _seed()
    caseworker = User.objects.get(username="medewerker-zoetermeer")
    assert representations_for_caseworker(user=caseworker).count() == 1
    other = User.objects.get(username="medewerker-belastingdienst")
    assert not representations_for_caseworker(user=other).exists()
