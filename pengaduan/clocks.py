"""The two clocks as a person reads them: "Respon awal paling lambat Senin, 23 Maret 2026 — dipenuhi 20 Maret
10.14". Reads only the complaint's own fields, so a list shows them without another query."""

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from pengaduan.models import Complaint


@dataclass
class Clock:
    label: str
    due: datetime | None
    met_at: datetime | None
    state: str  # "met", "late" (met after the deadline), "overdue", "running", "paused", "waiting" (not started)

    @property
    def text(self) -> str:
        if self.due is None:
            return _("%(label)s: dihitung setelah pengaduan diterima") % {"label": self.label}
        due = date_format(timezone.localtime(self.due), "l, j F Y")
        head = _("%(label)s paling lambat %(due)s") % {"label": self.label, "due": due}
        if self.met_at is not None:
            met = date_format(timezone.localtime(self.met_at), "j F H.i")
            tail = _("dipenuhi %(met)s") % {"met": met}
            if self.state == "late":
                tail += " " + _("(terlambat)")
        elif self.state == "overdue":
            tail = _("terlambat, belum dipenuhi")
        elif self.state == "paused":
            tail = _("dihentikan sementara, menunggu jawaban pelapor")
        else:
            tail = _("belum dipenuhi")
        return f"{head} — {tail}"

    @property
    def overdue(self) -> bool:
        return self.state in {"overdue", "late"}


def _state(complaint: Complaint, due, met_at, now) -> str:
    if due is None:
        return "waiting"
    if met_at is not None:
        return "late" if met_at > due else "met"
    if complaint.paused_at is not None:
        return "paused"
    return "overdue" if due < now else "running"


def clocks_of(complaint: Complaint, now: datetime | None = None) -> list[Clock]:
    now = now or timezone.now()
    final_label = (
        _("Respon akhir (lintas perangkat daerah, 5 hari kerja)") if complaint.final_days > 2 else _("Respon akhir")
    )
    return [
        Clock(
            _("Respon awal"),
            complaint.initial_due,
            complaint.initial_met_at,
            _state(complaint, complaint.initial_due, complaint.initial_met_at, now),
        ),
        Clock(
            final_label,
            complaint.final_due,
            complaint.final_met_at,
            _state(complaint, complaint.final_due, complaint.final_met_at, now),
        ),
    ]
