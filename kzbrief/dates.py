"""Partial dates: ISO at the precision known, optionally approximate.

`2022`, `2022-03`, `2022-03-14`, each with an optional trailing `~`. They sort
by their earliest possible day (`sort_key`, which date ranges use). For reading in
order, `order_key` puts a less precise date after the precise ones of its period:
"2022-03" after every day of March 2022, "2022" after every month of 2022, where a
reader looks for "month unknown" rather than before January.
"""

from __future__ import annotations

import calendar
import re
from functools import lru_cache
from typing import NamedTuple

_DATE = re.compile(r"^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?(~?)$")
_MONTHS = (
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
)  # fmt: skip


class PartialDate(NamedTuple):
    year: int
    month: int = 0
    day: int = 0
    approximate: bool = False

    @property
    def sort_key(self) -> tuple[int, int, int]:
        return (self.year, self.month, self.day)

    @property
    def order_key(self) -> tuple[int, int, int]:
        """Where it reads in a chronology: after the dated events of its year (month)."""
        return (self.year, self.month or 13, self.day or 32)

    def display(self) -> str:
        """A compact human form: '14 Mar 2022', 'Mar 2022', '2022', with 'c.' when approximate."""
        if self.day:
            text = f"{self.day} {_MONTHS[self.month - 1]} {self.year}"
        elif self.month:
            text = f"{_MONTHS[self.month - 1]} {self.year}"
        else:
            text = str(self.year)
        return f"c. {text}" if self.approximate else text

    def iso(self) -> str:
        text = f"{self.year:04d}"
        if self.month:
            text += f"-{self.month:02d}"
        if self.day:
            text += f"-{self.day:02d}"
        return text + ("~" if self.approximate else "")


@lru_cache(maxsize=4096)  # a set's dates repeat: 6,600 events at 100× have 66 dates
def parse_date(text: str) -> PartialDate:
    """Parse a partial date, raising ValueError with a reason when it is not one."""
    match = _DATE.fullmatch(text)  # not `match`: its `$` accepts a final newline
    if match is None:
        raise ValueError("expected a date like 2022, 2022-03 or 2022-03-14, with an optional ~")
    year = int(match.group(1))
    month = int(match.group(2) or 0)
    day = int(match.group(3) or 0)
    if match.group(2) is not None and not 1 <= month <= 12:
        raise ValueError(f"month {month} is not 1..12")
    if match.group(3) is not None and not 1 <= day <= calendar.monthrange(year, month)[1]:
        raise ValueError(f"day {day} is not in {year}-{month:02d}")
    return PartialDate(year, month, day, bool(match.group(4)))


# Cached: a listing sorts thousands of events on a few dozen dates (parsing is most of a sort).
@lru_cache(maxsize=4096)
def date_key(text: str) -> tuple[int, int, int]:
    """Sort key for a date string; unparseable text sorts last rather than failing."""
    try:
        return parse_date(text).sort_key
    except ValueError:
        return (9999, 99, 99)


@lru_cache(maxsize=4096)
def order_key(text: str) -> tuple[int, int, int]:
    """Reading order for a date string (see `PartialDate.order_key`); unparseable last."""
    try:
        return parse_date(text).order_key
    except ValueError:
        return (9999, 99, 99)


@lru_cache(maxsize=4096)
def display_date(text: str) -> str:
    try:
        return parse_date(text).display()
    except ValueError:
        return text
