"""Parents with gezag as a source of acting contexts (issue 19, decision 0045):
the local registry and Haal Centraal BRP Personen v2 (against the fake BRP)."""

from datetime import date, timedelta

import pytest
from django.test import RequestFactory
from django.utils import timezone

from identity.access_log import AccessLogEntry, Purpose
from identity.acting import BROKER_SESSION_KEY, Basis, available_contexts
from identity.loa import SESSION_KEY, LevelOfAssurance
from identity.parents import authority_ends, children_with_authority, coming_of_age
from identity.registry.models import AuthorityKind, LocalAuthority, LocalPerson
from identity.tests.factories import CitizenFactory, LocalPersonFactory
from identity.tests.fake_brp import SUZANNE, FakeBrpServer

pytestmark = pytest.mark.django_db

PARENT_BSN, CHILD_BSN, OTHER_PARENT_BSN = "999993653", "999998456", "999990019"


def _request(user, **session):
    request = RequestFactory().get("/mijn/")
    request.user = user
    request.session = {SESSION_KEY: int(LevelOfAssurance.MIDDEN), **session}
    return request


def _family(*, born: date, authority: bool = True):
    parent = LocalPersonFactory(bsn=PARENT_BSN)
    child = LocalPersonFactory(
        bsn=CHILD_BSN, first_names="Noah", prefix="de", surname="Vries", date_of_birth=born
    )
    parent.children.add(child)
    if authority:
        LocalAuthority.objects.create(holder=parent, minor=child)
    return CitizenFactory(bsn=PARENT_BSN, first_name="Suzanne", last_name="Moulin")


def _eighteen_years_before(day: date) -> date:
    return day.replace(year=day.year - 18)


def test_a_parent_with_authority_may_act_for_the_minor_child_until_the_day_before_18():
    citizen = _family(born=date(2016, 9, 8))
    [context] = children_with_authority(_request(citizen))
    assert context.basis == Basis.PARENT
    assert context.subject.bsn == CHILD_BSN and context.subject.name == "Noah de Vries"
    assert context.actor_bsn == PARENT_BSN
    assert context.valid_until == date(2034, 9, 7)
    assert CHILD_BSN not in context.key


def test_a_parent_without_authority_gets_no_context():
    citizen = _family(born=date(2016, 9, 8), authority=False)
    assert list(children_with_authority(_request(citizen))) == []
    assert [c.basis for c in available_contexts(_request(citizen))] == [Basis.SELF]


def test_a_child_turning_18_tomorrow_is_still_offered_today():
    today = timezone.localdate()
    citizen = _family(born=_eighteen_years_before(today + timedelta(days=1)))
    contexts = available_contexts(_request(citizen))
    assert [c.subject.bsn for c in contexts] == [PARENT_BSN, CHILD_BSN]
    assert contexts[1].valid_until == today


def test_a_child_turning_18_today_is_no_longer_offered():
    today = timezone.localdate()
    citizen = _family(born=_eighteen_years_before(today))
    assert [c.subject.bsn for c in available_contexts(_request(citizen))] == [PARENT_BSN]


def test_without_a_date_of_birth_minority_cannot_be_shown_so_no_context():
    citizen = _family(born=date(2016, 9, 8))
    LocalPerson.objects.filter(bsn=CHILD_BSN).update(date_of_birth=None)
    assert list(children_with_authority(_request(citizen))) == []


def test_a_guardian_who_is_not_a_parent_acts_as_legal_representative():
    guardian = LocalPersonFactory(bsn=OTHER_PARENT_BSN)
    ward = LocalPersonFactory(bsn=CHILD_BSN, date_of_birth=date(2016, 9, 8))
    LocalAuthority.objects.create(holder=guardian, minor=ward, kind=AuthorityKind.GUARDIANSHIP)
    citizen = CitizenFactory(bsn=OTHER_PARENT_BSN)
    [context] = children_with_authority(_request(citizen))
    assert context.basis == Basis.REPRESENTATIVE


def test_the_lookup_is_logged_for_the_actor_with_its_purpose_and_done_once_per_request():
    citizen = _family(born=date(2016, 9, 8))
    request = _request(citizen)
    available_contexts(request)
    available_contexts(request)
    list(children_with_authority(request))
    [entry] = AccessLogEntry.objects.for_subject(PARENT_BSN)
    assert entry.purpose == Purpose.ACTING_CONTEXTS
    assert not AccessLogEntry.objects.for_subject(CHILD_BSN).exists()


def test_a_broker_login_for_someone_else_offers_no_children():
    citizen = _family(born=date(2016, 9, 8))
    request = _request(citizen, **{BROKER_SESSION_KEY: {"representee_bsn": "999991772"}})
    assert list(children_with_authority(request)) == []


def test_coming_of_age_on_29_february_is_1_march_in_a_common_year():
    assert coming_of_age(date(2008, 2, 29)) == date(2026, 3, 1)
    assert authority_ends(date(2008, 2, 29)) == date(2026, 2, 28)
    assert coming_of_age(date(2010, 2, 28)) == date(2028, 2, 28)


# Haal Centraal BRP Personen v2: the parent's answer with "gezag" as the BRP
# API Gezag defines it (AbstractGezagsrelatie; minderjarige, ouders/ouder/derden).
NOAH_MINDERJARIGE = {
    "burgerservicenummer": CHILD_BSN,
    "naam": {"voornamen": "Noah", "voorvoegsel": "de", "geslachtsnaam": "Vries"},
    "geboorte": {"datum": {"type": "Datum", "datum": "2016-09-08", "langFormaat": "8 sep 2016"}},
}


def _gezag(kind: str, **holders) -> dict:
    return {"type": kind, "minderjarige": NOAH_MINDERJARIGE, **holders}


@pytest.fixture
def haal_centraal(settings):
    with FakeBrpServer() as server:
        settings.PERSON_REGISTRY = "haal_centraal"
        settings.HAAL_CENTRAAL_BRP = {
            "BASE_URL": server.url,
            "API_KEY": "",
            "DOELBINDING": "BRPACT-Totaal",
            "ORIGIN_OIN": "00000001001918000000",
            "GEMEENTE_VAN_INSCHRIJVING": "",
            "TIMEOUT_SECONDS": 2,
            "RETRIES": 0,
        }
        yield server


def _contexts_from_brp(server, *gezag):
    server.persons[PARENT_BSN] = {**SUZANNE, "gezag": list(gezag)}
    citizen = CitizenFactory(bsn=PARENT_BSN)
    return list(children_with_authority(_request(citizen)))


@pytest.mark.parametrize(
    "relation",
    [
        _gezag(
            "GezamenlijkOuderlijkGezag",
            ouders=[{"burgerservicenummer": PARENT_BSN}, {"burgerservicenummer": OTHER_PARENT_BSN}],
        ),
        # The deprecated name of the same relation.
        _gezag("TweehoofdigOuderlijkGezag", ouders=[{"burgerservicenummer": PARENT_BSN}]),
        _gezag("EenhoofdigOuderlijkGezag", ouder={"burgerservicenummer": PARENT_BSN}),
        _gezag(
            "GezamenlijkGezag",
            ouder={"burgerservicenummer": PARENT_BSN},
            derde={"type": "OnbekendeDerde"},
        ),
    ],
    ids=lambda relation: relation["type"],
)
def test_haal_centraal_parental_gezag_gives_the_parent_a_context(haal_centraal, relation):
    [context] = _contexts_from_brp(haal_centraal, relation)
    assert context.basis == Basis.PARENT
    assert (context.subject.bsn, context.subject.name) == (CHILD_BSN, "Noah de Vries")
    assert context.valid_until == date(2034, 9, 7)
    [sent] = haal_centraal.requests
    assert "gezag" in sent["body"]["fields"]
    headers = {key.lower(): value for key, value in sent["headers"].items()}
    assert headers["x-verwerking"] == "Vertegenwoordigingsbevoegdheid vaststellen"


@pytest.mark.parametrize(
    "relation",
    [
        # Only the other parent holds gezag.
        _gezag("EenhoofdigOuderlijkGezag", ouder={"burgerservicenummer": OTHER_PARENT_BSN}),
        _gezag("TijdelijkGeenGezag", toelichting="Tijdelijk geen gezag"),
        _gezag("GezagNietTeBepalen", toelichting="Gezag niet te bepalen"),
        _gezag("Voogdij", derden=[{"type": "OnbekendeDerde"}]),
    ],
    ids=lambda relation: relation["type"],
)
def test_haal_centraal_without_gezag_for_this_parent_no_context(haal_centraal, relation):
    # SUZANNE lists Noah among her "kinderen": being a parent is not enough.
    assert _contexts_from_brp(haal_centraal, relation) == []


def test_haal_centraal_a_known_guardian_is_a_legal_representative(haal_centraal):
    relation = _gezag(
        "Voogdij", derden=[{"type": "BekendeDerde", "burgerservicenummer": PARENT_BSN}]
    )
    [context] = _contexts_from_brp(haal_centraal, relation)
    assert context.basis == Basis.REPRESENTATIVE


def test_haal_centraal_date_of_birth_falls_back_to_the_childs_entry(haal_centraal):
    minor = {"burgerservicenummer": CHILD_BSN, "naam": {"voornamen": "Noah"}}
    relation = {
        "type": "EenhoofdigOuderlijkGezag",
        "minderjarige": minor,
        "ouder": {"burgerservicenummer": PARENT_BSN},
    }
    [context] = _contexts_from_brp(haal_centraal, relation)
    assert context.valid_until == date(2034, 9, 7)


def test_haal_centraal_unavailable_offers_no_children_and_no_error(haal_centraal):
    haal_centraal.script = [FakeBrpServer.error(503)]
    citizen = CitizenFactory(bsn=PARENT_BSN)
    assert list(children_with_authority(_request(citizen))) == []
