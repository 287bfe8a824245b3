from django import template

register = template.Library()

_CLASSES = {
    "checkbox": "utrecht-checkbox utrecht-checkbox--html-input",
    "radio": "utrecht-radio-button utrecht-radio-button--html-input",
    "select": "utrecht-select utrecht-select--html-select",
    "textarea": "utrecht-textarea utrecht-textarea--html-textarea",
}


@register.filter
def utrecht_widget(bound_field):
    """Render a form field's widget with the NL Design System class for its type,
    and link its help text and error message for screen readers.

    Django describes a field by "<id>_helptext" and "<id>_error" by itself; our
    templates give those elements their own ids, so we name them here and Django
    keeps ours (an aria-describedby to a missing id is read as nothing, WCAG 1.3.1)."""
    attrs = {
        "class": _CLASSES.get(
            bound_field.widget_type, "utrecht-textbox utrecht-textbox--html-input"
        )
    }
    described_by = []
    if bound_field.help_text:
        described_by.append(f"{bound_field.auto_id}-help")
    if bound_field.errors:
        attrs["aria-invalid"] = "true"
        described_by.append(f"{bound_field.auto_id}-error")
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    return bound_field.as_widget(attrs=attrs)
