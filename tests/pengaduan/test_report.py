"""The report for the head of the agency: counts, on-time rates counted honestly, medians, XLSX, access."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from pengaduan import report, services
from pengaduan.models import Complaint
from tests.helpers import client_for
from tests.pengaduan.conftest import at

pytestmark = pytest.mark.django_db


@pytest.fixture
def march(file_complaint, citizen, handler, agencies):
    """Four complaints of March 2026: initial response on time, late, never given (overdue), and one paused."""
    on_time = file_complaint("Tepat", reporter=citizen, now=at("2026-03-02 09:00"))
    services.complaint_verify(complaint=on_time, actor=handler, now=at("2026-03-02 11:00"))
    services.complaint_answer(complaint=on_time, actor=handler, response="Selesai.", now=at("2026-03-04 10:00"))
    late = file_complaint("Telat", reporter=citizen, now=at("2026-03-02 09:00"), channel="web")
    services.complaint_verify(complaint=late, actor=handler, now=at("2026-03-05 09:00"))
    file_complaint("Terbengkalai", reporter=citizen, now=at("2026-03-02 09:00"))
    paused = file_complaint("Ditanya", reporter=citizen, now=at("2026-03-02 09:00"))
    services.complaint_pause(complaint=paused, actor=handler, question="Di mana?", now=at("2026-03-02 10:00"))
    return on_time


def test_on_time_rates_count_the_overdue_backlog(march):
    built = report.build(
        Complaint.objects.in_handling(),
        start=at("2026-03-01 00:00").date(),
        end=at("2026-03-31 00:00").date(),
        now=at("2026-03-10 12:00"),
    )
    initial, final = built.rates
    assert built.total == 4
    # on time: "Tepat" and "Ditanya" (asking is the initial response); late: "Telat"; overdue: "Terbengkalai"
    assert (initial.on_time, initial.late, initial.overdue_open) == (2, 1, 1)
    assert initial.percent == 50.0
    assert initial.median_days == 0  # 0, 0 and 3 working days
    # final: "Tepat" answered in 2 days; "Telat" and "Terbengkalai" overdue; "Ditanya" paused, not counted yet
    assert (final.on_time, final.late, final.overdue_open) == (1, 0, 2)
    assert final.percent == pytest.approx(33.3)


def test_report_page_and_xlsx_for_handlers(march, handler):
    client = client_for(handler)
    query = {"start": "2026-03-01", "end": "2026-03-31"}
    page = client.get(reverse("pengaduan:report"), query)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Pengaduan yang diterima 1 Maret 2026 – 31 Maret 2026: <strong>4</strong>" in text
    assert '<svg class="report-chart"' in text and "Menurut kecamatan" in text
    download = client.get(reverse("pengaduan:report"), {**query, "format": "xlsx"})
    book = load_workbook(io.BytesIO(download.content))
    assert book["Ringkasan"]["B3"].value == 4
    assert book["Menurut kecamatan"]["A2"].value == "Tenggarong"


def test_bad_dates_are_refused_with_what_was_typed(handler):
    page = client_for(handler).get(reverse("pengaduan:report"), {"start": "2026-03-31", "end": "2026-03-01"})
    assert page.status_code == 400
    assert "Tanggal akhir tidak boleh sebelum tanggal awal" in page.content.decode()
    assert 'value="2026-03-31"' in page.content.decode()


def test_a_liaison_reports_only_on_what_was_disposed_to_their_agency(march, liaison, other_liaison, disposed):
    query = {"start": "2026-01-01", "end": "2030-12-31"}
    text = client_for(liaison).get(reverse("pengaduan:report"), query).content.decode()
    assert ": <strong>1</strong>" in text
    text = client_for(other_liaison).get(reverse("pengaduan:report"), query).content.decode()
    assert ": <strong>0</strong>" in text


def test_citizens_and_staff_without_a_role_get_404(citizen, staff):
    for person in (citizen, staff):
        assert client_for(person).get(reverse("pengaduan:report")).status_code == 404


def test_bappeda_reads_the_whole_report_but_handles_nothing(march, disposed):
    from accounts.models import Role
    from tests.helpers import make_user
    from tests.pengaduan.conftest import grant

    head = grant(make_user("kepala", display_name="Kepala Bappeda"), Role.BAPPEDA)
    page = client_for(head).get(reverse("pengaduan:report"), {"start": "2026-01-01", "end": "2030-12-31"})
    assert page.status_code == 200 and ": <strong>5</strong>" in page.content.decode()
    assert client_for(head).get(reverse("pengaduan:queue")).status_code == 404
    assert client_for(head).get(disposed.manage_url()).status_code == 404
