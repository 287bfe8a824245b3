"""Wagtail page models: content, tree rules and template context only.

Tree (enforced by parent_page_types / subpage_types):

    root
    └── HomePage (one)
        ├── LifeEventPage*          /verhuizen/
        ├── ProductIndexPage (one)  /producten/
        │   └── ProductPage*        /producten/paspoort-aanvragen/
        └── ContentPage*            /privacy/, /toegankelijkheid/
            └── ContentPage*

Every page renders the same for every visitor (no per-user content), so anonymous
responses can be cached; the login block is a plain link to the DigiD login.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from identity.loa import LABELS, LevelOfAssurance

from .blocks import RICH_TEXT_FEATURES, ApplyStreamBlock, BodyBlock, CostStreamBlock, FaqStreamBlock
from .cache_version import PageCacheVersion

__all__ = [
    "RICH_TEXT_FEATURES",
    "ContentPage",
    "HomePage",
    "LifeEventPage",
    "PageCacheVersion",
    "ProductIndexPage",
    "ProductPage",
    "RequestFormField",
]

LEVEL_OF_ASSURANCE_CHOICES = [(level.value, LABELS[level]) for level in LevelOfAssurance]


def _live_products(links, locale_id: int | None = None) -> list["ProductPage"]:
    """The live, public products of an ordered link list, in the editors' order.

    With a locale, each product is shown in that locale's translation where one
    is live (a translated page keeps its original's links, which point to the
    Dutch products: Wagtail's copy_for_translation copies them as they are), and
    in the linked language otherwise. One query (two on a translated page)
    whatever the number of links; works in previews too, where the links are
    unsaved in-memory objects.
    """
    ids = [link.product_id for link in links if link.product_id]
    live = ProductPage.objects.live().public().select_related("agency")
    found = live.in_bulk(ids)
    keys = {p.translation_key: pk for pk, p in found.items() if p.locale_id != locale_id}
    if locale_id is not None and keys:
        for product in live.filter(translation_key__in=keys, locale_id=locale_id):
            found[keys[product.translation_key]] = product
    return [found[pk] for pk in ids if pk in found]


class HomePage(Page):
    """The front door: search, life events, popular products, login block."""

    intro = models.CharField(_("introductie"), max_length=300, blank=True)
    body = RichTextField(_("tekst"), blank=True, features=RICH_TEXT_FEATURES)
    login_heading = models.CharField(
        _("kop van het inlogblok"), max_length=100, default="Mijn overzicht"
    )
    login_text = models.CharField(
        _("tekst van het inlogblok"),
        max_length=300,
        # Only what exists: there are no messages yet (issue 15.9).
        default="Bekijk uw zaken, uw documenten en uw gegevens bij de overheid op één plek.",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("body"),
        InlinePanel("popular_products", label=_("meest gevraagde producten"), max_num=8),
        MultiFieldPanel(
            [FieldPanel("login_heading"), FieldPanel("login_text")], heading=_("inlogblok")
        ),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["pages.LifeEventPage", "pages.ProductIndexPage", "pages.ContentPage"]
    max_count = 1

    class Meta:
        verbose_name = _("startpagina")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["life_events"] = LifeEventPage.objects.child_of(self).live().public()
        context["popular_products"] = _live_products(self.popular_products.all(), self.locale_id)
        return context


class HomePagePopularProduct(Orderable):
    """A product the editors put on the home page, in their order."""

    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="popular_products")
    product = models.ForeignKey(
        "pages.ProductPage", verbose_name=_("product"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("product")]


class LifeEventPage(Page):
    """A life event (levensgebeurtenis) that groups the products a citizen needs then."""

    intro = models.CharField(_("introductie"), max_length=300)
    body = StreamField(BodyBlock(), verbose_name=_("inhoud"), blank=True)
    faq = StreamField(FaqStreamBlock(), verbose_name=_("veelgestelde vragen"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("body"),
        InlinePanel("products", label=_("producten"), min_num=0),
        FieldPanel("faq"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro", boost=1.5),
        index.SearchField("body"),
        index.SearchField("faq"),
    ]

    parent_page_types = ["pages.HomePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("levensgebeurtenis")
        verbose_name_plural = _("levensgebeurtenissen")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["products"] = _live_products(self.products.all(), self.locale_id)
        return context


class LifeEventProduct(Orderable):
    page = ParentalKey(LifeEventPage, on_delete=models.CASCADE, related_name="products")
    product = models.ForeignKey(
        "pages.ProductPage", verbose_name=_("product"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("product")]


class ProductIndexPage(Page):
    """The overview of all products (producten- en dienstencatalogus), A to Z."""

    intro = models.CharField(_("introductie"), max_length=300, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["pages.HomePage"]
    subpage_types = ["pages.ProductPage"]
    max_count = 1

    class Meta:
        verbose_name = _("productoverzicht")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["products"] = (
            ProductPage.objects.child_of(self)
            .live()
            .public()
            .select_related("agency")
            .order_by("title")
        )
        return context


class Audience(models.TextChoices):
    """Who a product is for (the PDC's doelgroep: "eu-burger" / "eu-bedrijf"):
    a request is offered to a person (DigiD) or a business (eHerkenning) accordingly."""

    CITIZENS = "citizens", _("inwoners")
    BUSINESSES = "businesses", _("bedrijven")
    BOTH = "both", _("inwoners en bedrijven")


class ProductPage(Page):
    """One product or service (PDC item) of one agency."""

    summary = models.CharField(
        _("samenvatting"),
        max_length=300,
        help_text=_("Eén of twee zinnen; staat in overzichten en zoekresultaten."),
    )
    what_is_it = RichTextField(_("wat is het"), features=RICH_TEXT_FEATURES)
    conditions = RichTextField(
        _("voorwaarden"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("Wie kan dit aanvragen?"),
    )
    what_you_need = RichTextField(_("wat heeft u nodig"), blank=True, features=RICH_TEXT_FEATURES)
    costs = StreamField(CostStreamBlock(), verbose_name=_("kosten"), blank=True)
    how_to_apply = StreamField(ApplyStreamBlock(), verbose_name=_("hoe vraagt u het aan"))
    processing_time = models.CharField(
        _("hoe lang duurt het"),
        max_length=200,
        blank=True,
        help_text=_("Bijvoorbeeld: binnen 8 weken."),
    )
    agency = models.ForeignKey(
        "cases.Agency",
        verbose_name=_("verantwoordelijke organisatie"),
        on_delete=models.PROTECT,
        related_name="products",
    )
    required_level_of_assurance = models.PositiveSmallIntegerField(
        _("vereist DigiD-betrouwbaarheidsniveau"),
        choices=LEVEL_OF_ASSURANCE_CHOICES,
        default=LevelOfAssurance.BASIS.value,
    )
    audience = models.CharField(
        _("voor wie"),
        max_length=10,
        choices=Audience.choices,
        default=Audience.CITIZENS,
        help_text=_(
            "Inwoners vragen aan met DigiD, bedrijven met eHerkenning; "
            "het aanvraagformulier is alleen voor wie hier past."
        ),
    )
    faq = StreamField(FaqStreamBlock(), verbose_name=_("veelgestelde vragen"), blank=True)
    # A linked case type makes the product requestable online (/aanvragen/<slug>/):
    # a request opens a case of this type at its agency.
    case_type = models.ForeignKey(
        "cases.CaseType",
        verbose_name=_("zaaktype"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="product_pages",
        help_text=_("Met een zaaktype kunnen inwoners dit product online aanvragen."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("agency"),
        FieldPanel("what_is_it"),
        FieldPanel("conditions"),
        FieldPanel("what_you_need"),
        FieldPanel("costs"),
        FieldPanel("how_to_apply"),
        FieldPanel("processing_time"),
        FieldPanel("required_level_of_assurance"),
        FieldPanel("audience"),
        FieldPanel("faq"),
        InlinePanel("related_products", label=_("gerelateerde producten"), max_num=6),
        MultiFieldPanel(
            [
                FieldPanel("case_type"),
                InlinePanel("request_form_fields", label=_("vraag in het formulier")),
            ],
            heading=_("online aanvragen"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary", boost=1.5),
        index.SearchField("what_is_it"),
        index.SearchField("conditions"),
        index.SearchField("what_you_need"),
        index.SearchField("faq"),
        index.RelatedFields("agency", [index.SearchField("name")]),
    ]

    parent_page_types = ["pages.ProductIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("product")
        verbose_name_plural = _("producten")

    def clean(self):
        super().clean()
        # An empty StreamField passes Django's blank check; a product without any
        # way to apply would leave a citizen stuck.
        if not self.how_to_apply:
            raise ValidationError({"how_to_apply": _("Geef aan hoe iemand dit product aanvraagt.")})
        if self.case_type_id and self.agency_id and self.case_type.agency_id != self.agency_id:
            raise ValidationError(
                {"case_type": _("Kies een zaaktype van de verantwoordelijke organisatie.")}
            )

    @property
    def level_of_assurance(self) -> LevelOfAssurance:
        return LevelOfAssurance(self.required_level_of_assurance)

    @property
    def accepts_requests(self) -> bool:
        """Citizens can request it online: it has a case type to open."""
        return self.case_type_id is not None

    def offered_to(self, subject) -> bool:
        """Whether the request form is for this subject (identity.acting.Subject):
        a business sees business and both-products, a person citizen and both."""
        if self.audience == Audience.BOTH:
            return True
        wanted = Audience.BUSINESSES if subject.is_business else Audience.CITIZENS
        return self.audience == wanted

    def not_offered_text(self, subject) -> str:
        """The plain sentence shown instead of the form to a subject it is not for."""
        if subject.is_business:
            return str(
                _(
                    "Dit product is alleen voor inwoners. U regelt nu zaken voor een bedrijf; "
                    "een inwoner vraagt het zelf aan met DigiD."
                )
            )
        return str(
            _("Dit product is alleen voor bedrijven. Een bedrijf vraagt het aan met eHerkenning.")
        )

    def processing_time_text(self) -> str:
        """The processing time shown to citizens: the linked case type's legal
        term (ZGW doorlooptijd) when there is one, else the editors' text."""
        if self.case_type_id is None:
            return self.processing_time
        days = self.case_type.processing_days
        if days % 7 == 0:
            weeks = days // 7
            return ngettext("Binnen %(count)d week.", "Binnen %(count)d weken.", weeks) % {
                "count": weeks
            }
        return ngettext("Binnen %(count)d dag.", "Binnen %(count)d dagen.", days) % {"count": days}

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["related"] = _live_products(self.related_products.all(), self.locale_id)
        return context


class ProductRelatedProduct(Orderable):
    page = ParentalKey(ProductPage, on_delete=models.CASCADE, related_name="related_products")
    product = models.ForeignKey(
        "pages.ProductPage", verbose_name=_("product"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("product")]


class RequestFieldType(models.TextChoices):
    TEXT = "text", _("tekstregel")
    TEXTAREA = "textarea", _("tekstvak")
    EMAIL = "email", _("e-mailadres")
    NUMBER = "number", _("getal")
    DATE = "date", _("datum")
    DROPDOWN = "dropdown", _("keuzelijst")
    RADIO = "radio", _("keuzerondjes")
    CHECKBOXES = "checkboxes", _("meerdere keuzes")
    CHECKBOX = "checkbox", _("vinkje")
    # Checked like every citizen upload (documents.validation) and attached to the
    # new case as a document.
    FILE = "file", _("bestand")


CHOICE_FIELD_TYPES = {
    RequestFieldType.DROPDOWN,
    RequestFieldType.RADIO,
    RequestFieldType.CHECKBOXES,
}


class RequestFormField(Orderable):
    """One question of a product's online request form (form-builder style).

    The citizen's name, address and date of birth are not questions: the request
    form shows them from the registry and never takes them from the POST.
    """

    page = ParentalKey(ProductPage, on_delete=models.CASCADE, related_name="request_form_fields")
    field_type = models.CharField(_("soort veld"), max_length=20, choices=RequestFieldType.choices)
    label = models.CharField(_("vraag"), max_length=200)
    help_text = models.CharField(_("toelichting"), max_length=300, blank=True)
    required = models.BooleanField(_("verplicht"), default=True)
    choices = models.TextField(
        _("keuzes"),
        blank=True,
        help_text=_(
            "Eén keuze per regel; alleen voor keuzelijst, keuzerondjes en meerdere keuzes."
        ),
    )

    panels = [
        FieldPanel("label"),
        FieldPanel("field_type"),
        FieldPanel("help_text"),
        FieldPanel("required"),
        FieldPanel("choices"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("vraag")
        verbose_name_plural = _("vragen")

    def __str__(self) -> str:
        return self.label

    @property
    def choice_list(self) -> list[str]:
        return [line.strip() for line in self.choices.splitlines() if line.strip()]

    def clean(self):
        super().clean()
        if self.field_type in CHOICE_FIELD_TYPES and not self.choice_list:
            raise ValidationError({"choices": _("Geef minstens één keuze, één per regel.")})


class ContentPage(Page):
    """A plain page: privacy statement, accessibility statement, about."""

    intro = models.CharField(_("introductie"), max_length=300, blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("inhoud"))

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["pages.HomePage", "pages.ContentPage"]
    subpage_types = ["pages.ContentPage"]

    class Meta:
        verbose_name = _("inhoudspagina")
        verbose_name_plural = _("inhoudspagina's")


class CallbackTime(models.TextChoices):
    MORNING = "morning", _("'s ochtends (9.00 tot 12.00 uur)")
    AFTERNOON = "afternoon", _("'s middags (12.00 tot 17.00 uur)")
    ANY = "any", _("Maakt niet uit")


class CallbackRequest(models.Model):
    """A citizen's "Bel mij terug" from the help page of one of their cases: a task
    for that case's agency (Awb 2:1 duty of care, WCAG 3.2.6 consistent help). The
    back office shows it to the agency's caseworkers only (backoffice/callbacks.py)."""

    case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, related_name="callback_requests"
    )
    # Who asked: one of the case's citizens. Never shown in a URL.
    bsn = models.CharField(_("BSN"), max_length=9)
    phone = models.CharField(_("telefoonnummer"), max_length=20)
    preferred_time = models.CharField(
        _("voorkeurstijd"), max_length=10, choices=CallbackTime.choices
    )
    question = models.TextField(_("vraag"), max_length=500)
    # One request per form shown: a double submit or a retry is the same request.
    idempotency_key = models.UUIDField(unique=True)
    created_at = models.DateTimeField(_("aangevraagd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("terugbelverzoek")
        verbose_name_plural = _("terugbelverzoeken")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.case.reference} {self.created_at:%Y-%m-%d %H:%M}"
