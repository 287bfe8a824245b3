"""The texts used until an editor saves their own (NotificationTemplate).
They name the case title and agency only, never other personal details, and
state the four facts of Awb 2:10 lid 2 ($message_kind, $legal_effect,
$action_expected, $deadline)."""

from notifications.models import NotificationKind

_FACTS_NL = "Soort bericht: $message_kind\n$legal_effect\n$action_expected\n$deadline\n\n"
_FACTS_EN = "Kind of message: $message_kind\n$legal_effect\n$action_expected\n$deadline\n\n"
_FOOTER_NL = "Dit bericht is automatisch verstuurd; u kunt er niet op antwoorden.\n"
_FOOTER_EN = "This message was sent automatically; please do not reply.\n"

DEFAULT_TEMPLATES = {
    (NotificationKind.STATUS_SET, "nl"): (
        "Nieuws over uw zaak bij $agency",
        "Beste inwoner,\n\n"
        'Er is nieuws over uw zaak "$case_title" bij $agency.\n\n'
        + _FACTS_NL
        + "Bekijk het in Open Loket (u logt in met DigiD):\n$link\n\n"
        + _FOOTER_NL,
    ),
    (NotificationKind.STATUS_SET, "en"): (
        "News about your case with $agency",
        "Dear resident,\n\n"
        'There is news about your case "$case_title" with $agency.\n\n'
        + _FACTS_EN
        + "See it in Open Loket (log in with DigiD):\n$link\n\n"
        + _FOOTER_EN,
    ),
    (NotificationKind.DOCUMENT_ADDED, "nl"): (
        "Nieuw document in uw zaak bij $agency",
        "Beste inwoner,\n\n"
        'Er staat een nieuw document in uw zaak "$case_title" bij $agency.\n\n'
        + _FACTS_NL
        + "Bekijk het in Open Loket (u logt in met DigiD):\n$link\n\n"
        + _FOOTER_NL,
    ),
    (NotificationKind.DOCUMENT_ADDED, "en"): (
        "New document in your case with $agency",
        "Dear resident,\n\n"
        'There is a new document in your case "$case_title" with $agency.\n\n'
        + _FACTS_EN
        + "See it in Open Loket (log in with DigiD):\n$link\n\n"
        + _FOOTER_EN,
    ),
    (NotificationKind.MESSAGE, "nl"): (
        "Nieuw bericht van $agency",
        "Beste $first_name,\n\n"
        "U hebt een nieuw bericht van $agency in Open Loket.\n\n"
        + _FACTS_NL
        + "Lees het in Open Loket (u logt in met DigiD):\n$link\n\n"
        + _FOOTER_NL,
    ),
    (NotificationKind.MESSAGE, "en"): (
        "New message from $agency",
        "Dear $first_name,\n\n"
        "You have a new message from $agency in Open Loket.\n\n"
        + _FACTS_EN
        + "Read it in Open Loket (log in with DigiD):\n$link\n\n"
        + _FOOTER_EN,
    ),
    (NotificationKind.TASK_REMINDER, "nl"): (
        "Herinnering: $agency wacht op u",
        "Beste inwoner,\n\n"
        '$agency vraagt u iets te doen voor uw zaak "$case_title". '
        "De uiterste datum komt dichtbij.\n\n"
        "Bekijk in Open Loket wat u moet doen (u logt in met DigiD):\n$link\n\n"
        "Dit bericht is automatisch verstuurd; u kunt er niet op antwoorden.\n",
    ),
    (NotificationKind.TASK_REMINDER, "en"): (
        "Reminder: $agency is waiting for you",
        "Dear resident,\n\n"
        '$agency has asked you to do something for your case "$case_title". '
        "The deadline is coming up.\n\n"
        "See in Open Loket what to do (log in with DigiD):\n$link\n\n"
        "This message was sent automatically; please do not reply.\n",
    ),
}
