"""/aanvragen/<product>/: fill in, check, send; then the confirmation page.

One URL, three steps: the answers travel in the form (hidden fields on the
check step), so back, refresh and two tabs all work. The idempotency token is
made when the empty form is shown and sent with every step; the service opens at
most one case per token.

"Opslaan als concept" keeps the answers so far as a draft of this token
(product_requests.drafts); Mijn overzicht links back here with `?concept=<id>`,
which fills the form in again with the same token, so sending it opens one case
and deletes the draft in that transaction. Files are not kept with a draft.

Files are the exception: they cannot travel as hidden fields, so a file is
checked and kept as a pending upload of this citizen and token as soon as it
arrives (product_requests.uploads), whatever the other answers' errors; the form
then shows it as kept and sending attaches it to the case.
"""

from __future__ import annotations

import logging
import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import DatabaseError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import formats
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from wagtail.models import Locale

from documents.receiving import (
    CITIZEN_UPLOADS,
    receive_upload,
    receives_upload,
    upload_too_large,
)
from documents.services import cleanup_uncommitted_files
from identity.access_log import Purpose
from identity.acting import Subject
from identity.business_registry import RegistryUnavailable as BusinessRegistryUnavailable
from identity.business_registry import business_registry_for_request
from identity.business_registry.prefill import business_applicant_data
from identity.contact_details import confirmed_email
from identity.decorators import citizen_required
from identity.registry import RegistryUnavailable, registry_for_request
from pages.models import ProductPage, RequestFieldType, RequestFormField

from .drafts import (
    DRAFT_RETENTION,
    DraftNotFound,
    delete_draft,
    draft_for,
    expires_on,
    log_draft_viewed,
    save_draft,
)
from .forms import (
    TOKEN_FIELD,
    TOKEN_PATTERN,
    field_name,
    kept_name,
    prefilled_answers,
    remove_name,
    request_form_class,
)
from .models import PendingUpload, RequestDraft
from .services import applicant_data, create_case_from_request, submission_for, submissions_of
from .uploads import (
    PendingUploadNotFound,
    discard_pending_upload,
    keep_pending_upload,
    pending_upload_for,
    pending_uploads_for,
)

logger = logging.getLogger(__name__)

# Stored in Dutch in the access log, translated when shown.
STEP_FIELD = "stap"
STEP_CHECK, STEP_SEND, STEP_EDIT = "controleren", "versturen", "wijzigen"
STEP_DRAFT = "concept"
# The draft being continued (its public id; never a BSN), in the query string
# of the overview's link and as a hidden field after that.
DRAFT_FIELD = "concept"


def _product_or_404(slug: str) -> ProductPage:
    # A translated product shares its slug (docs/decisions/0025): take the one in
    # the active language, else the Dutch original.
    products = (
        ProductPage.objects.live()
        .public()
        .filter(slug=slug, case_type__isnull=False)
        .select_related("agency", "case_type")
    )
    product = (
        products.filter(locale=Locale.get_active()).first()
        or products.filter(locale=Locale.get_default()).first()
    )
    if product is None:
        raise Http404
    return product


@csrf_exempt  # checked by receives_upload below, after the upload size limit is in place
def request_product(request, slug: str):
    product = _product_or_404(slug)
    questions = list(product.request_form_fields.all())
    file_inputs = sum(1 for q in questions if q.field_type == RequestFieldType.FILE)
    # The level of assurance and the number of files are the product's, so the
    # decorators are applied here. A file over the limit is skipped while
    # streaming; the other answers still arrive.
    view = citizen_required(level=product.level_of_assurance)(
        receives_upload(_request_form, file_inputs=file_inputs)
    )
    return view(request, product, questions)


def _subject_in_scope(request, product: ProductPage) -> Subject:
    """Whom the request is for: the acting context's subject (a child, a
    represented person, a business). A mandate that does not cover this
    product's agency or case type, or a service mandate whose services do not
    allow requesting it (decision 0050), is a 404."""
    acting = request.acting
    case_type = product.case_type
    code = case_type.code if case_type is not None else ""
    if not acting.allows(
        agency=product.agency.slug if product.agency_id else "",
        case_type=code,
        product=str(product.translation_key),
    ):
        raise Http404
    return acting.subject


def _not_offered(request, product: ProductPage, subject: Subject):
    """A product for businesses only has no form for a person, nor the reverse:
    a plain page that says who it is for and how they log in
    (pages.models.ProductPage.audience), not a 404."""
    return render(
        request,
        "product_requests/not_offered.html",
        {"product": product, "message": product.not_offered_text(subject)},
        status=403,
    )


def _applicant(request, subject: Subject) -> tuple[object | None, object | None, dict]:
    """The registry data the form shows and sends, looked up by the server:
    (person, business, applicant). A business's name and the address of its
    branch (the mandate's, else the main branch) come from the business
    registry (identity.business_registry); None for both when it is down."""
    if subject.is_business:
        try:
            business = business_registry_for_request(request).get_business(
                subject.kvk,
                purpose=Purpose.REQUEST_FORM,
                viewer=request.user,
                branch=subject.branch,
            )
        except BusinessRegistryUnavailable:
            business = None
        if business is None:
            return None, None, {}
        return None, business, business_applicant_data(business, subject.branch)
    try:
        person = registry_for_request(request).get_person(
            subject.bsn, purpose=Purpose.REQUEST_FORM, viewer=request.user
        )
    except RegistryUnavailable:
        person = None
    if person is None:
        return None, None, {}
    return person, None, applicant_data(person)


def _draft_or_404(request, product: ProductPage) -> RequestDraft | None:
    """The citizen's own draft named in the request, or None; someone else's,
    an expired one or one of another product is "not found"."""
    public_id = request.POST.get(DRAFT_FIELD) or request.GET.get(DRAFT_FIELD)
    if not public_id:
        return None
    try:
        uuid.UUID(public_id)
        draft = draft_for(context=request.acting, public_id=public_id)
    except ValueError:
        raise Http404 from None
    except DraftNotFound:
        # Sent a moment ago (a second click on "versturen" finds its case by the
        # token) is no error on a POST; someone else's draft always is.
        if (
            request.method == "POST"
            and not RequestDraft.objects.filter(public_id=public_id).exists()
        ):
            return None
        raise Http404 from None
    if draft.product.slug != product.slug:
        raise Http404
    return draft


def _draft_answers(request, questions: list[RequestFormField]) -> dict:
    """What the citizen typed so far, by question id; unchecked (a draft may be
    incomplete or wrong) but cut to the form's own fields and lengths."""
    answers: dict[str, str | list[str]] = {}
    for question in questions:
        if question.field_type == RequestFieldType.FILE:
            continue
        name = field_name(question)
        if question.field_type == RequestFieldType.CHECKBOXES:
            values = [v[:255] for v in request.POST.getlist(name)[:50]]
            if values:
                answers[str(question.pk)] = values
        elif value := request.POST.get(name, "").strip():
            answers[str(question.pk)] = value[:5000]
    return answers


def _draft_initial(draft: RequestDraft, questions: list[RequestFormField]) -> dict:
    return {
        field_name(q): draft.answers[str(q.pk)]
        for q in questions
        if str(q.pk) in draft.answers and q.field_type != RequestFieldType.FILE
    }


def _request_form(request, product: ProductPage, questions: list[RequestFormField]):
    subject = _subject_in_scope(request, product)
    if not product.offered_to(subject):
        return _not_offered(request, product, subject)
    draft = _draft_or_404(request, product)
    if draft is not None and draft.product_id != product.pk:
        # Saved in the other language's version of the product: its questions.
        product = draft.product
        questions = list(product.request_form_fields.all())
    person, business, applicant = _applicant(request, subject)
    if person is None and business is None:
        return render(
            request,
            "product_requests/unavailable.html",
            {"product": product, "is_business": subject.is_business},
            status=503,
        )
    form_class = request_form_class(questions)
    token = draft.idempotency_key if draft else request.POST.get(TOKEN_FIELD, "")
    if not TOKEN_PATTERN.fullmatch(token):
        token = uuid.uuid4().hex
    context = {
        "product": product,
        "person": person,
        "business": business,
        "applicant": applicant,
        "token": token,
        "draft": draft,
    }

    if request.method != "POST":
        initial = prefilled_answers(questions, email=confirmed_email(request.user))
        if draft is not None:
            initial.update(_draft_initial(draft, questions))
            log_draft_viewed(user=request.user, draft=draft)
        return _form_page(request, context, form_class(initial=initial))
    step = request.POST.get(STEP_FIELD)
    if step == STEP_DRAFT:
        return _save_draft(request, product, token, questions)
    if step == STEP_SEND:
        # A second click after the case was made: its files are attached and no
        # longer pending, so go to the confirmation before looking for them.
        sent = submission_for(user=request.user, idempotency_key=token, context=request.acting)
        if sent is not None:
            return redirect("product_requests:request_sent", slug=product.slug, token=token)
    pending, upload_errors = _receive_uploads(request, token, form_class.questions)
    form = form_class(request.POST, pending=pending, upload_errors=upload_errors)
    if upload_too_large(request):
        form.add_error(
            None,
            _(
                "Uw bestand was zo groot dat wij niet alles hebben ontvangen. "
                "Controleer uw antwoorden."
            ),
        )
    if step == STEP_EDIT or not form.is_valid():
        return _form_page(request, context, form)
    if step != STEP_SEND:
        return render(
            request,
            "product_requests/check.html",
            {**context, "form": form, "answers": form.answers(get_language())},
        )
    try:
        result = create_case_from_request(
            user=request.user,
            product=product,
            answers=form.answers(),
            applicant=applicant,
            idempotency_key=token,
            uploads=list(pending.values()),
            context=request.acting,
            level=request.acting.level(request),
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
    finally:
        # The receipt's and the attachments' files, when their transaction rolled back.
        cleanup_uncommitted_files()
    return redirect(
        "product_requests:request_sent", slug=product.slug, token=result.submission.idempotency_key
    )


def _form_page(request, context: dict, form):
    draft = context.get("draft")
    return render(
        request,
        "product_requests/form.html",
        {
            **context,
            "form": form,
            "draft_expires_on": expires_on(draft) if draft else None,
            "draft_days": DRAFT_RETENTION.days,
            "has_file_questions": any(
                q.field_type == RequestFieldType.FILE for q in form.questions
            ),
        },
    )


def _save_draft(request, product: ProductPage, token: str, questions: list[RequestFormField]):
    """ "Opslaan als concept": keep the answers so far, whatever their errors."""
    try:
        draft = save_draft(
            user=request.user,
            product=product,
            idempotency_key=token,
            answers=_draft_answers(request, questions),
            subject=request.acting.subject,
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("cases:overview")
    messages.success(
        request,
        _(
            "Uw aanvraag is opgeslagen als concept. U vindt die op Mijn overzicht; "
            "wij bewaren die tot %(date)s."
        )
        % {"date": formats.date_format(expires_on(draft), "j F Y")},
    )
    return redirect("cases:overview")


@require_POST
@citizen_required
def delete_request_draft(request, public_id):
    """Delete the citizen's own draft (a POST from Mijn overzicht)."""
    try:
        draft = draft_for(context=request.acting, public_id=public_id)
    except DraftNotFound:
        raise Http404 from None
    title = draft.product.title
    delete_draft(user=request.user, draft=draft, subject=request.acting.subject)
    messages.success(
        request, _("Het concept van uw aanvraag %(title)s is verwijderd.") % {"title": title}
    )
    return redirect("cases:overview")


def _receive_uploads(
    request, token: str, questions: list[RequestFormField]
) -> tuple[dict[int, PendingUpload], dict[int, ValidationError]]:
    """Keep the files just sent, drop the ones the citizen removed; return what this
    form now has (by question id) and why a file was refused.

    A kept-file id in the POST that belongs to another citizen or another form
    is "not found" (404), like any object that is not yours.
    """
    file_questions = [q for q in questions if q.field_type == RequestFieldType.FILE]
    if not file_questions:
        return {}, {}
    user = request.user
    for question in file_questions:
        kept_id = request.POST.get(kept_name(question), "")
        if kept_id:
            _check_kept_id(user=user, token=token, public_id=kept_id)
    pending = pending_uploads_for(user=user, idempotency_key=token)
    errors: dict[int, ValidationError] = {}
    for question in file_questions:
        name = field_name(question)
        uploaded = request.FILES.get(name)
        if uploaded is not None or upload_too_large(request, name):
            try:
                with receive_upload(
                    request, uploaded, field=name, rate_limit=CITIZEN_UPLOADS
                ) as upload:
                    pending[question.pk] = keep_pending_upload(
                        user=user, idempotency_key=token, question=question, upload=upload
                    )
            except ValidationError as exc:
                errors[question.pk] = exc
        elif request.POST.get(remove_name(question)) and question.pk in pending:
            discard_pending_upload(pending=pending.pop(question.pk))
    return pending, errors


def _check_kept_id(*, user, token: str, public_id: str) -> None:
    try:
        uuid.UUID(public_id)
        pending_upload_for(user=user, idempotency_key=token, public_id=public_id)
    except ValueError:
        raise Http404 from None
    except PendingUploadNotFound:
        # Gone (sent, replaced in another tab, pruned) is no error: the form shows
        # what this form has now. Someone else's is.
        if PendingUpload.objects.filter(public_id=public_id).exists():
            raise Http404 from None


@citizen_required
def request_sent(request, slug: str, token: str):
    # The acting context's subject's own request (a person's or a business's):
    # another subject's token is "not found".
    submission = (
        submissions_of(request.acting.subject)
        .select_related("case", "case__agency", "product", "receipt")
        .filter(idempotency_key=token, product__slug=slug)
        .first()
    )
    if submission is None:
        raise Http404
    return render(
        request,
        "product_requests/sent.html",
        {"submission": submission, "case": submission.case, "product": submission.product},
    )
