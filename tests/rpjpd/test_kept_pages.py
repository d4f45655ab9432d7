"""A signed-in reader's topic page comes from HTML kept per topic version with their own parts put in
(rpjpd.kept_pages). The contract: byte for byte the page a full rendering gives that reader (but for the random
CSRF and form tokens), after any change anyone makes, and nothing of one reader on another's page."""

import re
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from konsultasi import services as konsultasi_services
from konsultasi.models import Expert
from pustaka.models import Document
from rpjpd import kept_pages, services
from rpjpd.models import Reply, Topic
from ruangrunding.frames import hole
from tests.helpers import client_for, make_user
from wilayah.models import RegionProfile

pytestmark = pytest.mark.django_db

TOKENS = re.compile(r'(name="(?:csrfmiddlewaretoken|submission_token)" value=")[^"]*(")')


@pytest.fixture(autouse=True)
def _visitor_pages_not_kept(settings):
    settings.VISITOR_PAGE_CACHE_SECONDS = 0
    settings.RPJPD_REPLIES_PER_MINUTE = 1000
    settings.RPJPD_REPLIES_PER_PAGE = 4
    settings.RPJPD_INLINE_THREAD_REPLIES = 3


@pytest.fixture
def reader(kecamatan):
    return make_user("rina", display_name="Rina <Pembaca> & Co", kecamatan=kecamatan)


@pytest.fixture
def discussion(topic, citizen, citizen2, reader, staff):
    """Replies in every state a page shows: own and others', fresh (editable) and old, nested past three levels
    (flattened, "membalas @nama"), threads longer than shown ("Lihat N balasan"), hidden, waiting for review,
    deleted by the author, reported by the reader; six top-level replies (two pages of four)."""
    old = timezone.now() - timedelta(hours=2)
    roots = []
    for n in range(6):
        author = (citizen, citizen2, reader)[n % 3]
        roots.append(services.reply_create(topic=topic, author=author, body=f"Akar {n}: jalan desa rusak"))
    chain = roots[-1]
    for depth in range(5):  # one thread five levels deep
        chain = services.reply_create(topic=topic, author=(citizen, reader)[depth % 2], parent=chain, body=f"D{depth}")
    hidden = services.reply_create(topic=topic, author=citizen2, parent=roots[-2], body="Disembunyikan")
    services.reply_hide(reply=hidden, moderator=staff, reason="Data pribadi")
    removed = services.reply_create(topic=topic, author=citizen, parent=roots[-2], body="Dihapus")
    services.reply_remove(reply=removed, remover=citizen)
    services.reply_report(reply=roots[-2], reporter=reader, reason="spam")
    Reply.objects.filter(pk=roots[0].pk).update(created_at=old)  # an old one: not editable any more
    Topic.objects.filter(pk=topic.pk).mark_replies_changed()
    return roots


def normalised(response) -> str:
    assert response.status_code == 200
    return TOKENS.sub(r"\1…\2", response.content.decode())


def full_and_kept(client, url, settings, **headers) -> tuple[str, str, list]:
    settings.RPJPD_KEPT_PAGES = False
    full = normalised(client.get(url, headers=headers))
    settings.RPJPD_KEPT_PAGES = True
    client.get(url, headers=headers)  # kept now (or already)
    kept = client.get(url, headers=headers)
    return full, normalised(kept), kept.templates


PAGES = [
    ("", {}),
    ("?urut=terlama", {}),
    ("?halaman=2", {}),
    ("?halaman=99", {}),
    ("?urut=terlama&halaman=2", {"RR-Partial": "1"}),
    ("?halaman=2", {"RR-Partial": "1"}),
]


@pytest.mark.parametrize("who", ["citizen", "citizen2", "reader", "expert"])
@pytest.mark.parametrize(("query", "headers"), PAGES)
def test_the_kept_page_is_the_page_a_full_rendering_gives_each_reader(
    request, discussion, topic, who, query, headers, settings
):
    person = request.getfixturevalue(who)
    full, kept, templates = full_and_kept(client_for(person), topic.get_absolute_url() + query, settings, **headers)
    assert kept == full
    assert templates == []  # no template rendered: it did come from the kept page


def test_an_expert_sees_their_own_waiting_count_on_a_kept_page(discussion, topic, expert, citizen, settings):
    konsultasi_services.consultation_open(
        citizen=citizen, expert=Expert.objects.get(user=expert), subject="Banjir", body="Bagaimana?"
    )
    full, kept, templates = full_and_kept(client_for(expert), topic.get_absolute_url(), settings)
    assert kept == full and templates == []
    assert 'data-testid="waiting-count">1<' in kept


def test_each_reader_gets_their_own_name_links_and_reports(discussion, topic, citizen, citizen2, reader):
    pages = {person: client_for(person).get(topic.get_absolute_url()).content.decode() for person in (citizen, reader)}
    siti, rina = pages[citizen], pages[reader]
    assert "Siti Aminah</span>" in siti and "Rina &lt;Pembaca&gt; &amp; Co</span>" in rina
    assert "Rina &lt;Pembaca&gt;" not in siti.split("</header>")[0] and "Siti Aminah" not in rina.split("</header>")[0]
    reported = discussion[-2]
    assert "Anda telah melaporkan balasan ini" in article(rina, reported)
    assert "Anda telah melaporkan" not in siti
    own_fresh = discussion[3]  # Siti's, written just now
    assert reverse("rpjpd:edit", args=[own_fresh.pk]) in article(siti, own_fresh)
    assert reverse("rpjpd:edit", args=[own_fresh.pk]) not in article(rina, own_fresh)
    assert reverse("rpjpd:report", args=[own_fresh.pk]) in article(rina, own_fresh)
    csrf = [re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', page) for page in (siti, rina)]
    assert len(csrf[0]) == 2 and len(set(csrf[0])) == 1 and csrf[0] != csrf[1]  # sign-out and reply: one token
    tokens = [re.search(r'name="submission_token" value="([^"]+)"', page)[1] for page in (siti, rina)]
    assert tokens[0] != tokens[1]
    again = client_for(reader).get(topic.get_absolute_url()).content.decode()
    assert re.search(r'name="submission_token" value="([^"]+)"', again)[1] != tokens[1]  # a new one each time


def article(page: str, reply) -> str:
    found = re.search(rf'<article [^>]*id="{reply.anchor}">(.*?)</article>', page, re.S)
    assert found, f"{reply.anchor} not on the page"
    return found[1]


def change_reply_written(the):
    services.reply_create(topic=the.topic, author=the.citizen2, body="Tanggapan yang baru masuk")


def change_reply_answered(the):
    services.reply_create(topic=the.topic, author=the.citizen2, parent=the.discussion[-1], body="Jawaban baru")


def change_reply_edited(the):
    services.reply_edit(reply=Reply.objects.get(pk=the.discussion[3].pk), editor=the.citizen, body="Isi yang disunting")


def change_reply_removed(the):
    services.reply_remove(reply=Reply.objects.get(pk=the.discussion[3].pk), remover=the.citizen)


def change_reply_hidden(the):
    services.reply_hide(reply=Reply.objects.get(pk=the.discussion[4].pk), moderator=the.staff, reason="Kasar")


def change_reply_restored(the):
    hidden = Reply.objects.get(status=Reply.Status.HIDDEN)
    services.reply_restore(reply=hidden, moderator=the.staff, reason="Ternyata wajar")


def change_reports_hide_a_reply(the):
    for n in range(3):
        other = make_user(f"pelapor{n}", display_name=f"Pelapor {n}")
        services.reply_report(reply=Reply.objects.get(pk=the.discussion[4].pk), reporter=other, reason="kasar")


def change_reply_deleted_in_the_admin(the):
    Reply.objects.get(body="D4").delete()  # a leaf: nothing answers it


def change_author_renamed(the):
    the.citizen2.display_name = "Budi Baru"
    the.citizen2.save()


def change_topic_edited(the):
    the.topic.refresh_from_db()
    the.topic.title, the.topic.body = "Banjir dan longsor", "Teks topik yang **diperbarui**."
    the.topic.save()


def change_topic_closed_by_the_admin_action(the):
    Topic.objects.filter(pk=the.topic.pk).update(is_open=False)  # what TopicAdmin's "tutup" does


def change_topic_closing_date_passed(the):
    Topic.objects.filter(pk=the.topic.pk).update(closes_at=timezone.now() + timedelta(seconds=1))
    later = timezone.now() + timedelta(seconds=5)
    return later


def change_section_renamed(the):
    section = the.topic.section
    section.title = "Isu Strategis (revisi)"
    section.save()


def change_reading_material_added(the):
    document = the.make_document("Perda Kutai Kartanegara tentang Banjir", year=2022)
    the.topic.reading_materials.add(Document.objects.get(pk=document.pk))


def change_region_renamed(the):
    profile = RegionProfile.objects.current()
    profile.name = "Kabupaten Uji Coba"
    profile.save()


CHANGES = [
    change_reply_written,
    change_reply_answered,
    change_reply_edited,
    change_reply_removed,
    change_reply_hidden,
    change_reply_restored,
    change_reports_hide_a_reply,
    change_reply_deleted_in_the_admin,
    change_author_renamed,
    change_topic_edited,
    change_topic_closed_by_the_admin_action,
    change_topic_closing_date_passed,
    change_section_renamed,
    change_reading_material_added,
    change_region_renamed,
]


@pytest.mark.parametrize("change", CHANGES, ids=lambda change: change.__name__.removeprefix("change_"))
def test_after_any_change_the_kept_page_is_the_new_page(
    discussion, topic, citizen, citizen2, reader, staff, make_document, change, settings, monkeypatch
):
    client = client_for(reader)
    url = topic.get_absolute_url()
    before = client.get(url)
    assert client.get(url).templates == []  # kept
    the = SimpleNamespace(
        topic=topic,
        citizen=citizen,
        citizen2=citizen2,
        reader=reader,
        staff=staff,
        discussion=discussion,
        make_document=make_document,
    )
    later = change(the)
    if later is not None:
        monkeypatch.setattr(timezone, "now", lambda: later)
    topic.refresh_from_db()
    url = topic.get_absolute_url()
    full, kept, _templates = full_and_kept(client, url, settings)
    assert kept == full
    assert kept != normalised(before)  # the change shows


def test_a_hole_cannot_be_forged_from_a_reply(topic, citizen, reader, settings):
    forged = "rrhole" + "0" * (len(hole("csrf")) - len("rrholecsrfz")) + "csrfz"  # a hole of another process
    assert forged != hole("csrf")
    services.reply_create(topic=topic, author=citizen, body=f"Lihat {forged} ini")
    full, kept, templates = full_and_kept(client_for(reader), topic.get_absolute_url(), settings)
    assert kept == full and templates == []
    assert forged in kept


def test_staff_a_waiting_message_and_visitors_get_the_full_rendering(topic, citizen, staff, draft_topic):
    preview = client_for(staff).get(draft_topic.get_absolute_url())
    assert preview.status_code == 200 and preview.templates  # staff preview drafts: rendered in full
    assert "Pratinjau" in preview.content.decode()
    client = client_for(citizen)
    sent = client.post(
        reverse("rpjpd:reply_to_topic", args=[topic.section.slug, topic.slug]), {"body": "Tanggapan saya"}
    )
    landed = client.get(sent["Location"])
    assert landed.templates and "Tanggapan Anda telah dikirim." in landed.content.decode()
    client.get(topic.get_absolute_url())  # the message shown: the new page is kept …
    assert client.get(topic.get_absolute_url()).templates == []  # … and used
    assert client_for(citizen).get(draft_topic.get_absolute_url()).status_code == 404  # drafts stay hidden
    assert client_for(None).get(topic.get_absolute_url()).templates  # visitors: their own cache, not this one


def test_a_kept_page_reads_two_rows_and_the_reports_whatever_the_replies(topic, citizen, reader, settings):
    for n in range(30):
        services.reply_create(topic=topic, author=citizen, body=f"Balasan {n}")
    client = client_for(reader)
    client.get(topic.get_absolute_url())
    with CaptureQueriesContext(connection) as queries:
        assert client.get(topic.get_absolute_url()).templates == []
    # the session with its person; the topic with the reader's reports (on SQLite the reports separately)
    assert len(queries) == (2 if connection.vendor == "postgresql" else 3), [q["sql"][:80] for q in queries]


def test_turned_off_every_page_is_rendered_in_full(topic, citizen, settings):
    settings.RPJPD_KEPT_PAGES = False
    client = client_for(citizen)
    client.get(topic.get_absolute_url())
    assert client.get(topic.get_absolute_url()).templates
    assert len(kept_pages._kept) == 0
