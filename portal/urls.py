from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.http import Http404
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls

from portal import health


def favicon(request):
    """/favicon.ico for clients that ask for it without reading the <link rel="icon">."""
    return redirect(static("favicon.svg"), permanent=True)


def not_found(request, *args, **kwargs):
    raise Http404


# Language-neutral endpoints: machines and staff.
urlpatterns = [
    path("favicon.ico", favicon),
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    # allauth's pages to connect, disconnect or sign up social accounts (and its
    # legacy redirects to them): citizens never link accounts, a broker login is
    # handled whole by identity/oidc (its adapter answers every outcome itself).
    re_path(r"^accounts/(?:3rdparty|social)/", not_found),
    path("accounts/", include("allauth.urls")),
    # DigiD SAML endpoints: their URLs are in metadata, so no language prefix.
    path("digid/", include("identity.saml_urls")),
    # DigiD Machtigen / eHerkenning through an OIDC broker: the redirect URI is registered there.
    path("oidc/", include("identity.oidc.urls")),
    # Django's own admin is not exposed; staff work in the Wagtail admin.
    path("beheer/", include(wagtailadmin_urls)),
    # Agency API (issue 6): machines, so no language prefix.
    path("api/", include("agency_api.urls")),
    # Notificaties API callbacks from agencies' case systems (machines: no language prefix).
    path("zgw/", include("zgw.callback_urls")),
    # Delivery receipts of the notification provider (issue 18).
    path("meldingen/", include("notifications.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Citizen-facing pages: Dutch at /, English at /en/. The language is in the URL,
# not in a cookie, so anonymous pages stay cacheable.
urlpatterns += i18n_patterns(
    path("", include("identity.urls")),
    path("", include("corrections.urls")),
    path("", include("cases.urls")),
    path("", include("messaging.urls")),
    path("", include("notifications.citizen_urls")),  # the mobile number for SMS (issue 18)
    path("", include("zgw.urls")),
    path("", include("documents.urls")),
    path("", include("product_requests.urls")),
    path("", include("pages.urls")),
    # Wagtail's page tree serves everything else; keep it last.
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

# A database that cannot be reached answers 503 with a friendly page, not 500.
handler400 = "portal.errors.bad_request"
handler500 = "portal.errors.server_error"
