"""Moving models between apps without touching a row (docs/decisions/0026): the
migration step that relabels their content types, so permissions, groups and
Wagtail references keep pointing at them."""

from __future__ import annotations

from django.db import migrations


def relabel_content_types(*, old_label: str, new_label: str, models: list[str]):
    """A reversible RunPython that moves `models`' content types between app labels.

    A content type already under the target label (made by a post_migrate in between)
    is left alone rather than clashing with the unique (app_label, model)."""

    def relabel(apps, source: str, target: str) -> None:
        content_type = apps.get_model("contenttypes", "ContentType")
        for model in models:
            if not content_type.objects.filter(app_label=target, model=model).exists():
                content_type.objects.filter(app_label=source, model=model).update(app_label=target)

    return migrations.RunPython(
        lambda apps, schema_editor: relabel(apps, old_label, new_label),
        lambda apps, schema_editor: relabel(apps, new_label, old_label),
    )
