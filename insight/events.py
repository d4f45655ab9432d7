"""Agenda: who applied for the public meetings, who was selected and who came — per event and per group.

These are counts of people (and the groups include "penyandang disabilitas"), so they follow the reach rules
(insight/privacy.py, docs/dashboard.md): only events that are over (their figures no longer move with one
person's action), every cell rounded to a multiple of 5 with 1–4 as "< 5", each column audited against its
exact total, and a breakdown of fewer than MIN_GROUP applicants is not shown. The kecamatan is the one the
application took from the applicant's profile. Three aggregate queries."""

from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from agenda.models import Application
from insight.figures import Block, Chart, Fact, Figure, Series
from insight.periods import Period
from insight.privacy import MIN_GROUP, ROUNDING_NOTE, people_total, protect

EVENTS_SHOWN = 20
COLUMNS = ("applied", "selected", "attended")


def _headers(first: str) -> list[str]:
    return [first, _("Mendaftar"), _("Terpilih"), _("Hadir")]


def _columns(rows: list[dict]) -> list[list] | None:
    """Each column protected on its own (every one has its exact total); None when any could be solved."""
    columns = [protect([row[name] for row in rows]) for name in COLUMNS]
    return None if any(column is None for column in columns) else columns


def _figure(slug: str, title: str, first: str, labels: list[str], rows: list[dict]) -> Figure:
    if sum(row["applied"] for row in rows) < MIN_GROUP:
        reason = _("Rincian baru ditampilkan bila sedikitnya %(n)s orang mendaftar.") % {"n": MIN_GROUP}
        return Figure(slug=slug, title=title, headers=[], rows=[], withheld=reason)
    columns = _columns(rows)
    if columns is None:
        reason = _(
            "Tidak ditampilkan: dengan angka sebanyak ini, angka di bawah 5 dapat dihitung dari jumlah pendaftar."
        )
        return Figure(slug=slug, title=title, headers=[], rows=[], withheld=reason)
    cells = list(zip(*columns, strict=True))
    return Figure(
        slug=slug,
        title=title,
        headers=_headers(first),
        rows=[[label, *row] for label, row in zip(labels, cells, strict=True)],
        chart=Chart(
            "bars",
            labels,
            [Series(header, list(column)) for header, column in zip(_headers(first)[1:], columns, strict=True)],
        ),
        note=str(ROUNDING_NOTE),
    )


def _figures_of(applications, *fields):
    return applications.values(*fields).annotate(
        applied=Count("pk"),
        selected=Count("pk", filter=Q(status=Application.Status.SELECTED)),
        attended=Count("pk", filter=Q(attended_at__isnull=False)),
    )


def block(period: Period) -> Block:
    finished = Application.objects.filter(
        **period.contains("event__starts_at"), event__ends_at__lt=timezone.now(), event__capacity__gt=0
    )
    per_event = list(
        _figures_of(finished, "event_id", "event__title", "event__starts_at").order_by("-event__starts_at", "event_id")[
            :EVENTS_SHOWN
        ]
    )
    per_group = list(_figures_of(finished, "group__name", "group__order").order_by("group__order", "group__name"))
    per_kecamatan = list(_figures_of(finished, "kecamatan__name").order_by(F("kecamatan__name").asc(nulls_last=True)))
    event_labels = [
        f"{row['event__title']} ({date_format(timezone.localtime(row['event__starts_at']), 'j M Y')})"
        for row in per_event
    ]
    return Block(
        slug="acara",
        title=_("Acara (Agenda)"),
        facts=[Fact(_("Pendaftar acara yang sudah selesai"), people_total(sum(row["applied"] for row in per_group)))],
        figures=[
            _figure(
                "peserta-per-acara",
                _("Pendaftar, peserta terpilih dan yang hadir per acara"),
                _("Acara"),
                event_labels,
                per_event,
            ),
            _figure(
                "peserta-per-kelompok",
                _("Pendaftar, peserta terpilih dan yang hadir per kelompok"),
                _("Kelompok"),
                [row["group__name"] for row in per_group],
                per_group,
            ),
            _figure(
                "peserta-per-kecamatan",
                _("Pendaftar, peserta terpilih dan yang hadir per kecamatan"),
                _("Kecamatan"),
                [row["kecamatan__name"] or _("Kecamatan tidak diisi") for row in per_kecamatan],
                per_kecamatan,
            ),
        ],
    )
