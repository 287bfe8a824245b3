"""The channel register cached per agency (messaging/channels.py, decision 0051):
read once, the same for every citizen, invalidated by every save, delete and
update, and an outage's time window decided per call."""

from __future__ import annotations

from datetime import timedelta
from unittest import mock

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cases.tests.factories import AgencyFactory
from messaging.channels import VERSION_KEY, channel_rules, current_outages
from messaging.kinds import MessageKind
from messaging.models import ChannelOutage, ChannelRule

pytestmark = pytest.mark.django_db

KINDS = (MessageKind.BEZWAAR, MessageKind.KLACHT)


def _queries(read) -> tuple[object, int]:
    with CaptureQueriesContext(connection) as captured:
        value = read()
    return value, len(captured)


@pytest.fixture
def agency():
    return AgencyFactory(slug="kanalen")


def test_the_second_read_asks_no_query(agency):
    ChannelRule.objects.create(agency=agency, kind=MessageKind.KLACHT, accepted_digitally=False)
    _rules, first = _queries(lambda: channel_rules(agency, KINDS))
    assert first == 2  # the rules and the outages, once
    again, second = _queries(lambda: channel_rules(agency, KINDS))
    assert second == 0
    assert not again[MessageKind.KLACHT].accepted_digitally
    assert again[MessageKind.BEZWAAR].accepted_digitally  # no rule: the default
    assert _queries(lambda: current_outages(agency)) == ([], 0)


def test_save_update_and_delete_of_a_rule_reach_the_next_read(agency):
    channel_rules(agency, KINDS)
    rule = ChannelRule.objects.create(agency=agency, kind=MessageKind.KLACHT)
    assert channel_rules(agency, KINDS)[MessageKind.KLACHT].accepted_digitally
    ChannelRule.objects.filter(pk=rule.pk).update(accepted_digitally=False)
    assert not channel_rules(agency, KINDS)[MessageKind.KLACHT].accepted_digitally
    rule.refresh_from_db()
    rule.accepted_digitally = True
    rule.alternative = "Per post"
    rule.save()
    assert channel_rules(agency, KINDS)[MessageKind.KLACHT].alternative == "Per post"
    rule.delete()
    assert channel_rules(agency, KINDS)[MessageKind.KLACHT].pk is None  # the default again


def test_a_new_or_ended_outage_reaches_the_next_read(agency):
    assert current_outages(agency) == []
    outage = ChannelOutage.objects.create(agency=agency, starts_at=timezone.now())
    assert current_outages(agency) == [outage]
    portal_wide = ChannelOutage.objects.create(starts_at=timezone.now() - timedelta(minutes=1))
    assert current_outages(agency) == [outage, portal_wide]
    assert current_outages(None) == [portal_wide]
    outage.ends_at = timezone.now()
    outage.save()
    assert current_outages(agency) == [portal_wide]
    portal_wide.delete()
    assert current_outages(agency) == []


def test_an_outage_starts_and_ends_by_the_clock_without_invalidation(agency):
    now = timezone.now()
    planned = ChannelOutage.objects.create(
        agency=agency, starts_at=now + timedelta(hours=1), ends_at=now + timedelta(hours=2)
    )
    assert current_outages(agency) == []
    version = cache.get(VERSION_KEY)
    for offset, expected in ((90, [planned]), (150, [])):
        later = now + timedelta(minutes=offset)
        with mock.patch("django.utils.timezone.now", return_value=later):
            outages, queries = _queries(lambda: current_outages(agency))
        assert (outages, queries) == (expected, 0)
    assert cache.get(VERSION_KEY) == version


def test_another_agency_has_its_own_entry(agency):
    other = AgencyFactory(slug="anders")
    ChannelRule.objects.create(agency=other, kind=MessageKind.KLACHT, accepted_digitally=False)
    ChannelOutage.objects.create(agency=other, starts_at=timezone.now())
    assert channel_rules(agency, KINDS)[MessageKind.KLACHT].accepted_digitally
    assert current_outages(agency) == []
    assert not channel_rules(other, KINDS)[MessageKind.KLACHT].accepted_digitally
    assert len(current_outages(other)) == 1


def test_a_lost_version_is_not_an_old_one(agency):
    """The version restarts from the clock, so entries of an earlier one never match."""
    ChannelRule.objects.create(agency=agency, kind=MessageKind.KLACHT)
    channel_rules(agency, KINDS)
    cache.delete(VERSION_KEY)
    ChannelRule.objects.filter(agency=agency).update(accepted_digitally=False)  # bump: set anew
    cache.delete(VERSION_KEY)
    assert not channel_rules(agency, KINDS)[MessageKind.KLACHT].accepted_digitally


def test_without_a_shared_cache_every_read_asks_the_database(agency, settings):
    settings.CHANNEL_REGISTER_CACHE = False
    cache.clear()
    channel_rules(agency, KINDS)
    _rules, queries = _queries(lambda: channel_rules(agency, KINDS))
    assert queries == 2
    assert cache.get(VERSION_KEY) is None
