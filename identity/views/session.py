"""Keep the session alive ("Ingelogd blijven") - the citizen asked for it, so the
idle timer restarts now (identity.session.slide), even within the minute in which
an ordinary request does not save the session; the absolute cap stays."""

from django.http import JsonResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from identity.next_url import safe_next_url
from identity.session import seconds_left, slide


@require_POST
def extend_session(request):
    slide(request)
    if request.headers.get("Accept") == "application/json":
        return JsonResponse({"seconds_left": seconds_left(request)})
    # Without JavaScript the form posts here and we return to the page.
    return redirect(safe_next_url(request.POST.get("next")) if request.POST.get("next") else "/")
