from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from konsultasi import services
from konsultasi.access import STAFF, get_attachment_for_user, get_consultation_for_user, require_private_reader
from konsultasi.filters import ExpertFilter
from konsultasi.forms import CloseForm, ConsultationForm, MessageForm
from konsultasi.models import Consultation, Expert
from ruangrunding.notices import confirm_at
from ruangrunding.paging import paginate
from ruangrunding.refusals import refusal_of, refusal_to_form, run_or_show_refusal
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
    if request.method != "POST":
        return render(request, "konsultasi/create.html", {"expert": expert, "form": ConsultationForm()})
    form, consultation = send_form(
        request,
        ConsultationForm,
        quota_check=lambda: services.consultation_quota_check(citizen=request.user),
        send=lambda data: services.consultation_open(
            citizen=request.user,
            expert=expert,
            subject=data["subject"],
            body=data["body"],
            attachment=data["attachment"],
        ),
    )
    if consultation is None:
        return render(request, "konsultasi/create.html", {"expert": expert, "form": form}, status=400)
    # The name is not at the end: "… M.Si." followed by the sentence's own full stop read "M.Si..".
    text = _("Konsultasi Anda telah dikirim kepada %(name)s; jawabannya akan tampil di halaman ini.")
    messages.success(request, text % {"name": expert.full_name})
    return redirect(consultation)


def send_form(request, form_class, *, quota_check, send):
    """The sent form and what `send(cleaned_data)` returned (None when refused, the reason then on the form).
    The per-person limit is asked before the form is validated: validating reads and re-encodes the
    attachment, the costly part a flood of requests would aim at."""
    if refused := refusal_of(quota_check):
        form = form_class(request.POST)  # the typed text stays; the attachment is never read
        refusal_to_form(form, refused)
        return form, None
    form = form_class(request.POST, request.FILES)
    return form, run_or_show_refusal(form, send)


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
@require_safe
def consultation_detail(request, pk):
    """The citizen and the expert of this consultation; staff with the permission may read (recorded)."""
    access = get_consultation_for_user(request, pk)
    if access.role != STAFF:
        access.consultation.mark_read(access.role)
    return render_detail(request, access, MessageForm())


@never_cache
@require_POST
def message_send(request, pk):
    """The citizen and the expert of this consultation: "Kirim" a message (a refusal shows the page again
    with the text kept). Staff who may read it may not write in it."""
    access = get_consultation_for_user(request, pk)
    if access.role == STAFF:
        raise Http404
    consultation = access.consultation
    form, message = send_form(
        request,
        MessageForm,
        quota_check=lambda: services.message_quota_check(consultation=consultation, author=request.user),
        send=lambda data: services.message_post(
            consultation=consultation, author=request.user, body=data["body"], attachment=data["attachment"]
        ),
    )
    if message is None:
        return render_detail(request, access, form, status=400)
    confirm_at(request, "pesan-terakhir", _("Pesan Anda telah dikirim."))
    return redirect(f"{consultation.get_absolute_url()}#pesan-terakhir")


def render_detail(request, access, form: MessageForm, status: int = 200):
    consultation = access.consultation
    context = {
        "consultation": consultation,
        "role": access.role,
        "conversation": consultation.messages.select_related("author"),
        "history": consultation.status_changes.all(),
        "form": form,
    }
    return render(request, "konsultasi/detail.html", context, status=status)


@require_http_methods(["GET", "POST"])
def consultation_close(request, pk):
    """The citizen or the expert: mark the consultation "Selesai" (the citizen may rate the answer)."""
    access = get_consultation_for_user(request, pk)
    if access.role == STAFF:
        raise Http404
    form = CloseForm(request.POST if request.method == "POST" else None)  # the expert's form has no field
    closed = request.method == "POST" and run_or_show_refusal(
        form,
        lambda data: services.consultation_close(
            consultation=access.consultation, closer=request.user, rating=data["rating"], comment=data["comment"]
        ),
    )
    if closed:
        messages.success(request, _("Konsultasi ditandai selesai. Terima kasih."))
        return redirect(access.consultation)
    context = {"consultation": access.consultation, "form": form, "role": access.role}
    return render(request, "konsultasi/close.html", context, status=400 if form.errors else 200)


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
