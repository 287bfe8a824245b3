"""Two tabs or a double click on the compose page: parallel POSTs of one form
make one message, and each gets the way to it (PostgreSQL: real connections)."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from cases.tests.factories import CaseFactory
from identity.tests.conftest import log_in
from messaging.models import Message

from .factories import objection_and_complaint_channels
from .test_concurrency import WORKERS, _in_parallel

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _tasks_run_immediately(settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


def test_parallel_posts_of_one_complaint_form_make_one_message(citizen):
    case = CaseFactory(closed=True)
    objection_and_complaint_channels(case.agency)
    url = reverse(
        "messaging:compose",
        kwargs={"agency": case.agency.slug, "reference": case.reference, "kind": "klacht"},
    )
    clients = [log_in(Client(), citizen) for _ in range(WORKERS)]
    page = clients[0].get(url).content.decode()
    token = re.search(r'name="idempotency_key" value="([0-9a-f]{32})"', page).group(1)
    data = {
        "idempotency_key": token,
        "complaint_about": "De balie",
        "complaint_when": "Gisteren",
        "body": "Dubbel geklikt.",
    }

    def post(index):
        response = clients[index].post(url, data)
        return response.status_code, response["Location"]

    results = _in_parallel(post, WORKERS)
    assert Message.objects.count() == 1
    location = reverse(
        "messaging:sent_detail", kwargs={"public_id": Message.objects.get().public_id}
    )
    assert results == [(302, location)] * WORKERS
