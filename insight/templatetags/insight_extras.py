from django import template

from insight.figures import display
from insight.privacy import PeopleCount

register = template.Library()


@register.filter
def figure_value(value) -> str:
    """A dashboard value as the page shows it: 1.234 · 12,5 · "< 5" · — for none."""
    return display(value)


@register.filter
def is_number(value) -> bool:
    """Numbers line up on the right of a table column; words stay on the left."""
    return value is None or isinstance(value, int | float | PeopleCount)
