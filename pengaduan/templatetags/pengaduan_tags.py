from django import template

from pengaduan.models import Complaint

register = template.Library()
LABELS = dict(Complaint.Status.choices)


@register.filter
def status_label(value: str) -> str:
    return LABELS.get(value, value)
