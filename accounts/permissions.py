"""Who may hold which permission.

Two rules, both written down in docs/roles.md:
- privileges over accounts (groups, permissions, two-step devices, sessions, e-mail addresses, queued mail
  holding sign-in links, creating and deleting accounts) belong to superusers only: `User.has_perm` refuses
  them to everyone else, whatever a group or a per-person grant says, so a slip in the admin cannot hand
  them out;
- the "Staf Bappeda" group holds exactly STAFF_PERMISSIONS: what curating and moderating needs, nothing more.
  Reading private consultations is never in it; a superuser grants it person by person.
"""

from django.contrib.auth.models import Group, Permission
from django.db.models import Q

# App labels whose every permission is a superuser's: auth (groups, permissions), allauth's account (e-mail
# addresses), mfa (two-step devices), usersessions, and the task queue (its rows hold queued e-mails with
# password-reset and invitation links), and the agencies' API tokens (a token decides usulan for an agency
# with no person's role behind it: issuing one is granting the agency verifier's power to whoever holds it).
SUPERUSER_ONLY_APPS = frozenset({"auth", "account", "mfa", "usersessions", "django_tasks_database", "api"})
SUPERUSER_ONLY_PERMISSIONS = frozenset({"accounts.add_user", "accounts.delete_user"})

STAFF_GROUP = "Staf Bappeda"
STAFF_PERMISSIONS = frozenset(
    {
        # People: look accounts up (e.g. to make one an expert); change only a citizen's display name and
        # whether the account is active (the user admin enforces which fields and which accounts).
        "accounts.view_user",
        "accounts.change_user",
        # Region data (units are imported from the official codes; staff correct them, and retire a unit by
        # switching it off, never delete one people point at) and agencies.
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
        # Roles over a part of the region: staff assign them (never to themselves; the grantor is recorded).
        "accounts.view_roleassignment",
        "accounts.add_roleassignment",
        "accounts.change_roleassignment",
        "accounts.delete_roleassignment",
        # Musrenbang: the fields (bidang), the yearly cycles and their stage windows; usulan are decided on the
        # site by people holding a role over their unit, staff read them (and reopenings) in the admin.
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
        # The columns of the SIPD-shaped export (header text and what each holds, in order).
        "musrenbang.view_sipdcolumn",
        "musrenbang.add_sipdcolumn",
        "musrenbang.change_sipdcolumn",
        "musrenbang.delete_sipdcolumn",
        # Perencanaan: the RPJMD priorities and the agencies' Renstra programmes and activities (kept by hand or
        # imported from XLSX, which needs add and change on both); an item that left the Renstra is switched off,
        # never deleted (usulan point at it). Who imported what is read-only.
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
        # Pengaduan: the categories, their routes to agencies and the canned responses; complaints themselves are
        # handled on the site by people holding a complaint role, staff only read them in the admin.
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
        # Pengumuman and Agenda: announcements; events, their groups and kept places, invited participants,
        # moderating aspirations. Selecting participants (the page shows names and accessibility needs, which
        # can reveal a disability) is "Dapat memilih peserta acara", granted person by person by a superuser.
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
        # Working-day calendar: the region's own decrees.
        "kalender.view_calendarchange",
        "kalender.add_calendarchange",
        "kalender.change_calendarchange",
        "kalender.delete_calendarchange",
        # RPJPD: curate sections and topics, moderate replies (hide/restore; never delete what citizens wrote).
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
        # Konsultasi: manage experts and their fields; see who read which private consultation.
        "konsultasi.view_field",
        "konsultasi.add_field",
        "konsultasi.change_field",
        "konsultasi.delete_field",
        "konsultasi.view_expert",
        "konsultasi.add_expert",
        "konsultasi.change_expert",
        "konsultasi.view_accessrecord",
        # Pustaka: the whole library.
        "pustaka.view_category",
        "pustaka.add_category",
        "pustaka.change_category",
        "pustaka.delete_category",
        "pustaka.view_documenttype",
        "pustaka.add_documenttype",
        "pustaka.change_documenttype",
        "pustaka.delete_documenttype",
        "pustaka.view_subject",
        "pustaka.add_subject",
        "pustaka.change_subject",
        "pustaka.delete_subject",
        "pustaka.view_document",
        "pustaka.add_document",
        "pustaka.change_document",
        "pustaka.delete_document",
        "pustaka.view_documentfile",
        "pustaka.add_documentfile",
        "pustaka.change_documentfile",
        "pustaka.delete_documentfile",
    }
)


def is_superuser_only(perm: str) -> bool:
    return perm in SUPERUSER_ONLY_PERMISSIONS or perm.partition(".")[0] in SUPERUSER_ONLY_APPS


def staff_group_ensure() -> Group:
    """Create or reset the "Staf Bappeda" group to exactly STAFF_PERMISSIONS (idempotent)."""
    group, _created = Group.objects.get_or_create(name=STAFF_GROUP)
    wanted = Q(pk__in=[])
    for perm in STAFF_PERMISSIONS:
        app_label, codename = perm.split(".")
        wanted |= Q(content_type__app_label=app_label, codename=codename)
    permissions = list(Permission.objects.filter(wanted).select_related("content_type"))
    missing = STAFF_PERMISSIONS - {f"{p.content_type.app_label}.{p.codename}" for p in permissions}
    if missing:
        raise LookupError(f"permissions not in the database (run migrate): {sorted(missing)}")
    group.permissions.set(permissions)
    return group
