from django import template

from broadsheet.feeds.text import one_line

register = template.Library()


@register.filter
def xml_text(value):
    """Text without the characters XML 1.0 cannot hold, on one line."""
    return one_line(str(value))
