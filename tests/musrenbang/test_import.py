"""A desa's Musrenbang recap imported from XLSX: checked first with every error per row, then imported all at
once or not at all; the same file twice creates nothing; large files go through the task worker."""

import io
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from musrenbang import imports, services
from musrenbang.models import Stage, Usulan, UsulanImport
from tests.helpers import client_for, run_worker
from tests.konsultasi.files import MIB, deflated_zeros, handmade_zip, stored, zeros_crc
from tests.musrenbang.conftest import decide

pytestmark = pytest.mark.django_db

HEADER = [column.header for column in imports.columns()]


def row(key, **changes):
    values = {
        "Kunci": key,
        "Asal": "Pemerintah desa/kelurahan",
        "Permasalahan": "Jalan lingkungan berlubang dan tergenang setiap hujan.",
        "Judul": f"Semenisasi jalan lingkungan {key}",
        "Uraian": "Jalan tanah sepanjang 200 meter dipakai anak sekolah.",
        "Jenis": "Fisik",
        "Bidang": "Prasarana Wilayah",
        "RW": 2,
        "RT": 3,
        "Volume": 200,
        "Satuan": "meter",
        "Perkiraan biaya": 150_000_000,
        "Penerima manfaat": "anak, lansia",
        "Nama pengusul": "Pak Darmin",
        "Peringkat prioritas": None,
        "Lintang": None,
        "Bujur": None,
    }
    values.update({key.replace("_", " "): value for key, value in changes.items()})
    return [values[name] for name in HEADER]


def workbook_bytes(rows, header=HEADER) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Usulan"
    sheet.append(header)
    for line in rows:
        sheet.append(line)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def xlsx(rows, name="rekap.xlsx", header=HEADER):
    return SimpleUploadedFile(name, workbook_bytes(rows, header), content_type="application/octet-stream")


@pytest.fixture
def operator(deciders):
    return client_for(deciders.desa)


def upload(client, region, cycle, file, desa=None):
    form = {"cycle": cycle.pk, "desa": (desa or region.maluhu).pk, "file": file}
    return client.post(reverse("musrenbang:import_upload"), form)


def checked(client, region, cycle, rows):
    response = upload(client, region, cycle, xlsx(rows))
    assert response.status_code == 302, response.content.decode()[:3000]
    return UsulanImport.objects.latest("pk"), client.get(response.url).content.decode()


def apply(client, batch):
    response = client.post(reverse("musrenbang:import_apply", args=[batch.pk]))
    assert response.status_code == 302
    batch.refresh_from_db()
    return client.get(response.url).content.decode()


# --- The happy path


def test_operator_checks_then_imports_a_recap_with_codes_timeline_and_recorder(
    operator, deciders, region, cycle, fields
):
    rows = [
        row(1, Peringkat_prioritas=1),
        row(2, Asal="Musyawarah RT/RW", Peringkat_prioritas="P2", Jenis="non-fisik", Bidang="sosial budaya"),
        row(3, Penerima_manfaat="perempuan; disabilitas", Lintang=-0.4312, Bujur=116.9876, Volume=12.5),
    ]
    batch, page = checked(operator, region, cycle, rows)
    assert batch.status == "diperiksa"
    assert "3 usulan baru akan dicatat" in page and "Impor 3 usulan" in page
    assert not Usulan.objects.exists()  # the dry run saves nothing

    page = apply(operator, batch)
    assert batch.status == "selesai"
    assert "3 usulan baru tercatat" in page
    usulan = list(Usulan.objects.order_by("sequence"))
    year = cycle.year
    assert [u.code for u in usulan] == [f"{year}-6402-000001", f"{year}-6402-000002", f"{year}-6402-000003"]
    assert f"Kode {year}-6402-000001 sampai {year}-6402-000003" in page
    first, second, third = usulan
    assert (first.stage, first.origin, first.priority, first.external_key) == ("desa", "desa", 1, "1")
    assert (second.stage, second.origin, second.priority) == (Stage.RT_RW, "musyawarah_rt_rw", 2)
    assert (second.kind, second.field) == ("non_fisik", fields.social)
    assert third.for_women and third.for_disabled and not third.for_children
    assert str(third.volume) == "12.50" and str(third.latitude) == "-0.431200"
    for item in usulan:
        assert item.recorded_by == deciders.desa and item.proposer_name == "Pak Darmin" and item.proposer is None
        (change,) = item.status_changes.all()
        assert (change.decision, change.public, change.actor, change.unit) == (
            "diajukan",
            True,
            deciders.desa,
            "Kelurahan Maluhu",
        )
    cycle.refresh_from_db()
    assert cycle.last_sequence == 3
    # On the public page like any usulan recorded by an operator.
    assert "Pak Darmin" in client_for(None).get(first.get_absolute_url()).content.decode()


def test_the_downloaded_template_filled_in_imports(operator, region, cycle, fields):
    response = operator.get(reverse("musrenbang:import_template"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    book = load_workbook(io.BytesIO(response.content))
    sheet, guide = book["Usulan"], book["Petunjuk"]
    assert [cell.value for cell in sheet[1]] == HEADER
    guide_text = [cell for line in guide.iter_rows(values_only=True) for cell in line if cell]
    assert "Prasarana Wilayah" in guide_text and "Sosial Budaya" in guide_text
    assert any("Non-fisik" in str(cell) for cell in guide_text)
    sheet.append(row("A-1"))
    buffer = io.BytesIO()
    book.save(buffer)
    file = SimpleUploadedFile("rekap-maluhu.xlsx", buffer.getvalue())
    assert upload(operator, region, cycle, file).status_code == 302
    batch = UsulanImport.objects.get()
    assert (batch.status, batch.new_count, batch.original_name) == ("diperiksa", 1, "rekap-maluhu.xlsx")
    assert not batch.file.name.endswith("rekap-maluhu.xlsx")  # stored under a random name, privately
    apply(operator, batch)
    assert Usulan.objects.get().external_key == "A-1"


def test_worklist_links_to_the_import(operator):
    assert reverse("musrenbang:import_upload") in operator.get(reverse("musrenbang:worklist")).content.decode()


# --- Broken rows: every error named by row and column, nothing saved

BROKEN = [
    ({"Jenis": "Jalan"}, "Baris 3, kolom Jenis: Jenis “Jalan” tidak dikenal. Tulis Fisik, Barang atau Non-fisik."),
    ({"Bidang": "Pertanian"}, "Baris 3, kolom Bidang: Bidang “Pertanian” tidak dikenal."),
    ({"Volume": -5}, "Baris 3, kolom Volume: Volume harus lebih dari nol."),
    ({"Perkiraan_biaya": "seratus juta"}, "Baris 3, kolom Perkiraan biaya: Tulis perkiraan biaya dalam angka rupiah"),
    ({"Judul": None}, "Baris 3, kolom Judul: Wajib diisi."),
    ({"Peringkat_prioritas": 4}, "Baris 3, kolom Peringkat prioritas: Peringkat prioritas desa antara P1 dan P3."),
    ({"Peringkat_prioritas": "9" * 5000}, "Baris 3, kolom Peringkat prioritas: Peringkat prioritas desa antara P1"),
    ({"Peringkat_prioritas": "P²"}, "Baris 3, kolom Peringkat prioritas: Peringkat prioritas desa antara P1 dan P3"),
    ({"Judul": "Jalan\nbaru"}, "Baris 3, kolom Judul: Tidak boleh berisi karakter kendali"),
    ({"Nama_pengusul": "Pak\tDarmin"}, "Baris 3, kolom Nama pengusul: Tidak boleh berisi karakter kendali"),
    ({"Penerima_manfaat": "pemuda"}, "Baris 3, kolom Penerima manfaat: Penerima manfaat tidak dikenal: pemuda."),
    ({"Asal": "Pokir"}, "Baris 3, kolom Asal: Asal “Pokir” tidak dikenal."),
    ({"Lintang": 1.5}, "Baris 3: Isi lintang dan bujur bersama-sama, atau kosongkan keduanya."),
    ({"RT": 1000}, "Baris 3, kolom RT: Nomor RT antara 1 dan 999."),
]


@pytest.mark.parametrize(("changes", "message"), BROKEN, ids=[message[17:40] for _c, message in BROKEN])
def test_a_broken_row_is_named_and_nothing_is_saved(operator, region, cycle, fields, changes, message):
    batch, page = checked(operator, region, cycle, [row(1), row(2, **changes)])
    assert batch.status == "gagal" and batch.error_count == 1
    assert message in page
    assert "1 kesalahan; tidak ada usulan yang disimpan" in page
    assert reverse("musrenbang:import_apply", args=[batch.pk]) not in page  # no "Impor" button
    assert operator.post(reverse("musrenbang:import_apply", args=[batch.pk])).status_code == 302
    assert not Usulan.objects.exists()  # the good row is not imported either


def test_duplicate_ranks_and_keys_in_the_file_are_named(operator, region, cycle, fields):
    rows = [row(1, Peringkat_prioritas=1), row(2, Peringkat_prioritas=1), row(1, Judul="Lain")]
    batch, page = checked(operator, region, cycle, rows)
    assert "Baris 3, kolom Peringkat prioritas: Peringkat P1 sudah dipakai di baris 2." in page
    assert "Baris 4, kolom Kunci: Kunci “1” sudah dipakai di baris 2; setiap baris perlu kunci sendiri." in page
    assert batch.error_count == 2 and not Usulan.objects.exists()


def test_a_rank_already_given_to_another_usulan_of_the_desa_is_refused(
    operator, region, cycle, fields, make_usulan, deciders
):
    ranked = make_usulan()
    decide(ranked, deciders.desa, "ditunda", priority=2)
    _batch, page = checked(operator, region, cycle, [row(1, Peringkat_prioritas=2)])
    assert f"Baris 2, kolom Peringkat prioritas: Peringkat P2 sudah dipakai usulan {ranked.code} dari desa ini." in page


def test_every_error_of_a_row_is_listed(operator, region, cycle, fields):
    _batch, page = checked(operator, region, cycle, [row(1, Jenis="?", Volume=0, Satuan=None)])
    assert "Baris 2, kolom Jenis" in page and "Baris 2, kolom Volume" in page and "Baris 2, kolom Satuan" in page


def test_a_closed_window_refuses_the_whole_file(operator, region, cycle, fields):
    cycle.windows.filter(stage="desa").update(ends_on=timezone.localdate() - timedelta(days=1))
    batch, page = checked(operator, region, cycle, [row(1), row(2, Asal="RT/RW")])
    assert batch.status == "gagal"
    assert "jadwal Musrenbang Desa/Kelurahan tidak sedang berjalan (1 baris baru masuk pada tahap itu)" in page
    assert not Usulan.objects.exists()


def test_what_changed_since_the_check_refuses_the_import_as_a_whole(
    operator, region, cycle, fields, make_usulan, deciders
):
    batch, _page = checked(operator, region, cycle, [row(1), row(2, Peringkat_prioritas=1)])
    taken = make_usulan()
    decide(taken, deciders.desa, "ditunda", priority=1)  # meanwhile P1 went to another usulan
    page = apply(operator, batch)
    assert batch.status == "gagal"
    assert f"Peringkat P1 sudah dipakai usulan {taken.code} dari desa ini." in page
    assert Usulan.objects.filter(external_key__gt="").count() == 0
    cycle.refresh_from_db()
    assert cycle.last_sequence == 1  # no code was used up


def test_pressing_impor_twice_imports_once(operator, region, cycle, fields):
    batch, _page = checked(operator, region, cycle, [row(1), row(2)])
    apply(operator, batch)
    page = apply(operator, batch)
    assert "sudah diimpor atau sedang diimpor" in page
    assert Usulan.objects.count() == 2


# --- The same file again


def test_uploading_the_same_recap_again_creates_nothing(operator, region, cycle, fields):
    rows = [row(1, Peringkat_prioritas=1), row(2)]
    batch, _page = checked(operator, region, cycle, rows)
    apply(operator, batch)
    again, page = checked(operator, region, cycle, rows)
    assert again.status == "diperiksa" and (again.new_count, again.unchanged_count) == (0, 2)
    assert "Tidak ada usulan baru: 2 baris sudah pernah diimpor dan tidak diubah." in page
    apply(operator, again)
    assert Usulan.objects.count() == 2


def test_a_longer_recap_adds_only_its_new_rows_and_never_rewrites_an_imported_one(operator, region, cycle, fields):
    batch, _page = checked(operator, region, cycle, [row(1), row(2)])
    apply(operator, batch)
    existing = Usulan.objects.get(external_key="2")
    again, page = checked(operator, region, cycle, [row(1), row(2, Judul="Judul yang diganti"), row(3)])
    assert (again.new_count, again.unchanged_count) == (1, 2)
    assert f"Baris 3, kolom Kunci: Kunci “2” sudah tercatat sebagai {existing.code}" in page
    assert "baris ini dilewati dan usulan itu tidak diubah" in page
    apply(operator, again)
    existing.refresh_from_db()
    assert existing.title == "Semenisasi jalan lingkungan 2"
    assert Usulan.objects.count() == 3


def test_keys_are_per_desa(deciders, region, cycle, fields):
    bappeda = client_for(deciders.bappeda)
    for desa in (region.maluhu, region.sukarame):
        response = upload(bappeda, region, cycle, xlsx([row(1)]), desa=desa)
        batch = UsulanImport.objects.get(pk=response.url.rstrip("/").split("/")[-1])
        apply(bappeda, batch)
    assert sorted(Usulan.objects.values_list("desa__name", flat=True)) == ["Maluhu", "Sukarame"]


# --- Files that are refused before anything is kept


def xlsx_bomb():
    """An XLSX-shaped archive whose sheet inflates to 1 GiB (the upload is about 1 MB)."""
    parts = [stored("[Content_Types].xml", b"<Types/>")]
    data = handmade_zip([*parts, ("xl/worksheets/sheet1.xml", deflated_zeros(1024), 1024 * MIB, zeros_crc(1024), 8)])
    return SimpleUploadedFile("rekap.xlsx", data)


BROKEN_XLSX_PARTS = [stored("[Content_Types].xml", b"<x"), stored("xl/a", b"")]
REFUSED = [
    (lambda: SimpleUploadedFile("rekap.xlsx", b"Kunci;Judul\n1;Jalan\n"), "Isi berkas ini bukan XLSX"),
    (lambda: SimpleUploadedFile("rekap.xlsx", b"%PDF-1.4 bukan rekap"), "Isi berkas ini bukan XLSX"),
    (xlsx_bomb, "bom dekompresi"),
    (lambda: SimpleUploadedFile("rekap.xlsx", b""), "Berkas yang dikirimkan kosong"),
    (lambda: xlsx([["Nomor", "Nama"], [1, "x"]], header=["A", "B"]), "kolom ini tidak ditemukan: Kunci, Permasalahan"),
    (lambda: xlsx([]), "tidak berisi satu baris usulan pun"),
    (lambda: SimpleUploadedFile("rekap.xlsx", handmade_zip(BROKEN_XLSX_PARTS)), "tidak dapat dibaca"),
]


@pytest.mark.parametrize(("make", "message"), REFUSED)
def test_a_file_that_is_not_a_usable_xlsx_is_refused_on_the_same_page(operator, region, cycle, make, message):
    response = upload(operator, region, cycle, make())
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert f'<option value="{region.maluhu.pk}" selected>' in html  # the chosen desa is kept
    assert not UsulanImport.objects.exists()


def test_too_many_rows_are_refused(operator, region, cycle, fields, settings):
    settings.MUSRENBANG_IMPORT_MAX_ROWS = 3
    response = upload(operator, region, cycle, xlsx([row(n) for n in range(1, 5)]))
    assert response.status_code == 400
    assert "Berkas ini berisi lebih dari 3 baris usulan" in response.content.decode()
    assert not UsulanImport.objects.exists()


def test_a_file_above_the_size_limit_is_refused(operator, region, cycle, fields, settings):
    settings.MUSRENBANG_IMPORT_MAX_BYTES = 1024
    response = upload(operator, region, cycle, xlsx([row(1)]))
    assert response.status_code == 400 and "Berkas terlalu besar" in response.content.decode()


def test_formulas_are_never_evaluated_and_text_starting_with_equals_stays_text(operator, region, cycle, fields):
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    sheet.append(row(1))
    sheet.append(row(2))
    sheet["D2"] = '=HYPERLINK("http://contoh.test","klik")'  # a real formula, never calculated: no value
    sheet["D3"] = "=Jalan usaha tani"
    sheet["D3"].data_type = "s"  # typed as text
    buffer = io.BytesIO()
    book.save(buffer)
    response = upload(operator, region, cycle, SimpleUploadedFile("rekap.xlsx", buffer.getvalue()))
    page = operator.get(response.url).content.decode()
    assert "Baris 2, kolom Judul: Wajib diisi." in page
    assert "Baris 3" not in page  # "=Jalan usaha tani" is a title like any other
    assert UsulanImport.objects.get().error_count == 1


def test_the_permasalahan_cell_may_hold_several_lines(operator, region, cycle, fields):
    batch, _page = checked(operator, region, cycle, [row(1, Uraian="Baris satu.\nBaris dua.")])
    apply(operator, batch)
    assert Usulan.objects.get().description == "Baris satu.\nBaris dua."


def test_blank_rows_are_skipped_and_numbering_follows_the_sheet(operator, region, cycle, fields):
    _batch, page = checked(operator, region, cycle, [row(1), [None] * len(HEADER), row(3, Volume=0)])
    assert "Baris 4, kolom Volume: Volume harus lebih dari nol." in page


# --- Who may import


def test_outsiders_get_404_on_every_import_page(people_for_import, region, cycle, fields):
    batch, _page = checked(client_for(people_for_import["desa"]), region, cycle, [row(1)])
    pages = [
        reverse("musrenbang:import_upload"),
        reverse("musrenbang:import_template"),
        reverse("musrenbang:import_detail", args=[batch.pk]),
        reverse("musrenbang:import_apply", args=[batch.pk]),
    ]
    for name in ("citizen", "anonymous", "kecamatan", "verifier"):
        client = client_for(people_for_import[name])
        for path in pages:
            assert client.get(path).status_code == 404, (name, path)
            assert client.post(path).status_code == 404, (name, path)
    other = client_for(people_for_import["desa_other"])
    for path in pages[2:]:
        assert other.get(path).status_code == 404
        assert other.post(path).status_code == 404
    batch.refresh_from_db()
    assert batch.status == "diperiksa" and not Usulan.objects.exists()


@pytest.fixture
def people_for_import(deciders, resident):
    return {**vars(deciders), "citizen": resident, "anonymous": None}


def test_an_operator_cannot_import_for_another_desa(operator, region, cycle, fields):
    response = upload(operator, region, cycle, xlsx([row(1)]), desa=region.kampung_lama)
    assert response.status_code == 400
    assert "Masukkan pilihan yang valid" in response.content.decode()
    assert not UsulanImport.objects.exists()


def test_bappeda_sees_every_desas_import_and_the_operator_only_their_own(deciders, region, cycle, fields):
    bappeda = client_for(deciders.bappeda)
    upload(bappeda, region, cycle, xlsx([row(1)]), desa=region.kampung_lama)
    upload(bappeda, region, cycle, xlsx([row(1)]), desa=region.maluhu)
    listing = client_for(deciders.desa).get(reverse("musrenbang:import_upload")).context["recent"]
    assert [batch.desa for batch in listing] == [region.maluhu]
    assert len(bappeda.get(reverse("musrenbang:import_upload")).context["recent"]) == 2


# --- Large files: in the worker, the page showing progress then the result


@pytest.mark.django_db(transaction=True)
def test_a_large_recap_is_checked_and_imported_by_the_worker(deciders, region, cycle, fields, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    settings.MUSRENBANG_IMPORT_INLINE_ROWS = 2
    operator = client_for(deciders.desa)
    response = upload(operator, region, cycle, xlsx([row(n) for n in range(1, 6)]))
    assert response.status_code == 302
    page = operator.get(response.url).content.decode()
    assert "Sedang diperiksa: 0 dari 5 baris." in page
    assert '<meta http-equiv="refresh" content="3">' in page
    run_worker()
    page = operator.get(response.url).content.decode()
    assert "5 usulan baru akan dicatat" in page and 'http-equiv="refresh"' not in page
    assert UsulanImport.objects.get().rows_done == 5
    assert not Usulan.objects.exists()
    operator.post(reverse("musrenbang:import_apply", args=[UsulanImport.objects.get().pk]))
    page = operator.get(response.url).content.decode()
    assert "Sedang menyimpan 5 usulan baru" in page and 'http-equiv="refresh"' in page
    run_worker()
    page = operator.get(response.url).content.decode()
    assert "5 usulan baru tercatat" in page
    assert Usulan.objects.count() == 5


def test_progress_is_saved_while_checking(region, cycle, fields, monkeypatch):
    monkeypatch.setattr(imports, "PROGRESS_EVERY", 2)
    batch = UsulanImport.objects.create(cycle=cycle, desa=region.maluhu, total_rows=5)
    batch.file.save("x.xlsx", SimpleUploadedFile("x.xlsx", workbook_bytes([row(n) for n in range(1, 6)])))
    real_check, seen = imports.check_rows, []

    def check_rows(**kwargs):
        def progress(done):
            kwargs_progress(done)
            seen.append(UsulanImport.objects.values_list("rows_done", flat=True).get(pk=batch.pk))

        kwargs_progress = kwargs["progress"]
        return real_check(**{**kwargs, "progress": progress})

    monkeypatch.setattr(imports, "check_rows", check_rows)
    services.usulan_import_check(batch=batch)
    batch.refresh_from_db()
    assert batch.rows_done == 5 and batch.status == "diperiksa"
    assert seen == [2, 4, 5]  # what the page reads while the worker is still at it


# --- Queries


def test_checking_costs_the_same_queries_for_ten_or_a_hundred_rows(
    region, cycle, fields, django_assert_max_num_queries
):
    for count in (10, 100):
        batch = UsulanImport.objects.create(cycle=cycle, desa=region.maluhu, total_rows=count)
        batch.file.save("x.xlsx", SimpleUploadedFile("x.xlsx", workbook_bytes([row(n) for n in range(count)])))
        with django_assert_max_num_queries(12):  # a progress write every 50 rows
            services.usulan_import_check(batch=batch)
        batch.refresh_from_db()
        assert batch.new_count == count


def test_importing_costs_one_query_per_row_plus_a_few(operator, region, cycle, fields, django_assert_max_num_queries):
    batch, _page = checked(operator, region, cycle, [row(n) for n in range(40)])
    assert services.usulan_import_request(batch=batch)
    with django_assert_max_num_queries(40 + 15):
        services.usulan_import_apply(batch=batch)
    assert Usulan.objects.count() == 40


def test_the_result_page_keeps_its_queries_whatever_the_number_of_errors(
    operator, region, cycle, fields, django_assert_max_num_queries
):
    batch, _page = checked(operator, region, cycle, [row(n, Volume=0) for n in range(120)])
    assert batch.error_count == 120
    with django_assert_max_num_queries(8):
        page = operator.get(reverse("musrenbang:import_detail", args=[batch.pk])).content.decode()
    assert "Baris 121, kolom Volume" in page
