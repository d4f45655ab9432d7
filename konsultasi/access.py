"""Who may see a consultation: its citizen, its expert, and staff holding the permission (each of their
views recorded). Everyone else gets 404 on every URL, so a consultation's existence never leaks."""

from dataclasses import dataclass

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from konsultasi import services
from konsultasi.models import Consultation, Message

STAFF_PERMISSION = "konsultasi.read_private_consultation"
STAFF = "staf"


@dataclass
class ConsultationAccess:
    consultation: Consultation
    role: str  # Consultation.Role.CITIZEN, Consultation.Role.EXPERT or STAFF (read-only)


def get_consultation_for_user(request: HttpRequest, pk: int, *, what: str = "percakapan") -> ConsultationAccess:
    user = request.user
    if not user.is_authenticated:
        raise Http404
    consultation = get_object_or_404(Consultation.objects.select_related("citizen", "expert__user"), pk=pk)
    role = consultation.role_of(user)
    if role is not None:
        return ConsultationAccess(consultation, role)
    if is_private_reader(user):
        services.staff_access_record(consultation=consultation, staff=user, what=what)
        return ConsultationAccess(consultation, STAFF)
    raise Http404


def get_attachment_for_user(request: HttpRequest, pk: int, message_pk: int) -> Message:
    access = get_consultation_for_user(request, pk, what="lampiran")
    return get_object_or_404(access.consultation.messages.exclude(attachment=""), pk=message_pk)


def is_private_reader(user) -> bool:
    """Staff holding the explicit permission to read consultations they are not part of."""
    return user.is_authenticated and user.is_staff and user.has_perm(STAFF_PERMISSION)


def require_private_reader(request: HttpRequest) -> None:
    """The list of all consultations: 404 for anyone who is not such a staff member."""
    if not is_private_reader(request.user):
        raise Http404
