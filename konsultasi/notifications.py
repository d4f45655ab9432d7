"""E-mails about consultations, queued like every e-mail (ruangrunding.mail): an outage delays them, never
loses the message written on the site. They never quote the consultation itself, only say that there is
something to read, so a forwarded or intercepted e-mail reveals nothing private."""

from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse

from konsultasi.models import Consultation, Expert, Message


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _send(template: str, recipient, context: dict) -> bool:
    if not recipient.email:
        return False
    context = {**context, "recipient": recipient}
    send_mail(
        subject=render_to_string(f"emails/{template}_subject.txt", context).strip(),
        message=render_to_string(f"emails/{template}.txt", context),
        from_email=None,
        recipient_list=[recipient.email],
    )
    return True


def message_posted(message: Message) -> bool:
    consultation = message.consultation
    context = {"consultation": consultation, "link": absolute(consultation.get_absolute_url())}
    if consultation.role_of(message.author) == Consultation.Role.CITIZEN:
        first = consultation.messages.count() == 1
        return _send("konsultasi_new" if first else "konsultasi_citizen_wrote", consultation.expert.user, context)
    return _send("konsultasi_answered", consultation.citizen, context)


def expert_invited(expert: Expert, token: str) -> bool:
    path = reverse("account_reset_password_from_key", kwargs={"uidb36": user_pk_to_url_str(expert.user), "key": token})
    return _send("konsultasi_expert_invited", expert.user, {"expert": expert, "link": absolute(path)})
