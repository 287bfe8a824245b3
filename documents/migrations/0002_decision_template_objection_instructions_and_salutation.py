"""Decision templates say to whom and how to object (Awb 3:45), and the
salutation comes from the registry ({aanhef}) instead of "Geachte {naam},"."""

from django.db import migrations, models

import documents.models

OLD_SALUTATION = "Geachte {naam},"
NEW_SALUTATION = "{aanhef},"


def use_registry_salutation(apps, schema_editor):
    DecisionTemplate = apps.get_model("documents", "DecisionTemplate")
    DecisionTemplate.objects.filter(salutation=OLD_SALUTATION).update(salutation=NEW_SALUTATION)


def restore_salutation(apps, schema_editor):
    DecisionTemplate = apps.get_model("documents", "DecisionTemplate")
    DecisionTemplate.objects.filter(salutation=NEW_SALUTATION).update(salutation=OLD_SALUTATION)


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_documents")]

    operations = [
        migrations.AddField(
            model_name="decisiontemplate",
            name="objection_instructions",
            # Existing templates get "" and cannot be saved again until it is filled in.
            field=models.TextField(
                default="",
                help_text="Bij wie, op welk adres en hoe de inwoner bezwaar maakt, bijvoorbeeld "
                "“Stuur uw bezwaarschrift naar het college van burgemeester en wethouders, "
                "Postbus 15, 2700 AA Zoetermeer, of maak online bezwaar via …”.",
                validators=[documents.models.validate_placeholders],
                verbose_name="bezwaar indienen bij",
            ),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name="decisiontemplate",
            name="salutation",
            field=models.CharField(default="{aanhef},", max_length=200, verbose_name="aanhef"),
        ),
        migrations.AddField(
            model_name="decisionrequest",
            name="recipient_salutation",
            field=models.CharField(blank=True, max_length=200, verbose_name="aanhef"),
        ),
        migrations.RunPython(use_registry_salutation, restore_salutation),
    ]
