"""render_pdf: archival, tagged PDFs that only load our static files."""

from __future__ import annotations

import base64
from io import BytesIO

import pytest
from pypdf import PdfReader
from pypdf.generic import BooleanObject

from documents.pdf import BASE_URL, ResourceRefused, render_pdf, resolve_resource

LETTER = """<!DOCTYPE html>
<html lang="nl"><head><meta charset="utf-8"><title>ignored</title>
<link rel="stylesheet" href="/static/documents/pdf/letter.css"></head>
<body><h1>Besluit op uw aanvraag</h1><p>Wij verlenen u de vergunning. Één café.</p>
{extra}</body></html>"""


def render(extra: str = "") -> PdfReader:
    pdf = render_pdf(
        LETTER.format(extra=extra),
        title="Besluit parkeervergunning",
        language="nl-NL",
        author="Gemeente Zoetermeer",
    )
    assert pdf.startswith(b"%PDF-")
    return PdfReader(BytesIO(pdf))


@pytest.fixture(scope="module")
def letter() -> PdfReader:
    return render()


def xmp(reader: PdfReader) -> str:
    return reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()


def test_text_is_extractable_unicode(letter):
    text = letter.pages[0].extract_text()
    assert "Besluit op uw aanvraag" in text
    assert "Één café." in text


def test_metadata_title_author_language(letter):
    assert letter.metadata.title == "Besluit parkeervergunning"
    assert letter.metadata.author == "Gemeente Zoetermeer"
    root = letter.trailer["/Root"]
    assert root["/Lang"] == "nl-NL"
    # PDF/UA: viewers show the title, not the file name.
    assert root["/ViewerPreferences"]["/DisplayDocTitle"] == BooleanObject(True)
    assert '<dc:title><rdf:Alt><rdf:li xml:lang="x-default">Besluit parkeervergunning' in xmp(
        letter
    )


def test_tagged_with_structure_tree(letter):
    root = letter.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"] == BooleanObject(True)
    tree = root["/StructTreeRoot"].get_object()
    assert tree["/Type"] == "/StructTreeRoot"
    roles = set()

    def walk(node):
        node = node.get_object()
        if "/S" in node:
            roles.add(node["/S"])
        kids = node.get("/K")
        if kids is None:
            return
        for kid in kids if isinstance(kids, list) else [kids]:
            if hasattr(kid, "get_object") and isinstance(kid.get_object(), dict):
                walk(kid)

    walk(tree)
    assert {"/H1", "/P"} <= roles


def test_pdfa_identification_and_output_intent(letter):
    metadata = xmp(letter)
    assert 'pdfaid:part="2"' in metadata
    assert 'pdfaid:conformance="U"' in metadata
    intents = letter.trailer["/Root"]["/OutputIntents"]
    assert intents[0].get_object()["/S"] == "/GTS_PDFA1"


def test_fonts_are_the_vendored_ones_and_embedded(letter):
    fonts = letter.pages[0]["/Resources"]["/Font"]
    names = {str(font.get_object()["/BaseFont"]).split("+")[-1] for font in fonts.values()}
    assert names == {"Open-Loket-Sans-Bold", "Open-Loket-Sans"}
    for font in fonts.values():
        descendant = font.get_object()["/DescendantFonts"][0].get_object()
        assert "/FontFile2" in descendant["/FontDescriptor"]


def test_data_url_image_is_allowed():
    png = base64.b64encode(
        bytes.fromhex(
            "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
            "1f15c4890000000d49444154789c6360000002000100ffff03000006000557bfab"
            "d40000000049454e44ae426082"
        )
    ).decode()
    reader = render(f'<img alt="logo" src="data:image/png;base64,{png}">')
    assert reader.pages[0]["/Resources"]["/XObject"]


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://169.254.169.254/latest/meta-data/",
        "https://example.org/static/documents/pdf/letter.css",
        "ftp://example.org/x",
        f"{BASE_URL}etc/passwd",
        f"{BASE_URL}static/../../../etc/passwd",
        f"{BASE_URL}static/documents/pdf/../../../../etc/passwd",
        f"{BASE_URL}static/%2e%2e/%2e%2e/etc/passwd",
        f"{BASE_URL}static//etc/passwd",
        f"{BASE_URL}static/documents/does-not-exist.css",
    ],
)
def test_fetcher_refuses_everything_but_static_files(url):
    with pytest.raises(ResourceRefused):
        resolve_resource(url)


def test_fetcher_serves_static_files():
    resource = resolve_resource(f"{BASE_URL}static/documents/fonts/DejaVuSans.ttf")
    assert resource.body[:4] == b"\x00\x01\x00\x00"
    css = resolve_resource(f"{BASE_URL}static/documents/pdf/letter.css")
    assert css.mime_type == "text/css"


def test_refused_resources_never_reach_the_pdf():
    # An image from /etc or the network would appear as an XObject; a stylesheet
    # from elsewhere would change the font. Neither may load.
    reader = render(
        '<img alt="x" src="file:///usr/share/pixmaps/debian-logo.png">'
        '<img alt="y" src="http://127.0.0.1:9/x.png">'
        '<link rel="stylesheet" href="file:///etc/passwd">'
    )
    resources = reader.pages[0]["/Resources"]
    assert not resources.get("/XObject")
    fonts = {str(f.get_object()["/BaseFont"]) for f in resources["/Font"].values()}
    assert all("Open-Loket-Sans" in name for name in fonts)


def test_font_configuration_is_reused_within_a_thread_and_not_shared_between_threads():
    # A new FontConfiguration per PDF kept every document's fonts in memory
    # (bench/load.py: workers grew ~0.45 MB per PDF); Pango's maps are per thread.
    import threading

    from documents.pdf import _font_config

    first = _font_config()
    assert _font_config() is first
    other = []
    thread = threading.Thread(target=lambda: other.append(_font_config()))
    thread.start()
    thread.join()
    assert other[0] is not first


def test_second_pdf_in_a_thread_still_embeds_the_vendored_fonts():
    render()  # the first PDF loads the @font-face fonts into this thread's configuration
    reader = render("<p><strong>Vet</strong> en gewoon.</p>")
    fonts = reader.pages[0]["/Resources"]["/Font"]
    names = {str(font.get_object()["/BaseFont"]).split("+")[-1] for font in fonts.values()}
    assert names == {"Open-Loket-Sans-Bold", "Open-Loket-Sans"}
