"""The case system form of the back office. The secret is write-only: the
field is always empty when shown, and left empty on saving it keeps the
stored secret (so it is never sent back to a browser)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from .models import CaseSystem, SourceKind

ZGW_REQUIRED = ("zaken_url", "catalogi_url", "documenten_url", "client_id")


class CaseSystemForm(WagtailAdminModelForm):
    secret = forms.CharField(
        label=_("secret"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
        help_text=_(
            "Het gedeelde geheim van de ZGW-applicatie (JWT, HS256). Na opslaan tonen we "
            "het niet meer; laat het leeg om het bewaarde secret te houden."
        ),
    )

    class Meta:
        model = CaseSystem
        fields = [
            "agency",
            "kind",
            "zaken_url",
            "catalogi_url",
            "documenten_url",
            "besluiten_url",
            "client_id",
            "secret",
            "rsin",
            "max_confidentiality",
            "upload_informatieobjecttype",
            "sets_last_opened",
        ]

    def clean(self):
        data = super().clean()
        if not data.get("secret") and self.instance.pk:
            data["secret"] = self.instance.secret
        if data.get("kind") == SourceKind.ZGW:
            for name in (*ZGW_REQUIRED, "secret"):
                if not data.get(name):
                    self.add_error(name, _("Vul dit in voor een zaaksysteem met ZGW API's."))
        return data
