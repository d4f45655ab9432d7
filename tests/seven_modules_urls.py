"""The portal's URLconf plus a stand-in front page for each module of the second wave (Musrenbang, Pengaduan,
Agenda, Pengumuman): how the menu and the home page look and behave once all seven modules exist. Used with
override_settings(ROOT_URLCONF="tests.seven_modules_urls")."""

from django.http import HttpResponse
from django.template import engines
from django.urls import include, path

from ruangrunding import urls as portal

SECOND_WAVE = ("musrenbang", "pengaduan", "agenda", "pengumuman")
PAGE = (
    '{% extends "base.html" %}{% block title %}{{ name }}{% endblock %}'
    "{% block content %}<h1>{{ name }}</h1>{% endblock %}"
)


def stand_in(request):
    """Everyone: a module's front page, standing in for the app a later issue adds."""
    page = engines["django"].from_string(PAGE)
    return HttpResponse(page.render({"name": request.resolver_match.namespace.title()}, request))


urlpatterns = [
    *portal.urlpatterns,
    *(path(f"{name}/", include(([path("", stand_in, name="index")], name))) for name in SECOND_WAVE),
]
handler429 = portal.handler429
handler500 = portal.handler500
