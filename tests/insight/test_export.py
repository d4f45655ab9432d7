import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from insight import dashboard, periods
from insight.export import cell_value
from tests.helpers import client_for


@pytest.fixture
def workbook(world, crowd, staff):
    def get(key):
        response = client_for(staff).get(reverse("insight:download"), {"periode": key})
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/vnd.openxmlformats")
        assert f"dasbor-partisipasi-{key}-" in response["Content-Disposition"]
        return load_workbook(io.BytesIO(response.content))

    return get


def sheet_rows(sheet):
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_one_sheet_per_block(workbook):
    assert workbook("semua").sheetnames == ["Partisipasi", "Jangkauan", "Konsultasi", "Acara (Agenda)", "Pustaka"]


@pytest.mark.parametrize("key", [periods.ALL_TIME, periods.THIS_YEAR, periods.LAST_30_DAYS])
def test_workbook_holds_the_same_numbers_as_the_page(workbook, key):
    book = workbook(key)
    for block in dashboard.blocks(periods.period_for(key)):
        rows = sheet_rows(book[block.title])
        for fact in block.facts:
            assert [str(fact.label), cell_value(fact.value)] in [row[:2] for row in rows]
        for figure in block.figures:
            titles = [row[0] for row in rows]
            start = titles.index(figure.title)
            if figure.withheld:
                assert rows[start + 1][0] == figure.withheld
                continue
            assert [c for c in rows[start + 1] if c is not None] == [str(h) for h in figure.headers]
            for offset, expected in enumerate(figure.rows, start=start + 2):
                written = rows[offset][: len(expected)]
                assert written == [cell_value(v) for v in expected]


def test_small_counts_stay_hidden_and_the_rest_rounded_in_the_workbook(workbook):
    rows = sheet_rows(workbook("semua")["Jangkauan"])
    kecamatan = {row[0]: row[1] for row in rows if row[0] in ("Muara Badak", "Samboja", "Tenggarong", "Tabang")}
    # Every month up to June 2026 has closed: Muara Badak 3; Samboja 7 + lama + six women = 14; Tenggarong
    # 18 + siti + budi = 20.
    assert kecamatan == {"Muara Badak": "< 5", "Samboja": 15, "Tenggarong": 20, "Tabang": 0}


def test_withheld_breakdowns_say_why_in_the_workbook(workbook):
    rows = [row[0] for row in sheet_rows(workbook("30-hari")["Jangkauan"])]
    assert any(str(row).startswith("Rincian jangkauan tidak ditampilkan untuk periode pendek") for row in rows)


def test_typed_search_words_cannot_run_as_formulas(world, staff):
    from pustaka.models import UnfoundSearch

    UnfoundSearch.objects.create(term='=HYPERLINK("http://jahat")', day=world["document_a"].created_at.date())
    book = load_workbook(io.BytesIO(client_for(staff).get(reverse("insight:download")).content))
    terms = [row[0] for row in sheet_rows(book["Pustaka"])]
    assert '\'=HYPERLINK("http://jahat")' in terms


def test_document_titles_cannot_run_as_formulas(world, staff):
    document = world["document_a"]
    document.title = '=HYPERLINK("http://x","klik")'
    document.save()
    book = load_workbook(io.BytesIO(client_for(staff).get(reverse("insight:download"), {"periode": "semua"}).content))
    cells = [cell for row in book["Pustaka"].iter_rows() for cell in row if cell.value]
    assert '\'=HYPERLINK("http://x","klik") (2023)' in [cell.value for cell in cells]
    assert all(cell.data_type != "f" for cell in cells)  # nothing in the sheet is a formula
