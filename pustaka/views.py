from django.shortcuts import render
from django.views.decorators.http import require_safe


@require_safe
def index(request):
    """Everyone: the public library's front page (documents arrive with the Pustaka module)."""
    return render(request, "pustaka/index.html")
