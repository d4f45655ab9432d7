import secrets

from allauth.account.adapter import get_adapter
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.models import Role
from accounts.roles import scope_for
from pengaduan import forms, report, services
from pengaduan.access import (
    complaint_roles,
    get_complaint_by_secret,
    get_complaint_for_staff,
    get_published_complaint,
    require_complaint_roles,
    visible_complaints,
)
from pengaduan.clocks import clocks_of
from pengaduan.models import Attachment, CannedResponse, Complaint, queue_condition
from ruangrunding.caching import cache_for_visitors
from ruangrunding.paging import paginate
from ruangrunding.refusals import refusal_to_form
from ruangrunding.storage import private_file_response
from wilayah.models import Kecamatan, RegionProfile

PER_PAGE = 20
LIST_FIELDS = ("category", "kecamatan", "desa")


def _with_clocks(complaints, now=None):
    now = now or timezone.now()
    for complaint in complaints:
        complaint.clocks = clocks_of(complaint, now)
    return complaints


@require_safe
@cache_for_visitors(query_parameters={"kecamatan", "halaman"})
def index(request):
    """Everyone: the published complaints (verified, never "rahasia") with their status and clocks."""
    complaints = Complaint.objects.published().select_related(*LIST_FIELDS)
    kecamatan = None
    if (chosen := request.GET.get("kecamatan", "")).isdigit():
        kecamatan = Kecamatan.objects.filter(pk=chosen).first()
        if kecamatan is not None:
            complaints = complaints.filter(kecamatan=kecamatan)
    page = paginate(complaints.order_by("-received_at", "-pk"), per_page=PER_PAGE, requested=request.GET.get("halaman"))
    _with_clocks(page.object_list)
    context = {
        "page": page,
        "kecamatan": kecamatan,
        "kecamatan_list": Kecamatan.objects.active(),
        "query": f"kecamatan={kecamatan.pk}&" if kecamatan else "",
    }
    return render(request, "pengaduan/index.html", context)


@require_safe
@cache_for_visitors(query_parameters=set())
def detail(request, code):
    """Everyone: a published complaint, without its reporter when "anonim"."""
    complaint = get_published_complaint(code)
    context = {
        "complaint": complaint,
        "clocks": clocks_of(complaint),
        "history": complaint.status_changes.filter(public=True),
        "dispositions": complaint.dispositions.select_related("agency"),
        "public": True,
    }
    return render(request, "pengaduan/detail.html", context)


def _client_key(request) -> str:
    return "pengaduan-tamu:" + get_adapter().get_client_ip(request)


def _guest_over_limit(request) -> bool:
    """Filing without an account: at most PENGADUAN_GUEST_PER_HOUR per address an hour."""
    key = _client_key(request)
    cache.add(key, 0, timeout=3600)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=3600)
        count = 1
    return count > settings.PENGADUAN_GUEST_PER_HOUR


@require_http_methods(["GET", "POST"])
def create(request):
    """Everyone: file a complaint — signed in in a few taps; without an account with a name and an e-mail."""
    mode = "citizen" if request.user.is_authenticated else "guest"
    initial = {}
    if request.user.is_authenticated:
        initial = {"kecamatan": request.user.kecamatan_id, "desa": request.user.desa_id}
    form = forms.ComplaintForm(request.POST or None, request.FILES or None, mode=mode, initial=initial)
    if request.method == "POST":
        if mode == "guest" and form.is_spam:
            # The trap was filled: answer as if it worked, keep nothing.
            return render(request, "pengaduan/sent.html", {"email": request.POST.get("reporter_email", "")})
        if mode == "guest" and _guest_over_limit(request):
            form = forms.ComplaintForm(request.POST, mode=mode)  # the typed text stays; files are never read
            form.add_error(None, _("Terlalu banyak pengaduan dari alamat ini dalam satu jam. Coba lagi nanti."))
            return render(request, "pengaduan/create.html", {"form": form}, status=429)
        if form.is_valid():
            data = form.cleaned_data
            try:
                complaint = services.complaint_file(
                    **form.complaint_fields(),
                    reporter=request.user if mode == "citizen" else None,
                    reporter_name=data.get("reporter_name", ""),
                    reporter_email=data.get("reporter_email", ""),
                    attachments=data["attachments"],
                )
            except services.ComplaintRefused as refusal:
                refusal_to_form(form, refusal)
            else:
                if mode == "guest":
                    return render(request, "pengaduan/sent.html", {"email": complaint.reporter_email})
                messages.success(
                    request,
                    _("Pengaduan Anda diterima dengan kode %(code)s. Simpan alamat halaman ini untuk mengikutinya.")
                    % {"code": complaint.code},
                )
                return redirect(complaint.tracking_url())
    status = 400 if form.errors else 200
    return render(request, "pengaduan/create.html", {"form": form}, status=status)


@require_http_methods(["GET", "POST"])
def confirm(request, code, token):
    """Whoever holds the link from the confirmation e-mail: confirm it (a button, so mail scanners that open
    links do not confirm on their own)."""
    complaint = get_object_or_404(Complaint.objects.exclude(confirm_token=""), code=code)
    if not secrets.compare_digest(complaint.confirm_token, token):
        raise Http404
    if complaint.status != Complaint.Status.UNCONFIRMED and request.method == "GET":
        return render(request, "pengaduan/confirm.html", {"complaint": complaint, "done": True})
    if request.method == "POST":
        try:
            services.complaint_confirm(complaint=complaint, token=token)
        except services.ComplaintRefused:
            raise Http404 from None
        messages.success(request, _("Terima kasih, pengaduan Anda sudah diterima dan mulai ditangani."))
        return redirect(complaint.tracking_url())
    return render(request, "pengaduan/confirm.html", {"complaint": complaint, "done": False})


@never_cache
@require_http_methods(["GET", "POST"])
def track(request, code, secret):
    """Whoever holds the link (code + secret): the status page, with both clocks and no personal data; the
    reporter answers a handler's question here."""
    complaint = get_complaint_by_secret(code, secret)
    step = request.POST.get("langkah", "")
    form = forms.ReplyForm(request.POST if step == "jawab" else None)
    contest_form = forms.ContestForm(request.POST if step == "keberatan" else None)
    if request.method == "POST":
        try:
            if step == "jawab" and complaint.paused_at is not None and form.is_valid():
                services.complaint_resume(complaint=complaint, reply=form.cleaned_data["reply"], actor=None)
                messages.success(request, _("Jawaban Anda terkirim; penanganan dilanjutkan."))
                return redirect(complaint.tracking_url())
            if step == "terima" and complaint.status == Complaint.Status.ANSWERED:
                services.complaint_accept(complaint=complaint)
                messages.success(request, _("Terima kasih; pengaduan ini selesai."))
                return redirect(complaint.tracking_url())
            if step == "keberatan" and contest_form.is_valid():
                services.complaint_contest(complaint=complaint, reason=contest_form.cleaned_data["reason"])
                messages.success(request, _("Keberatan Anda diterima; pengaduan ditangani kembali."))
                return redirect(complaint.tracking_url())
        except services.ComplaintRefused as refusal:
            refusal_to_form(contest_form if step == "keberatan" else form, refusal)
        if not (form.errors or contest_form.errors):
            messages.info(request, _("Langkah ini tidak berlaku untuk pengaduan ini sekarang."))
            return redirect(complaint.tracking_url())
    context = {
        "complaint": complaint,
        "clocks": clocks_of(complaint),
        "history": complaint.status_changes.filter(public=True),
        "dispositions": complaint.dispositions.select_related("agency"),
        "attachments": complaint.attachments.all(),
        "pause": complaint.pauses.filter(ended_at__isnull=True).first() if complaint.paused_at else None,
        "reply_form": form,
        "contest_form": contest_form,
        "can_contest": complaint.status == Complaint.Status.ANSWERED
        and complaint.contest_until is not None
        and timezone.now() <= complaint.contest_until,
        "secret": secret,
    }
    status = 400 if form.errors or contest_form.errors else 200
    return render(request, "pengaduan/track.html", context, status=status)


@require_safe
def attachment(request, code, pk):
    """The reporter (by the status page's secret, ?kunci=) and the staff who see the complaint: one attachment."""
    complaint = Complaint.objects.filter(code=code).first()
    if complaint is None:
        raise Http404
    secret = request.GET.get("kunci", "")
    allowed = bool(secret) and secrets.compare_digest(secret, complaint.secret)
    if not allowed and request.user.is_authenticated:
        allowed = complaint.reporter_id == request.user.pk
        if not allowed:
            try:
                get_complaint_for_staff(request, code)
                allowed = True
            except Http404:
                allowed = False
    if not allowed:
        raise Http404
    item = get_object_or_404(Attachment, complaint=complaint, pk=pk)
    return private_file_response(item.file, filename=item.name, content_type=item.content_type, inline=True)


@never_cache
@login_required
@require_safe
def mine(request):
    """Signed-in users: the complaints they filed, with their clocks and status-page links."""
    complaints = request.user.complaints.select_related(*LIST_FIELDS).order_by("-created_at")
    page = paginate(complaints, per_page=PER_PAGE, requested=request.GET.get("halaman"))
    _with_clocks(page.object_list)
    return render(request, "pengaduan/mine.html", {"page": page})


# --- Staff


@never_cache
@login_required
@require_safe
def queue(request):
    """Complaint handlers and agency liaisons: what they may see, the nearest deadline first, overdue counted."""
    roles = require_complaint_roles(request.user)
    visible = visible_complaints(request.user, roles)
    filters = forms.QueueFilterForm(request.GET or None)
    chosen = filters.cleaned_data if filters.is_valid() else {}
    now = timezone.now()
    listed = queue_condition(status=chosen.get("status", ""), only_overdue=bool(chosen.get("terlambat")), now=now)
    counts = visible.queue_counts(listed, now)  # the list's length and the overdue figures, in one query
    complaints = visible.for_queue().filter(listed).select_related(*LIST_FIELDS, "agency")
    page = paginate(complaints, per_page=PER_PAGE, requested=request.GET.get("halaman"), count=counts["listed"])
    _with_clocks(page.object_list, now)
    kept = request.GET.copy()
    kept.pop("halaman", None)
    context = {
        "page": page,
        "filters": filters,
        "counts": counts,
        "handler": not roles.handler.empty,
        "query": f"{kept.urlencode()}&" if kept else "",
    }
    return render(request, "pengaduan/queue.html", context)


ACTIONS = {
    # action → (form class, who may take it: "handler" of the routed agency, or "answer" for a disposition)
    "verifikasi": (forms.NoteForm, "handler"),
    "disposisi": (forms.DisposeForm, "handler"),
    "jawab": (forms.ResponseForm, "handler"),
    "tindak-lanjut": (forms.DispositionAnswerForm, "answer"),
    "selesai": (forms.NoteForm, "handler"),
    "alihkan": (forms.RedirectForm, "handler"),
    "duplikat": (forms.DuplicateForm, "handler"),
    "tolak": (forms.RejectForm, "handler"),
    "tunda": (forms.PauseForm, "handler"),
    "lanjutkan": (forms.NoteForm, "handler"),
    "catatan": (forms.RequiredNoteForm, "any"),
}


def _canned(complaint):
    return CannedResponse.objects.filter(active=True).filter(
        Q(category__isnull=True) | Q(category_id=complaint.category_id)
    )


def _action_forms(complaint, roles, request_data=None, bound=None, canned=None):
    handles = roles.handles(complaint)
    answerable = roles.answerable(complaint)
    available = {}
    moves = Complaint.MOVES.get(complaint.status, set())
    paused = complaint.paused_at is not None
    show = {
        "verifikasi": handles and Complaint.Status.VERIFIED in moves,
        "disposisi": handles and Complaint.Status.DISPOSED in moves and not paused,
        "jawab": handles and complaint.status == Complaint.Status.VERIFIED and not paused,
        "tindak-lanjut": complaint.status == Complaint.Status.DISPOSED and not paused and answerable.exists(),
        "selesai": handles and Complaint.Status.DONE in moves,
        "alihkan": handles and Complaint.Status.REDIRECTED in moves,
        "duplikat": handles and Complaint.Status.DUPLICATE in moves,
        "tolak": handles and Complaint.Status.REJECTED in moves,
        "tunda": handles and not complaint.is_closed and not paused,
        "lanjutkan": handles and paused,
        "catatan": True,
    }
    for name, (form_class, _who) in ACTIONS.items():
        if not show[name]:
            continue
        kwargs = {"dispositions": answerable} if name == "tindak-lanjut" else {}
        if bound == name:
            available[name] = form_class(request_data, prefix=name, **kwargs)
        else:
            # A canned response chosen on the page (?templat=) starts the answer fields.
            initial = {"response": canned.text, "answer": canned.text} if canned else None
            available[name] = form_class(prefix=name, initial=initial, **kwargs)
    return available


def _manage_context(complaint, roles, action_forms):
    return {
        "complaint": complaint,
        "clocks": clocks_of(complaint),
        "history": complaint.status_changes.select_related("actor"),
        "dispositions": complaint.dispositions.select_related("agency", "answered_by"),
        "attachments": complaint.attachments.all(),
        "pauses": complaint.pauses.all(),
        "forms": action_forms,
        "handles": roles.handles(complaint),
        "canned": _canned(complaint),
    }


@never_cache
@login_required
@require_safe
def manage(request, code):
    """Complaint handlers and agency liaisons who see it: the whole complaint, its history and their actions."""
    complaint, roles = get_complaint_for_staff(request, code)
    chosen = request.GET.get("templat", "")
    canned = _canned(complaint).filter(pk=chosen).first() if chosen.isdigit() else None
    action_forms = _action_forms(complaint, roles, canned=canned)
    return render(request, "pengaduan/manage.html", _manage_context(complaint, roles, action_forms))


@login_required
@require_POST
def act(request, code, action):
    """Complaint handlers (and, for "tindak-lanjut", the liaisons of the agency it went to): one step."""
    complaint, roles = get_complaint_for_staff(request, code)
    action_forms = _action_forms(complaint, roles, request.POST, bound=action)
    form = action_forms.get(action)
    if form is None:
        if action not in ACTIONS:
            raise Http404
        messages.error(request, _("Langkah ini tidak dapat dilakukan pada pengaduan ini sekarang."))
        return redirect(complaint.manage_url())
    if form.is_valid():
        try:
            _run(action, complaint, request.user, form.cleaned_data)
        except services.ComplaintRefused as refusal:
            refusal_to_form(form, refusal)
        else:
            messages.success(request, _("Tersimpan."))
            return redirect(complaint.manage_url())
    context = _manage_context(complaint, roles, action_forms)
    context["failed"] = action
    return render(request, "pengaduan/manage.html", context, status=400)


def _run(action, complaint, actor, data):
    if action == "verifikasi":
        services.complaint_verify(complaint=complaint, actor=actor, note=data["note"])
    elif action == "disposisi":
        services.complaint_dispose(
            complaint=complaint, actor=actor, agencies=data["agencies"], instruction=data["instruction"]
        )
    elif action == "jawab":
        services.complaint_answer(complaint=complaint, actor=actor, response=data["response"])
    elif action == "tindak-lanjut":
        services.disposition_answer(disposition=data["disposition"], actor=actor, answer=data["answer"])
    elif action == "selesai":
        services.complaint_close(complaint=complaint, actor=actor, note=data["note"])
    elif action == "alihkan":
        services.complaint_redirect(complaint=complaint, actor=actor, to_whom=data["to_whom"], note=data["note"])
    elif action == "duplikat":
        services.complaint_mark_duplicate(complaint=complaint, actor=actor, original=data["original"])
    elif action == "tolak":
        services.complaint_reject(complaint=complaint, actor=actor, reason=data["reason"])
    elif action == "tunda":
        services.complaint_pause(complaint=complaint, actor=actor, question=data["question"])
    elif action == "lanjutkan":
        services.complaint_resume(complaint=complaint, actor=actor)
    elif action == "catatan":
        services.complaint_note(complaint=complaint, actor=actor, note=data["note"])


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def record(request):
    """Complaint handlers: record a complaint received by phone, WhatsApp, SMS, letter or at the counter."""
    roles = require_complaint_roles(request.user)
    if roles.handler.empty:
        raise Http404
    form = forms.ComplaintForm(request.POST or None, request.FILES or None, mode="staff")
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            complaint = services.complaint_file(
                **form.complaint_fields(),
                reporter_name=data["reporter_name"],
                reporter_email=data["reporter_email"],
                reporter_phone=data["reporter_phone"],
                channel=data["channel"],
                recorded_by=request.user,
                attachments=data["attachments"],
            )
        except services.ComplaintRefused as refusal:
            refusal_to_form(form, refusal)
        else:
            messages.success(request, _("Pengaduan dicatat dengan kode %(code)s.") % {"code": complaint.code})
            return redirect(complaint.manage_url())
    return render(request, "pengaduan/record.html", {"form": form}, status=400 if form.errors else 200)


XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@never_cache
@login_required
@require_safe
def report_view(request):
    """Complaint handlers and agency liaisons (over what they may see) and Bappeda (all): the report for the head
    of the agency."""
    roles = complaint_roles(request.user)
    if roles.empty:
        # The head of the agency reads the report without handling anything: Bappeda, over the whole region.
        if not scope_for(request.user, Role.BAPPEDA).whole_region:
            raise Http404
        visible = Complaint.objects.in_handling()
    else:
        visible = visible_complaints(request.user, roles)
    today = timezone.localdate()
    initial = {"start": today.replace(month=1, day=1), "end": today}
    form = forms.ReportForm(request.GET or None, initial=initial)
    if form.is_bound and not form.is_valid():
        return render(request, "pengaduan/report.html", {"form": form}, status=400)
    data = form.cleaned_data if form.is_bound else {**initial, "agency": None}
    complaints = report.in_period(visible, start=data["start"], end=data["end"], agency=data["agency"])
    built = report.build(complaints, start=data["start"], end=data["end"])
    title = _("Laporan pengaduan %(region)s") % {"region": RegionProfile.objects.current().name}
    if data["agency"]:
        title += f" — {data['agency']}"
    if request.GET.get("format") == "xlsx":
        response = HttpResponse(report.workbook(built, title=title), content_type=XLSX_TYPE)
        filename = f"laporan-pengaduan-{data['start']:%Y%m%d}-{data['end']:%Y%m%d}.xlsx"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    query = request.GET.copy()
    query["format"] = "xlsx"
    context = {"form": form, "report": built, "title": title, "xlsx_query": query.urlencode()}
    return render(request, "pengaduan/report.html", context)
