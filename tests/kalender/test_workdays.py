"""Working days on real 2026 dates: national holidays and cuti bersama, local decrees, office hours."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from kalender.models import CalendarChange
from kalender.workdays import (
    WorkingCalendar,
    add_working_days,
    day_zero,
    is_working_day,
    national_days_off,
    working_days_between,
)

pytestmark = pytest.mark.django_db
WITA = ZoneInfo("Asia/Makassar")


def wita(year, month, day, hour=10, minute=0):
    return datetime(year, month, day, hour, minute, tzinfo=WITA)


def test_idul_fitri_week_with_its_cuti_bersama_is_closed_from_wednesday_to_tuesday():
    # 18 Mar cuti bersama Nyepi, 19 Nyepi, 20 cuti bersama, 21–22 Idul Fitri (weekend), 23–24 cuti bersama.
    closed = [date(2026, 3, day) for day in range(18, 25)]
    assert [is_working_day(day) for day in closed] == [False] * 7
    assert is_working_day(date(2026, 3, 17)) and is_working_day(date(2026, 3, 25))
    assert add_working_days(wita(2026, 3, 17), 1) == wita(2026, 3, 25, 16)
    assert add_working_days(wita(2026, 3, 17), 3) == wita(2026, 3, 27, 16)


def test_nyepi_is_a_national_holiday_by_name():
    assert "Nyepi" in national_days_off(2026)[date(2026, 3, 19)]
    assert not is_working_day(date(2026, 3, 19))


def test_christmas_eve_cuti_bersama_and_christmas_push_a_deadline_past_the_weekend():
    assert not is_working_day(date(2026, 12, 24)) and not is_working_day(date(2026, 12, 25))
    assert add_working_days(wita(2026, 12, 23), 1) == wita(2026, 12, 28, 16)


def test_a_local_holiday_added_by_staff_closes_the_day():
    hari_jadi = date(2026, 9, 28)  # a Monday
    assert is_working_day(hari_jadi)
    assert add_working_days(wita(2026, 9, 25), 1) == wita(2026, 9, 28, 16)
    CalendarChange.objects.create(
        day=hari_jadi, kind=CalendarChange.Kind.CLOSED, name="Hari Jadi Kota Tenggarong", decree="Kep. Bupati 1/2026"
    )
    assert not is_working_day(hari_jadi)
    assert add_working_days(wita(2026, 9, 25), 1) == wita(2026, 9, 29, 16)


def test_a_cancelled_cuti_bersama_opens_the_day():
    CalendarChange.objects.create(
        day=date(2026, 12, 24), kind=CalendarChange.Kind.OPEN, name="Cuti bersama dibatalkan", decree="SE 2/2026"
    )
    assert is_working_day(date(2026, 12, 24))
    assert add_working_days(wita(2026, 12, 23), 1) == wita(2026, 12, 24, 16)


def test_friday_after_closing_counts_from_monday():
    friday_late = wita(2026, 11, 20, 17)
    assert day_zero(friday_late) == date(2026, 11, 23)
    assert add_working_days(friday_late, 5) == wita(2026, 11, 30, 16)


def test_friday_before_closing_counts_from_friday():
    assert day_zero(wita(2026, 11, 20, 15, 59)) == date(2026, 11, 20)
    assert add_working_days(wita(2026, 11, 20, 15, 59), 5) == wita(2026, 11, 27, 16)
    assert add_working_days(wita(2026, 11, 20, 7), 0) == wita(2026, 11, 20, 16)  # before opening: same day


def test_moments_in_another_time_zone_are_read_in_the_regions():
    # 08:30 UTC is 16:30 WITA: after closing.
    assert day_zero(datetime(2026, 11, 18, 8, 30, tzinfo=ZoneInfo("UTC"))) == date(2026, 11, 19)


def test_a_weekend_arrival_counts_from_the_next_working_day():
    assert day_zero(wita(2026, 11, 21)) == date(2026, 11, 23)
    assert day_zero(date(2026, 11, 22)) == date(2026, 11, 23)


def test_office_weekdays_and_hours_come_from_settings(settings):
    settings.OFFICE_WEEKDAYS = (0, 1, 2, 3, 4, 5)  # a six-day office
    settings.OFFICE_CLOSES = datetime(2000, 1, 1, 14).time()
    assert is_working_day(date(2026, 11, 21))
    assert day_zero(wita(2026, 11, 20, 14, 30)) == date(2026, 11, 21)
    assert add_working_days(wita(2026, 11, 20, 9), 1) == wita(2026, 11, 21, 14)


def test_working_days_between_agrees_with_the_deadline():
    received = wita(2026, 3, 16, 11)
    for days in range(0, 12):
        deadline = add_working_days(received, days)
        assert working_days_between(received, deadline) == days
        assert working_days_between(received, deadline + timedelta(minutes=1)) == days + 1  # late
        assert working_days_between(deadline, received) == -days


def test_working_days_between_counts_across_idul_fitri():
    assert working_days_between(date(2026, 3, 16), date(2026, 3, 27)) == 4  # 17, 25, 26, 27


def test_one_calendar_reads_local_changes_once_per_year(django_assert_num_queries):
    calendar = WorkingCalendar()
    with django_assert_num_queries(2):
        calendar.add_working_days(wita(2026, 12, 1), 40)  # runs into 2027


def test_a_negative_or_absurd_number_of_days_is_refused():
    with pytest.raises(ValueError):
        add_working_days(wita(2026, 11, 20), -1)
    with pytest.raises(ValueError):
        add_working_days(wita(2026, 11, 20), 10**6)
