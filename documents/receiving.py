"""Receiving an upload: the one way a view takes a file from a citizen or a client.

Every view that accepts a file uses two things from here (docs/decisions/0029):

- ``@receives_upload`` on the view (or ``limit_upload_size(request)`` where CSRF
  does not apply, as in the token-authenticated API). It puts the streaming size
  cap (documents.upload_handlers) in front of Django's upload handlers *before*
  anything reads the body - the CSRF check reads ``request.POST`` - and only then
  checks CSRF. An oversized file is neither spooled to disk nor read to the end.
- ``receive_upload(request, uploaded, ...)``: too large? -> rate limit -> type by
  content and no active content (documents.validation) -> virus scan
  (documents.scanning). Raises ValidationError with the step's code (too_large,
  rate_limited, the validation codes, virus_found, scanner_unavailable); on any
  failure nothing is kept (the temporary file is closed). Use the returned upload
  as a context manager: leaving it closes the file and deletes the files that a
  rolled-back transaction stored (documents.services.cleanup_uncommitted_files).

``CITIZEN_UPLOADS`` and ``VERIFICATIONS`` are the rate limits; ``RateLimit.check``
counts one attempt where a view counts before its form is validated.
``too_large_error()`` is the message for a file the cap cut off, for views that
show it before they receive; ``ValidatedUpload`` the type a service accepts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from . import ratelimit, services
from .upload_handlers import PerFileSizeLimitUploadHandler, SizeLimitUploadHandler
from .validation import ValidatedUpload, too_large_error

__all__ = [
    "CITIZEN_UPLOADS",
    "VERIFICATIONS",
    "RateLimit",
    "ReceivedUpload",
    "ValidatedUpload",
    "limit_upload_size",
    "receive_upload",
    "receives_upload",
    "too_large_error",
    "upload_too_large",
]


@dataclass(frozen=True)
class RateLimit:
    """At most `setting` attempts per hour, per citizen (`per="user"`) or per
    client address (`per="client"`; a hash, never a BSN: documents.ratelimit)."""

    scope: str
    setting: str
    message: str | Promise
    per: str = "user"
    window_seconds: int = 3600

    def check(self, request) -> None:
        """Count one attempt; ValidationError (code rate_limited) when over the limit."""
        key = str(request.user.pk) if self.per == "user" else ratelimit.client_key(request)
        if not ratelimit.allow(
            scope=self.scope,
            key=key,
            limit=getattr(settings, self.setting),
            window_seconds=self.window_seconds,
        ):
            raise ValidationError(self.message, code="rate_limited")


# One budget for every citizen upload: on a case, with a request, as evidence.
CITIZEN_UPLOADS = RateLimit(
    scope="upload",
    setting="DOCUMENT_UPLOADS_PER_HOUR",
    message=_("U hebt het afgelopen uur veel bestanden gestuurd. Probeer het later opnieuw."),
)
VERIFICATIONS = RateLimit(
    scope="verify",
    setting="DOCUMENT_VERIFICATIONS_PER_HOUR",
    message=_("U hebt veel documenten gecontroleerd. Probeer het later opnieuw."),
    per="client",
)


def limit_upload_size(request, *, file_inputs: int | None = None) -> None:
    """Install the streaming size cap; call before anything reads the body.

    Without `file_inputs` one file passing the limit stops the whole request
    (`request.upload_too_large`). With `file_inputs` (a form where files sit among
    other answers) such a file is skipped and named in `request.too_large_files`,
    and the other answers still arrive; 0 file inputs installs nothing.
    """
    if hasattr(request, "_files"):
        # Too late: Django has parsed the body with its own handlers already.
        raise RuntimeError("The upload size limit must be installed before the body is read.")
    if file_inputs is None:
        request.upload_handlers.insert(0, SizeLimitUploadHandler(request))
    elif file_inputs:
        request.upload_handlers.insert(
            0, PerFileSizeLimitUploadHandler(request, file_inputs=file_inputs)
        )


def receives_upload(view=None, *, file_inputs: int | None = None):
    """View decorator: the size cap is installed, then CSRF is checked, then the view runs.

    Put it beneath access decorators such as `citizen_required`: they keep its CSRF
    exemption (functools.wraps copies it) and still run first, so a visitor who is
    not logged in is sent to log in before anything else.
    """

    def decorator(view_func):
        protected = csrf_protect(view_func)

        @wraps(view_func)
        def wrapper(request, *args, **kwargs):
            limit_upload_size(request, file_inputs=file_inputs)
            return protected(request, *args, **kwargs)

        # Django's CSRF middleware would read request.POST before the cap is in
        # place; csrf_protect above checks it afterwards instead.
        return csrf_exempt(wrapper)

    return decorator(view) if view is not None else decorator


def upload_too_large(request, field: str | None = None) -> bool:
    """Whether the size cap cut off this request's file or, with `field` (the
    per-file cap), that field's file. Reads the body if nothing has yet: the cap
    reports while it is parsed."""
    request.FILES  # noqa: B018 (parses the body)
    if field is not None:
        return field in getattr(request, "too_large_files", ())
    return getattr(request, "upload_too_large", False)


class ReceivedUpload(ValidatedUpload):
    """A validated, scanned upload. As a context manager: on leaving, the temporary
    file is closed and files of a rolled-back transaction are deleted."""

    def __enter__(self) -> ReceivedUpload:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()
        services.cleanup_uncommitted_files()


def receive_upload(
    request,
    uploaded,
    *,
    field: str | None = None,
    rate_limit: RateLimit | None = None,
    before_scan: Callable[[ValidatedUpload], None] | None = None,
) -> ReceivedUpload:
    """Too large -> rate limit -> type and content -> (`before_scan`) -> virus scan.

    `uploaded` is the file Django received (request.FILES[...]); `field` its name
    when the per-file cap is installed. `before_scan` runs the caller's own cheap
    checks on the validated file before the (slow) scan. Raises ValidationError;
    nothing is kept then.
    """
    if upload_too_large(request, field):
        raise too_large_error()
    if uploaded is None:
        raise ValueError("receive_upload needs the uploaded file.")
    if rate_limit is not None:
        rate_limit.check(request)
    upload = services.check_upload(
        chunks=uploaded.chunks(), filename=uploaded.name or "", before_scan=before_scan
    )
    return ReceivedUpload(**vars(upload))
