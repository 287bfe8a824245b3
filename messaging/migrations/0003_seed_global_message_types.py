"""The message types every agency may use (issue 18). They are vocabulary, not
demo data: consent is asked per type (Awb 2:8), so a portal without them
cannot ask. Agencies may add their own types in the admin. Reversing keeps
the rows: messages and consents may refer to them."""

from django.db import migrations

GLOBAL_TYPES = [
    # code, name, name_en, description, description_en, is_formal, order
    ("besluit", "Besluiten", "Decisions",
     "Een beslissing van de organisatie over uw aanvraag of zaak.",
     "A decision by the organisation on your application or case.", True, 10),
    ("verzoek_aanvulling", "Verzoeken om aanvulling", "Requests for more information",
     "De organisatie vraagt u om gegevens of documenten aan te vullen.",
     "The organisation asks you to provide more information or documents.", True, 20),
    ("herinnering", "Herinneringen", "Reminders",
     "Een herinnering aan iets wat u nog moet doen.",
     "A reminder of something you still have to do.", True, 30),
    ("informatie", "Informatie", "Information",
     "Algemene informatie, zoals nieuws over uw wijk of een regeling.",
     "General information, such as news about your area or a scheme.", False, 40),
]


def seed(apps, schema_editor):
    MessageType = apps.get_model("messaging", "MessageType")
    for code, name, name_en, description, description_en, is_formal, order in GLOBAL_TYPES:
        MessageType.objects.get_or_create(
            agency=None,
            code=code,
            defaults={
                "name": name,
                "name_en": name_en,
                "description": description,
                "description_en": description_en,
                "is_formal": is_formal,
                "order": order,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("messaging", "0002_message_types_consent_postal_letters")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
