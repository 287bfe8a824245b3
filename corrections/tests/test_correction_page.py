"""The "Klopt er iets niet?" pages: choosing the field, the form with its
errors, and landing on the new case (which Mijn overzicht lists)."""

import re

import pytest

from cases.models import Case
from corrections.models import CorrectionRequest
from identity.access_log import AccessLogEntry
from identity.tests.factories import LocalPersonFactory, correction_case_type_at

pytestmark = pytest.mark.django_db

URL = "/mijn/gegevens/correctie/"


@pytest.fixture
def person(citizen):
    correction_case_type_at()
    return LocalPersonFactory(bsn=citizen.bsn)


def token_of(response) -> str:
    return re.search(r'name="token" value="([^"]+)"', response.content.decode()).group(1)


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "correctie" not in response["Location"].split("?")[0]


def test_mijn_gegevens_links_each_registry_field_to_the_form(citizen_client, person):
    html = citizen_client.get("/mijn/gegevens/").content.decode()
    for code in ("name", "date_of_birth", "nationality", "address"):
        assert f'href="{URL}?gegeven={code}"' in html
    assert html.count("Klopt er iets niet?") >= 4


def test_an_unknown_field_shows_the_choice_with_an_error(citizen_client, person):
    response = citizen_client.get(URL, {"gegeven": "bsn"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "data-error-summary" in html
    assert 'href="#id_gegeven_0"' in html
    assert "Kies welk gegeven niet klopt." in html
    # Submitted without a choice: the same error; not submitted yet: none.
    assert (
        "Kies welk gegeven niet klopt." in citizen_client.get(URL, {"stap": "2"}).content.decode()
    )
    assert "data-error-summary" not in citizen_client.get(URL).content.decode()


def test_the_form_shows_the_registered_value(citizen_client, person):
    response = citizen_client.get(URL, {"gegeven": "address"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Dorpsstraat 12, 2712 AB Zoetermeer" in html
    assert "no-store" in response["Cache-Control"]


def test_errors_are_summarised_and_linked_and_nothing_is_filed(citizen_client, person):
    path = f"{URL}?gegeven=address"
    token = token_of(citizen_client.get(path))
    response = citizen_client.post(
        path, {"token": token, "street": "Stationsplein", "postcode": "12", "explanation": ""}
    )
    html = response.content.decode()
    assert response.status_code == 200
    for anchor in ("id_house_number", "id_postcode", "id_city", "id_explanation"):
        assert f'href="#{anchor}"' in html
    assert 'aria-invalid="true"' in html
    assert "<title>Fout:" in html
    assert not Case.objects.exists()


def test_submitting_lands_on_the_case_and_a_resubmit_files_nothing_new(citizen_client, person):
    path = f"{URL}?gegeven=nationality"
    token = token_of(citizen_client.get(path))
    data = {"token": token, "nationality": "Belgische", "explanation": "Ik ben Belg."}
    response = citizen_client.post(path, data, follow=True)

    correction = CorrectionRequest.objects.get()
    assert response.redirect_chain[-1][0] == correction.case.get_absolute_url()
    html = response.content.decode()
    assert "Uw verzoek is ontvangen" in html
    assert "Belgische" in html and "Ik ben Belg." in html
    # The double submit (back button, second click) returns to the same case.
    again = citizen_client.post(path, data)
    assert again["Location"] == correction.case.get_absolute_url()
    assert CorrectionRequest.objects.count() == 1
    # Mijn overzicht lists it at once.
    overview = citizen_client.get("/mijn/").content.decode()
    assert "Correctie persoonsgegevens: nationaliteit" in overview


def test_the_form_and_its_submit_are_one_logged_lookup(citizen_client, citizen, person):
    """The citizen's own repeated lookup for one purpose is one access
    (identity/access_log.py, OWN_ACCESS_WINDOW; issue 15.8)."""
    path = f"{URL}?gegeven=nationality"
    token = token_of(citizen_client.get(path))
    citizen_client.post(path, {"token": token, "nationality": "Belgische", "explanation": "U"})
    assert AccessLogEntry.objects.filter(action="looked_up").count() == 1


def test_a_date_of_birth_is_read_as_day_month_year(citizen_client, person):
    path = f"{URL}?gegeven=date_of_birth"
    token = token_of(citizen_client.get(path))
    wrong = citizen_client.post(
        path, {"token": token, "date_of_birth": "14 maart", "explanation": "U"}
    )
    assert "Vul de datum in als dag-maand-jaar" in wrong.content.decode()
    response = citizen_client.post(
        path, {"token": token, "date_of_birth": "14-04-1985", "explanation": "Zie geboorteakte."}
    )
    correction = CorrectionRequest.objects.get()
    assert response["Location"] == correction.case.get_absolute_url()
    assert correction.requested_value == {"date_of_birth": "1985-04-14"}
    assert correction.old_value == {"date_of_birth": "1985-03-14"}
