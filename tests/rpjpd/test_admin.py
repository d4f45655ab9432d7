import csv
import io

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.urls import reverse
from openpyxl import load_workbook

from accounts.models import Desa
from rpjpd import services
from rpjpd.models import Reply
from tests.helpers import client_for

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


def test_reply_list_filters_and_search(moderator, thread):
    client = client_for(moderator)
    url = reverse("admin:rpjpd_reply_changelist")
    assert "Samboja" in client.get(url, {"q": "Samboja"}).content.decode()
    assert client.get(url, {"dilaporkan": "ya"}).status_code == 200
    assert client.get(url, {"status__exact": "hidden"}).status_code == 200


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
