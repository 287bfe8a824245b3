"""Access rules for citizen pages.

`citizen_required` lets a view run only for a citizen logged in through DigiD
at (at least) the level the view needs; anyone else goes to the DigiD login,
which sends them back afterwards (step-up when the level is too low).
"""

from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect, resolve_url

from .loa import LevelOfAssurance, session_level


def login_redirect(request, *, level: LevelOfAssurance | None = None):
    params = {"next": request.get_full_path()}
    if level is not None:
        params["niveau"] = level.name.lower()
    return redirect(f"{resolve_url(settings.LOGIN_URL)}?{urlencode(params)}")


def citizen_required(view=None, *, level: LevelOfAssurance = LevelOfAssurance.BASIS):
    def decorator(view_func):
        @wraps(view_func)
        def wrapper(request, *args, **kwargs):
            user = request.user
            if not (user.is_authenticated and user.is_citizen):
                return login_redirect(request, level=level)
            current = session_level(request)
            if current is None or current < level:
                return login_redirect(request, level=level)
            return view_func(request, *args, **kwargs)

        return wrapper

    return decorator(view) if view is not None else decorator
