import re

import pytest
from playwright.sync_api import expect

from rpjpd import services
from rpjpd.models import Reply
from tests.browser.conftest import screenshot
from tests.helpers import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def discussion(topic, citizen2):
    return services.reply_create(topic=topic, author=citizen2, body="Banjir tahun lalu sampai ke lantai dua.")


def sign_in_and_open_topic(page, base_url, topic):
    page.goto(base_url + "/akun/login/?next=/rpjpd/")
    page.get_by_label("Nama pengguna atau e-mail").fill("siti")
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.get_by_role("link", name="Isu Strategis Daerah").click()
    page.get_by_role("link", name=topic.title).click()
    expect(page.get_by_role("heading", name=topic.title)).to_be_visible()


def reply_and_answer(page, base_url, topic, discussion, inline: bool):
    sign_in_and_open_topic(page, base_url, topic)
    page.get_by_label("Tanggapan Anda").fill("Rumah kami di Tenggarong terendam tiga hari.")
    page.get_by_role("button", name="Kirim").click()
    mine = Reply.objects.get(body__startswith="Rumah kami")
    expect(page.locator(f"#balasan-{mine.pk}")).to_contain_text("terendam tiga hari")
    assert page.url.endswith(f"#balasan-{mine.pk}")

    other = page.locator(f"#balasan-{discussion.pk}")
    other.get_by_role("link", name="Balas", exact=True).click()
    if inline:
        form = other.locator(".inline-answer")
        expect(form).to_be_visible()
        assert page.url.endswith(f"#balasan-{mine.pk}")  # still on the topic page
    else:
        form = page
        expect(page.get_by_role("heading", name="Balas")).to_be_visible()
    form.get_by_label("Tanggapan Anda").fill("Di Samboja juga, Pak.")
    form.get_by_role("button", name="Kirim").click()
    answer = Reply.objects.get(body="Di Samboja juga, Pak.")
    assert answer.parent_id == discussion.pk

    nested = page.locator(f"#balasan-{discussion.pk} .replies #balasan-{answer.pk}")
    expect(nested).to_contain_text("Di Samboja juga, Pak.")
    for reply in (mine, answer):
        permalink = page.locator(f"#balasan-{reply.pk} .reply-meta a").first
        assert permalink.get_attribute("href") == f"/rpjpd/balasan/{reply.pk}/"
    return answer


def test_citizen_replies_and_answers_a_reply_in_place(live_server, phone, topic, discussion, citizen):
    answer = reply_and_answer(phone, live_server.url, topic, discussion, inline=True)
    screenshot(phone, "topik-balasan-360")
    # the permalink finds the reply again
    phone.goto(f"{live_server.url}/rpjpd/balasan/{answer.pk}/")
    assert re.search(rf"#balasan-{answer.pk}$", phone.url)
    expect(phone.locator(f"#balasan-{answer.pk}")).to_be_visible()


def test_the_same_journey_works_without_javascript(live_server, phone_without_js, topic, discussion, citizen):
    reply_and_answer(phone_without_js, live_server.url, topic, discussion, inline=False)


def test_load_more_and_long_threads_open_in_place(live_server, phone, topic, citizen, citizen2, settings):
    settings.RPJPD_REPLIES_PER_MINUTE = 100
    for number in range(21):
        root = services.reply_create(topic=topic, author=citizen, body=f"Tanggapan nomor {number}")
    for number in range(7):
        services.reply_create(topic=topic, author=citizen2, body=f"Sambungan {number}", parent=root)
    phone.goto(f"{live_server.url}{topic.get_absolute_url()}?urut=terlama")
    top_level = phone.locator("article.depth-0")
    expect(top_level).to_have_count(20)
    phone.get_by_role("link", name="Muat lebih banyak").click()
    expect(top_level).to_have_count(21)
    assert "halaman" not in phone.url  # loaded in place
    expect(phone.get_by_role("link", name="Sebelumnya")).to_have_count(0)  # appended: nothing went away

    expect(phone.get_by_text("Sambungan 6")).to_have_count(0)
    phone.get_by_role("link", name="Lihat 7 balasan").click()
    expect(phone.get_by_text("Sambungan 6")).to_be_visible()
    screenshot(phone, "topik-utas-360")


def test_load_more_and_long_threads_work_without_javascript(
    live_server, phone_without_js, topic, citizen, citizen2, settings
):
    settings.RPJPD_REPLIES_PER_MINUTE = 100
    for number in range(21):
        root = services.reply_create(topic=topic, author=citizen, body=f"Tanggapan nomor {number}")
    for number in range(7):
        services.reply_create(topic=topic, author=citizen2, body=f"Sambungan {number}", parent=root)
    page = phone_without_js
    page.goto(f"{live_server.url}{topic.get_absolute_url()}?urut=terlama")
    expect(page.locator("article.depth-0")).to_have_count(20)
    page.get_by_role("link", name="Muat lebih banyak").click()
    expect(page.get_by_text("Tanggapan nomor 20")).to_be_visible()
    assert "halaman=2" in page.url  # the next page, as a plain link
    # The reader lands on the first new reply, not at the top of the page, with the way back in view.
    first_new = Reply.objects.get(body="Tanggapan nomor 20")
    assert page.url.endswith(f"#balasan-{first_new.pk}")
    expect(page.locator(f"#balasan-{first_new.pk}")).to_be_in_viewport()
    expect(page.get_by_role("link", name="Sebelumnya")).to_be_in_viewport()
    page.get_by_role("link", name="Sebelumnya").click()
    expect(page.locator("article.depth-0")).to_have_count(20)
    expect(page.get_by_role("heading", name="28 tanggapan")).to_be_in_viewport()
    page.get_by_role("link", name="Muat lebih banyak").click()
    page.get_by_role("link", name="Lihat 7 balasan").click()
    expect(page.get_by_text("Sambungan 6")).to_be_visible()
