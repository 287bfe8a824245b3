"""The overview's filter form (GET): which agency, open or closed, sort order."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .selectors import CLOSED, OPEN

NEWEST, OLDEST = "nieuwste", "oudste"


class OverviewFilterForm(forms.Form):
    organisatie = forms.ChoiceField(label=_("Organisatie"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Alle zaken")), (OPEN, _("Lopend")), (CLOSED, _("Afgerond"))],
    )
    volgorde = forms.ChoiceField(
        label=_("Sorteren op laatste wijziging"),
        required=False,
        choices=[(NEWEST, _("Nieuwste eerst")), (OLDEST, _("Oudste eerst"))],
    )

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisatie"].choices = [
            ("", _("Alle organisaties")),
            *((agency.slug, agency.name) for agency in agencies),
        ]
        for field in self.fields.values():
            field.widget.attrs["class"] = "utrecht-select utrecht-select--html-select"

    def filters(self) -> dict:
        """Selector arguments; an invalid choice is ignored (the form shows why)."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return {
            "agency": data.get("organisatie") or None,
            "state": data.get("status") or None,
            "oldest_first": data.get("volgorde") == OLDEST,
        }
