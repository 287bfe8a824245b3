"""Every PDF template gives a structure tree a screen reader can follow (issue 22).

The Open Formulieren audit of WeasyPrint output (open-formulieren issue 6367) found
text directly in container tags, text outside paragraphs and text tagged twice. This
walks the tree of each of our templates with pikepdf and checks: real paragraphs,
headings in order, tables with header cells that data cells point to (through the
/IDTree), figures with alt text, no text straight in a container, every piece of
marked content tagged exactly once and in reading order, /Lang and the title shown
in the window title (PDF/UA-1, ISO 14289-1 7.1, 7.2, 7.4, 7.5, 7.18).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from itertools import pairwise
from types import SimpleNamespace

import pikepdf
import pytest

from documents.letters import decision_html, receipt_html
from documents.pdf import render_pdf

# Elements that group others and may never hold text themselves.
CONTAINERS = {
    "/Document",
    "/Part",
    "/Sect",
    "/Div",
    "/Art",
    "/Table",
    "/TBody",
    "/THead",
    "/TFoot",
    "/TR",
    "/L",
    "/NonStruct",
}
# Elements whose content is read as text.
TEXT_BLOCKS = {
    "/P",
    "/H1",
    "/H2",
    "/H3",
    "/H4",
    "/H5",
    "/H6",
    "/TH",
    "/TD",
    "/LI",
    "/LBody",
    "/Lbl",
    "/Caption",
    "/Figure",
    "/Link",
    "/Span",
    "/Note",
    "/Quote",
}
KNOWN = CONTAINERS | TEXT_BLOCKS


@dataclass
class Tree:
    elements: list = field(default_factory=list)  # (type, element, ancestors' types)
    mcids: list = field(default_factory=list)  # (page objgen, mcid) in reading order
    loose_text: list = field(default_factory=list)  # container types holding an MCID


def walk(node, tree: Tree, ancestors: tuple, page=None) -> None:
    if isinstance(node, pikepdf.Array):
        for kid in node:
            walk(kid, tree, ancestors, page)
        return
    if isinstance(node, int):
        tree.mcids.append((page.objgen if page is not None else None, int(node)))
        if ancestors and ancestors[-1] in CONTAINERS:
            tree.loose_text.append(ancestors[-1])
        return
    if not isinstance(node, pikepdf.Dictionary):
        return
    if node.get("/Type") == "/MCR":
        tree.mcids.append((node.get("/Pg", page).objgen, int(node.MCID)))
        return
    kind = str(node.get("/S"))
    tree.elements.append((kind, node, ancestors))
    page = node.get("/Pg", page)
    if "/K" in node:
        walk(node.K, tree, (*ancestors, kind), page)


def marked_content(pdf) -> list:
    """(page, mcid) of every marked-content sequence in the page content streams."""
    found = []
    for page in pdf.pages:
        for operands, operator in pikepdf.parse_content_stream(page):
            properties = operands[1] if str(operator) == "BDC" else None
            if isinstance(properties, pikepdf.Dictionary) and "/MCID" in properties:
                found.append((page.obj.objgen, int(properties.MCID)))
    return found


def text_of(pdf) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


AGENCY = SimpleNamespace(name="Gemeente Zoetermeer")
CASE = SimpleNamespace(
    reference="ZTM-2026-000123",
    title="Dakkapel plaatsen",
    agency=AGENCY,
    planned_end_on=date(2026, 8, 1),
)
TEMPLATE = SimpleNamespace(
    letterhead="Postbus 15\n2700 AA Zoetermeer",
    salutation="Geachte {{ naam }},",
    body="U vroeg om een vergunning.\n\n{{ besluittekst }}",
    signature="Met vriendelijke groet,\n\nHet college van burgemeester en wethouders",
    objection="Bent u het niet eens? Maak dan bezwaar vóór {{ bezwaartermijn }}.",
    objection_instructions="Stuur uw bezwaar naar:\nPostbus 15\n2700 AA Zoetermeer",
)


def decision_pdf() -> bytes:
    html = decision_html(
        template=TEMPLATE,
        case=CASE,
        decision_text="Wij verlenen de vergunning.",
        decision_date=date(2026, 7, 9),
        objection_deadline=date(2026, 8, 20),
        recipient_name="S. Moulin",
        recipient_address="Dorpsstraat 1\n2700 AA Zoetermeer",
    )
    return render_pdf(
        html,
        title="Besluit: Dakkapel plaatsen",
        language="nl",
        author="Zoetermeer",
        # Fixed: a render crossing a second boundary would change the dates.
        created=datetime(2026, 7, 9, 12, 0, tzinfo=UTC),
    )


def receipt_pdf() -> bytes:
    html = receipt_html(
        case=CASE,
        submitted_at=datetime(2026, 7, 1, 10, 0),
        answers=[("Naam", "Suzanne Moulin"), ("Verhuisdatum", "1 juli 2026"), ("Toelichting", "")],
    )
    return render_pdf(
        html, title="Ontvangstbevestiging ZTM-2026-000123", language="nl", author="Zoetermeer"
    )


def formal_message(citizen, *, attachments: bool = True):
    """A klacht sent through the portal: the receipt, ledger and its details."""
    from cases.tests.factories import AgencyFactory, CaseFactory, CaseTypeFactory
    from identity.actors import Actor
    from identity.loa import LevelOfAssurance
    from messaging import services
    from messaging.kinds import MessageKind
    from messaging.tests.factories import objection_and_complaint_channels, upload

    agency = AgencyFactory(name="Gemeente Zoetermeer")
    case = CaseFactory(case_type=CaseTypeFactory(agency=agency), closed=True)
    objection_and_complaint_channels(agency)
    return services.send_message_to_agency(
        actor=Actor.citizen(citizen),
        citizen_bsn=citizen.bsn,
        agency=agency,
        case=case,
        kind=MessageKind.KLACHT,
        body="Ik wachtte drie uur aan de balie.\n\nNiemand zei waarom.",
        # An empty answer: the receipt says "Niet ingevuld".
        details={"complaint_about": "De balie", "complaint_when": ""},
        uploads=[upload("foto.png")] if attachments else [],
        idempotency_key="structure",
        level=LevelOfAssurance.MIDDEN,
    )


def message_receipt_pdf(citizen) -> bytes:
    from messaging.receipts import receipt_pdf

    return receipt_pdf(formal_message(citizen))


def message_receipt_without_attachments_pdf(citizen) -> bytes:
    from messaging.receipts import receipt_pdf

    return receipt_pdf(formal_message(citizen, attachments=False))


def ledger_pdf(citizen) -> bytes:
    from messaging.receipts import ledger_pdf

    return ledger_pdf(formal_message(citizen))


def postal_letter_pdf(citizen) -> bytes:
    """A formal message to a citizen without digital consent goes by post (Awb 2:8)."""
    from datetime import timedelta

    from django.utils import timezone

    from backoffice.tests.factories_backoffice import CaseworkerFactory
    from cases.tests.factories import AgencyFactory, CaseFactory, CaseTypeFactory
    from documents.tests.factories import DocumentFactory
    from identity.actors import Actor
    from identity.tests.factories import LocalPersonFactory
    from messaging import services
    from messaging.consent_models import MessageType, PostalLetter
    from messaging.letters import postal_letter_pdf
    from messaging.tests.factories import global_message_types

    global_message_types()
    LocalPersonFactory(bsn=citizen.bsn)
    agency = AgencyFactory(name="Gemeente Zoetermeer")
    case = CaseFactory(case_type=CaseTypeFactory(agency=agency), bsn=citizen.bsn)
    message = services.send_message_to_citizen(
        actor=Actor.system("test"),
        agency=agency,
        citizen_bsn=citizen.bsn,
        case=case,
        message_type=MessageType.objects.get(agency=None, code="verzoek_aanvulling"),
        subject="Verzoek om aanvulling",
        body="Wij missen uw loonstroken.\n\nStuur ze binnen twee weken.",
        is_formal=True,
        expects_action_by=timezone.localdate() + timedelta(days=14),
        documents=[DocumentFactory(case=case, title="Besluit")],
        idempotency_key="letter",
    )
    letter = PostalLetter.objects.get(message=message)
    return postal_letter_pdf(letter, viewer=CaseworkerFactory(agency=agency))


# Every template that becomes a PDF (templates/**/pdf/*.html but the base), and the
# function that renders it; a PDF template added without a case here fails
# test_every_pdf_template_is_walked. The ones taking `citizen` need the database.
TEMPLATES = {
    "decision": decision_pdf,
    "receipt": receipt_pdf,
    "message_receipt": message_receipt_pdf,
    "message_receipt_without_attachments": message_receipt_without_attachments_pdf,
    "ledger": ledger_pdf,
    "postal_letter": postal_letter_pdf,
}
TEMPLATE_FILES = {
    "documents/pdf/decision.html": "decision",
    "documents/pdf/receipt.html": "receipt",
    "messaging/pdf/receipt.html": "message_receipt",
    "messaging/pdf/ledger.html": "ledger",
    "messaging/pdf/postal_letter.html": "postal_letter",
}
NEEDS_DATABASE = {
    "message_receipt",
    "message_receipt_without_attachments",
    "ledger",
    "postal_letter",
}


def render(name: str, request) -> bytes:
    if name in NEEDS_DATABASE:
        return TEMPLATES[name](request.getfixturevalue("citizen"))
    return TEMPLATES[name]()


@pytest.fixture(params=sorted(TEMPLATES))
def rendered(request):
    data = render(request.param, request)
    pdf = pikepdf.open(io.BytesIO(data))
    tree = Tree()
    walk(pdf.Root.StructTreeRoot.K, tree, ())
    yield data, pdf, tree
    pdf.close()


def test_document_says_its_language_and_shows_its_title(rendered):
    _, pdf, _ = rendered
    assert str(pdf.Root.Lang) == "nl"
    assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
    assert pdf.Root.MarkInfo.Marked is True
    with pdf.open_metadata() as meta:
        assert meta.get("dc:title")


def test_only_known_standard_structure_types(rendered):
    _, _, tree = rendered
    assert {kind for kind, _, _ in tree.elements} <= KNOWN


def test_no_text_directly_in_a_container(rendered):
    _, _, tree = rendered
    assert tree.loose_text == []
    # Text is inside a block a reader announces: a Span only inside a text block.
    for kind, _, ancestors in tree.elements:
        if kind == "/Span":
            assert ancestors[-1] in TEXT_BLOCKS, ancestors


def test_every_piece_of_text_is_tagged_once_and_in_reading_order(rendered):
    _, pdf, tree = rendered
    in_content = marked_content(pdf)
    assert in_content, "nothing is marked content"
    # Once: no duplicated text in the tag layer; all: nothing untagged outside artifacts.
    assert sorted(tree.mcids) == sorted(in_content)
    assert len(set(tree.mcids)) == len(tree.mcids)
    # Reading order: the tree visits content in the order it is drawn on each page.
    for page in {page for page, _ in tree.mcids}:
        order = [mcid for p, mcid in tree.mcids if p == page]
        assert order == sorted(order)


def test_headings_start_at_h1_and_skip_no_level(rendered):
    _, _, tree = rendered
    levels = [int(kind[2]) for kind, _, _ in tree.elements if kind in {"/H1", "/H2", "/H3"}]
    assert levels and levels[0] == 1 and levels.count(1) == 1
    assert all(b - a <= 1 for a, b in pairwise(levels))
    paragraphs = [kind for kind, _, _ in tree.elements if kind == "/P"]
    assert len(paragraphs) >= 3


def test_label_value_pairs_are_table_rows_with_associated_headers(rendered):
    """A row is either a row of column headers (Scope Column) or data whose every cell
    names its header(s) through /Headers, resolvable in the /IDTree: a row header
    (Scope Row, the label of a label/value pair) or the column headers above it."""
    _, pdf, tree = rendered
    id_tree = pikepdf.NameTree(pdf.Root.StructTreeRoot.IDTree)
    rows = [element for kind, element, _ in tree.elements if kind == "/TR"]
    assert rows
    column_headers: set = set()
    for row in rows:
        cells = [kid for kid in row.K if isinstance(kid, pikepdf.Dictionary)]
        if all(cell.S == "/TH" for cell in cells):
            assert all(cell.A.Scope == "/Column" for cell in cells)
            column_headers |= {str(cell.ID) for cell in cells}
            continue
        header = cells[0] if cells[0].S == "/TH" else None
        data = cells[1:] if header is not None else cells
        if header is not None:
            assert header.A.Scope == "/Row"
        assert data and all(cell.S == "/TD" for cell in data)
        for cell in data:
            names = [str(name) for name in cell.A.Headers]
            assert names
            for name in names:
                assert id_tree[name].S == "/TH"
            if header is not None:
                assert names[0] == str(header.ID)
                assert id_tree[names[0]].objgen == header.objgen
            else:
                assert set(names) <= column_headers
            assert "/K" in cell, "an empty cell: a reader hears nothing"


def test_figures_have_alt_text(rendered):
    _, _, tree = rendered
    for kind, element, _ in tree.elements:
        if kind == "/Figure":
            assert str(element.get("/Alt", "")).strip()


def test_an_empty_answer_says_niet_ingevuld():
    text = text_of(receipt_pdf())
    assert "Toelichting" in text and "Niet ingevuld" in text


def test_an_empty_detail_of_a_formal_message_says_niet_ingevuld(citizen):
    text = text_of(message_receipt_pdf(citizen))
    assert "Wanneer gebeurde het?" in text and "Niet ingevuld" in text


def test_every_pdf_template_is_walked():
    """Every template under a templates/<app>/pdf/ folder is rendered above: a new
    PDF cannot skip the structure check (issue 22: every generated PDF)."""
    from pathlib import Path

    from django.conf import settings

    found = set()
    for folder in Path(settings.BASE_DIR).glob("*/templates/*/pdf"):
        for template in folder.glob("*.html"):
            found.add(f"{folder.parent.name}/pdf/{template.name}")
    found.discard("documents/pdf/letter_base.html")
    assert found == set(TEMPLATE_FILES)
    assert set(TEMPLATE_FILES.values()) <= set(TEMPLATES)


def test_the_same_letter_gives_the_same_bytes():
    assert decision_pdf() == decision_pdf()
