"""The overview's forms: the filter (GET: agency, status group, open or closed,
sort order; nothing personal, so it may be in the URL) and the search (POST: the
words could be personal - a name, an address - so they stay out of the URL)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .selectors import CLOSED, OPEN
from .status_groups import StatusGroup

NEWEST, OLDEST = "nieuwste", "oudste"


class OverviewFilterForm(forms.Form):
    organisatie = forms.ChoiceField(label=_("Organisatie"), required=False)
    status = forms.ChoiceField(
        label=_("Lopend of afgerond"),
        required=False,
        choices=[("", _("Alle zaken")), (OPEN, _("Lopend")), (CLOSED, _("Afgerond"))],
    )
    groep = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Alle statussen")), *StatusGroup.choices],
    )
    volgorde = forms.ChoiceField(
        label=_("Sorteren op laatste wijziging"),
        required=False,
        choices=[(NEWEST, _("Nieuwste eerst")), (OLDEST, _("Oudste eerst"))],
    )

    # The fields that narrow the cases down ("volgorde" only orders them).
    FILTERS = ("organisatie", "status", "groep")

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
            "group": data.get("groep") or None,
            "oldest_first": data.get("volgorde") == OLDEST,
        }


class OverviewSearchForm(forms.Form):
    zoektekst = forms.CharField(
        label=_("Zoeken in uw zaken"),
        help_text=_("Bijvoorbeeld een zaaknummer of een woord uit de titel."),
        required=False,
        max_length=100,
        strip=True,
        error_messages={"max_length": _("Gebruik hoogstens %(limit_value)d tekens.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self["zoektekst"]
        field.field.widget.attrs.update(
            {
                "class": "utrecht-textbox utrecht-textbox--html-input",
                "type": "search",
                "aria-describedby": f"{field.id_for_label}-uitleg",
            }
        )
