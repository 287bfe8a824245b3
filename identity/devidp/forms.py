from django import forms
from django.utils.translation import gettext_lazy as _

from identity.bsn import validate_bsn
from identity.loa import LevelOfAssurance

from .personas import DEMO_CITIZENS

OTHER = "anders"


class PickCitizenForm(forms.Form):
    citizen = forms.ChoiceField(
        label=_("Demoburger"),
        widget=forms.RadioSelect,
        choices=[
            *((bsn, f"{first} {last} ({bsn})") for bsn, first, last in DEMO_CITIZENS),
            (OTHER, _("Een ander BSN")),
        ],
        initial=DEMO_CITIZENS[0][0],
    )
    bsn = forms.CharField(
        label=_("BSN"),
        required=False,
        max_length=9,
        help_text=_("Alleen als u hierboven 'Een ander BSN' kiest. Negen cijfers."),
    )
    level = forms.TypedChoiceField(
        label=_("Betrouwbaarheidsniveau"),
        coerce=int,
        widget=forms.Select(attrs={"class": "utrecht-select utrecht-select--html-select"}),
        choices=[(int(level), level.label) for level in LevelOfAssurance],
    )

    def clean(self):
        data = super().clean()
        if data.get("citizen") == OTHER:
            bsn = (data.get("bsn") or "").strip()
            if not bsn:
                self.add_error("bsn", _("Vul een BSN in."))
            else:
                try:
                    validate_bsn(bsn)
                except forms.ValidationError as error:
                    self.add_error("bsn", error)
                else:
                    data["chosen_bsn"] = bsn
        else:
            data["chosen_bsn"] = data.get("citizen")
        return data
