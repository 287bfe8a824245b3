"""Reading zaken from a ZGW source that conforms to the VNG documents."""

import pytest

from zgw.client import ZgwClient
from zgw.reading import zaak_for_bsn, zaken_for_bsn

from .conftest import BSN

pytestmark = pytest.mark.django_db


def test_the_citizens_zaken_across_pages(water_board, story, fake_zgw):
    zaken = zaken_for_bsn(ZgwClient(water_board), bsn=BSN)
    assert sorted(zaak.identificatie for zaak in zaken) == [
        "0000012345",
        "ZAAK-2026-0000000042",
        "ZAAK-2026-0000000101",
    ]
    # Three zaken at two per page: the client followed `next`.
    assert any("page=2" in line or "zaken/api/v1/zaken" in line for line in fake_zgw.requests)
    esuite = next(zaak for zaak in zaken if zaak.identificatie == "0000012345")
    assert esuite.title == "Watervergunning"


def test_one_zaak_with_statuses_result_documents_and_decisions(water_board, story):
    client = ZgwClient(water_board)
    zaak = zaak_for_bsn(client, uuid=story.open_zaak["uuid"], bsn=BSN)
    assert zaak is not None
    assert [status.omschrijving for status in zaak.statuses] == [
        "Aanvraag geregistreerd",
        "In behandeling bij team vergunningen",
    ]
    assert zaak.einddatum_gepland.isoformat() == "2026-12-28"
    # "geheim" is above the agency's maximum (zaakvertrouwelijk): not listed at all.
    assert [document.title for document in zaak.documents] == ["Ontvangstbevestiging"]
    assert [decision.identificatie for decision in zaak.decisions] == ["BESLUIT-2026-17"]

    closed = zaak_for_bsn(client, uuid=story.closed_zaak["uuid"], bsn=BSN)
    assert closed.einddatum.isoformat() == "2026-04-10"
    assert closed.result == "De ontheffing is verleend."


def test_the_confidentiality_cap_is_the_agencys(water_board, story):
    water_board.max_confidentiality = "geheim"
    water_board.save()
    zaak = zaak_for_bsn(ZgwClient(water_board), uuid=story.open_zaak["uuid"], bsn=BSN)
    assert {document.title for document in zaak.documents} == {
        "Ontvangstbevestiging",
        "Intern advies",
    }


def test_a_zaak_of_someone_else_is_none(water_board, story):
    assert (
        zaak_for_bsn(ZgwClient(water_board), uuid=story.open_zaak["uuid"], bsn="999990019") is None
    )


def test_another_agencys_zaak_in_a_shared_open_zaak_is_not_this_agencys(
    water_board, story, fake_zgw
):
    other = fake_zgw.add_zaak(
        bsn=BSN,
        zaaktype=fake_zgw.add_zaaktype("Parkeervergunning"),
        identificatie="GEM-1",
        bronorganisatie="001234567",
    )
    assert zaak_for_bsn(ZgwClient(water_board), uuid=other["uuid"], bsn=BSN) is None
    assert "GEM-1" not in {
        zaak.identificatie for zaak in zaken_for_bsn(ZgwClient(water_board), bsn=BSN)
    }


def test_the_token_is_a_zgw_jwt(settings):
    import jwt

    from zgw.client import make_token

    token = make_token(client_id="open-loket", secret="s" * 32, now=1_800_000_000)
    assert jwt.get_unverified_header(token) == {
        "alg": "HS256",
        "typ": "JWT",
        "client_identifier": "open-loket",
    }
    claims = jwt.decode(token, "s" * 32, algorithms=["HS256"], options={"verify_iat": False})
    assert claims["iss"] == claims["client_id"] == "open-loket"
    assert claims["iat"] == 1_800_000_000
    assert claims["user_id"] and claims["user_representation"]


def test_the_contract_check_catches_a_client_that_drifts(water_board, fake_zgw):
    """Without Accept-Crs the fake answers 412 as Open Zaak does, and the
    OpenAPI check records the request as not conforming (so a test would fail)."""
    import requests

    from zgw.client import make_token

    token = make_token(client_id=fake_zgw.client_id, secret=fake_zgw.secret)
    response = requests.get(
        f"{water_board.zaken_url}/zaken",
        headers={"Authorization": f"Bearer {token}"},
        timeout=5,
    )
    assert response.status_code == 412
    assert any("Accept-Crs" in violation for violation in fake_zgw.violations)
    fake_zgw.violations.clear()  # seen: this test made them on purpose
