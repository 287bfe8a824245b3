"""Catalogue texts in the visitor's language, with a marked Dutch fallback
(cases.translation, docs/decisions/0025; WCAG 3.1.2 Language of Parts)."""

import pytest
from django.template import Context, Template
from django.utils import translation

from cases.models import CaseType, StatusType
from cases.tests.factories import CaseFactory
from cases.translation import localized
from identity.loa import SESSION_KEY, LevelOfAssurance
from identity.tests.factories import CitizenFactory

TRANSLATED = CaseType(name="Omgevingsvergunning", name_en="Environmental permit")
DUTCH_ONLY = CaseType(name="Kwijtschelding <waterschapsbelasting>")


def _render(obj, field: str) -> str:
    return Template("{% load case_texts %}{{ obj|localized:field }}").render(
        Context({"obj": obj, "field": field})
    )


def test_dutch_pages_get_the_dutch_text():
    with translation.override("nl"):
        assert str(localized(TRANSLATED, "name")) == "Omgevingsvergunning"
        assert _render(TRANSLATED, "name") == "Omgevingsvergunning"


def test_english_pages_get_the_english_text_unmarked():
    with translation.override("en"):
        text = localized(TRANSLATED, "name")
        assert str(text) == "Environmental permit"
        assert text.fallback_language is None
        assert _render(TRANSLATED, "name") == "Environmental permit"


def test_missing_english_falls_back_to_dutch_marked_lang_nl_with_a_note():
    with translation.override("en"):
        text = localized(DUTCH_ONLY, "name")
        assert str(text) == "Kwijtschelding <waterschapsbelasting>"
        assert text.fallback_language == "nl"
        html = _render(DUTCH_ONLY, "name")
    # Escaped, in a lang="nl" span, followed by the visible note in English.
    assert html == (
        '<span lang="nl">Kwijtschelding &lt;waterschapsbelasting&gt;</span> '
        '<span class="ol-untranslated">(Dutch only)</span>'
    )


def test_an_empty_text_stays_empty_without_a_note():
    with translation.override("en"):
        text = localized(StatusType(citizen_text="x"), "citizen_description")
        assert not text
        assert text.fallback_language is None
        assert _render(StatusType(citizen_text="x"), "citizen_description") == ""


def test_an_empty_action_label_still_gets_the_templates_default():
    template = Template(
        '{% load case_texts %}{{ obj|localized:"action_label"|default:"Next step" }}'
    )
    with translation.override("en"):
        assert template.render(Context({"obj": StatusType()})) == "Next step"


@pytest.mark.django_db
def test_english_case_page_shows_english_type_and_status(client):
    citizen = CitizenFactory(bsn="999993653")
    case = CaseFactory(bsn=citizen.bsn, in_progress=True)
    case.case_type.name_en = "Permit in English"
    case.case_type.save()
    case.current_status.status_type.citizen_text_en = "We are assessing it"
    case.current_status.status_type.save()
    client.force_login(citizen)
    session = client.session
    session[SESSION_KEY] = int(LevelOfAssurance.MIDDEN)
    session.save()

    dutch_url = case.get_absolute_url()
    english = client.get("/en" + dutch_url).content.decode()
    assert "Permit in English" in english
    assert "We are assessing it" in english
    # The planned steps without English are Dutch, marked as such.
    assert '<span lang="nl">' in english
    assert "(Dutch only)" in english

    dutch = client.get(dutch_url).content.decode()
    assert "Permit in English" not in dutch
    assert case.case_type.name in dutch
    assert "(alleen in het Nederlands)" not in dutch
