"""The texts used until an editor saves their own (NotificationTemplate).
They name the case title and agency only, never other personal details."""

from notifications.models import NotificationKind

DEFAULT_TEMPLATES = {
    (NotificationKind.STATUS_SET, "nl"): (
        "Nieuws over uw zaak bij $agency",
        "Beste inwoner,\n\n"
        'Er is nieuws over uw zaak "$case_title" bij $agency.\n\n'
        "Bekijk het in Open Loket (u logt in met DigiD):\n$link\n\n"
        "Dit bericht is automatisch verstuurd; u kunt er niet op antwoorden.\n",
    ),
    (NotificationKind.STATUS_SET, "en"): (
        "News about your case with $agency",
        "Dear resident,\n\n"
        'There is news about your case "$case_title" with $agency.\n\n'
        "See it in Open Loket (log in with DigiD):\n$link\n\n"
        "This message was sent automatically; please do not reply.\n",
    ),
    (NotificationKind.DOCUMENT_ADDED, "nl"): (
        "Nieuw document in uw zaak bij $agency",
        "Beste inwoner,\n\n"
        'Er staat een nieuw document in uw zaak "$case_title" bij $agency.\n\n'
        "Bekijk het in Open Loket (u logt in met DigiD):\n$link\n\n"
        "Dit bericht is automatisch verstuurd; u kunt er niet op antwoorden.\n",
    ),
    (NotificationKind.DOCUMENT_ADDED, "en"): (
        "New document in your case with $agency",
        "Dear resident,\n\n"
        'There is a new document in your case "$case_title" with $agency.\n\n'
        "See it in Open Loket (log in with DigiD):\n$link\n\n"
        "This message was sent automatically; please do not reply.\n",
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
