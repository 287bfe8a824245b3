"""Cross-cutting response headers that Django's own middleware does not set."""

import re

from django.conf import settings

# Personal pages, in every language (/mijn/ and /en/mijn/): never stored by a
# browser or a shared proxy (design: "Data that must never leak").
PRIVATE_PATH = re.compile(
    r"^(/[a-z]{2})?/(mijn|aanvragen|inloggen|uitloggen|sessie|accounts|beheer|digid|api)/"
)


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = "/beheer/"

    def __call__(self, request):
        response = self.get_response(request)
        path = request.path
        if path.startswith(self.admin_prefix):
            # Runs before the CSP middleware's process_response (it sits below it).
            response._csp_config = settings.ADMIN_CSP
        if PRIVATE_PATH.match(path):
            response["Cache-Control"] = "no-store"
        response.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        return response
