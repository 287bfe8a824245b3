"""The vocabularies of messaging: kinds of messages, directions, ledger events
and task states. Stored as stable codes; shown as the labels."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Direction(models.TextChoices):
    TO_AGENCY = "to_agency", _("aan de organisatie")
    TO_CITIZEN = "to_citizen", _("aan de inwoner")


class MessageKind(models.TextChoices):
    # Formal messages a citizen sends (Wmebv, Awb 2:13 and onwards).
    AANVULLING = "aanvulling", _("Aanvulling")  # Awb 4:5
    BEZWAAR = "bezwaar", _("Bezwaar")  # Awb 6:4
    KLACHT = "klacht", _("Klacht")  # Awb chapter 9
    INGEBREKESTELLING = "ingebrekestelling", _("Ingebrekestelling")  # Awb 4:17
    ZIENSWIJZE = "zienswijze", _("Zienswijze")  # Awb 4:8 / 3:15
    # Informal: a question about a case, and replies in a thread.
    VRAAG = "vraag", _("Vraag")
    # Messages an agency sends (issue 18 adds the agency's own message types).
    BERICHT = "bericht", _("Bericht")
    BESLUIT = "besluit", _("Besluit")
    VERZOEK_AANVULLING = "verzoek_aanvulling", _("Verzoek om aanvulling")


# What a citizen may send as a formal message through the channel register.
CITIZEN_FORMAL_KINDS = (
    MessageKind.AANVULLING,
    MessageKind.BEZWAAR,
    MessageKind.KLACHT,
    MessageKind.INGEBREKESTELLING,
    MessageKind.ZIENSWIJZE,
)
# Sending one of these opens a new case at the agency, of the case type the
# channel register names.
CASE_OPENING_KINDS = (MessageKind.BEZWAAR, MessageKind.KLACHT)


class EvidenceKind(models.TextChoices):
    SUBMITTED = "submitted", _("verzonden door de inwoner")
    RECEIPT_ISSUED = "receipt_issued", _("ontvangstbevestiging gemaakt")
    DELIVERED_TO_AGENCY = "delivered_to_agency", _("ontvangen door de organisatie")
    TAKEN_INTO_HANDLING = "taken_into_handling", _("in behandeling genomen")
    SENT_TO_CITIZEN = "sent_to_citizen", _("verstuurd aan de inwoner")
    NOTIFIED = "notified", _("melding bezorgd")
    NOTIFICATION_FAILED = "notification_failed", _("melding niet bezorgd")
    FIRST_OPENED = "first_opened", _("voor het eerst geopend")
    LETTER_QUEUED = "letter_queued", _("brief per post klaargezet")
    HANDLED = "handled", _("afgehandeld")


class TaskKind(models.TextChoices):
    UPLOAD = "upload", _("Documenten sturen")
    ANSWER = "answer", _("Vraag beantwoorden")
    PAY = "pay", _("Betalen")
    APPOINTMENT = "appointment", _("Afspraak maken")


# Tasks completed by sending an aanvulling (docs/decisions/0030, point 4).
SUPPLEMENT_TASK_KINDS = (TaskKind.UPLOAD, TaskKind.ANSWER)


class TaskState(models.TextChoices):
    OPEN = "open", _("open")
    COMPLETED = "completed", _("gedaan")
    CANCELLED = "cancelled", _("vervallen")


class TaskOrigin(models.TextChoices):
    CASEWORKER = "caseworker", _("medewerker")
    API = "api", _("koppeling van de organisatie")
    STATUS = "status", _("status van de zaak")
