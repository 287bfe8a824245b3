"""Two tabs (or a double click) sending one request form at the same moment open one case.

On PostgreSQL the calls run in parallel threads with their own connections; the
unique idempotency key lets one commit and the others find its case.
"""

import pytest

from cases.models import Case
from cases.tests.test_concurrency import WORKERS, _in_parallel
from documents.models import Document
from identity.tests.factories import CitizenFactory
from pages.tests.factories import requestable_product
from product_requests.models import RequestSubmission
from product_requests.services import create_case_from_request

pytestmark = pytest.mark.django_db(transaction=True)


def test_concurrent_submits_with_one_token_open_one_case(home_page):
    citizen = CitizenFactory(bsn="999990019")
    product = requestable_product()

    def submit(index):
        result = create_case_from_request(
            user=citizen,
            product=product,
            answers=[{"label": "Vraag", "value": f"tab {index}"}],
            applicant={"name": "Peter Jan de Vries"},
            idempotency_key="f" * 32,
        )
        return result.case.pk

    case_ids = _in_parallel(submit, WORKERS)
    assert len(set(case_ids)) == 1
    assert Case.objects.count() == 1
    assert RequestSubmission.objects.count() == 1
    assert Document.objects.filter(case_id=case_ids[0]).count() == 1
