"""Requests from businesses (issue 19, decision 0049 "Requests from
businesses"): an eHerkenning context (a KvK number, optionally one branch)
fills in the form of a product for businesses, prefilled from the business
registry, and sending it opens a case whose initiator Role names the KvK number
and branch with the authentication context - never a BSN. Another company's
context finds nothing of it; a person cannot request a businesses-only product
and a business not a citizens-only one. Through the real views, with the
broker's session claims as the OIDC login leaves them."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation

from cases.models import Case, Role, RoleType
from identity.access_log import DATA_SUBJECT_ID_TYPE_KVK, AccessLogEntry, data_subject_id
from identity.acting import BROKER_SESSION_KEY
from identity.loa import LevelOfAssurance
from identity.models import User
from identity.tests.business_factories import KVK as COMPANY_X
from identity.tests.business_factories import MAIN_BRANCH, make_demo_business
from identity.tests.conftest import log_in
from pages.models import Audience
from pages.tests.factories import requestable_product
from product_requests.models import RequestDraft, RequestSubmission
from product_requests.receipts import receipt_lines

pytestmark = pytest.mark.django_db

COMPANY_Y = "90001354"
PSEUDONYM = "eh-demo-medewerker-1"
TOKEN = "0123456789abcdef0123456789abcdef"


@pytest.fixture(autouse=True)
def dutch():
    with translation.override("nl"):
        yield


def business_client(client, kvk: str, branch: str = "", services: tuple[str, ...] = ()):
    """An eHerkenning login: a user without BSN and the broker's mandate."""
    user = User.objects.create(username=f"eh-{kvk}-{branch or 'all'}")
    log_in(client, user, level=LevelOfAssurance.SUBSTANTIEEL)
    session = client.session
    session[BROKER_SESSION_KEY] = {
        "broker": "test-broker",
        "level": "substantieel",
        "kvk": kvk,
        "branch": branch,
        "name": "Bakkerij De Vries B.V.",
        "actor_pseudonym": PSEUDONYM,
        "services": list(services),
    }
    session.save()
    return client


@pytest.fixture
def business_product(home_page):
    return requestable_product(title="Terrasvergunning", audience=Audience.BUSINESSES)


def _url(product) -> str:
    return reverse("product_requests:request", kwargs={"slug": product.slug})


def _sent_url(product, token: str = TOKEN) -> str:
    return reverse("product_requests:request_sent", kwargs={"slug": product.slug, "token": token})


def _answers(product, **extra) -> dict:
    date_field, text_field = product.request_form_fields.order_by("sort_order")[:2]
    return {
        f"vraag_{date_field.pk}": "2026-12-01",
        f"vraag_{text_field.pk}": "Tien tafels op de stoep.",
        "aanvraag_token": TOKEN,
        **extra,
    }


def _company_log(kvk: str):
    return AccessLogEntry.objects.filter(
        data_subject_id=data_subject_id(kvk), data_subject_id_type=DATA_SUBJECT_ID_TYPE_KVK
    )


SERVICE = "urn:etoegang:DV:00000001001918000000:services:1"


def _register_service(product) -> None:
    """The agency's mandate service that allows requesting `product` (decision 0050)."""
    from representation.models import MandateService

    service = MandateService.objects.create(
        agency=product.agency, service_id=SERVICE, name="Terrasvergunning aanvragen"
    )
    service.case_types.add(product.case_type)
    service.products.add(product)


def test_a_business_requests_a_product_for_businesses(client, business_product):
    make_demo_business()
    _register_service(business_product)
    company = business_client(client, COMPANY_X, MAIN_BRANCH, services=(SERVICE,))

    form = company.get(_url(business_product))
    assert form.status_code == 200
    body = form.content.decode()
    # Prefilled from the business registry: name, KvK number, the branch's address.
    assert "Bakkerij De Vries B.V." in body
    assert COMPANY_X in body and MAIN_BRANCH in body
    assert "Dorpsstraat 40" in body
    assert "Basisregistratie Personen" not in body

    response = company.post(_url(business_product), _answers(business_product, stap="versturen"))
    assert response.status_code == 302
    assert response.url == _sent_url(business_product)
    # A second click finds the same case (idempotency as for citizens).
    again = company.post(_url(business_product), _answers(business_product, stap="versturen"))
    assert again.url == _sent_url(business_product)
    case = Case.objects.get()
    role = Role.objects.get(case=case, role_type=RoleType.INITIATOR)
    assert (role.bsn, role.kvk, role.branch) == ("", COMPANY_X, MAIN_BRANCH)
    assert role.authentication_context == {
        "source": "eherkenning",
        "levelOfAssurance": "urn:etoegang:core:assurance-class:loa3",
        "representee": {"identifierType": "kvkNummer", "identifier": COMPANY_X},
        "actingSubject": {"identifierType": "opaque", "identifier": PSEUDONYM},
        "mandate": {"role": "eherkenning", "services": [{"id": SERVICE}]},
    }
    submission = RequestSubmission.objects.get(case=case)
    assert submission.applicant["name"] == "Bakkerij De Vries B.V."
    assert submission.applicant["kvk"] == COMPANY_X
    # The receipt names the company's KvK number and branch, not a birth date.
    lines = dict(receipt_lines(submission))
    assert (lines["KvK-nummer"], lines["Vestigingsnummer"]) == (COMPANY_X, MAIN_BRANCH)
    assert "Geboortedatum" not in lines
    # The case's access-log entry is the company's own (KvK), and no BSN is logged.
    assert _company_log(COMPANY_X).filter(object_kind="case", detail__case_id=case.pk).exists()
    other_ids = AccessLogEntry.objects.exclude(data_subject_id_type=DATA_SUBJECT_ID_TYPE_KVK)
    assert not other_ids.exists()

    confirmation = company.get(_sent_url(business_product))
    assert confirmation.status_code == 200
    assert case.reference in confirmation.content.decode()


def test_another_companys_context_finds_nothing_and_writes_nothing(client, business_product):
    make_demo_business()
    company_x = business_client(client, COMPANY_X, MAIN_BRANCH)
    company_x.post(_url(business_product), _answers(business_product, stap="versturen"))
    company_x.post(
        _url(business_product),
        _answers(business_product, stap="concept", aanvraag_token="f" * 32),
    )
    draft = RequestDraft.objects.get()
    assert (draft.subject_bsn, draft.subject_kvk, draft.subject_branch) == (
        "",
        COMPANY_X,
        MAIN_BRANCH,
    )
    counts = (Case.objects.count(), RequestDraft.objects.count(), Role.objects.count())
    log_x = _company_log(COMPANY_X).count()

    company_y = business_client(client, COMPANY_Y)
    assert company_y.get(_sent_url(business_product)).status_code == 404
    draft_url = f"{_url(business_product)}?concept={draft.public_id}"
    assert company_y.get(draft_url).status_code == 404
    delete_url = reverse("product_requests:delete_draft", kwargs={"public_id": draft.public_id})
    assert company_y.post(delete_url).status_code == 404
    # X's token sent again in Y's context opens nothing in X's case.
    company_y.post(_url(business_product), _answers(business_product, stap="versturen"))
    assert Case.objects.filter(roles__kvk=COMPANY_Y).count() == 0
    assert (Case.objects.count(), RequestDraft.objects.count(), Role.objects.count()) == counts
    assert RequestDraft.objects.filter(public_id=draft.public_id).exists()
    # Nothing of X's was read or changed: X's access log is as it was; Y's log
    # has only the lookup of Y's own registry data (not in the registry: 503).
    assert _company_log(COMPANY_X).count() == log_x
    assert set(_company_log(COMPANY_Y).values_list("object_kind", flat=True)) <= {"business"}


def test_a_person_cannot_open_a_businesses_only_form(citizen_client, business_product):
    response = citizen_client.get(_url(business_product))
    assert response.status_code == 403
    assert "alleen voor bedrijven" in response.content.decode()
    assert 'name="aanvraag_token"' not in response.content.decode()
    sent = citizen_client.post(_url(business_product), _answers(business_product, stap="versturen"))
    assert sent.status_code == 403
    assert Case.objects.count() == 0


def test_a_business_cannot_open_a_citizens_only_form(client, home_page):
    make_demo_business()
    product = requestable_product(audience=Audience.CITIZENS)
    company = business_client(client, COMPANY_X, MAIN_BRANCH)
    response = company.get(_url(product))
    assert response.status_code == 403
    assert "alleen voor inwoners" in response.content.decode()
    company.post(_url(product), _answers(product, stap="versturen"))
    assert Case.objects.count() == 0 and RequestDraft.objects.count() == 0


def test_a_draft_needs_exactly_one_kind_of_subject(business_product):
    for fields in (
        {"subject_bsn": "999990019", "subject_kvk": COMPANY_X},
        {"subject_branch": MAIN_BRANCH},
        {"subject_bsn": "999990019", "subject_branch": MAIN_BRANCH},
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            RequestDraft.objects.create(product=business_product, idempotency_key=TOKEN, **fields)


def test_a_business_not_in_the_registry_reads_that_the_kvk_data_is_unavailable(
    client, business_product
):
    company = business_client(client, COMPANY_Y)
    response = company.get(_url(business_product))
    assert response.status_code == 503
    assert "Handelsregister" in response.content.decode()
    assert "Basisregistratie Personen" not in response.content.decode()


def test_a_mandate_for_one_service_sees_and_deletes_only_its_products_drafts(
    client, business_product, home_page
):
    """A colleague's draft for a product outside the employee's mandate does not
    exist for them: not on Mijn overzicht, and deleting it is a 404 (decision 0050)."""
    from identity.acting import Subject
    from product_requests.drafts import save_draft

    _register_service(business_product)
    other_product = requestable_product(title="Evenementenvergunning", audience=Audience.BUSINESSES)
    colleague = User.objects.create(username="eh-collega")
    company = Subject(kvk=COMPANY_X)
    mine = save_draft(
        user=colleague, product=business_product, idempotency_key="a" * 32, answers={},
        subject=company,
    )  # fmt: skip
    theirs = save_draft(
        user=colleague, product=other_product, idempotency_key="b" * 32, answers={},
        subject=company,
    )  # fmt: skip
    scoped = business_client(client, COMPANY_X, services=(SERVICE,))
    page = scoped.get(reverse("cases:overview")).content.decode()
    assert "Terrasvergunning" in page
    assert "Evenementenvergunning" not in page
    delete = "product_requests:delete_draft"
    response = scoped.post(reverse(delete, kwargs={"public_id": theirs.public_id}))
    assert response.status_code == 404
    assert RequestDraft.objects.filter(pk=theirs.pk).exists()
    scoped.post(reverse(delete, kwargs={"public_id": mine.public_id}))
    assert not RequestDraft.objects.filter(pk=mine.pk).exists()
