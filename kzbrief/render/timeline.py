"""`kzbrief timeline`: events in date order with the sources that report them."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from rich.console import RenderableType
from rich.text import Text

from kzbrief.dates import display_date
from kzbrief.load.heads import EventLike
from kzbrief.model import Event, SetParts

from .grid import Column, Grid, Runs
from .styles import badge_maker, lit, source_styles


def timeline(bset: SetParts, events: Sequence[EventLike], full: bool) -> Iterator[RenderableType]:
    """The events by year; `full` adds summaries, quotes and notes: then `events` are
    whole `Event`s."""
    if not events:
        yield Text("No events match.", style="italic")
        return
    # The sources follow the title rather than fill a column of their own: the event's
    # text is then the last column, whole on a narrow terminal, and a table of two
    # columns stays a table down to about 40 cells.
    grid = Grid(Column("Date", style="bold"), Column("Event", flexible=True))
    year = "no year"  # no date starts with it
    styles = source_styles(bset) if full else {}
    badges = badge_maker(bset)
    for event in events:
        date = event.date
        if not date.startswith(year):
            year = date[:4]
            grid.add_heading(Text(year, style="bold reverse"))
        # Runs, not a Text: a 100× timeline has 6,600 rows. The title alone is bold.
        if event.quotes:
            reported = [q.source for q in event.quotes]
            title = Runs(((event.title, "bold"), ("  ", "")), badges(reported))
        else:
            title = Runs(((event.title, "bold"),))
        if full:
            assert isinstance(event, Event)
            grid.add_row(display_date(date), _in_full(title.text(), event, styles))
        else:
            grid.add_row(display_date(date), title)
    yield grid
    yield Text(f"{len(events)} events", style="dim")


def _in_full(body: Text, event: Event, styles: dict[str, str]) -> Text:
    """The title and badges, then the summary, quotes and note."""
    body.append("\n")
    body.append_text(lit(event.summary))
    for q in event.quotes:
        body.append("\n  “", style="dim")
        body.append_text(lit(q.quote, "italic"))
        body.append("” — ", style="dim")
        body.append(q.source, style=styles.get(q.source, ""))
    if event.note:
        body.append("\n  Note: ", style="bold")
        body.append_text(lit(event.note))
    return body
