"""The channel register and the outage register in the admin (issue 17).

Agency administrators keep, for their own agencies only, which formal
messages they accept digitally, at which DigiD level, which case type a
bezwaar or klacht opens and where to send a kind they do not take digitally
(Awb 2:13 as amended by the Wmebv: the body designates and announces its
electronic channel; the public "Digitaal contact" page shows this register).

Operators (superusers) and agency administrators record when the channel was
down (ChannelOutage): a deadline that ended during an outage does not count
against the citizen (Kamerstukken II 35261 nr. 3, §3.4.5), so the register is
kept, never deleted, and exportable (CSV/XLSX from the listing). An outage
without an agency is the whole portal: only an operator records that.
Automatic entries come from `manage.py check_submission_channel`.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.viewsets.model import ModelViewSetGroup
from wagtail.permissions import register_permission_policy

from identity.loa import LevelOfAssurance
from messaging.kinds import CASE_OPENING_KINDS, CITIZEN_FORMAL_KINDS, MessageKind
from messaging.models import ChannelOutage, ChannelRule

from .scoping import (
    AgencyScopedPolicy,
    AgencyScopedViewSet,
    ScopedCreateView,
    ScopedEditView,
    ScopedIndexView,
    register_agency_scope,
)

REGISTER_KINDS = [(kind.value, kind.label) for kind in (*CITIZEN_FORMAL_KINDS, MessageKind.VRAAG)]
LEVELS = [
    (LevelOfAssurance.BASIS.value, _("DigiD Basis")),
    (LevelOfAssurance.MIDDEN.value, _("DigiD Midden")),
    (LevelOfAssurance.SUBSTANTIEEL.value, _("DigiD Substantieel")),
    (LevelOfAssurance.HOOG.value, _("DigiD Hoog")),
]


class ChannelRuleForm(WagtailAdminModelForm):
    def clean(self):
        data = super().clean()
        agency, case_type, kind = data.get("agency"), data.get("case_type"), data.get("kind")
        if case_type is not None and agency is not None and case_type.agency_id != agency.pk:
            self.add_error("case_type", _("Kies een zaaktype van deze organisatie."))
        if case_type is not None and kind not in CASE_OPENING_KINDS:
            self.add_error("case_type", _("Alleen bezwaar en klacht openen een nieuwe zaak."))
        if (
            kind in CASE_OPENING_KINDS
            and data.get("accepted_digitally")
            and case_type is None
            and "case_type" not in self.errors
        ):
            self.add_error(
                "case_type",
                _("Kies het zaaktype dat een digitaal %(kind)s opent.") % {"kind": kind},
            )
        if not data.get("accepted_digitally") and not str(data.get("alternative", "")).strip():
            self.add_error(
                "alternative",
                _("Schrijf waar de inwoner dit bericht dan wel naartoe kan sturen."),
            )
        return data


class ChannelRuleViewSet(AgencyScopedViewSet):
    model = ChannelRule
    icon = "mail"
    name = "kanalen"
    menu_label = _("Kanalenregister")
    list_display = ["agency", "kind", "accepted_digitally", "minimum_level", "case_type"]
    list_filter = ["agency", "kind"]
    form_fields = [
        "agency",
        "kind",
        "accepted_digitally",
        "minimum_level",
        "case_type",
        "alternative",
        "alternative_en",
    ]

    def formfield_for_dbfield(self, db_field, **kwargs):
        if db_field.name == "kind":
            return forms.ChoiceField(label=db_field.verbose_name, choices=REGISTER_KINDS)
        if db_field.name == "minimum_level":
            return forms.TypedChoiceField(label=db_field.verbose_name, choices=LEVELS, coerce=int)
        return super().formfield_for_dbfield(db_field, **kwargs)

    def get_form_class(self, for_update=False):
        return forms.modelform_factory(
            self.model,
            form=ChannelRuleForm,
            formfield_callback=self.formfield_for_dbfield,
            fields=self.form_fields,
        )


def _is_operator(user) -> bool:
    return bool(getattr(user, "is_superuser", False))


class OutageIndexView(ScopedIndexView):
    def get_base_queryset(self):
        # An operator also sees portal-wide outages (no agency).
        if _is_operator(self.request.user):
            return ChannelOutage.objects.select_related("agency")
        return super().get_base_queryset().select_related("agency")


class _AgencyRequiredForAdmins:
    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        # Only an operator records an outage of the whole portal.
        form.fields["agency"].required = not _is_operator(self.request.user)
        return form


class OutageCreateView(_AgencyRequiredForAdmins, ScopedCreateView):
    pass


class OutageEditView(_AgencyRequiredForAdmins, ScopedEditView):
    def get_queryset(self):
        if _is_operator(self.request.user):
            return ChannelOutage.objects.all()
        return super().get_queryset()


class ChannelOutageForm(WagtailAdminModelForm):
    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("Het einde moet na het begin liggen."))
        return data


class ChannelOutageViewSet(AgencyScopedViewSet):
    model = ChannelOutage
    icon = "warning"
    name = "storingen"
    menu_label = _("Storingen")
    index_view_class = OutageIndexView
    add_view_class = OutageCreateView
    edit_view_class = OutageEditView
    list_display = ["starts_at", "ends_at", "agency", "kinds", "reason", "source"]
    list_filter = ["source"]
    list_export = ["starts_at", "ends_at", "agency", "kinds", "reason", "source", "recorded_at"]
    export_filename = "storingen"
    form_fields = ["agency", "starts_at", "ends_at", "kinds", "reason"]

    def formfield_for_dbfield(self, db_field, **kwargs):
        if db_field.name == "kinds":
            return forms.MultipleChoiceField(
                label=db_field.verbose_name,
                choices=REGISTER_KINDS,
                required=False,
                widget=forms.CheckboxSelectMultiple,
                help_text=db_field.help_text,
            )
        return super().formfield_for_dbfield(db_field, **kwargs)

    def get_form_class(self, for_update=False):
        return forms.modelform_factory(
            self.model,
            form=ChannelOutageForm,
            formfield_callback=self.formfield_for_dbfield,
            fields=self.form_fields,
        )


class ChannelViewSetGroup(ModelViewSetGroup):
    menu_label = _("Digitaal contact")
    menu_icon = "mail"
    menu_order = 170
    items = (ChannelRuleViewSet, ChannelOutageViewSet)


# The register is evidence: rules may be changed, outages are never deleted.
register_agency_scope(ChannelRule, agency_lookup="agency", actions={"add", "change", "view"})
register_agency_scope(ChannelOutage, agency_lookup="agency", actions={"add", "change", "view"})


class OutagePolicy(AgencyScopedPolicy):
    """An operator also reaches the portal-wide outages (no agency)."""

    def user_has_permission_for_instance(self, user, action, instance):
        if _is_operator(user) and user.is_active:
            return action in self.actions
        return super().user_has_permission_for_instance(user, action, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        if _is_operator(user) and user.is_active and self.actions.intersection(actions):
            return ChannelOutage.objects.all()
        return super().instances_user_has_any_permission_for(user, actions)


register_permission_policy(ChannelOutage, OutagePolicy(ChannelOutage))
