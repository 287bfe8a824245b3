"""{% notice_lines message as lines %}: the notification states of a message
(messaging.notice_lines)."""

from django import template

from messaging.notice_lines import lines_for

register = template.Library()


@register.simple_tag
def notice_lines(message):
    return lines_for(message)
