"""The receipt PDF of a request is rendered by a task after commit (issue 23);
the submission points at it. Requests sent before this rendered their receipt
in the request, with the form's token as the document's idempotency key: link
those, so their confirmation page shows the download."""

import django.db.models.deletion
from django.db import migrations, models


def link_existing_receipts(apps, schema_editor):
    Document = apps.get_model("documents", "Document")
    RequestSubmission = apps.get_model("product_requests", "RequestSubmission")
    receipts = Document.objects.filter(
        case_id=models.OuterRef("case_id"),
        idempotency_key=models.OuterRef("idempotency_key"),
        kind="receipt",
    ).values("pk")[:1]
    RequestSubmission.objects.filter(receipt__isnull=True).update(
        receipt_id=models.Subquery(receipts)
    )


class Migration(migrations.Migration):

    dependencies = [
        ('documents', '0003_actor_kind_representative'),
        ('product_requests', '0002_request_drafts'),
    ]

    operations = [
        migrations.AddField(
            model_name='requestsubmission',
            name='receipt',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='documents.document', verbose_name='ontvangstbevestiging'),
        ),
        migrations.AddField(
            model_name='requestsubmission',
            name='receipt_attempts',
            field=models.PositiveSmallIntegerField(default=0, verbose_name='pogingen ontvangstbevestiging'),
        ),
        migrations.AddField(
            model_name='requestsubmission',
            name='receipt_failed_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='ontvangstbevestiging mislukt op'),
        ),
        migrations.RunPython(link_existing_receipts, migrations.RunPython.noop),
    ]
