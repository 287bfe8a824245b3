"""Saving an agency's own notification text: checked (Awb 2:10 lid 2) and
recorded (who changed what, when) in one transaction."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from .models import AgencyNotificationTemplate, NotificationTemplateChange

FIELDS = ("subject", "body")


def save_agency_notification_template(
    *, user, template: AgencyNotificationTemplate
) -> AgencyNotificationTemplate:
    """Create or update `template` (its fields already set by the form); a
    change appends a NotificationTemplateChange with the text before and after.
    Raises ValidationError for a text without the four facts."""
    with transaction.atomic():
        old = None
        if template.pk is not None:
            old = (
                AgencyNotificationTemplate.objects.select_for_update()
                .filter(pk=template.pk)
                .values(*FIELDS)
                .first()
            )
        template.full_clean()
        new = {name: getattr(template, name) for name in FIELDS}
        if old == new:
            return template
        now = timezone.now()
        template.updated_at = now
        template.save()
        NotificationTemplateChange.objects.create(
            template=template,
            agency=template.agency,
            changed_at=now,
            changed_by=user,
            changed_by_name=(user.get_full_name() or user.get_username())[:200],
            old=old,
            new=new,
        )
    return template
