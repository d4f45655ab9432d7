from django.shortcuts import render
from django.views.decorators.http import require_safe

from konsultasi.models import Expert


@require_safe
def index(request):
    """Everyone: the experts citizens can consult."""
    return render(request, "konsultasi/index.html", {"experts": Expert.objects.listed()})
