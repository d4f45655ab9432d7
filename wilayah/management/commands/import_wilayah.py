from django.core.management.base import BaseCommand, CommandError

from wilayah.importer import WilayahImportError, wilayah_import


class Command(BaseCommand):
    help = (
        "Muat kecamatan dan desa/kelurahan satu kabupaten/kota dengan kode Kemendagri (mis. 64.02 untuk Kutai "
        "Kartanegara). Aman dijalankan berulang kali: nama diperbarui, unit baru ditambahkan, unit yang hilang "
        "dari data resmi dinonaktifkan, tidak dihapus."
    )

    def add_arguments(self, parser):
        parser.add_argument("kode", help="kode kabupaten/kota, mis. 64.02")

    def handle(self, *args, kode, **options):
        try:
            report = wilayah_import(code=kode)
        except WilayahImportError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"{report.region}: {report.added['kecamatan']} kecamatan dan {report.added['desa']} desa/kelurahan baru, "
            f"{report.renamed['kecamatan'] + report.renamed['desa']} berganti nama, "
            f"{report.retired['kecamatan'] + report.retired['desa']} dinonaktifkan."
        )
