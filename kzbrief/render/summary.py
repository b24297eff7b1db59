"""`kzbrief summary`: the question, bottom line, sources and topics."""

from __future__ import annotations

from collections.abc import Iterator

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from kzbrief import query
from kzbrief.model import BriefingSet, Claim, Topic
from kzbrief.text import attested

from .styles import badges, heading, lit


def claims(bset: BriefingSet, items: list[Claim]) -> Table:
    table = Table.grid(padding=(0, 1))
    table.add_column(width=1)
    table.add_column(ratio=1)
    for claim in items:
        line = lit(claim.text)
        line.append("  ")
        line.append_text(badges(bset, claim.sources))
        table.add_row("•", line)
    return table


def summary(bset: BriefingSet, topic: Topic | None) -> Iterator[RenderableType]:
    b = bset.briefing
    yield lit(b.title, "bold")
    yield Text.assemble(("Question: ", "bold"), lit(b.question))
    yield Text.assemble(("As of: ", "bold"), lit(b.as_of), ("   Scope: ", "bold"), lit(b.scope))
    yield ""
    yield heading(f"Topic: {topic.title}" if topic else "Bottom line")
    yield claims(bset, topic.summary if topic else b.bottom_line)
    yield ""
    yield heading("Sources")
    table = Table(box=None, padding=(0, 1), show_edge=False)
    for name in ("Source", "Date", "Genre", "Thesis"):
        table.add_column(name, overflow="fold")
    for s in query.sources_by_date(bset):
        table.add_row(
            badges(bset, [s.id]), lit(attested(s.date)), lit(s.genre.value), lit(s.thesis)
        )
    yield table
    yield ""
    counts = query.topic_counts(bset)
    yield heading("Topics")
    topics = Table(box=None, padding=(0, 1), show_edge=False)
    for name in ("Topic", "Events", "Contested", "Figures"):
        topics.add_column(name, justify="left" if name == "Topic" else "right")
    for t in bset.topics:
        if topic is None or t.id == topic.id:
            c = counts[t.id]
            topics.add_row(
                lit(f"{t.title} ({t.id})"), str(c.events), str(c.contested), str(c.figures)
            )
    yield topics
    yield ""
    yield heading("Contested points")
    for point in query.contested(bset, topic.id if topic else None):
        yield Text.assemble(("• ", ""), lit(point.question), (f"  ({point.id})", "dim"))
