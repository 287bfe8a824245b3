"""The models of `backoffice` moved here from `cases` (docs/decisions/0026).

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
        ('cases', '0008_merge_document_events_and_english_texts'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
            migrations.CreateModel(
                name='AgencyMembership',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('role', models.CharField(choices=[('caseworker', 'zaakbehandelaar'), ('agency_admin', 'beheerder van de organisatie')], default='caseworker', max_length=20, verbose_name='rol')),
                    ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='aangemaakt')),
                    ('agency', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='memberships', to='cases.agency', verbose_name='organisatie')),
                    ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='agency_memberships', to=settings.AUTH_USER_MODEL, verbose_name='medewerker')),
                ],
                options={
                    'db_table': 'cases_agencymembership',
                    'verbose_name': 'lidmaatschap van een organisatie',
                    'verbose_name_plural': 'lidmaatschappen van organisaties',
                    'ordering': ['agency__name', 'user__username'],
                    'constraints': [models.UniqueConstraint(fields=('user', 'agency'), name='membership_unique')],
                },
            ),
            ],
            database_operations=[],
        ),
        migrations.AlterModelTable(name='agencymembership', table=None),
        relabel_content_types(old_label='cases', new_label='backoffice', models=['agencymembership']),
    ]
