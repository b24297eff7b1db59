"""`kzbrief timeline`: events in date order with the sources that report them."""

from __future__ import annotations

from collections.abc import Iterator

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from kzbrief import query
from kzbrief.dates import display_date
from kzbrief.model import Event, SetParts

from .styles import badges, lit, source_styles


def timeline(bset: SetParts, events: list[Event], full: bool) -> Iterator[RenderableType]:
    if not events:
        yield Text("No events match.", style="italic")
        return
    table = Table(box=None, padding=(0, 1), show_edge=False, show_header=True)
    table.add_column("Date", no_wrap=True, style="bold")
    table.add_column("Event", ratio=1, overflow="fold")
    table.add_column("Reported by", overflow="fold")
    year = ""
    styles = source_styles(bset)
    for event in events:
        if event.date[:4] != year:
            year = event.date[:4]
            table.add_row(Text(year, style="bold reverse"), "", "")
        body = lit(event.title, "bold")
        if full:
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
        table.add_row(
            display_date(event.date), body, badges(bset, query.quote_sources(event.quotes))
        )
    yield table
    yield Text(f"{len(events)} events", style="dim")
