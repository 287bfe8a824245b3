"""Forms of the case screens. Every choice is limited to the caseworker's agencies."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.selectors import next_status_types
from identity.bsn import is_valid_bsn
from identity.registry import RegistryUnavailable

from .citizens import citizen_is_known
from .selectors import case_types_for_caseworker

SORTS = {
    "-last_changed_at": _("Laatst gewijzigd (nieuwste eerst)"),
    "last_changed_at": _("Laatst gewijzigd (oudste eerst)"),
    "planned_end_on": _("Uiterlijke einddatum (eerste eerst)"),
    "-planned_end_on": _("Uiterlijke einddatum (laatste eerst)"),
    "-received_on": _("Ontvangen (nieuwste eerst)"),
    "received_on": _("Ontvangen (oudste eerst)"),
    "reference": _("Zaaknummer"),
}


class CaseSearchForm(forms.Form):
    """Sent by POST and kept in the session, so a name or BSN never lands in a URL."""

    q = forms.CharField(
        label=_("Zoek op zaaknummer, titel, naam of BSN"), max_length=100, required=False
    )


class CaseFilterForm(forms.Form):
    """Filters and sorting: harmless values only, so they may be in the URL."""

    case_type = forms.ModelChoiceField(
        label=_("Zaaktype"), queryset=None, required=False, empty_label=_("Alle zaaktypen")
    )
    status = forms.ChoiceField(label=_("Huidige status"), required=False)
    state = forms.ChoiceField(
        label=_("Open of afgerond"),
        required=False,
        choices=[("", _("Alle")), ("open", _("Open")), ("closed", _("Afgerond"))],
    )
    overdue = forms.BooleanField(label=_("Alleen te laat"), required=False)
    action_required = forms.BooleanField(label=_("Alleen actie nodig van inwoner"), required=False)
    new_documents = forms.BooleanField(
        label=_("Alleen met nieuwe documenten van inwoner"), required=False
    )
    sort = forms.ChoiceField(label=_("Sorteren"), required=False, choices=list(SORTS.items()))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        case_types = case_types_for_caseworker(user=user).order_by("agency__name", "name")
        self.fields["case_type"].queryset = case_types
        # Status types differ per case type; filter on the internal name, but show
        # what it means (the citizen text; several case types may word it differently).
        texts: dict[str, set[str]] = {}
        for name, text in case_types.values_list(
            "status_types__name", "status_types__citizen_text"
        ):
            if name:
                texts.setdefault(name, set()).add(text)
        choices = sorted((name, " / ".join(sorted(t))) for name, t in texts.items())
        choices.sort(key=lambda choice: choice[1].casefold())
        self.fields["status"].choices = [("", _("Alle statussen")), *choices]


class PublishStatusForm(forms.Form):
    status_type = forms.ModelChoiceField(
        label=_("Nieuwe status"), queryset=None, empty_label=None, widget=forms.RadioSelect
    )
    explanation = forms.CharField(
        label=_("Toelichting voor de inwoner"),
        help_text=_(
            "De inwoner leest deze tekst op de zaakpagina. Schrijf in eenvoudig Nederlands."
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        required=False,
    )
    result_text = forms.CharField(
        label=_("Resultaat"),
        help_text=_("Verplicht bij een eindstatus: de uitkomst die de inwoner leest."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
    )
    result_code = forms.CharField(
        label=_("Resultaatcode"),
        help_text=_("Alleen bij een eindstatus, bijvoorbeeld toegekend of afgewezen."),
        max_length=50,
        required=False,
    )

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status_type"].queryset = next_status_types(case=case)
        # The status as the citizen will read it, never the internal code (issue 15.11).
        self.fields["status_type"].label_from_instance = lambda st: (
            st.citizen_text + (f" ({_('eindstatus')})" if st.is_final else "")
        )

    def clean(self):
        data = super().clean()
        status_type = data.get("status_type")
        if (
            status_type is not None
            and status_type.is_final
            and not data.get("result_text", "").strip()
        ):
            self.add_error("result_text", _("Vul het resultaat in; deze status rondt de zaak af."))
        return data


class OpenCaseForm(forms.Form):
    case_type = forms.ModelChoiceField(label=_("Zaaktype"), queryset=None)
    bsn = forms.CharField(
        label=_("BSN van de inwoner"),
        max_length=9,
        min_length=9,
        help_text=_(
            "Negen cijfers. Wij controleren het nummer met de elfproef en in de registratie."
        ),
    )
    title = forms.CharField(
        label=_("Titel"),
        max_length=200,
        required=False,
        help_text=_("Leeg: de naam van het zaaktype. De inwoner ziet deze titel."),
    )
    description = forms.CharField(
        label=_("Omschrijving"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    received_on = forms.DateField(
        label=_("Ontvangen op"),
        required=False,
        help_text=_("Leeg: vandaag. Notatie: jjjj-mm-dd."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["case_type"].queryset = (
            case_types_for_caseworker(user=user)
            .active_on(timezone.localdate())
            .order_by("agency__name", "name")
        )

    def clean_bsn(self) -> str:
        bsn = "".join(self.cleaned_data["bsn"].split())
        if not is_valid_bsn(bsn):
            raise ValidationError(
                _("Dit is geen geldig burgerservicenummer (BSN)."), code="invalid_bsn"
            )
        try:
            known = citizen_is_known(bsn, viewer=self.user)
        except RegistryUnavailable as exc:
            raise ValidationError(
                _("De basisregistratie personen is nu niet bereikbaar. Probeer het later opnieuw."),
                code="registry_unavailable",
            ) from exc
        if not known:
            raise ValidationError(
                _("Er is geen inwoner met dit BSN gevonden in de registratie."),
                code="unknown_bsn",
            )
        return bsn

    def clean_received_on(self):
        day = self.cleaned_data.get("received_on")
        if day and day > timezone.localdate():
            raise ValidationError(_("Deze datum ligt in de toekomst."), code="future")
        return day


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form: on its field if the form
    has one, otherwise at the top."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)
