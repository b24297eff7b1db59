"""`kzbrief summary`: the question, bottom line, sources and topics."""

from __future__ import annotations

from collections.abc import Iterator

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from kzbrief import query
from kzbrief.model import Claim, SetParts, Topic
from kzbrief.text import attested, basis_tag

from .grid import Column, Grid
from .styles import badges, heading, lit


def claims(bset: SetParts, items: list[Claim]) -> Table:
    table = Table.grid(padding=(0, 1))
    table.add_column(width=1)
    table.add_column(ratio=1)
    for claim in items:
        tag = basis_tag(claim.basis)
        line = Text(f"{tag}: ", style="bold yellow") if tag else Text()
        line.append_text(lit(claim.text))
        line.append("  ")
        line.append_text(badges(bset, claim.sources))
        table.add_row("•", line)
    return table


def summary(bset: SetParts, topic: Topic | None) -> Iterator[RenderableType]:
    b = bset.briefing
    yield lit(b.title, "bold")
    yield Text.assemble(("Question: ", "bold"), lit(b.question))
    yield Text.assemble(("As of: ", "bold"), lit(b.as_of), ("   Scope: ", "bold"), lit(b.scope))
    yield ""
    yield heading(f"Topic: {topic.title}" if topic else "Bottom line")
    yield claims(bset, topic.summary if topic else b.bottom_line)
    yield ""
    yield heading("Sources")
    table = Grid(
        Column("Source"),
        Column("Date", wrap=True),  # an inferred date says why, at length
        Column("Genre"),
        Column("Thesis", flexible=True),
    )
    for s in query.sources_by_date(bset):
        table.add_row(badges(bset, [s.id]), attested(s.date), s.genre.value, s.thesis)
    yield table
    yield ""
    counts = bset.topic_counts()
    yield heading("Topics")
    topics = Grid(
        Column("Events", right=True),
        Column("Contested", right=True),
        Column("Figures", right=True),
        Column("Topic", flexible=True),  # last, so that its wrapped lines run on
    )
    for t in bset.topics:
        if topic is None or t.id == topic.id:
            c = counts[t.id]
            topics.add_row(str(c.events), str(c.contested), str(c.figures), f"{t.title} ({t.id})")
    yield topics
    yield ""
    yield heading("Contested points")
    for point in query.contested(bset, topic.id if topic else None):
        yield Text.assemble(("• ", ""), lit(point.question), (f"  ({point.id})", "dim"))
