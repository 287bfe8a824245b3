"""During an outage of an agency's channel the citizen's case page and the
compose page say so, and stop saying so when the outage ends (MvT Wmebv,
Kamerstukken II 35261 nr. 3, §3.4.5: a message the channel kept out is in time
when sent soon after)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.tests.factories import CaseFactory
from documents.tests.factories import DocumentFactory
from messaging.models import ChannelOutage

from .factories import objection_and_complaint_channels

pytestmark = pytest.mark.django_db

BANNER = "Storing bij digitaal contact"


def test_the_banner_is_on_the_case_and_compose_pages_only_while_the_outage_lasts(
    citizen_client, citizen
):
    case = CaseFactory(closed=True, bsn=citizen.bsn)
    objection_and_complaint_channels(case.agency)
    DocumentFactory(case=case, decision=True)
    compose = reverse(
        "messaging:compose",
        kwargs={"agency": case.agency.slug, "reference": case.reference, "kind": "bezwaar"},
    )
    pages = [case.get_absolute_url(), compose]
    for url in pages:
        assert BANNER not in citizen_client.get(url).content.decode()

    outage = ChannelOutage.objects.create(
        agency=case.agency, starts_at=timezone.now() - timedelta(minutes=5)
    )
    for url in pages:
        assert BANNER in citizen_client.get(url).content.decode(), url

    outage.ends_at = timezone.now()
    outage.save()
    for url in pages:
        assert BANNER not in citizen_client.get(url).content.decode(), url
