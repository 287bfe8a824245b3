"""The citizen's forms for formal messages (issue 17), one per kind.

Each form asks only what its kind needs; `send_message_to_agency` checks the
same rules again (channel register, terms, task), so a form is a courtesy and
the service is the guard. Files are checked by the view through
documents.receiving, never here.
"""

from __future__ import annotations

import re
import uuid

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from documents.forms import accept_attribute
from documents.models import Document
from documents.validation import allowed_types, max_upload_bytes
from identity.forms import AccessibleFormMixin

from .eligibility import objection_term
from .kinds import MessageKind
from .models import BODY_MAX_LENGTH
from .services import MAX_ATTACHMENTS

TOKEN_PATTERN = re.compile(r"^[0-9a-f]{32}$")
COMPLAINT_ABOUT_MAX_LENGTH = 300
COMPLAINT_WHEN_MAX_LENGTH = 100
LATE_REASON_MAX_LENGTH = 2000
YES, NO = "ja", "nee"


def new_token() -> str:
    return uuid.uuid4().hex


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one `<input type=file multiple>`; the view receives
    each one through documents.receiving (request.FILES.getlist). The field is
    not named `files`: that is the form's own attribute for request.FILES."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(item, initial) for item in data]
        return [super().clean(data, initial)] if data else []


class FormalMessageForm(AccessibleFormMixin, forms.Form):
    """What every kind has: a text, files, and the idempotency token the page
    was rendered with (a double click, a retry or a second tab send one message)."""

    kind: str = ""
    body_required = True
    body_label = _("Uw bericht")

    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=32)
    body = forms.CharField(
        max_length=BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    attachments = MultipleFileField(label=_("Bestanden (niet verplicht)"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        body = self.fields["body"]
        body.label = self.body_label
        body.required = self.body_required
        body.error_messages.update(
            required=_("Vul dit veld in."),
            max_length=_("Uw tekst is te lang: gebruik hoogstens %(limit_value)d tekens."),
        )
        files = self.fields["attachments"]
        files.help_text = _("Hoogstens %(count)s bestanden: %(types)s, elk hoogstens %(size)s.") % {
            "count": MAX_ATTACHMENTS,
            "types": ", ".join(t.label for t in allowed_types()),
            "size": filesizeformat(max_upload_bytes()),
        }
        # Set after the mixin's __init__, so name the description here too: Django's
        # default "<id>_helptext" names no element in our field include (WCAG 1.3.1).
        files.widget.attrs["aria-describedby"] = f"{self['attachments'].auto_id}-description"
        files.widget.attrs["accept"] = accept_attribute()
        files.widget.attrs["class"] = "utrecht-textbox utrecht-textbox--html-input"
        self.fields["idempotency_key"].widget.attrs.pop("class", None)
        if not self.is_bound:
            self.initial.setdefault("idempotency_key", new_token())

    def clean_idempotency_key(self) -> str:
        value = self.cleaned_data["idempotency_key"]
        if not TOKEN_PATTERN.fullmatch(value):
            raise forms.ValidationError(
                _("Het formulier is verlopen. Vul het opnieuw in."), code="invalid_token"
            )
        return value

    def details(self) -> dict:
        """The kind's answers for Message.details (labels in messaging.details)."""
        return {}

    def related_document(self) -> Document | None:
        return None


class SupplementForm(FormalMessageForm):
    """Awb 4:5: what the agency asked for, or more information on its own accord."""

    kind = MessageKind.AANVULLING
    body_required = False
    body_label = _("Toelichting")


class ComplaintForm(FormalMessageForm):
    """Awb chapter 9 (9:1): a complaint about how the agency behaved."""

    kind = MessageKind.KLACHT
    body_label = _("Wat is er gebeurd?")

    complaint_about = forms.CharField(
        label=_("Over wie of wat gaat uw klacht?"),
        max_length=COMPLAINT_ABOUT_MAX_LENGTH,
        help_text=_("Bijvoorbeeld: de medewerker aan de telefoon, of de brief die u kreeg."),
        error_messages={"required": _("Schrijf over wie of wat uw klacht gaat.")},
    )
    complaint_when = forms.CharField(
        label=_("Wanneer gebeurde het?"),
        max_length=COMPLAINT_WHEN_MAX_LENGTH,
        help_text=_("Een datum, of ongeveer wanneer."),
        error_messages={"required": _("Schrijf wanneer het gebeurde.")},
    )
    field_order = ["idempotency_key", "complaint_about", "complaint_when", "body", "attachments"]

    def details(self) -> dict:
        return {
            "complaint_about": self.cleaned_data["complaint_about"].strip(),
            "complaint_when": self.cleaned_data["complaint_when"].strip(),
        }


class NoticeOfDefaultForm(FormalMessageForm):
    """Awb 4:17: the agency is put in default; two weeks later a penalty may accrue."""

    kind = MessageKind.INGEBREKESTELLING
    body_label = _("Uw ingebrekestelling")


class ViewForm(FormalMessageForm):
    """Awb 4:8 / 3:15: a view on the draft decision, until its last day."""

    kind = MessageKind.ZIENSWIJZE
    body_label = _("Uw zienswijze")


class ObjectionForm(FormalMessageForm):
    """Awb 6:4 / 6:5: the decision objected to and the grounds; whether the
    citizen wants to be heard (Awb 7:2); after the term, why it is late (6:11)."""

    kind = MessageKind.BEZWAAR
    body_label = _("Waarom bent u het niet eens met het besluit?")

    decision = forms.ChoiceField(
        label=_("Tegen welk besluit maakt u bezwaar?"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies het besluit waartegen u bezwaar maakt."),
            "invalid_choice": _("Kies het besluit waartegen u bezwaar maakt."),
        },
    )
    wants_hearing = forms.ChoiceField(
        label=_("Wilt u uw bezwaar mondeling toelichten (gehoord worden)?"),
        choices=[(YES, _("Ja")), (NO, _("Nee"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies of u gehoord wilt worden.")},
    )
    late_reason = forms.CharField(
        label=_("Waarom maakt u pas nu bezwaar?"),
        max_length=LATE_REASON_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Alleen nodig als de bezwaartermijn voorbij is. De organisatie kijkt of uw "
            "reden goed genoeg is. Is dat niet zo, dan behandelt zij uw bezwaar niet."
        ),
    )
    # Files last: when a file passes the size cap, the answers before it still arrive.
    field_order = [
        "idempotency_key",
        "decision",
        "body",
        "wants_hearing",
        "late_reason",
        "attachments",
    ]

    def __init__(self, *args, decisions: list[Document], **kwargs):
        self.decisions = {str(d.public_id): d for d in decisions}
        self.terms = {key: objection_term(d) for key, d in self.decisions.items()}
        super().__init__(*args, **kwargs)
        self.fields["body"].error_messages["required"] = _(
            "Schrijf waarom u het niet eens bent met het besluit."
        )
        field = self.fields["decision"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(key, d.title) for key, d in self.decisions.items()]
        if len(self.decisions) == 1 and not self.is_bound:
            self.initial["decision"] = next(iter(self.decisions))
        if not self.any_late:
            del self.fields["late_reason"]

    @property
    def any_late(self) -> bool:
        return any(term.is_late for term in self.terms.values())

    def clean(self):
        cleaned = super().clean() or {}
        key = cleaned.get("decision")
        # Awb 6:11: a late objection is received; the body judges the reason.
        if key and self.terms[key].is_late and not cleaned.get("late_reason", "").strip():
            self.add_error(
                "late_reason",
                forms.ValidationError(
                    _("De bezwaartermijn is voorbij. Schrijf waarom u later bent."),
                    code="required",
                ),
            )
        return cleaned

    def related_document(self) -> Document:
        return self.decisions[self.cleaned_data["decision"]]

    def details(self) -> dict:
        details = {
            "decision_title": self.related_document().title,
            "wants_hearing": self.cleaned_data["wants_hearing"] == YES,
        }
        if self.cleaned_data.get("late_reason", "").strip():
            details["late_reason"] = self.cleaned_data["late_reason"].strip()
        return details


FORMS: dict[str, type[FormalMessageForm]] = {
    MessageKind.AANVULLING: SupplementForm,
    MessageKind.BEZWAAR: ObjectionForm,
    MessageKind.KLACHT: ComplaintForm,
    MessageKind.INGEBREKESTELLING: NoticeOfDefaultForm,
    MessageKind.ZIENSWIJZE: ViewForm,
}
