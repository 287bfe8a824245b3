"""Citizen pages of messaging (inside i18n_patterns: Dutch at /, English at /en/).

Personal pages sit under mijn/ (like the case pages), so portal.middleware
marks them no-store; the public channel page does not. URL names shared by the
parts of issues 17, 18 and 21 (keep them):
    messaging:compose        mijn/zaken/<agency>/<reference>/bericht/<kind>/
                             (?taak=<task uuid> for a task's aanvulling)
    messaging:ask            mijn/zaken/<agency>/<reference>/vraag/
    messaging:sent           mijn/berichten/verzonden/
    messaging:sent_detail    mijn/berichten/verzonden/<uuid>/
    messaging:ledger_pdf     mijn/berichten/<uuid>/bewijs.pdf
    messaging:ledger_json    mijn/berichten/<uuid>/bewijs.json
    messaging:inbox          mijn/berichten/
    messaging:thread         mijn/berichten/gesprek/<uuid>/
    messaging:thread_archive mijn/berichten/gesprek/<uuid>/archief/
    messaging:consent        mijn/gegevens/berichten-en-meldingen/
    messaging:tasks          mijn/taken/
    messaging:channels       digitaal-contact/<agency slug>/   (public)
"""

from django.urls import path

from . import inbox_views, task_views
from .views import formal, public_channels, sent

app_name = "messaging"

urlpatterns: list = [
    # Issue 17, citizen side: formal messages, what was sent, the channel register.
    path(
        "mijn/zaken/<slug:agency>/<str:reference>/bericht/<slug:kind>/",
        formal.compose,
        name="compose",
    ),
    path("mijn/berichten/verzonden/", sent.sent, name="sent"),
    path("mijn/berichten/verzonden/<uuid:public_id>/", sent.sent_detail, name="sent_detail"),
    path("mijn/berichten/<uuid:public_id>/bewijs.pdf", sent.ledger_pdf, name="ledger_pdf"),
    path("mijn/berichten/<uuid:public_id>/bewijs.json", sent.ledger_json, name="ledger_json"),
    path("digitaal-contact/<slug:slug>/", public_channels.channels, name="channels"),
    # Issue 18: Mijn berichten, conversations, questions, consent.
    path("mijn/berichten/", inbox_views.inbox, name="inbox"),
    path("mijn/berichten/gesprek/<uuid:public_id>/", inbox_views.thread, name="thread"),
    path(
        "mijn/berichten/gesprek/<uuid:public_id>/archief/",
        inbox_views.archive,
        name="thread_archive",
    ),
    path("mijn/gegevens/berichten-en-meldingen/", inbox_views.consent, name="consent"),
    path("mijn/zaken/<slug:agency>/<str:reference>/vraag/", inbox_views.ask, name="ask"),
    # Issue 21: Mijn taken.
    path("mijn/taken/", task_views.tasks, name="tasks"),
]
