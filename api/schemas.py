"""What the API reads and answers, as pydantic schemas (they make the OpenAPI document too)."""

from datetime import datetime
from decimal import Decimal
from typing import Literal

from ninja import Field, Schema
from pydantic import ConfigDict, field_validator

from musrenbang.models import BENEFICIARY_FIELDS, Decision, RedirectTarget, Stage, Usulan, UsulanStatusChange
from ruangrunding.text import MULTI_LINE_FORBIDDEN, ONE_LINE_FORBIDDEN

# Decisions an agency takes at its forum; the service checks them against the stage again.
DecisionValue = Literal[tuple(d.value for d in Decision if d != Decision.PROPOSED)]  # type: ignore[valid-type]
REASON_MAX = 2000  # as on the site's decision form


class Error(Schema):
    detail: str = Field(description="Pesan dalam bahasa Indonesia, untuk ditampilkan ke pengguna.")
    field: str | None = Field(None, description="Nama isian yang harus diperbaiki, bila ada.")


class TimelineEntry(Schema):
    id: int
    at: datetime
    stage: str
    decision: str
    from_status: str
    to_status: str
    unit: str
    role: str
    reason: str
    merged_into: str | None
    agency: str | None
    redirect_target: str
    activity_code: str | None = Field(description="Kegiatan Renstra yang dikaitkan pada keputusan ini, bila ada.")


class UsulanOut(Schema):
    code: str
    url: str
    year: int
    origin: str
    title: str
    problem: str
    description: str
    kind: str
    field: str
    kecamatan: str
    kecamatan_code: str
    desa: str
    desa_code: str
    rw: int | None
    rt: int | None
    latitude: Decimal | None
    longitude: Decimal | None
    volume: Decimal
    unit: str
    estimated_cost: int
    beneficiaries: list[str]
    priority: int | None
    agency: str | None
    stage: str
    status: str
    accommodation: str
    redirect_target: str
    merged_into: str | None
    programme_code: str | None = Field(description="Kode program Renstra (bila diakomodasi dan dikaitkan).")
    activity_code: str | None = Field(description="Kode kegiatan Renstra tempat usulan ini ditampung.")
    activity: str | None = Field(description="Nama kegiatan Renstra.")
    decisions_available: list[str] = Field(
        description="Keputusan yang dapat dicatat token ini sekarang (kosong bila bukan gilirannya)."
    )
    created_at: datetime
    updated_at: datetime


class UsulanDetail(UsulanOut):
    photos: list[str]
    timeline: list[TimelineEntry]


PAGE_MAX = 200


class UsulanFilters(Schema):
    year: int | None = Field(None, description="Tahun RKPD")
    stage: Stage | None = Field(None, description="Tahap")
    changed_since: datetime | None = Field(
        None, description="Hanya yang berubah sesudah waktu ini (ISO 8601; tanpa zona waktu: WITA)"
    )
    cursor: str | None = Field(None, max_length=200, description="`next_cursor` halaman sebelumnya")
    limit: int = Field(100, ge=1, le=PAGE_MAX, description="Banyaknya usulan per halaman (paling banyak 200)")


class UsulanPage(Schema):
    items: list[UsulanOut]
    next_cursor: str | None = Field(description="Kirim sebagai `cursor` untuk halaman berikutnya; null: habis.")


class DecisionIn(Schema):
    model_config = ConfigDict(extra="forbid")

    decision: DecisionValue
    reason: str = Field("", max_length=REASON_MAX, description="Wajib bila ditolak. Tampil untuk publik.")
    merged_into: str | None = Field(None, max_length=24, description="Kode usulan tujuan bila digabung.")
    redirect_target: Literal[tuple(RedirectTarget.values)] | None = None  # type: ignore[valid-type]
    activity: str | None = Field(
        None,
        max_length=40,
        description="Kode kegiatan Renstra perangkat daerah Anda yang menampung usulan ini (mis. 1.03.10.2.01). "
        "Wajib saat diakomodasi bila Renstra perangkat daerah Anda sudah ada di portal.",
    )
    last_change_id: int | None = Field(
        None,
        description="`id` entri riwayat terakhir yang dilihat sistem Anda; bila orang lain memutuskan sesudahnya, "
        "keputusan ini ditolak (409).",
    )

    @field_validator("reason")
    @classmethod
    def reason_has_no_control_characters(cls, value: str) -> str:
        if MULTI_LINE_FORBIDDEN.search(value):
            raise ValueError("control_characters")
        return value

    @field_validator("merged_into", "activity")
    @classmethod
    def code_is_one_line(cls, value: str | None) -> str | None:
        if value is not None and ONE_LINE_FORBIDDEN.search(value):
            raise ValueError("control_characters")
        return value.strip() if value else value


class Decided(Schema):
    usulan: UsulanOut
    decision: TimelineEntry


def timeline_entry(change: UsulanStatusChange) -> dict:
    return {
        "id": change.pk,
        "at": change.at,
        "stage": change.stage,
        "decision": change.decision,
        "from_status": change.from_status,
        "to_status": change.to_status,
        "unit": change.unit,
        "role": change.actor_role,
        "reason": change.note,
        "merged_into": change.merged_into.code if change.merged_into_id else None,
        "agency": change.agency.name if change.agency_id else None,
        "redirect_target": change.redirect_target,
        "activity_code": change.activity.code if change.activity_id else None,
    }


def usulan_out(usulan: Usulan, *, request, agency_id: int) -> dict:
    deciding_here = usulan.stage == Stage.FORUM_PD and usulan.agency_id == agency_id and usulan.awaits_decision
    return {
        "code": usulan.code,
        "url": request.build_absolute_uri(usulan.get_absolute_url()),
        "year": usulan.cycle.year,
        "origin": usulan.origin,
        "title": usulan.title,
        "problem": usulan.problem,
        "description": usulan.description,
        "kind": usulan.kind,
        "field": usulan.field.name,
        "kecamatan": usulan.kecamatan.name,
        "kecamatan_code": usulan.kecamatan.code,
        "desa": usulan.desa.name,
        "desa_code": usulan.desa.code,
        "rw": usulan.rw,
        "rt": usulan.rt,
        "latitude": usulan.latitude,
        "longitude": usulan.longitude,
        "volume": usulan.volume,
        "unit": usulan.unit,
        "estimated_cost": usulan.estimated_cost,
        "beneficiaries": [group.value for group, name in BENEFICIARY_FIELDS.items() if getattr(usulan, name)],
        "priority": usulan.priority,
        "agency": usulan.agency.name if usulan.agency_id else None,
        "stage": usulan.stage,
        "status": usulan.status,
        "accommodation": usulan.accommodation,
        "redirect_target": usulan.redirect_target,
        "merged_into": usulan.merged_into.code if usulan.merged_into_id else None,
        "programme_code": usulan.activity.programme.code if usulan.activity_id else None,
        "activity_code": usulan.activity.code if usulan.activity_id else None,
        "activity": usulan.activity.name if usulan.activity_id else None,
        "decisions_available": usulan.decisions_here if deciding_here else [],
        "created_at": usulan.created_at,
        "updated_at": usulan.updated_at,
    }
