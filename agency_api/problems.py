"""Errors as "problem details" (RFC 9457, application/problem+json).

Every error the API returns has `type`, `title`, `status` and `detail`; input
errors add `errors`, a list of {"field", "code", "message"} so an integrator's
system can point at the field. Messages are Dutch by default and English with
`Accept-Language: en` (Django's LocaleMiddleware). A BSN never appears in a
problem: field errors name the field, never echo the value.
"""

from __future__ import annotations

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import HttpResponse
from django.utils.translation import gettext as _

from portal.problems import problem_response

# Service error codes without a field that still belong to one (identity.bsn).
_FIELD_OF_CODE = {"invalid_bsn": "bsn"}


class ApiProblem(Exception):
    """Raise anywhere in an endpoint to answer with a problem."""

    def __init__(
        self,
        status: int,
        detail: str,
        *,
        code: str = "",
        errors: list[dict] | None = None,
        headers: dict[str, str] | None = None,
    ):
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.code = code
        self.errors = errors or []
        self.headers = headers or {}


def from_problem(problem: ApiProblem) -> HttpResponse:
    return problem_response(
        problem.status,
        problem.detail,
        code=problem.code,
        errors=problem.errors,
        headers=problem.headers,
    )


def field_errors(error: ValidationError, *, prefix: str = "") -> list[dict]:
    """Flatten a Django ValidationError into the `errors` list, keeping codes."""
    if hasattr(error, "error_dict"):
        items = error.error_dict.items()
    else:
        items = [(NON_FIELD_ERRORS, error.error_list)]
    result = []
    for field, errors in items:
        for item in errors:
            message = item.message % item.params if item.params else item.message
            name = field
            if name == NON_FIELD_ERRORS:
                name = _FIELD_OF_CODE.get(item.code or "", "")
            result.append(
                {
                    "field": f"{prefix}{name}" if name else "",
                    "code": item.code or "invalid",
                    "message": str(message),
                }
            )
    return result


def validation_problem(error: ValidationError) -> HttpResponse:
    """A service said no (bad BSN, status after the final one, wrong order...)."""
    errors = field_errors(error)
    detail = errors[0]["message"] if len(errors) == 1 else _("De invoer is niet geldig.")
    code = errors[0]["code"] if len(errors) == 1 else "invalid"
    return problem_response(400, detail, code=code, errors=errors)


def schema_problem(ninja_errors: list[dict]) -> HttpResponse:
    """Pydantic/ninja input errors: location becomes a dotted field name."""
    errors = []
    for item in ninja_errors:
        loc = [str(part) for part in item.get("loc", ()) if part not in ("body", "payload")]
        if loc and loc[0] in ("query", "path", "header", "form", "file"):
            loc = loc[1:]
        message = item.get("msg", "")
        # Our own validators raise ValueError("..."); pydantic prefixes "Value error, ".
        message = message.removeprefix("Value error, ")
        errors.append(
            {"field": ".".join(loc), "code": str(item.get("type", "invalid")), "message": message}
        )
    return problem_response(400, _("De invoer is niet geldig."), code="invalid", errors=errors)
