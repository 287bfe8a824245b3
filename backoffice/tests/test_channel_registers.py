"""The channel register and the outage register in the admin: agency
administrators keep their own agency's rows only; operators also record
portal-wide outages; outages export as CSV and are never deleted."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from backoffice.tests.factories_backoffice import CaseworkerFactory, add_totp
from cases.tests.factories import AgencyFactory, CaseTypeFactory
from identity.tests.factories import StaffUserFactory
from messaging.kinds import MessageKind
from messaging.models import ChannelOutage, ChannelRule

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(client):
    own, other = AgencyFactory(name="Eigen gemeente"), AgencyFactory(name="Vreemde gemeente")
    admin = CaseworkerFactory(agency=own, agency_admin=True)
    client.force_login(admin)
    return {
        "own": own,
        "other": other,
        "own_type": CaseTypeFactory(agency=own, code="bezwaar"),
        "other_type": CaseTypeFactory(agency=other, code="bezwaar"),
        "other_rule": ChannelRule.objects.create(agency=other, kind=MessageKind.KLACHT),
    }


def _rule(agency, case_type=None, **extra):
    return {
        "agency": agency.pk,
        "kind": MessageKind.BEZWAAR,
        "accepted_digitally": "on",
        "minimum_level": 20,
        "case_type": case_type.pk if case_type else "",
        "alternative": "",
        "alternative_en": "",
        **extra,
    }


def test_admin_keeps_the_channel_register_of_their_own_agency(client, setup):
    response = client.post(reverse("kanalen:add"), _rule(setup["own"], setup["own_type"]))
    assert response.status_code == 302
    rule = ChannelRule.objects.get(agency=setup["own"])
    assert rule.case_type == setup["own_type"] and rule.minimum_level == 20
    listing = client.get(reverse("kanalen:index")).content.decode()
    assert "Eigen gemeente" in listing and "Vreemde gemeente" not in listing


def test_another_agencys_rule_and_case_type_are_out_of_reach(client, setup):
    assert client.get(reverse("kanalen:edit", args=[setup["other_rule"].pk])).status_code == 404
    for data in (
        _rule(setup["other"], setup["other_type"]),
        _rule(setup["own"], setup["other_type"]),
    ):
        assert client.post(reverse("kanalen:add"), data).status_code == 200
    assert not ChannelRule.objects.filter(kind=MessageKind.BEZWAAR).exists()


@pytest.mark.parametrize(
    "extra, field",
    [
        ({"case_type": ""}, "case_type"),  # a digital bezwaar must open a case
        ({"accepted_digitally": "", "case_type": ""}, "alternative"),  # say where instead
        ({"kind": MessageKind.AANVULLING}, "case_type"),  # only bezwaar/klacht open cases
    ],
)
def test_rule_is_validated(client, setup, extra, field):
    response = client.post(
        reverse("kanalen:add"), {**_rule(setup["own"], setup["own_type"]), **extra}
    )
    assert response.status_code == 200
    assert field in response.context["form"].errors


def _outage(agency=None, **extra):
    start = timezone.localtime() - timedelta(hours=2)
    return {
        "agency": agency.pk if agency else "",
        "starts_at": start.strftime("%Y-%m-%d %H:%M"),
        "ends_at": (start + timedelta(hours=1)).strftime("%Y-%m-%d %H:%M"),
        "kinds": [MessageKind.BEZWAAR],
        "reason": "Storing bij de hostingpartij",
        **extra,
    }


def test_admin_records_an_outage_for_their_agency_only(client, setup):
    assert client.post(reverse("storingen:add"), _outage(setup["own"])).status_code == 302
    outage = ChannelOutage.objects.get()
    assert outage.kinds == [MessageKind.BEZWAAR] and outage.source == ChannelOutage.Source.MANUAL
    # Not for another agency, not for the whole portal, not ending before it starts.
    for data in (
        _outage(setup["other"]),
        _outage(None),
        _outage(setup["own"], ends_at="2020-01-01 00:00"),
    ):
        assert client.post(reverse("storingen:add"), data).status_code == 200
    assert ChannelOutage.objects.count() == 1
    other = ChannelOutage.objects.create(agency=setup["other"], starts_at=timezone.now())
    assert client.get(reverse("storingen:edit", args=[other.pk])).status_code == 404


def test_operator_records_portal_wide_outages_and_exports_csv(client, setup):
    operator = StaffUserFactory(is_superuser=True)
    add_totp(operator)
    client.force_login(operator)
    response = client.post(reverse("storingen:add"), _outage(None))
    assert response.status_code == 302 and response["Location"] == reverse("storingen:index")
    ChannelOutage.objects.create(
        agency=setup["other"],
        starts_at=timezone.now(),
        reason="Automatisch gemeten: bestandsopslag",
        source=ChannelOutage.Source.HEALTH_CHECK,
    )
    portal_wide = ChannelOutage.objects.get(agency=None)
    assert client.get(reverse("storingen:edit", args=[portal_wide.pk])).status_code == 200
    response = client.get(reverse("storingen:index") + "?export=csv")
    assert response.status_code == 200
    csv = (
        b"".join(response.streaming_content).decode()
        if response.streaming
        else response.content.decode()
    )
    assert "Storing bij de hostingpartij" in csv and "Automatisch gemeten" in csv


def test_an_agency_admins_export_holds_their_own_outages_only(client, setup):
    ChannelOutage.objects.create(agency=setup["own"], starts_at=timezone.now(), reason="eigen")
    ChannelOutage.objects.create(agency=setup["other"], starts_at=timezone.now(), reason="vreemd")
    response = client.get(reverse("storingen:index") + "?export=csv")
    csv = (
        b"".join(response.streaming_content).decode()
        if response.streaming
        else response.content.decode()
    )
    assert "eigen" in csv and "vreemd" not in csv


def test_outages_cannot_be_deleted_and_caseworkers_cannot_reach_the_registers(client, setup):
    outage = ChannelOutage.objects.create(agency=setup["own"], starts_at=timezone.now())
    assert client.post(reverse("storingen:delete", args=[outage.pk])).status_code in (302, 403, 404)
    assert ChannelOutage.objects.filter(pk=outage.pk).exists()
    client.force_login(CaseworkerFactory(agency=setup["own"]))
    assert client.get(reverse("kanalen:index")).status_code in (302, 403)
    assert client.get(reverse("storingen:index")).status_code in (302, 403)
