"""One citizen's zaken at a ZGW agency, for tests, the bench and the demo:
an open zaak with two statuses (one with our citizen text, one without), a
document, one too confidential to show and a decision; a closed zaak with a
result; and an eSuite-style identification. Three zaken, so a page size of two
makes the list paginate."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .server import FakeZgw


@dataclass
class Story:
    open_zaak: dict
    closed_zaak: dict
    esuite_zaak: dict
    received: dict  # statustype with a citizen text in our back office (tests add it)
    assessing: dict  # statustype without one: its omschrijving is shown
    document: dict
    secret_document: dict


PDF = b"%PDF-1.7\n% Open Loket test document\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def tell(fake: FakeZgw, *, bsn: str) -> Story:
    vergunning = fake.add_zaaktype("Watervergunning")
    received = fake.add_statustype(vergunning, "Aanvraag geregistreerd", 1)
    assessing = fake.add_statustype(vergunning, "In behandeling bij team vergunningen", 2)
    done = fake.add_statustype(vergunning, "Afgehandeld", 3)

    open_zaak = fake.add_zaak(
        bsn=bsn,
        zaaktype=vergunning,
        identificatie="ZAAK-2026-0000000101",
        omschrijving="Vergunning voor een steiger aan de Vaartsche Rijn",
    )
    fake.set_status(open_zaak, received, "2026-11-02T09:00:00Z")
    fake.set_status(open_zaak, assessing, "2026-11-20T10:15:00Z")
    document = fake.add_document(
        open_zaak, titel="Ontvangstbevestiging", content=PDF, bestandsnaam="ontvangst.pdf"
    )
    secret_document = fake.add_document(
        open_zaak,
        titel="Intern advies",
        content=PDF,
        bestandsnaam="advies.pdf",
        vertrouwelijkheid="geheim",
    )
    fake.add_besluit(
        open_zaak,
        identificatie="BESLUIT-2026-17",
        datum=date(2026, 11, 25),
        toelichting="Deelbesluit",
    )

    closed_zaak = fake.add_zaak(
        bsn=bsn,
        zaaktype=vergunning,
        identificatie="ZAAK-2026-0000000042",
        omschrijving="Ontheffing voor het lozen van bemalingswater",
        startdatum=date(2026, 3, 1),
        einddatum_gepland=date(2026, 4, 26),
    )
    fake.set_status(closed_zaak, done, "2026-04-10T14:00:00Z")
    fake.close(
        closed_zaak,
        einddatum=date(2026, 4, 10),
        omschrijving="Verleend",
        toelichting="De ontheffing is verleend.",
    )

    esuite_zaak = fake.add_zaak(
        bsn=bsn,
        zaaktype=vergunning,
        identificatie="0000012345",  # eSuite: a bare, zero-padded number
        omschrijving="",  # no omschrijving: the zaaktype's name stands in
        startdatum=date(2026, 10, 5),
    )
    return Story(
        open_zaak, closed_zaak, esuite_zaak, received, assessing, document, secret_document
    )
