"""The case page's history as HTML lines, written in Python (issue 21).

The history was a template loop of ~8 nodes a line, with a translation, two
date filters and one or two URL reversals per line: ~70 µs a line, the largest
part of the case page after its queries (docs/performance.md). Here the labels
are translated once, each URL pattern reversed once, and each line is one
f-string of values escaped here (the way cases.presenters writes Mijn
overzicht's table, decision 0034). The HTML is what the template wrote.
"""

from __future__ import annotations

from collections.abc import Iterable
from uuid import UUID

from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from portal.dates import time_html

from .kinds import Direction
from .selectors import TimelineItem

_SLOT = "00000000-0000-0000-0000-000000000000"


class _Urls:
    """One reverse() per pattern for the page, not per line."""

    def __init__(self) -> None:
        self.thread = reverse("messaging:thread", kwargs={"public_id": UUID(_SLOT)})
        self.download = reverse("documents:download", kwargs={"public_id": UUID(_SLOT)})

    @staticmethod
    def fill(pattern: str, public_id) -> str:
        return escape(pattern.replace(_SLOT, str(public_id), 1))


def timeline_html(items: Iterable[TimelineItem]) -> SafeString:
    """The `<li>` lines of the case history, newest first as `items` are."""
    urls = _Urls()
    labels = {
        "status": escape(_("Status:")),
        "yours": escape(_("Uw bericht:")),
        "formal": escape(_("formeel")),
        "attachments": escape(_("Bijlagen:")),
        "document": escape(_("Document:")),
    }
    link = '<a class="utrecht-link utrecht-link--html-a" href="{}">{}</a>'
    lines = []
    for entry in items:
        if entry.kind == "status":
            what = f"{labels['status']} {escape(entry.item.status_type.citizen_text)}"
        elif entry.kind == "message":
            message = entry.item
            if message.direction == Direction.TO_CITIZEN:
                # Translated per line: the agency's name is inside the sentence.
                sender = escape(_("Bericht van %(agency)s:") % {"agency": message.agency.name})
            else:
                sender = labels["yours"]
            what = (
                sender
                + " "
                + link.format(
                    urls.fill(urls.thread, message.thread.public_id), escape(message.subject)
                )
            )
            if message.is_formal:
                what += f" ({labels['formal']})"
            attached = [
                link.format(
                    urls.fill(urls.download, attachment.document.public_id),
                    escape(attachment.document.title),
                )
                for attachment in message.attachments.all()
            ]
            if attached:
                what += f"<br>{labels['attachments']} " + ", ".join(attached)
        else:
            document = entry.item
            what = f"{labels['document']} " + link.format(
                urls.fill(urls.download, document.public_id), escape(document.title)
            )
        lines.append(
            f'<li class="utrecht-unordered-list__item">{time_html(entry.at, with_time=True)}'
            f" — {what}</li>"
        )
    return mark_safe("".join(lines))  # noqa: S308 - every value above is escaped
