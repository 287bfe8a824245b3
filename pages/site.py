"""The site root: one default Site whose root page is our HomePage.

The data migration does this on a fresh database; `ensure_site()` does the same
with the real models, for `seed_demo` and for tests that flush the database.
The site's root page is the Dutch home page; its English translation is a sibling
under the tree root, which Wagtail serves under /en/ (docs/decisions/0025).
"""

from django.conf import settings
from django.db import transaction
from wagtail.models import Collection, Locale, Page, Site

from .models import HomePage


def ensure_root_collection() -> Collection:
    """Wagtail's root collection, which its migration creates; a flushed database
    (transactional tests) has none, and editor permissions hang off it."""
    return Collection.get_first_root_node() or Collection.add_root(name="Root")


@transaction.atomic
def ensure_site() -> HomePage:
    ensure_root_collection()
    dutch, _created = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        Locale.objects.get_or_create(language_code=code)
    home = HomePage.objects.filter(locale=dutch).first()
    if home is None:
        root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))
        for child in root.get_children().exclude(content_type__model="homepage"):
            child.delete()
        home = root.add_child(
            instance=HomePage(
                title="Open Loket", slug="home", intro="Uw zaken bij de overheid op één plek."
            )
        )
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={
            "hostname": "localhost",
            "port": 80,
            "root_page": home,
            "site_name": "Open Loket",
        },
    )
    return home
