"""Every figure of the dashboard against the hand-counted region in conftest.py, for each period."""

import pytest

from insight import dashboard, periods
from insight.figures import display
from insight.privacy import PeopleCount
from tests.insight.conftest import NOW

pytestmark = pytest.mark.django_db


def blocks_for(key):
    return dashboard.blocks(periods.period_for(key, now=NOW))


def facts(blocks, block_slug):
    block = next(b for b in blocks if b.slug == block_slug)
    return {fact.label: display(fact.value) for fact in block.facts}


def figure(blocks, slug):
    return next(f for b in blocks for f in b.figures if f.slug == slug)


def figure_list(blocks, block_slug):
    return next(b for b in blocks if b.slug == block_slug).figures


def table(blocks, slug):
    return [[display(value) for value in row] for row in figure(blocks, slug).rows]


@pytest.mark.parametrize(
    ("key", "registered_new", "participants", "replies"),
    [
        # registered: siti, budi, 6 women, lama, diam = 10 (staff and experts are not counted).
        (periods.ALL_TIME, "10", "9", "10"),  # all but diam; replies: lama, siti×2, women×6, expert
        (periods.THIS_YEAR, "8", "8", "9"),  # budi, women, diam joined in 2026; lama last wrote in 2025
        (periods.LAST_30_DAYS, "1", "8", "8"),  # budi joined; siti's 15 Jan reply is out
    ],
)
def test_participation_facts_match_hand_count(world, key, registered_new, participants, replies):
    shown = facts(blocks_for(key), "partisipasi")
    assert shown["Pengguna terdaftar"] == "10"
    assert shown["Mendaftar dalam periode ini"] == registered_new
    assert shown["Peserta aktif (pernah menulis) dalam periode ini"] == participants
    assert shown["Tanggapan RPJPD dalam periode ini"] == replies


def test_growth_is_running_totals_per_month(world):
    rows = table(blocks_for(periods.THIS_YEAR), "pertumbuhan")
    # Registered before 2026: lama, siti. Feb: diam. Mar: six women. Jun: budi.
    # First posts before 2026: lama. Jan: siti. Jun: budi (consultation), the women.
    assert rows == [
        ["Jan 2026", "2", "2"],
        ["Feb 2026", "3", "2"],
        ["Mar 2026", "9", "2"],
        ["Apr 2026", "9", "2"],
        ["Mei 2026", "9", "2"],
        ["Jun 2026", "10", "9"],
    ]


def test_replies_per_week_include_empty_weeks(world):
    rows = table(blocks_for(periods.LAST_30_DAYS), "tanggapan-per-minggu")
    assert rows == [
        ["11 Mei 2026", "0"],
        ["18 Mei 2026", "0"],
        ["25 Mei 2026", "0"],
        ["1 Jun 2026", "1"],  # siti, 5 June (budi's hidden reply of 2 June is not counted)
        ["8 Jun 2026", "7"],  # six women and the expert
        ["15 Jun 2026", "0"],
    ]


def test_replies_per_section_and_topic(world, topic):
    blocks = blocks_for(periods.ALL_TIME)
    assert ["Isu Strategis Daerah", "10", "9"] in table(blocks, "per-bagian")  # 10 replies by 9 people
    assert table(blocks, "topik-teramai") == [[topic.title, "10"]]
    assert table(blocks, "per-topik") == [[topic.title, "Isu Strategis Daerah", "10", "9"]]


def test_reach_counts_closed_months_rounded_to_five(world, crowd):
    blocks = blocks_for(periods.ALL_TIME)
    # Up to 31 May 2026 (NOW is 15 June): the 28 of the crowd, lama (June 2025) and siti (January) = 30.
    # Not budi (his consultation is of 3 June) nor the six Samboja women (10 June): June has not closed.
    assert facts(blocks, "jangkauan") == {
        "Data jangkauan sampai": "31 Mei 2026",
        "Peserta dalam rincian (seluruh waktu sampai 31 Mei 2026)": "30",
        "Kecamatan yang terjangkau": "3 / 4",
    }
    # Muara Badak 3; Samboja 7 + lama = 8 → 10; Tenggarong 18 + siti = 19 → 20.
    assert table(blocks, "per-kecamatan") == [
        ["Muara Badak", "< 5"],
        ["Samboja", "10"],
        ["Tabang", "0"],
        ["Tenggarong", "20"],
        ["Tidak mengisi kecamatan", "0"],
    ]
    assert figure(blocks, "per-kecamatan").highlighted_rows == {2}


def test_demographics_count_who_answered_and_who_did_not(world, crowd):
    blocks = blocks_for(periods.ALL_TIME)
    # Women 11 + 4 + siti = 16 → 15; men 7 + 3 + 1 = 11 → 10; no answer: the 2 of Muara Badak + lama = 3.
    assert table(blocks, "jenis-kelamin") == [["Perempuan", "15"], ["Laki-laki", "10"], ["Tidak menjawab", "< 5"]]
    # 18–29: 6 + 4 = 10; 30–44: 5 + 4 + siti = 10; 45–59: 3 + 3 = 6 → 5; 60+: 1; no answer: 2 + lama = 3.
    assert table(blocks, "kelompok-umur") == [
        ["Di bawah 18 tahun", "0"],
        ["18–29 tahun", "10"],
        ["30–44 tahun", "10"],
        ["45–59 tahun", "5"],
        ["60 tahun ke atas", "< 5"],
        ["Tidak menjawab", "< 5"],
    ]
    # Yes 2; no 9 + 7 + 3 + 1 = 20; no answer: 4 Samboja women + 2 + lama + siti = 8 → 10.
    assert table(blocks, "disabilitas") == [
        ["Ya, saya penyandang disabilitas", "< 5"],
        ["Tidak", "20"],
        ["Tidak menjawab", "10"],
    ]


def test_no_reach_breakdown_for_fewer_than_ten_people(world):
    # Without the crowd only lama and siti took part before June: two people.
    blocks = blocks_for(periods.ALL_TIME)
    assert [f.slug for f in figure_list(blocks, "jangkauan")] == ["rincian-jangkauan"]
    assert "sedikitnya 10 orang" in figure(blocks, "rincian-jangkauan").withheld
    assert facts(blocks, "jangkauan")["Peserta dalam rincian (seluruh waktu sampai 31 Mei 2026)"] == "< 5"


def test_hidden_cells_carry_only_their_mark(world, crowd):
    cells = [
        value
        for block in blocks_for(periods.ALL_TIME)
        for fig in block.figures
        for row in fig.rows
        for value in row
        if isinstance(value, PeopleCount)
    ]
    hidden = [cell for cell in cells if cell.hidden]
    # Muara Badak, gender not answered, 60+, age not answered, disability yes: five "< 5" cells.
    assert [cell.text for cell in hidden] == ["< 5"] * 5
    # The shown ones are rounded: no exact count (19 in Tenggarong, 16 women, 6 aged 45–59 …) gets out.
    assert all(cell.number % 5 == 0 for cell in cells if not cell.hidden)


def test_consultation_figures(world):
    blocks = blocks_for(periods.THIS_YEAR)
    shown = facts(blocks, "konsultasi")
    assert shown["Konsultasi dibuka"] == "4"
    assert shown["Sudah dijawab"] == "3"
    assert shown["Median waktu sampai jawaban pertama"] == "24 jam"  # of 5 h, 24 h, 120 h
    assert shown["Dijawab dalam 3 hari (%)"] == "66,7"  # 2 of 3: the 2-day-old open one is not judged yet
    assert shown["Rata-rata penilaian (1–5)"] == "3,0"
    assert shown["Jumlah penilaian"] == "2"
    opened = dict(map(tuple, table(blocks, "konsultasi-dibuka")))
    assert (opened["Jan 2026"], opened["Feb 2026"], opened["Jun 2026"]) == ("0", "1", "3")
    assert table(blocks, "per-bidang") == [["Ekonomi Daerah", "4"], ["Pertanian", "2"]]
    experts = {row[0]: row[2:] for row in table(blocks, "per-pakar")}
    assert experts["Prof. Hendra Kusuma"] == ["2", "2", "1", "3 hari", "2,0"]  # median of 24 h and 120 h
    assert experts["Dr. Rahmawati, M.Si."] == ["2", "1", "1", "5 jam", "4,0"]


def test_consultations_in_the_last_30_days(world):
    shown = facts(blocks_for(periods.LAST_30_DAYS), "konsultasi")
    assert shown["Konsultasi dibuka"] == "3"
    assert shown["Median waktu sampai jawaban pertama"] == "14,5 jam"  # of 5 h and 24 h


def test_library_figures(world):
    all_time, recent = blocks_for(periods.ALL_TIME), blocks_for(periods.LAST_30_DAYS)
    assert table(all_time, "paling-diunduh") == [["Perda Irigasi Desa (2023)", "8"], ["RPJMD 2021-2026 (2021)", "4"]]
    assert table(recent, "paling-diunduh") == [["RPJMD 2021-2026 (2021)", "4"], ["Perda Irigasi Desa (2023)", "3"]]
    assert table(all_time, "pencarian-tanpa-hasil") == [["peta banjir", "3"], ["dana desa", "1"]]
    assert table(recent, "pencarian-tanpa-hasil") == [["peta banjir", "2"], ["dana desa", "1"]]
    assert facts(recent, "pustaka") == {"Unduhan dalam periode ini": "7", "Pencarian tanpa hasil": "3"}


def test_empty_portal_gives_zeros_not_errors(db):
    blocks = blocks_for(periods.ALL_TIME)
    assert facts(blocks, "partisipasi")["Pengguna terdaftar"] == "0"
    assert facts(blocks, "konsultasi")["Median waktu sampai jawaban pertama"] == "—"
    assert table(blocks, "tanggapan-per-minggu") == [["15 Jun 2026", "0"]]
