from django import forms
from django.utils.translation import gettext_lazy as _

from .search import MAX_QUERY_LENGTH


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Zoek een product of dienst"),
        required=False,
        max_length=MAX_QUERY_LENGTH,
        strip=True,
        error_messages={
            "max_length": _("Gebruik maximaal %(limit_value)d tekens in uw zoekvraag."),
        },
    )
