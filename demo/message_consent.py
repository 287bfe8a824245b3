"""Demo chapter 8: Suzanne Moulin (999993653) said which messages may reach her
digitally (issue 18, Awb 2:8): decisions, requests for more information and
reminders digitally with an e-mail notification, general information
digitally without one. So a caseworker's formal "Verzoek om aanvulling" lands
in Mijn berichten rather than on the postal letter queue.

999990019 consented to nothing: her formal messages go by post (with a copy
in the portal), which shows the other path.

Idempotent and respectful of the demo: a type she already chose for (perhaps
by clicking through the consent page) is left as it is.
"""

from __future__ import annotations

from identity.actors import Actor
from messaging.consent import set_consent
from messaging.consent_models import MessageConsent, MessageType

SUZANNE = "999993653"
# code: (digital, e-mail, sms)
CHOICES = {
    "besluit": (True, True, False),
    "verzoek_aanvulling": (True, True, False),
    "herinnering": (True, True, False),
    "informatie": (True, False, False),
}
DEMO_ACTOR = Actor.system("demo")


def seed(out) -> None:
    chosen = 0
    for message_type in MessageType.objects.filter(agency=None, code__in=CHOICES):
        if MessageConsent.objects.filter(citizen_bsn=SUZANNE, message_type=message_type).exists():
            continue
        digital, email, sms = CHOICES[message_type.code]
        set_consent(
            actor=DEMO_ACTOR,
            citizen_bsn=SUZANNE,
            message_type=message_type,
            digital=digital,
            email=email,
            sms=sms,
        )
        chosen += 1
    out.write(f"Demo consent per message type for {SUZANNE}: {chosen} new\n")
