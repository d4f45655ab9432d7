"""Every page type of issue 17 in a 360 px phone, JavaScript on and off: styled by its inlined stylesheet, no
Content-Security-Policy violation (for the inlined style or script), and nothing fetched but the page itself."""

import pytest
from django.conf import settings as django_settings
from django.test import Client

from tests.browser.conftest import PHONE
from tests.security.conftest import everyone, objects  # noqa: F401 — the access matrix's objects, reused
from tests.test_first_paint import page_types

BRAND = "rgb(11, 93, 75)"  # --brand in site.css: the header's background


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "tanpa-js"])
def test_every_page_type_is_styled_without_a_csp_violation(live_server, browser, objects, everyone, javascript):  # noqa: F811
    signed_in = Client()
    signed_in.force_login(everyone["citizen"])
    context = browser.new_context(viewport=PHONE, locale="id-ID", java_script_enabled=javascript)
    context.set_default_timeout(10_000)
    problems, requested = [], []
    page = context.new_page()
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("request", lambda request: requested.append(request.url))
    try:
        for name, (path, needs_session) in page_types(objects).items():
            context.clear_cookies()
            if needs_session:
                cookie = signed_in.cookies[django_settings.SESSION_COOKIE_NAME].value
                context.add_cookies([{"name": "sessionid", "value": cookie, "url": live_server.url}])
            requested.clear()
            response = page.goto(live_server.url + path)
            assert response.status == 200, name
            header = page.locator("header.site-header")
            assert header.evaluate("element => getComputedStyle(element).backgroundColor") == BRAND, name
            assert page.locator("body").evaluate("element => getComputedStyle(element).marginTop") == "0px", name
            assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], name
            assert requested == [live_server.url + path], (name, requested)
    finally:
        context.close()
    assert problems == []  # "Refused to apply inline style …" or "… execute inline script" would show here
