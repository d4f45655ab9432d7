"""axe-core over every main page, signed out and signed in, on a phone-sized screen: no serious or critical
violation. (Minor and moderate ones are printed, for the next round of polish.)"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse

from konsultasi import services as konsultasi_services
from rpjpd import services as rpjpd_services
from tests.browser.conftest import PHONE
from tests.insight.conftest import world  # noqa: F401 — the dashboard's hand-counted region

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
BLOCKING = {"serious", "critical"}


@pytest.fixture
def content(citizen, citizen2, expert, topic, make_document):
    reply = rpjpd_services.reply_create(topic=topic, author=citizen, body="Jalan desa rusak saat hujan.")
    rpjpd_services.reply_create(topic=topic, author=citizen2, body="Setuju, di Tabang juga.", parent=reply)
    consultation = konsultasi_services.consultation_open(
        citizen=citizen, expert=expert.expert_profile, subject="Air sumur keruh", body="Sejak banjir air keruh."
    )
    document = make_document("Perda Irigasi Desa", pdf_lines=["Irigasi desa."], subjects=["Irigasi"])
    return {"topic": topic, "reply": reply, "consultation": consultation, "document": document}


def pages_for(role, content, expert) -> list[str]:
    public = [
        reverse("home"),
        reverse("guide"),
        reverse("rpjpd:index"),
        content["topic"].section.get_absolute_url(),
        content["topic"].get_absolute_url(),
        reverse("rpjpd:thread", args=[content["reply"].pk]),
        reverse("konsultasi:index"),
        reverse("konsultasi:expert", args=[expert.expert_profile.pk]),
        reverse("pustaka:index") + "?q=irigasi",
        content["document"].get_absolute_url(),
        "/halaman-yang-tidak-ada/",
    ]
    if role == "anonymous":
        return [*public, reverse("account_login"), reverse("account_signup"), reverse("account_reset_password")]
    if role == "citizen":
        return [
            *public,
            reverse("rpjpd:answer", args=[content["reply"].pk]),
            reverse("rpjpd:report", args=[content["reply"].pk]),
            reverse("konsultasi:create", args=[expert.expert_profile.pk]),
            reverse("konsultasi:mine"),
            reverse("konsultasi:detail", args=[content["consultation"].pk]),
            reverse("konsultasi:close", args=[content["consultation"].pk]),
            reverse("accounts:profile"),
            reverse("account_change_password"),
            reverse("mfa_index"),
            reverse("usersessions_list"),
        ]
    return [reverse("konsultasi:mine"), reverse("insight:index"), reverse("insight:index") + "?periode=30-hari"]


@pytest.mark.parametrize("role", ["anonymous", "citizen", "staff"])
def test_main_pages_have_no_serious_accessibility_violations(
    live_server,
    browser,
    role,
    content,
    world,  # noqa: F811
    expert,
    citizen,
    staff,
):
    context = browser.new_context(viewport=PHONE, locale="id-ID")
    user = {"citizen": citizen, "staff": staff}.get(role)
    if user:
        page = context.new_page()
        page.goto(live_server.url + reverse("account_login"))
        page.get_by_label("Nama pengguna atau e-mail").fill(user.username)
        page.get_by_label("Kata sandi").fill("Kukar-2045-rencana")
        page.get_by_role("button", name="Masuk").click()
        page.wait_for_load_state()
    page = context.new_page()
    axe = Axe()
    found = {}
    for path in pages_for(role, content, expert):
        page.goto(live_server.url + path)
        for violation in axe.run(page).response["violations"]:
            nodes = [node["target"] for node in violation["nodes"]][:3]
            found.setdefault(violation["impact"], []).append(f"{path}: {violation['id']} {nodes}")
    context.close()
    for impact in ("minor", "moderate"):
        for line in found.get(impact, []):
            print(impact, line)
    blocking = [line for impact in BLOCKING for line in found.get(impact, [])]
    assert blocking == []


def test_the_checker_itself_finds_a_missing_alt_text(browser):
    # Guards the test above against passing because axe did not run.
    page = browser.new_page()
    page.set_content('<html lang="id"><body><main><img src="peta.png"></main></body></html>')
    violations = Axe().run(page).response["violations"]
    page.close()
    assert "image-alt" in {violation["id"] for violation in violations}
