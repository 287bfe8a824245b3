"""The models of `notifications` moved here from `cases` (docs/decisions/0026).

The rows stay where they are: the models are created in the migration state only,
on their old tables, which are then renamed to this app's names. Content types
(and with them permissions and Wagtail references) are relabelled, not recreated.
"""


import django.db.models.deletion
import django.utils.timezone
import modelsearch.index
from django.db import migrations, models

from portal.app_moves import relabel_content_types


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('cases', '0008_merge_document_events_and_english_texts'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
            migrations.CreateModel(
                name='NotificationTemplate',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('kind', models.CharField(choices=[('status_set', 'nieuwe status'), ('document_added', 'nieuw document')], max_length=20, verbose_name='soort')),
                    ('language', models.CharField(choices=[('nl', 'Nederlands'), ('en', 'English')], max_length=8, verbose_name='taal')),
                    ('subject', models.CharField(max_length=200, verbose_name='onderwerp')),
                    ('body', models.TextField(help_text='Gebruik $case_title, $agency en $link; andere gegevens komen er niet in.', verbose_name='tekst')),
                ],
                options={
                    'db_table': 'cases_notificationtemplate',
                    'verbose_name': 'e-mailtekst',
                    'verbose_name_plural': 'e-mailteksten',
                    'ordering': ['kind', 'language'],
                    'constraints': [models.UniqueConstraint(fields=('kind', 'language'), name='notificationtemplate_unique')],
                },
                bases=(modelsearch.index.Indexed, models.Model),
            ),
            migrations.CreateModel(
                name='Notification',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('kind', models.CharField(choices=[('status_set', 'nieuwe status'), ('document_added', 'nieuw document')], max_length=20, verbose_name='soort')),
                    ('dedupe_key', models.CharField(editable=False, max_length=200, unique=True)),
                    ('bsn', models.CharField(editable=False, max_length=9, verbose_name='BSN')),
                    ('state', models.CharField(choices=[('pending', 'wacht op verzending'), ('sending', 'wordt verzonden'), ('sent', 'verzonden'), ('undeliverable', 'niet te bezorgen'), ('failed', 'mislukt na herhaalde pogingen')], default='pending', max_length=20, verbose_name='toestand')),
                    ('undeliverable_reason', models.CharField(blank=True, choices=[('no_address', 'geen bevestigd e-mailadres'), ('opted_out', 'inwoner wil geen e-mail')], max_length=20, verbose_name='reden niet bezorgd')),
                    ('attempts', models.PositiveSmallIntegerField(default=0, verbose_name='pogingen')),
                    ('next_attempt_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='volgende poging')),
                    ('last_error', models.CharField(blank=True, max_length=200, verbose_name='laatste fout')),
                    ('language', models.CharField(blank=True, max_length=8, verbose_name='taal')),
                    ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='aangemaakt')),
                    ('sent_at', models.DateTimeField(blank=True, null=True, verbose_name='verzonden op')),
                    ('case', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='notifications', to='cases.case', verbose_name='zaak')),
                    ('status_update', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='cases.statusupdate', verbose_name='status')),
                ],
                options={
                    'db_table': 'cases_notification',
                    'verbose_name': 'bericht aan inwoner',
                    'verbose_name_plural': 'berichten aan inwoners',
                    'ordering': ['-created_at', '-id'],
                    'indexes': [models.Index(fields=['state', 'next_attempt_at'], name='notification_due')],
                },
            ),
            ],
            database_operations=[],
        ),
        migrations.AlterModelTable(name='notificationtemplate', table=None),
        migrations.AlterModelTable(name='notification', table=None),
        relabel_content_types(old_label='cases', new_label='notifications', models=['notificationtemplate', 'notification']),
    ]
