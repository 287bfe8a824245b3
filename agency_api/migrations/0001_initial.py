"""The models of `agency_api` moved here from `cases` (docs/decisions/0026).

The rows stay where they are: the models are created in the migration state only,
on their old tables, which are then renamed to this app's names. Content types
(and with them permissions and Wagtail references) are relabelled, not recreated.
"""


import agency_api.models
import django.db.models.deletion
import django.utils.timezone
import uuid
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
                name='WebhookEvent',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('event_id', models.UUIDField(default=uuid.uuid4, editable=False, unique=True, verbose_name='kenmerk')),
                    ('event_type', models.CharField(max_length=100, verbose_name='soort')),
                    ('payload', models.JSONField(default=dict, verbose_name='inhoud')),
                    ('state', models.CharField(choices=[('pending', 'wacht op aflevering'), ('delivered', 'afgeleverd'), ('failed', 'mislukt')], default='pending', max_length=20, verbose_name='toestand')),
                    ('attempts', models.PositiveSmallIntegerField(default=0, verbose_name='pogingen')),
                    ('next_attempt_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='volgende poging')),
                    ('delivered_at', models.DateTimeField(blank=True, null=True, verbose_name='afgeleverd op')),
                    ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='aangemaakt')),
                ],
                options={
                    'db_table': 'cases_webhookevent',
                    'verbose_name': 'webhook-bericht',
                    'verbose_name_plural': 'webhook-berichten',
                    'ordering': ['-created_at', '-id'],
                },
            ),
            migrations.CreateModel(
                name='ApiClient',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('name', models.CharField(max_length=100, verbose_name='naam')),
                    ('key_id', models.CharField(editable=False, max_length=16, unique=True, verbose_name='sleutel-id')),
                    ('token_hash', models.CharField(editable=False, max_length=64)),
                    ('allowed_networks', models.TextField(blank=True, help_text='Eén adres of netwerk (CIDR) per regel. Leeg: elk adres.', validators=[agency_api.models.validate_networks], verbose_name='toegestane IP-adressen')),
                    ('expires_at', models.DateTimeField(blank=True, null=True, verbose_name='verloopt op')),
                    ('revoked_at', models.DateTimeField(blank=True, null=True, verbose_name='ingetrokken op')),
                    ('rate_limit_per_minute', models.PositiveIntegerField(default=600, verbose_name='maximaal aantal verzoeken per minuut')),
                    ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='aangemaakt')),
                    ('last_used_at', models.DateTimeField(blank=True, null=True, verbose_name='laatst gebruikt')),
                    ('agency', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='api_clients', to='cases.agency', verbose_name='organisatie')),
                ],
                options={
                    'db_table': 'cases_apiclient',
                    'verbose_name': 'API-koppeling',
                    'verbose_name_plural': 'API-koppelingen',
                    'ordering': ['agency__name', 'name'],
                },
            ),
            migrations.CreateModel(
                name='IdempotencyRecord',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('key', models.CharField(max_length=255)),
                    ('fingerprint', models.CharField(max_length=64)),
                    ('response_status', models.PositiveSmallIntegerField()),
                    ('response_body', models.JSONField(default=dict)),
                    ('created_at', models.DateTimeField(auto_now_add=True)),
                    ('client', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='agency_api.apiclient')),
                ],
                options={'db_table': 'cases_idempotencyrecord'},
            ),
            migrations.CreateModel(
                name='WebhookDeliveryAttempt',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('attempted_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='tijdstip')),
                    ('response_status', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='HTTP-status')),
                    ('error', models.CharField(blank=True, max_length=300, verbose_name='fout')),
                    ('duration_ms', models.PositiveIntegerField(default=0, verbose_name='duur (ms)')),
                    ('event', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='deliveries', to='agency_api.webhookevent', verbose_name='bericht')),
                ],
                options={
                    'db_table': 'cases_webhookdeliveryattempt',
                    'verbose_name': 'afleverpoging',
                    'verbose_name_plural': 'afleverpogingen',
                    'ordering': ['attempted_at', 'id'],
                },
            ),
            migrations.CreateModel(
                name='WebhookSubscription',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('url', models.URLField(max_length=500, verbose_name='URL')),
                    ('secret', models.CharField(default=agency_api.models._webhook_secret, max_length=100, verbose_name='geheim')),
                    ('is_active', models.BooleanField(default=True, verbose_name='actief')),
                    ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='aangemaakt')),
                    ('agency', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='webhook_subscriptions', to='cases.agency', verbose_name='organisatie')),
                ],
                options={
                    'db_table': 'cases_webhooksubscription',
                    'verbose_name': 'webhook-abonnement',
                    'verbose_name_plural': 'webhook-abonnementen',
                    'ordering': ['agency__name', 'url'],
                },
            ),
            migrations.AddField(
                model_name='webhookevent',
                name='subscription',
                field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='events', to='agency_api.webhooksubscription', verbose_name='abonnement'),
            ),
            migrations.AddConstraint(
                model_name='apiclient',
                constraint=models.UniqueConstraint(fields=('agency', 'name'), name='apiclient_unique_name'),
            ),
            migrations.AddIndex(
                model_name='idempotencyrecord',
                index=models.Index(fields=['created_at'], name='idempotency_created'),
            ),
            migrations.AddConstraint(
                model_name='idempotencyrecord',
                constraint=models.UniqueConstraint(fields=('client', 'key'), name='idempotency_unique_key'),
            ),
            migrations.AddIndex(
                model_name='webhookevent',
                index=models.Index(fields=['state', 'next_attempt_at'], name='webhookevent_due'),
            ),
            ],
            database_operations=[],
        ),
        migrations.AlterModelTable(name='webhookevent', table=None),
        migrations.AlterModelTable(name='apiclient', table=None),
        migrations.AlterModelTable(name='idempotencyrecord', table=None),
        migrations.AlterModelTable(name='webhookdeliveryattempt', table=None),
        migrations.AlterModelTable(name='webhooksubscription', table=None),
        relabel_content_types(old_label='cases', new_label='agency_api', models=['webhookevent', 'apiclient', 'idempotencyrecord', 'webhookdeliveryattempt', 'webhooksubscription']),
    ]
