"""Musrenbang: every proposal (usulan) as ONE record from the RT/RW deliberation to the RKPD.

The usulan never gets copied from one level to the next: its `stage` says where it is being discussed, its
`status` whether it is still under discussion there or has been settled (rejected, merged, redirected, put in
the RKPD), and every decision leaves a public `UsulanStatusChange` row (stage, decision, reason, the deciding
unit and role). See docs/musrenbang.md for why a stage sits beside the workflow's status.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Role
from perencanaan.models import Activity
from pustaka.models import Document
from ruangrunding.storage import private_storage
from ruangrunding.workflow import StatusChange
from wilayah.models import Agency, Desa, Kecamatan

CITIZEN_ROLE = "warga"  # the role written on the timeline when a citizen proposes online


class Stage(models.TextChoices):
    RT_RW = "rt_rw", _("Musyawarah RT/RW")
    DESA = "desa", _("Musrenbang Desa/Kelurahan")
    KECAMATAN = "kecamatan", _("Musrenbang Kecamatan")
    FORUM_PD = "forum_pd", _("Forum Perangkat Daerah")
    KABUPATEN = "kabupaten", _("Musrenbang Kabupaten")
    RKPD = "rkpd", _("RKPD")


STAGE_ORDER = list(Stage)
# The stages that have a window and a decision; the RKPD is where a successful usulan ends.
DECIDING_STAGES = STAGE_ORDER[:-1]


def next_stage(stage: str) -> str:
    return STAGE_ORDER[STAGE_ORDER.index(Stage(stage)) + 1]


class Decision(models.TextChoices):
    PROPOSED = "diajukan", _("Diajukan")
    FORWARDED = "diteruskan", _("Diteruskan")
    ACCOMMODATED = "diakomodasi", _("Diakomodasi")
    PARTLY_ACCOMMODATED = "diakomodasi_sebagian", _("Diakomodasi sebagian")
    MERGED = "digabung", _("Digabung")
    REJECTED = "ditolak", _("Ditolak")
    POSTPONED = "ditunda", _("Ditunda")
    REDIRECTED = "dialihkan", _("Dialihkan")


_SETTLE = {Decision.MERGED, Decision.REJECTED, Decision.POSTPONED, Decision.REDIRECTED}
_ACCEPT = {Decision.ACCOMMODATED, Decision.PARTLY_ACCOMMODATED}
# What each stage's unit may decide. Accepting (fully or partly) starts at the agency forum: the agency takes
# the usulan into its Renja draft there, and the Musrenbang Kabupaten puts it in the RKPD.
STAGE_DECISIONS = {
    Stage.RT_RW: {Decision.FORWARDED, *_SETTLE},
    Stage.DESA: {Decision.FORWARDED, *_SETTLE},
    Stage.KECAMATAN: {Decision.FORWARDED, *_SETTLE},
    Stage.FORUM_PD: {Decision.FORWARDED, *_ACCEPT, *_SETTLE},
    Stage.KABUPATEN: {*_ACCEPT, *_SETTLE},
    Stage.RKPD: set(),
}


class Origin(models.TextChoices):
    CITIZEN = "warga", _("Warga (daring)")
    RT_RW = "musyawarah_rt_rw", _("Musyawarah RT/RW")
    DESA = "desa", _("Pemerintah desa/kelurahan")
    POKIR = "pokir", _("Pokok pikiran DPRD")
    AGENCY = "perangkat_daerah", _("Perangkat daerah")
    EVENT = "musyawarah", _("Aspirasi pada musyawarah/acara publik")


# Where an usulan of each origin starts being discussed.
ORIGIN_STAGE = {
    Origin.CITIZEN: Stage.RT_RW,
    Origin.RT_RW: Stage.RT_RW,
    Origin.DESA: Stage.DESA,
    Origin.POKIR: Stage.FORUM_PD,
    Origin.AGENCY: Stage.FORUM_PD,
    Origin.EVENT: Stage.RT_RW,  # like a citizen's own: the desa operator takes it up from the bottom
}


class Kind(models.TextChoices):
    PHYSICAL = "fisik", _("Fisik")
    GOODS = "barang", _("Barang")
    NON_PHYSICAL = "non_fisik", _("Non-fisik")


class Beneficiary(models.TextChoices):
    WOMEN = "perempuan", _("Perempuan")
    CHILDREN = "anak", _("Anak")
    DISABLED = "disabilitas", _("Penyandang disabilitas")
    ELDERLY = "lansia", _("Lansia")
    POOR = "keluarga_miskin", _("Keluarga miskin")


# One boolean column per group: a filter on any of them is an indexed equality on both databases.
BENEFICIARY_FIELDS = {
    Beneficiary.WOMEN: "for_women",
    Beneficiary.CHILDREN: "for_children",
    Beneficiary.DISABLED: "for_disabled",
    Beneficiary.ELDERLY: "for_elderly",
    Beneficiary.POOR: "for_poor",
}


class RedirectTarget(models.TextChoices):
    RENJA = "renja", _("Renja perangkat daerah")
    POKIR = "pokir", _("Pokok pikiran DPRD")


class Field(models.Model):
    """A field (bidang) of the region's own list, kept by staff: ekonomi, sosial budaya, prasarana wilayah…"""

    name = models.CharField(_("nama"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)
    active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("bidang usulan")
        verbose_name_plural = _("bidang usulan")

    def __str__(self) -> str:
        return self.name


class Cycle(models.Model):
    """One year's planning cycle, named by the RKPD year it plans for."""

    year = models.PositiveSmallIntegerField(_("tahun RKPD"), unique=True)
    desa_priority_limit = models.PositiveSmallIntegerField(
        _("batas peringkat prioritas per desa"),
        default=10,
        help_text=_("Berapa usulan yang boleh diberi peringkat P1, P2, … oleh satu desa/kelurahan."),
    )
    # The last sequence number handed out for this year's public codes; taken under a row lock.
    last_sequence = models.PositiveIntegerField(_("nomor urut terakhir"), default=0, editable=False)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("siklus perencanaan")
        verbose_name_plural = _("siklus perencanaan")

    def __str__(self) -> str:
        return _("Musrenbang RKPD %(year)s") % {"year": self.year}


class StageWindowQuerySet(models.QuerySet):
    def open_on(self, day):
        return self.filter(starts_on__lte=day, ends_on__gte=day)


class StageWindow(models.Model):
    """When one stage of a cycle meets: decisions at that stage are taken only between these dates (inclusive,
    in the region's time zone). After `ends_on` the stage is locked; Bappeda may reopen it (recorded)."""

    cycle = models.ForeignKey(Cycle, verbose_name=_("siklus"), on_delete=models.CASCADE, related_name="windows")
    stage = models.CharField(_("tahap"), max_length=12, choices=Stage.choices[:-1])
    starts_on = models.DateField(_("mulai"))
    ends_on = models.DateField(_("selesai"))

    objects = StageWindowQuerySet.as_manager()

    class Meta:
        ordering = ["cycle", "starts_on"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "stage"], name="unique_window_per_stage"),
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="window_ends_after_start"),
        ]
        verbose_name = _("jadwal tahap")
        verbose_name_plural = _("jadwal tahap")

    def __str__(self) -> str:
        return f"{self.cycle.year} · {self.get_stage_display()}"

    def is_open(self, day=None) -> bool:
        day = day or timezone.localdate()
        return self.starts_on <= day <= self.ends_on


class WindowReopening(models.Model):
    """A stage reopened after its window closed: by whom (Bappeda), why, and the dates before and after."""

    window = models.ForeignKey(
        StageWindow, verbose_name=_("jadwal"), on_delete=models.CASCADE, related_name="reopenings"
    )
    previous_ends_on = models.DateField(_("semula selesai"))
    ends_on = models.DateField(_("kini selesai"))
    reason = models.TextField(_("alasan"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("oleh"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(_("waktu"), default=timezone.now)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("pembukaan kembali tahap")
        verbose_name_plural = _("pembukaan kembali tahap")

    def __str__(self) -> str:
        return f"{self.window}: {self.previous_ends_on} → {self.ends_on}"


class UsulanQuerySet(models.QuerySet):
    def for_list(self):
        return self.select_related("cycle", "kecamatan", "desa", "field", "agency").order_by("-created_at", "-pk")

    def for_page(self):
        return self.select_related(
            "cycle",
            "kecamatan",
            "desa",
            "field",
            "agency",
            "merged_into",
            "merged_into__desa",
            "activity__programme__rpjmd_priority",
        ).prefetch_related("merged_from", "photos", "documents")

    def with_planning(self):
        """With the linked Renstra activity, its programme and RPJMD priority (exports show their codes)."""
        return self.select_related("activity__programme__rpjmd_priority")

    def in_scope(self, scope):
        """The usulan a scope's holder decides on now: desa-stage ones of their desa, kecamatan-stage ones
        of their kecamatan, agency-forum ones of their agency; Bappeda every one."""
        if scope.whole_region:
            return self
        q = Q(pk__in=[])
        if scope.desa_ids:
            q |= Q(stage__in=[Stage.RT_RW, Stage.DESA], desa__in=scope.desa_ids)
        if scope.kecamatan_ids:
            q |= Q(stage=Stage.KECAMATAN, kecamatan__in=scope.kecamatan_ids)
        if scope.agency_ids:
            q |= Q(stage=Stage.FORUM_PD, agency__in=scope.agency_ids)
        return self.filter(q)

    def sent_to_agency(self, agency_id: int):
        """The usulan an agency has been sent: those that reached the agency forum (or went beyond it) with this
        agency named, and those redirected to this agency's Renja at any stage. One named at an earlier stage
        is not the agency's yet: the kecamatan may still change it, reject or merge it."""
        beyond_forum = [Stage.FORUM_PD, Stage.KABUPATEN, Stage.RKPD]
        to_renja = Q(status=Usulan.Status.REDIRECTED, redirect_target=RedirectTarget.RENJA)
        return self.filter(Q(stage__in=beyond_forum) | to_renja, agency_id=agency_id)

    def awaiting_decision(self):
        return self.filter(status__in=[Usulan.Status.PENDING, Usulan.Status.POSTPONED])

    def funnel(self) -> dict:
        """Proposed → forwarded (left the desa) → accommodated (accepted at the agency forum or later) → RKPD."""
        beyond_desa = [Stage.KECAMATAN, Stage.FORUM_PD, Stage.KABUPATEN, Stage.RKPD]
        return self.aggregate(
            proposed=Count("pk"),
            forwarded=Count("pk", filter=Q(stage__in=beyond_desa)),
            accommodated=Count("pk", filter=~Q(accommodation="")),
            in_rkpd=Count("pk", filter=Q(stage=Stage.RKPD)),
        )


class Usulan(models.Model):
    class Status(models.TextChoices):
        PENDING = "dibahas", _("Dalam pembahasan")
        POSTPONED = "ditunda", _("Ditunda")
        REJECTED = "ditolak", _("Ditolak")
        MERGED = "digabung", _("Digabung")
        REDIRECTED = "dialihkan", _("Dialihkan")
        IN_RKPD = "masuk_rkpd", _("Masuk RKPD")

    _DECIDED = [Status.PENDING, Status.REJECTED, Status.MERGED, Status.REDIRECTED, Status.IN_RKPD]
    # Forwarding keeps the status (still under discussion, one stage up), so PENDING → PENDING is a move.
    MOVES = {
        Status.PENDING: {*_DECIDED, Status.POSTPONED},
        Status.POSTPONED: set(_DECIDED),
    }

    code = models.CharField(_("kode usulan"), max_length=24, unique=True, editable=False)
    cycle = models.ForeignKey(Cycle, verbose_name=_("tahun RKPD"), on_delete=models.PROTECT, related_name="usulan")
    sequence = models.PositiveIntegerField(_("nomor urut"), editable=False)
    origin = models.CharField(_("asal usulan"), max_length=20, choices=Origin.choices, default=Origin.CITIZEN)
    problem = models.CharField(
        _("permasalahan"), max_length=300, help_text=_("Masalah yang ingin diatasi, dalam satu kalimat.")
    )
    title = models.CharField(_("judul usulan"), max_length=160)
    description = models.TextField(_("uraian"), max_length=3000)
    kind = models.CharField(_("jenis"), max_length=10, choices=Kind.choices)
    field = models.ForeignKey(Field, verbose_name=_("bidang"), on_delete=models.PROTECT, related_name="usulan")
    kecamatan = models.ForeignKey(Kecamatan, verbose_name=_("kecamatan"), on_delete=models.PROTECT, related_name="+")
    desa = models.ForeignKey(Desa, verbose_name=_("desa/kelurahan"), on_delete=models.PROTECT, related_name="+")
    rw = models.PositiveSmallIntegerField(_("RW"), null=True, blank=True)
    rt = models.PositiveSmallIntegerField(_("RT"), null=True, blank=True)
    latitude = models.DecimalField(_("lintang"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("bujur"), max_digits=9, decimal_places=6, null=True, blank=True)
    volume = models.DecimalField(_("volume"), max_digits=12, decimal_places=2)
    unit = models.CharField(_("satuan"), max_length=30, help_text=_("Mis. meter, unit, paket, orang"))
    estimated_cost = models.PositiveBigIntegerField(_("perkiraan biaya (Rp)"))
    for_women = models.BooleanField(_("perempuan"), default=False)
    for_children = models.BooleanField(_("anak"), default=False)
    for_disabled = models.BooleanField(_("penyandang disabilitas"), default=False)
    for_elderly = models.BooleanField(_("lansia"), default=False)
    for_poor = models.BooleanField(_("keluarga miskin"), default=False)
    proposer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pengusul (akun)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="usulan",
    )
    proposer_name = models.CharField(
        _("nama pengusul"),
        max_length=100,
        blank=True,
        help_text=_("Untuk warga tanpa akun yang usulannya dicatat operator pada musyawarah."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dicatat oleh"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("perangkat daerah tujuan"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="usulan",
    )
    priority = models.PositiveSmallIntegerField(_("peringkat prioritas desa"), null=True, blank=True)
    # The row's own key in a desa's recap spreadsheet (its "Kunci"/number there): uploading the same recap
    # again finds the usulan it made and creates nothing (musrenbang/imports.py). Blank for usulan typed in.
    external_key = models.CharField(_("kunci rekap"), max_length=40, blank=True, editable=False)
    # Set when the agency forum (or the Musrenbang Kabupaten) accommodates the usulan: the Renstra activity it
    # is taken into, shown publicly with its programme and RPJMD priority (docs/perencanaan.md).
    activity = models.ForeignKey(
        Activity,
        verbose_name=_("kegiatan Renstra"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="usulan",
    )
    stage = models.CharField(_("tahap"), max_length=12, choices=Stage.choices, default=Stage.RT_RW)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PENDING)
    accommodation = models.CharField(
        _("diakomodasi"),
        max_length=24,
        blank=True,
        choices=[(d.value, d.label) for d in (Decision.ACCOMMODATED, Decision.PARTLY_ACCOMMODATED)],
    )
    redirect_target = models.CharField(_("dialihkan ke"), max_length=8, blank=True, choices=RedirectTarget.choices)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("digabung ke"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_from",
    )
    created_at = models.DateTimeField(_("diajukan pada"), default=timezone.now)
    updated_at = models.DateTimeField(_("diperbarui"), auto_now=True)

    objects = UsulanQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "sequence"], name="unique_usulan_sequence"),
            models.UniqueConstraint(
                fields=["cycle", "desa", "priority"],
                condition=Q(priority__isnull=False),
                name="unique_desa_priority_rank",
            ),
            models.CheckConstraint(
                condition=Q(proposer__isnull=False) | ~Q(proposer_name=""), name="usulan_has_proposer"
            ),
            models.UniqueConstraint(
                fields=["cycle", "desa", "external_key"],
                condition=~Q(external_key=""),
                name="unique_usulan_external_key",
            ),
        ]
        indexes = [
            models.Index(fields=["cycle", "stage", "status"]),
            models.Index(fields=["kecamatan", "-created_at"]),
            models.Index(fields=["desa", "-created_at"]),
            # The public list's order: its first page read from the index, not by sorting every usulan
            # (100,000 usulan: 200 ms → under 1 ms, docs/musrenbang.md "Speed").
            models.Index(fields=["-created_at", "-id"], name="usulan_newest_first"),
            # What changed for an agency since its system last asked (the API's `changed_since`).
            models.Index(fields=["agency", "updated_at"], name="usulan_agency_changed"),
        ]
        verbose_name = _("usulan")
        verbose_name_plural = _("usulan")

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("musrenbang:detail", args=[self.code])

    @property
    def proposer_label(self) -> str:
        """The proposer as the public reads it: the display name, or the name an operator recorded."""
        if self.proposer_id:
            return self.proposer.public_name
        return self.proposer_name

    @property
    def beneficiaries(self) -> list[str]:
        return [str(group.label) for group, name in BENEFICIARY_FIELDS.items() if getattr(self, name)]

    @property
    def priority_label(self) -> str:
        return f"P{self.priority}" if self.priority else ""

    @property
    def awaits_decision(self) -> bool:
        return self.status in (self.Status.PENDING, self.Status.POSTPONED) and self.stage != Stage.RKPD

    @property
    def decisions_here(self) -> list[str]:
        return [d for d in Decision if d in STAGE_DECISIONS[Stage(self.stage)]]


class UsulanStatusChange(StatusChange):
    """A public timeline entry: at which stage, what was decided, why, by which unit in which role. The person
    (`actor`) is kept for the audit trail and never shown."""

    record = models.ForeignKey(Usulan, on_delete=models.CASCADE, related_name="status_changes")
    # Every Musrenbang decision is public, with its reason (the shape's default is internal).
    public = models.BooleanField(_("tampil untuk publik"), default=True)
    stage = models.CharField(_("tahap"), max_length=12, choices=Stage.choices)
    decision = models.CharField(_("keputusan"), max_length=24, choices=Decision.choices)
    merged_into = models.ForeignKey(
        Usulan, verbose_name=_("digabung ke"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    agency = models.ForeignKey(
        Agency, verbose_name=_("perangkat daerah"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    redirect_target = models.CharField(_("dialihkan ke"), max_length=8, blank=True, choices=RedirectTarget.choices)
    activity = models.ForeignKey(
        Activity,
        verbose_name=_("dikaitkan dengan kegiatan Renstra"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    minutes = models.FileField(
        _("berita acara"),
        upload_to="musrenbang/berita-acara/%Y/",
        blank=True,
        help_text=_("PDF berita acara musyawarah yang memutuskan; tampil untuk publik."),
    )
    minutes_document = models.ForeignKey(
        Document,
        verbose_name=_("berita acara di Pustaka"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="minutes_of_usulan_decisions",
        help_text=_("Bila berita acara sudah terbit di Pustaka: tautan ke dokumen itu, tanpa mengunggah salinan."),
    )

    class Meta(StatusChange.Meta):
        verbose_name = _("keputusan usulan")
        verbose_name_plural = _("keputusan usulan")

    @property
    def role_label(self) -> str:
        if self.actor_role == CITIZEN_ROLE:
            return str(_("warga"))
        return str(Role(self.actor_role).label) if self.actor_role in Role.values else self.actor_role


class UsulanPhoto(models.Model):
    """A photo of the place, re-encoded on upload (no metadata, no location from the camera, at most 1600 px)."""

    usulan = models.ForeignKey(Usulan, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("foto"), upload_to="musrenbang/foto/%Y/")
    position = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("foto usulan")
        verbose_name_plural = _("foto usulan")

    def __str__(self) -> str:
        return self.image.name


class UsulanDocument(models.Model):
    """A document supporting the usulan (a proposal letter, a sketch, a cost estimate): PDF only, judged by its
    bytes, stored under a random name; its title is what the public reads."""

    usulan = models.ForeignKey(Usulan, on_delete=models.CASCADE, related_name="documents")
    file = models.FileField(_("berkas"), upload_to="musrenbang/dokumen/%Y/")
    title = models.CharField(_("judul"), max_length=120)
    size = models.PositiveIntegerField(_("ukuran (bita)"))
    position = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("dokumen usulan")
        verbose_name_plural = _("dokumen usulan")

    def __str__(self) -> str:
        return self.title


class Follow(models.Model):
    """Following ("Ikuti"): an e-mail to this person on every decision about the usulan."""

    usulan = models.ForeignKey(Usulan, on_delete=models.CASCADE, related_name="follows")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["usulan", "user"], name="unique_usulan_follow")]
        verbose_name = _("pengikut usulan")
        verbose_name_plural = _("pengikut usulan")

    def __str__(self) -> str:
        return f"{self.user} → {self.usulan_id}"


def import_file_path(instance, filename: str) -> str:
    # A random name: what the uploader called the file is kept apart (original_name), never used as a path.
    return f"musrenbang/impor/{uuid.uuid4().hex}.xlsx"


class UsulanImport(models.Model):
    """One upload of a desa's Musrenbang recap (XLSX): checked first (dry run), then imported in one
    transaction or not at all. Large files are checked and imported by the task worker; `rows_done` is
    the check's progress, shown on the import's page."""

    class Status(models.TextChoices):
        QUEUED = "menunggu", _("Sedang diperiksa")
        CHECKED = "diperiksa", _("Siap diimpor")
        IMPORTING = "mengimpor", _("Sedang diimpor")
        FAILED = "gagal", _("Gagal")
        DONE = "selesai", _("Selesai")

    RUNNING = (Status.QUEUED, Status.IMPORTING)

    cycle = models.ForeignKey(Cycle, verbose_name=_("tahun RKPD"), on_delete=models.CASCADE, related_name="+")
    desa = models.ForeignKey(Desa, verbose_name=_("desa/kelurahan"), on_delete=models.CASCADE, related_name="+")
    uploader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diunggah oleh"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    file = models.FileField(_("berkas"), storage=private_storage, upload_to=import_file_path)
    original_name = models.CharField(_("nama berkas"), max_length=120, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    total_rows = models.PositiveIntegerField(_("jumlah baris"), default=0)
    rows_done = models.PositiveIntegerField(_("baris diperiksa"), default=0)
    new_count = models.PositiveIntegerField(_("usulan baru"), default=0)
    unchanged_count = models.PositiveIntegerField(_("sudah ada"), default=0)
    # [{"row": 7, "column": "Volume", "message": "…"}]; row is None for what concerns the whole file.
    errors = models.JSONField(_("kesalahan"), default=list, blank=True)
    error_count = models.PositiveIntegerField(_("jumlah kesalahan"), default=0)
    # Rows whose key already names an usulan with another title: skipped, reported (same shape as errors).
    notes = models.JSONField(_("catatan"), default=list, blank=True)
    first_code = models.CharField(_("kode pertama"), max_length=24, blank=True)
    last_code = models.CharField(_("kode terakhir"), max_length=24, blank=True)
    created_at = models.DateTimeField(_("diunggah pada"), default=timezone.now)
    finished_at = models.DateTimeField(_("selesai pada"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["desa", "-created_at"])]
        verbose_name = _("impor rekap usulan")
        verbose_name_plural = _("impor rekap usulan")

    def __str__(self) -> str:
        return f"{self.desa} · {self.original_name}"

    def get_absolute_url(self) -> str:
        return reverse("musrenbang:import_detail", args=[self.pk])

    @property
    def running(self) -> bool:
        return self.status in self.RUNNING

    @property
    def percent(self) -> int:
        return round(100 * self.rows_done / self.total_rows) if self.total_rows else 0


class SipdSource(models.TextChoices):
    """What an SIPD export column holds: one of the usulan's exportable attributes."""

    CODE = "kode", _("Kode usulan")
    YEAR = "tahun", _("Tahun RKPD")
    KECAMATAN_CODE = "kode_kecamatan", _("Kode kecamatan")
    KECAMATAN = "kecamatan", _("Nama kecamatan")
    DESA_CODE = "kode_desa", _("Kode desa/kelurahan")
    DESA = "desa", _("Nama desa/kelurahan")
    ADDRESS = "alamat", _("Alamat (RT/RW, desa/kelurahan)")
    LATITUDE = "lintang", _("Lintang")
    LONGITUDE = "bujur", _("Bujur")
    COORDINATES = "koordinat", _("Koordinat (lintang, bujur)")
    PROBLEM = "permasalahan", _("Permasalahan")
    TITLE = "judul", _("Judul usulan")
    DESCRIPTION = "uraian", _("Uraian")
    KIND = "jenis", _("Jenis (fisik/barang/non-fisik)")
    FIELD = "bidang", _("Bidang")
    VOLUME = "volume", _("Volume")
    UNIT = "satuan", _("Satuan")
    COST = "biaya", _("Perkiraan biaya (Rp)")
    BENEFICIARIES = "manfaat", _("Manfaat untuk")
    ORIGIN = "asal", _("Asal usulan")
    PROPOSER = "pengusul", _("Pengusul")
    AGENCY = "perangkat_daerah", _("Perangkat daerah")
    PROGRAMME_CODE = "kode_program", _("Kode program Renstra")
    PROGRAMME = "program", _("Nama program Renstra")
    ACTIVITY_CODE = "kode_kegiatan", _("Kode kegiatan Renstra")
    ACTIVITY = "kegiatan", _("Nama kegiatan Renstra")
    RPJMD_PRIORITY = "prioritas_rpjmd", _("Prioritas RPJMD")
    DESA_PRIORITY = "prioritas_desa", _("Peringkat prioritas desa (P…)")
    STAGE = "tahap", _("Tahap")
    STATUS = "status", _("Status")
    ACCOMMODATION = "diakomodasi", _("Diakomodasi")
    LINK = "tautan", _("Tautan halaman usulan")


# The columns the SIPD export has while staff have configured none (the data migration puts the same list in the
# table for them to edit). Shaped after the usulan sheet entered in SIPD as we understand it; not checked against
# every SIPD version, hence configurable.
DEFAULT_SIPD_COLUMNS = [
    ("Kode Usulan", SipdSource.CODE),
    ("Tahun", SipdSource.YEAR),
    ("Kode Kecamatan", SipdSource.KECAMATAN_CODE),
    ("Kecamatan", SipdSource.KECAMATAN),
    ("Kode Kelurahan/Desa", SipdSource.DESA_CODE),
    ("Kelurahan/Desa", SipdSource.DESA),
    ("Alamat", SipdSource.ADDRESS),
    ("Koordinat", SipdSource.COORDINATES),
    ("Permasalahan", SipdSource.PROBLEM),
    ("Usulan", SipdSource.TITLE),
    ("Uraian", SipdSource.DESCRIPTION),
    ("Jenis", SipdSource.KIND),
    ("Bidang", SipdSource.FIELD),
    ("Volume", SipdSource.VOLUME),
    ("Satuan", SipdSource.UNIT),
    ("Perkiraan Anggaran", SipdSource.COST),
    ("Perangkat Daerah", SipdSource.AGENCY),
    ("Kode Program", SipdSource.PROGRAMME_CODE),
    ("Program", SipdSource.PROGRAMME),
    ("Kode Kegiatan", SipdSource.ACTIVITY_CODE),
    ("Kegiatan", SipdSource.ACTIVITY),
    ("Prioritas RPJMD", SipdSource.RPJMD_PRIORITY),
    ("Prioritas", SipdSource.DESA_PRIORITY),
    ("Tahap", SipdSource.STAGE),
    ("Status", SipdSource.STATUS),
]


class SipdColumn(models.Model):
    """One column of the XLSX exported for entry into SIPD: its header text and what it holds, in order."""

    order = models.PositiveSmallIntegerField(_("urutan"), default=0)
    header = models.CharField(_("judul kolom"), max_length=100)
    source = models.CharField(_("isi"), max_length=20, choices=SipdSource.choices)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("kolom ekspor SIPD")
        verbose_name_plural = _("kolom ekspor SIPD")

    def __str__(self) -> str:
        return self.header
