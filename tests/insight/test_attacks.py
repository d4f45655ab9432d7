"""The attacks docs/dashboard.md says a staff member cannot carry out, each carried out literally.

A staff member sees every page of the dashboard for every period and its XLSX, the public topic pages (every
reply with its author's name and date) and the consultations. The demographic figures must not tell them the
gender, age group, disability or kecamatan of anyone they can name."""

import io
from datetime import timedelta

from django.urls import reverse
from openpyxl import load_workbook

from accounts.models import AgeGroup, Disability, Gender, User
from insight import dashboard, periods
from insight.figures import display
from rpjpd import services
from rpjpd.models import Reply
from tests.helpers import PASSWORD, client_for
from tests.insight.conftest import NOW, add_people, at
from wilayah.models import Kecamatan

PERIODS = [periods.ALL_TIME, periods.THIS_YEAR, periods.LAST_30_DAYS]


def reach_as_staff_sees_it(staff) -> dict:
    """The Jangkauan block of every period, as the page's HTML (facts, tables and SVG) and as the XLSX sheet."""
    client = client_for(staff)
    seen = {}
    for key in PERIODS:
        html = client.get(reverse("insight:index"), {"periode": key}).content.decode()
        seen[f"html:{key}"] = html.split('id="jangkauan"')[1].split("</section>")[0]
        book = load_workbook(io.BytesIO(client.get(reverse("insight:download"), {"periode": key}).content))
        rows = [list(row) for row in book["Jangkauan"].iter_rows(values_only=True)]
        seen[f"xlsx:{key}"] = [rows[0], *rows[2:]]  # row 2 holds the minute the file was made
    return seen


def reach_figures(key, now) -> dict:
    block = next(b for b in dashboard.blocks(periods.period_for(key, now=now)) if b.slug == "jangkauan")
    return {
        "facts": {fact.label: display(fact.value) for fact in block.facts},
        "figures": {f.slug: [[display(v) for v in row] for row in f.rows] for f in block.figures},
    }


def test_a_named_persons_public_reply_or_sign_up_changes_no_reach_figure(world, crowd, staff, topic):
    before = reach_as_staff_sees_it(staff)
    # Warga Diam of Tenggarong, who never wrote before, now replies in public under his name …
    quiet = User.objects.get(username="diam")
    quiet.gender, quiet.age_group, quiet.disability = Gender.FEMALE, AgeGroup.FROM_45_TO_59, Disability.YES
    quiet.save()
    reply_url = reverse("rpjpd:reply_to_topic", args=[topic.section.slug, topic.slug])
    assert client_for(quiet).post(reply_url, {"body": "Saya juga terdampak banjir."}).status_code == 302
    # … and a newcomer signs up from Muara Badak and opens a consultation the same day.
    newcomer_client = client_for(None)
    newcomer_client.post(
        reverse("account_signup"),
        {
            "username": "pendatang",
            "email": "pendatang@contoh.id",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "display_name": "Pendatang Baru",
            "kecamatan": str(Kecamatan.objects.get(name="Muara Badak").pk),
            "gender": Gender.FEMALE,
            "age_group": AgeGroup.UNDER_18,
            "disability": Disability.YES,
        },
    )
    newcomer = User.objects.get(username="pendatang")
    Reply.objects.create(topic=topic, author=newcomer, body="Halo.", path="").place_in_thread()
    assert Reply.objects.counted().filter(author__in=[quiet, newcomer]).count() == 2
    assert reach_as_staff_sees_it(staff) == before


def test_hiding_a_reply_or_editing_a_profile_does_not_move_the_figures(world, crowd, staff):
    before = reach_as_staff_sees_it(staff)
    # A staff member hides the only reply of one crowd member; another changes her answers, a third moves.
    services.reply_hide(reply=Reply.objects.get(author=crowd[0]), moderator=staff, reason="Uji")
    assert not Reply.objects.counted().filter(author=crowd[0]).exists()
    crowd[1].gender, crowd[1].disability = Gender.MALE, Disability.NO
    crowd[1].save()
    crowd[20].kecamatan = world["tabang"]
    crowd[20].save()
    assert reach_as_staff_sees_it(staff) == before


def test_comparing_periods_never_isolates_fewer_than_ten_people(world, crowd):
    # Up to 31 May 2026 all time holds the crowd, siti and lama (30); this year the same without lama (29).
    # Were both shown, all time minus this year would be lama alone: his kecamatan and his answers.
    shown = {key: reach_figures(key, NOW)["figures"] for key in PERIODS}
    published = [key for key, figures in shown.items() if "per-kecamatan" in figures]
    assert published == [periods.ALL_TIME]
    assert list(shown[periods.THIS_YEAR]) == list(shown[periods.LAST_30_DAYS]) == ["rincian-jangkauan"]


def test_periods_that_differ_by_a_group_of_ten_are_both_shown(world, crowd, topic):
    # Ten people of Kota Bangun took part only in 2025: all time (40) minus this year (29) is those ten.
    add_people(topic, [("Kota Bangun", Gender.MALE, AgeGroup.FROM_30_TO_44, Disability.NO)] * 10, prefix="veteran",
               when=at(2025, 8, 1))  # fmt: skip
    all_time, this_year = reach_figures(periods.ALL_TIME, NOW), reach_figures(periods.THIS_YEAR, NOW)
    assert all_time["figures"]["per-kecamatan"][0] == ["Kota Bangun", "10"]
    assert this_year["figures"]["per-kecamatan"][0] == ["Kota Bangun", "0"]
    assert this_year["facts"]["Peserta dalam rincian (1 Januari 2026 – 31 Mei 2026)"] == "30"  # 29 → 30


def test_next_month_keeps_the_figures_until_ten_more_people_took_part(world, crowd, topic):
    june = reach_figures(periods.ALL_TIME, NOW)
    # June brought seven newcomers (budi and the six Samboja women): July still shows the figures up to May.
    july = reach_figures(periods.ALL_TIME, NOW + timedelta(days=30))
    assert july == june
    assert july["facts"]["Data jangkauan sampai"] == "31 Mei 2026"
    # Three more in July make ten since the figures last moved: August shows the data up to July.
    add_people(topic, [("Tabang", Gender.FEMALE, AgeGroup.FROM_60, Disability.YES)] * 3, prefix="juli",
               when=at(2026, 7, 20))  # fmt: skip
    august = reach_figures(periods.ALL_TIME, NOW + timedelta(days=61))
    assert august["facts"]["Data jangkauan sampai"] == "31 Juli 2026"
    assert august["figures"]["per-kecamatan"] != june["figures"]["per-kecamatan"]
