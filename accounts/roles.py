"""Where a person may act: the one helper every module asks ("on which units may this person act in this role").

A role is held over a unit (ROLE_UNIT): an operator desa over one desa, an operator kecamatan over one
kecamatan and every desa in it, a verifier or complaint handler over one agency (a complaint handler without
an agency handles every agency's), Bappeda over the whole region. Superusers act everywhere. Access helpers
turn "out of scope" into 404 (`require_scope`), so a record outside one's part of the region looks absent.
"""

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404

from accounts.models import Role, RoleAssignment, User
from wilayah.models import Agency, Desa, Kecamatan


@dataclass(frozen=True)
class Scope:
    """The units one person may act on in the roles asked about."""

    whole_region: bool = False
    kecamatan_ids: frozenset[int] = frozenset()
    desa_ids: frozenset[int] = frozenset()
    agency_ids: frozenset[int] = frozenset()
    all_agencies: bool = False

    @property
    def empty(self) -> bool:
        return not (self.whole_region or self.all_agencies or self.kecamatan_ids or self.desa_ids or self.agency_ids)

    def covers_desa(self, desa: Desa) -> bool:
        return self.whole_region or desa.pk in self.desa_ids or desa.kecamatan_id in self.kecamatan_ids

    def covers_kecamatan(self, kecamatan: Kecamatan) -> bool:
        return self.whole_region or kecamatan.pk in self.kecamatan_ids

    def covers_agency(self, agency: Agency) -> bool:
        return self.whole_region or self.all_agencies or agency.pk in self.agency_ids

    def region_q(self, *, desa: str = "desa", kecamatan: str = "kecamatan") -> Q:
        """A filter for records placed in the region by their desa and/or kecamatan field names."""
        if self.whole_region:
            return Q()
        q = Q(pk__in=[])
        if desa and self.desa_ids:
            q |= Q(**{f"{desa}__in": self.desa_ids})
        if kecamatan and self.kecamatan_ids:
            q |= Q(**{f"{kecamatan}__in": self.kecamatan_ids})
        if desa and self.kecamatan_ids:
            q |= Q(**{f"{desa}__kecamatan__in": self.kecamatan_ids})
        return q

    def agency_q(self, *, agency: str = "agency") -> Q:
        if self.whole_region or self.all_agencies:
            return Q()
        return Q(**{f"{agency}__in": self.agency_ids}) if self.agency_ids else Q(pk__in=[])

    def filter_region(self, queryset: QuerySet, **fields: str) -> QuerySet:
        return queryset.filter(self.region_q(**fields))

    def filter_agency(self, queryset: QuerySet, **fields: str) -> QuerySet:
        return queryset.filter(self.agency_q(**fields))


def scope_for(user: User, *roles: Role) -> Scope:
    """The units `user` may act on in any of `roles` (one query); nothing for anonymous or inactive people."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Scope()
    if user.is_superuser:
        return Scope(whole_region=True)
    rows = RoleAssignment.objects.filter(user=user, role__in=roles).values_list(
        "role", "desa_id", "kecamatan_id", "agency_id"
    )
    whole = all_agencies = False
    kecamatan, desa, agency = set(), set(), set()
    for role, desa_id, kecamatan_id, agency_id in rows:
        if role == Role.BAPPEDA:
            whole = True
        elif role == Role.COMPLAINT_HANDLER and agency_id is None:
            all_agencies = True
        for ids, unit_id in ((desa, desa_id), (kecamatan, kecamatan_id), (agency, agency_id)):
            if unit_id:
                ids.add(unit_id)
    return Scope(whole, frozenset(kecamatan), frozenset(desa), frozenset(agency), all_agencies)


def require_scope(user: User, *roles: Role, desa=None, kecamatan=None, agency=None) -> Scope:
    """The person's scope, or 404 when the unit named is outside it (or they hold none of the roles)."""
    scope = scope_for(user, *roles)
    allowed = not scope.empty
    if desa is not None:
        allowed = allowed and scope.covers_desa(desa)
    if kecamatan is not None:
        allowed = allowed and scope.covers_kecamatan(kecamatan)
    if agency is not None:
        allowed = allowed and scope.covers_agency(agency)
    if not allowed:
        raise Http404
    return scope
