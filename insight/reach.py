"""Reach: where participants live and who they are, only as protected counts of people who chose to say."""

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import AgeGroup, Disability, Gender, Kecamatan
from insight import people
from insight.figures import Block, Chart, Fact, Figure, Series
from insight.periods import Period
from insight.privacy import MASKED_NOTE, protect

NOT_ANSWERED = ""
DEMOGRAPHICS = [
    ("jenis-kelamin", "gender", Gender, gettext_lazy("Jenis kelamin")),
    ("kelompok-umur", "age_group", AgeGroup, gettext_lazy("Kelompok umur")),
    ("disabilitas", "disability", Disability, gettext_lazy("Disabilitas")),
]


def block(period: Period) -> Block:
    participants = people.participants(period)
    kecamatan_figure, total, reached, kecamatan_count = kecamatan_breakdown(participants)
    return Block(
        slug="jangkauan",
        title=_("Jangkauan"),
        facts=[
            Fact(_("Peserta aktif dalam periode ini"), total),
            Fact(_("Kecamatan yang terjangkau"), f"{reached} / {kecamatan_count}"),
        ],
        figures=[kecamatan_figure, *demographic_figures(participants)],
    )


def kecamatan_breakdown(participants) -> tuple[Figure, int, int, int]:
    """The figure, the participants in all, the kecamatan reached and the kecamatan there are."""
    per_kecamatan = dict(participants.order_by().values_list("kecamatan").annotate(n=Count("pk")))
    kecamatan = list(Kecamatan.objects.order_by("name").values_list("pk", "name"))
    names = [name for _pk, name in kecamatan] + [_("Tidak mengisi kecamatan")]
    counts = [per_kecamatan.get(pk, 0) for pk, _name in kecamatan] + [per_kecamatan.get(None, 0)]
    cells = protect(counts)
    empty = {i for i, n in enumerate(counts[:-1]) if n == 0}
    figure = Figure(
        slug="per-kecamatan",
        title=_("Peserta per kecamatan"),
        headers=[_("Kecamatan"), _("Peserta")],
        rows=[[name, cell] for name, cell in zip(names, cells, strict=True)],
        chart=Chart("bars", names, [Series(_("Peserta"), cells)], highlighted=empty),
        note=_("Kecamatan tanpa peserta ditandai. ") + _("Angka 1–4 ditulis “< 5”. ") + str(MASKED_NOTE),
        highlighted_rows=empty,
    )
    return figure, sum(counts), len(kecamatan) - len(empty), len(kecamatan)


def demographic_figures(participants) -> list[Figure]:
    """Gender, age group and disability in one query: a conditional count per answer, and one for no answer."""
    counts = participants.aggregate(
        **{
            f"{field}:{value}": Count("pk", filter=Q(**{field: value}))
            for _slug, field, choices, _title in DEMOGRAPHICS
            for value in [*choices.values, NOT_ANSWERED]
        }
    )
    figures = []
    for slug, field, choices, title in DEMOGRAPHICS:
        labels = [*choices.labels, _("Tidak menjawab")]
        cells = protect([counts[f"{field}:{value}"] for value in [*choices.values, NOT_ANSWERED]])
        figures.append(
            Figure(
                slug=slug,
                title=_("Peserta menurut %(what)s") % {"what": title.lower()},
                headers=[title, _("Peserta")],
                rows=[[label, cell] for label, cell in zip(labels, cells, strict=True)],
                chart=Chart("bars", labels, [Series(_("Peserta"), cells)]),
                note=_("Hanya yang memilih mengisi profilnya; angka 1–4 ditulis “< 5”. ") + str(MASKED_NOTE),
            )
        )
    return figures
