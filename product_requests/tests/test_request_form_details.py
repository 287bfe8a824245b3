"""Request form details citizens tripped over (issue 15.9): punctuation of error
messages, the confirmed e-mail address prefilled, the birth date in words."""

from unittest import mock

import pytest
from django.urls import reverse
from django.utils import translation

from identity.loa import SESSION_KEY, LevelOfAssurance
from identity.tests.factories import CitizenFactory, ContactDetailsFactory, LocalPersonFactory
from pages.models import RequestFieldType
from pages.tests.factories import RequestFormFieldFactory, requestable_product
from product_requests import receipts, services
from product_requests.forms import labelled_message

pytestmark = pytest.mark.django_db

TOKEN = "0123456789abcdef0123456789abcdef"


@pytest.fixture(autouse=True)
def dutch():
    with translation.override("nl"):
        yield


@pytest.fixture
def citizen(client):
    user = CitizenFactory(bsn="999990019")
    LocalPersonFactory(bsn=user.bsn)  # born 14 March 1985
    client.force_login(user)
    session = client.session
    session[SESSION_KEY] = int(LevelOfAssurance.MIDDEN)
    session.save()
    return user


@pytest.fixture
def product(home_page):
    return requestable_product(title="Verhuizing doorgeven", questions=False)


def _url(product):
    return reverse("product_requests:request", kwargs={"slug": product.slug})


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("Wie verhuizen er mee?", "Maak een keuze: Wie verhuizen er mee?"),
        ("Soort woning", "Maak een keuze: Soort woning."),
        ("Kies één van deze:", "Maak een keuze: Kies één van deze:"),
        ("Let op!", "Maak een keuze: Let op!"),
        ("Enz.", "Maak een keuze: Enz."),
    ],
)
def test_error_message_ends_with_one_mark(label, expected):
    from product_requests.forms import CHOOSE

    assert labelled_message(CHOOSE, label) == expected


def test_question_ending_in_a_question_mark_gets_no_extra_full_stop(client, citizen, product):
    RequestFormFieldFactory(
        page=product,
        field_type=RequestFieldType.RADIO,
        label="Wie verhuizen er mee?",
        choices="Alleen ikzelf\nIk en mijn partner",
    )
    body = client.post(_url(product), {"aanvraag_token": TOKEN, "stap": "controleren"})
    body = body.content.decode()
    assert "Maak een keuze: Wie verhuizen er mee?" in body
    assert "mee?." not in body


def test_confirmed_email_is_prefilled_in_an_email_question(client, citizen, product):
    question = RequestFormFieldFactory(
        page=product, field_type=RequestFieldType.EMAIL, label="E-mailadres"
    )
    ContactDetailsFactory(user=citizen, verified=True)
    body = client.get(_url(product)).content.decode()
    assert f'name="vraag_{question.pk}" value="suzanne@example.org"' in body


def test_unconfirmed_email_is_not_prefilled(client, citizen, product):
    question = RequestFormFieldFactory(
        page=product, field_type=RequestFieldType.EMAIL, label="E-mailadres"
    )
    ContactDetailsFactory(user=citizen, pending_email="nog@example.org")
    body = client.get(_url(product)).content.decode()
    assert f'name="vraag_{question.pk}" value=' not in body
    assert "nog@example.org" not in body


def test_receipt_prints_the_birth_date_in_words(
    client, citizen, product, django_capture_on_commit_callbacks
):
    with (
        mock.patch.object(receipts, "create_receipt", wraps=receipts.create_receipt) as receipt,
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post(_url(product), {"aanvraag_token": TOKEN, "stap": "versturen"})
    assert response.status_code == 302
    lines = dict(receipt.call_args.kwargs["answers"])
    assert lines["Geboortedatum"] == "14 maart 1985"


def test_birth_date_text_follows_the_language():
    applicant = {"date_of_birth": "1985-03-14"}
    assert services.birth_date_text(applicant, "nl") == "14 maart 1985"
    assert services.birth_date_text(applicant, "en") == "14 March 1985"
    assert services.birth_date_text({"date_of_birth": ""}) == ""


def test_check_step_shows_the_birth_date_in_words_in_english(client, citizen, product):
    with translation.override("en"):
        url = _url(product)
    body = client.post(url, {"aanvraag_token": TOKEN, "stap": "controleren"}).content.decode()
    assert "14 March 1985" in body
    assert "1985-03-14" not in body
