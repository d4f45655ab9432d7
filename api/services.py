"""Writes of the API: issuing and revoking tokens, counting a token's requests, recording a decision once."""

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime

from django.db import IntegrityError, transaction
from django.db.models import Case, F, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.roles import Scope
from api.models import AgencyToken, ApiDecision
from api.tokens import new_token, secret_hash
from musrenbang import services as musrenbang_services
from musrenbang.models import Usulan, UsulanStatusChange
from perencanaan.models import Activity
from ruangrunding.refusals import Refused


class ApiRefused(Refused):
    """A refusal of the API itself; `status` is the HTTP status it is answered with."""

    status = 422


class KeyReused(ApiRefused):
    status = 409


def token_issue(*, token: AgencyToken, issued_by: User) -> str:
    """Save a new token (its agency and name filled in) and return the plain token: shown once, never stored."""
    prefix, secret, plain = new_token()
    token.prefix, token.secret_hash, token.issued_by = prefix, secret_hash(secret), issued_by
    token.save()
    return plain


def tokens_revoke(*, tokens: QuerySet) -> int:
    """Revoke tokens now: the next request with any of them is refused (401). The rows stay, with what they
    decided."""
    return tokens.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())


def token_rate_count(*, token: AgencyToken, now: datetime) -> int:
    """Count one request of `token` in the current minute and return the minute's count so far.

    The count is one UPDATE on the token's row (reading the row's old values, so two workers never lose an
    increment) and is read back inside the same transaction, under that row lock: every gunicorn worker and
    every server sees the same tally, whatever cache is configured."""
    window = now.replace(second=0, microsecond=0)
    with transaction.atomic():
        AgencyToken.objects.filter(pk=token.pk).update(
            rate_count=Case(When(rate_window=window, then=F("rate_count") + 1), default=Value(1)),
            rate_window=window,
            last_used_at=now,
        )
        return AgencyToken.objects.filter(pk=token.pk).values_list("rate_count", flat=True).get()


@dataclass(frozen=True)
class Recorded:
    status: int
    body: str  # JSON text
    replayed: bool


def request_fingerprint(*, code: str, payload: dict) -> str:
    canonical = json.dumps({"usulan": code, **payload}, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def _earlier(*, token: AgencyToken, key: str, fingerprint: str) -> Recorded | None:
    earlier = ApiDecision.objects.filter(token=token, key=key).first()
    if earlier is None:
        return None
    if earlier.fingerprint != fingerprint:
        raise KeyReused(
            _(
                "Idempotency-Key ini sudah dipakai untuk permintaan lain. Pakai kunci baru untuk setiap "
                "keputusan yang berbeda."
            ),
            field="Idempotency-Key",
        )
    return Recorded(earlier.status_code, earlier.response, replayed=True)


class _KeyTaken(Exception):
    pass


def decision_record(
    *,
    token: AgencyToken,
    key: str,
    usulan: Usulan,
    payload: dict,
    respond,
) -> Recorded:
    """Decide `usulan` for the token's agency (musrenbang.services.usulan_decide, with every rule it checks)
    once per `key`: the same key and request again get the stored response back; the same key with another
    request is refused (409). `payload` holds decision, reason, merged_into (a code), redirect_target,
    activity (a Renstra activity's code, of the token's agency) and last_change_id; `respond(change)` builds
    the response body (JSON text), stored with the key.

    The key's row is inserted before deciding, in the same transaction: a parallel twin of the request waits
    on the unique constraint until this one commits, then replays its response. A refused decision stores
    nothing (nothing happened), so the same key may be sent again once the cause is fixed."""
    fingerprint = request_fingerprint(code=usulan.code, payload=payload)
    earlier = _earlier(token=token, key=key, fingerprint=fingerprint)
    if earlier is not None:
        return earlier
    merged_into = None
    if payload.get("merged_into"):
        merged_into = Usulan.objects.filter(code=payload["merged_into"]).first()
        if merged_into is None:
            raise ApiRefused(
                _("Tidak ada usulan dengan kode %(code)s.") % {"code": payload["merged_into"]}, field="merged_into"
            )
    activity = None
    if payload.get("activity"):
        activity = Activity.objects.filter(code=payload["activity"], programme__agency_id=token.agency_id).first()
        if activity is None:
            raise ApiRefused(
                _("Tidak ada kegiatan Renstra dengan kode %(code)s di perangkat daerah Anda.")
                % {"code": payload["activity"]},
                field="activity",
            )
    try:
        with transaction.atomic():
            try:
                with transaction.atomic():
                    record = ApiDecision.objects.create(token=token, key=key, fingerprint=fingerprint)
            except IntegrityError:
                raise _KeyTaken from None
            change: UsulanStatusChange = musrenbang_services.usulan_decide(
                usulan=usulan,
                actor=None,  # no person: the agency's system, named on the timeline by its agency and role
                scope=Scope(agency_ids=frozenset({token.agency_id})),
                decision=payload["decision"],
                reason=payload.get("reason") or "",
                seen_change=payload.get("last_change_id"),
                merged_into=merged_into,
                redirect_target=payload.get("redirect_target") or "",
                activity=activity,
            )
            record.change = change
            record.response = respond(change)
            record.save(update_fields=["change", "response"])
    except _KeyTaken:
        # The twin committed first (the unique constraint made this request wait for it): its answer is ours.
        earlier = _earlier(token=token, key=key, fingerprint=fingerprint)
        if earlier is None:  # pragma: no cover - a committed row does not vanish
            raise
        return earlier
    return Recorded(record.status_code, record.response, replayed=False)
