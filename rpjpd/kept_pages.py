"""A signed-in reader's topic page from HTML kept per version of the topic (ruangrunding.frames).

A topic page is the same for every signed-in citizen but for a few parts: their name in the header, the CSRF
token of the sign-out and reply forms, the reply form's one-time token, and under each reply the links they get
("Ubah" and "Hapus" under their own, "Anda telah melaporkan balasan ini" under those they reported, "Laporkan"
elsewhere). Everything else — the topic, the reply list with its counts and threads, menus, footer — is rendered
once per worker with holes for those parts, under a key naming all it shows:

- the topic's and its section's rows as this request read them: any edit (title, text, picture, status, open or
  closed) changes them, and so does `replies_version`, which moves on with every reply written, edited, removed,
  hidden, restored or deleted and with every new name of an author (rpjpd.signals), in the same transaction;
- the library's version (the reading materials), the region's profile (header, footer), the page asked for
  (order, number, the whole page or the fragment "Muat lebih banyak" inserts), whether the topic still takes
  replies, an expert's waiting count, language, time zone and Save-Data.

What is each reader's own is read and chosen on every request: the session with its person (one query,
accounts.sessions), the topic's row with the replies in it the reader reported (one query; two on SQLite), and
each reply's links by the same code as a full rendering (rpjpd.fragments.Viewer.kind: the author, the 15-minute
edit window, the reports). No two readers get the same bytes, and nobody gets a page older than the rows this
request read. Rendered in full as before: visitors (they have a cache of their own, ruangrunding.caching), staff
(drafts, their menu) and anyone with a message waiting to be shown.
"""

import copy
import uuid

from django.conf import settings
from django.contrib.messages import get_messages
from django.contrib.postgres.expressions import ArraySubquery
from django.db import connections, router
from django.db.models import OuterRef
from django.http import HttpRequest, HttpResponse, QueryDict
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers
from django.utils.html import conditional_escape

from konsultasi.context_processors import ExpertInbox
from pustaka.search import library_version
from rpjpd import fragments, pages, reading
from rpjpd.forms import ReplyForm
from rpjpd.models import Report, Section, Topic
from ruangrunding import prepared
from ruangrunding.frames import BrokenFrame, Frame, hole
from ruangrunding.kept import Kept
from wilayah.context_processors import current_region_profile

KEPT = 256  # pages per worker: a few topics × orders × pages, and the fragments "Muat lebih banyak" fetches
_kept = Kept(KEPT)
TOPIC_FIELDS = tuple(field.attname for field in Topic._meta.concrete_fields)
SECTION_FIELDS = tuple(field.attname for field in Section._meta.concrete_fields)


class KeptPage:
    """A frame and what its holes stand for: the replies whose links are chosen per reader."""

    __slots__ = ("action_holes", "frame", "has_forms")

    def __init__(self, frame: Frame, action_holes: dict):
        self.frame, self.action_holes = frame, action_holes
        self.has_forms = "csrf" in frame.holes  # the fragment for "Muat lebih banyak" has none


class FrameReader:
    """The reader a kept page is rendered for: signed in, not staff, named by a hole."""

    is_authenticated = True
    is_anonymous = False
    is_staff = is_superuser = False
    pk = id = None
    public_name = hole("name")


def topic_page_for_reader(request: HttpRequest, section_slug: str, topic_slug: str) -> HttpResponse | None:
    """The topic page for a signed-in citizen, from its kept frame; None when it must be rendered in full (a
    visitor, staff, a message waiting, kept pages turned off) or the topic is not published (the full path
    then answers 404 or shows the draft to staff)."""
    if not settings.RPJPD_KEPT_PAGES or not _applies(request):
        return None
    topic, row, reported = _published_topic(section_slug, topic_slug, reader_id=request.user.pk)
    if topic is None:
        return None
    order, number = pages.asked_page(request)
    partial = pages.is_partial(request)
    inbox = ExpertInbox(request.user)  # its count read now (the key), and shown from it by the frame
    waiting = inbox.waiting
    key = (
        row,
        library_version(),
        _region_fingerprint(),
        order,
        number,
        partial,
        topic.accepts_replies,
        waiting,
        translation.get_language(),
        timezone.get_current_timezone_name(),
        bool(getattr(request, "save_data", False)),
    )
    kept = _kept.get_or_build(key, lambda: _build(request, topic, order, number, partial, inbox))
    if kept is None:  # the templates did not keep a hole whole: rendered in full, as before
        return None
    response = HttpResponse(kept.frame.fill(_reader_values(request, topic, kept, reported)))
    patch_vary_headers(response, [pages.PARTIAL_HEADER])
    return response


def forget() -> None:
    """Drop this worker's kept pages (the test suite, between tests)."""
    _kept.clear()


def _applies(request: HttpRequest) -> bool:
    user = request.user
    if not user.is_authenticated or user.is_staff or user.is_superuser:
        return False
    return not len(get_messages(request))  # counted without marking them shown


def _published_topic(section_slug: str, topic_slug: str, *, reader_id: int) -> tuple[Topic | None, tuple, set | None]:
    """The published topic at these slugs with its section, its row and its section's as read (the key), and on
    PostgreSQL the replies of the topic the reader reported, all in one query (elsewhere: None, asked after)."""
    with_reports = connections[router.db_for_read(Topic)].vendor == "postgresql"

    def query(section, slug, reader):
        published = Topic.objects.published().filter(section__slug=section, slug=slug).order_by()
        row = published.values(*TOPIC_FIELDS, *(f"section__{name}" for name in SECTION_FIELDS))
        if not with_reports:
            return row
        reports = Report.objects.filter(reporter_id=reader, reply__topic_id=OuterRef("pk")).values("reply_id")
        return row.annotate(reader_reports=ArraySubquery(reports))

    rows = prepared.values_rows(Topic, ("rpjpd-kept-topic",), query, [section_slug, topic_slug, reader_id])
    if not rows:
        return None, (), None
    reported = set(rows[0].pop("reader_reports")) if with_reports else None
    values = tuple(rows[0].values())
    topic = Topic.from_db(Topic.objects.db, TOPIC_FIELDS, values[: len(TOPIC_FIELDS)])
    section = Section.from_db(Section.objects.db, SECTION_FIELDS, values[len(TOPIC_FIELDS) :])
    Topic.section.field.set_cached_value(topic, section)
    return topic, values, reported


def _region_fingerprint() -> tuple:
    profile = current_region_profile()
    return tuple(field.value_to_string(profile) for field in profile._meta.concrete_fields)


def _build(request, topic: Topic, order: str, number: int, partial: bool, inbox: ExpertInbox) -> KeptPage | None:
    action_holes: dict = {}
    context = {
        **pages.shared_context(
            topic, order=order, number=number, form=ReplyForm(initial={"submission_token": hole("token")})
        ),
        "reported": set(),
        "reply_action_holes": action_holes,
        # the reader's own parts, as holes; the context processors' values for them are overridden
        "user": FrameReader(),
        "csrf_token": hole("csrf"),
        "messages": (),
        "expert_inbox": inbox,
    }
    template = pages.REPLY_PAGE_TEMPLATE if partial else pages.TOPIC_TEMPLATE
    try:
        frame = Frame.of(render_to_string(template, context, request=_frame_request(request, order, number)))
    except BrokenFrame:
        return None
    if set(frame.holes) - {"name", "csrf", "token"} != set(action_holes):
        return None
    return KeptPage(frame, action_holes)


def _frame_request(request: HttpRequest, order: str, number: int) -> HttpRequest:
    """The request a kept page is rendered with: the same page, but nothing of this reader or of the rest of
    their address, so that no template or tag reading the request directly can put either into the page."""
    framed = copy.copy(request)
    framed.GET = QueryDict(mutable=True)
    framed.GET.update({"urut": order, "halaman": str(number)})
    framed.user = FrameReader()
    return framed


def _reader_values(request: HttpRequest, topic: Topic, kept: KeptPage, reported: set | None) -> dict[str, str]:
    user = request.user
    if reported is None:
        reported = reading.reported_ids(user, [reply.pk for reply in kept.action_holes.values()])
    viewer = fragments.Viewer(user_id=user.pk, reported=reported, notes={}, accepts_replies=topic.accepts_replies)
    locale = fragments.current_locale()
    values = {name: fragments.reader_actions_html(reply, viewer, locale) for name, reply in kept.action_holes.items()}
    values["name"] = conditional_escape(user.public_name)
    if kept.has_forms:  # as {% csrf_token %} would: a token (and its cookie) only for a page with a form
        values["csrf"] = get_token(request)
    values["token"] = str(uuid.uuid4())
    return values
