import re

import pytest

from portal.middleware import PRIVATE_PATH

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path", ["/mijn/", "/en/mijn/zaken/x/y/", "/aanvragen/paspoort/", "/beheer/", "/api/v1/zaken"]
)
def test_personal_and_staff_paths_are_private_in_every_language(path):
    assert PRIVATE_PATH.match(path)


@pytest.mark.parametrize("path", ["/", "/en/", "/zoeken/", "/producten/mijnbouw/", "/mijnheer/"])
def test_public_paths_are_not(path):
    assert not PRIVATE_PATH.match(path)


def test_english_personal_page_is_not_stored(client):
    response = client.get("/en/mijn/")
    assert response.status_code == 302  # to the login page
    assert response["Cache-Control"] == "no-store"


def test_public_page_is_cacheable(client, home_page):
    assert "no-store" not in client.get("/").get("Cache-Control", "")


def test_server_timing_reports_wall_and_cpu_time_of_the_request(rf):
    from django.http import HttpResponse

    from portal.middleware import ServerTimingMiddleware

    def busy_view(request):
        sum(i * i for i in range(200_000))  # some CPU, so cpu;dur is above zero
        return HttpResponse("ok")

    response = ServerTimingMiddleware(busy_view)(rf.get("/"))
    match = re.fullmatch(r"app;dur=([0-9.]+),cpu;dur=([0-9.]+)", response["Server-Timing"])
    assert match, response["Server-Timing"]
    app_ms, cpu_ms = float(match.group(1)), float(match.group(2))
    assert cpu_ms > 0
    assert app_ms > 0


def test_the_portal_itself_sends_no_server_timing(client):
    # Only bench/settings.py (profile "load") adds the middleware; timings stay off the public site.
    assert "Server-Timing" not in client.get("/healthz")
