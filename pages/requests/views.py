"""/aanvragen/<product>/: fill in, check, send; then the confirmation page.

One URL, three steps, no server-side draft: the answers travel in the form
(hidden fields on the check step), so back, refresh and two tabs all work. The
idempotency token is made when the empty form is shown and sent with every
step; the service opens at most one case per token.
"""

from __future__ import annotations

import logging
import uuid

from django.core.exceptions import ValidationError
from django.db import DatabaseError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language, gettext_noop
from django.utils.translation import gettext as _

from identity.decorators import citizen_required
from identity.registry import RegistryUnavailable, registry_for_request
from pages.models import ProductPage

from .forms import TOKEN_FIELD, TOKEN_PATTERN, request_form_class
from .models import RequestSubmission
from .services import applicant_data, create_case_from_request

logger = logging.getLogger(__name__)

# Stored in Dutch in the access log, translated when shown.
PURPOSE_REQUEST = gettext_noop("Aanvraag invullen")
STEP_FIELD = "stap"
STEP_CHECK, STEP_SEND, STEP_EDIT = "controleren", "versturen", "wijzigen"


def _product_or_404(slug: str) -> ProductPage:
    product = (
        ProductPage.objects.live()
        .public()
        .filter(slug=slug, case_type__isnull=False)
        .select_related("agency", "case_type")
        .first()
    )
    if product is None:
        raise Http404
    return product


def request_product(request, slug: str):
    product = _product_or_404(slug)
    # The level of assurance is the product's, so the decorator is applied here.
    return citizen_required(level=product.level_of_assurance)(_request_form)(request, product)


def _request_form(request, product: ProductPage):
    try:
        person = registry_for_request(request).get_person(
            request.user.bsn, purpose=PURPOSE_REQUEST, viewer=request.user
        )
    except RegistryUnavailable:
        person = None
    if person is None:
        return render(request, "pages/requests/unavailable.html", {"product": product}, status=503)
    applicant = applicant_data(person)
    form_class = request_form_class(list(product.request_form_fields.all()))
    token = request.POST.get(TOKEN_FIELD, "")
    if not TOKEN_PATTERN.fullmatch(token):
        token = uuid.uuid4().hex
    context = {"product": product, "person": person, "token": token}

    if request.method != "POST":
        return _form_page(request, context, form_class())
    form = form_class(request.POST)
    step = request.POST.get(STEP_FIELD)
    if step == STEP_EDIT or not form.is_valid():
        return _form_page(request, context, form)
    if step != STEP_SEND:
        return render(
            request,
            "pages/requests/check.html",
            {**context, "form": form, "answers": form.answers(get_language())},
        )
    try:
        result = create_case_from_request(
            user=request.user,
            product=product,
            answers=form.answers(),
            applicant=applicant,
            idempotency_key=token,
        )
    except (ValidationError, DatabaseError, OSError):
        # Nothing was kept (one transaction); the citizen keeps their answers.
        logger.exception("Request for product %s could not be saved", product.pk)
        form.add_error(
            None,
            _(
                "Uw aanvraag kon niet worden verstuurd. Er is niets opgeslagen. "
                "Controleer uw antwoorden en probeer het opnieuw."
            ),
        )
        return _form_page(request, context, form)
    return redirect(
        "pages:request_sent", slug=product.slug, token=result.submission.idempotency_key
    )


def _form_page(request, context: dict, form):
    return render(request, "pages/requests/form.html", {**context, "form": form})


@citizen_required
def request_sent(request, slug: str, token: str):
    submission = (
        RequestSubmission.objects.select_related("case", "case__agency", "product")
        .filter(
            idempotency_key=token,
            case__roles__bsn=request.user.bsn,
            product__slug=slug,
        )
        .first()
    )
    if submission is None:
        raise Http404
    return render(
        request,
        "pages/requests/sent.html",
        {"submission": submission, "case": submission.case, "product": submission.product},
    )
