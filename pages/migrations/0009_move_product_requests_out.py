"""Models that moved to `product_requests` leave this app's state only;
their tables and rows were taken over there (docs/decisions/0026)."""


from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('product_requests', '0001_initial'),
        ('pages', '0008_merge_english_locale'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
            migrations.RemoveConstraint(
                model_name='pendingupload',
                name='pendingupload_one_per_question',
            ),
            migrations.RemoveField(
                model_name='pendingupload',
                name='question',
            ),
            migrations.RemoveField(
                model_name='pendingupload',
                name='user',
            ),
            migrations.DeleteModel(
                name='RequestSubmission',
            ),
            migrations.DeleteModel(
                name='PendingUpload',
            ),
            ],
            database_operations=[],
        ),
    ]
