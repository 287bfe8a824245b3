"""The models of `product_requests` moved here from `pages` (docs/decisions/0026).

The rows stay where they are: the models are created in the migration state only,
on their old tables, which are then renamed to this app's names. Content types
(and with them permissions and Wagtail references) are relabelled, not recreated.
"""


import django.db.models.deletion
import django.utils.timezone
import portal.storage
import product_requests.models
import uuid
from django.conf import settings
from django.db import migrations, models

from portal.app_moves import relabel_content_types


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('pages', '0008_merge_english_locale'),
        ('pages', '0008_merge_english_locale'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
            migrations.CreateModel(
                name='RequestSubmission',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('idempotency_key', models.CharField(max_length=64, unique=True, verbose_name='idempotentiesleutel')),
                    ('answers', models.JSONField(blank=True, default=list, verbose_name='antwoorden')),
                    ('applicant', models.JSONField(blank=True, default=dict, verbose_name='gegevens uit de registratie')),
                    ('submitted_at', models.DateTimeField(verbose_name='verstuurd op')),
                    ('case', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='request_submission', to='cases.case', verbose_name='zaak')),
                    ('product', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='pages.productpage', verbose_name='product')),
                ],
                options={
                    'db_table': 'pages_requestsubmission',
                    'verbose_name': 'aanvraag',
                    'verbose_name_plural': 'aanvragen',
                },
            ),
            migrations.CreateModel(
                name='PendingUpload',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('public_id', models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                    ('idempotency_key', models.CharField(max_length=64, verbose_name='idempotentiesleutel')),
                    ('file', models.FileField(max_length=255, storage=portal.storage.private_storage, upload_to=product_requests.models.pending_upload_file_name, verbose_name='bestand')),
                    ('original_filename', models.CharField(max_length=200, verbose_name='oorspronkelijke bestandsnaam')),
                    ('content_type', models.CharField(max_length=120, verbose_name='soort bestand')),
                    ('size', models.PositiveBigIntegerField(verbose_name='grootte (bytes)')),
                    ('sha256', models.CharField(max_length=64, verbose_name='SHA-256')),
                    ('created_at', models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name='ontvangen op')),
                    ('question', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='pages.requestformfield')),
                    ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL)),
                ],
                options={
                    'db_table': 'pages_pendingupload',
                    'verbose_name': 'bestand bij een aanvraag in behandeling',
                    'verbose_name_plural': 'bestanden bij aanvragen in behandeling',
                    'constraints': [models.UniqueConstraint(fields=('user', 'idempotency_key', 'question'), name='pendingupload_one_per_question')],
                },
            ),
            ],
            database_operations=[],
        ),
        migrations.AlterModelTable(name='requestsubmission', table=None),
        migrations.AlterModelTable(name='pendingupload', table=None),
        relabel_content_types(old_label='pages', new_label='product_requests', models=['requestsubmission', 'pendingupload']),
    ]
