"""The case page's list of documents as HTML lines, written in Python (issue 21).

The list was a template loop of ~15 nodes a document, with a URL reversal, two
date filters, a file size filter and translations per document (~0.25 ms a
document on the case page, docs/performance.md). Here the labels are translated
once, the download URL reversed once, and each line is written from values
escaped here, as messaging.timeline_html writes the case history. The HTML is
what the template wrote (documents/tests/test_list_html.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from uuid import UUID

from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from portal.dates import long_date, time_html

from .models import Document

_SLOT = "00000000-0000-0000-0000-000000000000"


def documents_html(documents: Iterable[Document]) -> SafeString:
    """The `<li>` lines of the documents section, in the order given."""
    download = reverse("documents:download", kwargs={"public_id": UUID(_SLOT)})
    to_download = escape(_("downloaden"))
    decision = escape(_("Besluit"))
    decided_on = escape(_("besluitdatum"))
    today = timezone.localdate()
    lines = []
    for document in documents:
        url = escape(download.replace(_SLOT, str(document.public_id), 1))
        marker = f'<span class="ol-doc-marker">{decision}</span>' if document.is_decision else ""
        dated = f"{decided_on} " if document.is_decision and document.decision_date else ""
        lines.append(
            '<li class="ol-document"><p class="ol-document__title">'
            f'<a class="utrecht-link" href="{url}" download>{escape(document.title)}'
            f'<span class="ol-visually-hidden"> ({to_download})</span></a>{marker}</p>'
            f'<p class="ol-document__meta">{escape(document.kind_label)} · {dated}'
            f"{time_html(document.shown_date)} · {escape(filesizeformat(document.size))}</p>"
            f"{_objection(document, today)}</li>"
        )
    return mark_safe("".join(lines))  # noqa: S308 - every value above is escaped


def _objection(document: Document, today) -> str:
    """Awb 6:7/6:8: six weeks from the day after the decision was sent."""
    deadline = document.objection_deadline
    if not document.is_decision or not deadline:
        return ""
    if deadline < today:
        text = _("De bezwaartermijn is verlopen op %(date)s.")
    else:
        text = _("U kunt bezwaar maken tot en met %(date)s. Hoe dat gaat, staat in het besluit.")
    return f'<p class="ol-document__objection">{escape(text % {"date": long_date(deadline)})}</p>'
