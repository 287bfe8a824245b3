"""Template tags other apps' templates use to show messaging without
importing it (cases is below messaging): the unread count in the header, the
question link and the timeline on the case page."""

from __future__ import annotations

from django import template

from cases.viewer import context_of
from documents.selectors import documents_of_authorised_case
from messaging import selectors
from messaging.timeline_html import timeline_html

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_messages(context) -> int:
    """Unread messages of the logged-in citizen (one query, once per request)."""
    request = context.get("request")
    if request is None:
        return 0
    cached = getattr(request, "_messaging_unread", None)
    if cached is None:
        cached = selectors.unread_count(context=context_of(request))
        request._messaging_unread = cached
    return cached


@register.simple_tag(takes_context=True)
def case_timeline(context, case):
    """The case page's history; reuses the status updates the view read, the
    documents the documents section read (documents_of_authorised_case) and the
    messages "Uw berichten over deze zaak" read (selectors.case_page_messages)."""
    request = context.get("request")
    if request is None:
        return selectors.case_timeline(case, statuses=context.get("status_updates"))
    return selectors.case_timeline(
        case,
        statuses=context.get("status_updates"),
        documents=documents_of_authorised_case(context=context_of(request), case=case),
        messages=selectors.case_page_messages(case),
    )


@register.simple_tag
def case_timeline_html(items):
    """The history's lines (messaging.timeline_html): one string, not a
    template loop per line."""
    return timeline_html(items)
