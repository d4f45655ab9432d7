from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from rpjpd import kept_pages, reading, services
from rpjpd.access import get_own_reply, get_reply_for_user, get_topic_for_user
from rpjpd.forms import EditReplyForm, ReplyForm, ReportForm
from rpjpd.models import Reply, Section, Topic
from rpjpd.pages import PARTIAL_HEADER, REPLY_PAGE_TEMPLATE, TOPIC_TEMPLATE, is_partial, topic_context
from ruangrunding.caching import cache_for_visitors
from ruangrunding.notices import confirm_at
from ruangrunding.refusals import run_or_show_refusal


def render_page(request, full_template: str, partial_template: str, context: dict, status: int = 200):
    response = render(request, partial_template if is_partial(request) else full_template, context, status=status)
    patch_vary_headers(response, [PARTIAL_HEADER])
    return response


@require_safe
def index(request):
    """Everyone: the three sections with their published topics, reply counts and last activity."""
    topics = Topic.objects.visible_to(request.user).with_activity().order_by("order", "-created_at")
    sections = Section.objects.prefetch_related(Prefetch("topics", queryset=topics))
    return render(request, "rpjpd/index.html", {"sections": sections})


@require_safe
def section(request, section_slug):
    """Everyone: one section's topics."""
    current = get_object_or_404(Section, slug=section_slug)
    topics = current.topics.visible_to(request.user).with_activity().order_by("order", "-created_at")
    return render(request, "rpjpd/section.html", {"section": current, "topics": topics})


@require_safe
@cache_for_visitors(query_parameters={"urut", "halaman"})
def topic_detail(request, section_slug, topic_slug):
    """Everyone: a topic, its reply form and its replies; staff also see drafts (preview)."""
    if (kept := kept_pages.topic_page_for_reader(request, section_slug, topic_slug)) is not None:
        return kept
    topic = get_topic_for_user(request, section_slug, topic_slug)
    return render_page(request, TOPIC_TEMPLATE, REPLY_PAGE_TEMPLATE, topic_context(request, topic))


@login_required
@require_POST
def reply_to_topic(request, section_slug, topic_slug):
    """Signed-in users: "Kirim" a top-level reply to a topic."""
    topic = get_topic_for_user(request, section_slug, topic_slug)
    form = ReplyForm(request.POST)
    if reply := create_from_form(request, form, topic=topic, parent=None):
        confirm_at(request, reply.anchor, _("Tanggapan Anda telah dikirim."))
        return redirect(reply_url(reply))
    return render(request, TOPIC_TEMPLATE, topic_context(request, topic, form), status=400)


def create_from_form(request, form: ReplyForm, *, topic: Topic, parent: Reply | None) -> Reply | None:
    """The reply the valid form asks for, or None with the reason added to the form."""
    return run_or_show_refusal(
        form,
        lambda data: services.reply_create(
            topic=topic,
            author=request.user,
            parent=parent,
            body=data["body"],
            submission_token=data["submission_token"],
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def answer_reply(request, pk):
    """Signed-in users: "Balas" to a reply (its own page without JavaScript; inline with it)."""
    parent = get_reply_for_user(request, pk)
    # Its own ids: inline, this form shares the page with the topic's form and maybe other answers.
    form = ReplyForm(request.POST or None, auto_id=f"balas-{parent.pk}-%s")
    if request.method == "POST" and (reply := create_from_form(request, form, topic=parent.topic, parent=parent)):
        confirm_at(request, reply.anchor, _("Balasan Anda telah dikirim."))
        return redirect(reply_url(reply))
    context = {"parent": parent, "topic": parent.topic, "form": form}
    status = 400 if request.method == "POST" else 200
    return render_page(request, "rpjpd/answer.html", "rpjpd/includes/_answer_form.html", context, status)


@require_safe
@cache_for_visitors(query_parameters=set())
def thread(request, pk):
    """Everyone: a whole thread under one top-level reply (the "Lihat N balasan" page)."""
    root = get_reply_for_user(request, pk)
    if root.parent_id is not None:
        return redirect("rpjpd:thread", pk=root.root_id)
    node = reading.whole_thread(root)
    context = {"topic": root.topic, "node": node, "reported": reading.reported_by(request.user, [node])}
    return render_page(request, "rpjpd/thread.html", "rpjpd/includes/_thread_children.html", context)


@require_safe
def reply_permalink(request, pk):
    """Everyone: a reply's permanent address; it finds the page the reply is on."""
    return redirect(reply_url(get_reply_for_user(request, pk), order=request.GET.get("urut")))


def reply_url(reply: Reply, order: str | None = None) -> str:
    order = reading.parse_order(order)
    where, page = reading.reply_location(reply, order=order)
    if where == "thread":
        return f"{reverse('rpjpd:thread', args=[reply.root_id])}#{reply.anchor}"
    query = f"?urut={order}&halaman={page}" if (page, order) != (1, reading.DEFAULT_ORDER) else ""
    return f"{reply.topic.get_absolute_url()}{query}#{reply.anchor}"


@login_required
@require_http_methods(["GET", "POST"])
def edit_reply(request, pk):
    """The reply's author, within 15 minutes of sending it."""
    reply = get_own_reply(request, pk)
    form = EditReplyForm(request.POST or None, initial={"body": reply.body})
    if request.method == "POST" and run_or_show_refusal(
        form, lambda data: services.reply_edit(reply=reply, editor=request.user, body=data["body"])
    ):
        confirm_at(request, reply.anchor, _("Tanggapan Anda telah disunting."))
        return redirect(reply_url(reply))
    return render(request, "rpjpd/edit.html", {"reply": reply, "form": form}, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def delete_reply(request, pk):
    """The reply's author, at any time: asks to confirm, then removes the text."""
    reply = get_own_reply(request, pk)
    if request.method == "POST":
        services.reply_remove(reply=reply, remover=request.user)
        confirm_at(request, reply.anchor, _("Tanggapan Anda telah dihapus."))
        return redirect(reply_url(reply))
    return render(request, "rpjpd/delete.html", {"reply": reply})


@login_required
@require_http_methods(["GET", "POST"])
def report_reply(request, pk):
    """Signed-in users other than the author: "Laporkan" a reply with a reason."""
    reply = get_reply_for_user(request, pk)
    form = ReportForm(request.POST or None)
    if request.method == "POST":
        created = run_or_show_refusal(
            form, lambda data: services.reply_report(reply=reply, reporter=request.user, reason=data["reason"])
        )
        if created is not None:
            text = (
                _("Terima kasih, laporan Anda kami terima.") if created else _("Anda sudah melaporkan tanggapan ini.")
            )
            confirm_at(request, reply.anchor, text)
            return redirect(reply_url(reply))
    return render(request, "rpjpd/report.html", {"reply": reply, "form": form}, status=400 if form.errors else 200)
