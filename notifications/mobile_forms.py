"""Forms of the mobile number pages (notifications.mobile_views)."""

from django import forms
from django.utils.translation import gettext_lazy

from identity.forms import AccessibleFormMixin


class MobileNumberForm(AccessibleFormMixin, forms.Form):
    number = forms.CharField(
        label=gettext_lazy("Mobiel nummer"),
        max_length=20,
        help_text=gettext_lazy("Bijvoorbeeld 0612345678. U krijgt een sms met een code."),
        error_messages={"required": gettext_lazy("Vul uw mobiele nummer in.")},
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )


class MobileCodeForm(AccessibleFormMixin, forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code uit de sms"),
        max_length=6,
        min_length=6,
        help_text=gettext_lazy("De zes cijfers uit de sms die wij u stuurden."),
        error_messages={
            "required": gettext_lazy("Vul de code uit de sms in."),
            "min_length": gettext_lazy("De code heeft zes cijfers."),
            "max_length": gettext_lazy("De code heeft zes cijfers."),
        },
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "pattern": "[0-9]*"}
        ),
    )
