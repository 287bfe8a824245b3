"""Citizen pages of messaging (inside i18n_patterns: Dutch at /, English at /en/).

URL names agreed between the parts of issues 17, 18 and 21 (keep them):
    messaging:compose        zaken/<agency>/<reference>/bericht/<kind>/
                             (?taak=<task uuid> for a task's aanvulling)
    messaging:sent           berichten/verzonden/
    messaging:sent_detail    berichten/verzonden/<uuid>/
    messaging:ledger_pdf     berichten/<uuid>/bewijs.pdf
    messaging:ledger_json    berichten/<uuid>/bewijs.json
    messaging:inbox          berichten/
    messaging:thread         berichten/gesprek/<uuid>/
    messaging:tasks          taken/
    messaging:channels       digitaal-contact/<agency slug>/   (public)
Issue 18 adds (below):
    messaging:thread_archive berichten/gesprek/<uuid>/archief/
    messaging:consent        mijn/gegevens/berichten-en-meldingen/
    messaging:ask            zaken/<agency>/<reference>/vraag/
"""

app_name = "messaging"

urlpatterns: list = []

# --- Issue 18: Mijn berichten, conversations, questions, consent --------------
from django.urls import path  # noqa: E402

from . import inbox_views  # noqa: E402

urlpatterns += [
    path("berichten/", inbox_views.inbox, name="inbox"),
    path("berichten/gesprek/<uuid:public_id>/", inbox_views.thread, name="thread"),
    path(
        "berichten/gesprek/<uuid:public_id>/archief/",
        inbox_views.archive,
        name="thread_archive",
    ),
    path("mijn/gegevens/berichten-en-meldingen/", inbox_views.consent, name="consent"),
    path("zaken/<slug:agency>/<str:reference>/vraag/", inbox_views.ask, name="ask"),
]
