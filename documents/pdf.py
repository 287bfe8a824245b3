"""`render_pdf()`: HTML to an archival, tagged PDF (docs/decisions/0007-pdf-rendering.md).

- WeasyPrint is imported inside the functions that need it: it takes a while to
  import and pulls in pango, so web processes that never render do not pay for it
  (ruff's banned-module-level-imports rule, TID253, forbids a module-level import).
- Resources come only from our own static files and `data:` URLs. The HTML is
  rendered against a base URL in the reserved `.invalid` domain (RFC 2606), so a
  relative or root-relative reference such as `{% static 'documents/pdf/letter.css' %}`
  resolves to `https://pdf-assets.invalid/static/...`, which the fetcher maps to a
  file found by Django's staticfiles finders (or in STATIC_ROOT). Every other URL
  - `file:`, `http(s):` to any host, `ftp:` - is refused, so text an editor or a
  caseworker types can never make the server read a local file or call the network.
- Fonts: DejaVu Sans, vendored in documents/static/documents/fonts with its licence
  and loaded with @font-face through the same fetcher, so a PDF looks the same on
  every host.
- Output: PDF/A-2u (ISO 19005-2, Unicode level) with a structure tree
  (`pdf_tags=True`), `/Lang`, `/Title` displayed as the window title, and the author.
- The structure tree is completed with pikepdf (`complete_structure`): WeasyPrint
  gives table header cells an /ID and data cells /Headers, but writes no /IDTree
  (ISO 32000-1 14.7.2 requires one when elements have IDs, else a screen reader
  cannot follow /Headers) and no /Scope. documents/tests/test_pdf_structure.py
  walks the tree of every template (issue 22).
"""

from __future__ import annotations

import base64
import functools
import io
import mimetypes
import posixpath
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.utils._os import safe_join

# Resources are resolved against this base. ".invalid" can never resolve in DNS.
ASSET_HOST = "pdf-assets.invalid"
BASE_URL = f"https://{ASSET_HOST}/"
# PDF/A-2u: archival, all text mapped to Unicode. Part 2 (not 3) because it forbids
# embedding arbitrary non-PDF/A files; our letters carry no attachments.
PDF_VARIANT = "pdf/a-2u"
PDF_PARTS = {"pdfaid:part": "2", "pdfaid:conformance": "U"}

# The options every rendered PDF gets; bench/pdf.py reuses them for its comparison.
PDF_OPTIONS = {"pdf_variant": PDF_VARIANT, "pdf_tags": True}


class ResourceRefused(ValueError):
    """A URL the PDF renderer may not fetch."""


@dataclass(frozen=True)
class Resource:
    body: bytes
    mime_type: str


def _static_path(url_path: str) -> Path:
    """The file behind a STATIC_URL path, or ResourceRefused."""
    static_url = urlsplit(settings.STATIC_URL).path
    if not url_path.startswith(static_url):
        raise ResourceRefused("Only static files may be used in a PDF.")
    relative = unquote(url_path[len(static_url) :])
    normalised = posixpath.normpath(relative)
    if (
        not relative
        or normalised != relative
        or normalised.startswith(("/", "../"))
        or "\\" in relative
        or "\x00" in relative
    ):
        raise ResourceRefused("Static path is not canonical.")
    found = finders.find(normalised)
    if found:
        return Path(found)
    # Production: collected (and hashed) files in STATIC_ROOT.
    if settings.STATIC_ROOT:
        try:
            candidate = Path(safe_join(str(settings.STATIC_ROOT), normalised))
        except Exception as exc:
            raise ResourceRefused("Static path escapes STATIC_ROOT.") from exc
        if candidate.is_file():
            return candidate
    raise ResourceRefused("Static file not found.")


def _data_url(url: str) -> Resource:
    header, sep, payload = url[len("data:") :].partition(",")
    if not sep:
        raise ResourceRefused("Malformed data URL.")
    params = header.split(";")
    mime_type = params[0] or "text/plain"
    if "base64" in params[1:]:
        try:
            body = base64.b64decode(payload, validate=False)
        except ValueError as exc:
            raise ResourceRefused("Malformed base64 in data URL.") from exc
    else:
        body = unquote(payload).encode()
    return Resource(body=body, mime_type=mime_type)


def resolve_resource(url: str) -> Resource:
    """The allow-list: our static files and data: URLs. Anything else is refused."""
    if url[:5].lower() == "data:":
        return _data_url(url)
    parts = urlsplit(url)
    if parts.scheme != "https" or parts.netloc != ASSET_HOST:
        raise ResourceRefused("Only static files and data: URLs may be used in a PDF.")
    path = _static_path(parts.path)
    mime_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return Resource(body=path.read_bytes(), mime_type=mime_type)


@functools.cache
def _fetcher():
    """A WeasyPrint URL fetcher that only serves `resolve_resource` (one per process)."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnlyURLFetcher(URLFetcher):
        def __init__(self):
            # Deliberately not URLFetcher.__init__: it installs urllib's file, HTTP(S)
            # and FTP handlers (and builds an SSL context, ~50 ms) that we never use.
            self._fail_on_errors = False

        def fetch(self, url, headers=None):
            resource = resolve_resource(url)
            return URLFetcherResponse(
                url, resource.body, headers={"Content-Type": resource.mime_type}
            )

        def open(self, url, data=None, timeout=None):
            raise ResourceRefused("The PDF fetcher does not open URLs through urllib.")

    return StaticOnlyURLFetcher()


_per_thread = threading.local()


def _font_config():
    """One WeasyPrint FontConfiguration per thread, reused for every PDF.

    A new one per document (WeasyPrint's default) loads the @font-face fonts again
    each time and never gives the memory back: about 0.45 MB per PDF, so gunicorn
    workers grew 35 MB and the task worker 80 MB in bench/load.py's 10-minute run
    (WeasyPrint issue 2130 describes the same). Reused, the growth is about a tenth.
    Per thread because Pango's font maps may not be shared between threads.
    """
    config = getattr(_per_thread, "font_config", None)
    if config is None:
        from weasyprint.text.fonts import FontConfiguration

        config = _per_thread.font_config = FontConfiguration()
    return config


def render_pdf(
    html: str,
    *,
    title: str,
    language: str,
    author: str,
    subject: str = "",
    created: datetime | None = None,
) -> bytes:
    """Render trusted HTML (our own templates, already escaped) to PDF/A-2u bytes.

    `title`, `language` (BCP 47, e.g. "nl") and `author` (the agency) go into the
    document information and the XMP metadata; they override whatever the HTML says.
    """
    from weasyprint import HTML

    document = HTML(string=html, base_url=BASE_URL, url_fetcher=_fetcher()).render(
        font_config=_font_config(), **PDF_OPTIONS
    )
    metadata = document.metadata
    metadata.title = title
    metadata.lang = language
    metadata.authors = [author]
    metadata.description = subject or None
    metadata.generator = settings.WAGTAIL_SITE_NAME
    moment = (created or datetime.now(tz=UTC)).astimezone(UTC)
    metadata.created = metadata.modified = moment.strftime("%Y-%m-%dT%H:%M:%SZ")
    return complete_structure(document.write_pdf(**PDF_OPTIONS))


def _table_cells(node, found: list) -> None:
    import pikepdf

    if isinstance(node, pikepdf.Array):
        for kid in node:
            _table_cells(kid, found)
    elif isinstance(node, pikepdf.Dictionary):
        if node.get("/S") == "/TH":
            found.append(node)
        if "/K" in node:
            _table_cells(node.K, found)


def _tagged_mcids(node, page, found: set) -> None:
    import pikepdf

    if isinstance(node, pikepdf.Array):
        for kid in node:
            _tagged_mcids(kid, page, found)
    elif isinstance(node, int):
        found.add((page.objgen if page is not None else None, int(node)))
    elif isinstance(node, pikepdf.Dictionary):
        if node.get("/Type") == "/MCR":
            found.add((node.get("/Pg", page).objgen, int(node.MCID)))
        elif "/K" in node:
            _tagged_mcids(node.K, node.get("/Pg", page), found)


def _untagged_content_to_artifacts(pdf, root) -> None:
    """Marked content no structure element claims becomes an artifact. WeasyPrint marks
    the page number of the @page margin box as a Span that no element holds: neither
    read nor ignored (PDF/UA-1 7.1). A page number is a pagination artifact."""
    import pikepdf

    tagged: set = set()
    _tagged_mcids(root.K, None, tagged)
    for page in pdf.pages:
        instructions = list(pikepdf.parse_content_stream(page))
        changed = False
        for index, (operands, operator) in enumerate(instructions):
            if str(operator) != "BDC" or not isinstance(operands[1], pikepdf.Dictionary):
                continue
            mcid = operands[1].get("/MCID")
            if mcid is not None and (page.obj.objgen, int(mcid)) not in tagged:
                instructions[index] = pikepdf.ContentStreamInstruction(
                    [pikepdf.Name.Artifact], pikepdf.Operator("BMC")
                )
                changed = True
        if changed:
            page.Contents = pdf.make_stream(pikepdf.unparse_content_stream(instructions))


def _list_bodies(pdf, node) -> None:
    """L > LI > Lbl, LBody (ISO 32000-1 14.8.4.3.3). Markers drawn inside the item
    (letter.css: list-style-position inside) come before the text, so the reading
    order holds, but WeasyPrint then leaves the item's text loose in the LI: it is
    moved into an LBody. (A marker outside the item is drawn after the text, and the
    Lbl would be read after its body.)"""
    import pikepdf

    if isinstance(node, pikepdf.Array):
        for kid in node:
            _list_bodies(pdf, kid)
        return
    if not isinstance(node, pikepdf.Dictionary) or "/K" not in node:
        return
    if node.get("/S") == "/LI":
        kids = list(node.K) if isinstance(node.K, pikepdf.Array) else [node.K]
        is_part = [
            isinstance(kid, pikepdf.Dictionary) and kid.get("/S") in {"/Lbl", "/LBody"}
            for kid in kids
        ]
        loose = [kid for kid, part in zip(kids, is_part, strict=True) if not part]
        if loose:
            body = pdf.make_indirect(
                pikepdf.Dictionary(
                    Type=pikepdf.Name.StructElem,
                    S=pikepdf.Name.LBody,
                    P=node,
                    K=pikepdf.Array(loose),
                )
            )
            if "/Pg" in node:
                body.Pg = node.Pg
            for kid in loose:
                if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") != "/MCR":
                    kid.P = body
            parts = [kid for kid, part in zip(kids, is_part, strict=True) if part]
            node.K = pikepdf.Array([*parts, body])
        return
    _list_bodies(pdf, node.K)


def complete_structure(pdf_bytes: bytes) -> bytes:
    """Add what WeasyPrint leaves out of the structure tree: the /IDTree that makes a
    data cell's /Headers resolvable, and each header cell's /Scope (PDF 1.7 table
    attributes, 14.8.5.7): Row for a header at the start of a row of data cells,
    Column for a row of headers only; and untagged marked content (the page number)
    becomes an artifact; a list item's text goes into an LBody. Saved with a
    content-derived file /ID, so the same letter gives the same bytes."""
    import pikepdf

    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        root = pdf.Root.get("/StructTreeRoot")
        if root is None:
            return pdf_bytes
        _untagged_content_to_artifacts(pdf, root)
        _list_bodies(pdf, root.K)
        headers: list = []
        _table_cells(root.K, headers)
        ids = pikepdf.NameTree.new(pdf)
        for header in headers:
            row = header.get("/P")
            kids = row.K if row is not None and "/K" in row else []
            if isinstance(kids, pikepdf.Dictionary):
                kids = [kids]
            cells = [kid.get("/S") for kid in kids if isinstance(kid, pikepdf.Dictionary)]
            scope = "/Column" if cells and all(cell == "/TH" for cell in cells) else "/Row"
            attributes = header.get("/A")
            if isinstance(attributes, pikepdf.Array):
                attributes.append(pikepdf.Dictionary(O=pikepdf.Name.Table))
                attributes = attributes[-1]
            elif attributes is None:
                header.A = pikepdf.Dictionary(O=pikepdf.Name.Table)
                attributes = header.A
            attributes.Scope = pikepdf.Name(scope)
            if "/ID" in header:
                ids[str(header.ID)] = header
        if headers:
            root.IDTree = ids.obj
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True)
        return out.getvalue()
