from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from .validation import allowed_types, max_upload_bytes


def accept_attribute() -> str:
    extensions = {"jpg": ".jpg,.jpeg"}
    return ",".join(extensions.get(t.extension, "." + t.extension) for t in allowed_types())


class UploadForm(forms.Form):
    title = forms.CharField(
        label=_("Omschrijving (niet verplicht)"),
        max_length=200,
        required=False,
        help_text=_("Bijvoorbeeld: loonstrook mei."),
        # A text area: citizens describe what they send in a sentence, not a word.
        widget=forms.Textarea(attrs={"rows": 3, "class": "utrecht-textarea"}),
    )
    file = forms.FileField(
        label=_("Bestand"),
        error_messages={"required": _("Kies een bestand om te sturen.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from django.template.defaultfilters import filesizeformat

        labels = ", ".join(t.label for t in allowed_types())
        self.fields["file"].help_text = _("%(types)s, maximaal %(size)s.") % {
            "types": labels,
            "size": filesizeformat(max_upload_bytes()),
        }
        self.fields["file"].widget.attrs["accept"] = accept_attribute()


SHA256 = re.compile(r"^[0-9a-fA-F]{64}$")


class VerifyForm(forms.Form):
    file = forms.FileField(label=_("Document"), required=False)
    sha256 = forms.CharField(
        label=_("Of plak de SHA-256-code"),
        required=False,
        max_length=100,
        help_text=_("64 tekens, cijfers en de letters a tot en met f."),
    )

    def clean_sha256(self) -> str:
        value = re.sub(r"\s+", "", self.cleaned_data["sha256"])
        if value and not SHA256.match(value):
            raise forms.ValidationError(
                _("Een SHA-256-code bestaat uit 64 tekens: cijfers en de letters a tot en met f."),
                code="invalid_sha256",
            )
        return value.lower()

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("file") and not cleaned.get("sha256") and not self.errors:
            raise forms.ValidationError(
                _("Kies een document of plak een SHA-256-code."), code="nothing_to_check"
            )
        return cleaned
