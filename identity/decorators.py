"""Access rules for citizen pages.

`citizen_required` lets a view run only for someone logged in (DigiD, or an
OIDC broker for DigiD Machtigen / eHerkenning) who acts in a context
(identity.acting, decision 0041) at (at least) the level the view needs; anyone
else goes to the DigiD login, which sends them back afterwards (step-up when
the level is too low). The view finds the context on `request.acting`:
selectors take it, so whose data a page shows is decided in one place.
"""

from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect, resolve_url

from .acting import current_context
from .loa import LevelOfAssurance


def login_redirect(request, *, level: LevelOfAssurance | None = None):
    params = {"next": request.get_full_path()}
    if level is not None:
        params["niveau"] = level.name.lower()
    return redirect(f"{resolve_url(settings.LOGIN_URL)}?{urlencode(params)}")


def citizen_required(view=None, *, level: LevelOfAssurance = LevelOfAssurance.BASIS):
    def decorator(view_func):
        @wraps(view_func)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return login_redirect(request, level=level)
            context = current_context(request)
            if context is None:
                return login_redirect(request, level=level)
            current = context.level(request)
            if current is None or current < level:
                # A mandate capped below the service's level cannot be raised
                # by logging in again; the login page says what is needed.
                return login_redirect(request, level=level)
            request.acting = context
            return view_func(request, *args, **kwargs)

        return wrapper

    return decorator(view) if view is not None else decorator
