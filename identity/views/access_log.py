"""Inzage: who looked at or changed the data of the acting context's subject
(the citizen, the child a parent acts for, a business by its KvK number), and
the subject's login history. A parent acting for a child reads the child's log,
in which their own views appear as "<name> (ouder met gezag)"."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from identity.access_log import (
    DATA_SUBJECT_ID_TYPE_KVK,
    AccessAction,
    AccessLogEntry,
    data_subject_id,
)
from identity.acting import Subject
from identity.actors import ActorKind
from identity.decorators import citizen_required

PAGE_SIZE = 20
LOGINS_SHOWN = 10


# ?wie=: whose accesses are listed. Others' by default (identity/access_log.py:
# what the citizen needs to see is what others did with their data).
WHO_PARAM = "wie"
WHO_OTHERS = "anderen"
WHO_EVERYONE = "iedereen"


def _entries_about(subject: Subject) -> QuerySet[AccessLogEntry]:
    """The log's entries about the subject: a keyed hash of the BSN, or of the
    KvK number with id type "KVK" (identity.access_log.log_subject_access)."""
    if subject.bsn:
        return AccessLogEntry.objects.for_subject(subject.bsn)
    return AccessLogEntry.objects.filter(
        data_subject_id=data_subject_id(subject.kvk), data_subject_id_type=DATA_SUBJECT_ID_TYPE_KVK
    )


def _accesses(
    subject: Subject, *, organisation: str = "", others_only: bool = False
) -> QuerySet[AccessLogEntry]:
    """As identity.selectors.access_log_for_citizen, for the subject: every
    access except logins, newest first; `others_only` without the subject's own."""
    entries = _entries_about(subject).exclude(action=AccessAction.LOGGED_IN)
    if others_only:
        entries = entries.exclude(actor_kind=ActorKind.CITIZEN)
    if organisation:
        entries = entries.filter(organisation=organisation).exclude(actor_kind=ActorKind.CITIZEN)
    return entries


def _organisations(subject: Subject) -> list[str]:
    return list(
        _accesses(subject, others_only=True)
        .exclude(organisation="")
        .order_by("organisation")
        .values_list("organisation", flat=True)
        .distinct()
    )


@citizen_required
def access_log(request):
    subject = request.acting.subject
    organisations = _organisations(subject)
    organisation = request.GET.get("organisatie", "")
    if organisation not in organisations:
        organisation = ""
    who = WHO_EVERYONE if request.GET.get(WHO_PARAM) == WHO_EVERYONE else WHO_OTHERS
    entries = _accesses(subject, organisation=organisation, others_only=who == WHO_OTHERS)
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("pagina"))
    query = {WHO_PARAM: who}
    if organisation:
        query["organisatie"] = organisation
    return render(
        request,
        "identity/access_log.html",
        {
            "page": page,
            "organisations": organisations,
            "organisation": organisation,
            "who": who,
            "who_choices": [
                (WHO_OTHERS, _("Alleen door anderen")),
                (WHO_EVERYONE, _("Door anderen en door uzelf")),
            ],
            # The filter for the pagination links: no personal data, only choices.
            "page_query": urlencode(query),
            "logins": _entries_about(subject).filter(action=AccessAction.LOGGED_IN)[:LOGINS_SHOWN],
        },
    )
