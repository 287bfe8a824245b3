"""Demo content: home page, life events, the product catalogue, content pages, editors.

Idempotent: a page that exists (found by slug under its parent) is left as it is,
so editors' changes survive a second `seed_demo`. New pages are published with a
revision, like an editor would.
"""

from wagtail.models import Page

from cases.models import Agency

from .demo_content import CONTENT_PAGES, LIFE_EVENTS, POPULAR, PRODUCTS, costs_stream, p
from .editorial import ensure_editorial_setup
from .models import (
    ContentPage,
    HomePage,
    HomePagePopularProduct,
    LifeEventPage,
    LifeEventProduct,
    ProductIndexPage,
    ProductPage,
    ProductRelatedProduct,
)
from .site import ensure_site


def _publish(parent: Page, page: Page) -> Page:
    """Add and publish through a revision (indexing for search follows from the save)."""
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _child(parent: Page, model, slug: str):
    return model.objects.child_of(parent).filter(slug=slug).first()


def _faq(items) -> list[tuple[str, dict]]:
    return [("faq", {"question": q, "answer": p(a)}) for q, a in items]


def _product(index_page: ProductIndexPage, data: dict, agencies: dict) -> tuple[ProductPage, bool]:
    existing = _child(index_page, ProductPage, data["slug"])
    if existing:
        return existing, False
    page = ProductPage(
        title=data["title"],
        slug=data["slug"],
        summary=data["summary"],
        what_is_it=data["what_is_it"],
        conditions=data["conditions"],
        what_you_need=data["what_you_need"],
        costs=costs_stream(data["costs"]),
        how_to_apply=[
            (channel, {"description": p(text)}) for channel, text in data["apply"].items()
        ],
        processing_time=data["processing_time"],
        agency=agencies[data["agency"]],
        required_level_of_assurance=data["loa"].value,
        faq=_faq(data["faq"]),
    )
    # Published in _publish_with_related, once every product it links to exists.
    index_page.add_child(instance=page)
    return page, True


def _publish_with_related(products: dict[str, ProductPage], created: set[str]) -> None:
    for data in PRODUCTS:
        if data["slug"] not in created:
            continue
        page = products[data["slug"]]
        page.related_products = [
            ProductRelatedProduct(product=products[slug], sort_order=order)
            for order, slug in enumerate(data["related"])
        ]
        page.save_revision().publish()


def _life_event(home: HomePage, data: dict, products: dict[str, ProductPage]) -> LifeEventPage:
    existing = _child(home, LifeEventPage, data["slug"])
    if existing:
        return existing
    page = LifeEventPage(
        title=data["title"],
        slug=data["slug"],
        intro=data["intro"],
        body=[("paragraph", data["body"])],
        faq=_faq(data["faq"]),
    )
    page.products = [
        LifeEventProduct(product=products[slug], sort_order=order)
        for order, slug in enumerate(data["products"])
    ]
    return _publish(home, page)


def seed(out) -> None:
    home = ensure_site()
    agencies = {agency.slug: agency for agency in Agency.objects.all()}

    index_page = _child(home, ProductIndexPage, "producten") or _publish(
        home,
        ProductIndexPage(
            title="Producten en diensten",
            slug="producten",
            intro="Alles wat u bij de gemeente, de Belastingdienst, UWV en het waterschap "
            "kunt regelen.",
        ),
    )
    products, created = {}, set()
    for data in PRODUCTS:
        products[data["slug"]], is_new = _product(index_page, data, agencies)
        if is_new:
            created.add(data["slug"])
    _publish_with_related(products, created)

    for data in LIFE_EVENTS:
        _life_event(home, data, products)

    for data in CONTENT_PAGES:
        if not _child(home, ContentPage, data["slug"]):
            _publish(home, ContentPage(**{**data, "body": [("paragraph", data["body"])]}))

    if not home.popular_products.exists():
        for order, slug in enumerate(POPULAR):
            HomePagePopularProduct.objects.create(
                page=home, product=products[slug], sort_order=order
            )
        home.save_revision().publish()

    ensure_editorial_setup(home)
    out.write(
        f"Pages: {len(LIFE_EVENTS)} life events, {len(PRODUCTS)} products, "
        f"{len(CONTENT_PAGES)} content pages; review workflow on the home page"
    )
