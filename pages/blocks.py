"""StreamField blocks shared by the page models (bakerydemo style: one blocks module).

Every block renders through the page templates in pages/templates/pages/blocks/,
which use NL Design System classes only (no inline style: the site has a strict CSP).
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images.blocks import ImageChooserBlock

# Rich text is limited to what the design supports: no tables, no embeds, no
# headings above h2 (the page title is the only h1).
RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class AccessibleImageBlock(blocks.StructBlock):
    """An image that always carries alternative text (WCAG 2.1 success criterion 1.1.1).

    Wagtail's own ImageBlock lets an editor tick "decorative" instead; content
    images in a government product catalogue always convey information, so the
    alt text is simply required here.
    """

    image = ImageChooserBlock(label=_("afbeelding"))
    alt_text = blocks.CharBlock(
        label=_("alternatieve tekst"),
        max_length=250,
        help_text=_("Beschrijf wat de afbeelding laat zien, voor wie haar niet kan zien."),
    )
    caption = blocks.CharBlock(label=_("bijschrift"), required=False, max_length=250)

    def clean(self, value):
        value = super().clean(value)
        if not (value.get("alt_text") or "").strip():
            raise StructBlockValidationError(
                block_errors={"alt_text": ValidationError(_("Vul een alternatieve tekst in."))}
            )
        return value

    class Meta:
        icon = "image"
        label = _("afbeelding")
        template = "pages/blocks/image.html"


class BodyBlock(blocks.StreamBlock):
    """Free content for life events and plain content pages."""

    paragraph = blocks.RichTextBlock(label=_("tekst"), features=RICH_TEXT_FEATURES)
    image = AccessibleImageBlock()

    class Meta:
        label = _("inhoud")


class FaqBlock(blocks.StructBlock):
    """One frequently asked question; rendered as an accessible details/summary pair."""

    question = blocks.CharBlock(label=_("vraag"), max_length=200)
    answer = blocks.RichTextBlock(label=_("antwoord"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "help"
        label = _("veelgestelde vraag")
        template = "pages/blocks/faq.html"


class FaqStreamBlock(blocks.StreamBlock):
    faq = FaqBlock()

    class Meta:
        label = _("veelgestelde vragen")


class CostBlock(blocks.StructBlock):
    """One price line: structured, so amounts can be listed, compared and reused."""

    description = blocks.CharBlock(label=_("omschrijving"), max_length=150)
    amount = blocks.DecimalBlock(
        label=_("bedrag in euro"), min_value=0, max_digits=9, decimal_places=2
    )
    note = blocks.CharBlock(label=_("toelichting"), required=False, max_length=250)

    class Meta:
        icon = "tag"
        label = _("kosten")


class CostStreamBlock(blocks.StreamBlock):
    cost = CostBlock()

    class Meta:
        label = _("kosten")


class ApplyChannelBlock(blocks.StructBlock):
    """How to apply through one channel; the block type names the channel."""

    description = blocks.RichTextBlock(label=_("uitleg"), features=RICH_TEXT_FEATURES)
    link_url = blocks.URLBlock(label=_("link"), required=False)
    link_text = blocks.CharBlock(label=_("linktekst"), required=False, max_length=100)

    def clean(self, value):
        value = super().clean(value)
        if value.get("link_url") and not value.get("link_text"):
            raise StructBlockValidationError(
                block_errors={
                    "link_text": ValidationError(_("Een link heeft een zichtbare linktekst nodig."))
                }
            )
        return value

    class Meta:
        icon = "link"


class ApplyStreamBlock(blocks.StreamBlock):
    """Online, by appointment, by post: the three ways a citizen can apply."""

    online = ApplyChannelBlock(label=_("online"))
    appointment = ApplyChannelBlock(label=_("op afspraak"))
    post = ApplyChannelBlock(label=_("per post"))

    class Meta:
        label = _("aanvragen")
        block_counts = {
            "online": {"max_num": 1},
            "appointment": {"max_num": 1},
            "post": {"max_num": 1},
        }
