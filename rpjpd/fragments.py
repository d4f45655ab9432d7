"""The replies of a topic or thread page as HTML, each reply's part rendered once and reused.

A signed-in reader's page cannot come from the visitors' page cache (ruangrunding.caching): it has their own
links. Rendering some hundred replies through the template engine on every request was most of its cost, yet
almost all of a reply's HTML is the same for everyone and changes only when the reply does. So each reply is
cut into:

- its content (author, time, "membalas @nama", the text or the "dihapus"/"disembunyikan" notice): the same for
  every reader, kept in each worker under a key made of everything it shows (id, author's name, times, status,
  text, ...). An edit, a hide, a restore, a deletion or a new display name makes a new key, so the old HTML is
  never looked up again (it ages out of the LRU); nothing needs to be told to forget it;
- its action links ("Balas", own "Ubah"/"Hapus", "Laporkan" or "Anda telah melaporkan balasan ini"): one of a
  few variants per reply, chosen for each reader on each request from their id and the replies they reported,
  and kept by (reply, variant) — never by reader, so nothing of one reader reaches another;
- what changes with the thread or the request (a confirmation beside the reply, "Lihat N balasan"), put
  together on each request.

All HTML comes from templates (rpjpd/includes/_reply_*.html); this module only joins the pieces, in plain
links and forms that work without JavaScript as before.
"""

from dataclasses import dataclass
from functools import lru_cache

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeString, mark_safe

from rpjpd.models import Reply
from rpjpd.threads import ShownReply
from ruangrunding.frames import hole
from ruangrunding.notices import anchor_of

CONTENT_TEMPLATE = "rpjpd/includes/_reply_content.html"
ACTIONS_TEMPLATE = "rpjpd/includes/_reply_actions.html"
MORE_TEMPLATE = "rpjpd/includes/_reply_thread_more.html"
KEPT = 4096  # replies' contents per worker: two pages of a busy topic are some 250


class Kind:
    """Which action links a reader gets under a shown reply."""

    VISITOR = "visitor"  # not signed in: none but "Balas" (which asks to sign in)
    READER = "reader"  # "Laporkan"
    REPORTED = "reported"  # "Anda telah melaporkan balasan ini"
    OWN = "own"  # "Hapus"
    OWN_EDITABLE = "own-editable"  # "Ubah" and "Hapus", in the first 15 minutes


@dataclass
class Viewer:
    """What the per-reader parts depend on: who reads, what they reported, their pending confirmations."""

    user_id: int | None
    reported: set[int]
    notes: dict[str, list]  # anchor → messages to show beside that reply
    accepts_replies: bool
    # Set when the page is rendered once for every signed-in reader (rpjpd.kept_pages): each shown reply's
    # links become a hole named here, with the reply, and are chosen for each reader when the hole is filled.
    action_holes: dict[str, Reply] | None = None

    def kind(self, reply: Reply) -> str:
        if self.user_id is not None and self.user_id == reply.author_id:
            return Kind.OWN_EDITABLE if reply.can_be_edited else Kind.OWN
        if reply.pk in self.reported:
            return Kind.REPORTED
        return Kind.READER if self.user_id is not None else Kind.VISITOR


def viewer_from(context) -> Viewer:
    if (action_holes := context.get("reply_action_holes")) is not None:
        return Viewer(None, set(), {}, context["topic"].accepts_replies, action_holes=action_holes)
    user = context.get("user")
    notes = {}
    for message in context.get("messages") or ():
        if anchor := anchor_of(message):
            notes.setdefault(anchor, []).append(message)
    topic = context["topic"]
    return Viewer(
        user_id=user.pk if user is not None and user.is_authenticated else None,
        reported=context.get("reported") or set(),
        notes=notes,
        accepts_replies=topic.accepts_replies,
    )


def nodes_html(nodes: list[ShownReply], viewer: Viewer) -> SafeString:
    parts: list[str] = []
    for node in nodes:
        _append(node, viewer, parts)
    return mark_safe("".join(parts))  # noqa: S308 — every piece is template output or escaped below


def _append(node: ShownReply, viewer: Viewer, parts: list[str]) -> None:
    reply = node.reply
    parts.append(f'<article class="reply depth-{reply.depth or 0}" id="{reply.anchor}">\n')
    for note in viewer.notes.get(reply.anchor, ()):
        level, text = escape(note.level_tag), conditional_escape(note.message)
        parts.append(f'<p class="message message-{level}" role="status">{text}</p>')
    parts.append(content_html(*content_key(reply, node.answering)))
    if reply.is_shown and viewer.action_holes is not None:
        name = f"a{reply.pk}"
        viewer.action_holes[name] = reply
        parts.append(hole(name))
    elif reply.is_shown:
        parts.append(reader_actions_html(reply, viewer))
    if node.children:
        parts.append('<div class="replies">')
        for child in node.children:
            _append(child, viewer, parts)
        parts.append("</div>")
    parts.append("\n")
    thread_size = getattr(reply, "thread_size", 0)
    if reply.depth == 0 and thread_size > node.shown_count:
        parts.append(thread_more_html(reply.pk, thread_size, current_locale()))
    parts.append("</article>")


def reader_actions_html(reply: Reply, viewer: Viewer, locale: tuple[str, str] | None = None) -> SafeString:
    """A shown reply's links for this reader: what a kept page's hole for them is filled with."""
    return actions_html(reply.pk, viewer.accepts_replies, viewer.kind(reply), locale or current_locale())


def current_locale() -> tuple[str, str]:
    """The language and time zone a kept part is rendered in: part of every kept part's key."""
    return translation.get_language(), timezone.get_current_timezone_name()


def content_key(reply: Reply, answering: Reply | None) -> tuple:
    """Everything the shared part of a reply shows: a change to any of it is a new key."""
    return (
        reply.pk,
        reply.author.public_name,
        reply.created_at,
        reply.edited_at is not None,
        reply.is_removed,
        reply.status,
        reply.body if reply.is_shown else "",  # a hidden or deleted reply's text is never rendered
        answering.author.public_name if answering is not None else None,
        current_locale(),
    )


@lru_cache(maxsize=KEPT)
def content_html(pk, author_name, created_at, edited, removed, status, body, answering_name, locale) -> SafeString:
    context = {
        "pk": pk,
        "author_name": author_name,
        "created_at": created_at,
        "edited": edited,
        "removed": removed,
        "hidden": status != Reply.Status.VISIBLE,
        "body": body,
        "answering_name": answering_name,
    }
    return mark_safe(render_to_string(CONTENT_TEMPLATE, context))  # noqa: S308 — template output


@lru_cache(maxsize=KEPT)
def actions_html(pk: int, accepts_replies: bool, kind: str, locale: tuple) -> SafeString:
    context = {"pk": pk, "accepts_replies": accepts_replies, "kind": kind}
    return mark_safe(render_to_string(ACTIONS_TEMPLATE, context))  # noqa: S308 — template output


@lru_cache(maxsize=KEPT)
def thread_more_html(pk: int, thread_size: int, locale: tuple) -> SafeString:
    context = {"pk": pk, "anchor": f"balasan-{pk}", "thread_size": thread_size}
    return mark_safe(render_to_string(MORE_TEMPLATE, context))  # noqa: S308 — template output
