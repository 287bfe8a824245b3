"""What empties the page cache: any change that can alter a public page.

One site-wide version (pages/page_cache.py) is bumped, for both languages and
every page at once, because pages show each other: the home page lists life events
and popular products, a life event lists products, a product lists related
products and shows its agency and case type, breadcrumbs show ancestors' titles.

The bump happens twice: at once, and again after the transaction commits. The
second closes the race where a request renders the old content between the first
bump and the commit and stores it under the new version.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_delete, post_migrate, post_save
from django.dispatch import receiver
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from cases.models import Agency, CaseType

from . import page_cache
from .models import (
    HomePagePopularProduct,
    LifeEventProduct,
    ProductRelatedProduct,
    RequestFormField,
)

# Models other than pages whose rows appear on public pages. Not RequestSubmission:
# citizens' requests change no public page, and must not empty the cache.
SHOWN_ON_PAGES = (
    Agency,
    CaseType,
    Site,
    HomePagePopularProduct,
    LifeEventProduct,
    ProductRelatedProduct,
    RequestFormField,
)
# Rows of apps pages may not import (messaging sits beside it in the layers),
# by label: the outage register's banner is on product pages (issue 17). An
# outage that starts or ends by the clock alone shows within PAGE_CACHE_SECONDS.
SHOWN_ON_PAGES_BY_LABEL = frozenset({"messaging.ChannelOutage"})


def invalidate() -> None:
    page_cache.bump_version()
    transaction.on_commit(page_cache.bump_version)


@receiver(page_published, dispatch_uid="pages.cache.published")
@receiver(page_unpublished, dispatch_uid="pages.cache.unpublished")
@receiver(post_page_move, dispatch_uid="pages.cache.moved")
@receiver(page_slug_changed, dispatch_uid="pages.cache.slug_changed")
def page_changed(sender, **kwargs) -> None:
    invalidate()


@receiver(post_save, dispatch_uid="pages.cache.saved")
@receiver(post_delete, dispatch_uid="pages.cache.deleted")
def row_changed(sender, instance, **kwargs) -> None:
    # Saving a page directly (not through publish, e.g. a data fix) changes the
    # live page too; a draft save also lands here, which costs only a refill.
    if (
        isinstance(instance, (Page, get_image_model(), get_document_model(), *SHOWN_ON_PAGES))
        or instance._meta.label in SHOWN_ON_PAGES_BY_LABEL
    ):
        invalidate()


@receiver(post_migrate, dispatch_uid="pages.cache.migrated")
def deployed(sender, **kwargs) -> None:
    """A deploy runs migrate: new templates or translations must not meet old pages."""
    page_cache.bump_version()
