from django.shortcuts import render
from django.views.decorators.http import require_safe


@require_safe
def index(request):
    """Everyone: the RPJPD consultation's sections (topics arrive with the RPJPD module)."""
    return render(request, "rpjpd/index.html")
