"""E-mails about complaints, queued like every e-mail (ruangrunding.mail). The reporter's e-mails carry the
status page's link (code + secret) and the public note of the step, never an internal note; an agency's
liaisons are told a complaint was disposed to them."""

from types import SimpleNamespace

from django.db.models import Q
from django.urls import reverse

from accounts.models import Role, RoleAssignment
from ruangrunding.mail import absolute_url, send_templated


def _reporter(complaint):
    email = complaint.contact_email
    if not email:
        return None
    return SimpleNamespace(email=email, public_name=complaint.contact_name or email)


def confirm(complaint) -> bool:
    link = absolute_url(reverse("pengaduan:confirm", args=[complaint.code, complaint.confirm_token]))
    recipient = _reporter(complaint)
    return bool(recipient) and send_templated("pengaduan_confirm", recipient, {"complaint": complaint, "link": link})


def step(complaint, change) -> bool:
    recipient = _reporter(complaint)
    if recipient is None or not change.public:
        return False
    context = {"complaint": complaint, "change": change, "link": absolute_url(complaint.tracking_url())}
    return send_templated("pengaduan_step", recipient, context)


def disposed(complaint, agency) -> int:
    people = {
        assignment.user
        for assignment in RoleAssignment.objects.filter(
            agency=agency, role__in=[Role.AGENCY_VERIFIER, Role.COMPLAINT_HANDLER], user__is_active=True
        ).select_related("user")
    }
    link = absolute_url(complaint.manage_url())
    return sum(
        send_templated("pengaduan_disposed", person, {"complaint": complaint, "agency": agency, "link": link})
        for person in people
    )


def reminder(complaint, clock: str) -> int:
    """The deadline is near: to the handlers of the complaint's agency (and all-agency handlers), and for the
    final clock of a disposed complaint to the people of each agency that has not answered yet."""
    handlers = Q(role=Role.COMPLAINT_HANDLER, agency__isnull=True) | Q(
        role=Role.COMPLAINT_HANDLER, agency_id=complaint.agency_id
    )
    if clock == "final" and complaint.status == "didisposisikan":
        waiting = complaint.dispositions.filter(answered_at__isnull=True).values_list("agency_id", flat=True)
        handlers |= Q(role__in=[Role.COMPLAINT_HANDLER, Role.AGENCY_VERIFIER], agency_id__in=list(waiting))
    assignments = RoleAssignment.objects.filter(handlers, user__is_active=True)
    people = {assignment.user for assignment in assignments.select_related("user")}
    due = complaint.initial_due if clock == "initial" else complaint.final_due
    context = {"complaint": complaint, "clock": clock, "due": due, "link": absolute_url(complaint.manage_url())}
    return sum(send_templated("pengaduan_reminder", person, context) for person in people)
