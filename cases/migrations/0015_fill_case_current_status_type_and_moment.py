"""Fill Case.current_status_type and current_status_set_at from current_status
(docs/decisions/0052), in batches of case ids so a national-scale database is
not rewritten in one transaction. Plain ORM updates with a subquery: the same
on PostgreSQL and SQLite. Safe to re-run: it rewrites the same values."""

from django.db import migrations, transaction
from django.db.models import OuterRef, Subquery

BATCH = 10_000


def fill(apps, schema_editor):
    Case = apps.get_model("cases", "Case")
    StatusUpdate = apps.get_model("cases", "StatusUpdate")
    alias = schema_editor.connection.alias
    cases = Case.objects.using(alias)
    current = StatusUpdate.objects.using(alias).filter(pk=OuterRef("current_status_id"))
    last = cases.order_by("-pk").values_list("pk", flat=True).first() or 0
    for start in range(0, last + 1, BATCH):
        with transaction.atomic(using=alias):
            cases.filter(
                pk__gte=start, pk__lt=start + BATCH, current_status__isnull=False
            ).update(
                current_status_type_id=Subquery(current.values("status_type_id")[:1]),
                current_status_set_at=Subquery(current.values("set_at")[:1]),
            )


class Migration(migrations.Migration):
    # Each batch commits on its own (see the module docstring).
    atomic = False

    dependencies = [("cases", "0014_case_current_status_type_and_moment")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop, elidable=True)]
