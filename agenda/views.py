from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from agenda import services
from agenda.access import (
    get_aspiration_for_moderator,
    get_event_for_selector,
    get_public_event,
    is_selector,
    may_see_meeting_link,
    own_application,
)
from agenda.calendars import public_calendar
from agenda.forms import (
    ApplicantFilterForm,
    ApplicationForm,
    AspirationComplaintForm,
    AspirationForm,
    AspirationUsulanForm,
    AttendanceForm,
    SelectionForm,
)
from agenda.models import Application, Aspiration, Event
from agenda.places import places_for
from agenda.tokens import application_from_token, decline_token
from ruangrunding.caching import cache_for_visitors
from ruangrunding.mail import absolute_url
from ruangrunding.paging import paginate
from ruangrunding.refusals import Refused, refusal_to_form
from wilayah.context_processors import current_region_profile

PAST_SHOWN = 10
APPLICANTS_PER_PAGE = 50
ASPIRATIONS_SHOWN = 50


def aspiration_is_open(event) -> bool:
    opens, closes = services.aspiration_window(event=event)
    return opens <= timezone.now() < closes


FEED_DAYS_BACK = 180


@require_safe
@cache_for_visitors(query_parameters=set())
def index(request):
    """Everyone: upcoming public events, then the latest past ones."""
    now = timezone.now()
    events = Event.objects.published().select_related("kecamatan", "desa")
    context = {
        "upcoming": list(events.upcoming(now)),
        "past": list(events.past(now).order_by("-starts_at")[:PAST_SHOWN]),
    }
    return render(request, "agenda/index.html", context)


@require_safe
@cache_for_visitors(query_parameters=set())
def detail(request, pk, slug):
    """Everyone: one public event; its applicant sees their status, and the selected the meeting link."""
    event = get_public_event(pk)
    if slug != event.slug:
        return redirect(event, permanent=True)
    application = own_application(request, event)
    places = places_for(event) if event.takes_applications else None
    og = {
        "type": "website",
        "title": event.title,
        "description": f"{event.get_kind_display()} · {timezone.localtime(event.starts_at):%d-%m-%Y %H.%M} · "
        + event.summary,
        "url": absolute_url(event.get_absolute_url()),
    }
    aspirations = list(Aspiration.objects.filter(event=event).shown_to(request.user)[:ASPIRATIONS_SHOWN])
    # The minutes (notulen, berita acara) once the event is over: published library documents only.
    minutes = list(event.minutes.published()) if event.ends_at < timezone.now() else []
    context = {
        "event": event,
        "aspirations": aspirations,
        "minutes": minutes,
        "aspiration_form": AspirationForm(),
        "aspirations_open": aspiration_is_open(event),
        "now": timezone.now(),
        "application": application,
        "show_meeting": may_see_meeting_link(application),
        "registration": event.registration_state(),
        "places": places,
        "selector": is_selector(request.user),
        "og": og,
    }
    if context["show_meeting"]:
        context["decline_token"] = decline_token(application)
    return render(request, "agenda/detail.html", context)


@require_safe
def calendar_feed(request):
    """Everyone: the public events as an iCalendar feed to subscribe to (no meeting link, ever)."""
    since = timezone.now() - timedelta(days=FEED_DAYS_BACK)
    events = Event.objects.published().filter(ends_at__gte=since).order_by("starts_at")
    name = _("Agenda %(region)s") % {"region": current_region_profile().name}
    response = HttpResponse(public_calendar(events, name=name), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="agenda.ics"'
    return response


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def apply(request, pk):
    """Signed-in citizens: apply to take part actively, before the deadline, once."""
    event = get_public_event(pk)
    form = ApplicationForm(request.POST or None)
    refusal = services.application_refusal(event=event, citizen=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.application_create(
                event=event,
                citizen=request.user,
                group=form.cleaned_data["group"],
                organisation=form.cleaned_data["organisation"],
                topic=form.cleaned_data["topic"],
                needs=form.cleaned_data["needs"],
                other_needs=form.cleaned_data["other_needs"],
            )
        except Refused as error:
            refusal_to_form(form, error)
        else:
            text = _("Pendaftaran Anda diterima. Hasil seleksi dikirim lewat e-mail ke %(email)s.")
            messages.success(request, text % {"email": request.user.email})
            return redirect(f"{event.get_absolute_url()}#pendaftaran")
    status = 400 if request.method == "POST" and form.errors else 200
    # Shown above the form when the form was not sent; a sent form shows the service's own refusal in it.
    notice = refusal.message if refusal and not form.errors else ""
    context = {"event": event, "form": form, "closed": refusal is not None, "notice": notice}
    return render(request, "agenda/apply.html", context, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def decline(request, token):
    """Whoever holds the link from the selection e-mail: give the place back (one confirmation)."""
    application = application_from_token(token)
    if application is None:
        raise Http404
    event = application.event
    if request.method == "POST":
        try:
            services.application_decline(application=application)
        except Refused as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Anda telah mengundurkan diri. Terima kasih telah memberi tahu kami."))
        return redirect(event.get_absolute_url() if event.is_published else "home")
    return render(request, "agenda/decline.html", {"application": application, "event": event})


@never_cache
@login_required
@require_safe
def staff_index(request):
    """Staff with the selection permission: the events that take applications."""
    if not is_selector(request.user):
        raise Http404
    events = Event.objects.filter(capacity__gt=0).order_by("-starts_at")
    return render(request, "agenda/staff_index.html", {"events": events})


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def staff_selection(request, pk):
    """Staff with the selection permission: the applicants with filters and the places per group; select,
    put on the waiting list or thank them."""
    event = get_event_for_selector(request, pk)
    form = SelectionForm(request.POST or None, event=event)
    if request.method == "POST" and form.is_valid():
        chosen = list(form.cleaned_data["applications"].order_by("created_at", "pk"))
        action = form.cleaned_data["action"]
        if action == "pilih":
            result = services.applications_select(event=event, applications=chosen)
            if result.selected:
                messages.success(
                    request, _("%(n)d peserta terpilih dan dikirimi e-mail.") % {"n": len(result.selected)}
                )
            for application, reason in result.refused:
                name = application.citizen.public_name
                messages.error(
                    request, _("%(name)s tidak dapat dipilih: %(reason)s.") % {"name": name, "reason": reason}
                )
        elif action == "cadangan":
            moved = services.applications_wait(event=event, applications=chosen)
            messages.success(request, _("%(n)d pendaftar masuk daftar tunggu.") % {"n": moved})
        else:
            moved = services.applications_reject(event=event, applications=chosen)
            messages.success(request, _("%(n)d pendaftar diberi tahu bahwa belum terpilih.") % {"n": moved})
        return redirect(request.get_full_path())
    filters = ApplicantFilterForm(request.GET or None)
    applications = Application.objects.filter(event=event).for_selection()
    if filters.is_valid():
        data = filters.cleaned_data
        if data["group"]:
            applications = applications.filter(group=data["group"])
        if data["status"]:
            applications = applications.filter(status=data["status"])
        if data["kecamatan"]:
            applications = applications.filter(kecamatan=data["kecamatan"])
        if data["kebutuhan"]:
            applications = applications.exclude(needs=[], other_needs="")
    places = places_for(event)
    by_kecamatan = Application.objects.filter(event=event).figures_by("kecamatan__name")
    context = {
        "event": event,
        "form": form,
        "attendance_form": AttendanceForm(),
        "by_kecamatan": by_kecamatan,
        "filters": filters,
        "page": paginate(applications, per_page=APPLICANTS_PER_PAGE, requested=request.GET.get("halaman")),
        "places": places,
        "groups": sorted(places.groups.values(), key=lambda g: g.name),
    }
    return render(request, "agenda/staff_selection.html", context, status=400 if form.errors else 200)


@never_cache
@login_required
def attendance(request, pk):
    """Staff with the selection permission, at the registration desk: mark a participant present by code."""
    event = get_event_for_selector(request, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = AttendanceForm(request.POST)
    if form.is_valid():
        try:
            application = services.attendance_mark(event=event, code=form.cleaned_data["code"])
        except Refused as error:
            messages.error(request, error.message)
        else:
            text = _("%(name)s (%(group)s) tercatat hadir.")
            messages.success(request, text % {"name": application.citizen.public_name, "group": application.group})
    else:
        messages.error(request, _("Tuliskan kode pendaftaran peserta."))
    return redirect("agenda:staff_selection", pk=event.pk)


@login_required
@require_POST
def aspiration_create(request, pk):
    """Signed-in users, during and after the event: send an aspiration (shown after moderation)."""
    event = get_public_event(pk)
    form = AspirationForm(request.POST)
    if form.is_valid():
        try:
            services.aspiration_create(event=event, author=request.user, body=form.cleaned_data["body"])
        except Refused as error:
            refusal_to_form(form, error)
        else:
            messages.success(request, _("Aspirasi Anda diterima dan akan tampil setelah diperiksa moderator."))
            return redirect(f"{event.get_absolute_url()}#aspirasi")
    return render(request, "agenda/aspiration.html", {"event": event, "form": form}, status=400)


def _conversion_forms(aspiration, data=None, target=""):
    """The two forms of the conversion page, the one sent bound to what staff typed, the other prefilled."""
    author_desa = aspiration.author.desa
    title = str(aspiration)[:150]
    usulan_initial = {
        "cycle": aspiration.event.cycle_id,
        "desa": author_desa,
        "problem": str(aspiration)[:300],
        "title": title,
        "description": aspiration.body,
    }
    complaint_initial = {"desa": author_desa, "title": title, "description": aspiration.body}
    usulan_form = AspirationUsulanForm(data if target == "usulan" else None, initial=usulan_initial)
    complaint_form = AspirationComplaintForm(data if target == "pengaduan" else None, initial=complaint_initial)
    return usulan_form, complaint_form


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def staff_aspiration(request, pk):
    """Staff who moderate aspirations: turn a shortlisted one into a draft usulan or a complaint (once)."""
    aspiration = get_aspiration_for_moderator(request, pk)
    target = request.POST.get("menjadi", "") if request.method == "POST" else ""
    usulan_form, complaint_form = _conversion_forms(aspiration, request.POST, target)
    if request.method == "POST":
        if refusal := services.conversion_refusal(aspiration=aspiration):
            # A second click (or a stale page): nothing new is made; say what it already became.
            messages.info(request, refusal.message)
            return redirect("agenda:staff_aspiration", pk=aspiration.pk)
        form = usulan_form if target == "usulan" else complaint_form if target == "pengaduan" else None
        if form is None:
            raise Http404
        if form.is_valid():
            data = dict(form.cleaned_data)
            desa = data.pop("desa")
            try:
                if form is usulan_form:
                    made = services.aspiration_to_usulan(
                        aspiration=aspiration, actor=request.user, cycle=data.pop("cycle"), desa=desa, data=data
                    )
                    text = _("Aspirasi menjadi usulan %(code)s.")
                else:
                    made = services.aspiration_to_complaint(
                        aspiration=aspiration, actor=request.user, desa=desa, **data
                    )
                    text = _("Aspirasi menjadi pengaduan %(code)s.")
            except Refused as error:
                refusal_to_form(form, error)
            else:
                messages.success(request, text % {"code": made.code})
                return redirect("agenda:staff_aspiration", pk=aspiration.pk)
    context = {
        "aspiration": aspiration,
        "refusal": services.conversion_refusal(aspiration=aspiration),
        "usulan_form": usulan_form,
        "complaint_form": complaint_form,
    }
    bad = usulan_form.errors or complaint_form.errors
    return render(request, "agenda/staff_aspiration.html", context, status=400 if bad else 200)
