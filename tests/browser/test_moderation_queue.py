"""A moderator works through the moderation queue on a 1280 px screen and on a phone: every column in view
without sideways scrolling, one click per row, and the entry stays showing what became of it."""

import pytest
from django.contrib.auth.models import Permission
from playwright.sync_api import expect

from rpjpd import services
from tests.browser.conftest import PHONE, screenshot
from tests.browser.test_dashboard import sign_in
from tests.helpers import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def queue(topic, citizen, citizen2, staff):
    staff.user_permissions.set(Permission.objects.filter(content_type__app_label="rpjpd"))
    reporters = [make_user(f"pelapor{i}", display_name=f"Pelapor {i}") for i in range(3)]
    bodies = [
        "Jalan desa kami rusak setiap musim hujan sehingga hasil kebun sulit dibawa ke pasar di Tenggarong.",
        "Beli pupuk murah hanya di toko kami, hubungi nomor di profil.",
        "Perlu ada pengawasan reklamasi lubang tambang agar tidak memakan korban lagi di Samboja.",
    ]
    replies = []
    for author, body in zip([citizen, citizen2, citizen], bodies, strict=True):
        reply = services.reply_create(topic=topic, author=author, body=body)
        for reporter, reason in zip(reporters, ["spam", "spam", "kasar"], strict=True):
            services.reply_report(reply=reply, reporter=reporter, reason=reason)
        replies.append(reply)
    return replies


def open_queue(browser, live_server, staff, width):
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="id-ID")
    context.set_default_timeout(10_000)
    page = context.new_page()
    sign_in(page, live_server.url, staff.username)
    page.goto(live_server.url + "/admin/rpjpd/moderationqueueentry/")
    return context, page


def test_queue_at_1280_shows_every_column_without_sideways_scrolling(live_server, browser, staff, queue):
    context, page = open_queue(browser, live_server, staff, 1280)
    results = page.locator("#changelist .results")
    overflow = results.evaluate("el => el.scrollWidth - el.clientWidth")
    assert overflow <= 0, f"the table scrolls sideways by {overflow}px"
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    box = results.bounding_box()
    for header in ["Balasan", "Topik", "Penulis", "Laporan", "Status", "Dikirim", "Tindakan"]:
        cell = page.get_by_role("columnheader", name=header, exact=True).bounding_box()
        assert cell["x"] >= box["x"] and cell["x"] + cell["width"] <= box["x"] + box["width"] + 1, header
    row = page.get_by_role("row").filter(has_text="Beli pupuk murah")
    expect(row.get_by_text("2× spam, 1× kasar")).to_be_visible()
    expect(row.get_by_text("Disembunyikan, menunggu tinjauan")).to_be_in_viewport()
    # Excerpts wrap as text, not one word a line: the excerpt column is wider than the longest word.
    assert page.locator("th.column-excerpt").bounding_box()["width"] > 200
    screenshot(page, "antrean-moderasi-1280")

    row.get_by_role("button", name="Sembunyikan").click()
    expect(page.get_by_text(f"1 balasan disembunyikan (#{queue[1].pk})")).to_be_visible()
    row = page.get_by_role("row").filter(has_text="Beli pupuk murah")
    expect(row.get_by_text("Disembunyikan moderator")).to_be_visible()
    expect(row.get_by_text("oleh Staf Bappeda")).to_be_visible()
    context.close()


def test_queue_on_a_phone_fits_the_screen(live_server, browser, staff, queue):
    context, page = open_queue(browser, live_server, staff, PHONE["width"])
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    row = page.get_by_role("row").filter(has_text="Beli pupuk murah")
    expect(row.get_by_role("button", name="Tampilkan")).to_be_visible()
    screenshot(page, "antrean-moderasi-360")
    context.close()
