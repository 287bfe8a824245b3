"""Where a citizen finds "Mijn verzonden berichten" (issue 17): the personal
navigation on every personal page, the tabs of Mijn berichten, and the case
page's list of messages about that case; and the public channel page's past
outages in English."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from cases.tests.factories import CaseFactory
from documents.tests.factories import DocumentFactory
from identity.actors import Actor
from identity.loa import LevelOfAssurance
from messaging import services
from messaging.kinds import MessageKind
from messaging.models import ChannelOutage

from .factories import objection_and_complaint_channels

pytestmark = pytest.mark.django_db

SENT_LINK = re.compile(r'<a href="(?P<href>[^"]+)"(?P<current>[^>]*)data-testid="sent-link">')


@pytest.fixture(autouse=True)
def _tasks_run_immediately(settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def objection(citizen):
    case = CaseFactory(closed=True, bsn=citizen.bsn, title="Bijzondere bijstand")
    objection_and_complaint_channels(case.agency)
    return services.send_message_to_agency(
        actor=Actor.citizen(citizen),
        citizen_bsn=citizen.bsn,
        agency=case.agency,
        case=case,
        kind=MessageKind.BEZWAAR,
        body="Niet eens.",
        related_document=DocumentFactory(case=case, decision=True),
        details={"wants_hearing": False},
        idempotency_key="n" * 32,
        level=LevelOfAssurance.MIDDEN,
    )


def _sent_link(html: str) -> re.Match:
    match = SENT_LINK.search(html)
    assert match, "the personal navigation links to Mijn verzonden berichten"
    return match


def test_personal_navigation_leads_to_the_sent_messages_and_marks_where_you_are(
    citizen_client, objection
):
    overview = _sent_link(citizen_client.get(reverse("cases:overview")).content.decode())
    assert overview["href"] == reverse("messaging:sent")
    assert "aria-current" not in overview["current"]

    sent = citizen_client.get(reverse("messaging:sent")).content.decode()
    assert 'aria-current="page"' in _sent_link(sent)["current"]
    detail_url = reverse("messaging:sent_detail", kwargs={"public_id": objection.public_id})
    detail = citizen_client.get(detail_url).content.decode()
    assert 'aria-current="true"' in _sent_link(detail)["current"]


def test_mijn_berichten_and_the_case_page_link_to_the_sent_messages(citizen_client, objection):
    sent_url = reverse("messaging:sent")
    inbox = citizen_client.get(reverse("messaging:inbox")).content.decode()
    tabs = inbox[inbox.index('<nav aria-label="Berichten, archief') :]
    assert f'href="{sent_url}">Mijn verzonden berichten</a>' in tabs[: tabs.index("</nav>")]

    case_page = citizen_client.get(objection.case.get_absolute_url()).content.decode()
    own_list = case_page[case_page.index("Uw berichten over deze zaak") :]
    detail_url = reverse("messaging:sent_detail", kwargs={"public_id": objection.public_id})
    assert detail_url in own_list
    assert f'href="{sent_url}">Mijn verzonden berichten</a>' in own_list


def test_public_channel_page_lists_past_outages_in_english(client, objection):
    agency = objection.agency
    start = timezone.now().replace(month=3, day=10, hour=9, minute=0) - timedelta(days=366)
    ChannelOutage.objects.create(
        agency=agency,
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        kinds=[MessageKind.BEZWAAR],
        reason="Onderhoud aan de koppeling",
    )
    with translation.override("en"):
        url = reverse("messaging:channels", kwargs={"slug": agency.slug})
    assert url.startswith("/en/")
    text = client.get(url).content.decode()
    local = timezone.localtime(start)
    assert '<h2 class="utrecht-heading-2">Outages</h2>' in text
    assert f"From {local.day} March {local.year} {local:%H:%M}" in text
    assert "(Objection)" in text
    assert "Onderhoud aan de koppeling" in text  # the register's own words, as recorded
