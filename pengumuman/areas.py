"""Which kecamatan or desa a feed or embed asks for: `?kecamatan=` / `?desa=` with the Kemendagri code
(64.02.05.1001) or, for a unit without one, its number. An unknown unit is 404, never the whole region."""

from dataclasses import dataclass

from django.http import Http404

from wilayah.models import Desa, Kecamatan


@dataclass(frozen=True)
class Area:
    kecamatan: Kecamatan | None = None
    desa: Desa | None = None

    @property
    def query(self) -> str:
        if self.desa:
            return f"desa={unit_key(self.desa)}"
        if self.kecamatan:
            return f"kecamatan={unit_key(self.kecamatan)}"
        return ""

    def __str__(self) -> str:
        if self.desa:
            return f"{self.desa}, {self.desa.kecamatan.name}"
        if self.kecamatan:
            return f"Kecamatan {self.kecamatan.name}"
        return ""

    def filter(self, queryset):
        if self.desa:
            return queryset.for_desa(self.desa)
        if self.kecamatan:
            return queryset.for_kecamatan(self.kecamatan)
        return queryset


def unit_key(unit) -> str:
    return unit.code or str(unit.pk)


def _lookup(queryset, value: str):
    value = value.strip()[:30]
    lookup = {"pk": int(value)} if value.isdigit() else {"code": value}
    unit = queryset.filter(**lookup).first() if value else None
    if unit is None:
        raise Http404
    return unit


def area_from(params) -> Area:
    if desa := params.get("desa"):
        return Area(desa=_lookup(Desa.objects.select_related("kecamatan"), desa))
    if kecamatan := params.get("kecamatan"):
        return Area(kecamatan=_lookup(Kecamatan.objects.all(), kecamatan))
    return Area()
