"""E-mails about replies. They are queued like every other e-mail (see ruangrunding.mail), so a mail outage
never fails or slows the reply that caused them."""

from django.urls import reverse

from rpjpd.models import Reply
from ruangrunding.mail import absolute_url, send_templated


def reply_answered(reply: Reply) -> bool:
    """Tell the parent reply's author that someone answered, unless they opted out or answered themselves."""
    parent = reply.parent
    recipient = parent.author
    if recipient.pk == reply.author_id or not recipient.notify_replies or not parent.is_shown:
        return False
    context = {
        "reply": reply,
        "parent": parent,
        "link": absolute_url(reply.get_absolute_url()),
        "settings_link": absolute_url(reverse("accounts:profile")),
    }
    return send_templated("rpjpd_reply_answered", recipient, context)


def reply_moderated(reply: Reply) -> bool:
    """Tell the author why a moderator hid or restored their reply."""
    context = {"reply": reply, "author": reply.author, "link": absolute_url(reply.topic.get_absolute_url())}
    return send_templated("rpjpd_reply_moderated", reply.author, context)
