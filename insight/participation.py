"""Participation: how many registered and took part over time, and where in the RPJPD they wrote."""

from itertools import accumulate

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from insight import people
from insight.figures import Block, Chart, Fact, Figure, Series, percent
from insight.periods import Period, bucket_label, buckets, count_per_bucket
from rpjpd.models import Reply, Section, Topic

BUSIEST = 10


def block(period: Period) -> Block:
    replies = Reply.objects.counted().filter(**period.contains("created_at"))
    registered = people.citizens().filter(date_joined__lte=period.end)
    totals = registered.aggregate(
        all=Count("pk"), new=Count("pk", filter=Q(**period.contains("date_joined"))) if period.start else Count("pk")
    )
    participant_count = people.participants(period).count()
    reply_count = replies.count()
    return Block(
        slug="partisipasi",
        title=_("Partisipasi"),
        facts=[
            Fact(_("Pengguna terdaftar"), totals["all"]),
            Fact(_("Mendaftar dalam periode ini"), totals["new"]),
            Fact(_("Peserta aktif (pernah menulis) dalam periode ini"), participant_count),
            Fact(_("Pengguna terdaftar yang aktif (%)"), percent(participant_count, totals["all"])),
            Fact(_("Tanggapan RPJPD dalam periode ini"), reply_count),
        ],
        figures=[
            growth_figure(period, registered),
            weekly_replies_figure(period, replies),
            sections_figure(period),
            *topics_figures(period),
        ],
    )


def growth_figure(period: Period, registered) -> Figure:
    """Registered users and active participants, each as a running total at the end of every bucket."""
    step = period.bucket
    joined = count_per_bucket(registered, "date_joined", step)
    first_posts = count_per_bucket(people.with_first_post().filter(first_post__lte=period.end), "first_post", step)
    earliest = min([*joined, *first_posts], default=None)
    shown = buckets(period, step, earliest=earliest)
    registered_totals = _running_totals(joined, shown)
    participant_totals = _running_totals(first_posts, shown)
    labels = [bucket_label(b, step) for b in shown]
    return Figure(
        slug="pertumbuhan",
        title=_("Pengguna terdaftar dan peserta aktif dari waktu ke waktu"),
        headers=[_("Bulan") if step == "month" else _("Minggu mulai"), _("Terdaftar"), _("Peserta aktif")],
        rows=[list(row) for row in zip(labels, registered_totals, participant_totals, strict=True)],
        chart=Chart(
            "columns",
            labels,
            [Series(_("Terdaftar"), registered_totals), Series(_("Peserta aktif"), participant_totals)],
        ),
        note=_(
            "Jumlah kumulatif pada akhir tiap %(step)s. Peserta aktif: pernah menulis tanggapan atau membuka "
            "konsultasi."
        )
        % {"step": _("bulan") if step == "month" else _("minggu")},
    )


def weekly_replies_figure(period: Period, replies) -> Figure:
    per_week = count_per_bucket(replies, "created_at", "week")
    shown = buckets(period, "week", earliest=min(per_week, default=None))
    counts = [per_week.get(week, 0) for week in shown]
    labels = [bucket_label(week, "week") for week in shown]
    return Figure(
        slug="tanggapan-per-minggu",
        title=_("Tanggapan per minggu"),
        headers=[_("Minggu mulai"), _("Tanggapan")],
        rows=[list(row) for row in zip(labels, counts, strict=True)],
        chart=Chart("columns", labels, [Series(_("Tanggapan"), counts)]),
        note=_("Paling banyak 52 minggu terakhir dari periode."),
    )


def sections_figure(period: Period) -> Figure:
    in_period = _reply_filter("topics__replies", period)
    sections = Section.objects.annotate(
        reply_count=Count("topics__replies", filter=in_period),
        people_count=Count("topics__replies__author", filter=in_period, distinct=True),
    ).order_by("order", "title")
    rows = [[s.title, s.reply_count, s.people_count] for s in sections]
    return Figure(
        slug="per-bagian",
        title=_("Tanggapan per bagian"),
        headers=[_("Bagian"), _("Tanggapan"), _("Penulis")],
        rows=rows,
        chart=Chart("bars", [r[0] for r in rows], [Series(_("Tanggapan"), [r[1] for r in rows])]),
    )


def topics_figures(period: Period) -> list[Figure]:
    in_period = _reply_filter("replies", period)
    topics = list(
        Topic.objects.select_related("section")
        .annotate(
            reply_count=Count("replies", filter=in_period),
            people_count=Count("replies__author", filter=in_period, distinct=True),
        )
        .order_by("-reply_count", "section__order", "order", "pk")
    )
    rows = [[t.title, t.section.title, t.reply_count, t.people_count] for t in topics]
    busiest = [t for t in topics if t.reply_count][:BUSIEST]
    return [
        Figure(
            slug="topik-teramai",
            title=_("Topik teramai"),
            headers=[_("Topik"), _("Tanggapan")],
            rows=[[t.title, t.reply_count] for t in busiest],
            chart=Chart("bars", [t.title for t in busiest], [Series(_("Tanggapan"), [t.reply_count for t in busiest])]),
            note=_("Sepuluh topik dengan tanggapan terbanyak dalam periode ini."),
        ),
        Figure(
            slug="per-topik",
            title=_("Tanggapan per topik"),
            headers=[_("Topik"), _("Bagian"), _("Tanggapan"), _("Penulis")],
            rows=rows,
        ),
    ]


def _reply_filter(prefix: str, period: Period) -> Q:
    lookups = {f"{prefix}__{key}": value for key, value in period.contains("created_at").items()}
    return Q(**{f"{prefix}__status": Reply.Status.VISIBLE}, **lookups)


def _running_totals(per_bucket: dict, shown: list) -> list[int]:
    """Running totals at each shown bucket, counting everything before the first one too."""
    before = sum(n for bucket, n in per_bucket.items() if bucket < shown[0])
    return list(accumulate((per_bucket.get(b, 0) for b in shown), initial=before))[1:]
