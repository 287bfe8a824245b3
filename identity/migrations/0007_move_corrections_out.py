"""Models that moved to `corrections` leave this app's state only;
their tables and rows were taken over there (docs/decisions/0026)."""


from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('corrections', '0001_initial'),
        ('identity', '0006_localperson_gender'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
            migrations.RemoveConstraint(
                model_name='correctionrequest',
                name='correction_unique_idempotency_key',
            ),
            migrations.DeleteModel(
                name='CorrectionRequest',
            ),
            ],
            database_operations=[],
        ),
    ]
