"""The case history written in Python (messaging.timeline_html) is the HTML the
template loop wrote, in both languages."""

from __future__ import annotations

import re

import pytest
from django.template import Context, Template
from django.utils import translation

from cases.tests.factories import CaseFactory
from documents.tests.factories import DocumentFactory
from messaging import selectors
from messaging.tests.factories import global_message_types
from messaging.tests.test_inbox_views import send_to
from messaging.timeline_html import timeline_html

pytestmark = pytest.mark.django_db

# The loop the template had before (messaging/includes/case_timeline.html).
BEFORE = Template(
    """{% load i18n %}{% for entry in items %}
      <li class="utrecht-unordered-list__item">
        <time datetime="{{ entry.at|date:'c' }}">{{ entry.at|date:"j F Y, H:i" }}</time> —
        {% if entry.kind == "status" %}
          {% translate "Status:" %} {{ entry.item.status_type.citizen_text }}
        {% elif entry.kind == "message" %}
          {% if entry.item.direction == "to_citizen" %}{% blocktranslate with agency=entry.item.agency.name %}Bericht van {{ agency }}:{% endblocktranslate %}{% else %}{% translate "Uw bericht:" %}{% endif %}
          <a class="utrecht-link utrecht-link--html-a" href="{% url 'messaging:thread' entry.item.thread.public_id %}">{{ entry.item.subject }}</a>{% if entry.item.is_formal %} ({% translate "formeel" %}){% endif %}
          {% for attachment in entry.item.attachments.all %}{% if forloop.first %}<br>{% translate "Bijlagen:" %} {% endif %}<a class="utrecht-link utrecht-link--html-a" href="{% url 'documents:download' attachment.document.public_id %}">{{ attachment.document.title }}</a>{% if not forloop.last %}, {% endif %}{% endfor %}
        {% else %}
          {% translate "Document:" %} <a class="utrecht-link utrecht-link--html-a" href="{% url 'documents:download' entry.item.public_id %}">{{ entry.item.title }}</a>
        {% endif %}
      </li>
    {% endfor %}"""  # noqa: E501
)


def _normal(html: str) -> str:
    html = re.sub(r"\s+", " ", str(html))
    return re.sub(r"\s*(<|>)\s*", r"\1", html).replace("> —", ">—").strip()


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_same_lines_as_the_template_wrote(language):
    global_message_types()
    case = CaseFactory(in_progress=True, title="Dakkapel & schuur")
    DocumentFactory(case=case, title="Tekening <voorkant>")
    bijlage = DocumentFactory(case=case, title="Besluit 'A'")
    send_to(case, subject="Vraag over <uw> aanvraag", key="t-1", documents=[bijlage])
    send_to(case, subject="Nog een vraag", key="t-2", is_formal=False)
    items = selectors.case_timeline(case)
    assert {entry.kind for entry in items} == {"status", "message", "document"}
    with translation.override(language):
        expected = BEFORE.render(Context({"items": items}))
        assert _normal(timeline_html(items)) == _normal(expected)
    assert "&lt;voorkant&gt;" in timeline_html(items)  # escaped, never markup
