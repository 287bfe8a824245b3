"""The citizen's saved requests ("Concept") on Mijn overzicht.

cases sits below product_requests in the layers and may not import it
(docs/architecture.md), but its overview template may load this library:

    {% load request_drafts %}{% overview_drafts as_table=as_table %}

One query for all of the citizen's drafts (product_requests.drafts.drafts_for),
whatever their number. Drafts are never cases: they are not counted, filtered
or paged with them.
"""

from __future__ import annotations

from django import template

from product_requests.drafts import drafts_for

register = template.Library()


@register.inclusion_tag("product_requests/includes/overview_drafts.html", takes_context=True)
def overview_drafts(context, as_table: bool = False) -> dict:
    request = context.get("request")
    # The acting context's subject (identity.acting): a child's drafts while
    # acting for the child, a business's (KvK number, branch) in its context.
    acting = getattr(request, "acting", None)
    drafts = drafts_for(context=acting)
    return {
        "drafts": drafts,
        "as_table": as_table,
        "csrf_token": context.get("csrf_token"),
    }
