"""What a citizen sent with an online request, kept with the case it opened.

Imported by pages.models, so it belongs to the pages app (and its migrations).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


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

    class Meta:
        verbose_name = _("aanvraag")
        verbose_name_plural = _("aanvragen")

    def __str__(self) -> str:
        return str(self.case)
