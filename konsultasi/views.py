from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from konsultasi import services
from konsultasi.access import STAFF, get_attachment_for_user, get_consultation_for_user, require_private_reader
from konsultasi.filters import ExpertFilter
from konsultasi.forms import CloseForm, ConsultationForm, MessageForm
from konsultasi.models import Consultation, Expert
from ruangrunding.notices import confirm_at
from ruangrunding.paging import paginate
from ruangrunding.storage import private_file_response

PER_PAGE = 20


@require_safe
def index(request):
    """Everyone: the experts, filtered by field and institution or searched by name."""
    expert_filter = ExpertFilter(request.GET or None, queryset=Expert.objects.listed())
    experts = expert_filter.qs if expert_filter.is_bound else Expert.objects.listed()
    page = paginate(experts, per_page=PER_PAGE, requested=request.GET.get("halaman"))
    return render(request, "konsultasi/index.html", {"filter": expert_filter, "page": page})


@require_safe
def expert_detail(request, pk):
    """Everyone: one expert's public profile, with the "Konsultasi" button."""
    expert = get_object_or_404(Expert.objects.listed(), pk=pk)
    return render(request, "konsultasi/expert.html", {"expert": expert})


@login_required
@require_http_methods(["GET", "POST"])
def consultation_create(request, pk):
    """Signed-in users: "Konsultasi" with an expert who accepts new consultations."""
    expert = get_object_or_404(Expert.objects.listed(), pk=pk)
    form = ConsultationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and (refused := quota_refusal(services.consultation_quota_check, citizen=request.user)):
        form = ConsultationForm(request.POST)  # the typed text stays; the attachment is never read
        form.add_error(None, refused)
    elif request.method == "POST" and form.is_valid():
        try:
            consultation = services.consultation_open(
                citizen=request.user,
                expert=expert,
                subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
                attachment=form.cleaned_data["attachment"],
            )
        except services.ConsultationRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            # The name is not at the end: "… M.Si." followed by the sentence's own full stop read "M.Si..".
            text = _("Konsultasi Anda telah dikirim kepada %(name)s; jawabannya akan tampil di halaman ini.")
            messages.success(request, text % {"name": expert.full_name})
            return redirect(consultation)
    status = 400 if form.errors else 200
    return render(request, "konsultasi/create.html", {"expert": expert, "form": form}, status=status)


def quota_refusal(check, **arguments) -> str | None:
    """The refusal of a per-person limit, asked before the form is validated: validating reads and re-encodes
    the attachment, the costly part a flood of requests would aim at."""
    try:
        check(**arguments)
    except services.ConsultationRefused as refusal:
        return str(refusal)
    return None


@never_cache
@login_required
@require_safe
def my_consultations(request):
    """Signed-in users: "Konsultasi Saya" — the consultations they asked and, for experts, their inbox."""
    context = {}
    asked = Consultation.objects.asked_by(request.user).select_related("expert").order_by("-last_message_at")
    context["asked"] = paginate(asked, per_page=PER_PAGE, requested=request.GET.get("halaman"))
    if request.user.is_expert:
        inbox = Consultation.objects.addressed_to(request.user).select_related("citizen").waiting_first()
        context["inbox"] = paginate(inbox, per_page=PER_PAGE, requested=request.GET.get("halaman_masuk"))
    return render(request, "konsultasi/mine.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
def consultation_detail(request, pk):
    """The citizen and the expert of this consultation; staff with the permission may read (recorded)."""
    access = get_consultation_for_user(request, pk)
    consultation = access.consultation
    form = MessageForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if access.role == STAFF:
            raise Http404
        if refused := quota_refusal(services.message_quota_check, consultation=consultation, author=request.user):
            form = MessageForm(request.POST)  # the typed text stays; the attachment is never read
            form.add_error(None, refused)
        elif form.is_valid():
            try:
                services.message_post(
                    consultation=consultation,
                    author=request.user,
                    body=form.cleaned_data["body"],
                    attachment=form.cleaned_data["attachment"],
                )
            except services.ConsultationRefused as refusal:
                form.add_error(None, str(refusal))
            else:
                confirm_at(request, "pesan-terakhir", _("Pesan Anda telah dikirim."))
                return redirect(f"{consultation.get_absolute_url()}#pesan-terakhir")
    elif access.role != STAFF:
        consultation.mark_read(access.role)
    context = {
        "consultation": consultation,
        "role": access.role,
        "conversation": consultation.messages.select_related("author"),
        "form": form,
        "close_form": CloseForm(),
    }
    return render(request, "konsultasi/detail.html", context, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def consultation_close(request, pk):
    """The citizen or the expert: mark the consultation "Selesai" (the citizen may rate the answer)."""
    access = get_consultation_for_user(request, pk)
    if access.role == STAFF:
        raise Http404
    form = CloseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.consultation_close(
            consultation=access.consultation,
            closer=request.user,
            rating=form.cleaned_data["rating"],
            comment=form.cleaned_data["comment"],
        )
        messages.success(request, _("Konsultasi ditandai selesai. Terima kasih."))
        return redirect(access.consultation)
    return render(
        request, "konsultasi/close.html", {"consultation": access.consultation, "form": form, "role": access.role}
    )


@never_cache
@require_safe
def attachment(request, pk, message_pk):
    """The two participants (and staff with the permission, recorded): download an attachment."""
    message = get_attachment_for_user(request, pk, message_pk)
    response = private_file_response(
        message.attachment, filename=message.attachment_name, content_type=message.attachment_type
    )
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@never_cache
@require_safe
def staff_list(request):
    """Staff holding the permission: every consultation's metadata, without its subject (private content, like
    the conversation); opening one shows it, and is recorded."""
    require_private_reader(request)
    consultations = (
        Consultation.objects.select_related("expert").defer("subject", "rating_comment").order_by("-last_message_at")
    )
    page = paginate(consultations, per_page=PER_PAGE, requested=request.GET.get("halaman"))
    return render(request, "konsultasi/staff_list.html", {"page": page})
