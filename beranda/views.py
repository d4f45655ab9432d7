"""Beranda: the home page. It shows what is open in every module, so it sits above all of them (the top layer,
beside `demo`); the floor (`ruangrunding`) only knows the list of modules."""

from django.db.models import F
from django.shortcuts import render
from django.views.decorators.http import require_safe

from agenda.models import Event
from konsultasi.models import Expert
from pengumuman.models import Announcement
from pustaka.models import Document
from rpjpd.models import Topic
from ruangrunding.caching import cache_for_visitors
from ruangrunding.navigation import menu_entries

OPEN_TOPICS_ON_HOME = 3
NEW_DOCUMENTS_ON_HOME = 3
UPCOMING_EVENTS = 3
ANNOUNCEMENTS_ON_HOME = 3


@require_safe
@cache_for_visitors(query_parameters=set())
def home(request):
    """Everyone: what one can do here (a line per module that exists) and what is open now."""
    modules = menu_entries(request)
    available = {entry.module.namespace for entry in modules}
    context = {"modules": modules}
    # One query per block, whatever the number of rows; a block shows only when its module does.
    if "rpjpd" in available:
        context["open_topics"] = list(
            Topic.objects.accepting_replies()
            .with_activity()
            .select_related("section")
            .order_by(F("closes_at").asc(nulls_last=True), F("last_activity").desc(nulls_last=True), "pk")[
                :OPEN_TOPICS_ON_HOME
            ]
        )
    if "konsultasi" in available:
        context["experts_accepting"] = Expert.objects.filter(accepting_consultations=True).count()
    if "pustaka" in available:
        context["new_documents"] = list(
            Document.objects.published().for_listing().order_by("-created_at", "-pk")[:NEW_DOCUMENTS_ON_HOME]
        )
    if "agenda" in available:
        context["upcoming_events"] = list(Event.objects.published().upcoming().order_by("starts_at")[:UPCOMING_EVENTS])
    if "pengumuman" in available:
        context["announcements"] = Announcement.objects.for_home(limit=ANNOUNCEMENTS_ON_HOME)
    return render(request, "home.html", context)
