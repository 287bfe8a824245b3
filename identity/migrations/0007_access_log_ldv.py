"""The access log in the shape of Logboek Dataverwerkingen (docs/decisions/0028).

Existing rows are kept (production data, no reset):
- the BSN becomes a keyed hash (data_subject_id), with the key the application
  uses (`identity.access_log._subject_key`, copied here so this migration keeps
  its meaning when the application code changes); then the BSN column goes;
- the purpose's free Dutch text becomes its code (`Purpose`); a text that is no
  known purpose stays as it was (the page shows it as stored, as before);
- each old row gets its own trace and span id (which request wrote it is not
  known), and ends when it started.

Reversible: the purposes map back to their texts, and the BSN comes back for
every row whose hash matches the BSN of a known citizen (a user or a person in
the local registry); a row of a BSN known to neither gets an empty BSN.
"""

import hashlib
import hmac
import secrets

import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

# identity.access_log.PROCESSING_ACTIVITY_NAMES as of this migration.
OLD_TEXT_TO_CODE = {
    "Behandeling van de zaak": "case_handling",
    "Inzage door uzelf": "own_view",
    "Mijn gegevens tonen aan de burger": "personal_data",
    "Correctie persoonsgegevens": "correction",
    "Correctieverzoek beoordelen": "correction_review",
    "Contactgegevens wijzigen door de burger": "contact_details",
    "Besluit opstellen": "decision",
    "Zaak registreren voor de inwoner": "case_registration",
    "Aanvraag invullen": "request_form",
}
LOG_IN = "log_in"
BATCH = 1000


def _subject_key() -> bytes:
    if getattr(settings, "ACCESS_LOG_SUBJECT_KEY", ""):
        return settings.ACCESS_LOG_SUBJECT_KEY.encode()
    return hmac.new(
        settings.SECRET_KEY.encode(), b"open-loket access-log data subject", hashlib.sha256
    ).digest()


def _hash(key: bytes, bsn: str) -> str:
    return hmac.new(key, bsn.encode(), hashlib.sha256).hexdigest()


def forwards(apps, schema_editor):
    Entry = apps.get_model("identity", "AccessLogEntry")
    key = _subject_key()
    for bsn in Entry.objects.order_by().values_list("bsn", flat=True).distinct():
        Entry.objects.filter(bsn=bsn).update(data_subject_id=_hash(key, bsn))
    for text, code in OLD_TEXT_TO_CODE.items():
        Entry.objects.filter(purpose=text).update(purpose=code)
    Entry.objects.filter(action="logged_in", purpose="").update(purpose=LOG_IN)
    Entry.objects.update(ended_at=models.F("occurred_at"))
    pks = list(Entry.objects.filter(trace_id="").order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(pks), BATCH):
        rows = [
            Entry(pk=pk, trace_id=secrets.token_hex(16), span_id=secrets.token_hex(8))
            for pk in pks[start : start + BATCH]
        ]
        Entry.objects.bulk_update(rows, ["trace_id", "span_id"])


def backwards(apps, schema_editor):
    Entry = apps.get_model("identity", "AccessLogEntry")
    User = apps.get_model("identity", "User")
    LocalPerson = apps.get_model("identity", "LocalPerson")
    key = _subject_key()
    known = set(User.objects.exclude(bsn="").values_list("bsn", flat=True))
    known |= set(LocalPerson.objects.values_list("bsn", flat=True))
    by_hash = {_hash(key, bsn): bsn for bsn in known if bsn}
    for subject in Entry.objects.order_by().values_list("data_subject_id", flat=True).distinct():
        Entry.objects.filter(data_subject_id=subject).update(bsn=by_hash.get(subject, ""))
    for text, code in OLD_TEXT_TO_CODE.items():
        Entry.objects.filter(purpose=code).update(purpose=text)
    Entry.objects.filter(purpose=LOG_IN).update(purpose="")


class Migration(migrations.Migration):
    dependencies = [
        ("identity", "0006_localperson_gender"),
    ]

    operations = [
        migrations.AddField(
            model_name="accesslogentry",
            name="data_subject_id",
            field=models.CharField(
                default="", max_length=64, verbose_name="betrokkene (versleuteld)"
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="accesslogentry",
            name="data_subject_id_type",
            field=models.CharField(default="BSN", max_length=20),
        ),
        migrations.AddField(
            model_name="accesslogentry",
            name="ended_at",
            field=models.DateTimeField(default=django.utils.timezone.now, verbose_name="einde"),
        ),
        migrations.AddField(
            model_name="accesslogentry",
            name="trace_id",
            field=models.CharField(default="", max_length=32),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="accesslogentry",
            name="span_id",
            field=models.CharField(default="", max_length=16),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="accesslogentry",
            name="status",
            field=models.CharField(
                choices=[("ok", "gelukt"), ("error", "mislukt")], default="ok", max_length=10
            ),
        ),
        migrations.AlterField(
            model_name="accesslogentry",
            name="bsn",
            field=models.CharField(default="", max_length=9, verbose_name="BSN"),
        ),
        migrations.RunPython(forwards, backwards),
        migrations.RemoveIndex(model_name="accesslogentry", name="accesslog_bsn_time"),
        migrations.RemoveField(model_name="accesslogentry", name="bsn"),
        migrations.AddIndex(
            model_name="accesslogentry",
            index=models.Index(
                fields=["data_subject_id", "-occurred_at"], name="accesslog_subject_time"
            ),
        ),
        migrations.AlterField(
            model_name="accesslogentry",
            name="purpose",
            field=models.CharField(
                blank=True,
                choices=[
                    ("case_handling", "Behandeling van de zaak"),
                    ("own_view", "Inzage door uzelf"),
                    ("personal_data", "Uw gegevens tonen op Mijn gegevens"),
                    ("correction", "Correctie persoonsgegevens"),
                    ("correction_review", "Correctieverzoek beoordelen"),
                    ("contact_details", "Uw contactgegevens wijzigen"),
                    ("decision", "Besluit opstellen"),
                    ("case_registration", "Zaak voor u registreren"),
                    ("request_form", "Aanvraag invullen"),
                    ("log_in", "Inloggen met DigiD"),
                ],
                max_length=300,
                verbose_name="doel",
            ),
        ),
    ]
