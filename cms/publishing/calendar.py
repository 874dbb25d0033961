"""Working days (Decree 43/2011 Art. 17): weekends and Vietnamese public holidays, from data."""

import datetime
from functools import lru_cache
from pathlib import Path

import yaml

HOLIDAY_FILE = Path(__file__).parent / "holidays.yaml"
SATURDAY = 5


@lru_cache(maxsize=1)
def _calendar():
    with open(HOLIDAY_FILE, encoding="utf-8") as handle:
        years = yaml.safe_load(handle)
    days_off, working = set(), set()
    for year in years.values():
        working.update(year.get("working_days", []))
        days_off.update(year.get("days_off", []))
        for holiday in year["holidays"]:
            days_off.add(holiday["date"])
        for holiday in year["holidays"]:
            if holiday.get("substitute", True) and holiday["date"].weekday() >= SATURDAY:
                days_off.add(_next_free_weekday(holiday["date"], days_off))
    return frozenset(days_off), frozenset(working), frozenset(years)


def _next_free_weekday(day, taken):
    day += datetime.timedelta(days=1)
    while day.weekday() >= SATURDAY or day in taken:
        day += datetime.timedelta(days=1)
    return day


def covered_years():
    return sorted(_calendar()[2])


def is_working_day(day):
    days_off, working, _years = _calendar()
    if day in working:
        return True
    return day.weekday() < SATURDAY and day not in days_off


def add_working_days(start, count):
    """The count-th working day after start (start itself is not counted)."""
    day = start
    remaining = count
    while remaining > 0:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day


def working_days_between(start, end):
    """Working days after start up to and including end (0 if end is not after start)."""
    count, day = 0, start
    while day < end:
        day += datetime.timedelta(days=1)
        count += is_working_day(day)
    return count
