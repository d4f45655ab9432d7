"""What a topic page shows: shared by its full rendering (rpjpd.views) and the kept one (rpjpd.kept_pages)."""

from django.http import HttpRequest

from rpjpd import reading
from rpjpd.forms import ReplyForm
from rpjpd.models import Topic
from ruangrunding.paging import page_number

TOPIC_TEMPLATE = "rpjpd/topic.html"
REPLY_PAGE_TEMPLATE = "rpjpd/includes/_reply_page.html"  # what "Muat lebih banyak" inserts with JavaScript
PARTIAL_HEADER = "RR-Partial"  # sent by static/js/site.js when it fetches a fragment to insert in place


def is_partial(request: HttpRequest) -> bool:
    return request.headers.get(PARTIAL_HEADER) == "1"


def asked_page(request: HttpRequest) -> tuple[str, int]:
    """The order and page number the reader asked for (anything unknown: the default)."""
    return reading.parse_order(request.GET.get("urut")), page_number(request.GET.get("halaman"))


def shared_context(topic: Topic, *, order: str, number: int, form: ReplyForm | None = None) -> dict:
    """Everything on a topic page but what belongs to its reader (the replies they reported)."""
    page = reading.topic_reply_page(topic, number=number, order=order)
    return {
        "topic": topic,
        "section": topic.section,
        "reading_materials": reading.reading_materials(topic),
        "page": page,
        "reply_count": page.reply_count,
        "form": form or ReplyForm(),
    }


def topic_context(request: HttpRequest, topic: Topic, form: ReplyForm | None = None) -> dict:
    order, number = asked_page(request)
    context = shared_context(topic, order=order, number=number, form=form)
    context["reported"] = reading.reported_by(request.user, context["page"].threads)
    return context
