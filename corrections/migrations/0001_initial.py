"""The models of `corrections` moved here from `identity` (docs/decisions/0026).

The rows stay where they are: the models are created in the migration state only,
on their old tables, which are then renamed to this app's names. Content types
(and with them permissions and Wagtail references) are relabelled, not recreated.
"""


import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from portal.app_moves import relabel_content_types


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('identity', '0006_localperson_gender'),
        ('documents', '0002_decision_template_objection_instructions_and_salutation'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
            migrations.CreateModel(
                name='CorrectionRequest',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('idempotency_key', models.CharField(max_length=64, verbose_name='idempotentiesleutel')),
                    ('field', models.CharField(choices=[('name', 'naam'), ('date_of_birth', 'geboortedatum'), ('nationality', 'nationaliteit'), ('address', 'adres')], max_length=20, verbose_name='gegeven')),
                    ('requested_value', models.JSONField(default=dict, verbose_name='gevraagde waarde')),
                    ('old_value', models.JSONField(blank=True, default=dict, verbose_name='oude waarde')),
                    ('explanation', models.TextField(verbose_name='toelichting')),
                    ('outcome', models.CharField(choices=[('pending', 'in behandeling'), ('applied', 'verwerkt in de lokale registratie'), ('corrected_in_brp', 'door de gemeente gecorrigeerd in de BRP'), ('rejected', 'afgewezen')], default='pending', max_length=20, verbose_name='uitkomst')),
                    ('decided_at', models.DateTimeField(blank=True, null=True, verbose_name='besloten op')),
                    ('applied_at', models.DateTimeField(blank=True, null=True, verbose_name='verwerkt in registratie op')),
                    ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='aangemaakt')),
                    ('case', models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='correction_request', to='cases.case', verbose_name='zaak')),
                    ('evidence', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='documents.document', verbose_name='bewijsstuk')),
                    ('user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='aangevraagd door')),
                ],
                options={
                    'db_table': 'identity_correctionrequest',
                    'verbose_name': 'correctieverzoek',
                    'verbose_name_plural': 'correctieverzoeken',
                    'ordering': ['-created_at', '-id'],
                    'constraints': [models.UniqueConstraint(fields=('user', 'idempotency_key'), name='correction_unique_idempotency_key')],
                },
            ),
            ],
            database_operations=[],
        ),
        migrations.AlterModelTable(name='correctionrequest', table=None),
        relabel_content_types(old_label='identity', new_label='corrections', models=['correctionrequest']),
    ]
