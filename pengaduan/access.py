"""Who may see and act on a complaint (docs/pengaduan.md, "Peran"):

- a complaint handler (Role.COMPLAINT_HANDLER) without an agency handles every complaint; one held over an
  agency handles the complaints routed to that agency, and answers what was disposed to it;
- an agency liaison (Role.AGENCY_VERIFIER of an agency) sees only the complaints disposed to that agency and
  answers them;
- everyone else gets 404 on the staff pages. The reporter and whoever holds the link follow a complaint on its
  status page (code + secret), which shows no personal data.
"""

import secrets
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts.models import Role
from accounts.roles import Scope, scope_for
from pengaduan.models import Complaint, Disposition


@dataclass(frozen=True)
class ComplaintRoles:
    handler: Scope
    liaison: Scope

    @property
    def empty(self) -> bool:
        return self.handler.empty and self.liaison.empty

    def handles(self, complaint: Complaint) -> bool:
        return not self.handler.empty and self.handler.covers_agency(complaint.agency)

    def visible_q(self) -> Q:
        if self.handler.whole_region or self.handler.all_agencies:
            return Q()  # (Q(x) | Q() would be just Q(x): "everything" must be said on its own)
        answering = Disposition.objects.filter(self._disposition_q()).values("complaint_id")
        q = Q(pk__in=answering)
        if not self.handler.empty:
            q |= self.handler.agency_q()
        return q

    def _disposition_q(self) -> Q:
        if self.handler.whole_region or self.handler.all_agencies:
            return Q()
        q = Q(pk__in=[])
        for scope in (self.handler, self.liaison):
            if not scope.empty:
                q |= scope.agency_q()
        return q

    def answerable(self, complaint: Complaint) -> QuerySet:
        return complaint.dispositions.filter(self._disposition_q(), answered_at__isnull=True)


def complaint_roles(user) -> ComplaintRoles:
    return ComplaintRoles(scope_for(user, Role.COMPLAINT_HANDLER), scope_for(user, Role.AGENCY_VERIFIER))


def require_complaint_roles(user) -> ComplaintRoles:
    roles = complaint_roles(user)
    if roles.empty:
        raise Http404
    return roles


def visible_complaints(user, roles: ComplaintRoles | None = None) -> QuerySet:
    roles = roles or require_complaint_roles(user)
    return Complaint.objects.in_handling().filter(roles.visible_q())


def get_complaint_for_staff(request, code: str) -> tuple[Complaint, ComplaintRoles]:
    roles = require_complaint_roles(request.user)
    queryset = visible_complaints(request.user, roles).select_related("category", "kecamatan", "desa", "agency")
    return get_object_or_404(queryset, code=code), roles


def get_complaint_by_secret(code: str, secret: str) -> Complaint:
    """The status page's complaint: the code and its secret, or 404 (compared in constant time)."""
    complaint = Complaint.objects.select_related("category", "kecamatan", "desa", "agency").filter(code=code).first()
    if complaint is None or not secrets.compare_digest(complaint.secret, secret):
        raise Http404
    return complaint


def get_published_complaint(code: str) -> Complaint:
    queryset = Complaint.objects.published().select_related("category", "kecamatan", "desa", "agency", "reporter")
    return get_object_or_404(queryset, code=code)
