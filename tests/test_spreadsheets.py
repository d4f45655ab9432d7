"""Every CSV and XLSX the portal writes neutralises formulas, because every one is written through
ruangrunding.spreadsheets: this file checks the helper, and that no code writes either format another way."""

import io
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from ruangrunding.spreadsheets import CsvWriter, SafeWorkbook, safe_cell

ROOT = Path(__file__).resolve().parents[1]
FORMULAS = ['=HYPERLINK("http://x","klik")', "+1+1", "-2+3", "@SUM(A1)", "\t=1+1", "\r=1+1"]
# csv.writer / csv.DictWriter / openpyxl's Workbook called anywhere but in the helper module.
OTHER_WRITERS = re.compile(r"\bcsv\s*\.\s*(writer|DictWriter)\s*\(|(?<![\w.])Workbook\s*\(|openpyxl\.Workbook\s*\(")


@pytest.mark.parametrize("formula", FORMULAS)
def test_text_starting_like_a_formula_is_quoted(formula):
    assert safe_cell(formula) == "'" + formula


@pytest.mark.parametrize("value", ["Perda 7/2023", "", 42, -5, None, "a=b", "'=sudah"])
def test_other_values_pass_unchanged(value):
    assert safe_cell(value) == value


def test_the_csv_writer_quotes_lists_and_dicts():
    buffer = io.StringIO()
    writer = CsvWriter(buffer, fieldnames=["judul", "nomor"])
    writer.writeheader()
    writer.writerow({"judul": "=1+1", "nomor": 7})
    writer.writerow(["@cmd", "-3"])
    assert buffer.getvalue().splitlines() == ["judul,nomor", "'=1+1,7", "'@cmd,'-3"]


@pytest.mark.parametrize("write_only", [False, True])
def test_the_workbook_quotes_every_appended_row(write_only):
    book = SafeWorkbook(write_only=write_only)
    sheet = book.create_sheet("Data") if write_only else book.active
    sheet.append(["=1+1", "+A1", 3])
    buffer = io.BytesIO()
    book.save(buffer)
    loaded = load_workbook(io.BytesIO(buffer.getvalue()))
    assert list(loaded.worksheets[0].iter_rows(values_only=True)) == [("'=1+1", "'+A1", 3)]
    assert loaded.worksheets[0]["A1"].data_type == "s"  # text, not a formula


def test_no_code_writes_csv_or_xlsx_but_through_the_safe_helper():
    sources = [
        path
        for path in ROOT.rglob("*.py")
        if not {".venv", "tests", "migrations", "node_modules"} & set(path.relative_to(ROOT).parts)
        and path != ROOT / "ruangrunding" / "spreadsheets.py"
    ]
    assert len(sources) > 50  # the scan really saw the project
    offenders = [str(path.relative_to(ROOT)) for path in sources if OTHER_WRITERS.search(path.read_text())]
    assert offenders == []
