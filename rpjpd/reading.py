"""Assembling what a topic page or a thread page shows, in a fixed number of queries."""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, F, Q, Subquery, Window
from django.db.models.functions import RowNumber

from pustaka import search
from rpjpd.models import ReadReply, Reply, Report, Topic
from rpjpd.threads import ShownReply, nest
from ruangrunding import prepared

ORDERS = {"terbaru": ("-created_at", "-pk"), "terlama": ("created_at", "pk")}
DEFAULT_ORDER = "terbaru"


@dataclass
class ReplyPage:
    threads: list[ShownReply]
    number: int
    order: str
    has_next: bool
    reply_count: int  # every reply of the topic, at any depth (the heading's "N tanggapan")
    next_anchor: str = ""  # the first reply of the next page: where "Muat lebih banyak" lands without JavaScript


def parse_order(value: str | None) -> str:
    return value if value in ORDERS else DEFAULT_ORDER


def topic_reply_page(topic: Topic, *, number: int, order: str) -> ReplyPage:
    """One page of top-level replies, each with the first few replies of its thread and how many replies the
    thread has: two queries. A number past the end gives the last page (two queries more)."""
    per_page = settings.RPJPD_REPLIES_PER_PAGE
    top_level = Reply.objects.filter(topic=topic).top_level()
    roots = _roots_from(topic=topic, number=number, order=order)
    if not roots and number > 1:
        number = max(1, -(-top_level.count() // per_page))
        roots = _roots_from(topic=topic, number=number, order=order)
    has_next = len(roots) > per_page
    next_anchor = roots[per_page].anchor if has_next else ""
    roots = roots[:per_page]
    inline_replies = settings.RPJPD_INLINE_THREAD_REPLIES

    def in_threads(*root_ids):
        return (
            Reply.objects.in_threads(list(root_ids))
            .for_reading()
            .annotate(
                rank=Window(RowNumber(), partition_by=[F("root_id")], order_by=F("path").asc()),
                thread_size=Window(Count("pk"), partition_by=[F("root_id")]),  # counted before the rank filter
            )
            .filter(rank__lte=inline_replies)
            .order_by("path")
        )

    root_ids = [root.pk for root in roots]
    inline = map_rows(prepared.values_rows(Reply, ("rpjpd-inline", inline_replies), in_threads, root_ids))
    sizes = {reply.root_id: reply.thread_size for reply in inline}
    for root in roots:
        root.thread_size = sizes.get(root.pk, 0)
    return ReplyPage(
        threads=nest(roots, inline),
        number=number,
        order=order,
        has_next=has_next,
        reply_count=roots[0].topic_reply_count if roots else 0,
        next_anchor=next_anchor,
    )


def _roots_from(*, topic: Topic, number: int, order: str) -> list[ReadReply]:
    """The top-level replies of page `number`, and the first of the next page if there is one; each carries
    the topic's number of replies (`topic_reply_count`, counted once by the same query)."""
    per_page = settings.RPJPD_REPLIES_PER_PAGE
    start = (number - 1) * per_page

    def roots(topic_id):
        every_reply = Reply.objects.filter(topic_id=topic_id).order_by().values("topic").annotate(n=Count("pk"))
        top_level = Reply.objects.filter(topic_id=topic_id).top_level()
        with_count = top_level.for_reading().annotate(topic_reply_count=Subquery(every_reply.values("n")))
        return with_count.order_by(*ORDERS[order])[start : start + per_page + 1]

    return map_rows(prepared.values_rows(Reply, ("rpjpd-roots", order, start, per_page), roots, [topic.pk]))


def reading_materials(topic: Topic) -> list:
    """The topic's published reading materials; kept in each worker under the library's version (any change to
    a document, or to which documents the topic lists, gives a new one: pustaka.signals, rpjpd.signals)."""
    return search.kept_or(
        search.library_version(),
        ("reading-materials", topic.pk),
        lambda: list(topic.reading_materials.published().for_listing()),
    )


def map_rows(rows) -> list[ReadReply]:
    return [ReadReply(row) for row in rows]


def whole_thread(root: Reply) -> ShownReply:
    descendants = list(Reply.objects.in_threads([root.pk]).with_author())
    root.thread_size = len(descendants)
    return nest([root], descendants)[0]


def reported_by(user, nodes: list[ShownReply]) -> set[int]:
    """The ids of the shown replies this person has reported (one query, none for a visitor)."""
    if not user.is_authenticated:
        return set()
    ids, stack = [], list(nodes)
    while stack:
        node = stack.pop()
        ids.append(node.reply.pk)
        stack.extend(node.children)
    return reported_ids(user, ids)


def reported_ids(user, reply_ids: list[int]) -> set[int]:
    """Which of these replies this person has reported (one query, none for a visitor or no replies)."""
    if not user.is_authenticated or not reply_ids:
        return set()

    def reported(user_id, *reply_ids):
        return Report.objects.filter(reporter_id=user_id, reply_id__in=reply_ids).values("reply_id")

    rows = prepared.values_rows(Report, ("rpjpd-reported",), reported, [user.pk, *reply_ids])
    return {row["reply_id"] for row in rows}


def reply_location(reply: Reply, *, order: str = DEFAULT_ORDER) -> tuple[str, int | None]:
    """Where a reply is shown: ("topic", page number) when it is on a topic page, ("thread", None) when it
    sits deeper in a long thread than the topic page shows."""
    root = reply if reply.parent_id is None else Reply.objects.get(pk=reply.root_id)
    if reply.parent_id is not None:
        earlier_in_thread = Reply.objects.in_threads([root.pk]).filter(path__lt=reply.path).count()
        if earlier_in_thread >= settings.RPJPD_INLINE_THREAD_REPLIES:
            return "thread", None
    newer_first = order == "terbaru"
    ahead = Q(created_at__gt=root.created_at) | Q(created_at=root.created_at, pk__gt=root.pk)
    if not newer_first:
        ahead = Q(created_at__lt=root.created_at) | Q(created_at=root.created_at, pk__lt=root.pk)
    position = Reply.objects.filter(topic_id=root.topic_id).top_level().filter(ahead).count()
    return "topic", position // settings.RPJPD_REPLIES_PER_PAGE + 1
