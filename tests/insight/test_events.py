"""Agenda figures on the staff dashboard: applied / selected / attended per finished event, per group and per
kecamatan, as rounded counts of people, withheld when small, in a fixed number of queries."""

import io

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from agenda.models import Application
from insight import events, periods
from insight.privacy import SMALL, PeopleCount
from tests.agenda.factories import group, make_event
from tests.helpers import client_for, make_user
from wilayah.models import Kecamatan

SELECTED, APPLIED = Application.Status.SELECTED, Application.Status.APPLIED


def add_applicants(event, name, *, applied, selected, attended, prefix="", kecamatan=None):
    """`applied` people of one group; the first `selected` of them selected, the first `attended` present."""
    people = [
        make_user(
            f"{prefix}{event.pk}-{name[:4]}-{n}",
            display_name=f"Warga {n}",
            email=f"{prefix}{event.pk}{name[:4]}{n}@contoh.id",
        )
        for n in range(applied)
    ]
    kind = group(name)
    Application.objects.bulk_create(
        Application(
            event=event,
            citizen=person,
            group=kind,
            topic="Jalan desa",
            kecamatan=kecamatan,
            code=f"G{kind.pk}{prefix[:1]}{n:04d}",
            status=SELECTED if n < selected else APPLIED,
            attended_at=timezone.now() if n < attended else None,
        )
        for n, person in enumerate(people)
    )


def finished_event(title="Musrenbang Kecamatan Tenggarong"):
    return make_event(title, days_ahead=-3, registration_opens_at=None, registration_closes_at=None)


def figure(block, slug):
    return next(f for f in block.figures if f.slug == slug)


def test_group_figures_are_rounded_and_small_cells_read_below_five(db):
    event = finished_event()
    add_applicants(event, "Perempuan", applied=12, selected=8, attended=7)
    add_applicants(event, "Penyandang disabilitas", applied=3, selected=3, attended=2)
    add_applicants(event, "Komunitas", applied=8, selected=6, attended=6)
    block = events.block(periods.period_for(periods.ALL_TIME))
    per_group = figure(block, "peserta-per-kelompok")
    assert not per_group.withheld
    rows = {row[0]: [cell.text for cell in row[1:]] for row in per_group.rows}
    assert rows == {
        "Perempuan": ["10", "10", "5"],
        "Penyandang disabilitas": [SMALL, SMALL, SMALL],
        "Komunitas": ["10", "5", "5"],
    }
    assert all(cell.number is None for cell in per_group.rows[1][1:] if isinstance(cell, PeopleCount))
    per_event = figure(block, "peserta-per-acara")
    assert [cell.text for cell in per_event.rows[0][1:]] == ["25", "15", "15"]  # 23, 17 and 15 people
    assert block.facts[0].value.text == "25"


def test_a_breakdown_of_fewer_than_ten_applicants_is_withheld(db):
    event = finished_event()
    add_applicants(event, "Perempuan", applied=6, selected=4, attended=3)
    add_applicants(event, "Penyandang disabilitas", applied=2, selected=1, attended=1)
    block = events.block(periods.period_for(periods.ALL_TIME))
    for slug in ("peserta-per-kelompok", "peserta-per-acara"):
        assert figure(block, slug).withheld.startswith("Rincian baru ditampilkan bila sedikitnya 10 orang")
        assert figure(block, slug).rows == []


def test_a_breakdown_whose_small_cell_could_be_solved_is_withheld(db):
    event = finished_event()
    add_applicants(event, "Perempuan", applied=38, selected=0, attended=0)
    add_applicants(event, "Penyandang disabilitas", applied=1, selected=0, attended=0)
    per_group = figure(events.block(periods.period_for(periods.ALL_TIME)), "peserta-per-kelompok")
    assert per_group.withheld.startswith("Tidak ditampilkan") and per_group.rows == []


def test_events_not_over_yet_are_not_counted(db):
    add_applicants(make_event("Forum PD yang akan datang"), "Perempuan", applied=15, selected=5, attended=0)
    block = events.block(periods.period_for(periods.ALL_TIME))
    assert block.facts[0].value.text == "0"
    assert figure(block, "peserta-per-acara").withheld


def test_the_dashboard_shows_the_block_with_rounded_numbers_only(staff):
    event = finished_event()
    add_applicants(event, "Perempuan", applied=12, selected=8, attended=7)
    add_applicants(event, "Komunitas", applied=11, selected=9, attended=8)
    html = client_for(staff).get(reverse("insight:index")).content.decode()
    table = html[html.index('data-testid="figure-peserta-per-kelompok"') :]
    table = table[: table.index("</figure>")]
    assert "Perempuan" in table and ">10<" in table
    for exact in (">12<", ">11<", ">8<", ">9<", ">7<", ">23<", ">17<"):
        assert exact not in table


def dashboard_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("insight:index")).status_code == 200
    return len(queries)


def block_queries() -> int:
    with CaptureQueriesContext(connection) as queries:
        events.block(periods.period_for(periods.ALL_TIME))
    return len(queries)


def test_the_dashboards_query_count_does_not_grow_with_events_and_applicants(staff):
    client = client_for(staff)
    client.get(reverse("insight:index"))  # warm the per-worker caches and this month's reach snapshot
    add_applicants(finished_event("Acara A"), "Perempuan", applied=3, selected=1, attended=1)
    few = dashboard_queries(client)
    assert block_queries() == 3  # per event, per group, per kecamatan
    tenggarong, samboja = Kecamatan.objects.create(name="Tenggarong"), Kecamatan.objects.create(name="Samboja")
    for n in range(4):
        event = finished_event(f"Acara {n}")
        add_applicants(event, "Perempuan", applied=30, selected=10, attended=8, prefix="p", kecamatan=tenggarong)
        add_applicants(event, "Komunitas", applied=20, selected=5, attended=5, prefix="k", kecamatan=samboja)
    assert dashboard_queries(client) == few
    assert block_queries() == 3


def small_kecamatan_figures():
    """23 applicants of one event: 12 from Tenggarong, 3 from Samboja, 8 who left the kecamatan empty."""
    tenggarong, samboja = Kecamatan.objects.create(name="Tenggarong"), Kecamatan.objects.create(name="Samboja")
    event = finished_event()
    add_applicants(event, "Perempuan", applied=12, selected=8, attended=7, kecamatan=tenggarong)
    add_applicants(event, "Komunitas", applied=3, selected=3, attended=2, kecamatan=samboja)
    add_applicants(event, "Penyandang disabilitas", applied=8, selected=6, attended=6)


def test_kecamatan_figures_are_rounded_and_small_cells_read_below_five(db):
    small_kecamatan_figures()
    per_kecamatan = figure(events.block(periods.period_for(periods.ALL_TIME)), "peserta-per-kecamatan")
    assert not per_kecamatan.withheld
    assert {row[0]: [cell.text for cell in row[1:]] for row in per_kecamatan.rows} == {
        "Samboja": [SMALL, SMALL, SMALL],
        "Tenggarong": ["10", "10", "5"],
        "Kecamatan tidak diisi": ["10", "5", "5"],
    }
    assert all(isinstance(cell, PeopleCount) and cell.number is None for cell in per_kecamatan.rows[0][1:])


def test_kecamatan_figures_of_fewer_than_ten_applicants_are_withheld(db):
    event = finished_event()
    add_applicants(
        event, "Perempuan", applied=7, selected=4, attended=3, kecamatan=Kecamatan.objects.create(name="Loa Kulu")
    )
    per_kecamatan = figure(events.block(periods.period_for(periods.ALL_TIME)), "peserta-per-kecamatan")
    assert per_kecamatan.withheld.startswith("Rincian baru ditampilkan bila sedikitnya 10 orang")
    assert per_kecamatan.rows == []


def test_exact_small_kecamatan_numbers_never_reach_the_dashboard_or_its_xlsx(staff):
    small_kecamatan_figures()
    client = client_for(staff)
    html = client.get(reverse("insight:index")).content.decode()
    table = html[html.index('data-testid="figure-peserta-per-kecamatan"') :]
    table = table[: table.index("</figure>")]
    assert "Samboja" in table and "Tenggarong" in table
    for exact in (">12<", ">3<", ">8<", ">7<", ">2<", ">6<", ">23<", ">17<"):
        assert exact not in table
    book = load_workbook(io.BytesIO(client.get(reverse("insight:download")).content))
    rows = [list(row) for row in book["Acara (Agenda)"].iter_rows(values_only=True)]
    title = rows.index(["Pendaftar, peserta terpilih dan yang hadir per kecamatan", None, None, None])
    assert rows[title + 1] == ["Kecamatan", "Mendaftar", "Terpilih", "Hadir"]
    assert rows[title + 2 : title + 5] == [
        ["Samboja", SMALL, SMALL, SMALL],
        ["Tenggarong", 10, 10, 5],
        ["Kecamatan tidak diisi", 10, 5, 5],
    ]
