"""Keep the session alive ("Ingelogd blijven") - a POST is activity, so the
idle timer restarts (SESSION_SAVE_EVERY_REQUEST); the absolute cap stays."""

from django.http import JsonResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from identity.next_url import safe_next_url
from identity.session import seconds_left


@require_POST
def extend_session(request):
    if request.headers.get("Accept") == "application/json":
        return JsonResponse({"seconds_left": seconds_left(request)})
    # Without JavaScript the form posts here and we return to the page.
    return redirect(safe_next_url(request.POST.get("next")) if request.POST.get("next") else "/")
