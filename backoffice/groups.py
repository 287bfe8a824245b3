"""The two permission sets of the admin (docs/decisions/0008). A person may be
in both. Which agencies' cases a caseworker sees is decided by
AgencyMembership, not by a group."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

EDITORS = "Redacteuren"
CASEWORKERS = "Zaakbehandelaars"

_EDITOR_MODEL_PERMISSIONS = [
    ("notifications", "add_notificationtemplate"),
    ("notifications", "change_notificationtemplate"),
    ("notifications", "view_notificationtemplate"),
]
_EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page"]
_EDITOR_COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
]


def _permission(app_label: str, codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def ensure_groups() -> dict[str, Group]:
    """Create or complete both groups (idempotent; never removes permissions)."""
    access_admin = _permission("wagtailadmin", "access_admin")
    caseworkers, _ = Group.objects.get_or_create(name=CASEWORKERS)
    caseworkers.permissions.add(access_admin)

    editors, _ = Group.objects.get_or_create(name=EDITORS)
    editors.permissions.add(
        access_admin, *(_permission(app, code) for app, code in _EDITOR_MODEL_PERMISSIONS)
    )
    root = Page.get_first_root_node()
    if root is not None:
        for codename in _EDITOR_PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=editors, page=root, permission=_permission("wagtailcore", codename)
            )
    collection = Collection.get_first_root_node()
    if collection is not None:
        for app, codename in _EDITOR_COLLECTION_PERMISSIONS:
            GroupCollectionPermission.objects.get_or_create(
                group=editors, collection=collection, permission=_permission(app, codename)
            )
    return {EDITORS: editors, CASEWORKERS: caseworkers}
