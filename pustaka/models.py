"""The public library. Metadata follow the fields of Indonesia's JDIH legal-documentation standard."""

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from ruangrunding.storage import private_storage


class Category(models.Model):
    name = models.CharField(_("nama"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("kategori")
        verbose_name_plural = _("kategori")

    def __str__(self) -> str:
        return self.name


class DocumentType(models.Model):
    """Jenis: Peraturan Daerah, Peraturan Bupati, RPJPD, RPJMD, RKPD, Renstra, …"""

    name = models.CharField(_("nama"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    abbreviation = models.CharField(_("singkatan"), max_length=20, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("jenis dokumen")
        verbose_name_plural = _("jenis dokumen")

    def __str__(self) -> str:
        return self.name


class Subject(models.Model):
    name = models.CharField(_("nama"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("subjek")
        verbose_name_plural = _("subjek")

    def __str__(self) -> str:
        return self.name


class DocumentQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def visible_to(self, user):
        return self if user.is_authenticated and user.is_staff else self.published()

    def for_listing(self):
        return self.select_related("category", "document_type").defer("search_vector")

    def related_to(self, document: "Document", subjects):
        """Other published documents sharing a subject, newest first."""
        return (
            self.published().for_listing().filter(subjects__in=subjects).exclude(pk=document.pk).distinct()
        ).order_by("-year")


class Document(models.Model):
    class Status(models.TextChoices):
        IN_FORCE = "berlaku", _("Berlaku")
        REVOKED = "dicabut", _("Dicabut")
        AMENDED = "diubah", _("Diubah")

    category = models.ForeignKey(Category, verbose_name=_("kategori"), on_delete=models.PROTECT, related_name="+")
    document_type = models.ForeignKey(
        DocumentType, verbose_name=_("jenis"), on_delete=models.PROTECT, related_name="documents"
    )
    number = models.CharField(_("nomor"), max_length=50, blank=True)
    year = models.PositiveSmallIntegerField(_("tahun"), db_index=True)
    title = models.CharField(_("judul"), max_length=300)
    about = models.TextField(_("tentang"), blank=True)
    author_body = models.CharField(
        _("T.E.U. badan"), max_length=200, blank=True, help_text=_("Tajuk entri utama: badan yang menetapkan.")
    )
    publisher = models.CharField(_("penerbit"), max_length=200, blank=True)
    place_enacted = models.CharField(_("tempat penetapan"), max_length=100, blank=True)
    date_enacted = models.DateField(_("tanggal penetapan"), null=True, blank=True)
    date_promulgated = models.DateField(_("tanggal pengundangan"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.IN_FORCE)
    status_changed_by = models.ForeignKey(
        "self",
        verbose_name=_("dicabut/diubah oleh"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="changes",
    )
    subjects = models.ManyToManyField(Subject, verbose_name=_("subjek"), blank=True, related_name="documents")
    language = models.CharField(_("bahasa"), max_length=40, default="Indonesia")
    source = models.CharField(_("sumber"), max_length=200, blank=True)
    abstract = models.TextField(_("abstrak"), blank=True)
    cover = models.ImageField(_("sampul"), upload_to="pustaka/sampul/", blank=True)
    is_published = models.BooleanField(_("terbit"), default=False)
    download_count = models.PositiveIntegerField(_("jumlah unduhan"), default=0)
    created_at = models.DateTimeField(_("ditambahkan"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)
    # PostgreSQL only: title (A), about (B), abstract and subjects (C), text of the files (D), in the
    # "indonesian" configuration; kept up to date by indexing.document_index_refresh.
    search_vector = SearchVectorField(null=True, editable=False)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "-created_at"]
        # Newest first, read in index order: a search whose words are in most documents stops after one page
        # instead of sorting every match (pustaka/search.py NEWEST_FIRST).
        indexes = [models.Index(fields=["-year", "-created_at", "-id"], name="pustaka_document_newest")]
        verbose_name = _("dokumen")
        verbose_name_plural = _("dokumen")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("pustaka:document", args=[self.pk, slugify(self.title)[:60] or "dokumen"])

    @property
    def citation(self) -> str:
        """E.g. "Peraturan Daerah Nomor 7 Tahun 2024"."""
        if self.number:
            return _("%(type)s Nomor %(number)s Tahun %(year)s") % {
                "type": self.document_type,
                "number": self.number,
                "year": self.year,
            }
        return _("%(type)s Tahun %(year)s") % {"type": self.document_type, "year": self.year}


class FullTextQueryField(models.TextField):
    """The hidden column of an SQLite FTS5 table that a full-text query is matched against: `__match`."""


@FullTextQueryField.register_lookup
class FullTextMatch(models.Lookup):
    lookup_name = "match"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} MATCH {rhs}", [*lhs_params, *rhs_params]


class DocumentIndex(models.Model):
    """SQLite only (PostgreSQL keeps Document.search_vector instead): a document's row in the FTS5 table made by
    migration 0006, holding the Indonesian stems of its texts. Written by pustaka.indexing, read by
    search.search() through a join: `full_text__query__match`, ranked by `full_text__rank` (bm25 weighted by
    column, as configured in the migration)."""

    document = models.OneToOneField(
        Document, primary_key=True, db_column="rowid", on_delete=models.DO_NOTHING, related_name="full_text"
    )
    query = FullTextQueryField(db_column="pustaka_document_fts")
    rank = models.FloatField()

    class Meta:
        managed = False
        db_table = "pustaka_document_fts"

    def __str__(self) -> str:
        return str(self.document_id)


def document_file_path(instance: "DocumentFile", filename: str) -> str:
    return f"pustaka/{timezone.now():%Y/%m}/{filename}"


class DocumentFile(models.Model):
    class Extraction(models.TextChoices):
        PENDING = "menunggu", _("Menunggu")
        DONE = "selesai", _("Selesai")
        FAILED = "gagal", _("Gagal")
        NOT_APPLICABLE = "tidak_perlu", _("Tidak perlu (bukan PDF)")

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(_("berkas"), storage=private_storage, upload_to=document_file_path)
    display_name = models.CharField(_("nama berkas"), max_length=150)
    kind = models.CharField(_("jenis berkas"), max_length=10)
    content_type = models.CharField(max_length=120)
    size = models.PositiveBigIntegerField(_("ukuran"))
    download_count = models.PositiveIntegerField(_("jumlah unduhan"), default=0)
    extracted_text = models.TextField(_("teks hasil ekstraksi"), blank=True, editable=False)
    extraction = models.CharField(
        _("ekstraksi teks"), max_length=12, choices=Extraction.choices, default=Extraction.PENDING
    )
    extraction_error = models.CharField(max_length=300, blank=True, editable=False)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("berkas")
        verbose_name_plural = _("berkas")

    def __str__(self) -> str:
        return self.display_name

    @property
    def is_pdf(self) -> bool:
        return self.kind == "pdf"


# --- Tallies for the staff dashboard. One row per thing per day (WITA), so a period's figure is a sum over a
# few hundred rows rather than over every event, and nothing in them says who did it.


class DownloadTally(models.Model):
    """How often a document's files were downloaded on one day."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="download_tallies")
    day = models.DateField(_("tanggal"))
    count = models.PositiveIntegerField(_("jumlah"), default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["document", "day"], name="one_download_tally_per_day")]
        indexes = [models.Index(fields=["day"], name="pustaka_download_day_idx")]
        verbose_name = _("unduhan harian")
        verbose_name_plural = _("unduhan harian")

    def __str__(self) -> str:
        return f"{self.document_id} {self.day}: {self.count}"


class DownloadVisitor(models.Model):
    """That one visitor already downloaded one file today, so that repeating the download does not count again.
    `visitor` is a keyed hash (SECRET_KEY, and the day) of the signed-in account or, for an anonymous visitor,
    the address and browser: never the account, address or browser themselves, and the day in the hash means
    even the key cannot link one visitor's rows across days. Rows of past days are deleted as a day begins."""

    document_file = models.ForeignKey(DocumentFile, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    visitor = models.CharField(max_length=64)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["document_file", "day", "visitor"], name="one_download_per_visitor_per_day")
        ]
        indexes = [models.Index(fields=["day"], name="pustaka_download_visitor_day")]

    def __str__(self) -> str:
        return f"{self.document_file_id} {self.day}"


class UnfoundSearch(models.Model):
    """A search in the library that found nothing, counted per day: the words only, never who searched."""

    TERM_MAX = 100

    term = models.CharField(_("kata kunci"), max_length=TERM_MAX)
    day = models.DateField(_("tanggal"))
    count = models.PositiveIntegerField(_("jumlah"), default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["term", "day"], name="one_unfound_search_per_day")]
        indexes = [models.Index(fields=["day"], name="pustaka_unfound_day_idx")]
        verbose_name = _("pencarian tanpa hasil")
        verbose_name_plural = _("pencarian tanpa hasil")

    def __str__(self) -> str:
        return f"{self.term} ({self.day}): {self.count}"
