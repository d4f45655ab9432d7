import csv
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts.services import REGION_CSV_COLUMNS, RegionCsvError, region_load_rows

DEFAULT_CSV = Path(__file__).resolve().parents[2] / "data" / "wilayah_kutai_kartanegara.csv"


class Command(BaseCommand):
    help = (
        "Muat kecamatan dan desa/kelurahan dari CSV (kolom: kecamatan, kode_kecamatan, desa, jenis, kode_desa). "
        "Aman dijalankan berulang kali."
    )

    def add_arguments(self, parser):
        parser.add_argument("csv_path", nargs="?", default=str(DEFAULT_CSV))

    def handle(self, *args, csv_path, **options):
        path = Path(csv_path)
        if not path.is_file():
            raise CommandError(f"Berkas tidak ditemukan: {path}")
        with path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            missing = set(REGION_CSV_COLUMNS[:1]) - set(reader.fieldnames or [])
            if missing:
                raise CommandError(f"Kolom wajib tidak ada: {', '.join(sorted(missing))}")
            rows = list(reader)
        try:
            with transaction.atomic():
                created = region_load_rows(rows=rows)
        except RegionCsvError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Wilayah dimuat dari {path.name}: {created['kecamatan']} kecamatan baru, {created['desa']} desa baru."
        )
