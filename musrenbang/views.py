from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.models import Role
from accounts.roles import scope_for
from musrenbang import imports, services, tasks
from musrenbang.access import (
    get_import_for_user,
    get_usulan_for_decider,
    get_window_for_bappeda,
    require_decider_scope,
    require_import_scope,
    sipd_allowed,
    usulan_for_sipd,
)
from musrenbang.exports import sipd_response, xlsx_response
from musrenbang.forms import DecisionForm, ImportUploadForm, RecordForm, ReopenForm, UsulanFilter, UsulanForm
from musrenbang.funnel import funnel_counts, funnel_of
from musrenbang.models import Cycle, Follow, Origin, Stage, StageWindow, Usulan, UsulanImport
from ruangrunding.caching import cache_for_visitors
from ruangrunding.paging import paginate
from ruangrunding.refusals import refusal_to_form

PER_PAGE = 20
LIST_FILTERS = set(UsulanFilter.base_filters)


@require_safe
@cache_for_visitors(query_parameters={*LIST_FILTERS, "halaman"})
def index(request):
    """Everyone: every usulan, filtered by year, place, field, stage, status, agency and who benefits."""
    usulan_filter, usulan = filtered(request)
    counts = funnel_counts(usulan)  # its "proposed" is the list's length: no second COUNT for the pager
    page = paginate(usulan, per_page=PER_PAGE, requested=request.GET.get("halaman"), count=counts["proposed"])
    query = request.GET.copy()
    query.pop("halaman", None)
    context = {
        "filter": usulan_filter,
        "page": page,
        "query": query.urlencode(),
        "open_cycle": open_cycle(),
        "funnel": funnel_of(counts),
        # One query, for signed-in people only: Bappeda and agency verifiers also get the SIPD-shaped download.
        "sipd_allowed": request.user.is_authenticated
        and sipd_allowed(scope_for(request.user, Role.AGENCY_VERIFIER, Role.BAPPEDA)),
    }
    return render(request, "musrenbang/index.html", context)


def filtered(request):
    usulan_filter = UsulanFilter(request.GET or None, queryset=Usulan.objects.for_list())
    return usulan_filter, (usulan_filter.qs if usulan_filter.is_bound else Usulan.objects.for_list())


@require_safe
def download(request):
    """Everyone: the filtered list as an XLSX file."""
    _filter, usulan = filtered(request)
    return xlsx_response(usulan.with_planning())


@never_cache
@require_safe
def sipd_download(request):
    """Bappeda (every usulan) and agency verifiers (their agency's): the filtered list shaped for SIPD entry."""
    _filter, usulan = filtered(request)
    usulan = usulan_for_sipd(request, usulan.with_planning().select_related("proposer"))
    return sipd_response(usulan)


def open_cycle() -> Cycle | None:
    """The cycle taking citizens' proposals today (its Musyawarah RT/RW window is open)."""
    window = (
        StageWindow.objects.open_on(timezone.localdate())
        .filter(stage=Stage.RT_RW)
        .select_related("cycle")
        .order_by("cycle__year")
        .first()
    )
    return window.cycle if window else None


@require_safe
@cache_for_visitors(query_parameters=set())
def detail(request, code):
    """Everyone: one usulan with its public timeline, merged usulan linked both ways, and "Ikuti"."""
    usulan = get_object_or_404(Usulan.objects.for_page(), code=code)
    timeline = usulan.status_changes.filter(public=True).select_related(
        "merged_into", "agency", "minutes_document", "activity"
    )
    following = request.user.is_authenticated and Follow.objects.filter(usulan=usulan, user=request.user).exists()
    return render(
        request,
        "musrenbang/detail.html",
        {"usulan": usulan, "timeline": timeline, "following": following, "stages": Stage.choices},
    )


@login_required
@require_http_methods(["GET", "POST"])
def create(request):
    """Signed-in citizens: propose an usulan for their desa (from their profile) while proposals are open."""
    cycle = open_cycle()
    desa = request.user.desa
    form = UsulanForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and cycle and desa and form.is_valid():
        try:
            usulan = services.usulan_create(
                cycle=cycle, desa=desa, data=form.cleaned_data, proposer=request.user, origin=Origin.CITIZEN
            )
        except services.UsulanRefused as refusal:
            refusal_to_form(form, refusal)
        else:
            messages.success(
                request,
                _("Usulan Anda tercatat dengan kode %(code)s. Anda akan menerima e-mail setiap ada keputusan.")
                % {"code": usulan.code},
            )
            return redirect(usulan)
    context = {
        "form": form,
        "cycle": cycle,
        "desa": desa,
        **files_to_choose_again(form, request),
    }
    return render(request, "musrenbang/create.html", context, status=400 if form.errors else 200)


@never_cache
@require_http_methods(["GET", "POST"])
def record(request):
    """Operators desa (for their desa) and Bappeda: record an usulan raised at a meeting, by the proposer's name."""
    scope = require_decider_scope(request)
    if not (scope.whole_region or scope.desa_ids):
        raise Http404
    form = RecordForm(request.POST or None, request.FILES or None, scope=scope)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        cycle, desa, origin = data.pop("cycle"), data.pop("desa"), data.pop("origin")
        proposer_name = data.pop("proposer_name")
        try:
            usulan = services.usulan_create(
                cycle=cycle, desa=desa, data=data, proposer_name=proposer_name, recorded_by=request.user, origin=origin
            )
        except services.UsulanRefused as refusal:
            refusal_to_form(form, refusal)
        else:
            messages.success(request, _("Usulan tercatat dengan kode %(code)s.") % {"code": usulan.code})
            return redirect("musrenbang:worklist")
    context = {"form": form, **files_to_choose_again(form, request)}
    return render(request, "musrenbang/record.html", context, status=400 if form.errors else 200)


def files_to_choose_again(form, request) -> dict:
    """After a refusal the browser shows the file fields empty: which ones held files the person must choose again."""
    return {
        "choose_photos_again": bool(form.errors and request.FILES.get("photos")),
        "choose_documents_again": bool(form.errors and request.FILES.get("documents")),
    }


@login_required
@require_POST
def follow(request, code):
    """Signed-in users: follow an usulan (e-mail on every decision), or stop following it."""
    usulan = get_object_or_404(Usulan, code=code)
    if services.usulan_follow(usulan=usulan, user=request.user):
        messages.success(request, _("Anda mengikuti usulan ini: setiap keputusan dikirim ke e-mail Anda."))
    else:
        messages.success(request, _("Anda tidak lagi mengikuti usulan ini."))
    return redirect(usulan)


@never_cache
@require_safe
def worklist(request):
    """Operators desa/kecamatan, agency verifiers, Bappeda: the usulan waiting for their decision."""
    scope = require_decider_scope(request)
    usulan = Usulan.objects.for_list().in_scope(scope).awaiting_decision().exclude(stage=Stage.RKPD)
    stage = request.GET.get("tahap", "")
    if stage in Stage.values:
        usulan = usulan.filter(stage=stage)
    ordered = usulan.order_by("stage", "desa__name", "priority", "sequence")
    page = paginate(ordered, per_page=PER_PAGE, requested=request.GET.get("halaman"))
    windows = StageWindow.objects.select_related("cycle").order_by("-cycle__year", "starts_on")
    context = {
        "page": page,
        "scope": scope,
        "stages": Stage.choices[:-1],
        "stage": stage,
        "windows": windows if scope.whole_region else None,
        "sipd_allowed": sipd_allowed(scope),
        "today": timezone.localdate(),
    }
    return render(request, "musrenbang/worklist.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
def decide(request, code):
    """Whoever is in charge of the usulan's current stage for its unit (404 for anyone else)."""
    access = get_usulan_for_decider(request, code)
    usulan = access.usulan
    last = usulan.status_changes.order_by("-at", "-pk").values_list("pk", flat=True).first()
    form = DecisionForm(request.POST or None, request.FILES or None, usulan=usulan, initial={"seen_change": last})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.usulan_decide(
                usulan=usulan,
                actor=request.user,
                decision=data["decision"],
                reason=data["reason"],
                seen_change=data["seen_change"],
                agency=data["agency"],
                merged_into=data["merged_into"],
                redirect_target=data["redirect_target"],
                priority=data.get("priority"),
                minutes=data["minutes"],
                minutes_document=data["minutes_document"],
                activity=data.get("activity"),
            )
        except services.UsulanRefused as refusal:
            refusal_to_form(form, refusal)
        else:
            messages.success(
                request, _("Keputusan untuk %(code)s tersimpan dan tampil di riwayat usulan.") % {"code": code}
            )
            return redirect("musrenbang:worklist")
    window = StageWindow.objects.filter(cycle_id=usulan.cycle_id, stage=usulan.stage).first()
    timeline = usulan.status_changes.select_related("merged_into", "agency", "minutes_document", "activity")
    context = {
        "usulan": usulan,
        "form": form,
        "decider": access.decider,
        "window": window,
        "timeline": timeline,
        # A browser never refills a file field: after an error, say the PDF has to be chosen again.
        "choose_minutes_again": bool(form.errors and request.FILES.get("minutes")),
    }
    return render(request, "musrenbang/decide.html", context, status=400 if form.errors else 200)


@never_cache
@require_http_methods(["GET", "POST"])
def window_reopen(request, pk):
    """Bappeda only: reopen or extend a stage's window, with the reason kept."""
    window = get_window_for_bappeda(request, pk)
    form = ReopenForm(request.POST or None, initial={"ends_on": max(window.ends_on, timezone.localdate())})
    if request.method == "POST" and form.is_valid():
        try:
            services.window_reopen(
                window=window,
                actor=request.user,
                ends_on=form.cleaned_data["ends_on"],
                reason=form.cleaned_data["reason"],
            )
        except services.UsulanRefused as refusal:
            refusal_to_form(form, refusal)
        else:
            messages.success(
                request,
                _("Jadwal %(window)s kini dibuka sampai %(date)s.")
                % {"window": window, "date": date_format(window.ends_on, "j F Y")},
            )
            return redirect("musrenbang:worklist")
    reopenings = window.reopenings.all()
    context = {"window": window, "form": form, "reopenings": reopenings}
    return render(request, "musrenbang/reopen.html", context, status=400 if form.errors else 200)


# --- Importing a desa's recap (XLSX)

RECENT_IMPORTS = 10


def _import_initial(request, scope) -> dict:
    """The form's first choices: a desa and year asked for in the address ("Unggah lagi" keeps them), else the
    operator's only desa and the year whose Musrenbang Desa is open."""
    initial = {"desa": request.GET.get("desa"), "cycle": request.GET.get("tahun")}
    if not initial["desa"] and len(scope.desa_ids) == 1 and not scope.whole_region:
        initial["desa"] = next(iter(scope.desa_ids))
    if not initial["cycle"]:
        window = StageWindow.objects.open_on(timezone.localdate()).filter(stage=Stage.DESA).order_by("cycle__year")
        initial["cycle"] = window.values_list("cycle_id", flat=True).first()
    return initial


@never_cache
@require_http_methods(["GET", "POST"])
def import_upload(request):
    """Operators desa (their desa) and Bappeda: upload a desa's Musrenbang recap; it is checked first."""
    scope = require_import_scope(request)
    form = ImportUploadForm(
        request.POST or None,
        request.FILES or None,
        scope=scope,
        check=imports.upload_rows,
        initial=_import_initial(request, scope),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        batch = services.usulan_import_start(
            cycle=data["cycle"],
            desa=data["desa"],
            uploader=request.user,
            upload=data["file"],
            total_rows=len(form.rows),
        )
        tasks.check_soon(batch=batch)
        return redirect(batch)
    recent = (
        UsulanImport.objects.filter(scope.region_q(kecamatan=""))
        .select_related("desa", "cycle")
        .order_by("-created_at", "-pk")[:RECENT_IMPORTS]
    )
    context = {
        "form": form,
        "recent": recent,
        "columns": imports.columns(),
        "max_rows": settings.MUSRENBANG_IMPORT_MAX_ROWS,
        "max_mb": settings.MUSRENBANG_IMPORT_MAX_BYTES // 1024 // 1024,
    }
    return render(request, "musrenbang/import.html", context, status=400 if form.errors else 200)


# The import pages ask who is asking before which method: anyone else gets 404 on GET and POST alike.


@never_cache
def import_template(request):
    """Operators desa and Bappeda: the empty recap to fill in (XLSX), with a sheet explaining each column."""
    require_import_scope(request)
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    return imports.template_response()


@never_cache
def import_detail(request, pk):
    """Bappeda and the operators of the upload's desa: its progress, then what the check or the import found."""
    batch = get_import_for_user(request, pk)
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    context = {"batch": batch, "columns": imports.columns()}
    return render(request, "musrenbang/import_detail.html", context)


@never_cache
def import_apply(request, pk):
    """Bappeda and the operators of the upload's desa (404 for anyone else, on any method): "Impor" (POST)."""
    batch = get_import_for_user(request, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if services.usulan_import_request(batch=batch):
        tasks.apply_soon(batch=batch)
    else:
        messages.info(request, _("Berkas ini sudah diimpor atau sedang diimpor; hasilnya ada di bawah."))
    return redirect(batch)
