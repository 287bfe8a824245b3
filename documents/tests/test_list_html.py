"""The documents section's lines written in Python (documents.list_html) are
the HTML the template loop wrote, in both languages."""

# ruff: noqa: E501 - BEFORE is the old template, line for line.
from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

from cases.tests.factories import CaseFactory
from documents.list_html import documents_html
from documents.tests.factories import DocumentFactory

pytestmark = pytest.mark.django_db

# The loop the template had before (documents/includes/case_documents.html).
BEFORE = Template(
    """{% load i18n humanize case_texts %}{% for document in documents %}
        <li class="ol-document">
          <p class="ol-document__title">
            <a class="utrecht-link" href="{{ document.get_absolute_url }}" download>{{ document.title }}<span class="ol-visually-hidden"> ({% translate "downloaden" %})</span></a>
            {% if document.is_decision %}<span class="ol-doc-marker">{% translate "Besluit" %}</span>{% endif %}
          </p>
          <p class="ol-document__meta">
            {{ document.kind_label }} ·
            {% if document.is_decision and document.decision_date %}{% translate "besluitdatum" %} {% endif %}{{ document.shown_date|time_tag }} ·
            {{ document.size|filesizeformat }}
          </p>
          {% if document.is_decision and document.objection_deadline %}
            {# Awb 6:7/6:8: six weeks from the day after the decision was sent. #}
            <p class="ol-document__objection">{% if document.objection_term_passed %}{% blocktranslate with date=document.objection_deadline|date:"j F Y" %}De bezwaartermijn is verlopen op {{ date }}.{% endblocktranslate %}{% else %}{% blocktranslate with date=document.objection_deadline|date:"j F Y" %}U kunt bezwaar maken tot en met {{ date }}. Hoe dat gaat, staat in het besluit.{% endblocktranslate %}{% endif %}</p>
          {% endif %}
        </li>
      {% endfor %}"""
)


def _normal(html: str) -> str:
    html = re.sub(r"\s+", " ", str(html))
    return re.sub(r"\s*(<|>)\s*", r"\1", html).strip()


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_same_lines_as_the_template_wrote(language):
    case = CaseFactory()
    today = timezone.localdate()
    documents = [
        DocumentFactory(case=case, title='Brief <over> uw "aanvraag"'),
        DocumentFactory(case=case, decision=True, title="Besluit & bijlage"),
        DocumentFactory(case=case, upload=True, title="Loonstrook mei"),
    ]
    lapsed = DocumentFactory(case=case, decision=True, title="Oud besluit")
    lapsed.objection_deadline = today - timedelta(days=1)
    documents.append(lapsed)
    assert any(d.objection_deadline and d.objection_deadline >= today for d in documents)
    with translation.override(language):
        expected = BEFORE.render(Context({"documents": documents}))
        assert _normal(documents_html(documents)) == _normal(expected)
    html = documents_html(documents)
    assert "Brief &lt;over&gt; uw &quot;aanvraag&quot;" in html  # escaped, never markup
