import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from rpjpd import services
from rpjpd.demo import generate_reply_tree
from rpjpd.models import Reply
from tests.helpers import client_for, make_user, page_of

pytestmark = pytest.mark.django_db


def topic_url(topic, **query):
    suffix = "?" + "&".join(f"{key}={value}" for key, value in query.items()) if query else ""
    return reverse("rpjpd:topic", args=[topic.section.slug, topic.slug]) + suffix


def post_url(topic):
    return reverse("rpjpd:reply_to_topic", args=[topic.section.slug, topic.slug])


def test_index_shows_the_three_sections_with_topics_and_counts(client, topic, citizen):
    services.reply_create(topic=topic, author=citizen, body="Satu")
    page = client.get(reverse("rpjpd:index")).content.decode()
    for title in ["Kata Kunci Visi", "Isu Strategis Daerah", "Sasaran Pokok"]:
        assert title in page
    assert "Banjir di sepanjang Sungai Mahakam" in page
    assert "1 tanggapan" in page and "terakhir" in page


def test_drafts_are_hidden_from_citizens_and_previewed_by_staff(client, draft_topic, citizen, staff):
    assert "Rancangan" in client_for(staff).get(reverse("rpjpd:index")).content.decode()
    assert "Rancangan" not in client_for(citizen).get(reverse("rpjpd:index")).content.decode()
    assert client_for(citizen).get(topic_url(draft_topic)).status_code == 404
    preview = client_for(staff).get(topic_url(draft_topic))
    assert preview.status_code == 200
    assert "Pratinjau" in preview.content.decode()


def test_topic_body_is_markdown_rendered_safely(client, topic):
    topic.body = "Ada **tebal**.\n\n<script>alert(1)</script>\n\n[jahat](javascript:alert(1)) [baik](https://contoh.id)"
    topic.save()
    page = client.get(topic_url(topic)).content.decode()
    assert "<strong>tebal</strong>" in page
    assert "<script>alert(1)</script>" not in page
    assert 'href="javascript:' not in page
    assert 'href="https://contoh.id"' in page


def test_anonymous_visitor_is_invited_to_sign_in_and_sent_back(client, topic):
    page = client.get(topic_url(topic)).content.decode()
    assert "Masuk untuk membalas" in page
    assert f"?next={topic_url(topic)}" in page.replace("%2F", "/")
    assert "<textarea" not in page


def test_signed_in_citizen_replies_with_balas_and_kirim(topic, citizen):
    client = client_for(citizen)
    page = client.get(topic_url(topic)).content.decode()
    assert ">Balas</h2>" in page and ">Kirim</button>" in page and "<textarea" in page
    response = client.post(post_url(topic), {"body": "Banjir 2024 merendam rumah kami seminggu."}, follow=True)
    made = Reply.objects.get()
    assert response.redirect_chain[-1][0] == f"{topic_url(topic)}#balasan-{made.pk}"
    assert f'id="balasan-{made.pk}"' in response.content.decode()
    assert "Banjir 2024 merendam rumah kami seminggu." in response.content.decode()


def test_anonymous_post_is_sent_to_sign_in_and_nothing_saved(client, topic):
    response = client.post(post_url(topic), {"body": "Tanpa akun"})
    assert response.status_code == 302 and reverse("account_login") in response["Location"]
    assert not Reply.objects.exists()


def test_typed_html_is_shown_not_run_and_links_are_safe(topic, citizen):
    client = client_for(citizen)
    body = "<img src=x onerror=alert(1)> lihat https://contoh.id/peta\nbaris kedua"
    page = client.post(post_url(topic), {"body": body}, follow=True).content.decode()
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "<img src=x" not in page
    assert 'href="https://contoh.id/peta" rel="nofollow ugc noopener"' in page
    assert "baris kedua" in page and "<br>baris kedua" in page


def test_an_over_long_reply_keeps_what_was_typed(topic, citizen):
    body = "k" * 3001
    response = client_for(citizen).post(post_url(topic), {"body": body})
    page = response.content.decode()
    assert response.status_code == 400
    assert "paling banyak 3000" in page
    assert body in page
    assert not Reply.objects.exists()


def test_closed_topic_says_so_and_refuses_posts(topic, citizen):
    topic.is_open = False
    topic.save()
    client = client_for(citizen)
    assert "Topik ini sudah ditutup" in client.get(topic_url(topic)).content.decode()
    response = client.post(post_url(topic), {"body": "Terlambat"})
    assert response.status_code == 400
    assert "sudah ditutup" in response.content.decode()
    assert not Reply.objects.exists()


@pytest.mark.parametrize("state", [Reply.Status.HIDDEN, Reply.Status.PENDING_REVIEW, "removed"])
def test_answering_a_hidden_or_deleted_reply_is_refused_on_the_page(topic, citizen, citizen2, state):
    parent = services.reply_create(topic=topic, author=citizen, body="Akan hilang")
    if state == "removed":
        parent.remove_by_author()
    else:
        Reply.objects.filter(pk=parent.pk).update(status=state)
    client = client_for(citizen2)
    answer_url = reverse("rpjpd:answer", args=[parent.pk])
    form_page = client.get(answer_url).content.decode()
    assert "tidak dapat dikirim" in form_page and 'name="body"' not in form_page
    response = client.post(answer_url, {"body": "Jawaban saya yang panjang"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "disembunyikan atau dihapus" in page and "Jawaban saya yang panjang" in page
    assert Reply.objects.count() == 1


def test_rate_limit_gives_a_friendly_message_and_keeps_the_text(topic, citizen, settings):
    settings.RPJPD_REPLIES_PER_MINUTE = 1
    client = client_for(citizen)
    client.post(post_url(topic), {"body": "Pertama"})
    page = client.post(post_url(topic), {"body": "Kedua yang cepat"}).content.decode()
    assert "Tunggu sebentar" in page and "Kedua yang cepat" in page
    assert Reply.objects.count() == 1


def test_double_click_on_kirim_creates_one_reply(topic, citizen):
    client = client_for(citizen)
    token = re.search(r'name="submission_token" value="([^"]+)"', client.get(topic_url(topic)).content.decode())[1]
    for _ in range(2):
        client.post(post_url(topic), {"body": "Sekali", "submission_token": token})
    assert Reply.objects.count() == 1


def roots(topic, author, count):
    return [services.reply_create(topic=topic, author=author, body=f"Akar {n}") for n in range(count)]


def test_twenty_top_level_replies_a_page_with_a_load_more_link(client, topic, citizen, settings):
    settings.RPJPD_REPLIES_PER_MINUTE = 100
    made = roots(topic, citizen, 25)
    first = page_of(client.get(topic_url(topic)))
    assert first.count('class="reply depth-0"') == 20
    assert "Akar 24" in first and "Akar 4<" not in first  # newest first
    assert f'href="?urut=terbaru&amp;halaman=2#balasan-{made[4].pk}"' in first and "Muat lebih banyak" in first
    second = page_of(client.get(topic_url(topic, halaman=2)))
    assert second.count('class="reply depth-0"') == 5 and "Muat lebih banyak" not in second
    oldest = client.get(topic_url(topic, urut="terlama")).content.decode()
    assert oldest.index(f"balasan-{made[0].pk}") < oldest.index(f"balasan-{made[1].pk}")


def test_load_more_answers_javascript_with_just_the_fragment(client, topic, citizen, settings):
    settings.RPJPD_REPLIES_PER_MINUTE = 100
    roots(topic, citizen, 21)
    response = client.get(topic_url(topic, halaman=2), headers={"RR-Partial": "1"})
    fragment = response.content.decode()
    assert "<html" not in fragment and 'class="reply depth-0"' in fragment
    assert "RR-Partial" in response["Vary"]


def test_a_page_number_past_the_end_shows_the_last_page(client, topic, citizen, settings):
    settings.RPJPD_REPLIES_PER_MINUTE = 100
    made = roots(topic, citizen, 25)
    page = page_of(client.get(topic_url(topic, urut="terbaru", halaman=7)))
    assert page.count('class="reply depth-0"') == 5 and f'id="balasan-{made[0].pk}"' in page
    assert 'href="?urut=terbaru&amp;halaman=1#daftar-tanggapan"' in page and "data-load-more href" not in page


@pytest.mark.parametrize("bad", ["abc", "-3", "0", "99999999999999", "9" * 5000])
def test_odd_page_numbers_never_break_the_page(client, topic, bad):
    assert client.get(topic_url(topic, halaman=bad, urut="<script>")).status_code == 200


def test_long_threads_collapse_behind_lihat_n_balasan(client, topic, citizen, citizen2, settings):
    settings.RPJPD_INLINE_THREAD_REPLIES = 2
    root = services.reply_create(topic=topic, author=citizen, body="Akar")
    chain = [services.reply_create(topic=topic, author=citizen2, body=f"Anak {n}", parent=root) for n in range(4)]
    page = client.get(topic_url(topic)).content.decode()
    assert "Anak 1" in page and "Anak 2" not in page
    assert "Lihat 4 balasan" in page
    thread = client.get(reverse("rpjpd:thread", args=[root.pk])).content.decode()
    assert all(f"Anak {n}" in thread for n in range(4))
    partial = client.get(reverse("rpjpd:thread", args=[root.pk]), headers={"RR-Partial": "1"}).content.decode()
    assert "Anak 3" in partial and "<html" not in partial and f'id="balasan-{chain[0].pk}"' in partial


def test_permalink_finds_the_page_a_reply_is_on(client, topic, citizen, settings):
    settings.RPJPD_REPLIES_PER_MINUTE = 100
    made = roots(topic, citizen, 25)
    assert (
        client.get(reverse("rpjpd:reply", args=[made[24].pk]))["Location"]
        == f"{topic_url(topic)}#balasan-{made[24].pk}"
    )
    on_page_two = client.get(reverse("rpjpd:reply", args=[made[2].pk]))["Location"]
    assert on_page_two == f"{topic_url(topic, urut='terbaru', halaman=2)}#balasan-{made[2].pk}"
    oldest_first = client.get(reverse("rpjpd:reply", args=[made[2].pk]) + "?urut=terlama")["Location"]
    assert oldest_first == f"{topic_url(topic, urut='terlama', halaman=1)}#balasan-{made[2].pk}"


def test_permalink_of_a_deep_reply_goes_to_its_thread(client, topic, citizen, settings):
    settings.RPJPD_INLINE_THREAD_REPLIES = 1
    root = services.reply_create(topic=topic, author=citizen, body="Akar")
    services.reply_create(topic=topic, author=citizen, body="Satu", parent=root)
    deep = services.reply_create(topic=topic, author=citizen, body="Dua", parent=root)
    location = client.get(reverse("rpjpd:reply", args=[deep.pk]))["Location"]
    assert location == f"{reverse('rpjpd:thread', args=[root.pk])}#balasan-{deep.pk}"


def test_balas_on_a_reply_works_as_its_own_page_and_inline(topic, citizen, citizen2):
    parent = services.reply_create(topic=topic, author=citizen, body="Pertanyaan")
    client = client_for(citizen2)
    own_page = client.get(reverse("rpjpd:answer", args=[parent.pk])).content.decode()
    assert "Pertanyaan" in own_page and ">Kirim</button>" in own_page and "<html" in own_page
    inline = client.get(reverse("rpjpd:answer", args=[parent.pk]), headers={"RR-Partial": "1"}).content.decode()
    assert "<html" not in inline and ">Kirim</button>" in inline
    response = client.post(reverse("rpjpd:answer", args=[parent.pk]), {"body": "Jawaban"}, follow=True)
    answer = Reply.objects.get(body="Jawaban")
    assert answer.parent == parent
    assert response.redirect_chain[-1][0].endswith(f"#balasan-{answer.pk}")


def test_edit_and_delete_through_the_pages(topic, citizen):
    made = services.reply_create(topic=topic, author=citizen, body="Asli")
    client = client_for(citizen)
    page = client.get(topic_url(topic)).content.decode()
    assert ">Ubah</a>" in page and ">Hapus</a>" in page and ">Laporkan</a>" not in page
    client.post(reverse("rpjpd:edit", args=[made.pk]), {"body": "Sudah diubah"})
    assert "disunting" in client.get(topic_url(topic)).content.decode()
    assert "Ya, hapus" in client.get(reverse("rpjpd:delete", args=[made.pk])).content.decode()
    client.post(reverse("rpjpd:delete", args=[made.pk]))
    assert "Balasan ini telah dihapus oleh penulisnya" in client.get(topic_url(topic)).content.decode()


def test_laporkan_with_a_reason(topic, citizen, citizen2):
    made = services.reply_create(topic=topic, author=citizen, body="Iklan obat")
    client = client_for(citizen2)
    assert "Spam atau iklan" in client.get(reverse("rpjpd:report", args=[made.pk])).content.decode()
    response = client.post(reverse("rpjpd:report", args=[made.pk]), {"reason": "spam"}, follow=True)
    assert "laporan Anda kami terima" in response.content.decode()
    made.refresh_from_db()
    assert made.report_count == 1
    bad = client.post(reverse("rpjpd:report", args=[made.pk]), {"reason": "bukan-alasan"})
    assert bad.status_code == 400


def test_hidden_replies_show_a_notice_not_their_text(client, topic, citizen, staff):
    made = services.reply_create(topic=topic, author=citizen, body="Rahasia yang dipersoalkan")
    services.reply_hide(reply=made, moderator=staff, reason="Data pribadi")
    page = client.get(topic_url(topic)).content.decode()
    assert "disembunyikan oleh moderator" in page and "Rahasia yang dipersoalkan" not in page


def count_topic_page_queries(client, topic) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(topic_url(topic)).status_code == 200
    return len(queries)


@pytest.mark.parametrize("kept", [True, False], ids=["kept", "rendered-in-full"])
def test_topic_page_queries_do_not_grow_with_replies(topic, citizen, settings, kept):
    settings.RPJPD_KEPT_PAGES = kept
    authors = [citizen, *[make_user(f"warga{n}", display_name=f"Warga {n}") for n in range(5)]]
    client = client_for(citizen)
    generate_reply_tree(topic=topic, count=10, authors=authors, seed=1)
    client.get(topic_url(topic))  # warms the per-worker copy of the region profile (and keeps the page)
    with_ten = count_topic_page_queries(client, topic)
    generate_reply_tree(topic=topic, count=1990, authors=authors, seed=2)
    assert Reply.objects.count() == 2000
    client.get(topic_url(topic))  # the library's version is read again at most once a second (pustaka.search)
    with_two_thousand = count_topic_page_queries(client, topic)
    assert with_ten == with_two_thousand, (with_ten, with_two_thousand)
    if kept:  # the session with its person; the topic with the reader's reports (SQLite: the reports apart)
        assert with_two_thousand == (2 if connection.vendor == "postgresql" else 3)
    else:  # session and person, topic, two reply queries, reports; reading materials kept per library version
        assert with_two_thousand <= 5


def test_masuk_untuk_membalas_returns_to_the_reply_form_after_login(client, topic, citizen):
    page = client.get(topic_url(topic)).content.decode()
    login_link = re.search(r'href="(/akun/login/\?next=[^"]+)"[^>]*>Masuk untuk membalas', page)[1]
    response = client.post(login_link, {"login": "siti", "password": "Kukar-2045-rencana"})
    assert response["Location"] == f"{topic_url(topic)}#balas-topik"


def test_without_javascript_load_more_lands_on_the_first_new_reply_and_offers_the_previous_page(
    client, topic, citizen, settings
):
    settings.RPJPD_REPLIES_PER_MINUTE = 100
    made = roots(topic, citizen, 45)
    first = client.get(topic_url(topic)).content.decode()
    load_more = re.search(r'<a class="button button-secondary" data-load-more href="([^"]+)">', first)[1]
    assert load_more == f"?urut=terbaru&amp;halaman=2#balasan-{made[24].pk}"
    assert 'rel="prev"' not in first

    second = client.get(topic_url(topic, urut="terbaru", halaman=2)).content.decode()
    assert f'id="balasan-{made[24].pk}"' in second and "Akar 25<" not in second  # replies 21–40, newest first
    previous = re.search(r'<a rel="prev" href="([^"]+)">(.*?)</a>', second)
    assert previous[1] == "?urut=terbaru&amp;halaman=1#daftar-tanggapan" and "Sebelumnya" in previous[2]
    assert second.index('rel="prev"') < second.index(f'id="balasan-{made[24].pk}"')
    assert f"halaman=3#balasan-{made[4].pk}" in second

    oldest_first = client.get(topic_url(topic, urut="terlama", halaman=2)).content.decode()
    assert 'href="?urut=terlama&amp;halaman=1#daftar-tanggapan"' in oldest_first
    assert f"halaman=3#balasan-{made[40].pk}" in oldest_first


def test_with_javascript_the_next_page_arrives_without_a_previous_link(client, topic, citizen, settings):
    settings.RPJPD_REPLIES_PER_MINUTE = 100
    made = roots(topic, citizen, 45)
    fragment = client.get(topic_url(topic, urut="terbaru", halaman=2), headers={"RR-Partial": "1"}).content.decode()
    assert f'id="balasan-{made[24].pk}"' in fragment and 'rel="prev"' not in fragment
    assert f"halaman=3#balasan-{made[4].pk}" in fragment


def top_messages(page: str) -> str:
    box = re.search(r'<div class="messages" role="status">(.*?)</div>', page, re.S)
    return box[1] if box else ""


def reply_article_start(page: str, reply) -> str:
    """The beginning of the reply's article, up to its own text: where the browser scrolls to."""
    return re.search(rf'<article [^>]*id="{reply.anchor}">(.*?)<p class="reply-meta">', page, re.S)[1]


def test_confirmation_of_kirim_is_shown_at_the_new_reply(topic, citizen, citizen2):
    client = client_for(citizen)
    response = client.post(post_url(topic), {"body": "Rumah kami terendam"}, follow=True)
    mine = Reply.objects.get(body="Rumah kami terendam")
    page = response.content.decode()
    assert response.redirect_chain[-1][0].endswith(f"#{mine.anchor}")
    assert "Tanggapan Anda telah dikirim." in reply_article_start(page, mine)
    assert "telah dikirim" not in top_messages(page)

    answering = client_for(citizen2)
    response = answering.post(reverse("rpjpd:answer", args=[mine.pk]), {"body": "Di Samboja juga"}, follow=True)
    answer = Reply.objects.get(body="Di Samboja juga")
    assert "Balasan Anda telah dikirim." in reply_article_start(response.content.decode(), answer)


def test_confirmation_of_kirim_laporan_is_shown_at_the_reported_reply(topic, citizen, citizen2):
    made = services.reply_create(topic=topic, author=citizen, body="Iklan obat")
    response = client_for(citizen2).post(reverse("rpjpd:report", args=[made.pk]), {"reason": "spam"}, follow=True)
    page = response.content.decode()
    assert response.redirect_chain[-1][0].endswith(f"#{made.anchor}")
    assert "laporan Anda kami terima" in reply_article_start(page, made)
    assert "laporan" not in top_messages(page)


def test_a_reply_i_reported_says_so_instead_of_laporkan(client, topic, citizen, citizen2, settings):
    settings.RPJPD_INLINE_THREAD_REPLIES = 1
    settings.RPJPD_REPLIES_PER_MINUTE = 100
    reported = services.reply_create(topic=topic, author=citizen, body="Iklan obat")
    other = services.reply_create(topic=topic, author=citizen, body="Pendapat biasa")
    deep = [services.reply_create(topic=topic, author=citizen, body=f"Anak {n}", parent=other) for n in range(2)]
    for reply in (reported, deep[1]):
        services.reply_report(reply=reply, reporter=citizen2, reason="spam")
    client.force_login(citizen2)
    page = client.get(topic_url(topic)).content.decode()
    assert "Anda telah melaporkan balasan ini" in article_of(page, reported)
    assert ">Laporkan</a>" not in article_of(page, reported)
    assert ">Laporkan</a>" in article_of(page, other).split('<div class="replies">')[0]
    thread = client.get(reverse("rpjpd:thread", args=[other.pk])).content.decode()
    assert "Anda telah melaporkan balasan ini" in article_of(thread, deep[1])
    assert ">Laporkan</a>" in article_of(thread, deep[0])
    client.force_login(citizen)  # someone else's report shows nowhere
    assert "Anda telah melaporkan" not in client.get(topic_url(topic)).content.decode()


def article_of(page: str, reply) -> str:
    return re.search(rf'<article [^>]*id="{reply.anchor}">(.*?)</article>', page, re.S)[1]


def test_reported_marks_cost_one_query_whatever_the_number_of_reports(topic, citizen, citizen2, settings):
    settings.RPJPD_REPLIES_PER_MINUTE = 100
    made = roots(topic, citizen, 20)
    client = client_for(citizen2)
    client.get(topic_url(topic))  # warms the per-worker copies
    services.reply_report(reply=made[0], reporter=citizen2, reason="spam")
    with_one = count_topic_page_queries(client, topic)
    for reply in made[1:]:
        services.reply_report(reply=reply, reporter=citizen2, reason="spam")
    with_twenty = count_topic_page_queries(client, topic)
    page = client.get(topic_url(topic)).content.decode()
    assert page.count("Anda telah melaporkan balasan ini") == 20
    assert with_one == with_twenty, (with_one, with_twenty)
