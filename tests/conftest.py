"""The shared cast of users every app's tests use, and a little region data for them to live in."""

import pytest
from django.core.cache import cache, caches
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils.text import slugify

from pustaka import services as pustaka_services
from pustaka.demo import text_pdf
from pustaka.indexing import document_index_refresh, lexicon_refresh
from pustaka.models import Category, Document, DocumentType, Subject
from pustaka.search import forget_kept
from pustaka.uploads import check_library_file
from rpjpd import kept_pages
from rpjpd.models import Section, Topic
from tests.helpers import make_expert, make_user
from wilayah.models import Desa, Kecamatan


def pytest_addoption(parser):
    parser.addoption(
        "--scale",
        action="store_true",
        help="also run tests/scale (make scaletest): they start their own PgBouncer, Redis, replica and S3 server",
    )


def pytest_collection_modifyitems(config, items):
    # tests/scale start PgBouncer, Redis and S3 servers of their own: only `make scaletest` (pytest --scale) runs
    # them; `make test` leaves them out (shown as deselected, not skipped).
    if config.getoption("--scale"):
        return
    scale = [item for item in items if item.get_closest_marker("scale")]
    if scale:
        config.hook.pytest_deselected(items=scale)
        items[:] = [item for item in items if not item.get_closest_marker("scale")]


@pytest.fixture(autouse=True)
def _fresh_cache(request, django_db_blocker):
    # Rate-limit counters live in the (database) cache table, which a transactional test's flush leaves
    # alone: empty it after any test that used the database, so no test inherits another's failed logins.
    caches["pages"].clear()
    forget_kept()  # the library search's per-worker rankings: another test's database is another library
    kept_pages.forget()  # signed-in readers' topic pages: ids and times may come again in another test
    yield
    if request.node.get_closest_marker("django_db") or {"db", "transactional_db", "live_server"} & set(
        request.fixturenames
    ):
        with django_db_blocker.unblock():
            cache.clear()


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def dead_mail_server(settings):
    """E-mail queued in the database and delivered by the real worker to an SMTP port nobody listens on."""
    settings.MAILERS = {
        "default": {"BACKEND": "ruangrunding.mail.TaskQueueEmailBackend"},
        "delivery": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": 1, "timeout": 2},
        },
    }
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.fixture
def kecamatan(db):
    tenggarong = Kecamatan.objects.create(name="Tenggarong")
    Desa.objects.create(kecamatan=tenggarong, name="Maluhu", kind=Desa.Kind.KELURAHAN)
    Desa.objects.create(kecamatan=tenggarong, name="Sukarame", kind=Desa.Kind.KELURAHAN)
    samboja = Kecamatan.objects.create(name="Samboja")
    Desa.objects.create(kecamatan=samboja, name="Kampung Lama", kind=Desa.Kind.DESA)
    return tenggarong


@pytest.fixture
def citizen(kecamatan):
    return make_user("siti", display_name="Siti Aminah", kecamatan=kecamatan)


@pytest.fixture
def citizen2(kecamatan):
    return make_user("budi", display_name="Budi Santoso", kecamatan=kecamatan)


@pytest.fixture
def expert(db):
    return make_expert("rahma", "Dr. Rahmawati, M.Si.")


@pytest.fixture
def expert2(db):
    return make_expert("hendra", "Prof. Hendra Kusuma")


@pytest.fixture
def staff(db):
    return make_user("staf", display_name="Staf Bappeda", is_staff=True)


@pytest.fixture
def anonymous():
    return Client()


@pytest.fixture
def cast(citizen, citizen2, expert, expert2, staff):
    """Every role by name, for access-matrix tests (None is the anonymous visitor)."""
    return {
        "anonymous": None,
        "citizen": citizen,
        "citizen2": citizen2,
        "expert": expert,
        "expert2": expert2,
        "staff": staff,
    }


@pytest.fixture
def section(db):
    # Created by a data migration; a transactional test's flush empties it, hence get_or_create.
    return Section.objects.get_or_create(slug="isu-strategis-daerah", defaults={"title": "Isu Strategis Daerah"})[0]


@pytest.fixture
def topic(section):
    return Topic.objects.create(
        section=section,
        title="Banjir di sepanjang Sungai Mahakam",
        slug="banjir-mahakam",
        body="Ceritakan pengalaman **banjir** di kampung Anda.",
        status=Topic.Status.PUBLISHED,
    )


@pytest.fixture
def draft_topic(section):
    return Topic.objects.create(section=section, title="Rancangan", slug="rancangan", body="Draf", status="draft")


@pytest.fixture
def vocab(db):
    # Made by a data migration; a transactional test's flush empties them, hence get_or_create.
    def get(model, name):
        return model.objects.get_or_create(slug=slugify(name.replace("/", "-")), defaults={"name": name})[0]

    return {
        "regulasi": get(Category, "Regulasi"),
        "perencanaan": get(Category, "Dokumen Perencanaan"),
        "perda": get(DocumentType, "Peraturan Daerah"),
        "perbup": get(DocumentType, "Peraturan Bupati"),
        "rpjmd": get(DocumentType, "RPJMD"),
    }


@pytest.fixture
def make_document(vocab, django_capture_on_commit_callbacks):
    def make(title, *, year=2023, kind="perda", published=True, about="", abstract="", subjects=(), pdf_lines=None):
        document = Document.objects.create(
            category=vocab["regulasi"],
            document_type=vocab[kind],
            number="7",
            year=year,
            title=title,
            about=about,
            abstract=abstract,
            is_published=published,
        )
        document.subjects.set(Subject.objects.get_or_create(slug=slugify(s), defaults={"name": s})[0] for s in subjects)
        if pdf_lines:
            upload = SimpleUploadedFile(f"{slugify(title)}.pdf", text_pdf(pdf_lines), "application/pdf")
            with django_capture_on_commit_callbacks(execute=True):
                pustaka_services.file_add(document=document, checked=check_library_file(upload))
        document_index_refresh(document_id=document.pk)
        lexicon_refresh()
        return document

    return make
