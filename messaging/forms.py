"""Citizen forms of messaging: a reply or a question (text, one optional
file, an idempotency token) and the consent choices per message type."""

from __future__ import annotations

import secrets

from django import forms
from django.utils.translation import gettext_lazy as _

from documents.forms import accept_attribute
from identity.forms import AccessibleFormMixin

from .models import BODY_MAX_LENGTH, SUBJECT_MAX_LENGTH


def new_token() -> str:
    return secrets.token_urlsafe(32)


class ReplyForm(AccessibleFormMixin, forms.Form):
    # The mixin points aria-describedby at the ids identity/includes/field.html
    # renders ("-error"), not Django's default "_error" that nothing renders.
    body = forms.CharField(
        label=_("Uw bericht"),
        max_length=BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6, "class": "utrecht-textarea"}),
        error_messages={
            "required": _("Schrijf uw bericht."),
            "max_length": _("Uw bericht is te lang: gebruik hoogstens %(limit_value)d tekens."),
        },
    )
    file = forms.FileField(
        label=_("Bestand meesturen (niet verplicht)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"class": "utrecht-textbox"}),
    )
    # Hidden: a double click or a retried POST sends the same message once.
    token = forms.CharField(widget=forms.HiddenInput, max_length=100, required=False)

    def __init__(self, *args, allow_file: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if allow_file:
            self.fields["file"].widget.attrs["accept"] = accept_attribute()
        else:
            del self.fields["file"]


class QuestionForm(ReplyForm):
    subject = forms.CharField(
        label=_("Onderwerp"),
        max_length=SUBJECT_MAX_LENGTH,
        widget=forms.TextInput(attrs={"class": "utrecht-textbox"}),
        error_messages={"required": _("Vul een onderwerp in.")},
    )
    field_order = ["subject", "body", "file", "token"]


class ConsentForm(forms.Form):
    """One fieldset per message type: digital yes/no, e-mail, SMS."""

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        for row in rows:
            code = self.prefix_for(row.message_type)
            self.fields[f"{code}-digital"] = forms.TypedChoiceField(
                label=_("Digitaal ontvangen"),
                choices=[("ja", _("Ja, in Mijn berichten")), ("nee", _("Nee, per post"))],
                coerce=lambda value: value == "ja",
                widget=forms.RadioSelect,
                initial="ja" if row.digital else "nee",
                error_messages={"required": _("Kies of u dit digitaal wilt ontvangen.")},
            )
            self.fields[f"{code}-email"] = forms.BooleanField(
                label=_("Melding per e-mail"), required=False, initial=row.email
            )
            self.fields[f"{code}-sms"] = forms.BooleanField(
                label=_("Melding per sms"), required=False, initial=row.sms
            )

    @staticmethod
    def prefix_for(message_type) -> str:
        return f"t{message_type.pk}"

    def groups(self):
        for row in self.rows:
            code = self.prefix_for(row.message_type)
            yield {
                "row": row,
                "digital": self[f"{code}-digital"],
                "email": self[f"{code}-email"],
                "sms": self[f"{code}-sms"],
            }

    def choices(self):
        for row in self.rows:
            code = self.prefix_for(row.message_type)
            yield (
                row.message_type,
                self.cleaned_data[f"{code}-digital"],
                self.cleaned_data[f"{code}-email"],
                self.cleaned_data[f"{code}-sms"],
            )
