"""Demo content: home page, life events, the product catalogue, content pages, editors.

Idempotent: a page that exists (found by slug under its parent) is left as it is,
so editors' changes survive a second `seed_demo`. New pages are published with a
revision, like an editor would.

English: each Dutch demo page gets an English translation (Wagtail's
copy_for_translation, as "Translate" in the admin does) unless it has one, so a
database seeded before translations existed gains them on the next run, and a
second run adds nothing (docs/decisions/0025).
"""

from wagtail.models import Locale, Page

from cases.models import Agency, CaseType
from pages.editorial import ensure_editorial_setup
from pages.models import (
    ContentPage,
    HomePage,
    HomePagePopularProduct,
    LifeEventPage,
    LifeEventProduct,
    ProductIndexPage,
    ProductPage,
    ProductRelatedProduct,
    RequestFormField,
)
from pages.site import ensure_site

from . import content_en as english
from .content_nl import CONTENT_PAGES, LIFE_EVENTS, POPULAR, PRODUCTS, costs_stream, p
from .request_forms import REQUEST_FORMS


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


def _request_forms(products: dict[str, ProductPage]) -> int:
    """Link demo products to their case type and give them a form, once: a product
    that already has a case type is the editors' and stays as it is."""
    linked = 0
    for slug, (agency_slug, code, fields) in REQUEST_FORMS.items():
        page = products[slug]
        if page.case_type_id:
            continue
        case_type = CaseType.objects.filter(agency__slug=agency_slug, code=code).first()
        if case_type is None:
            continue
        page.case_type = case_type
        page.request_form_fields = [
            RequestFormField(
                field_type=kind,
                label=label,
                help_text=help_text,
                required=required,
                choices=choices,
                sort_order=order,
            )
            for order, (kind, label, help_text, required, choices) in enumerate(fields)
        ]
        page.save_revision().publish()
        linked += 1
    return linked


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
    linked = _request_forms(products)

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
    translated = _translate_all(home, index_page, products)
    out.write(
        f"Pages: {len(LIFE_EVENTS)} life events, {len(PRODUCTS)} products, "
        f"{len(CONTENT_PAGES)} content pages; review workflow on the home page; "
        f"{linked} products newly requestable online; {translated} English translations added"
    )


def _translate(page: Page, fields: dict, locale: Locale) -> Page | None:
    """Publish an English translation of `page` with `fields`, unless it has one."""
    if page.get_translation_or_none(locale) is not None:
        return None
    # Fresh from the database: the caller's copy may predate its last publish.
    translation = Page.objects.get(pk=page.pk).specific.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.draft_title = translation.title
    translation.save_revision().publish()
    return translation


def _product_fields(slug: str, translation: ProductPage) -> dict:
    dutch = next(data for data in PRODUCTS if data["slug"] == slug)
    data = english.PRODUCTS[slug]
    fields = {
        "title": data["title"],
        "summary": data["summary"],
        "what_is_it": data["what_is_it"],
        "conditions": data["conditions"],
        "what_you_need": data["what_you_need"],
        "costs": costs_stream(
            [
                (description, amount, note)
                for (description, note), (_nl, amount, _nl_note) in zip(
                    data["costs"], dutch["costs"], strict=True
                )
            ]
        ),
        "how_to_apply": [
            (channel, {"description": p(text)}) for channel, text in data["apply"].items()
        ],
        "processing_time": data["processing_time"],
        "faq": _faq(data["faq"]),
    }
    questions = english.REQUEST_FORMS.get(slug)
    copied = list(translation.request_form_fields.all())
    if questions and len(questions) == len(copied):
        fields["request_form_fields"] = [
            RequestFormField(
                field_type=field.field_type,
                label=label,
                help_text=help_text,
                required=field.required,
                choices=choices,
                sort_order=field.sort_order,
            )
            for field, (label, help_text, choices) in zip(copied, questions, strict=True)
        ]
    return fields


def _translate_all(home: HomePage, index_page: ProductIndexPage, products: dict) -> int:
    """English translations of the demo pages that have none; returns how many."""
    locale = Locale.objects.get(language_code="en")
    added = 0
    if _translate(home, english.HOME, locale):
        added += 1
    ensure_editorial_setup(home.get_translation(locale))
    if _translate(index_page, english.PRODUCT_INDEX, locale):
        added += 1
    for slug, page in products.items():
        if page.get_translation_or_none(locale) is not None:
            continue
        translation = ProductPage.objects.get(pk=page.pk).copy_for_translation(locale)
        for name, value in _product_fields(slug, translation).items():
            setattr(translation, name, value)
        translation.draft_title = translation.title
        translation.save_revision().publish()
        added += 1
    for data in LIFE_EVENTS:
        page = _child(home, LifeEventPage, data["slug"])
        en = english.LIFE_EVENTS[data["slug"]]
        fields = {
            "title": en["title"],
            "intro": en["intro"],
            "body": [("paragraph", en["body"])],
            "faq": _faq(en["faq"]),
        }
        if page and _translate(page, fields, locale):
            added += 1
    for data in CONTENT_PAGES:
        page = _child(home, ContentPage, data["slug"])
        en = english.CONTENT_PAGES[data["slug"]]
        fields = {"title": en["title"], "intro": en["intro"], "body": [("paragraph", en["body"])]}
        if page and _translate(page, fields, locale):
            added += 1
    return added
