"""E-mails about replies. They are queued like every other e-mail (see ruangrunding.mail), so a mail outage
never fails or slows the reply that caused them."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string

from rpjpd.models import Reply


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def reply_answered(reply: Reply) -> bool:
    """Tell the parent reply's author that someone answered, unless they opted out or answered themselves."""
    parent = reply.parent
    recipient = parent.author
    if recipient.pk == reply.author_id or not recipient.notify_replies or not recipient.email or not parent.is_shown:
        return False
    context = {"reply": reply, "parent": parent, "recipient": recipient, "link": absolute(reply.get_absolute_url())}
    context["settings_link"] = absolute("/akun/profil/")
    send_mail(
        subject=render_to_string("emails/rpjpd_reply_answered_subject.txt", context).strip(),
        message=render_to_string("emails/rpjpd_reply_answered.txt", context),
        from_email=None,
        recipient_list=[recipient.email],
    )
    return True


def reply_moderated(reply: Reply) -> bool:
    """Tell the author why a moderator hid or restored their reply."""
    author = reply.author
    if not author.email:
        return False
    context = {"reply": reply, "author": author, "link": absolute(reply.topic.get_absolute_url())}
    send_mail(
        subject=render_to_string("emails/rpjpd_reply_moderated_subject.txt", context).strip(),
        message=render_to_string("emails/rpjpd_reply_moderated.txt", context),
        from_email=None,
        recipient_list=[author.email],
    )
    return True
