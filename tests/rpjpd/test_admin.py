import csv
import io
import re

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from rpjpd import services
from rpjpd.models import Reply
from tests.helpers import client_for, make_user
from wilayah.models import Desa

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator(staff):
    staff.user_permissions.set(Permission.objects.filter(content_type__app_label="rpjpd"))
    return staff


@pytest.fixture
def thread(topic, citizen, citizen2):
    citizen.gender, citizen.age_group, citizen.desa = "perempuan", "18_29", Desa.objects.get(name="Maluhu")
    citizen.save()
    root = services.reply_create(topic=topic, author=citizen, body='=HYPERLINK("http://jahat")')
    child = services.reply_create(topic=topic, author=citizen2, body="Setuju, banjir juga di Samboja.", parent=root)
    return root, child


def test_moderator_hides_a_reply_with_a_reason_and_the_author_is_told(
    moderator, thread, django_capture_on_commit_callbacks
):
    root, _child = thread
    client = client_for(moderator)
    url = reverse("admin:rpjpd_reply_changelist")
    asked = client.post(url, {"action": "hide_replies", "_selected_action": [root.pk]})
    assert "Alasan" in asked.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"action": "hide_replies", "_selected_action": [root.pk], "reason": "Tautan berbahaya."})
    root.refresh_from_db()
    assert root.status == Reply.Status.HIDDEN and root.moderation_reason == "Tautan berbahaya."
    assert mail.outbox[-1].to == ["siti@contoh.id"] and "Tautan berbahaya." in mail.outbox[-1].body


def test_moderation_queue_lists_reported_and_pending_replies(moderator, thread, citizen2):
    root, child = thread
    services.reply_report(reply=root, reporter=citizen2, reason="spam")
    page = client_for(moderator).get(reverse("admin:rpjpd_moderationqueueentry_changelist")).content.decode()
    change = "/admin/rpjpd/moderationqueueentry/{}/change/"
    assert change.format(root.pk) in page and change.format(child.pk) not in page


def listed_replies(client, **query) -> set[int]:
    page = client.get(reverse("admin:rpjpd_reply_changelist"), query).content.decode()
    return {int(pk) for pk in re.findall(r"/admin/rpjpd/reply/(\d+)/change/", page)}


def test_reply_list_filters_and_search(moderator, thread, citizen2):
    root, child = thread
    services.reply_report(reply=root, reporter=citizen2, reason="spam")
    services.reply_hide(reply=child, moderator=moderator, reason="Uji saringan")
    client = client_for(moderator)
    assert listed_replies(client) == {root.pk, child.pk}  # both, unfiltered
    assert listed_replies(client, q="Samboja") == {child.pk}
    assert listed_replies(client, q="budi") == {child.pk}  # by the author's username
    assert listed_replies(client, dilaporkan="ya") == {root.pk}
    assert listed_replies(client, status__exact="hidden") == {child.pk}


def export(client, topic, action):
    url = reverse("admin:rpjpd_topic_changelist")
    return client.post(url, {"action": action, "_selected_action": [topic.pk]})


def test_csv_export_has_every_column_for_the_synthesis(moderator, topic, thread):
    root, child = thread
    response = export(client_for(moderator), topic, "export_csv")
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment;" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["id", "id_induk", "kedalaman", "topik"] and rows[0][-1] == "isi"
    assert [row[0] for row in rows[1:]] == [str(root.pk), str(child.pk)]
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first["penulis"] == "Siti Aminah" and first["kecamatan"] == "Tenggarong"
    assert first["isi"].startswith("'=HYPERLINK")  # a formula is written as text, never run
    second = dict(zip(rows[0], rows[2], strict=True))
    assert (second["id_induk"], second["kedalaman"]) == (str(root.pk), "1")


def test_xlsx_export_of_a_whole_section(moderator, topic, thread):
    url = reverse("admin:rpjpd_section_changelist")
    response = client_for(moderator).post(url, {"action": "export_xlsx", "_selected_action": [topic.section.pk]})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "id" and len(rows) == 3
    assert rows[2][-1] == "Setuju, banjir juga di Samboja."


DEMOGRAPHIC_WORDS = ["kelamin", "umur", "disabilitas", "Perempuan", "Laki-laki", "18–29", "tidak menjawab"]


@pytest.mark.parametrize("action", ["export_csv", "export_xlsx"])
def test_exports_never_show_gender_age_or_disability_beside_a_name(moderator, topic, thread, citizen2, action):
    """Sign-up promises these answers are only counted, never shown with a name."""
    citizen2.gender, citizen2.age_group, citizen2.disability = "laki_laki", "45_59", "ya"
    citizen2.save()
    response = export(client_for(moderator), topic, action)
    if action == "export_csv":
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    else:
        sheet = load_workbook(io.BytesIO(response.content)).active
        rows = [[str(cell) for cell in cells] for cells in sheet.iter_rows(values_only=True)]
    header, *replies = rows
    assert "penulis" in header and "isi" in header
    assert [dict(zip(header, r, strict=True))["penulis"] for r in replies] == ["Siti Aminah", "Budi Santoso"]
    assert replies[1][header.index("isi")] == "Setuju, banjir juga di Samboja."
    written = " ".join(" ".join(r) for r in rows)
    for word in [*DEMOGRAPHIC_WORDS, citizen2.get_age_group_display(), citizen2.get_disability_display()]:
        assert word not in written


FORMULAS = ['=HYPERLINK("http://x","klik")', "+62 541", "-1+1", "@SUM(A1)", "\t=1+1", "\r=1+1"]


@pytest.mark.parametrize("action", ["export_csv", "export_xlsx"])
@pytest.mark.parametrize("formula", FORMULAS)
def test_exports_never_carry_a_formula_from_a_title_a_name_or_a_reply(moderator, topic, citizen, action, formula):
    topic.title = formula
    topic.save()
    citizen.display_name = formula
    citizen.save()
    reply = services.reply_create(topic=topic, author=citizen, body=formula)  # the body is stored trimmed
    response = export(client_for(moderator), topic, action)
    if action == "export_csv":
        header, first = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"), newline="")))
    else:
        header, first = load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True)
        first = [str(value).replace("\n", "\r") for value in first]  # XML reads a carriage return as a line feed
    cells = dict(zip(header, first, strict=True))
    assert (cells["topik"], cells["isi"]) == ("'" + formula, "'" + reply.body)
    assert cells["penulis"] == "'" + citizen.public_name


def test_staff_without_permissions_cannot_export_or_moderate(staff, topic, thread):
    client = client_for(staff)
    assert export(client, topic, "export_csv").status_code == 403
    assert client.get(reverse("admin:rpjpd_reply_changelist")).status_code == 403


def test_topic_admin_actions_publish_and_close(moderator, draft_topic):
    client = client_for(moderator)
    url = reverse("admin:rpjpd_topic_changelist")
    client.post(url, {"action": "publish", "_selected_action": [draft_topic.pk]})
    client.post(url, {"action": "close_for_replies", "_selected_action": [draft_topic.pk]})
    draft_topic.refresh_from_db()
    assert draft_topic.is_published and not draft_topic.accepts_replies


QUEUE = "admin:rpjpd_moderationqueueentry_changelist"


@pytest.fixture
def reported(topic, citizen, kecamatan):
    """A reply reported by three people: twice as spam, once as abusive; hidden pending review at three."""
    reply = services.reply_create(topic=topic, author=citizen, body="Beli obat murah di tautan ini.")
    for name, reason in [("andi", "spam"), ("wati", "spam"), ("yudi", "kasar")]:
        services.reply_report(reply=reply, reporter=make_user(name, display_name=name.title()), reason=reason)
    reply.refresh_from_db()
    return reply


def shown_messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def test_hiding_from_the_queue_counts_the_hidden_reply_and_shows_its_new_status(
    moderator, reported, django_capture_on_commit_callbacks
):
    client = client_for(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse(QUEUE),
            {"action": "hide_replies", "_selected_action": [reported.pk], "reason": "Iklan obat."},
            follow=True,
        )
    said = shown_messages(response)
    expected = f"1 balasan disembunyikan (#{reported.pk}); statusnya kini “Disembunyikan moderator”"
    assert any(m.startswith(expected) for m in said), said
    assert mail.outbox[-1].to == ["siti@contoh.id"]
    # The entry stays in the queue, now showing what became of it and who did it.
    row = row_of(response.content.decode(), reported)
    assert "Disembunyikan moderator" in row and "oleh Staf Bappeda" in row


def test_restoring_several_from_the_reply_list_counts_each_one(moderator, thread):
    root, child = thread
    response = client_for(moderator).post(
        reverse("admin:rpjpd_reply_changelist"),
        {"action": "restore_replies", "_selected_action": [root.pk, child.pk], "reason": "Ditinjau, aman."},
        follow=True,
    )
    assert any(m.startswith("2 balasan ditampilkan") for m in shown_messages(response))


def row_of(page: str, reply) -> str:
    start = page.index(f'id="antrean-{reply.pk}"')
    return page[start : page.index("</tr>", start)]


def test_queue_summarises_report_reasons_in_the_row(moderator, reported):
    page = client_for(moderator).get(reverse(QUEUE)).content.decode()
    row = row_of(page, reported)
    assert "3 laporan" in row and "2× spam, 1× kasar" in row
    assert "Disembunyikan, menunggu tinjauan" in row and "Banjir di sepanjang Sungai Mahakam" in row


def test_one_click_hide_from_the_row_tells_the_author_the_reported_reason(
    moderator, reported, django_capture_on_commit_callbacks
):
    client = client_for(moderator)
    url = reverse("admin:rpjpd_moderationqueueentry_moderate", args=[reported.pk, "sembunyikan"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 302 and response["Location"].endswith(f"#antrean-{reported.pk}")
    reported.refresh_from_db()
    assert reported.status == Reply.Status.HIDDEN and reported.moderated_by == moderator
    assert "spam atau iklan" in reported.moderation_reason and "spam atau iklan" in mail.outbox[-1].body
    page = client.get(response["Location"]).content.decode()
    assert f"1 balasan disembunyikan (#{reported.pk})" in page
    assert "Disembunyikan moderator" in row_of(page, reported)


def test_one_click_show_from_the_row_returns_the_reply_and_clears_its_reports(moderator, reported):
    url = reverse("admin:rpjpd_moderationqueueentry_moderate", args=[reported.pk, "tampilkan"])
    client_for(moderator).post(url)
    reported.refresh_from_db()
    assert reported.status == Reply.Status.VISIBLE and reported.report_count == 0


def test_row_actions_need_post_csrf_and_the_change_permission(moderator, staff, reported):
    url = reverse("admin:rpjpd_moderationqueueentry_moderate", args=[reported.pk, "sembunyikan"])
    assert client_for(moderator).get(url).status_code == 405
    forged = Client(enforce_csrf_checks=True)
    forged.force_login(moderator)
    assert forged.post(url).status_code == 403
    staff.user_permissions.set(Permission.objects.filter(codename="view_moderationqueueentry"))
    assert client_for(staff).post(url).status_code == 403
    assert client_for(moderator).post(url.replace("sembunyikan", "hapus")).status_code == 403
    reported.refresh_from_db()
    assert reported.status == Reply.Status.PENDING_REVIEW


def test_row_buttons_are_part_of_the_changelist_form_and_post_to_their_row(moderator, reported):
    page = client_for(moderator).get(reverse(QUEUE)).content.decode()
    row = row_of(page, reported)
    hide = reverse("admin:rpjpd_moderationqueueentry_moderate", args=[reported.pk, "sembunyikan"])
    assert f'formaction="{hide}"' in row and 'name="csrfmiddlewaretoken"' in page


def test_queue_page_queries_do_not_grow_with_entries(
    moderator, topic, citizen, settings, django_assert_max_num_queries
):
    settings.RPJPD_REPLIES_PER_MINUTE = 100
    reporters = [make_user(f"pelapor{i}", display_name=f"Pelapor {i}") for i in range(3)]
    client = client_for(moderator)

    def add_reported(count):
        for i in range(count):
            reply = services.reply_create(topic=topic, author=citizen, body=f"Balasan {i}")
            for reporter, reason in zip(reporters, ["spam", "kasar", "tidak_relevan"], strict=True):
                services.reply_report(reply=reply, reporter=reporter, reason=reason)

    add_reported(2)
    client.get(reverse(QUEUE))  # warm the session and content types
    with CaptureQueriesContext(connection) as few:
        client.get(reverse(QUEUE))
    add_reported(12)
    with django_assert_max_num_queries(len(few)):
        page = client.get(reverse(QUEUE)).content.decode()
    assert page.count("1× spam, 1× kasar, 1× tidak relevan") == 14
