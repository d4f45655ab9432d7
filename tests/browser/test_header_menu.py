"""The header on a 360 px phone: one row, the modules behind "Menu" (a disclosure that needs no JavaScript),
every module link working; the home page's first screen telling a first-time visitor what they can do."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from ruangrunding.navigation import MODULES
from tests.browser.conftest import screenshot
from tests.browser.test_navigation import LONG_NAME, sign_in
from tests.first_modules_urls import SECOND_WAVE
from tests.helpers import make_expert

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SMALL_PHONE = {"width": 360, "height": 640}
ONE_ROW = """() => {
  const row = document.querySelector('.header-row');
  const parts = [...row.children].map(part => part.getBoundingClientRect());
  const top = Math.min(...parts.map(p => p.top)), bottom = Math.max(...parts.map(p => p.bottom));
  return parts.every(p => p.top < Math.min(...parts.map(q => q.bottom)))  // all side by side
    && bottom - top <= 56 && document.documentElement.scrollWidth <= window.innerWidth;
}"""


@pytest.fixture
def seven_modules(settings):
    """The portal's own URLconf: all seven modules are installed."""
    assert settings.ROOT_URLCONF == "ruangrunding.urls"


def main_menu(page):
    return page.get_by_role("navigation", name="Menu utama")


def open_menu(page):
    page.locator(".site-menu > summary").click()
    expect(main_menu(page)).to_be_visible()


def test_header_is_one_row_at_360_px_for_visitors_citizens_and_experts(live_server, phone, citizen):
    phone.set_viewport_size(SMALL_PHONE)
    phone.goto(live_server.url + "/")
    assert phone.evaluate(ONE_ROW), "the visitor's header wraps or scrolls sideways"
    for name in ("Masuk", "Daftar"):
        expect(phone.locator(".account-links").get_by_role("link", name=name, exact=True)).to_be_visible()
    screenshot(phone, "header-pengunjung-360")

    make_expert("rahma", LONG_NAME)
    for username in ("siti", "rahma"):
        sign_in(phone, live_server.url, username)
        phone.goto(live_server.url + "/pustaka/")
        assert phone.evaluate(ONE_ROW), f"the header wraps for {username}"
        phone.get_by_test_id("user-name").click()
        phone.get_by_role("button", name="Keluar").click()


def test_header_controls_are_big_enough_to_tap(live_server, phone):
    phone.set_viewport_size(SMALL_PHONE)
    phone.goto(live_server.url + "/")
    targets = [".brand", ".account-links a", ".site-menu > summary"]
    open_menu(phone)
    targets.append(".menu-panel a")
    for selector in targets:
        for box in (element.bounding_box() for element in phone.locator(selector).all()):
            assert box["height"] >= 44 and box["width"] >= 44, (selector, box)


@pytest.mark.parametrize("modules", ["tiga-modul", "tujuh-modul"])
def test_menu_opens_and_every_module_link_works_with_and_without_javascript(live_server, any_phone, settings, modules):
    if modules == "tiga-modul":
        settings.ROOT_URLCONF = "tests.first_modules_urls"
    page = any_phone
    page.set_viewport_size(SMALL_PHONE)
    page.goto(live_server.url + "/")
    expect(main_menu(page)).to_be_hidden()  # closed: the page starts right under the header
    open_menu(page)
    screenshot(page, f"menu-{modules}-360-{page.js}")
    names = [link.inner_text().split("\n")[0].strip() for link in main_menu(page).get_by_role("link").all()]
    expected = [str(module.name) for module in MODULES]
    if modules == "tiga-modul":
        expected = [name for name in expected if name.lower() not in SECOND_WAVE]
    assert names == ["Beranda", *expected, "Panduan"]
    for name in names:
        page.goto(live_server.url + "/")
        open_menu(page)
        main_menu(page).get_by_role("link", name=name).click()
        page.wait_for_load_state()
        expect(page.locator("main h1")).to_be_visible()
        assert "Ruang Runding" in page.title()  # a page of ours, not a browser error
        open_menu(page)
        current = main_menu(page).locator('a[aria-current="page"]')
        expect(current).to_have_count(1)
        expect(current).to_contain_text(name)


def test_menu_works_with_the_keyboard(live_server, phone):
    phone.set_viewport_size(SMALL_PHONE)
    phone.goto(live_server.url + "/")
    phone.keyboard.press("Tab")  # the skip link comes first
    expect(phone.get_by_role("link", name="Langsung ke isi utama")).to_be_focused()
    summary = phone.locator(".site-menu > summary")
    for _ in range(6):
        phone.keyboard.press("Tab")
        if summary.evaluate("e => e === document.activeElement"):
            break
    expect(summary).to_be_focused()
    assert summary.evaluate("e => getComputedStyle(e).outlineStyle") != "none"  # focus is visible
    phone.keyboard.press("Enter")
    expect(main_menu(phone)).to_be_visible()
    phone.keyboard.press("Tab")
    phone.keyboard.press("Tab")  # Beranda, then RPJPD
    expect(main_menu(phone).get_by_role("link", name="RPJPD")).to_be_focused()
    phone.keyboard.press("Enter")
    phone.wait_for_url("**/rpjpd/")


def test_opening_the_menu_closes_the_account_menu(live_server, phone, citizen):
    phone.set_viewport_size(SMALL_PHONE)
    sign_in(phone, live_server.url, "siti")
    phone.get_by_test_id("user-name").click()
    expect(phone.get_by_role("link", name="Konsultasi Saya")).to_be_visible()
    open_menu(phone)
    expect(phone.get_by_role("link", name="Konsultasi Saya")).to_be_hidden()


@pytest.mark.parametrize("modules", ["tiga-modul", "tujuh-modul"])
def test_home_first_screen_on_a_small_phone_says_what_one_can_do(live_server, any_phone, settings, modules):
    if modules == "tiga-modul":
        settings.ROOT_URLCONF = "tests.first_modules_urls"
    page = any_phone
    page.set_viewport_size(SMALL_PHONE)
    page.goto(live_server.url + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Apa yang ingin Anda lakukan?")
    items = page.get_by_test_id("what-you-can-do").get_by_role("link")
    expect(items).to_have_count(3 if modules == "tiga-modul" else 7)
    for item in items.all():
        expect(item).to_be_in_viewport(ratio=1)
    screenshot(page, f"beranda-{modules}-360x640-{page.js}")
    items.first.click()
    page.wait_for_url("**/rpjpd/")


def test_wide_screens_show_the_modules_in_a_row_without_menu_button(live_server, browser, seven_modules):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="id-ID")
    page = context.new_page()
    try:
        page.goto(live_server.url + "/konsultasi/")
        expect(page.locator(".site-menu")).to_be_hidden()
        links = main_menu(page).get_by_role("link")
        expect(links).to_have_count(9)
        tops = {round(link.bounding_box()["y"]) for link in links.all()}
        assert len(tops) == 1, "the menu wraps at 1280 px"
        expect(main_menu(page).locator('a[aria-current="page"]')).to_have_text("Konsultasi")
        screenshot(page, "beranda-tujuh-modul-1280")
    finally:
        context.close()


def test_open_menus_have_no_serious_accessibility_violations(live_server, phone, citizen):
    phone.set_viewport_size(SMALL_PHONE)
    sign_in(phone, live_server.url, "siti")
    found = []
    for opener in (".site-menu > summary", ".user-menu > summary"):
        phone.goto(live_server.url + "/")
        phone.locator(opener).click()
        violations = Axe().run(phone).response["violations"]
        found += [(opener, v["id"]) for v in violations if v["impact"] in {"serious", "critical"}]
    assert found == []
