"""A notification uses its agency's own text, else the global one, else the
default (notifications.texts; decision 0043). Checked on the e-mail a real SMTP
server received."""

from __future__ import annotations

import pytest

from cases.tests.factories import AgencyFactory, CaseFactory, CaseTypeFactory
from notifications import delivery
from notifications.models import (
    AgencyNotificationTemplate,
    Notification,
    NotificationKind,
    NotificationTemplate,
)
from notifications.texts import template_text

from .messages import send_to_citizen

FACTS = "$message_kind\n$legal_effect\n$action_expected\n$deadline\n$link\n"


def _case(agency):
    return CaseFactory(case_type=CaseTypeFactory(agency=agency), bsn="999993653")


def _mail_for(smtp, case):
    message = send_to_citizen(case)
    row = Notification.objects.get(message=message)
    assert delivery.deliver(row.pk) == delivery.SENT
    return smtp.keeper.messages[-1]


@pytest.mark.django_db
def test_the_notification_uses_its_agencys_own_text(citizen, smtp):
    zoetermeer, uwv = AgencyFactory(name="Gemeente Zoetermeer"), AgencyFactory(name="UWV")
    AgencyNotificationTemplate.objects.create(
        agency=zoetermeer,
        kind=NotificationKind.MESSAGE,
        language="nl",
        subject="Post van $agency",
        body="Goedendag $first_name, de gemeente schreef u.\n" + FACTS,
    )
    mail = _mail_for(smtp, _case(zoetermeer))
    assert mail["Subject"] == "Post van Gemeente Zoetermeer"
    text = mail.get_payload(decode=True).decode()
    assert "Goedendag Suzanne, de gemeente schreef u." in text
    assert "Dit is een formeel bericht: het heeft rechtsgevolgen voor u." in text

    # Another agency without its own text: the default, not Zoetermeer's text.
    other = _mail_for(smtp, _case(uwv))
    assert other["Subject"] == "Nieuw bericht van UWV"


@pytest.mark.django_db
def test_fallback_order_agency_then_global_then_default_in_the_citizens_language(db):
    agency = AgencyFactory()
    kind = NotificationKind.STATUS_SET
    assert template_text(agency, kind, "en")[0] == "News about your case with $agency"
    NotificationTemplate.objects.create(kind=kind, language="nl", subject="Globaal NL", body=FACTS)
    assert template_text(agency, kind, "en")[0] == "Globaal NL"  # an editor's text wins
    AgencyNotificationTemplate.objects.create(
        agency=agency, kind=kind, language="nl", subject="Eigen NL", body=FACTS
    )
    assert template_text(agency, kind, "nl")[0] == "Eigen NL"
    assert template_text(agency, kind, "en")[0] == "Eigen NL"
    NotificationTemplate.objects.create(kind=kind, language="en", subject="Global EN", body=FACTS)
    assert template_text(agency, kind, "en")[0] == "Global EN"  # the language comes first
    AgencyNotificationTemplate.objects.create(
        agency=agency, kind=kind, language="en", subject="Own EN", body=FACTS
    )
    assert template_text(agency, kind, "en")[0] == "Own EN"
    assert template_text(AgencyFactory(), kind, "nl")[0] == "Globaal NL"  # not another's text
