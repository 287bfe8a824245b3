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
    and link its error message for screen readers."""
    attrs = {
        "class": _CLASSES.get(
            bound_field.widget_type, "utrecht-textbox utrecht-textbox--html-input"
        )
    }
    if bound_field.errors:
        attrs["aria-invalid"] = "true"
        attrs["aria-describedby"] = f"{bound_field.auto_id}-error"
    return bound_field.as_widget(attrs=attrs)
