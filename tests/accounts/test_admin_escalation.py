"""A Bappeda staff member in the admin cannot grant themselves anything, take over an account or touch anyone's
two-step devices: every attempt is 403 (or a refused form) and nothing changes. A superuser still can, and a
password a superuser sets is recorded."""

import io

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.urls import reverse

from accounts.demo import seed_staff_group
from accounts.models import User
from konsultasi.models import Expert
from tests.helpers import PASSWORD, client_for, make_user

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "Diambil-alih-2045"

# The "Staf Bappeda" group, as docs/roles.md lists it. A change to the group must change this list too.
STAFF_PERMISSIONS = {
    "accounts.view_user",
    "accounts.change_user",
    "wilayah.view_regionprofile",
    "wilayah.change_regionprofile",
    "wilayah.view_kecamatan",
    "wilayah.change_kecamatan",
    "wilayah.view_desa",
    "wilayah.add_desa",
    "wilayah.change_desa",
    "wilayah.view_agency",
    "wilayah.add_agency",
    "wilayah.change_agency",
    "accounts.view_roleassignment",
    "accounts.add_roleassignment",
    "accounts.change_roleassignment",
    "accounts.delete_roleassignment",
    "musrenbang.view_field",
    "musrenbang.add_field",
    "musrenbang.change_field",
    "musrenbang.view_cycle",
    "musrenbang.add_cycle",
    "musrenbang.change_cycle",
    "musrenbang.view_stagewindow",
    "musrenbang.add_stagewindow",
    "musrenbang.change_stagewindow",
    "musrenbang.view_windowreopening",
    "musrenbang.view_usulan",
    "musrenbang.view_usulandocument",
    "musrenbang.view_sipdcolumn",
    "musrenbang.add_sipdcolumn",
    "musrenbang.change_sipdcolumn",
    "musrenbang.delete_sipdcolumn",
    "perencanaan.view_rpjmdpriority",
    "perencanaan.add_rpjmdpriority",
    "perencanaan.change_rpjmdpriority",
    "perencanaan.view_programme",
    "perencanaan.add_programme",
    "perencanaan.change_programme",
    "perencanaan.view_activity",
    "perencanaan.add_activity",
    "perencanaan.change_activity",
    "perencanaan.view_importlog",
    "pengaduan.view_category",
    "pengaduan.add_category",
    "pengaduan.change_category",
    "pengaduan.delete_category",
    "pengaduan.view_categoryroute",
    "pengaduan.add_categoryroute",
    "pengaduan.change_categoryroute",
    "pengaduan.delete_categoryroute",
    "pengaduan.view_cannedresponse",
    "pengaduan.add_cannedresponse",
    "pengaduan.change_cannedresponse",
    "pengaduan.delete_cannedresponse",
    "pengaduan.view_complaint",
    "pengumuman.view_announcement",
    "pengumuman.add_announcement",
    "pengumuman.change_announcement",
    "pengumuman.delete_announcement",
    "agenda.view_event",
    "agenda.add_event",
    "agenda.change_event",
    "agenda.view_participantgroup",
    "agenda.add_participantgroup",
    "agenda.change_participantgroup",
    "agenda.view_application",
    "agenda.add_application",
    "agenda.change_application",
    "agenda.view_groupquota",
    "agenda.add_groupquota",
    "agenda.change_groupquota",
    "agenda.delete_groupquota",
    "agenda.view_aspiration",
    "agenda.change_aspiration",
    "kalender.view_calendarchange",
    "kalender.add_calendarchange",
    "kalender.change_calendarchange",
    "kalender.delete_calendarchange",
    "rpjpd.view_section",
    "rpjpd.change_section",
    "rpjpd.view_topic",
    "rpjpd.add_topic",
    "rpjpd.change_topic",
    "rpjpd.view_reply",
    "rpjpd.change_reply",
    "rpjpd.view_report",
    "rpjpd.view_moderationqueueentry",
    "rpjpd.change_moderationqueueentry",
    "konsultasi.view_field",
    "konsultasi.add_field",
    "konsultasi.change_field",
    "konsultasi.delete_field",
    "konsultasi.view_expert",
    "konsultasi.add_expert",
    "konsultasi.change_expert",
    "konsultasi.view_accessrecord",
    *(
        f"pustaka.{action}_{model}"
        for model in ["category", "documenttype", "subject", "document", "documentfile"]
        for action in ["view", "add", "change", "delete"]
    ),
}


@pytest.fixture
def bappeda(staff):
    """The staff cast member in the demo's "Staf Bappeda" group."""
    staff.groups.add(seed_staff_group())
    return staff


@pytest.fixture
def colleague(db):
    other = make_user("staf2", display_name="Staf Kedua", is_staff=True)
    other.groups.add(seed_staff_group())
    return other


@pytest.fixture
def superuser(db):
    return make_user("super", display_name="Admin Utama", is_staff=True, is_superuser=True)


def change_url(user):
    return reverse("admin:accounts_user_change", args=[user.pk])


def password_url(user):
    return reverse("admin:auth_user_password_change", args=[user.pk])


def user_form(user, **overrides):
    """Everything the superuser's change form posts, as an attacker would fill it."""
    data = {
        "username": user.username,
        "email": user.email,
        "first_name": "",
        "last_name": "",
        "display_name": user.display_name,
        "is_active": "on",
        "date_joined_0": "2025-01-01",
        "date_joined_1": "08:00:00",
        "emailaddress_set-TOTAL_FORMS": "0",
        "emailaddress_set-INITIAL_FORMS": "0",
        "emailaddress_set-MIN_NUM_FORMS": "0",
        "emailaddress_set-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return data


def privileges(user) -> tuple:
    user.refresh_from_db()
    return (user.is_superuser, user.is_staff, set(user.groups.all()), set(user.user_permissions.all()))


def test_the_staff_group_holds_exactly_the_documented_permissions(db):
    group = seed_staff_group()
    held = {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")}
    assert held == STAFF_PERMISSIONS
    assert "konsultasi.read_private_consultation" not in held


def test_staff_cannot_make_themselves_superuser(bappeda):
    before = privileges(bappeda)
    read_private = Permission.objects.get(codename="read_private_consultation")
    attempt = user_form(
        bappeda,
        is_staff="on",
        is_superuser="on",
        groups=[str(g.pk) for g in Group.objects.all()],
        user_permissions=[str(read_private.pk)],
    )
    assert client_for(bappeda).post(change_url(bappeda), attempt).status_code == 403
    assert privileges(bappeda) == before
    assert not bappeda.has_perm("konsultasi.read_private_consultation")


def test_staff_cannot_grant_privileges_through_a_citizens_account(bappeda, citizen):
    read_private = Permission.objects.get(codename="read_private_consultation")
    attempt = user_form(
        citizen,
        username="siti.baru",
        email="penyerang@contoh.id",
        display_name="Siti A.",
        is_staff="on",
        is_superuser="on",
        groups=[str(seed_staff_group().pk)],
        user_permissions=[str(read_private.pk)],
    )
    response = client_for(bappeda).post(change_url(citizen), attempt)
    assert response.status_code == 302
    citizen.refresh_from_db()
    assert citizen.display_name == "Siti A."  # what staff may change
    assert (citizen.username, citizen.email) == ("siti", "siti@contoh.id")
    assert privileges(citizen) == (False, False, set(), set())


def test_staff_can_deactivate_a_citizen(bappeda, citizen):
    data = user_form(citizen)
    del data["is_active"]
    client_for(bappeda).post(change_url(citizen), data)
    citizen.refresh_from_db()
    assert citizen.is_active is False


@pytest.mark.parametrize("whose", ["expert", "colleague", "citizen", "self", "superuser"])
def test_staff_cannot_set_anyones_password(request, bappeda, whose):
    target = bappeda if whose == "self" else request.getfixturevalue(whose)
    form = {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true"}
    client = client_for(bappeda)
    assert client.get(password_url(target)).status_code == 403
    assert client.post(password_url(target), form).status_code == 403
    target.refresh_from_db()
    assert target.check_password(PASSWORD) and not target.check_password(NEW_PASSWORD)


def test_staff_cannot_edit_or_delete_another_staff_member(bappeda, colleague):
    before = privileges(colleague)
    client = client_for(bappeda)
    attempt = user_form(colleague, display_name="Diubah", email="penyerang@contoh.id")
    assert client.post(change_url(colleague), attempt).status_code == 403
    delete = reverse("admin:accounts_user_delete", args=[colleague.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    colleague.refresh_from_db()
    assert (colleague.display_name, colleague.email) == ("Staf Kedua", "staf2@contoh.id")
    assert privileges(colleague) == before


def test_staff_cannot_add_or_delete_accounts(bappeda, citizen):
    client = client_for(bappeda)
    new = {"username": "boneka", "display_name": "Boneka", "email": "b@contoh.id"}
    new.update({"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true"})
    assert client.post(reverse("admin:accounts_user_add"), new).status_code == 403
    assert client.post(reverse("admin:accounts_user_delete", args=[citizen.pk]), {"post": "yes"}).status_code == 403
    bulk = {"action": "delete_selected", "_selected_action": [citizen.pk], "post": "yes"}
    client.post(reverse("admin:accounts_user_changelist"), bulk)
    assert User.objects.filter(username="siti").exists() and not User.objects.filter(username="boneka").exists()


def test_staff_cannot_add_a_permission_to_their_own_group(bappeda):
    group = Group.objects.get(name="Staf Bappeda")
    # Even if someone had granted them the group permissions directly.
    bappeda.user_permissions.add(*Permission.objects.filter(content_type__app_label="auth"))
    before = set(group.permissions.all())
    read_private = Permission.objects.get(codename="read_private_consultation")
    form = {"name": group.name, "permissions": [str(p.pk) for p in [*before, read_private]]}
    client = client_for(bappeda)
    assert client.post(reverse("admin:auth_group_change", args=[group.pk]), form).status_code == 403
    assert (
        client.post(reverse("admin:auth_group_add"), {"name": "Lain", "permissions": [read_private.pk]}).status_code
        == 403
    )
    assert set(group.permissions.all()) == before and not Group.objects.filter(name="Lain").exists()
    bappeda = User.objects.get(pk=bappeda.pk)
    assert not bappeda.has_perm("auth.change_group") and not bappeda.has_module_perms("auth")


def test_staff_cannot_touch_two_step_devices_sessions_or_email_addresses(bappeda, expert):
    device = Authenticator.objects.create(user=expert, type=Authenticator.Type.TOTP, data={"secret": "x"})
    session = UserSession.objects.create(user=expert, ip="127.0.0.1", session_key="k" * 32, user_agent="t")
    address = EmailAddress.objects.get(user=expert)
    client = client_for(bappeda)
    for name in ["mfa_authenticator", "usersessions_usersession", "account_emailaddress"]:
        assert client.get(reverse(f"admin:{name}_changelist")).status_code == 403
    assert client.post(reverse("admin:mfa_authenticator_delete", args=[device.pk]), {"post": "yes"}).status_code == 403
    assert (
        client.post(reverse("admin:usersessions_usersession_delete", args=[session.pk]), {"post": "yes"}).status_code
        == 403
    )
    email_form = {"user": bappeda.pk, "email": address.email, "verified": "on", "primary": "on"}
    assert client.post(reverse("admin:account_emailaddress_add"), email_form).status_code == 403
    assert client.get(reverse("admin:django_tasks_database_dbtaskresult_changelist")).status_code == 403
    assert Authenticator.objects.filter(pk=device.pk).exists() and UserSession.objects.filter(pk=session.pk).exists()
    assert list(EmailAddress.objects.filter(email=address.email).values_list("user", flat=True)) == [expert.pk]


def test_staff_cannot_move_an_expert_profile_to_their_own_account(bappeda, expert):
    profile = expert.expert_profile
    form = {
        "user": bappeda.pk,
        "full_name": profile.full_name,
        "institution": profile.institution,
        "accepting_consultations": "on",
    }
    client_for(bappeda).post(reverse("admin:konsultasi_expert_change", args=[profile.pk]), form)
    profile.refresh_from_db()
    assert profile.user == expert


def test_staff_cannot_turn_a_staff_account_into_an_expert(bappeda):
    form = {"user": bappeda.pk, "full_name": "Staf Pakar", "institution": "Bappeda"}
    response = client_for(bappeda).post(reverse("admin:konsultasi_expert_add"), form)
    assert response.status_code == 200  # the form again, refused
    assert not Expert.objects.filter(user=bappeda).exists()


def test_inviting_an_address_an_account_already_uses_is_refused(bappeda, citizen):
    EmailAddress.objects.create(user=citizen, email="siti.kedua@contoh.id", verified=True, primary=False)
    form = {"invite_email": "SITI.KEDUA@contoh.id", "full_name": "Siti", "institution": "Unmul"}
    response = client_for(bappeda).post(reverse("admin:konsultasi_expert_add"), form)
    assert "sudah punya akun" in response.content.decode()
    assert User.objects.count() == 2


def test_superuser_can_still_grant_privileges(superuser, citizen):
    attempt = user_form(citizen, is_staff="on", is_superuser="on", groups=[str(seed_staff_group().pk)])
    assert client_for(superuser).post(change_url(citizen), attempt).status_code == 302
    assert privileges(citizen)[:3] == (True, True, {Group.objects.get(name="Staf Bappeda")})


def test_a_superuser_setting_a_password_is_recorded(superuser, expert):
    form = {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true"}
    assert client_for(superuser).post(password_url(expert), form).status_code == 302
    expert.refresh_from_db()
    assert expert.check_password(NEW_PASSWORD)
    entry = LogEntry.objects.get(object_id=str(expert.pk))
    assert entry.user == superuser and "sandi" in entry.get_change_message().lower()  # "Sandi berubah."


def test_the_staff_group_command_resets_the_group_to_the_documented_permissions(db):
    group = seed_staff_group()
    group.permissions.add(Permission.objects.get(codename="read_private_consultation"))
    call_command("staff_group", stdout=io.StringIO())
    held = {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")}
    assert held == STAFF_PERMISSIONS


def test_staff_cannot_issue_see_or_revoke_agency_api_tokens(bappeda, superuser):
    # A token decides usulan for an agency with no person's role behind it: issuing one is a superuser's act.
    from api.models import AgencyToken
    from wilayah.models import Agency

    agency = Agency.objects.create(name="Dinas Pekerjaan Umum", short_name="Dinas PU", kind="dinas")
    client = client_for(bappeda)
    add = reverse("admin:api_agencytoken_add")
    assert client.get(reverse("admin:api_agencytoken_changelist")).status_code == 403
    assert client.post(add, {"agency": agency.pk, "name": "Milik saya"}).status_code == 403
    assert not AgencyToken.objects.exists()
    assert not bappeda.has_module_perms("api")

    issued = client_for(superuser).post(add, {"agency": agency.pk, "name": "E-Perencanaan Dinas PU"})
    token = AgencyToken.objects.get()
    plain = issued.context["plain_token"]
    assert plain.startswith(f"rr_{token.prefix}_") and plain in issued.content.decode()
    assert token.issued_by == superuser
    # Shown once: the token's own page never shows it again.
    page = client_for(superuser).get(reverse("admin:api_agencytoken_change", args=[token.pk])).content.decode()
    assert plain not in page and token.prefix in page
    revoke = {"action": "revoke", "_selected_action": [token.pk]}
    assert client.post(reverse("admin:api_agencytoken_changelist"), revoke).status_code == 403
    token.refresh_from_db()
    assert token.revoked_at is None
