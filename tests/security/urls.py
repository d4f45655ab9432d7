"""Every URL of the project, built for the objects in conftest.objects. The security tests walk the URL
configuration and fail when a pattern is missing here, so a new page cannot skip them."""

from django.urls import URLPattern, URLResolver, get_resolver, reverse

# name → a function of the objects giving the path to request
PATHS = {
    "home": lambda o: reverse("home"),
    "guide": lambda o: reverse("guide"),
    "healthz": lambda o: reverse("healthz"),
    "robots_txt": lambda o: reverse("robots_txt"),
    "favicon": lambda o: reverse("favicon"),
    "accounts:profile": lambda o: reverse("accounts:profile"),
    "account_login": lambda o: reverse("account_login"),
    "account_logout": lambda o: reverse("account_logout"),
    "account_inactive": lambda o: reverse("account_inactive"),
    "account_signup": lambda o: reverse("account_signup"),
    "account_reauthenticate": lambda o: reverse("account_reauthenticate"),
    "account_email": lambda o: reverse("account_email"),
    "account_email_verification_sent": lambda o: reverse("account_email_verification_sent"),
    "account_change_password": lambda o: reverse("account_change_password"),
    "account_set_password": lambda o: reverse("account_set_password"),
    "account_reset_password": lambda o: reverse("account_reset_password"),
    "account_confirm_login_code": lambda o: reverse("account_confirm_login_code"),
    "account_confirm_email": lambda o: reverse("account_confirm_email", args=["kunci-palsu"]),
    "account_reset_password_from_key_done": lambda o: reverse("account_reset_password_from_key_done"),
    "account_reset_password_from_key": lambda o: reverse("account_reset_password_from_key", args=["1", "kunci-palsu"]),
    "account_reset_password_done": lambda o: reverse("account_reset_password_done"),
    "mfa_index": lambda o: reverse("mfa_index"),
    "mfa_authenticate": lambda o: reverse("mfa_authenticate"),
    "mfa_reauthenticate": lambda o: reverse("mfa_reauthenticate"),
    "mfa_activate_totp": lambda o: reverse("mfa_activate_totp"),
    "mfa_deactivate_totp": lambda o: reverse("mfa_deactivate_totp"),
    "mfa_view_recovery_codes": lambda o: reverse("mfa_view_recovery_codes"),
    "mfa_generate_recovery_codes": lambda o: reverse("mfa_generate_recovery_codes"),
    "mfa_download_recovery_codes": lambda o: reverse("mfa_download_recovery_codes"),
    "usersessions_list": lambda o: reverse("usersessions_list"),
    "rpjpd:index": lambda o: reverse("rpjpd:index"),
    "rpjpd:reply": lambda o: reverse("rpjpd:reply", args=[o.reply.pk]),
    "rpjpd:answer": lambda o: reverse("rpjpd:answer", args=[o.reply.pk]),
    "rpjpd:edit": lambda o: reverse("rpjpd:edit", args=[o.reply.pk]),
    "rpjpd:delete": lambda o: reverse("rpjpd:delete", args=[o.reply.pk]),
    "rpjpd:report": lambda o: reverse("rpjpd:report", args=[o.reply.pk]),
    "rpjpd:thread": lambda o: reverse("rpjpd:thread", args=[o.reply.pk]),
    "rpjpd:section": lambda o: o.section.get_absolute_url(),
    "rpjpd:topic": lambda o: o.topic.get_absolute_url(),
    "rpjpd:reply_to_topic": lambda o: reverse("rpjpd:reply_to_topic", args=[o.section.slug, o.topic.slug]),
    "konsultasi:index": lambda o: reverse("konsultasi:index"),
    "konsultasi:mine": lambda o: reverse("konsultasi:mine"),
    "konsultasi:staff_list": lambda o: reverse("konsultasi:staff_list"),
    "konsultasi:expert": lambda o: reverse("konsultasi:expert", args=[o.expert.pk]),
    "konsultasi:create": lambda o: reverse("konsultasi:create", args=[o.expert.pk]),
    "konsultasi:detail": lambda o: reverse("konsultasi:detail", args=[o.consultation.pk]),
    "konsultasi:send": lambda o: reverse("konsultasi:send", args=[o.consultation.pk]),
    "konsultasi:close": lambda o: reverse("konsultasi:close", args=[o.consultation.pk]),
    "konsultasi:attachment": lambda o: reverse("konsultasi:attachment", args=[o.consultation.pk, o.message.pk]),
    "pustaka:index": lambda o: reverse("pustaka:index"),
    "pustaka:document_short": lambda o: reverse("pustaka:document_short", args=[o.document.pk]),
    "pustaka:document": lambda o: o.document.get_absolute_url(),
    "pustaka:download": lambda o: reverse("pustaka:download", args=[o.file.pk]),
    "pustaka:view": lambda o: reverse("pustaka:view", args=[o.file.pk]),
    "pustaka:feed": lambda o: reverse("pustaka:feed"),
    "pustaka:data_json": lambda o: reverse("pustaka:data_json"),
    "pustaka:data_csv": lambda o: reverse("pustaka:data_csv"),
    "musrenbang:index": lambda o: reverse("musrenbang:index"),
    "musrenbang:create": lambda o: reverse("musrenbang:create"),
    "musrenbang:download": lambda o: reverse("musrenbang:download"),
    "musrenbang:feed_kecamatan": lambda o: reverse("musrenbang:feed_kecamatan", args=[o.usulan.kecamatan_id]),
    "musrenbang:feed_desa": lambda o: reverse("musrenbang:feed_desa", args=[o.usulan.desa_id]),
    "musrenbang:worklist": lambda o: reverse("musrenbang:worklist"),
    "musrenbang:sipd_download": lambda o: reverse("musrenbang:sipd_download"),
    "musrenbang:record": lambda o: reverse("musrenbang:record"),
    "musrenbang:import_upload": lambda o: reverse("musrenbang:import_upload"),
    "musrenbang:import_template": lambda o: reverse("musrenbang:import_template"),
    "musrenbang:import_detail": lambda o: reverse("musrenbang:import_detail", args=[o.usulan_import.pk]),
    "musrenbang:import_apply": lambda o: reverse("musrenbang:import_apply", args=[o.usulan_import.pk]),
    "musrenbang:window_reopen": lambda o: reverse("musrenbang:window_reopen", args=[o.window.pk]),
    "musrenbang:decide": lambda o: reverse("musrenbang:decide", args=[o.usulan.code]),
    "musrenbang:detail": lambda o: o.usulan.get_absolute_url(),
    "musrenbang:follow": lambda o: reverse("musrenbang:follow", args=[o.usulan.code]),
    "pengaduan:index": lambda o: reverse("pengaduan:index"),
    "pengaduan:create": lambda o: reverse("pengaduan:create"),
    "pengaduan:mine": lambda o: reverse("pengaduan:mine"),
    "pengaduan:confirm": lambda o: reverse("pengaduan:confirm", args=[o.complaint.code, "kunci-palsu"]),
    "pengaduan:track": lambda o: o.complaint.tracking_url(),
    "pengaduan:queue": lambda o: reverse("pengaduan:queue"),
    "pengaduan:record": lambda o: reverse("pengaduan:record"),
    "pengaduan:report": lambda o: reverse("pengaduan:report"),
    "pengaduan:manage": lambda o: o.complaint.manage_url(),
    "pengaduan:act": lambda o: reverse("pengaduan:act", args=[o.complaint.code, "verifikasi"]),
    "pengaduan:attachment": lambda o: reverse("pengaduan:attachment", args=[o.complaint.code, o.complaint_file.pk]),
    "pengaduan:open311_services": lambda o: reverse("pengaduan:open311_services"),
    "pengaduan:open311_requests": lambda o: reverse("pengaduan:open311_requests"),
    "pengaduan:open311_request": lambda o: reverse("pengaduan:open311_request", args=[o.complaint.code]),
    "pengaduan:detail": lambda o: o.complaint.get_absolute_url(),
    "pengumuman:index": lambda o: reverse("pengumuman:index"),
    "pengumuman:detail": lambda o: o.announcement.get_absolute_url(),
    "pengumuman:feed": lambda o: reverse("pengumuman:feed"),
    "pengumuman:embed": lambda o: reverse("pengumuman:embed"),
    "pengumuman:install": lambda o: reverse("pengumuman:install"),
    "agenda:index": lambda o: reverse("agenda:index"),
    "agenda:calendar": lambda o: reverse("agenda:calendar"),
    "agenda:detail": lambda o: o.event.get_absolute_url(),
    "agenda:apply": lambda o: reverse("agenda:apply", args=[o.event.pk]),
    "agenda:aspiration": lambda o: reverse("agenda:aspiration", args=[o.event.pk]),
    "agenda:decline": lambda o: reverse("agenda:decline", args=[o.decline_token]),
    "agenda:staff_index": lambda o: reverse("agenda:staff_index"),
    "agenda:staff_selection": lambda o: reverse("agenda:staff_selection", args=[o.event.pk]),
    "agenda:attendance": lambda o: reverse("agenda:attendance", args=[o.event.pk]),
    "agenda:staff_aspiration": lambda o: reverse("agenda:staff_aspiration", args=[o.aspiration.pk]),
    "insight:index": lambda o: reverse("insight:index"),
    "insight:download": lambda o: reverse("insight:download"),
    "api:api-root": lambda o: reverse("api:api-root"),
    "api:openapi-json": lambda o: reverse("api:openapi-json"),
    "api:usulan_list": lambda o: reverse("api:usulan_list"),
    "api:usulan_detail": lambda o: reverse("api:usulan_detail", args=[o.usulan.code]),
    "api:usulan_decide": lambda o: reverse("api:usulan_decide", args=[o.usulan.code]),
    "admin:index": lambda o: reverse("admin:index"),
    "admin_login": lambda o: reverse("admin_login"),
}
# Served only with DEBUG on (local media); never in production.
DEBUG_ONLY = {"django.views.static.serve"}


def project_url_names() -> set[str]:
    """Every named URL of the project; the admin counts as one (its own login guards all of it)."""
    names = set()

    def walk(patterns, namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace == "admin":
                    names.add("admin:index")
                    continue
                walk(pattern.url_patterns, namespace + (f"{pattern.namespace}:" if pattern.namespace else ""))
            elif isinstance(pattern, URLPattern):
                callback = pattern.callback
                module = f"{callback.__module__}.{getattr(callback, '__name__', type(callback).__name__)}"
                if module not in DEBUG_ONLY:
                    names.add(namespace + (pattern.name or module))

    walk(get_resolver().url_patterns)
    return names
