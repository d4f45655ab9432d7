"""Reach: where participants live and who they are — only from the frozen snapshot of closed months, only as
rounded counts of people who chose to say, and only where a breakdown cannot be solved back to a person
(insight/privacy.py, insight/services.py, docs/dashboard.md)."""

from datetime import date, timedelta

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import AgeGroup, Disability, Gender
from insight import periods, services
from insight.figures import Block, Chart, Fact, Figure, Series
from insight.periods import Period, day_label
from insight.privacy import MIN_GROUP, ROUNDING_NOTE, people_total, protect
from wilayah.models import Kecamatan

NOT_ANSWERED = ""
DEMOGRAPHICS = [
    ("jenis-kelamin", "gender", Gender, gettext_lazy("Jenis kelamin")),
    ("kelompok-umur", "age_group", AgeGroup, gettext_lazy("Kelompok umur")),
    ("disabilitas", "disability", Disability, gettext_lazy("Disabilitas")),
]


def block(period: Period) -> Block:
    snapshot = services.reach_snapshot_get_or_take(now=period.end)
    last_day = snapshot.data_until - timedelta(days=1)
    windows = snapshot.counts
    window, label = _window_for(period, windows, last_day)
    facts = [Fact(_("Data jangkauan sampai"), day_label(last_day))]
    if window is None:
        reason = _(
            "Rincian jangkauan tidak ditampilkan untuk periode pendek: angkanya akan berubah oleh tindakan satu "
            "orang. Lihat “Tahun ini” atau “Seluruh waktu”."
        )
        return _block(facts, [_withheld(reason)])
    facts.append(Fact(_("Peserta dalam rincian (%(window)s)") % {"window": label}, people_total(window["total"])))
    reason = _withholding_reason(period, windows, window)
    if reason:
        return _block(facts, [_withheld(reason)])
    kecamatan_figure, reached, kecamatan_count = kecamatan_breakdown(window)
    if kecamatan_figure.rows:
        facts.append(Fact(_("Kecamatan yang terjangkau"), f"{reached} / {kecamatan_count}"))
    return _block(facts, [kecamatan_figure, *demographic_figures(window)])


def _block(facts: list[Fact], figures: list[Figure]) -> Block:
    return Block(slug="jangkauan", title=_("Jangkauan"), facts=facts, figures=figures)


def _window_for(period: Period, windows: dict, last_day) -> tuple[dict | None, str]:
    """The snapshot window a period shows: all closed months, or the closed months of the year; none for the
    last 30 days (a month is too short: its figures would follow single people)."""
    if period.key == periods.ALL_TIME:
        return windows["all"], _("seluruh waktu sampai %(day)s") % {"day": day_label(last_day)}
    if period.key == periods.THIS_YEAR:
        start = windows["year"]["start"]
        first = day_label(date.fromisoformat(start))
        return windows["year"], _("%(first)s – %(last)s") % {"first": first, "last": day_label(last_day)}
    return None, ""


def _withholding_reason(period: Period, windows: dict, window: dict) -> str:
    if window["total"] < MIN_GROUP:
        return _("Rincian jangkauan baru ditampilkan bila sedikitnya %(n)s orang ikut serta.") % {"n": MIN_GROUP}
    if period.key == periods.THIS_YEAR:
        # The year's people are among all-time's: their difference is those who took part only in earlier
        # years. Both may be shown only if that difference is no one or a group of at least MIN_GROUP.
        before = windows["all"]["total"] - window["total"]
        if 0 < before < MIN_GROUP:
            return _(
                "Rincian tahun ini tidak ditampilkan: pesertanya kurang dari %(n)s orang lebih sedikit daripada "
                "“Seluruh waktu”, sehingga selisih keduanya akan menunjukkan orang-orang tertentu. Lihat “Seluruh "
                "waktu”."
            ) % {"n": MIN_GROUP}
    return ""


def _withheld(reason: str) -> Figure:
    return Figure(slug="rincian-jangkauan", title=_("Rincian jangkauan"), headers=[], rows=[], withheld=reason)


def kecamatan_breakdown(window: dict) -> tuple[Figure, int, int]:
    """The figure, the kecamatan reached and the kecamatan there are."""
    per_kecamatan = window["kecamatan"]
    kecamatan = list(Kecamatan.objects.order_by("name").values_list("pk", "name"))
    names = [name for _pk, name in kecamatan] + [_("Tidak mengisi kecamatan")]
    counts = [per_kecamatan.get(str(pk), 0) for pk, _name in kecamatan] + [per_kecamatan.get("", 0)]
    empty = {i for i, n in enumerate(counts[:-1]) if n == 0}
    title = _("Peserta per kecamatan")
    cells = protect(counts)
    if cells is None:
        return _unsolvable("per-kecamatan", title), len(kecamatan) - len(empty), len(kecamatan)
    figure = Figure(
        slug="per-kecamatan",
        title=title,
        headers=[_("Kecamatan"), _("Peserta")],
        rows=[[name, cell] for name, cell in zip(names, cells, strict=True)],
        chart=Chart("bars", names, [Series(_("Peserta"), cells)], highlighted=empty),
        note=_("Kecamatan tanpa peserta ditandai. ") + str(ROUNDING_NOTE),
        highlighted_rows=empty,
    )
    return figure, len(kecamatan) - len(empty), len(kecamatan)


def demographic_figures(window: dict) -> list[Figure]:
    figures = []
    for slug, field, choices, title in DEMOGRAPHICS:
        labels = [*choices.labels, _("Tidak menjawab")]
        heading = _("Peserta menurut %(what)s") % {"what": title.lower()}
        cells = protect([window[field].get(value, 0) for value in [*choices.values, NOT_ANSWERED]])
        if cells is None:
            figures.append(_unsolvable(slug, heading))
            continue
        figures.append(
            Figure(
                slug=slug,
                title=heading,
                headers=[title, _("Peserta")],
                rows=[[label, cell] for label, cell in zip(labels, cells, strict=True)],
                chart=Chart("bars", labels, [Series(_("Peserta"), cells)]),
                note=_("Hanya yang memilih mengisi profilnya. ") + str(ROUNDING_NOTE),
            )
        )
    return figures


def _unsolvable(slug: str, title: str) -> Figure:
    reason = _(
        "Tidak ditampilkan: dengan angka sebanyak ini, angka di bawah 5 dapat dihitung dari jumlah peserta yang "
        "diketahui umum."
    )
    return Figure(slug=slug, title=title, headers=[], rows=[], withheld=reason)
