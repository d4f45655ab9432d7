"""The dashboard as an XLSX workbook for reports to the head of the agency: one sheet per block, holding the
same figures as the page (hidden small counts stay "< 5" here too)."""

import io

from django.http import HttpResponse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from insight.figures import Block, Cell
from insight.periods import Period
from insight.privacy import PeopleCount
from ruangrunding.spreadsheets import SafeWorkbook, safe_cell

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def workbook(blocks: list[Block], *, period: Period, region_name: str) -> Workbook:
    book = SafeWorkbook()
    book.remove(book.active)
    bold = Font(bold=True)
    made = timezone.localtime().strftime("%Y-%m-%d %H:%M")
    for block in blocks:
        sheet = book.create_sheet(str(block.title)[:31])
        sheet.append([f"{region_name} — {block.title}"])
        sheet.append([_("Periode"), str(period.label), _("Dibuat"), made])
        sheet["A1"].font = bold
        sheet.append([])
        for fact in block.facts:
            sheet.append([str(fact.label), cell_value(fact.value)])
        for figure in block.figures:
            sheet.append([])
            sheet.append([str(figure.title)])
            sheet.cell(row=sheet.max_row, column=1).font = bold
            if figure.headers:
                sheet.append([str(header) for header in figure.headers])
                for cell in sheet[sheet.max_row]:
                    cell.font = bold
            for row in figure.rows:
                sheet.append([cell_value(value) for value in row])
            if figure.withheld:
                sheet.append([str(figure.withheld)])
            if figure.note:
                sheet.append([str(figure.note)])
        sheet.column_dimensions["A"].width = 48
        for column in "BCDEFG":
            sheet.column_dimensions[column].width = 16
    return book


def cell_value(value: Cell):
    if isinstance(value, PeopleCount):
        return value.number if not value.hidden else value.text
    if isinstance(value, Promise):
        value = str(value)
    return safe_cell(value)


def xlsx_response(blocks: list[Block], *, period: Period, region_name: str) -> HttpResponse:
    buffer = io.BytesIO()
    workbook(blocks, period=period, region_name=region_name).save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    filename = f"dasbor-partisipasi-{period.key}-{timezone.localdate():%Y%m%d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
