"""The English locale next to Wagtail's default (Dutch) one, so editors can
translate pages (docs/decisions/0025). Existing pages keep the default locale
Wagtail's own migrations gave them."""

from django.db import migrations


def create_english_locale(apps, schema_editor):
    apps.get_model("wagtailcore.Locale").objects.get_or_create(language_code="en")


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0005_pending_uploads_and_file_questions"),
        ("wagtailcore", "0094_alter_page_locale"),
    ]

    # Reversing leaves the locale: pages in it may exist by then.
    operations = [migrations.RunPython(create_english_locale, migrations.RunPython.noop)]
