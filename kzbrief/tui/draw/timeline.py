"""Timeline rows (date, title, who reports it) and an event's detail."""

from __future__ import annotations

from textual.content import Content

from kzbrief.dates import display_date, parse_date
from kzbrief.model import Event
from kzbrief.query import quote_sources
from kzbrief.tui.view import View

from .common import BLANK, MUTED, fit, heading, lit, prose, quote_lines, wrap

DATE_WIDTH = 14
MAX_CHIPS = 12
"""Beyond this many shown sources a row gives a count instead of one chip per source."""


def reporters(event: Event, view: View) -> Content:
    """One cell per shown source, in a fixed order: its letter when it reports the event."""
    reporting = set(quote_sources(event.quotes))
    shown = view.shown
    if len(shown) > MAX_CHIPS:
        count = sum(s in reporting for s in shown)
        return lit(f"{count:>3} src", MUTED)
    dot = lit("·", MUTED)
    return Content(" ").join(view.legend.chip(s) if s in reporting else dot for s in shown)


def year_row(year: str, count: int) -> Content:
    noun = "event" if count == 1 else "events"
    return lit(year, "bold $text-accent") + lit(f"  {count} {noun}", MUTED)


def date_width(events: list[Event]) -> int:
    return max((len(display_date(e.date)) for e in events), default=4)


ROW_MAX = 120
"""Widest a timeline row is laid out: past it the eye loses the row between title and letters."""


def event_row(event: Event, view: View, width: int, dates: int = DATE_WIDTH) -> Content:
    """One line: date, title (cut to fit; the detail shows it whole), who reports it.

    On a wide terminal the row stops at `ROW_MAX`, so the letters stay near the titles."""
    chips = reporters(event, view)
    room = min(width, ROW_MAX)
    title_width = max(8, room - dates - chips.cell_length - 2)
    title = fit(lit(" ".join(event.title.split())), title_width)
    row = fit(lit(display_date(event.date), MUTED), dates) + " " + title + " " + chips
    return fit(row, width)


def precision(date: str) -> str:
    try:
        parsed = parse_date(date)
    except ValueError:
        return ""
    known = "day" if parsed.day else "month" if parsed.month else "year"
    return f"known to the {known}" + (", approximate" if parsed.approximate else "")


def event_detail(event: Event, view: View, width: int) -> list[Content]:
    topics = {t.id: t.title for t in view.bset.topics}
    date = lit(display_date(event.date), "bold") + lit(f"  {precision(event.date)}", MUTED)
    lines = [date, *wrap(lit(event.title, "bold"), width)]
    if event.topics:
        names = " · ".join(topics.get(t, t) for t in event.topics)
        lines += wrap(lit(names, MUTED), width)
    lines += [BLANK, *wrap(prose(view, event.summary), width)]
    if event.note:
        lines += [
            BLANK,
            *wrap(lit("Note  ", "bold $text-warning") + prose(view, event.note), width),
        ]
    lines += [BLANK, *heading("Reported by", width)]
    hidden = 0
    order = {s: i for i, s in enumerate(view.legend.ids)}  # the one order of sources
    for source in sorted(quote_sources(event.quotes), key=lambda s: order.get(s, len(order))):
        if not view.shows(source):
            hidden += sum(q.source == source for q in event.quotes)
            continue
        lines.append(view.legend.badge(source))
        for quote in event.quotes:
            if quote.source == source:
                lines += quote_lines(quote, view, width)
    if hidden:
        noun = "quote" if hidden == 1 else "quotes"
        lines += [BLANK, lit(f"{hidden} {noun} from hidden sources (s to show them)", MUTED)]
    return lines
