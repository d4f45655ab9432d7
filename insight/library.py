"""Pustaka: which documents people download, and what they searched for and did not find."""

from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from insight.figures import Block, Chart, Fact, Figure, Series
from insight.periods import Period
from pustaka.models import DownloadTally, UnfoundSearch

TOP_DOCUMENTS = 10
TOP_UNFOUND = 20


def _days(period: Period) -> dict:
    days = {"day__lte": timezone.localtime(period.end).date()}
    if period.start_day:
        days["day__gte"] = period.start_day
    return days


def block(period: Period) -> Block:
    downloads = DownloadTally.objects.filter(**_days(period))
    unfound = UnfoundSearch.objects.filter(**_days(period))
    top_documents = list(
        downloads.values("document_id", "document__title", "document__year")
        .annotate(n=Sum("count"))
        .order_by("-n", "document__title")[:TOP_DOCUMENTS]
    )
    top_unfound = list(unfound.values("term").annotate(n=Sum("count")).order_by("-n", "term")[:TOP_UNFOUND])
    totals = {
        "downloads": downloads.aggregate(n=Sum("count"))["n"] or 0,
        "unfound": unfound.aggregate(n=Sum("count"))["n"] or 0,
    }
    document_titles = [f"{row['document__title']} ({row['document__year']})" for row in top_documents]
    return Block(
        slug="pustaka",
        title=_("Pustaka"),
        facts=[
            Fact(_("Unduhan dalam periode ini"), totals["downloads"]),
            Fact(_("Pencarian tanpa hasil"), totals["unfound"]),
        ],
        figures=[
            Figure(
                slug="paling-diunduh",
                title=_("Dokumen paling banyak diunduh"),
                headers=[_("Dokumen"), _("Unduhan")],
                rows=[[title, row["n"]] for title, row in zip(document_titles, top_documents, strict=True)],
                chart=Chart("bars", document_titles, [Series(_("Unduhan"), [row["n"] for row in top_documents])]),
            ),
            Figure(
                slug="pencarian-tanpa-hasil",
                title=_("Yang dicari warga tetapi tidak ditemukan"),
                headers=[_("Kata kunci"), _("Berapa kali")],
                rows=[[row["term"], row["n"]] for row in top_unfound],
                note=_(
                    "Dua puluh kata kunci teratas yang tidak menemukan dokumen apa pun (tanpa saringan). Yang dicatat "
                    "hanya kata kuncinya, tanpa identitas pencari; angka panjang dan alamat e-mail tidak dicatat."
                ),
            ),
        ],
    )
