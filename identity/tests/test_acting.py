"""The acting context (decision 0041): who acts, for whom, under which mandate."""

from datetime import date, timedelta

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils import timezone

from identity import acting
from identity.acting import (
    BROKER_SESSION_KEY,
    CHOICE_SESSION_KEY,
    ActingContext,
    Basis,
    Subject,
    available_contexts,
    choose_context,
    current_context,
    register_provider,
)
from identity.actors import Actor, ActorKind
from identity.decorators import citizen_required
from identity.loa import SESSION_KEY, LevelOfAssurance
from identity.tests.factories import CitizenFactory, StaffUserFactory

pytestmark = pytest.mark.django_db

CHILD = Subject(bsn="999998456", name="Noah de Vries")


def _request(user, level=LevelOfAssurance.MIDDEN, **session):
    request = RequestFactory().get("/mijn/")
    request.user = user
    request.session = {SESSION_KEY: int(level), **session}
    return request


@pytest.fixture
def child_provider():
    """A provider offering one child until `state["until"]`, as the registry's would."""
    state = {"until": None}

    def provider(request):
        bsn = getattr(request.user, "bsn", None)
        if bsn:
            yield ActingContext(
                actor_bsn=bsn,
                subject=CHILD,
                basis=Basis.PARENT,
                actor_name="Suzanne Moulin",
                valid_until=state["until"],
            )

    register_provider(provider)
    yield state
    acting._providers.remove(provider)


def test_a_subject_is_a_person_or_a_business_never_both_or_neither():
    with pytest.raises(ValueError):
        Subject(bsn="999993653", kvk="68750110")
    with pytest.raises(ValueError):
        Subject()
    assert Subject(kvk="68750110", branch="000038509504").is_business


def test_without_a_choice_the_citizen_acts_for_themselves_and_no_provider_runs(
    django_assert_num_queries,
):
    citizen = CitizenFactory(bsn="999993653")
    request = _request(citizen)
    with django_assert_num_queries(0):
        context = current_context(request)
    assert context.is_self and context.subject.bsn == "999993653"


def test_the_chooser_key_names_no_identifier():
    context = ActingContext(actor_bsn="999993653", subject=CHILD, basis=Basis.PARENT)
    assert "999998456" not in context.key and "999993653" not in context.key
    assert (
        context.key == ActingContext(actor_bsn="999993653", subject=CHILD, basis=Basis.PARENT).key
    )


def test_choosing_a_child_makes_it_the_context_of_later_requests(child_provider):
    citizen = CitizenFactory(bsn="999993653")
    request = _request(citizen)
    [own, child] = available_contexts(request)
    assert own.is_self and child.subject == CHILD
    assert choose_context(request, child.key) == child
    later = _request(citizen, **{CHOICE_SESSION_KEY: request.session[CHOICE_SESSION_KEY]})
    assert current_context(later).subject == CHILD


def test_a_key_the_user_may_not_choose_changes_nothing(child_provider):
    request = _request(CitizenFactory(bsn="999993653"))
    assert choose_context(request, "0" * 24) is None
    assert CHOICE_SESSION_KEY not in request.session


def test_a_context_that_ended_falls_back_to_yourself_and_says_so(child_provider):
    citizen = CitizenFactory(bsn="999993653")
    request = _request(citizen)
    key = available_contexts(request)[1].key
    # The child turns 18 (or the representation ends) before the next request.
    child_provider["until"] = timezone.localdate() - timedelta(days=1)
    later = _request(citizen, **{CHOICE_SESSION_KEY: key})
    context = current_context(later)
    assert context.is_self
    assert later.acting_fell_back is True
    assert CHOICE_SESSION_KEY not in later.session


def test_a_broker_login_acts_only_in_the_broker_mandate():
    user = CitizenFactory(bsn="999993653")
    claims = {
        "broker": "machtigen",
        "means": "digid_machtigen",
        "actor_bsn": "999993653",
        "representee_bsn": "999991772",
        "services": ["bezwaar"],
        "level": "midden",
    }
    request = _request(user, LevelOfAssurance.SUBSTANTIEEL, **{BROKER_SESSION_KEY: claims})
    context = current_context(request)
    assert context.basis == Basis.MACHTIGING
    assert context.subject.bsn == "999991772"
    assert [c.basis for c in available_contexts(request)] == [Basis.MACHTIGING]
    # A mandate given at midden does not open a service that needs substantieel.
    assert context.level(request) == LevelOfAssurance.MIDDEN
    assert context.allows(service="bezwaar") and not context.allows(service="aanvraag")


def test_an_eherkenning_login_without_a_bsn_acts_for_the_business():
    employee = StaffUserFactory(is_staff=False)
    claims = {
        "broker": "eh",
        "means": "eherkenning",
        "kvk": "68750110",
        "branch": "",
        "level": "substantieel",
    }
    request = _request(employee, LevelOfAssurance.SUBSTANTIEEL, **{BROKER_SESSION_KEY: claims})
    context = current_context(request)
    assert context.subject.is_business and context.subject.kvk == "68750110"
    assert context.basis == Basis.EHERKENNING


def test_the_decorator_puts_the_context_on_the_request_and_caps_the_level(child_provider):
    seen = {}

    @citizen_required(level=LevelOfAssurance.SUBSTANTIEEL)
    def view(request):
        seen["acting"] = request.acting
        return HttpResponse("ok")

    citizen = CitizenFactory(bsn="999993653")
    assert view(_request(citizen, LevelOfAssurance.SUBSTANTIEEL)).status_code == 200
    assert seen["acting"].is_self
    claims = {
        "broker": "m",
        "actor_bsn": "999993653",
        "representee_bsn": "999991772",
        "level": "midden",
    }
    capped = _request(citizen, LevelOfAssurance.HOOG, **{BROKER_SESSION_KEY: claims})
    assert view(capped).status_code == 302


def test_the_representative_actor_is_named_with_the_basis_for_the_subject():
    citizen = CitizenFactory(bsn="999993653")
    context = ActingContext(
        actor_bsn="999993653", subject=CHILD, basis=Basis.PARENT, actor_name="Suzanne Moulin"
    )
    actor = Actor.acting(citizen, context)
    assert actor.kind == ActorKind.REPRESENTATIVE
    assert actor.organisation == "Suzanne Moulin (ouder met gezag)"
    assert "999" not in actor.reference
    own = ActingContext(actor_bsn="999993653", subject=Subject(bsn="999993653"))
    assert Actor.acting(citizen, own).kind == ActorKind.CITIZEN


def test_scope_limits_agencies_and_case_types():
    context = ActingContext(
        actor_bsn="999991772",
        subject=Subject(bsn="999990019"),
        basis=Basis.REPRESENTATIVE,
        agencies=frozenset({"zoetermeer"}),
        case_types=frozenset({"bijstand"}),
        valid_until=date(2099, 1, 1),
    )
    assert context.allows(agency="zoetermeer", case_type="bijstand")
    assert not context.allows(agency="rijnland")
    assert not context.allows(agency="zoetermeer", case_type="paspoort")


def _digid_login(request, level=LevelOfAssurance.MIDDEN):
    from identity.digid_session import log_in_citizen
    from identity.saml.validation import DigidIdentity

    identity = DigidIdentity(
        bsn="999993653", level=level, next_url="/mijn/", name_id="n", session_index=None
    )
    return log_in_citizen(request=request, identity=identity)


def _session_request(user=None):
    from django.contrib.auth.models import AnonymousUser
    from django.contrib.sessions.backends.db import SessionStore

    request = RequestFactory().get("/")
    request.session = SessionStore()
    request.user = user or AnonymousUser()
    return request


def test_a_step_up_digid_login_keeps_the_choice_a_login_after_a_broker_drops_both():
    citizen = CitizenFactory(bsn="999993653")
    request = _session_request()
    _digid_login(request)
    request.session[CHOICE_SESSION_KEY] = "child-key"
    _digid_login(request, LevelOfAssurance.SUBSTANTIEEL)
    assert request.session[CHOICE_SESSION_KEY] == "child-key"

    request.session[BROKER_SESSION_KEY] = {"broker": "m", "representee_bsn": "999991772"}
    _digid_login(request)
    assert BROKER_SESSION_KEY not in request.session
    assert CHOICE_SESSION_KEY not in request.session
    assert request.user == citizen
