"""Files on S3-compatible object storage (docs/scale.md): private files (consultation attachments, library files,
complaint attachments, recap imports) in a private bucket, public images in a public one, against moto's S3
server on loopback, reached through boto3 and django-storages exactly as production reaches MinIO or a cloud
bucket. Private files are still served only after the access check (streamed, or by a signed URL of a minute);
the bucket refuses an unsigned read; `manage.py move_files` moves every file to the buckets and back, checked
by SHA-256; and a part of the suite runs with both buckets in place of the disk."""

import hashlib
import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime
from email.message import Message as HeaderMessage
from io import StringIO
from urllib.parse import parse_qs, urlsplit

import pytest
from botocore.exceptions import ClientError
from django.conf import settings as django_settings
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse

from konsultasi.models import Message
from ruangrunding.settings import s3_public_origins, s3_storage
from tests.helpers import client_for, current_database_url
from tests.konsultasi import files
from tests.scale.servers import MotoServer
from tests.wilayah.test_region_profile import png_upload
from wilayah.admin import RegionProfileForm

pytestmark = [pytest.mark.scale, pytest.mark.django_db]

PRIVATE, PUBLIC = "rr-privat", "rr-publik"
# The part of the suite that stores, reads or serves a file, run with both buckets in place of the disk.
S3_SUITE = [
    "tests/konsultasi/test_access_matrix.py::test_reading_a_consultation",
    "tests/konsultasi/test_access_matrix.py::test_attachments_download_safely_with_no_public_url",
    "tests/konsultasi/test_experts.py::test_expert_photo_is_shrunk_to_600px_and_stripped",
    "tests/pustaka/test_admin.py::test_staff_upload_a_document_with_a_pdf_whose_text_is_extracted",
    "tests/pustaka/test_admin.py::test_a_documents_page_names_its_stored_files_without_a_link_to_them",
    "tests/pustaka/test_extraction.py",
    "tests/pustaka/test_downloads.py::test_ten_downloads_by_one_visitor_count_once",
    "tests/pustaka/test_pages.py::test_lihat_opens_a_pdf_in_the_browser",
    "tests/pengaduan/test_filing.py::test_photos_are_kept_privately",
    "tests/pengaduan/test_access.py::test_attachments_only_for_the_reporter_the_secret_and_staff_who_see_it",
    "tests/security/test_uploads.py::test_path_in_a_file_name_never_reaches_the_disk",
    "tests/musrenbang/test_import.py::test_operator_checks_then_imports_a_recap_with_codes_timeline_and_recorder",
    "tests/musrenbang/test_import.py::test_a_large_recap_is_checked_and_imported_by_the_worker",
    "tests/wilayah/test_region_profile.py::test_logo_upload_is_shrunk_and_reencoded",
]


def public_read_policy(bucket: str) -> str:
    """The public bucket's policy (docs/scale.md): anyone may read an object, nothing else."""
    statement = {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": f"arn:aws:s3:::{bucket}/*"}
    return json.dumps({"Version": "2012-10-17", "Statement": [statement]})


def make_buckets(server: MotoServer, private: str, public: str) -> None:
    client = server.client()
    client.create_bucket(Bucket=private)
    client.create_bucket(Bucket=public)
    client.put_bucket_policy(Bucket=public, Policy=public_read_policy(public))


def bucket_keys(client, bucket: str) -> set[str]:
    pages = client.get_paginator("list_objects_v2").paginate(Bucket=bucket)
    return {item["Key"] for page in pages for item in page.get("Contents", [])}


@pytest.fixture(scope="module")
def s3_server(tmp_path_factory):
    server = MotoServer(tmp_path_factory.mktemp("moto"))
    server.start()
    make_buckets(server, PRIVATE, PUBLIC)
    yield server
    server.stop()


def use_buckets(server: MotoServer, settings, monkeypatch) -> None:
    """STORAGES as production builds it from PRIVATE_S3_BUCKET, MEDIA_S3_BUCKET and the S3_* variables, over
    buckets emptied of what earlier tests stored."""
    client = server.client()
    for bucket in (PRIVATE, PUBLIC):
        for key in bucket_keys(client, bucket):
            client.delete_object(Bucket=bucket, Key=key)
    for name, value in server.environment().items():
        monkeypatch.setenv(name, value)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": s3_storage(PUBLIC, private=False),
        "private": s3_storage(PRIVATE, private=True),
    }


@pytest.fixture
def buckets(s3_server, settings, monkeypatch):
    use_buckets(s3_server, settings, monkeypatch)
    return s3_server.client()


def fetch(url: str) -> tuple[int, HeaderMessage, bytes]:
    """A plain GET, as a browser or anyone else on the network sends it: no credentials."""
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:
            return answer.status, answer.headers, answer.read()  # headers looked up in any case
    except urllib.error.HTTPError as error:
        return error.code, error.headers, b""


def object_bytes(client, bucket: str, key: str) -> bytes:
    return client.get_object(Bucket=bucket, Key=key)["Body"].read()


def in_bucket(client, bucket: str, key: str) -> bool:
    try:
        client.head_object(Bucket=bucket, Key=key)
    except ClientError:
        return False
    return True


def files_under(folder) -> list:
    return [path for path in folder.rglob("*") if path.is_file()] if folder.exists() else []


def consultation_with_pdf(citizen, expert) -> Message:
    """A citizen opens a consultation through the real form, with a PDF attached."""
    url = reverse("konsultasi:create", args=[expert.expert_profile.pk])
    form = {"subject": "Sumur keruh", "body": "Surat desa terlampir.", "attachment": files.pdf()}
    assert client_for(citizen).post(url, form).status_code == 302
    return Message.objects.exclude(attachment="").get()


def attachment_url(message: Message) -> str:
    return reverse("konsultasi:attachment", args=[message.consultation_id, message.pk])


def test_an_attachment_lives_in_the_private_bucket_and_is_served_only_after_the_check(
    buckets, s3_server, settings, citizen, citizen2, expert
):
    message = consultation_with_pdf(citizen, expert)
    key = message.attachment.name
    stored = buckets.get_object(Bucket=PRIVATE, Key=key)
    body = stored["Body"].read()
    assert body.startswith(b"%PDF-") and stored["CacheControl"] == "private, no-store"
    assert not in_bucket(buckets, PUBLIC, key) and files_under(settings.PRIVATE_MEDIA_ROOT) == []
    # Through the view: the two participants get the bytes, anyone else the same 404 as for nothing at all.
    for person in (citizen, expert):
        response = client_for(person).get(attachment_url(message))
        assert response.status_code == 200 and b"".join(response.streaming_content) == body
        assert response["Content-Disposition"] == 'attachment; filename="surat.pdf"'
    assert client_for(citizen2).get(attachment_url(message)).status_code == 404
    assert client_for(None).get(attachment_url(message)).status_code == 404
    # Straight to the bucket without a signature: refused, whoever knows the name.
    status, _headers, leaked = fetch(f"{s3_server.url}/{PRIVATE}/{key}")
    assert status == 403 and leaked == b""


def test_with_signed_urls_the_check_comes_first_and_the_url_lives_a_minute(
    buckets, s3_server, settings, citizen, citizen2, expert
):
    settings.PRIVATE_FILES_SERVE = "signed"
    message = consultation_with_pdf(citizen, expert)
    assert client_for(citizen2).get(attachment_url(message)).status_code == 404  # no URL for an outsider
    response = client_for(citizen).get(attachment_url(message))
    assert response.status_code == 302
    assert {"private", "no-store"} <= {part.strip() for part in response["Cache-Control"].split(",")}
    assert response["Referrer-Policy"] == "no-referrer"
    signed = response["Location"]
    parts = urlsplit(signed)
    query = parse_qs(parts.query)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == f"{s3_server.url}/{PRIVATE}/{message.attachment.name}"
    assert query["X-Amz-Algorithm"] == ["AWS4-HMAC-SHA256"] and query["X-Amz-Expires"] == ["60"]
    assert query["X-Amz-Credential"][0].startswith(f"{MotoServer.ACCESS_KEY}/")
    signed_at = datetime.strptime(query["X-Amz-Date"][0], "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    assert abs((datetime.now(UTC) - signed_at).total_seconds()) < 60
    # The bucket answers the signed URL with our type, filename and caching, as the view would have.
    status, headers, body = fetch(signed)
    assert status == 200 and body == object_bytes(buckets, PRIVATE, message.attachment.name)
    assert headers["Content-Type"] == "application/pdf"
    assert headers["Content-Disposition"] == 'attachment; filename="surat.pdf"'
    assert headers["Cache-Control"] == "private, no-store"
    assert fetch(f"{s3_server.url}{parts.path}")[0] == 403  # the same address without its signature


def test_public_images_go_to_the_public_bucket_with_a_plain_url_anyone_can_read(buckets, settings):
    form = RegionProfileForm(
        data={"name": "Kabupaten X", "agency_name": "Bappeda X"}, files={"logo": png_upload(600, 400)}
    )
    assert form.is_valid(), form.errors
    logo = form.save().logo
    assert in_bucket(buckets, PUBLIC, logo.name) and not in_bucket(buckets, PRIVATE, logo.name)
    assert "Signature" not in logo.url and "X-Amz" not in logo.url
    assert logo.name.startswith("daerah/logo_")  # a random suffix: no two uploads ever share a name
    address = urlsplit(logo.url)
    assert f"{address.scheme}://{address.netloc}" in s3_public_origins(settings.STORAGES["default"]["OPTIONS"])
    status, _headers, body = fetch(logo.url)
    assert status == 200 and body == object_bytes(buckets, PUBLIC, logo.name)
    assert files_under(settings.MEDIA_ROOT) == []


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def move(to: str, *extra: str) -> str:
    out = StringIO()
    call_command("move_files", f"--to={to}", *extra, stdout=out)
    return out.getvalue()


def test_move_files_takes_every_file_to_the_buckets_and_back_checked_by_hash(
    s3_server, settings, monkeypatch, citizen, expert, tmp_path
):
    # On disk first, as a portal before object storage.
    message = consultation_with_pdf(citizen, expert)
    form = RegionProfileForm(
        data={"name": "Kabupaten X", "agency_name": "Bappeda X"}, files={"logo": png_upload(600, 400)}
    )
    assert form.is_valid(), form.errors
    logo = form.save().logo
    private_disk = settings.PRIVATE_MEDIA_ROOT / message.attachment.name
    public_disk = settings.MEDIA_ROOT / logo.name
    originals = {
        message.attachment.name: sha256(private_disk.read_bytes()),
        logo.name: sha256(public_disk.read_bytes()),
    }

    use_buckets(s3_server, settings, monkeypatch)
    client = s3_server.client()
    assert move("s3", "--dry-run") == (
        "berkas privat ke s3 (uji coba): 1 disalin, 0 sudah ada, 0 sumber dihapus, 0 tidak ditemukan\n"
        "media publik ke s3 (uji coba): 1 disalin, 0 sudah ada, 0 sumber dihapus, 0 tidak ditemukan\n"
    )
    assert not in_bucket(client, PRIVATE, message.attachment.name)
    assert "1 disalin" in move("s3")
    assert sha256(object_bytes(client, PRIVATE, message.attachment.name)) == originals[message.attachment.name]
    assert sha256(object_bytes(client, PUBLIC, logo.name)) == originals[logo.name]
    assert private_disk.exists() and public_disk.exists()  # the sources stay unless asked
    assert move("s3").count("0 disalin, 1 sudah ada") == 2  # a second run copies nothing
    # The portal now serves the moved file from the bucket, after the same check.
    response = client_for(citizen).get(attachment_url(message))
    assert sha256(b"".join(response.streaming_content)) == originals[message.attachment.name]

    # Back to fresh, empty folders, removing the objects once their copies on disk match.
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "privat-kembali"
    settings.MEDIA_ROOT = tmp_path / "media-kembali"
    assert move("disk", "--delete-source").count("1 disalin, 0 sudah ada, 1 sumber dihapus") == 2
    assert (
        sha256((settings.PRIVATE_MEDIA_ROOT / message.attachment.name).read_bytes())
        == originals[message.attachment.name]
    )
    assert sha256((settings.MEDIA_ROOT / logo.name).read_bytes()) == originals[logo.name]
    assert not in_bucket(client, PRIVATE, message.attachment.name) and not in_bucket(client, PUBLIC, logo.name)


def test_move_files_stops_on_a_copy_that_differs_and_keeps_the_source(
    s3_server, settings, monkeypatch, citizen, expert
):
    message = consultation_with_pdf(citizen, expert)
    on_disk = settings.PRIVATE_MEDIA_ROOT / message.attachment.name
    original = on_disk.read_bytes()
    use_buckets(s3_server, settings, monkeypatch)
    client = s3_server.client()
    # An object with other bytes already under that name (a half-finished earlier copy, a bit flipped).
    client.put_object(Bucket=PRIVATE, Key=message.attachment.name, Body=original[:-1] + b"?")
    with pytest.raises(CommandError, match="tidak ditimpa"):
        move("s3", "--delete-source")
    assert on_disk.read_bytes() == original  # the source is kept
    assert object_bytes(client, PRIVATE, message.attachment.name) == original[:-1] + b"?"  # nothing overwritten


def test_the_file_part_of_the_suite_passes_with_both_buckets(s3_server):
    private, public = "rr-suite-privat", "rr-suite-publik"
    make_buckets(s3_server, private, public)
    # Another database name than the outer run's, so the inner pytest-django makes test databases of its own.
    outer = connection.settings_dict["NAME"]
    env = {
        **os.environ,
        **s3_server.environment(),
        "DATABASE_URL": current_database_url().replace(outer, f"{outer.removeprefix('test_')}_s3"),
        "PRIVATE_S3_BUCKET": private,
        "MEDIA_S3_BUCKET": public,
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    env.pop("PYTEST_XDIST_WORKER", None)
    began = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-n", "2", *S3_SUITE],
        env=env,
        cwd=django_settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    summary = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""
    print(f"\nsuite part with both buckets on moto: {summary} — {time.monotonic() - began:.0f} s")
    assert result.returncode == 0, result.stdout[-20000:] + result.stderr[-5000:]
    # What those tests stored went to the buckets, each kind to its own.
    client = s3_server.client()
    private_keys, public_keys = bucket_keys(client, private), bucket_keys(client, public)
    private_folders = {key.split("/")[0] for key in private_keys} | {
        "/".join(key.split("/")[:2]) for key in private_keys
    }
    assert {"konsultasi", "pustaka", "pengaduan", "musrenbang/impor"} <= private_folders
    assert {key.split("/")[0] for key in public_keys} >= {"pakar", "daerah"}
    assert not {key.split("/")[0] for key in public_keys} & {"konsultasi", "pustaka", "pengaduan"}
