"""Citizen forms of the identity app, rendered with NL Design System classes.

`AccessibleFormMixin` gives every input its utrecht class and, after
validation, `aria-invalid` and `aria-describedby` pointing at its error
message; `error_links()` feeds the error summary at the top of the page
(GOV.UK / NL Design System pattern: the summary links to each field).
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from .phone import normalize_phone

WIDGET_CLASSES = {
    forms.CheckboxInput: "utrecht-checkbox utrecht-checkbox--html-input",
    forms.RadioSelect: "utrecht-radio-button utrecht-radio-button--html-input",
    forms.Select: "utrecht-select utrecht-select--html-select",
    forms.Textarea: "utrecht-textarea utrecht-textarea--html-textarea",
}
TEXTBOX = "utrecht-textbox utrecht-textbox--html-input"


class AccessibleFormMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            widget = field.widget
            widget.attrs.setdefault("class", WIDGET_CLASSES.get(type(widget), TEXTBOX))
            if field.help_text:
                widget.attrs["aria-describedby"] = f"{self[name].auto_id}-description"

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            self._mark_invalid(name)

    def add_error(self, field, error):
        super().add_error(field, error)
        # Errors a view adds after validation (a service's, an upload's) are
        # announced like the form's own.
        if getattr(self, "cleaned_data", None) is not None:
            for name in list(self.errors):
                self._mark_invalid(name)

    def _mark_invalid(self, name: str) -> None:
        if name not in self.fields:
            return
        widget = self.fields[name].widget
        if widget.attrs.get("aria-invalid") == "true":
            return
        widget.attrs["aria-invalid"] = "true"
        widget.attrs["class"] += " " + " ".join(
            f"{c}--invalid" for c in widget.attrs["class"].split() if "--" not in c
        )
        described = widget.attrs.get("aria-describedby", "")
        widget.attrs["aria-describedby"] = f"{described} {self[name].auto_id}-error".strip()

    def anchor_for(self, name: str) -> str:
        bound = self[name]
        if isinstance(bound.field.widget, forms.RadioSelect):
            return f"{bound.auto_id}_0"
        return bound.auto_id

    def error_links(self) -> list[tuple[str, str]]:
        """(anchor, message) for each error, in the order of the fields."""
        links = [("", str(message)) for message in self.non_field_errors()]
        for name in self.fields:
            for message in self.errors.get(name, []):
                links.append((self.anchor_for(name), str(message)))
        return links


class ContactDetailsForm(AccessibleFormMixin, forms.Form):
    email = forms.EmailField(
        label=_("E-mailadres"),
        required=False,
        max_length=254,
        help_text=_("We sturen een link naar dit adres. Pas als u die opent, gebruiken we het."),
        error_messages={"invalid": _("Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.")},
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    phone = forms.CharField(
        label=_("Telefoonnummer"),
        required=False,
        max_length=30,
        help_text=_("Een Nederlands nummer, zoals 0612345678, of een buitenlands met +."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    preferred_language = forms.ChoiceField(
        label=_("Voorkeurstaal"),
        # Each language in its own words, as language pickers do (and lang= on the label).
        choices=[
            (code, get_language_info(code)["name_local"]) for code, _name in settings.LANGUAGES
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies een voorkeurstaal.")},
    )
    notify_by_email = forms.BooleanField(
        label=_("Stuur mij een e-mail als er nieuws is over mijn zaken"),
        required=False,
    )

    def __init__(self, *args, can_notify: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.can_notify = can_notify
        if not can_notify:
            # Without a confirmed address the choice cannot take effect: don't offer it.
            del self.fields["notify_by_email"]

    def clean_phone(self) -> str:
        value = self.cleaned_data["phone"].strip()
        return normalize_phone(value) if value else ""
