"""The request form: editors' questions as a Django form, plus the idempotency token.

The registry data (name, address, date of birth) is not part of the form at all,
so nothing in the POST can change it.
"""

from __future__ import annotations

import re
from datetime import date

from django import forms
from django.utils import formats, translation
from django.utils.translation import gettext_lazy as _

from identity.forms import AccessibleFormMixin
from pages.models import RequestFieldType, RequestFormField

TOKEN_PATTERN = re.compile(r"[0-9a-f]{32}")
TOKEN_FIELD = "aanvraag_token"  # noqa: S105 - a form field name, not a secret

REQUIRED = _("Vul dit veld in: %(label)s.")
CHOOSE = _("Maak een keuze: %(label)s.")

CHOICE_CLASSES = {
    RequestFieldType.RADIO: "utrecht-radio-button utrecht-radio-button--html-input",
    RequestFieldType.CHECKBOXES: "utrecht-checkbox utrecht-checkbox--html-input",
}


class CommaDecimalField(forms.DecimalField):
    """Accepts 12,50 as Dutch citizens write it, as well as 12.50."""

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(" ", "").replace(",", ".")
        return super().to_python(value)


def field_name(question: RequestFormField) -> str:
    return f"vraag_{question.pk}"


def _django_field(question: RequestFormField) -> forms.Field:
    kind, label = question.field_type, question.label
    shown_label = label if question.required else _("%(label)s (niet verplicht)") % {"label": label}
    common = {"label": shown_label, "help_text": question.help_text, "required": question.required}
    choices = [(choice, choice) for choice in question.choice_list]
    required_message = {"required": REQUIRED % {"label": label}}
    if kind == RequestFieldType.TEXT:
        return forms.CharField(max_length=255, error_messages=required_message, **common)
    if kind == RequestFieldType.TEXTAREA:
        return forms.CharField(
            max_length=5000,
            widget=forms.Textarea(attrs={"rows": 5}),
            error_messages=required_message,
            **common,
        )
    if kind == RequestFieldType.EMAIL:
        return forms.EmailField(
            error_messages={
                **required_message,
                "invalid": _("Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl."),
            },
            widget=forms.EmailInput(attrs={"autocomplete": "email"}),
            **common,
        )
    if kind == RequestFieldType.NUMBER:
        return CommaDecimalField(
            max_digits=15,
            decimal_places=2,
            error_messages={**required_message, "invalid": _("Vul een getal in, zoals 12.")},
            widget=forms.TextInput(attrs={"inputmode": "decimal"}),
            **common,
        )
    if kind == RequestFieldType.DATE:
        return forms.DateField(
            input_formats=["%Y-%m-%d", "%d-%m-%Y"],
            error_messages={
                **required_message,
                "invalid": _("Vul een geldige datum in, zoals 2026-03-01."),
            },
            widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            **common,
        )
    if kind == RequestFieldType.DROPDOWN:
        return forms.ChoiceField(
            choices=[("", _("Maak een keuze")), *choices],
            error_messages={"required": CHOOSE % {"label": label}},
            **common,
        )
    if kind in (RequestFieldType.RADIO, RequestFieldType.CHECKBOXES):
        widget_class = (
            forms.RadioSelect if kind == RequestFieldType.RADIO else forms.CheckboxSelectMultiple
        )
        field_class = (
            forms.ChoiceField if kind == RequestFieldType.RADIO else forms.MultipleChoiceField
        )
        return field_class(
            choices=choices,
            widget=widget_class(attrs={"class": CHOICE_CLASSES[kind]}),
            error_messages={"required": CHOOSE % {"label": label}},
            **common,
        )
    # RequestFieldType.CHECKBOX: a single tick box; "required" means it must be ticked.
    return forms.BooleanField(
        error_messages={"required": _("Vink dit aan: %(label)s.") % {"label": label}},
        **common,
    )


class RequestFormBase(AccessibleFormMixin, forms.Form):
    questions: list[RequestFormField] = []

    def answers(self, language: str = "nl") -> list[dict]:
        """[{"label", "value"}] in the editors' order, as the citizen reads them back.

        Stored and printed on the receipt in Dutch (the agency's language, like
        the editors' labels); the check step shows them in the page's language.
        """
        with translation.override(language):
            return [
                {
                    "label": question.label,
                    "value": display_value(self.cleaned_data.get(field_name(question))),
                }
                for question in self.questions
            ]


def request_form_class(questions: list[RequestFormField]) -> type[RequestFormBase]:
    """A form class with one field per question, in the editors' order."""
    attrs = {field_name(question): _django_field(question) for question in questions}
    attrs["questions"] = list(questions)
    return type("RequestForm", (RequestFormBase,), attrs)


def display_value(value) -> str:
    if value is True:
        return str(_("Ja"))
    if value is False or value is None:
        return str(_("Nee")) if value is False else ""
    if isinstance(value, list):
        return ", ".join(value)
    if isinstance(value, date):
        return formats.date_format(value, "j F Y")
    return str(value)
