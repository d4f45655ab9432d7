"""Who may decide an usulan: whoever is in charge of its current stage for its unit (accounts.roles); anyone
else gets 404, so the operator pages of other units look absent."""

from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from accounts.models import Role
from accounts.roles import Scope, scope_for
from musrenbang.models import StageWindow, Usulan, UsulanImport
from musrenbang.services import DECIDER_ROLES, Decider, decider_for


def require_decider_scope(request: HttpRequest) -> Scope:
    """The person's scope over usulan in any deciding role; 404 when they hold none."""
    scope = scope_for(request.user, *DECIDER_ROLES)
    if scope.empty:
        raise Http404
    return scope


@dataclass(frozen=True)
class DecisionAccess:
    usulan: Usulan
    decider: Decider


def get_usulan_for_decider(request: HttpRequest, code: str) -> DecisionAccess:
    """The usulan and the role the person decides it in at its current stage; 404 when it is not theirs."""
    scope = require_decider_scope(request)
    usulan = get_object_or_404(Usulan.objects.for_page(), code=code)
    decider = decider_for(user=request.user, usulan=usulan, scope=scope)
    if decider is None:
        raise Http404
    return DecisionAccess(usulan, decider)


def get_window_for_bappeda(request: HttpRequest, pk: int) -> StageWindow:
    scope = require_decider_scope(request)
    if not scope.whole_region:
        raise Http404
    return get_object_or_404(StageWindow.objects.select_related("cycle"), pk=pk)


def require_import_scope(request: HttpRequest) -> Scope:
    """Who imports a desa's recap: operators desa (for their own desa) and Bappeda; 404 for anyone else."""
    scope = scope_for(request.user, Role.OPERATOR_DESA, Role.BAPPEDA)
    if not (scope.whole_region or scope.desa_ids):
        raise Http404
    return scope


def get_import_for_user(request: HttpRequest, pk: int) -> UsulanImport:
    """An upload, for Bappeda and the operators of its desa (whoever uploaded it); 404 for anyone else."""
    scope = require_import_scope(request)
    batch = get_object_or_404(UsulanImport.objects.select_related("cycle", "desa", "desa__kecamatan"), pk=pk)
    if not (scope.whole_region or batch.desa_id in scope.desa_ids):
        raise Http404
    return batch


def sipd_allowed(scope: Scope) -> bool:
    return scope.whole_region or bool(scope.agency_ids)


def usulan_for_sipd(request: HttpRequest, usulan: QuerySet) -> QuerySet:
    """The usulan a person may export for SIPD: Bappeda every one, an agency verifier those sent to their agency;
    404 for anyone else."""
    scope = scope_for(request.user, Role.AGENCY_VERIFIER, Role.BAPPEDA)
    if scope.whole_region:
        return usulan
    if not scope.agency_ids:
        raise Http404
    return usulan.filter(agency__in=scope.agency_ids)
