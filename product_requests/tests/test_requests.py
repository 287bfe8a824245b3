"""Online requests: the form, its prefill, the check step, the service and the confirmation."""

from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError
from django.urls import reverse
from django.utils import translation

from cases.models import Case, CaseSource, RoleType
from documents.models import Document, DocumentKind
from identity.loa import LevelOfAssurance
from identity.registry import RegistryUnavailable
from identity.tests.conftest import log_in
from identity.tests.factories import CitizenFactory, LocalPersonFactory
from pages.models import RequestFieldType, RequestFormField
from pages.tests.factories import RequestFormFieldFactory, requestable_product
from product_requests.models import RequestSubmission
from product_requests.services import create_case_from_request

pytestmark = pytest.mark.django_db

TOKEN = "0123456789abcdef0123456789abcdef"


@pytest.fixture(autouse=True)
def dutch():
    """reverse() follows the active language; another test may have left English on."""
    with translation.override("nl"):
        yield


@pytest.fixture
def citizen():
    user = CitizenFactory(bsn="999990019")
    LocalPersonFactory(bsn=user.bsn, first_names="Peter Jan", prefix="de", surname="Vries")
    return user


@pytest.fixture
def product(home_page):
    return requestable_product(title="Verhuizing doorgeven")


def _url(product):
    return reverse("product_requests:request", kwargs={"slug": product.slug})


def _answers(product, **extra):
    date_field, text_field = product.request_form_fields.order_by("sort_order")[:2]
    return {
        f"vraag_{date_field.pk}": "2026-12-01",
        f"vraag_{text_field.pk}": "Met de kat.",
        "aanvraag_token": TOKEN,
        **extra,
    }


def test_form_shows_registry_data_read_only_and_a_fresh_token(citizen_client, product):
    response = citizen_client.get(_url(product))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Peter Jan de Vries" in body
    assert "Dorpsstraat 12" in body
    assert 'name="aanvraag_token"' in body
    assert response.headers["Cache-Control"] == "no-store"
    # The registry data is shown, never an input.
    assert 'name="naam"' not in body


def test_product_without_case_type_has_no_request_form(citizen_client, home_page):
    product = requestable_product()
    product.case_type = None
    product.save()
    assert citizen_client.get(_url(product)).status_code == 404


def test_anonymous_visitor_goes_to_the_login(client, product):
    response = client.get(_url(product))
    assert response.status_code == 302
    assert response.url.startswith("/inloggen/?next=")


def test_level_too_low_steps_up_to_the_products_level(client, citizen, home_page):
    product = requestable_product(required_level_of_assurance=LevelOfAssurance.SUBSTANTIEEL.value)
    log_in(client, citizen, level=LevelOfAssurance.MIDDEN)
    response = client.get(_url(product))
    assert response.status_code == 302
    assert "niveau=substantieel" in response.url
    log_in(client, citizen, level=LevelOfAssurance.SUBSTANTIEEL)
    assert client.get(_url(product)).status_code == 200


def test_empty_submit_shows_error_summary_linked_to_fields(citizen_client, product):
    date_field = product.request_form_fields.get(field_type=RequestFieldType.DATE)
    response = citizen_client.post(_url(product), {"aanvraag_token": TOKEN, "stap": "controleren"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "data-error-summary" in body
    assert f'href="#id_vraag_{date_field.pk}"' in body
    assert "Vul dit veld in: Verhuisdatum." in body
    assert "<title>Fout:" in body
    assert Case.objects.count() == 0


def test_invalid_values_keep_the_answers(citizen_client, product):
    data = _answers(product, stap="controleren")
    date_field = product.request_form_fields.get(field_type=RequestFieldType.DATE)
    data[f"vraag_{date_field.pk}"] = "morgen"
    body = citizen_client.post(_url(product), data).content.decode()
    assert "Vul een geldige datum in" in body
    assert "Met de kat." in body
    assert TOKEN in body


def test_choice_fields_validate_their_choices(citizen_client, product):
    question = RequestFormFieldFactory(
        page=product, field_type=RequestFieldType.RADIO, label="Wie?", choices="Ik\nWij"
    )
    data = _answers(product, stap="controleren", **{f"vraag_{question.pk}": "Zij"})
    body = citizen_client.post(_url(product), data).content.decode()
    assert "Selecteer een geldige keuze" in body or "Select a valid choice" in body
    data[f"vraag_{question.pk}"] = "Wij"
    body = citizen_client.post(_url(product), data).content.decode()
    assert "Controleer uw aanvraag" in body


def test_choice_question_needs_choices():
    question = RequestFormField(field_type=RequestFieldType.DROPDOWN, label="Wat?", choices=" \n")
    with pytest.raises(ValidationError) as error:
        question.clean()
    assert "choices" in error.value.message_dict


def test_check_step_shows_what_will_be_sent_and_carries_the_answers(citizen_client, product):
    body = citizen_client.post(_url(product), _answers(product, stap="controleren")).content
    body = body.decode()
    assert "Controleer uw aanvraag" in body
    assert "1 december 2026" in body
    assert 'value="Met de kat."' in body
    assert 'value="versturen"' in body
    assert Case.objects.count() == 0


def test_submit_opens_case_with_submission_and_receipt(
    citizen_client, citizen, product, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = citizen_client.post(_url(product), _answers(product, stap="versturen"))
    assert response.status_code == 302
    case = Case.objects.get()
    assert case.case_type == product.case_type
    assert case.agency == product.agency
    assert case.source == CaseSource.REQUEST
    assert case.roles.get().bsn == citizen.bsn
    assert case.roles.get().role_type == RoleType.INITIATOR
    assert case.current_status.status_type.name == "ontvangen"
    submission = RequestSubmission.objects.get()
    assert submission.case == case
    assert submission.idempotency_key == TOKEN
    assert submission.answers == [
        {"label": "Verhuisdatum", "value": "1 december 2026"},
        {"label": "Toelichting", "value": "Met de kat."},
    ]
    receipt = Document.objects.get(case=case)
    assert receipt.kind == DocumentKind.RECEIPT
    assert submission.receipt == receipt

    page = citizen_client.get(response.url)
    assert page.status_code == 200
    assert case.reference in page.content.decode()
    assert case.get_absolute_url() in page.content.decode()
    overview = citizen_client.get(reverse("cases:overview")).content.decode()
    assert case.reference in overview


def test_prefill_cannot_be_overridden_by_the_post(citizen_client, product):
    data = _answers(
        product,
        stap="versturen",
        name="Mallory",
        naam="Mallory",
        applicant="Mallory",
        address="Nepstraat 1",
        date_of_birth="1900-01-01",
        bsn="999993653",
    )
    citizen_client.post(_url(product), data)
    submission = RequestSubmission.objects.get()
    assert submission.applicant["name"] == "Peter Jan de Vries"
    assert "Dorpsstraat 12" in submission.applicant["address"]
    assert submission.applicant["date_of_birth"] == "1985-03-14"
    assert list(submission.case.roles.values_list("bsn", flat=True)) == ["999990019"]


def test_same_token_twice_gives_one_case_and_the_same_confirmation(
    citizen_client, product, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = citizen_client.post(_url(product), _answers(product, stap="versturen"))
        second = citizen_client.post(_url(product), _answers(product, stap="versturen"))
    assert first.url == second.url
    assert Case.objects.count() == 1
    assert Document.objects.count() == 1


def test_someone_elses_token_does_not_reveal_their_case(client, citizen, product):
    citizen_client = log_in(client, citizen)
    citizen_client.post(_url(product), _answers(product, stap="versturen"))
    other = CitizenFactory(bsn="999993653")
    LocalPersonFactory(bsn=other.bsn)
    client.logout()
    log_in(client, other)
    response = client.post(_url(product), _answers(product, stap="versturen"))
    assert response.status_code == 200
    assert "kon niet worden verstuurd" in response.content.decode()
    assert Case.objects.count() == 1
    sent = reverse("product_requests:request_sent", kwargs={"slug": product.slug, "token": TOKEN})
    assert client.get(sent).status_code == 404


def test_failure_halfway_leaves_nothing_and_keeps_the_answers(citizen_client, product):
    with mock.patch(
        "product_requests.services.attach_pending_uploads", side_effect=DatabaseError("disk full")
    ):
        response = citizen_client.post(_url(product), _answers(product, stap="versturen"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Er is niets opgeslagen" in body
    assert "Met de kat." in body
    assert Case.objects.count() == 0
    assert RequestSubmission.objects.count() == 0
    # The same form can be sent again and then works.
    response = citizen_client.post(_url(product), _answers(product, stap="versturen"))
    assert response.status_code == 302
    assert Case.objects.count() == 1


def test_registry_down_shows_a_clear_page(citizen_client, product):
    with mock.patch(
        "identity.registry.local.LocalPersonRegistry.get_person",
        side_effect=RegistryUnavailable("down"),
    ):
        response = citizen_client.get(_url(product))
    assert response.status_code == 503
    assert "Aanvragen kan nu niet" in response.content.decode()


def test_edit_step_returns_to_the_form_with_answers(citizen_client, product):
    body = citizen_client.post(_url(product), _answers(product, stap="wijzigen")).content.decode()
    assert "Naar controleren" in body
    assert "Met de kat." in body


def test_service_returns_the_existing_case_for_a_known_key(citizen, product):
    kwargs = {
        "user": citizen,
        "product": product,
        "answers": [],
        "applicant": {"name": "Peter"},
        "idempotency_key": TOKEN,
    }
    first = create_case_from_request(**kwargs)
    second = create_case_from_request(**kwargs)
    assert first.created and not second.created
    assert first.case == second.case


def test_processing_time_comes_from_the_case_type(product):
    product.case_type.processing_days = 56
    assert product.processing_time_text() == "Binnen 8 weken."
    product.case_type.processing_days = 5
    assert product.processing_time_text() == "Binnen 5 dagen."
    product.case_type = None
    assert product.processing_time_text() == product.processing_time


def test_case_type_of_another_agency_is_refused(product):
    from cases.tests.factories import CaseTypeFactory

    product.case_type = CaseTypeFactory()
    with pytest.raises(ValidationError) as error:
        product.clean()
    assert "case_type" in error.value.message_dict


def test_product_page_links_to_the_request_form(client, product):
    body = client.get(product.url).content.decode()
    assert f'href="{_url(product)}"' in body


def test_request_confirmation_mail_goes_through_the_outbox(
    citizen, product, mailoutbox, django_capture_on_commit_callbacks
):
    from identity.tests.factories import ContactDetailsFactory
    from notifications.models import Notification

    ContactDetailsFactory(user=citizen, verified=True)
    with django_capture_on_commit_callbacks(execute=True):
        result = create_case_from_request(
            user=citizen, product=product, answers=[], applicant={}, idempotency_key=TOKEN
        )
    row = Notification.objects.get(case=result.case)
    assert row.status_update.status_type.name == "ontvangen"
    assert [mail.to for mail in mailoutbox] == [["suzanne@example.org"]]
    assert citizen.bsn not in mailoutbox[0].body


def test_a_failed_request_writes_no_outbox_row(citizen, product, mailoutbox):
    from identity.tests.factories import ContactDetailsFactory
    from notifications.models import Notification

    ContactDetailsFactory(user=citizen, verified=True)
    with (
        mock.patch(
            "product_requests.services.attach_pending_uploads",
            side_effect=DatabaseError("disk full"),
        ),
        pytest.raises(DatabaseError),
    ):
        create_case_from_request(
            user=citizen, product=product, answers=[], applicant={}, idempotency_key=TOKEN
        )
    assert Notification.objects.count() == 0
    assert mailoutbox == []


def test_editors_get_the_case_type_and_the_questions_in_the_admin_form(product):
    form_class = product.get_edit_handler().get_form_class()
    assert "case_type" in form_class.base_fields
    assert "request_form_fields" in form_class.formsets


def test_a_product_for_businesses_only_has_no_form_for_a_person(citizen_client, product):
    from pages.models import Audience

    assert citizen_client.get(_url(product)).status_code == 200
    product.audience = Audience.BUSINESSES
    product.save(update_fields=["audience"])
    # Not a 404: the page says who it is for (issue 19, decision 0049).
    response = citizen_client.get(_url(product))
    assert response.status_code == 403
    assert "alleen voor bedrijven" in response.content.decode()
