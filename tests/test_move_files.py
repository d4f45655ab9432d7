"""Moving stored files between storages (ruangrunding.file_moves, `manage.py move_files`), here from one folder
to another; between disk and a real S3 server in tests/scale/test_object_storage.py."""

from io import StringIO

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, InMemoryStorage
from django.core.management import CommandError, call_command

from konsultasi import services
from konsultasi.models import Message
from ruangrunding.file_moves import FileMoveError, file_fields, files_move, sha256_of, stored_names

pytestmark = pytest.mark.django_db


class CorruptingStorage(FileSystemStorage):
    """A target that writes one byte more than it was given, as a broken disk or a cut upload would."""

    def _save(self, name, content):
        return super()._save(name, ContentFile(content.read() + b"!"))


@pytest.fixture
def source(tmp_path):
    storage = FileSystemStorage(location=tmp_path / "sumber")
    storage.save("pustaka/2026/11/perda.pdf", ContentFile(b"%PDF-1.4 isi perda"))
    storage.save("konsultasi/7/202611/foto.png", ContentFile(b"\x89PNG foto"))
    return storage


@pytest.fixture
def target(tmp_path):
    return FileSystemStorage(location=tmp_path / "tujuan")


NAMES = ["pustaka/2026/11/perda.pdf", "konsultasi/7/202611/foto.png"]


def test_every_file_is_copied_under_its_name_and_a_second_run_copies_nothing(source, target):
    report = files_move(names=NAMES, source=source, target=target)
    assert (report.copied, report.already, report.deleted, report.missing) == (2, 0, 0, [])
    assert [sha256_of(target, name) for name in NAMES] == [sha256_of(source, name) for name in NAMES]
    again = files_move(names=NAMES, source=source, target=target)
    assert (again.copied, again.already) == (0, 2)
    assert again.summary() == "0 disalin, 2 sudah ada, 0 sumber dihapus, 0 tidak ditemukan"


def test_sources_are_removed_only_when_asked_and_after_their_copy_matched(source, target):
    files_move(names=NAMES, source=source, target=target)
    assert all(source.exists(name) for name in NAMES)
    report = files_move(names=NAMES, source=source, target=target, delete_source=True)
    assert (report.already, report.deleted) == (2, 2)
    assert not any(source.exists(name) for name in NAMES) and all(target.exists(name) for name in NAMES)
    # Run once more (the sources are gone): the files count as moved, nothing is missing.
    assert files_move(names=NAMES, source=source, target=target, delete_source=True).already == 2


def test_a_copy_that_differs_from_its_source_stops_the_run_and_keeps_the_source(source, tmp_path):
    broken = CorruptingStorage(location=tmp_path / "rusak")
    with pytest.raises(FileMoveError, match="tidak sama dengan sumbernya"):
        files_move(names=NAMES, source=source, target=broken, delete_source=True)
    assert source.exists(NAMES[0]) and not broken.exists(NAMES[0])  # the bad copy is not left behind


def test_another_file_under_the_same_name_at_the_target_is_never_overwritten(source, target):
    target.save(NAMES[0], ContentFile(b"berkas lain"))
    with pytest.raises(FileMoveError, match="tidak ditimpa"):
        files_move(names=NAMES, source=source, target=target, delete_source=True)
    assert target.open(NAMES[0]).read() == b"berkas lain" and source.exists(NAMES[0])


def test_a_dry_run_counts_without_copying(source, target):
    report = files_move(names=NAMES, source=source, target=target, dry_run=True, delete_source=True)
    assert (report.copied, report.deleted) == (2, 0)
    assert not any(target.exists(name) for name in NAMES) and all(source.exists(name) for name in NAMES)


def test_a_file_named_by_a_row_but_stored_nowhere_is_reported(source, target):
    report = files_move(names=[*NAMES, "pengaduan/3/hilang.pdf"], source=source, target=target)
    assert report.copied == 2 and report.missing == ["pengaduan/3/hilang.pdf"]


def test_every_private_and_public_file_field_is_moved():
    def labels(kind):
        return {f"{field.model._meta.label}.{field.name}" for field in file_fields(kind)}

    assert labels("private") == {
        "konsultasi.Message.attachment",
        "pustaka.DocumentFile.file",
        "pengaduan.Attachment.file",
        "musrenbang.UsulanImport.file",
    }
    public = labels("public")
    assert {"konsultasi.Expert.photo", "wilayah.RegionProfile.logo", "musrenbang.UsulanPhoto.image"} <= public
    assert not public & labels("private")


def test_stored_names_are_read_from_the_rows_each_once(citizen, expert):
    consultation = services.consultation_open(citizen=citizen, expert=expert.expert_profile, subject="S", body="B")
    Message.objects.filter(consultation=consultation).update(attachment="konsultasi/1/202611/a.png")
    assert list(stored_names("private")) == ["konsultasi/1/202611/a.png"]


def test_the_command_needs_a_bucket_to_move_to():
    with pytest.raises(CommandError, match="PRIVATE_S3_BUCKET"):
        call_command("move_files", to="s3")


def test_the_command_leaves_a_kind_without_a_bucket_on_disk(settings, tmp_path):
    # Only the public images in a bucket: an in-memory storage stands in for it (the command moves files to and
    # from any configured storage that is not a folder on disk).
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "tests.test_move_files.BucketLikeStorage"}}
    out = StringIO()
    call_command("move_files", to="s3", stdout=out)
    assert out.getvalue().splitlines() == [
        "berkas privat: tanpa bucket, tetap di disk",
        "media publik ke s3: 0 disalin, 0 sudah ada, 0 sumber dihapus, 0 tidak ditemukan",
    ]


class BucketLikeStorage(InMemoryStorage):
    """Not a folder on disk, as a bucket is not."""
