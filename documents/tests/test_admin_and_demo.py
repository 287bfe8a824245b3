from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from documents.models import DecisionTemplate, Document, DocumentKind
from documents.wagtail_hooks import VirusScanPanel

pytestmark = pytest.mark.django_db


def test_admin_panel_says_plainly_when_scanning_is_off(settings):
    settings.CLAMAV_HOST = ""
    settings.CLAMAV_SOCKET = ""
    html = VirusScanPanel().render_html({})
    assert "<strong>Uit</strong>" in html
    assert "NIET op virussen gecontroleerd" in html


def test_admin_panel_shows_the_scanner_when_on(settings):
    settings.CLAMAV_SOCKET = ""
    settings.CLAMAV_HOST, settings.CLAMAV_PORT = "clamd.internal", 3310
    html = VirusScanPanel(show_target=True).render_html({})
    assert "<strong>Aan</strong>" in html
    assert "clamd.internal:3310" in html
    assert "clamd.internal" not in VirusScanPanel().render_html({})


def test_demo_seeds_its_decisions_and_stays_idempotent():
    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())
    # Five for Suzanne's agencies, one for the demo company's terrace permit (issue 19).
    assert DecisionTemplate.objects.count() == 6
    decisions = Document.objects.filter(kind=DocumentKind.DECISION)
    assert decisions.count() == 2
    decision = decisions.get(case__external_id="demo-3")
    assert decision.file.read(5) == b"%PDF-"
