"""The case screens: list (search, filters, sorting), detail (audited),
publishing a status through cases.services.set_status, opening a case."""

import pytest
from django.urls import reverse

from backoffice.tests.factories_backoffice import CaseworkerFactory
from cases import services
from cases.models import Case, CaseEvent, StatusUpdate
from cases.tests.factories import AgencyFactory, CaseFactory, CaseTypeFactory
from identity.access_log import AccessAction, AccessLogEntry, ActorKind
from identity.actors import Actor
from identity.tests.factories import CitizenFactory, LocalPersonFactory
from notifications.models import Notification

pytestmark = pytest.mark.django_db

BSN = "999993653"


@pytest.fixture
def agency():
    return AgencyFactory(name="Gemeente Zoetermeer")


@pytest.fixture
def caseworker(agency, client):
    user = CaseworkerFactory(agency=agency)
    client.force_login(user)
    return user


@pytest.fixture
def case_type(agency):
    return CaseTypeFactory(agency=agency)


def _publish(client, case, status_name, action="publish", **extra):
    status_type = case.case_type.status_types.get(name=status_name)
    data = {"action": action, "status_type": status_type.pk, "explanation": "", **extra}
    return client.post(reverse("cases_backoffice:publish_status", args=[case.pk]), data)


def test_detail_shows_internal_fields_history_and_is_in_the_citizens_access_log(
    client, caseworker, case_type
):
    CitizenFactory(bsn=BSN, first_name="Suzanne", last_name="Moulin")
    case = CaseFactory(case_type=case_type, bsn=BSN, in_progress=True)
    response = client.get(reverse("cases_backoffice:detail", args=[case.pk]))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Suzanne Moulin" in content
    assert "******653" in content and BSN not in content
    # Issue 15.11: what the status means and who set it in words, no internal codes.
    assert "Uw aanvraag is in behandeling" in content and "in_behandeling" not in content
    assert "Systeem" in content
    entry = AccessLogEntry.objects.for_subject(BSN).filter(action=AccessAction.VIEWED).get()
    assert entry.actor_kind == ActorKind.CASEWORKER
    assert entry.organisation == "Gemeente Zoetermeer"
    assert entry.actor_user == caseworker
    assert response["Cache-Control"] == "no-store"


def test_preview_shows_the_citizens_view_and_saves_nothing(client, caseworker, case_type):
    case = CaseFactory(case_type=case_type)
    response = _publish(
        client, case, "in_behandeling", action="preview", explanation="We kijken ernaar."
    )
    assert response.status_code == 200
    assert "Uw aanvraag is in behandeling" in response.content.decode()
    assert "We kijken ernaar." in response.content.decode()
    assert StatusUpdate.objects.filter(case=case).count() == 1


def test_publish_goes_through_set_status_with_the_caseworker_as_actor(
    client, caseworker, case_type
):
    case = CaseFactory(case_type=case_type)
    response = _publish(client, case, "in_behandeling", explanation="Een medewerker kijkt ernaar.")
    assert response.status_code == 302
    case.refresh_from_db()
    update = case.current_status
    assert update.status_type.name == "in_behandeling"
    assert update.explanation == "Een medewerker kijkt ernaar."
    assert update.set_by_user == caseworker and update.set_by_kind == ActorKind.CASEWORKER
    event = CaseEvent.objects.filter(case=case, actor_user=caseworker).get()
    assert event.kind == "status_set"
    # The outbox row was written in the same transaction.
    assert Notification.objects.filter(status_update=update).count() == 1


def test_only_valid_next_status_types_are_offered(client, caseworker, case_type):
    case = CaseFactory(case_type=case_type, action_required=True)
    response = client.get(reverse("cases_backoffice:publish_status", args=[case.pk]))
    offered = {st.name for st in response.context["form"].fields["status_type"].queryset}
    assert offered == {"aanvulling_nodig", "afgehandeld"}
    response = _publish(client, case, "ontvangen")
    assert response.status_code == 200
    assert "status_type" in response.context["form"].errors


def test_publish_form_offers_statuses_in_the_citizens_words(client, caseworker, case_type):
    """Issue 15.11: the choices read as the citizen will, never the internal code."""
    case = CaseFactory(case_type=case_type, action_required=True)
    response = client.get(reverse("cases_backoffice:publish_status", args=[case.pk]))
    labels = [label for _value, label in response.context["form"].fields["status_type"].choices]
    content = response.content.decode()
    assert "aanvulling_nodig" not in content and "afgehandeld:" not in content
    assert any(str(label).endswith("(eindstatus)") for label in labels)


def test_final_status_asks_for_the_result(client, caseworker, case_type):
    case = CaseFactory(case_type=case_type, in_progress=True)
    response = _publish(client, case, "afgehandeld")
    assert response.status_code == 200
    assert "result_text" in response.context["form"].errors
    response = _publish(
        client, case, "afgehandeld", result_text="Toegekend", result_code="toegekend"
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.is_closed and case.result_text == "Toegekend"
    # A closed case offers nothing more.
    response = client.get(reverse("cases_backoffice:publish_status", args=[case.pk]))
    assert response.status_code == 302


def test_admin_action_and_api_path_produce_identical_results(client, caseworker, agency, case_type):
    """Service reuse: the screen and an API client both end in set_status."""
    by_screen = CaseFactory(case_type=case_type)
    by_api = CaseFactory(case_type=case_type)
    _publish(client, by_screen, "in_behandeling", explanation="Gelijk")
    services.set_status(
        case=by_api,
        status_type=case_type.status_types.get(name="in_behandeling"),
        actor=Actor.api_client(reference="zaaksysteem", agency=agency),
        explanation="Gelijk",
    )

    def shape(case):
        case.refresh_from_db()
        update = case.current_status
        return (
            update.status_type_id,
            update.explanation,
            list(case.events.values_list("kind", flat=True)),
            Notification.objects.filter(case=case).count(),
            AccessLogEntry.objects.filter(
                detail__case_id=case.pk, action=AccessAction.CHANGED
            ).count(),
            case.last_changed_at == update.set_at,
        )

    assert shape(by_screen) == shape(by_api)


def test_search_is_posted_and_kept_out_of_urls(client, caseworker, case_type):
    CitizenFactory(bsn=BSN, first_name="Suzanne", last_name="Moulin")
    mine = CaseFactory(case_type=case_type, bsn=BSN, title="Dakkapel")
    other = CaseFactory(case_type=case_type, bsn="999990019", title="Schutting")
    for term, expected in [
        ("Moulin", mine),
        ("Schutting", other),
        (BSN, mine),
        (mine.reference, mine),
    ]:
        response = client.post(reverse("cases_backoffice:search"), {"q": term})
        assert response.status_code == 302
        assert term not in response["Location"]
        page = client.get(response["Location"])
        assert [c.pk for c in page.context["page"].object_list] == [expected.pk], term
    # A BSN search is a lookup the citizen can see in their access log (once
    # per search, not per page of results).
    looked_up = AccessLogEntry.objects.for_subject(BSN).filter(action=AccessAction.LOOKED_UP)
    assert looked_up.count() == 1
    client.post(reverse("cases_backoffice:search"), {"q": BSN})
    client.get(reverse("cases_backoffice:list"))
    client.get(reverse("cases_backoffice:list"), {"p": 1, "sort": "reference"})
    assert looked_up.count() == 2
    client.post(reverse("cases_backoffice:search"), {"clear": "1"})
    page = client.get(reverse("cases_backoffice:list"))
    assert page.context["page"].paginator.count == 2


def test_filters_sorting_and_pagination(client, caseworker, case_type):
    overdue = CaseFactory(case_type=case_type, overdue=True)
    waiting = CaseFactory(case_type=case_type, action_required=True)
    closed = CaseFactory(case_type=case_type, closed=True)
    url = reverse("cases_backoffice:list")

    def pks(**params):
        return [c.pk for c in client.get(url, params).context["page"].object_list]

    assert pks(overdue="on") == [overdue.pk]
    assert pks(action_required="on") == [waiting.pk]
    assert pks(state="closed") == [closed.pk]
    assert set(pks(state="open")) == {overdue.pk, waiting.pk}
    assert pks(status="aanvulling_nodig") == [waiting.pk]
    assert pks(case_type=case_type.pk, sort="received_on")[0] == overdue.pk
    for _ in range(25):
        CaseFactory(case_type=case_type)
    first = client.get(url)
    assert len(first.context["page"].object_list) == 25
    assert len(client.get(url, {"p": 2}).context["page"].object_list) == 3


def test_dashboard_counts_overdue_and_action_required(client, caseworker, case_type):
    CaseFactory(case_type=case_type, overdue=True)
    CaseFactory(case_type=case_type, action_required=True)
    CaseFactory(case_type=CaseTypeFactory(), overdue=True)  # another agency: not counted
    response = client.get(reverse("wagtailadmin_home"))
    content = response.content.decode()
    assert "1 zaak te laat" in content
    assert "1 zaak wacht op de inwoner" in content


def test_open_case_validates_the_bsn_and_the_registry(client, caseworker, case_type):
    url = reverse("cases_backoffice:open")
    response = client.post(url, {"case_type": case_type.pk, "bsn": "123456789"})
    assert "bsn" in response.context["form"].errors  # elfproef
    response = client.post(url, {"case_type": case_type.pk, "bsn": "999990342"})
    assert response.context["form"].errors.as_data()["bsn"][0].code == "unknown_bsn"
    CitizenFactory(bsn=BSN)  # a portal account alone does not make a known person
    response = client.post(url, {"case_type": case_type.pk, "bsn": BSN, "title": "Handmatig"})
    assert response.context["form"].errors.as_data()["bsn"][0].code == "unknown_bsn"
    LocalPersonFactory(bsn=BSN)  # the person registry (BRP) knows them
    response = client.post(url, {"case_type": case_type.pk, "bsn": BSN, "title": "Handmatig"})
    assert response.status_code == 302
    lookups = AccessLogEntry.objects.for_subject(BSN).filter(action=AccessAction.LOOKED_UP)
    assert lookups.count() == 2 and lookups.first().actor_user == caseworker
    case = Case.objects.get(title="Handmatig")
    assert case.roles.get().bsn == BSN
    assert case.events.get(kind="opened").actor_user == caseworker
    assert BSN not in response["Location"]


def test_undelivered_notifications_are_listed_for_own_agency_only(client, caseworker, case_type):
    from notifications import delivery

    own = CaseFactory(case_type=case_type, title="Eigen zaak")
    other = CaseFactory(case_type=CaseTypeFactory(), title="Andere zaak")
    for case in (own, other):
        delivery.deliver(Notification.objects.get(case=case).pk)  # no address: undeliverable
    response = client.get(reverse("cases_backoffice:undelivered"))
    content = response.content.decode()
    assert "Eigen zaak" in content and "geen bevestigd e-mailadres" in content
    assert "Andere zaak" not in content
    assert "1 bericht niet bezorgd" in client.get(reverse("wagtailadmin_home")).content.decode()
