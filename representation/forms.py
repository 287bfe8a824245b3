"""Back-office forms for representations (validation messages in Dutch, translated)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.models import Agency, CaseType
from identity.bsn import is_valid_bsn

from .models import RepresentationKind
from .services import validate_scope


def _bsn_field(label):
    return forms.CharField(
        label=label,
        max_length=11,
        help_text=_("Negen cijfers; wij controleren het nummer met de elfproef."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )


def _clean_bsn(value: str) -> str:
    bsn = "".join(value.split())
    if not is_valid_bsn(bsn):
        raise ValidationError(
            _("Dit is geen geldig burgerservicenummer (BSN)."), code="invalid_bsn"
        )
    return bsn


class SearchForm(forms.Form):
    bsn = _bsn_field(_("Zoek op BSN"))

    def clean_bsn(self) -> str:
        return _clean_bsn(self.cleaned_data["bsn"])


class RepresentationForm(forms.Form):
    """The same form creates (with the two persons) and edits (without them: a
    different person is a different representation)."""

    agency = forms.ModelChoiceField(
        label=_("Beherende gemeente"), queryset=Agency.objects.none(), empty_label=None
    )
    representative_bsn = _bsn_field(_("BSN van de vertegenwoordiger"))
    represented_bsn = _bsn_field(_("BSN van de vertegenwoordigde"))
    kind = forms.ChoiceField(
        label=_("Soort vertegenwoordiging"),
        choices=RepresentationKind.choices,
        widget=forms.RadioSelect,
    )
    starts_on = forms.DateField(label=_("Begindatum"), help_text=_("Notatie: jjjj-mm-dd."))
    ends_on = forms.DateField(
        label=_("Einddatum"),
        required=False,
        help_text=_("Leeg: geen einddatum. De vertegenwoordiging geldt tot en met deze dag."),
    )
    agencies = forms.ModelMultipleChoiceField(
        label=_("Alleen bij deze organisaties"),
        queryset=Agency.objects.filter(is_active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Niets gekozen en geen zaaktypen: bij alle organisaties."),
    )
    case_types = forms.ModelMultipleChoiceField(
        label=_("Alleen voor deze zaaktypen"),
        queryset=CaseType.objects.select_related("agency").order_by("agency__name", "name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Kies organisaties of zaaktypen, niet allebei."),
    )
    hidden_from_represented = forms.BooleanField(
        label=_("Verbergen voor de vertegenwoordigde"),
        required=False,
        help_text=_("Alleen als de beschikking van de rechter dat bepaalt."),
    )
    evidence = forms.FileField(
        label=_("Bewijsstuk (beschikking of machtiging)"),
        required=False,
        help_text=_("PDF, JPG of PNG."),
    )

    def __init__(self, *args, agencies, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
        self.fields["case_types"].label_from_instance = lambda t: (
            f"{t.name} ({t.agency.short_name})"
        )
        if editing:
            for name in ("agency", "representative_bsn", "represented_bsn"):
                del self.fields[name]

    def clean_representative_bsn(self) -> str:
        return _clean_bsn(self.cleaned_data["representative_bsn"])

    def clean_represented_bsn(self) -> str:
        return _clean_bsn(self.cleaned_data["represented_bsn"])

    def clean(self):
        data = super().clean()
        rep, represented = data.get("representative_bsn"), data.get("represented_bsn")
        if rep and represented and rep == represented:
            self.add_error(
                "represented_bsn",
                ValidationError(
                    _("Iemand kan niet zijn eigen vertegenwoordiger zijn."), code="oneself"
                ),
            )
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error(
                "ends_on",
                ValidationError(
                    _("De einddatum mag niet vóór de begindatum liggen."), code="ends_before_start"
                ),
            )
        try:
            validate_scope(
                agencies=data.get("agencies") or (), case_types=data.get("case_types") or ()
            )
        except ValidationError as exc:
            self.add_error("case_types", exc)
        return data


class EndForm(forms.Form):
    ends_on = forms.DateField(
        label=_("Laatste dag van de vertegenwoordiging"), help_text=_("Notatie: jjjj-mm-dd.")
    )

    def __init__(self, *args, representation, **kwargs):
        super().__init__(*args, **kwargs)
        self.representation = representation
        if not self.is_bound:
            self.initial.setdefault("ends_on", timezone.localdate())

    def clean_ends_on(self):
        day = self.cleaned_data["ends_on"]
        if day < self.representation.starts_on:
            raise ValidationError(
                _("De einddatum mag niet vóór de begindatum liggen."), code="ends_before_start"
            )
        return day
