import pytest
from django.core.exceptions import ImproperlyConfigured

from ruangrunding.env import env_time, env_weekdays


def test_office_weekdays_read_ranges_and_lists(monkeypatch):
    monkeypatch.setenv("OFFICE_WEEKDAYS", "1-5")
    assert env_weekdays("OFFICE_WEEKDAYS", "1-5") == (0, 1, 2, 3, 4)
    monkeypatch.setenv("OFFICE_WEEKDAYS", "1,2,3,4,5,6")
    assert env_weekdays("OFFICE_WEEKDAYS", "1-5") == (0, 1, 2, 3, 4, 5)


@pytest.mark.parametrize("value", ["senin", "0-4", "1-8", "5-1"])
def test_bad_office_weekdays_stop_the_process(monkeypatch, value):
    monkeypatch.setenv("OFFICE_WEEKDAYS", value)
    with pytest.raises(ImproperlyConfigured):
        env_weekdays("OFFICE_WEEKDAYS", "1-5")


def test_bad_office_hours_stop_the_process(monkeypatch):
    monkeypatch.setenv("OFFICE_CLOSES", "jam empat")
    with pytest.raises(ImproperlyConfigured):
        env_time("OFFICE_CLOSES", "16:00")
    monkeypatch.setenv("OFFICE_CLOSES", "16:30")
    assert env_time("OFFICE_CLOSES", "16:00").minute == 30
