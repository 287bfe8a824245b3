"""The correction form: step 1 chooses the field, step 2 asks the correct value
and why. Validation is `values.clean_value` / `clean_explanation`, the same
the service applies, so the form shows every problem at once."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from documents.forms import accept_attribute
from documents.validation import MESSAGES as UPLOAD_MESSAGES
from documents.validation import allowed_types, max_upload_bytes
from identity.forms import AccessibleFormMixin

from .models import CorrectableField
from .values import EXPLANATION_MAX_LENGTH, clean_explanation, clean_value

FIELD_CHOICES = [
    (CorrectableField.NAME, _("Naam")),
    (CorrectableField.DATE_OF_BIRTH, _("Geboortedatum")),
    (CorrectableField.NATIONALITY, _("Nationaliteit")),
    (CorrectableField.ADDRESS, _("Adres")),
]


class FieldChoiceForm(AccessibleFormMixin, forms.Form):
    gegeven = forms.ChoiceField(
        label=_("Welk gegeven klopt niet?"),
        choices=FIELD_CHOICES,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies welk gegeven niet klopt."),
            "invalid_choice": _("Kies welk gegeven niet klopt."),
        },
    )


def _text(label, max_length: int, *, optional: bool = False, **attrs) -> forms.CharField:
    if optional:
        label = format_lazy("{} ({})", label, _("niet verplicht"))
    return forms.CharField(
        label=label,
        required=False,
        max_length=max_length,
        # Our own messages (values.py) also for too long input.
        error_messages={"max_length": _("Gebruik hoogstens %(limit_value)d tekens.")},
        widget=forms.TextInput(attrs=attrs),
    )


class CorrectionForm(AccessibleFormMixin, forms.Form):
    """Base: the explanation and the idempotency token; subclasses add the value."""

    field_code: str = ""
    value_parts: list[str] = []

    token = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)
    explanation = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=EXPLANATION_MAX_LENGTH,
        help_text=_(
            "Leg uit wat er niet klopt en waarom. Bijvoorbeeld: mijn naam staat verkeerd "
            "gespeld, zie mijn paspoort. Hoogstens 1000 tekens."
        ),
        error_messages={"max_length": _("Gebruik hoogstens %(limit_value)d tekens.")},
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    # Optional evidence, last in the form: the size limit stops reading the
    # request at the file, and every other answer has arrived by then.
    evidence = forms.FileField(
        label=format_lazy("{} ({})", _("Bewijsstuk"), _("niet verplicht")),
        required=False,
        # The upload checks' own wording (documents.validation) for an empty file.
        error_messages={"empty": UPLOAD_MESSAGES["empty"]},
        widget=forms.FileInput(attrs={"class": "ol-file-input"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The documents app decides what may be uploaded (settings may change it).
        self.fields["evidence"].help_text = _(
            "Bijvoorbeeld een huurcontract bij een adres. %(types)s, maximaal %(size)s."
        ) % {
            "types": ", ".join(t.label for t in allowed_types()),
            "size": filesizeformat(max_upload_bytes()),
        }
        widget = self.fields["evidence"].widget
        widget.attrs["accept"] = accept_attribute()
        widget.attrs["aria-describedby"] = f"{self['evidence'].auto_id}-description"

    def clean(self):
        data = super().clean()
        if len(self.value_parts) == 1:
            value = data.get(self.value_parts[0])
        else:
            value = {name: data.get(name) for name in self.value_parts}
        for check, args in (
            (clean_value, (self.field_code, value)),
            (clean_explanation, (data.get("explanation"),)),
        ):
            try:
                result = check(*args)
            except ValidationError as exc:
                for name, messages in exc.message_dict.items():
                    # A part the field itself rejected (a date it could not read) keeps that error.
                    if name not in self.errors:
                        self.add_error(name if name in self.fields else None, messages)
            else:
                data["value" if check is clean_value else "explanation"] = result
        return data


class NameCorrectionForm(CorrectionForm):
    field_code = CorrectableField.NAME
    value_parts = ["first_names", "prefix", "surname"]
    field_order = [*value_parts, "explanation", "evidence"]

    first_names = _text(_("Voornamen"), 200, autocomplete="given-name")
    prefix = _text(_("Voorvoegsel"), 20, optional=True)
    surname = _text(_("Achternaam"), 200, autocomplete="family-name")


class DateOfBirthCorrectionForm(CorrectionForm):
    field_code = CorrectableField.DATE_OF_BIRTH
    value_parts = ["date_of_birth"]
    field_order = [*value_parts, "explanation", "evidence"]

    date_of_birth = forms.DateField(
        label=_("Juiste geboortedatum"),
        required=False,
        input_formats=["%d-%m-%Y", "%d/%m/%Y", "%Y-%m-%d"],
        help_text=_("Dag-maand-jaar, bijvoorbeeld 14-03-1985."),
        error_messages={
            "invalid": _("Vul de datum in als dag-maand-jaar, bijvoorbeeld 14-03-1985.")
        },
        widget=forms.TextInput(attrs={"autocomplete": "bday", "inputmode": "numeric"}),
    )


class NationalityCorrectionForm(CorrectionForm):
    field_code = CorrectableField.NATIONALITY
    value_parts = ["nationality"]
    field_order = [*value_parts, "explanation", "evidence"]

    nationality = _text(_("Juiste nationaliteit"), 100)


class AddressCorrectionForm(CorrectionForm):
    field_code = CorrectableField.ADDRESS
    value_parts = [
        "street",
        "house_number",
        "house_letter",
        "house_number_addition",
        "postcode",
        "city",
    ]
    field_order = [*value_parts, "explanation", "evidence"]

    street = _text(_("Straat"), 200)
    house_number = _text(_("Huisnummer"), 5, inputmode="numeric")
    house_letter = _text(_("Huisletter"), 1, optional=True)
    house_number_addition = _text(_("Toevoeging"), 4, optional=True)
    postcode = _text(_("Postcode"), 7, autocomplete="postal-code")
    city = _text(_("Woonplaats"), 100)


CORRECTION_FORMS = {
    form.field_code: form
    for form in (
        NameCorrectionForm,
        DateOfBirthCorrectionForm,
        NationalityCorrectionForm,
        AddressCorrectionForm,
    )
}
