"""What every CSV or XLSX we hand out needs, whichever app writes it: each cell through safe_cell, so nothing
a citizen or staff member typed runs as a formula on the computer of whoever opens the file (CSV injection).
The portal's only CSV writer and only XLSX workbook are made here; tests/test_spreadsheets.py holds the rest of
the code to using them, so a new export cannot forget."""

import csv
from collections.abc import Iterable, Mapping

from django.utils.functional import Promise
from openpyxl import Workbook
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.worksheet import Worksheet

# What spreadsheet programs read as the start of a formula (= + - @), and the tab and carriage return that
# some of them skip before looking for one.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """A text cell starting like a formula is quoted, so it shows as the text it is; other values pass."""
    if isinstance(value, Promise):
        value = str(value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(values: Iterable) -> list:
    return [safe_cell(value) for value in values]


class CsvWriter:
    """csv.writer (rows as lists) or csv.DictWriter (rows as dicts, with `fieldnames`) whose every cell has
    gone through safe_cell. writerow returns what the stream's write returned, so rows can be streamed."""

    def __init__(self, stream, fieldnames: list[str] | None = None):
        self._writer = csv.writer(stream)
        self.fieldnames = fieldnames

    def writeheader(self):
        return self.writerow(self.fieldnames)

    def writerow(self, row: Iterable | Mapping):
        if isinstance(row, Mapping):
            unknown = set(row) - set(self.fieldnames or ())
            if unknown:
                raise ValueError(f"columns not in fieldnames: {sorted(unknown)}")
            row = [row.get(name, "") for name in self.fieldnames]
        return self._writer.writerow(safe_row(row))


class _SafeWorksheet(Worksheet):
    def append(self, iterable):
        super().append(safe_row(iterable))


class _SafeWriteOnlyWorksheet(WriteOnlyWorksheet):
    def append(self, row):
        super().append(safe_row(row))


class SafeWorkbook(Workbook):
    """An openpyxl workbook whose sheets pass every appended row through safe_cell."""

    def __init__(self, write_only: bool = False):
        super().__init__(write_only=write_only)
        if not write_only:
            self._sheets = [_SafeWorksheet(self)]

    def create_sheet(self, title=None, index=None):
        sheet = (_SafeWriteOnlyWorksheet if self.write_only else _SafeWorksheet)(parent=self, title=title)
        self._add_sheet(sheet=sheet, index=index)
        return sheet
