"""The region's working days, the one calendar every deadline is counted on.

A day is a working day when it is one of the office's weekdays, is not a national public holiday or cuti
bersama (the `holidays` package, Indonesia, categories `public` and `government`), and no local decree says
otherwise (`CalendarChange`: a regional holiday closes a day, a cancelled cuti bersama opens one).

Day zero is the working day on which something counts as received: the day itself when it arrives on a working
day up to closing time (also before opening: it is there when the office opens), otherwise the next working
day. A deadline of n working days ends at closing time of the n-th working day after day zero, so a complaint
received on Friday at 17:00 with 5 working days is due at closing on the Monday a week later (day zero is Monday).
`working_days_between(a, b)` counts the working days after day zero of `a` up to day zero of `b`; something
answered at `b` was on time exactly when that count is at most n.
"""

from datetime import date, datetime, timedelta
from functools import lru_cache

import holidays
from django.conf import settings
from django.utils import timezone

from kalender.models import CalendarChange

NATIONAL_CATEGORIES = ("public", "government")  # `government` holds the cuti bersama of civil servants
# No deadline in the portal runs for years; a bound keeps a bad input from looping for long.
MAX_WORKING_DAYS = 3660


@lru_cache(maxsize=32)
def national_days_off(year: int) -> dict[date, str]:
    """Indonesia's public holidays and cuti bersama of one year, with their names in Indonesian."""
    return dict(holidays.country_holidays("ID", years=year, categories=NATIONAL_CATEGORIES, language="id"))


class WorkingCalendar:
    """The calendar as it stands now; reads the local changes once per year it is asked about."""

    def __init__(self) -> None:
        self._local: dict[int, dict[date, CalendarChange]] = {}

    def local_change(self, day: date) -> CalendarChange | None:
        if day.year not in self._local:
            changes = CalendarChange.objects.filter(day__year=day.year)
            self._local[day.year] = {change.day: change for change in changes}
        return self._local[day.year].get(day)

    def is_working_day(self, day: date) -> bool:
        change = self.local_change(day)
        if change is not None:
            return change.kind == CalendarChange.Kind.OPEN
        return day.weekday() in settings.OFFICE_WEEKDAYS and day not in national_days_off(day.year)

    def next_working_day(self, day: date) -> date:
        """The first working day after `day`."""
        for offset in range(1, 366):
            candidate = day + timedelta(days=offset)
            if self.is_working_day(candidate):
                return candidate
        raise ValueError(f"no working day in the year after {day}")

    def day_zero(self, moment: date | datetime) -> date:
        if isinstance(moment, datetime):
            local = _local_time(moment)
            day = local.date()
            if self.is_working_day(day) and local.time() <= settings.OFFICE_CLOSES:
                return day
            return self.next_working_day(day)
        return moment if self.is_working_day(moment) else self.next_working_day(moment)

    def add_working_days(self, moment: date | datetime, days: int) -> datetime:
        if not 0 <= days <= MAX_WORKING_DAYS:
            raise ValueError(f"working days must be between 0 and {MAX_WORKING_DAYS}, not {days}")
        day = self.day_zero(moment)
        for _ in range(days):
            day = self.next_working_day(day)
        return closing_time(day)

    def working_days_between(self, start: date | datetime, end: date | datetime) -> int:
        first, last = self.day_zero(start), self.day_zero(end)
        if last < first:
            return -self.working_days_between(end, start)
        count, day = 0, first
        while day < last:
            day = self.next_working_day(day)
            count += 1
        return count


def _local_time(moment: datetime) -> datetime:
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)  # naive times are the region's own (settings.TIME_ZONE)
    return timezone.localtime(moment)


def closing_time(day: date) -> datetime:
    """The moment the office closes on `day`, in the region's time zone."""
    return timezone.make_aware(datetime.combine(day, settings.OFFICE_CLOSES))


def is_working_day(day: date) -> bool:
    return WorkingCalendar().is_working_day(day)


def day_zero(moment: date | datetime) -> date:
    """The working day on which something received at `moment` starts to count (see the module's text)."""
    return WorkingCalendar().day_zero(moment)


def add_working_days(moment: date | datetime, days: int) -> datetime:
    """The deadline `days` working days after `moment`: closing time of that many working days after day zero."""
    return WorkingCalendar().add_working_days(moment, days)


def working_days_between(start: date | datetime, end: date | datetime) -> int:
    """Working days from day zero of `start` to day zero of `end` (negative when `end` comes first)."""
    return WorkingCalendar().working_days_between(start, end)
