import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from identity.decorators import citizen_required
from identity.loa import SESSION_KEY, LevelOfAssurance
from identity.tests.factories import CitizenFactory, StaffUserFactory

pytestmark = pytest.mark.django_db


@citizen_required
def basic_view(request):
    return HttpResponse("ok")


@citizen_required(level=LevelOfAssurance.SUBSTANTIEEL)
def substantial_view(request):
    return HttpResponse("ok")


def _request(user, level=None):
    request = RequestFactory().get("/mijn/zaken/?filter=open")
    request.user = user
    request.session = {} if level is None else {SESSION_KEY: int(level)}
    return request


def test_citizen_at_sufficient_level_gets_the_page():
    assert basic_view(_request(CitizenFactory(), LevelOfAssurance.MIDDEN)).status_code == 200


def test_staff_user_is_sent_to_digid_login_not_shown_the_page():
    response = basic_view(_request(StaffUserFactory(), LevelOfAssurance.HOOG))
    assert response.status_code == 302


def test_lower_level_is_sent_to_step_up_with_next_and_level():
    response = substantial_view(_request(CitizenFactory(), LevelOfAssurance.MIDDEN))
    assert response.status_code == 302
    assert "niveau=substantieel" in response["Location"]
    assert "next=%2Fmijn%2Fzaken%2F%3Ffilter%3Dopen" in response["Location"]


def test_higher_level_satisfies_a_lower_requirement():
    assert substantial_view(_request(CitizenFactory(), LevelOfAssurance.HOOG)).status_code == 200
