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

Personal pages sit under mijn/ (like the case pages), so portal.middleware
marks them no-store; the public channel page does not.
"""

from django.urls import path

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
]
