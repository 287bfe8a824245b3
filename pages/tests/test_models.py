from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.models import Page

from identity.loa import LevelOfAssurance
from pages.blocks import AccessibleImageBlock, ApplyChannelBlock, CostBlock
from pages.models import (
    ContentPage,
    HomePage,
    LifeEventPage,
    ProductIndexPage,
    ProductPage,
)

from .factories import (
    LifeEventPageFactory,
    LifeEventProductFactory,
    ProductPageFactory,
    home_page,
    product_index,
)

pytestmark = pytest.mark.django_db


class TestTreeRules:
    def test_home_page_children_are_life_events_product_index_and_content_pages(self):
        assert set(HomePage.allowed_subpage_models()) == {
            LifeEventPage,
            ProductIndexPage,
            ContentPage,
        }

    def test_products_live_only_under_the_product_index(self):
        assert ProductPage.allowed_parent_page_models() == [ProductIndexPage]
        assert ProductIndexPage.allowed_subpage_models() == [ProductPage]
        assert ProductPage.allowed_subpage_models() == []

    def test_a_product_cannot_be_created_under_a_life_event(self):
        event = LifeEventPageFactory()
        assert not ProductPage.can_create_at(event)
        assert not ProductPage.can_create_at(home_page())
        assert ProductPage.can_create_at(product_index())

    def test_life_events_have_no_children_and_sit_under_home(self):
        assert LifeEventPage.allowed_subpage_models() == []
        assert LifeEventPage.can_create_at(home_page())
        assert not LifeEventPage.can_create_at(product_index())

    def test_only_one_home_page_and_one_product_index(self):
        root = Page.get_first_root_node()
        home = home_page()
        product_index()
        assert not HomePage.can_create_at(root)
        assert not ProductIndexPage.can_create_at(home)

    def test_content_pages_nest(self):
        assert ContentPage.can_create_at(home_page())
        assert ContentPage.allowed_subpage_models() == [ContentPage]


class TestRequiredFields:
    def test_product_needs_summary_what_is_it_agency_and_how_to_apply(self):
        page = ProductPage(title="Leeg", slug="leeg")
        with pytest.raises(ValidationError) as error:
            page.full_clean()
        assert {"summary", "what_is_it", "agency", "how_to_apply"} <= set(error.value.message_dict)

    def test_life_event_needs_an_intro(self):
        with pytest.raises(ValidationError) as error:
            LifeEventPage(title="Verhuizen", slug="verhuizen").full_clean()
        assert "intro" in error.value.message_dict

    def test_image_needs_alternative_text(self):
        block = AccessibleImageBlock()
        with pytest.raises(StructBlockValidationError) as error:
            block.clean(block.to_python({"image": None, "alt_text": "  ", "caption": ""}))
        assert "alt_text" in error.value.block_errors

    def test_apply_link_needs_visible_text(self):
        block = ApplyChannelBlock()
        value = block.to_python(
            {"description": "<p>Online</p>", "link_url": "https://example.org", "link_text": ""}
        )
        with pytest.raises(StructBlockValidationError) as error:
            block.clean(value)
        assert "link_text" in error.value.block_errors

    def test_cost_amount_cannot_be_negative(self):
        block = CostBlock()
        with pytest.raises(StructBlockValidationError):
            block.clean(block.to_python({"description": "Leges", "amount": "-1", "note": ""}))
        cleaned = block.clean(block.to_python({"description": "Leges", "amount": "84.70"}))
        assert cleaned["amount"] == Decimal("84.70")


class TestProductPage:
    def test_processing_time_text_uses_the_free_text_field(self):
        product = ProductPageFactory(processing_time="Binnen 8 weken.")
        assert product.processing_time_text() == "Binnen 8 weken."

    def test_required_level_of_assurance_uses_the_digid_levels(self):
        product = ProductPageFactory(required_level_of_assurance=LevelOfAssurance.MIDDEN.value)
        assert product.level_of_assurance is LevelOfAssurance.MIDDEN
        field = ProductPage._meta.get_field("required_level_of_assurance")
        assert [value for value, _ in field.choices] == [level.value for level in LevelOfAssurance]

    def test_life_event_lists_live_products_in_the_editors_order(self, rf):
        event = LifeEventPageFactory()
        second = ProductPageFactory(title="Tweede")
        first = ProductPageFactory(title="Eerste")
        draft = ProductPageFactory(title="Concept", draft=True)
        LifeEventProductFactory(page=event, product=first, sort_order=0)
        LifeEventProductFactory(page=event, product=draft, sort_order=1)
        LifeEventProductFactory(page=event, product=second, sort_order=2)
        context = event.get_context(rf.get("/"))
        assert context["products"] == [first, second]
