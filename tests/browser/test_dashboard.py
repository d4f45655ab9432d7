"""Staff open the dashboard from the admin, on a desktop and on a phone: the charts are drawn (SVG with
bars), nothing breaks the strict CSP, and the page fits a 360 px screen."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE, screenshot
from tests.helpers import PASSWORD
from tests.insight.conftest import crowd, world  # noqa: F401 — the hand-counted region, as fixtures

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, base, username):
    page.goto(base + "/akun/login/?next=/admin/")
    page.get_by_label("Nama pengguna atau e-mail").fill(username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()


def drawn_charts(page) -> list[dict]:
    return page.eval_on_selector_all(
        "svg.chart",
        """charts => charts.map(svg => ({
            bars: svg.querySelectorAll('rect.bar').length,
            width: svg.getBoundingClientRect().width,
            height: svg.getBoundingClientRect().height,
        }))""",
    )


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "tanpa-js"])
@pytest.mark.parametrize("width", [1280, PHONE["width"]])
def test_staff_open_the_dashboard_and_see_charts(live_server, browser, world, crowd, staff, width, javascript):  # noqa: F811
    viewport = {"width": width, "height": 900}
    context = browser.new_context(viewport=viewport, locale="id-ID", java_script_enabled=javascript)
    context.set_default_timeout(10_000)
    page = context.new_page()
    problems = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    staff.is_superuser = True  # the admin index lists the apps; the dashboard needs only is_staff
    staff.save()
    sign_in(page, live_server.url, staff.username)
    page.get_by_role("link", name="Dasbor partisipasi dan inklusi").click()
    expect(page.get_by_role("heading", name="Dasbor partisipasi dan inklusi", level=1)).to_be_visible()

    charts = drawn_charts(page)
    assert len(charts) >= 10
    assert all(chart["bars"] > 0 and chart["width"] > 100 and chart["height"] > 25 for chart in charts), charts
    kecamatan = page.get_by_test_id("figure-per-kecamatan")
    expect(kecamatan.get_by_role("row", name="Tabang belum ada peserta 0")).to_be_visible()
    expect(page.locator("p.privacy-note")).to_contain_text("angka dibulatkan ke kelipatan 5")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    screenshot(page, f"dasbor-{width}-{'js' if javascript else 'tanpa-js'}")

    page.get_by_label("Periode").select_option(label="30 hari terakhir")
    page.get_by_role("button", name="Tampilkan").click()
    expect(page.get_by_text("Periode: 30 hari terakhir")).to_be_visible()
    assert "periode=30-hari" in page.url
    assert all(chart["bars"] > 0 for chart in drawn_charts(page))
    with page.expect_download() as download:
        page.get_by_role("link", name="Unduh XLSX").click()
    assert download.value.suggested_filename.startswith("dasbor-partisipasi-30-hari-")
    assert problems == []  # no CSP violation or script error
    context.close()
