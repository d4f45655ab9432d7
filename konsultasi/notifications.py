"""E-mails about consultations, queued like every e-mail (ruangrunding.mail): an outage delays them, never
loses the message written on the site. They never quote the consultation itself, only say that there is
something to read, so a forwarded or intercepted e-mail reveals nothing private."""

from allauth.account.utils import user_pk_to_url_str
from django.urls import reverse

from konsultasi.models import Consultation, Expert, Message
from ruangrunding.mail import absolute_url, send_templated


def message_posted(message: Message) -> bool:
    consultation = message.consultation
    context = {"consultation": consultation, "link": absolute_url(consultation.get_absolute_url())}
    if consultation.role_of(message.author) == Consultation.Role.CITIZEN:
        first = consultation.messages.count() == 1
        return send_templated(
            "konsultasi_new" if first else "konsultasi_citizen_wrote", consultation.expert.user, context
        )
    return send_templated("konsultasi_answered", consultation.citizen, context)


def expert_invited(expert: Expert, token: str) -> bool:
    path = reverse("account_reset_password_from_key", kwargs={"uidb36": user_pk_to_url_str(expert.user), "key": token})
    return send_templated("konsultasi_expert_invited", expert.user, {"expert": expert, "link": absolute_url(path)})
