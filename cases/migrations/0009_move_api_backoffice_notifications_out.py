"""Models that moved to `agency_api`, `backoffice`, `notifications` leave this app's state only;
their tables and rows were taken over there (docs/decisions/0026)."""


from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('agency_api', '0001_initial'),
        ('backoffice', '0001_initial'),
        ('notifications', '0001_initial'),
        ('cases', '0008_merge_document_events_and_english_texts'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
            migrations.RemoveConstraint(
                model_name='agencymembership',
                name='membership_unique',
            ),
            migrations.RemoveConstraint(
                model_name='apiclient',
                name='apiclient_unique_name',
            ),
            migrations.RemoveIndex(
                model_name='idempotencyrecord',
                name='idempotency_created',
            ),
            migrations.RemoveConstraint(
                model_name='idempotencyrecord',
                name='idempotency_unique_key',
            ),
            migrations.RemoveIndex(
                model_name='notification',
                name='notification_due',
            ),
            migrations.RemoveConstraint(
                model_name='notificationtemplate',
                name='notificationtemplate_unique',
            ),
            migrations.DeleteModel(
                name='NotificationTemplate',
            ),
            migrations.RemoveField(
                model_name='webhookdeliveryattempt',
                name='event',
            ),
            migrations.RemoveIndex(
                model_name='webhookevent',
                name='webhookevent_due',
            ),
            migrations.RemoveField(
                model_name='webhooksubscription',
                name='agency',
            ),
            migrations.RemoveField(
                model_name='agencymembership',
                name='agency',
            ),
            migrations.RemoveField(
                model_name='agencymembership',
                name='user',
            ),
            migrations.RemoveField(
                model_name='apiclient',
                name='agency',
            ),
            migrations.RemoveField(
                model_name='idempotencyrecord',
                name='client',
            ),
            migrations.RemoveField(
                model_name='notification',
                name='case',
            ),
            migrations.RemoveField(
                model_name='notification',
                name='status_update',
            ),
            migrations.DeleteModel(
                name='WebhookDeliveryAttempt',
            ),
            migrations.RemoveField(
                model_name='webhookevent',
                name='subscription',
            ),
            migrations.DeleteModel(
                name='AgencyMembership',
            ),
            migrations.DeleteModel(
                name='ApiClient',
            ),
            migrations.DeleteModel(
                name='IdempotencyRecord',
            ),
            migrations.DeleteModel(
                name='Notification',
            ),
            migrations.DeleteModel(
                name='WebhookEvent',
            ),
            migrations.DeleteModel(
                name='WebhookSubscription',
            ),
            ],
            database_operations=[],
        ),
    ]
