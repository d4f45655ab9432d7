"""`manage.py move_files --to s3|disk`: the files of every FileField between the folders on disk (MEDIA_ROOT,
PRIVATE_MEDIA_ROOT) and the buckets the settings name (MEDIA_S3_BUCKET, PRIVATE_S3_BUCKET); docs/scale.md."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.core.management.base import BaseCommand, CommandError

from ruangrunding.file_moves import FileMoveError, files_move, stored_names
from ruangrunding.storage import PrivateFileSystemStorage

KINDS = {"private": "private", "public": "default"}  # kind → its STORAGES alias
LABELS = {"private": "berkas privat", "public": "media publik"}


def disk_storage(kind: str):
    return PrivateFileSystemStorage() if kind == "private" else FileSystemStorage(location=settings.MEDIA_ROOT)


class Command(BaseCommand):
    help = (
        "Pindahkan berkas unggahan antara folder di disk dan bucket S3 yang disetel (PRIVATE_S3_BUCKET, "
        "MEDIA_S3_BUCKET). Setiap salinan dibaca ulang dan dibandingkan SHA-256-nya dengan sumber; sumber "
        "hanya dihapus dengan --delete-source, setelah salinannya terbukti sama. Aman dijalankan berulang kali."
    )

    def add_arguments(self, parser):
        parser.add_argument("--to", required=True, choices=["s3", "disk"], help="ke mana berkas dipindahkan")
        parser.add_argument("--dry-run", action="store_true", help="hanya hitung, tanpa menyalin")
        parser.add_argument(
            "--delete-source", action="store_true", help="hapus sumber setelah salinannya terbukti sama"
        )

    def handle(self, *args, to, dry_run, delete_source, **options):
        # A kind whose configured storage is a folder on disk has no bucket to move to or from.
        kinds = [kind for kind, alias in KINDS.items() if not isinstance(storages[alias], FileSystemStorage)]
        if not kinds:
            raise CommandError("Tidak ada bucket yang disetel: isi PRIVATE_S3_BUCKET dan/atau MEDIA_S3_BUCKET.")
        for kind in KINDS.keys() - kinds:
            self.stdout.write(f"{LABELS[kind]}: tanpa bucket, tetap di disk")
        for kind in kinds:
            bucket = storages[KINDS[kind]]
            source, target = (disk_storage(kind), bucket) if to == "s3" else (bucket, disk_storage(kind))
            try:
                report = files_move(
                    names=stored_names(kind),
                    source=source,
                    target=target,
                    dry_run=dry_run,
                    delete_source=delete_source,
                )
            except FileMoveError as error:
                raise CommandError(f"{LABELS[kind]}: berhenti, sumbernya tetap di tempat — {error}") from error
            self.stdout.write(f"{LABELS[kind]} ke {to}{' (uji coba)' if dry_run else ''}: {report.summary()}")
            for name in report.missing[:20]:
                self.stdout.write(f"  tidak ditemukan di kedua tempat: {name}")
