"""The caseworker reads the pair objection case <-> original case from either
side, named, not only as a bare URL; and a notice of default shows its own
deadline (Awb 4:17 lid 3: two weeks, then a penalty may accrue) both on the
case screen and in the dashboard's list (issue 17, "Done when")."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from backoffice.tests.factories_backoffice import CaseworkerFactory
from cases.tests.factories import CaseFactory
from documents.tests.factories import DocumentFactory
from identity.actors import Actor
from identity.loa import LevelOfAssurance
from messaging import services
from messaging.kinds import MessageKind
from messaging.terms import default_last_day
from messaging.tests.factories import objection_and_complaint_channels

pytestmark = pytest.mark.django_db


def _send(citizen, case, kind, key, **kwargs):
    return services.send_message_to_agency(
        actor=Actor.citizen(citizen),
        citizen_bsn=citizen.bsn,
        agency=case.agency,
        case=case,
        kind=kind,
        body="Graag een besluit.",
        idempotency_key=key,
        level=LevelOfAssurance.MIDDEN,
        **kwargs,
    )


def _panel(client, case) -> str:
    html = client.get(reverse("cases_backoffice:detail", args=[case.pk])).content.decode()
    start = html.index('data-testid="formal-messages-panel"')
    return html[start : html.index("</section>", start)]


def _linked(panel: str, label: str, case) -> bool:
    url = reverse("cases_backoffice:detail", args=[case.pk])
    link = rf"<a href=\"{re.escape(url)}\">{re.escape(case.reference)}</a>"
    pattern = rf"<dt>{label}</dt>\s*<dd>{link}"
    return re.search(pattern, panel) is not None


def test_objection_case_and_original_case_name_each_other(client, citizen):
    case = CaseFactory(closed=True, bsn=citizen.bsn, title="Dakkapel")
    objection_and_complaint_channels(case.agency)
    message = _send(
        citizen,
        case,
        MessageKind.BEZWAAR,
        "b1",
        related_document=DocumentFactory(case=case, decision=True),
        details={"wants_hearing": False},
    )
    client.force_login(CaseworkerFactory(agency=case.agency))

    on_objection_case = _panel(client, message.opened_case)
    assert _linked(on_objection_case, "Gaat over zaak", case)
    assert "(Dakkapel)" in on_objection_case
    on_original_case = _panel(client, case)
    assert _linked(on_original_case, "Geopende zaak", message.opened_case)
    assert not _linked(on_original_case, "Gaat over zaak", case)


def test_notice_of_default_shows_its_deadline_on_the_case_and_in_the_dashboard(client, citizen):
    case = CaseFactory(overdue=True, bsn=citizen.bsn, title="Omgevingsvergunning schuur")
    notice = _send(citizen, case, MessageKind.INGEBREKESTELLING, "d1")
    assert notice.expects_action_by == default_last_day(timezone.localdate(notice.sent_at))
    client.force_login(CaseworkerFactory(agency=case.agency))
    deadline = date_format(notice.expects_action_by, "DATE_FORMAT")

    panel = _panel(client, case)
    assert re.search(rf"<dt>Uiterlijk beslissen op</dt>\s*<dd><strong>{deadline}</strong>", panel)

    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    table = dashboard[dashboard.index('data-testid="notices-of-default"') :]
    row = table[table.index(case.reference) : table.index("</tr>", table.index(case.reference))]
    assert re.search(rf"<td>\s*{deadline}\s*</td>", row), row
