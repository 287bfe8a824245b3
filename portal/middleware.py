"""Cross-cutting response headers that Django's own middleware does not set."""

import re
import time

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


class ServerTimingMiddleware:
    """Adds `Server-Timing: app;dur=<wall ms>,cpu;dur=<CPU ms of this thread>`.

    For bench/load.py only (bench/settings.py, BENCH_PROFILE=load, puts it first in MIDDLEWARE):
    on a shared machine the wall time of a request includes waiting for a core,
    the thread's CPU time does not. Not in the production settings, since timings
    tell a client something about the server (W3C Server Timing, "Privacy").
    A streamed body (a document download) is timed up to the view's return.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        wall, cpu = time.perf_counter(), time.thread_time()
        response = self.get_response(request)
        app_ms = (time.perf_counter() - wall) * 1000
        cpu_ms = (time.thread_time() - cpu) * 1000
        response["Server-Timing"] = f"app;dur={app_ms:.1f},cpu;dur={cpu_ms:.1f}"
        return response
