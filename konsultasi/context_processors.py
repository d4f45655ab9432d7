from functools import cached_property

from django.core.cache import caches

from konsultasi.models import EXPERTS_CACHE_KEY, Consultation, Expert


def expert_ids_by_user() -> dict[int, int]:
    """Every expert's user id → expert id, kept a minute in each worker: the header asks on every page whether
    the signed-in person is an expert, and there are only a few dozen of them."""
    experts = caches["pages"].get(EXPERTS_CACHE_KEY)
    if experts is None:
        experts = dict(Expert.objects.values_list("user_id", "pk"))
        caches["pages"].set(EXPERTS_CACHE_KEY, experts, 60)
    return experts


class ExpertInbox:
    """What the header shows an expert: how many consultations wait for their answer. Asked only when a
    template reads it; one COUNT for an expert, no query for anyone else."""

    def __init__(self, user):
        self.user = user

    @cached_property
    def waiting(self) -> int | None:
        if not self.user.is_authenticated:
            return None
        expert_id = expert_ids_by_user().get(self.user.pk)
        if expert_id is None:
            return None
        return Consultation.objects.filter(expert_id=expert_id, status=Consultation.Status.WAITING).count()


def expert_inbox(request):
    return {"expert_inbox": ExpertInbox(request.user)}
