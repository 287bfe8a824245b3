"""The citizen's pages: ZGW zaken next to local cases, the zaak page, the
document download, and the plain-words state of a source that is down."""

import pytest
from django.core.cache import cache
from django.utils import timezone

from cases.tests.factories import CaseFactory
from identity.access_log import AccessLogEntry
from zgw.models import StatusTypeText
from zgw.testing.story import PDF

from .conftest import BSN

pytestmark = pytest.mark.django_db


def detail(zaak) -> str:
    return f"/mijn/zaken-zgw/hdsr/{zaak['uuid']}/"


def test_the_overview_shows_local_and_zgw_cases_the_same_way(water_board, story, citizen_client):
    CaseFactory(bsn=BSN, title="Verhuizing doorgeven")
    StatusTypeText.objects.create(
        case_system=water_board,
        statustype_url=story.assessing["url"],
        citizen_text="We beoordelen uw aanvraag",
    )
    response = citizen_client.get("/mijn/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Verhuizing doorgeven" in html
    assert "Vergunning voor een steiger aan de Vaartsche Rijn" in html
    # Our back office's text for the statustype, not the ZGW omschrijving.
    assert "We beoordelen uw aanvraag" in html
    assert "In behandeling bij team vergunningen" not in html
    assert f'href="{detail(story.open_zaak)}"' in html
    # The closed zaak is under "Afgerond".
    assert html.index('id="afgerond"') < html.index("Ontheffing voor het lozen")
    assert "niet bereikbaar" not in html
    # The agency filter offers the ZGW agency too, and filters on it.
    assert "Waterschap De Stichtse Rijnlanden" in html
    only = citizen_client.get("/mijn/?organisatie=hdsr").content.decode()
    assert "Vergunning voor een steiger" in only and "Verhuizing doorgeven" not in only


def test_a_status_without_a_citizen_text_shows_the_zgw_omschrijving(
    water_board, story, citizen_client
):
    html = citizen_client.get("/mijn/").content.decode()
    assert "In behandeling bij team vergunningen" in html


def test_a_source_that_fails_says_so_and_never_pretends_to_be_empty(
    water_board, fake_zgw, citizen_client
):
    fake_zgw.fail_status = 500
    html = citizen_client.get("/mijn/").content.decode()
    assert "De gegevens van Waterschap De Stichtse Rijnlanden zijn nu niet bereikbaar." in html
    assert "U hebt nog geen zaken" not in html
    assert "Traceback" not in html


def test_a_source_that_fails_later_shows_its_last_answer_with_the_time(
    water_board, story, fake_zgw, citizen_client, settings
):
    settings.ZGW_CACHE_SECONDS = 0
    citizen_client.get("/mijn/")
    fake_zgw.fail_status = 500
    html = citizen_client.get("/mijn/").content.decode()
    assert "zijn nu niet bereikbaar" in html
    assert f"Laatst bijgewerkt om {timezone.localtime():%H:}" in html
    assert "Vergunning voor een steiger" in html


def test_a_hanging_source_does_not_hold_the_page(water_board, fake_zgw, citizen_client, settings):
    settings.ZGW_PAGE_TIMEOUT = 0.5
    fake_zgw.hang = True
    started = timezone.now()
    html = citizen_client.get("/mijn/").content.decode()
    assert (timezone.now() - started).total_seconds() < 3
    assert "zijn nu niet bereikbaar" in html


def test_answers_are_cached_per_citizen(water_board, story, fake_zgw, citizen_client):
    citizen_client.get("/mijn/")
    asked = len(fake_zgw.requests)
    citizen_client.get("/mijn/")
    assert len(fake_zgw.requests) == asked


def test_the_zaak_page(water_board, story, citizen_client, citizen):
    response = citizen_client.get(detail(story.open_zaak))
    html = response.content.decode()
    assert response.status_code == 200
    assert "ZAAK-2026-0000000101" in html
    assert "Aanvraag geregistreerd" in html and "In behandeling bij team vergunningen" in html
    assert "28 december 2026" in html
    assert "Ontvangstbevestiging" in html and "Intern advies" not in html
    assert "BESLUIT-2026-17" in html
    entry = AccessLogEntry.objects.get(object_kind="case", object_label="ZAAK-2026-0000000101")
    assert entry.organisation == "Waterschap De Stichtse Rijnlanden"
    assert entry.purpose == "own_view"


def test_the_closed_zaak_shows_its_result(water_board, story, citizen_client):
    html = citizen_client.get(detail(story.closed_zaak)).content.decode()
    assert "De ontheffing is verleend." in html and "10 april 2026" in html


def test_another_citizens_zaak_and_an_unknown_one_are_404(water_board, story, fake_zgw, client):
    from identity.tests.conftest import log_in
    from identity.tests.factories import CitizenFactory

    other = log_in(client, CitizenFactory(bsn="999990019"))
    assert other.get(detail(story.open_zaak)).status_code == 404
    assert (
        other.get("/mijn/zaken-zgw/hdsr/00000000-0000-4000-8000-000000000009/").status_code == 404
    )
    assert other.get(f"/mijn/zaken-zgw/elders/{story.open_zaak['uuid']}/").status_code == 404


def test_the_document_downloads_through_the_portal(water_board, story, citizen_client):
    url = f"{detail(story.open_zaak)}documenten/{story.document['url'].rsplit('/', 1)[-1]}/"
    response = citizen_client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="ontvangst.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "no-store"
    assert AccessLogEntry.objects.filter(object_kind="document", action="downloaded").count() == 1


def test_a_document_above_the_cap_or_of_another_zaak_is_404(water_board, story, citizen_client):
    secret = story.secret_document["url"].rsplit("/", 1)[-1]
    assert citizen_client.get(f"{detail(story.open_zaak)}documenten/{secret}/").status_code == 404
    document = story.document["url"].rsplit("/", 1)[-1]
    assert (
        citizen_client.get(f"{detail(story.closed_zaak)}documenten/{document}/").status_code == 404
    )


def test_the_zaak_page_of_a_source_that_is_down(water_board, story, fake_zgw, citizen_client):
    fake_zgw.fail_status = 500
    response = citizen_client.get(detail(story.open_zaak))
    assert response.status_code == 503
    assert "zijn nu niet bereikbaar" in response.content.decode()


def test_readyz_reports_each_source(water_board, story, fake_zgw, client):
    assert client.get("/readyz").json()["checks"]["zgw:hdsr"] == "ok"
    fake_zgw.fail_status = 500
    cache.clear()
    body = client.get("/readyz").json()
    assert body["checks"]["zgw:hdsr"] == "down"
    assert body["status"] != "unavailable"
