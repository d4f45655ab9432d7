"""Konsultasi: how many were opened, with whom, and how quickly and well experts answered."""

from datetime import timedelta

from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, Q
from django.utils.translation import gettext as _

from insight.aggregates import Median
from insight.figures import Block, Chart, Fact, Figure, Series, percent
from insight.periods import Period, bucket_label, buckets, count_per_bucket
from konsultasi.models import Consultation, Expert, Field

ANSWER_TARGET = timedelta(days=3)


def _wait(prefix: str = ""):
    return ExpressionWrapper(F(f"{prefix}first_answer_at") - F(f"{prefix}created_at"), output_field=DurationField())


def block(period: Period) -> Block:
    opened = Consultation.objects.filter(**period.contains("created_at"))
    # A consultation opened less than three days ago and not yet answered may still make the target, so it
    # is left out of the share rather than counted as missed.
    judged = Q(first_answer_at__isnull=False) | Q(created_at__lte=period.end - ANSWER_TARGET)
    in_time = Q(first_answer_at__lte=F("created_at") + ANSWER_TARGET)
    summary = opened.aggregate(
        opened=Count("pk"),
        answered=Count("pk", filter=Q(first_answer_at__isnull=False)),
        judged=Count("pk", filter=judged),
        in_time=Count("pk", filter=in_time),
        median_wait=Median(_wait()),
        rating_average=Avg("rating"),
        rated=Count("rating"),
    )
    return Block(
        slug="konsultasi",
        title=_("Konsultasi"),
        facts=[
            Fact(_("Konsultasi dibuka"), summary["opened"]),
            Fact(_("Sudah dijawab"), summary["answered"]),
            Fact(_("Median waktu sampai jawaban pertama"), hours_text(summary["median_wait"])),
            Fact(_("Dijawab dalam 3 hari (%)"), percent(summary["in_time"], summary["judged"])),
            Fact(_("Rata-rata penilaian (1–5)"), _rounded(summary["rating_average"])),
            Fact(_("Jumlah penilaian"), summary["rated"]),
        ],
        figures=[opened_figure(period, opened), fields_figure(period), experts_figure(period)],
    )


def opened_figure(period: Period, opened) -> Figure:
    step = period.bucket
    per_bucket = count_per_bucket(opened, "created_at", step)
    shown = buckets(period, step, earliest=min(per_bucket, default=None))
    labels = [bucket_label(b, step) for b in shown]
    counts = [per_bucket.get(b, 0) for b in shown]
    return Figure(
        slug="konsultasi-dibuka",
        title=_("Konsultasi dibuka per bulan") if step == "month" else _("Konsultasi dibuka per minggu"),
        headers=[_("Bulan") if step == "month" else _("Minggu mulai"), _("Dibuka")],
        rows=[list(row) for row in zip(labels, counts, strict=True)],
        chart=Chart("columns", labels, [Series(_("Dibuka"), counts)]),
    )


def fields_figure(period: Period) -> Figure:
    in_period = Q(**{f"experts__consultations__{k}": v for k, v in period.contains("created_at").items()})
    fields = Field.objects.annotate(n=Count("experts__consultations", filter=in_period, distinct=True)).order_by(
        "-n", "name"
    )
    rows = [[field.name, field.n] for field in fields]
    return Figure(
        slug="per-bidang",
        title=_("Konsultasi per bidang keahlian"),
        headers=[_("Bidang"), _("Konsultasi")],
        rows=rows,
        chart=Chart("bars", [r[0] for r in rows], [Series(_("Konsultasi"), [r[1] for r in rows])]),
        note=_("Satu konsultasi dihitung pada setiap bidang pakarnya."),
    )


def experts_figure(period: Period) -> Figure:
    in_period = Q(**{f"consultations__{k}": v for k, v in period.contains("created_at").items()})
    experts = Expert.objects.annotate(
        opened=Count("consultations", filter=in_period),
        answered=Count("consultations", filter=in_period & Q(consultations__first_answer_at__isnull=False)),
        closed=Count("consultations", filter=in_period & Q(consultations__status=Consultation.Status.CLOSED)),
        median_wait=Median(_wait("consultations__"), filter=in_period),
        rating_average=Avg("consultations__rating", filter=in_period),
    ).order_by("-opened", "full_name")
    rows = [_expert_row(e) for e in experts]
    return Figure(
        slug="per-pakar",
        title=_("Konsultasi per pakar"),
        headers=[
            _("Pakar"),
            _("Lembaga"),
            _("Dibuka"),
            _("Dijawab"),
            _("Selesai"),
            _("Median jawaban pertama"),
            _("Rata-rata penilaian"),
        ],
        rows=rows,
        chart=Chart("bars", [r[0] for r in rows], [Series(_("Dibuka"), [r[2] for r in rows])]),
    )


def _expert_row(expert: Expert) -> list:
    counts = [expert.opened, expert.answered, expert.closed]
    quality = [hours_text(expert.median_wait), _rounded(expert.rating_average)]
    return [expert.full_name, expert.institution, *counts, *quality]


def hours_text(wait: timedelta | None) -> str | None:
    """A waiting time as people say it: "5 jam", "2,5 hari"."""
    if wait is None:
        return None
    hours = wait.total_seconds() / 3600
    if hours < 48:
        return _("%(n)s jam") % {"n": _decimal(hours)}
    return _("%(n)s hari") % {"n": _decimal(hours / 24)}


def _decimal(value: float) -> str:
    return f"{value:.1f}".replace(".", ",").removesuffix(",0")


def _rounded(value: float | None) -> float | None:
    return round(value, 1) if value is not None else None
