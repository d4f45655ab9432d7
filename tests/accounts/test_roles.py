"""Roles over a part of the region: who may act where (roles × units), and out of scope is 404."""

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse

from accounts.models import Role, RoleAssignment
from accounts.roles import require_scope, scope_for
from tests.helpers import client_for, make_user
from wilayah.models import Agency, Desa, Kecamatan

pytestmark = pytest.mark.django_db


@pytest.fixture
def units(kecamatan):
    samboja = Kecamatan.objects.get(name="Samboja")
    return {
        "Maluhu": Desa.objects.get(name="Maluhu"),
        "Sukarame": Desa.objects.get(name="Sukarame"),  # same kecamatan as Maluhu
        "Kampung Lama": Desa.objects.get(name="Kampung Lama"),
        "Tenggarong": kecamatan,
        "Samboja": samboja,
        "PUPR": Agency.objects.create(name="Dinas PUPR", short_name="PUPR", kind="dinas"),
        "Dinkes": Agency.objects.create(name="Dinas Kesehatan", short_name="Dinkes", kind="dinas"),
    }


@pytest.fixture
def holders(units, citizen):
    def holder(username, role, **unit):
        person = make_user(username, display_name=username)
        RoleAssignment.objects.create(user=person, role=role, **unit)
        return person

    return {
        "operator Maluhu": holder("op.maluhu", Role.OPERATOR_DESA, desa=units["Maluhu"]),
        "operator Tenggarong": holder("op.tenggarong", Role.OPERATOR_KECAMATAN, kecamatan=units["Tenggarong"]),
        "verifier PUPR": holder("ver.pupr", Role.AGENCY_VERIFIER, agency=units["PUPR"]),
        "handler PUPR": holder("adu.pupr", Role.COMPLAINT_HANDLER, agency=units["PUPR"]),
        "handler all": holder("adu.semua", Role.COMPLAINT_HANDLER),
        "bappeda": holder("bappeda", Role.BAPPEDA),
        "citizen": citizen,
        "superuser": make_user("root", display_name="Root", is_staff=True, is_superuser=True),
    }


ALL = list(Role)
# person → the units they may act on in any role (everything else: 404)
EXPECTED = {
    "operator Maluhu": {"Maluhu"},
    "operator Tenggarong": {"Maluhu", "Sukarame", "Tenggarong"},
    "verifier PUPR": {"PUPR"},
    "handler PUPR": {"PUPR"},
    "handler all": {"PUPR", "Dinkes"},
    "bappeda": {"Maluhu", "Sukarame", "Kampung Lama", "Tenggarong", "Samboja", "PUPR", "Dinkes"},
    "citizen": set(),
    "superuser": {"Maluhu", "Sukarame", "Kampung Lama", "Tenggarong", "Samboja", "PUPR", "Dinkes"},
}


def unit_kwargs(unit):
    return {Desa: "desa", Kecamatan: "kecamatan", Agency: "agency"}[type(unit)]


@pytest.mark.parametrize("person", sorted(EXPECTED))
def test_roles_by_units_access_matrix(holders, units, person):
    allowed = set()
    for name, unit in units.items():
        try:
            require_scope(holders[person], *ALL, **{unit_kwargs(unit): unit})
        except Http404:
            continue
        allowed.add(name)
    assert allowed == EXPECTED[person]


def test_a_role_counts_only_for_itself(holders, units):
    operator = holders["operator Maluhu"]
    assert scope_for(operator, Role.OPERATOR_DESA).covers_desa(units["Maluhu"])
    assert scope_for(operator, Role.COMPLAINT_HANDLER).empty
    with pytest.raises(Http404):
        require_scope(operator, Role.AGENCY_VERIFIER, desa=units["Maluhu"])


def test_a_person_may_hold_several_roles(holders, units):
    person = holders["operator Maluhu"]
    RoleAssignment.objects.create(user=person, role=Role.AGENCY_VERIFIER, agency=units["Dinkes"])
    scope = scope_for(person, *ALL)
    assert scope.covers_desa(units["Maluhu"]) and scope.covers_agency(units["Dinkes"])
    assert not scope.covers_agency(units["PUPR"])


def test_scope_filters_records_by_desa_and_kecamatan(holders, units, citizen2):
    from accounts.models import User

    citizen2.kecamatan, citizen2.desa = units["Tenggarong"], units["Sukarame"]
    citizen2.save()
    people = User.objects.exclude(desa=None)
    operator_maluhu = scope_for(holders["operator Maluhu"], *ALL).filter_region(people)
    operator_tenggarong = scope_for(holders["operator Tenggarong"], *ALL).filter_region(people)
    assert list(operator_maluhu) == []
    assert list(operator_tenggarong) == [citizen2]


def test_deactivated_people_and_anonymous_act_nowhere(holders, units):
    from django.contrib.auth.models import AnonymousUser

    bappeda = holders["bappeda"]
    bappeda.is_active = False
    assert scope_for(bappeda, *ALL).empty
    assert scope_for(AnonymousUser(), *ALL).empty


@pytest.mark.parametrize(
    ("role", "unit", "ok"),
    [
        (Role.OPERATOR_DESA, "Maluhu", True),
        (Role.OPERATOR_DESA, "Tenggarong", False),
        (Role.OPERATOR_DESA, None, False),
        (Role.OPERATOR_KECAMATAN, "Tenggarong", True),
        (Role.OPERATOR_KECAMATAN, "PUPR", False),
        (Role.AGENCY_VERIFIER, "PUPR", True),
        (Role.AGENCY_VERIFIER, None, False),
        (Role.COMPLAINT_HANDLER, None, True),
        (Role.BAPPEDA, None, True),
        (Role.BAPPEDA, "Samboja", False),
    ],
)
def test_each_role_is_held_over_its_own_kind_of_unit(units, citizen, role, unit, ok):
    assignment = RoleAssignment(user=citizen, role=role)
    if unit:
        setattr(assignment, unit_kwargs(units[unit]), units[unit])
    if ok:
        assignment.full_clean()
    else:
        with pytest.raises(ValidationError):
            assignment.full_clean()


def test_superuser_assigns_a_role_in_the_admin_and_is_recorded(units, citizen):
    root = make_user("root", display_name="Root", is_staff=True, is_superuser=True)
    response = client_for(root).post(
        reverse("admin:accounts_roleassignment_add"),
        {"user": citizen.pk, "role": Role.OPERATOR_DESA, "desa": units["Maluhu"].pk},
    )
    assert response.status_code == 302
    assignment = RoleAssignment.objects.get(user=citizen)
    assert assignment.granted_by == root and assignment.desa == units["Maluhu"]


def test_staff_cannot_give_themselves_a_role(units, staff):
    from django.contrib.auth.models import Permission

    staff.user_permissions.add(*Permission.objects.filter(codename__endswith="roleassignment"))
    response = client_for(staff).post(
        reverse("admin:accounts_roleassignment_add"), {"user": staff.pk, "role": Role.BAPPEDA}
    )
    assert response.status_code == 200
    assert "tidak dapat memberi peran kepada diri sendiri" in response.content.decode()
    assert not RoleAssignment.objects.exists()


def test_staff_without_the_permission_cannot_open_role_admin(staff):
    assert client_for(staff).get(reverse("admin:accounts_roleassignment_changelist")).status_code == 403
