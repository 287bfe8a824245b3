"""A caseworker of agency X gets a 404 for every screen and action on agency
Y's cases, exactly like for a case that does not exist (house rule)."""

import pytest
from django.urls import reverse

from backoffice import selectors
from backoffice.tests.factories_backoffice import CaseworkerFactory, EditorFactory
from cases.models import Case, StatusUpdate
from cases.tests.factories import AgencyFactory, CaseFactory, CaseTypeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    x, y = AgencyFactory(), AgencyFactory()
    own = CaseFactory(case_type=CaseTypeFactory(agency=x))
    other = CaseFactory(case_type=CaseTypeFactory(agency=y))
    return {"x": x, "y": y, "own": own, "other": other, "caseworker": CaseworkerFactory(agency=x)}


def _screens(case):
    return [
        ("get", reverse("cases_backoffice:detail", args=[case.pk]), {}),
        ("get", reverse("cases_backoffice:publish_status", args=[case.pk]), {}),
        (
            "post",
            reverse("cases_backoffice:publish_status", args=[case.pk]),
            {"action": "preview", "status_type": case.case_type.status_types.last().pk},
        ),
        (
            "post",
            reverse("cases_backoffice:publish_status", args=[case.pk]),
            {
                "action": "publish",
                "status_type": case.case_type.status_types.get(name="in_behandeling").pk,
                "explanation": "Gehackt",
            },
        ),
    ]


def test_selector_hides_other_agencies_cases(setup):
    user = setup["caseworker"]
    assert list(selectors.cases_for_caseworker(user=user)) == [setup["own"]]
    assert selectors.case_for_caseworker(user=user, pk=setup["own"].pk) == setup["own"]
    with pytest.raises(Case.DoesNotExist):
        selectors.case_for_caseworker(user=user, pk=setup["other"].pk)


def test_every_screen_and_action_on_another_agencys_case_is_404(client, setup):
    client.force_login(setup["caseworker"])
    other = setup["other"]
    for method, url, data in _screens(other):
        response = getattr(client, method)(url, data)
        assert response.status_code == 404, (method, url)
    # Nothing changed on the other agency's case.
    assert StatusUpdate.objects.filter(case=other).count() == 1
    assert not other.notifications.filter(status_update__explanation="Gehackt").exists()


def test_the_same_screens_work_for_own_case(client, setup):
    client.force_login(setup["caseworker"])
    for method, url, data in _screens(setup["own"])[:3]:
        assert getattr(client, method)(url, data).status_code == 200, url


def test_a_guessed_id_that_does_not_exist_is_404_too(client, setup):
    client.force_login(setup["caseworker"])
    assert client.get(reverse("cases_backoffice:detail", args=[999999])).status_code == 404


def test_list_shows_only_own_agency(client, setup):
    client.force_login(setup["caseworker"])
    response = client.get(reverse("cases_backoffice:list"))
    assert response.status_code == 200
    assert setup["own"].reference.encode() in response.content
    assert setup["other"].reference.encode() not in response.content


def test_open_case_refuses_another_agencys_case_type(client, setup):
    client.force_login(setup["caseworker"])
    other_type = setup["other"].case_type
    response = client.post(
        reverse("cases_backoffice:open"),
        {"case_type": other_type.pk, "bsn": "999993653", "title": "Niet van ons"},
    )
    assert response.status_code == 200
    assert "case_type" in response.context["form"].errors
    assert not Case.objects.filter(title="Niet van ons").exists()


def test_editor_without_membership_has_no_case_screens(client, setup):
    client.force_login(EditorFactory())
    assert client.get(reverse("cases_backoffice:list")).status_code == 404
    assert client.get(reverse("cases_backoffice:detail", args=[setup["own"].pk])).status_code == 404
    assert client.get(reverse("cases_backoffice:open")).status_code == 404
    # ... but the editor does reach the admin itself.
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def test_anonymous_is_sent_to_login(client, setup):
    response = client.get(reverse("cases_backoffice:detail", args=[setup["own"].pk]))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"] or "login" in response["Location"]
