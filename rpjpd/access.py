"""Who may see or change what in the RPJPD consultation. Anyone not allowed gets 404."""

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from rpjpd.models import Reply, Topic


def get_topic_for_user(request: HttpRequest, section_slug: str, topic_slug: str) -> Topic:
    """Published topics for everyone; drafts only for staff (preview)."""
    topics = Topic.objects.visible_to(request.user).select_related("section")
    return get_object_or_404(topics, section__slug=section_slug, slug=topic_slug)


def get_reply_for_user(request: HttpRequest, pk: int) -> Reply:
    """A reply in a topic the user may see."""
    visible_topics = Topic.objects.visible_to(request.user)
    return get_object_or_404(Reply.objects.select_related("topic__section", "author"), pk=pk, topic__in=visible_topics)


def get_own_reply(request: HttpRequest, pk: int) -> Reply:
    """A reply the signed-in user wrote; everybody else's is 404, so edit and delete links cannot be probed."""
    reply = get_reply_for_user(request, pk)
    if not request.user.is_authenticated or reply.author_id != request.user.pk:
        raise Http404
    return reply
