"""The request form: editors' questions as a Django form, plus the idempotency token.

The registry data (name, address, date of birth) is not part of the form at all,
so nothing in the POST can change it.
"""

from __future__ import annotations

import re
from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils import formats, translation
from django.utils.translation import gettext_lazy as _

from documents.forms import accept_attribute
from documents.validation import allowed_types, max_upload_bytes
from identity.forms import AccessibleFormMixin
from pages.models import RequestFieldType, RequestFormField
from product_requests.models import PendingUpload

TOKEN_PATTERN = re.compile(r"[0-9a-f]{32}")
TOKEN_FIELD = "aanvraag_token"  # noqa: S105 - a form field name, not a secret

# Error messages name the editor's label; the full stop is added by labelled_message,
# because a label may already end with one ("Wie verhuizen er mee?").
REQUIRED = _("Vul dit veld in: %(label)s")
CHOOSE = _("Maak een keuze: %(label)s")
CHOOSE_FILE = _("Kies een bestand: %(label)s")
TICK = _("Vink dit aan: %(label)s")
SENTENCE_ENDS = (".", "?", "!", ":", "…")


def labelled_message(template, label: str) -> str:
    """ "Maak een keuze: Wie verhuizen er mee?" - one closing mark, never "?."."""
    message = str(template) % {"label": label.strip()}
    return message if message.endswith(SENTENCE_ENDS) else f"{message}."


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


def kept_name(question: RequestFormField) -> str:
    """The hidden field that names the file kept for a file question (its public id)."""
    return f"{field_name(question)}_bewaard"


def remove_name(question: RequestFormField) -> str:
    """The tick box that drops the kept file of an optional file question."""
    return f"{field_name(question)}_verwijderen"


class PendingFileField(forms.FileField):
    """The file input of a file question.

    The view checks and keeps the file before the form is validated
    (product_requests.uploads), because it must survive the other fields' errors
    and the check step; the form only reports that outcome (RequestFormBase.clean).
    """

    widget = forms.FileInput

    def clean(self, data, initial=None):
        return None


def _file_help(question: RequestFormField) -> str:
    allowed = _("%(types)s, maximaal %(size)s.") % {
        "types": ", ".join(file_type.label for file_type in allowed_types()),
        "size": filesizeformat(max_upload_bytes()),
    }
    return f"{question.help_text} {allowed}".strip()


def _django_field(question: RequestFormField) -> forms.Field:
    kind, label = question.field_type, question.label
    shown_label = label if question.required else _("%(label)s (niet verplicht)") % {"label": label}
    common = {"label": shown_label, "help_text": question.help_text, "required": question.required}
    choices = [(choice, choice) for choice in question.choice_list]
    required_message = {"required": labelled_message(REQUIRED, label)}
    if kind == RequestFieldType.TEXT:
        return forms.CharField(max_length=255, error_messages=required_message, **common)
    if kind == RequestFieldType.FILE:
        return PendingFileField(
            label=shown_label,
            help_text=_file_help(question),
            required=False,
            widget=forms.FileInput(attrs={"accept": accept_attribute(), "class": "ol-file-input"}),
        )
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
            error_messages={"required": labelled_message(CHOOSE, label)},
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
            error_messages={"required": labelled_message(CHOOSE, label)},
            **common,
        )
    # RequestFieldType.CHECKBOX: a single tick box; "required" means it must be ticked.
    return forms.BooleanField(
        error_messages={"required": labelled_message(TICK, label)},
        **common,
    )


class RequestFormBase(AccessibleFormMixin, forms.Form):
    questions: list[RequestFormField] = []

    def __init__(
        self,
        data=None,
        files=None,
        *,
        pending: dict[int, PendingUpload] | None = None,
        upload_errors: dict[int, ValidationError] | None = None,
        **kwargs,
    ):
        # pending: the files kept for this form by question id; upload_errors: why
        # a file just sent was refused. The view works both out before validating.
        self.pending = pending or {}
        self.upload_errors = upload_errors or {}
        if data is not None and self.file_questions:
            data = data.copy()
            for question in self.file_questions:
                kept = self.pending.get(question.pk)
                data[kept_name(question)] = str(kept.public_id) if kept else ""
        super().__init__(data, files, **kwargs)

    @property
    def file_questions(self) -> list[RequestFormField]:
        return [q for q in self.questions if q.field_type == RequestFieldType.FILE]

    @property
    def has_files(self) -> bool:
        return bool(self.file_questions)

    def clean(self):
        cleaned = super().clean()
        for question in self.file_questions:
            name = field_name(question)
            if question.pk in self.upload_errors:
                self.add_error(name, self.upload_errors[question.pk])
            elif question.required and question.pk not in self.pending:
                self.add_error(
                    name,
                    ValidationError(labelled_message(CHOOSE_FILE, question.label), code="required"),
                )
        return cleaned

    def rows(self) -> list[dict]:
        """The questions as the form page renders them, in the editors' order."""
        rows = []
        for question in self.questions:
            bound = self[field_name(question)]
            if question.field_type == RequestFieldType.FILE:
                kind = "file"
            elif bound.widget_type in ("radioselect", "checkboxselectmultiple"):
                kind = "choices"
            else:
                kind = "field"
            kept = self.pending.get(question.pk)
            if kind == "file" and kept:
                # Screen readers hear which file is kept when they reach the input.
                widget = bound.field.widget
                described = widget.attrs.get("aria-describedby", "")
                if f"{bound.auto_id}-kept" not in described:
                    widget.attrs["aria-describedby"] = f"{described} {bound.auto_id}-kept".strip()
            rows.append(
                {
                    "kind": kind,
                    "field": bound,
                    "question": question,
                    "kept": kept,
                    "kept_field": self[kept_name(question)] if kind == "file" else None,
                    "remove_name": remove_name(question),
                }
            )
        return rows

    def carried_fields(self):
        """What the check step carries as hidden fields: the answers and kept-file ids,
        never a file input."""
        files = {field_name(q) for q in self.file_questions}
        return [bound for bound in self if bound.name not in files]

    def answers(self, language: str = "nl") -> list[dict]:
        """[{"label", "value"}] in the editors' order, as the citizen reads them back.

        Stored and printed on the receipt in Dutch (the agency's language, like
        the editors' labels); the check step shows them in the page's language.
        """
        with translation.override(language):
            return [
                {"label": question.label, "value": self._answer(question)}
                for question in self.questions
            ]

    def _answer(self, question: RequestFormField) -> str:
        if question.field_type == RequestFieldType.FILE:
            kept = self.pending.get(question.pk)
            return file_label(kept) if kept else ""
        return display_value(self.cleaned_data.get(field_name(question)))


def prefilled_answers(questions: list[RequestFormField], *, email: str) -> dict:
    """Initial values from what the portal already knows: the confirmed e-mail
    address in every e-mail question (the citizen can still change it)."""
    if not email:
        return {}
    return {
        field_name(question): email
        for question in questions
        if question.field_type == RequestFieldType.EMAIL
    }


def request_form_class(questions: list[RequestFormField]) -> type[RequestFormBase]:
    """A form class with one field per question, in the editors' order; a file
    question also gets the hidden field that names its kept file."""
    attrs = {}
    for question in questions:
        attrs[field_name(question)] = _django_field(question)
        if question.field_type == RequestFieldType.FILE:
            attrs[kept_name(question)] = forms.CharField(required=False, widget=forms.HiddenInput)
    attrs["questions"] = list(questions)
    return type("RequestForm", (RequestFormBase,), attrs)


def file_label(upload: PendingUpload) -> str:
    """ "scan.pdf (1,2 MB)": what the check step and the receipt say about a file."""
    return f"{upload.original_filename} ({filesizeformat(upload.size)})"


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
