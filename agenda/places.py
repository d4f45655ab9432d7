"""How many places an event still has, and for whom. Places kept for a group stay empty for that group's
applicants until filled; the rest are open to everyone."""

from dataclasses import dataclass, field

from agenda.models import Application, Event, GroupQuota, ParticipantGroup


@dataclass
class GroupPlaces:
    group_id: int
    name: str
    kept: int = 0
    applied: int = 0
    selected: int = 0
    attended: int = 0

    @property
    def kept_open(self) -> int:
        return max(0, self.kept - self.selected)


@dataclass
class Places:
    capacity: int
    groups: dict[int, GroupPlaces] = field(default_factory=dict)

    @property
    def selected(self) -> int:
        return sum(group.selected for group in self.groups.values())

    @property
    def applied(self) -> int:
        return sum(group.applied for group in self.groups.values())

    @property
    def attended(self) -> int:
        return sum(group.attended for group in self.groups.values())

    @property
    def kept_open(self) -> int:
        return sum(group.kept_open for group in self.groups.values())

    @property
    def open_to_all(self) -> int:
        """Places anyone may still take: not taken, and not kept for a group."""
        return max(0, self.capacity - self.selected - self.kept_open)

    @property
    def free(self) -> int:
        return max(0, self.capacity - self.selected)

    def can_take(self, group_id: int) -> bool:
        if self.free == 0:
            return False
        group = self.groups.get(group_id)
        return bool(group and group.kept_open) or self.open_to_all > 0

    def take(self, group_id: int) -> None:
        self.groups.setdefault(group_id, GroupPlaces(group_id, "")).selected += 1

    def release(self, group_id: int) -> None:
        self.groups[group_id].selected -= 1

    def unfilled_groups(self) -> list[GroupPlaces]:
        """Groups whose kept places are still (partly) empty."""
        return [group for group in self.groups.values() if group.kept_open]


def places_for(event: Event) -> Places:
    """Two queries: the kept places per group and the applications per group and status."""
    places = Places(capacity=event.capacity)
    for quota in GroupQuota.objects.filter(event=event).select_related("group"):
        places.groups[quota.group_id] = GroupPlaces(quota.group_id, quota.group.name, kept=quota.places)
    counts = Application.objects.filter(event=event).counts_by_group()
    if counts:
        missing = set(counts) - set(places.groups)
        names = dict(ParticipantGroup.objects.filter(pk__in=missing).values_list("pk", "name")) if missing else {}
        for group_id, row in counts.items():
            group = places.groups.setdefault(group_id, GroupPlaces(group_id, names.get(group_id, "")))
            group.applied, group.selected, group.attended = row["applied"], row["selected"], row["attended"]
    return places
