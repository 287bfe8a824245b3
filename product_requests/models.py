"""What a citizen sent with an online request, kept with the case it opened.

Imported by pages.models, so it belongs to the pages app (and its migrations).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.storage import private_storage

from .subjects import one_subject_check


class RequestSubmission(models.Model):
    """One submitted request form.

    The idempotency key comes from the form (one per filled-in form) and is
    unique: a double click, back + resubmit or a second tab with the same form
    finds this row and its case instead of opening another one.
    """

    idempotency_key = models.CharField(_("idempotentiesleutel"), max_length=64, unique=True)
    case = models.OneToOneField(
        "cases.Case",
        verbose_name=_("zaak"),
        on_delete=models.CASCADE,
        related_name="request_submission",
    )
    product = models.ForeignKey(
        "pages.ProductPage",
        verbose_name=_("product"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # [{"label": ..., "value": ...}] in the form's order, as the citizen saw them;
    # "applicant" holds the registry data the form showed (never from the POST).
    answers = models.JSONField(_("antwoorden"), default=list, blank=True)
    applicant = models.JSONField(_("gegevens uit de registratie"), default=dict, blank=True)
    submitted_at = models.DateTimeField(_("verstuurd op"))
    # The receipt PDF is rendered by a task after the request committed
    # (product_requests.receipts; issue 23: no PDF while the case-number lock is
    # held). Until then `receipt` is empty; a render that failed every attempt
    # sets `receipt_failed_at`, and the confirmation page says so.
    receipt = models.ForeignKey(
        "documents.Document",
        verbose_name=_("ontvangstbevestiging"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    receipt_attempts = models.PositiveSmallIntegerField(
        _("pogingen ontvangstbevestiging"), default=0
    )
    receipt_failed_at = models.DateTimeField(
        _("ontvangstbevestiging mislukt op"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("aanvraag")
        verbose_name_plural = _("aanvragen")

    def __str__(self) -> str:
        return str(self.case)


def pending_upload_file_name(instance: PendingUpload, filename: str) -> str:
    """Generated, never the citizen's name: request-uploads/2026/11/<public id>.<ext>."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"request-uploads/{timezone.now():%Y/%m}/{instance.public_id}.{extension}"


class PendingUpload(models.Model):
    """A file a citizen chose in a request form, kept until the request is sent.

    Files cannot travel as hidden fields through the check step, so an accepted
    upload is stored here (private storage, already validated and scanned), bound
    to the citizen and the form's idempotency token. Sending the request turns it
    into a document of the new case in the same transaction; what is never sent
    is pruned (manage.py prune_pending_uploads).
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    idempotency_key = models.CharField(_("idempotentiesleutel"), max_length=64)
    # SET_NULL: an editor who removes the question must not lose the row (and so
    # leave its file behind); the prune command removes both later.
    question = models.ForeignKey(
        "pages.RequestFormField", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    file = models.FileField(
        _("bestand"), storage=private_storage, upload_to=pending_upload_file_name, max_length=255
    )
    original_filename = models.CharField(_("oorspronkelijke bestandsnaam"), max_length=200)
    content_type = models.CharField(_("soort bestand"), max_length=120)
    size = models.PositiveBigIntegerField(_("grootte (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    created_at = models.DateTimeField(_("ontvangen op"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("bestand bij een aanvraag in behandeling")
        verbose_name_plural = _("bestanden bij aanvragen in behandeling")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "idempotency_key", "question"],
                name="pendingupload_one_per_question",
            ),
        ]

    def __str__(self) -> str:
        return self.original_filename


class RequestDraft(models.Model):
    """A request form saved as "Concept": the answers so far, not yet sent.

    It belongs to the data subject, not to the account: a person (`subject_bsn`)
    or a business (`subject_kvk`, optionally `subject_branch`), exactly one
    (`requestdraft_one_subject`, the rule of cases.Role); the selectors filter
    on the acting context's subject (product_requests.subjects). A draft is
    never a case and opens none; sending it goes through
    services.create_case_from_request with the draft's token, which deletes the
    draft in the case's transaction. Files are not kept with a draft (the form
    asks for them again). Kept for DRAFT_RETENTION after the last save
    (docs/decisions/0044: AVG art. 5 lid 1 sub e).
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    subject_bsn = models.CharField(_("BSN van de betrokkene"), max_length=9, blank=True)
    # A business (eHerkenning, issue 19): KvK-nummer, optionally one vestiging.
    subject_kvk = models.CharField(_("KvK-nummer van de betrokkene"), max_length=8, blank=True)
    subject_branch = models.CharField(_("vestigingsnummer"), max_length=12, blank=True)
    product = models.ForeignKey(
        "pages.ProductPage",
        verbose_name=_("product"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    # The form's idempotency token: sending the draft sends it with this token,
    # so a double click opens one case, and the service finds the draft by it.
    idempotency_key = models.CharField(_("idempotentiesleutel"), max_length=64)
    # {"<question id>": "value" | ["value", ...]}: what the citizen typed, unchecked
    # (a draft may be incomplete); the form validates it when it is sent.
    answers = models.JSONField(_("antwoorden"), default=dict, blank=True)
    saved_at = models.DateTimeField(_("laatst opgeslagen"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("concept-aanvraag")
        verbose_name_plural = _("concept-aanvragen")
        constraints = [
            models.UniqueConstraint(
                fields=["subject_bsn", "subject_kvk", "subject_branch", "idempotency_key"],
                name="requestdraft_one_per_form",
            ),
            models.CheckConstraint(condition=one_subject_check(), name="requestdraft_one_subject"),
        ]
        indexes = [
            models.Index(fields=["subject_bsn", "-saved_at"], name="requestdraft_subject"),
            models.Index(fields=["subject_kvk", "-saved_at"], name="requestdraft_business"),
        ]

    def __str__(self) -> str:
        return str(self.product)
