"""Events and groups for the agenda tests (the groups are made by a data migration, which a transactional
test's flush empties, hence get_or_create)."""

from datetime import timedelta

from django.utils import timezone

from agenda.models import Event, GroupQuota, ParticipantGroup

MEETING_URL = "https://zoom.example/j/8123456789?pwd=RahasiaPesertaSaja"
MEETING_DETAILS = "ID 812 345 6789, sandi 2045"
LIVESTREAM_URL = "https://youtube.example/live/musrenbang-kukar"


def group(name: str) -> ParticipantGroup:
    return ParticipantGroup.objects.get_or_create(name=name)[0]


def make_event(title="Musrenbang RKPD Kabupaten", *, capacity=4, quotas=None, days_ahead=10, **extra) -> Event:
    now = timezone.now()
    start = now + timedelta(days=days_ahead)
    fields = {
        "kind": Event.Kind.MUSRENBANG_KABUPATEN,
        "mode": Event.Mode.BOTH,
        "description": "Musyawarah rencana kerja pemerintah daerah; aspirasi warga ditampung.",
        "starts_at": start,
        "ends_at": start + timedelta(hours=3),
        "place": "Pendopo Odah Etam, Tenggarong",
        "livestream_url": LIVESTREAM_URL,
        "meeting_url": MEETING_URL,
        "meeting_details": MEETING_DETAILS,
        "registration_opens_at": now - timedelta(days=1),
        "registration_closes_at": start - timedelta(days=1),
        "capacity": capacity,
        "is_published": True,
        **extra,
    }
    event = Event.objects.create(title=title, **fields)
    for name, places in (quotas or {}).items():
        GroupQuota.objects.create(event=event, group=group(name), places=places)
    return event
