"""Editors, moderators and the review workflow for the public site. Idempotent.

Editors write and submit pages for review; moderators approve and publish
(Wagtail's "GroupApprovalTask"). The workflow sits on the home page, so every
life event, product and content page goes through review before it is published.
Scheduled publishing, previews and revisions come with Wagtail itself.
"""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import (
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from .site import ensure_root_collection

# The same group the back office gives snippet and image rights (backoffice.groups).
EDITORS_GROUP = "Redacteuren"
MODERATORS_GROUP = "Eindredacteuren"
WORKFLOW_NAME = "Redactionele controle"
REVIEW_TASK_NAME = "Controle door moderator"

EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page"]
MODERATOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
MEDIA_PERMISSIONS = {
    ("wagtailimages", "image"): ["add_image", "change_image", "choose_image"],
    ("wagtaildocs", "document"): ["add_document", "change_document", "choose_document"],
}


def _permission(app_label: str, model: str, codename: str) -> Permission:
    content_type = ContentType.objects.get_by_natural_key(app_label, model)
    return Permission.objects.get(content_type=content_type, codename=codename)


def _grant(group: Group, page: Page, codenames: list[str]) -> None:
    group.permissions.add(_permission("wagtailadmin", "admin", "access_admin"))
    for codename in codenames:
        GroupPagePermission.objects.get_or_create(
            group=group, page=page, permission=_permission("wagtailcore", "page", codename)
        )
    root_collection = ensure_root_collection()
    for (app_label, model), media_codenames in MEDIA_PERMISSIONS.items():
        for codename in media_codenames:
            GroupCollectionPermission.objects.get_or_create(
                group=group,
                collection=root_collection,
                permission=_permission(app_label, model, codename),
            )


@transaction.atomic
def ensure_editorial_setup(home: Page) -> Workflow:
    """Create the groups, their permissions on `home` and its review workflow.

    Run once per home page: each language has its own (docs/decisions/0025)."""
    editors, _ = Group.objects.get_or_create(name=EDITORS_GROUP)
    moderators, _ = Group.objects.get_or_create(name=MODERATORS_GROUP)
    _grant(editors, home, EDITOR_PAGE_PERMISSIONS)
    _grant(moderators, home, MODERATOR_PAGE_PERMISSIONS)
    # "Translate" on a page (wagtail.contrib.simple_translation, decision 0025).
    translate = _permission("simple_translation", "simpletranslation", "submit_translation")
    editors.permissions.add(translate)
    moderators.permissions.add(translate)

    # Not get_or_create: workflow names are not unique in Wagtail (an editor may
    # add one with the same name), and seed_demo must run on any such database.
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).order_by("pk").first()
    if workflow is None:
        workflow = Workflow.objects.create(name=WORKFLOW_NAME, active=True)
    task = GroupApprovalTask.objects.filter(name=REVIEW_TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=REVIEW_TASK_NAME)
    task.groups.set([moderators])
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=home, defaults={"workflow": workflow})
    return workflow
