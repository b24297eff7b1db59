"""`kzbrief summary`: the question, bottom line, sources and topics."""

from __future__ import annotations

from collections.abc import Iterator

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from kzbrief import query
from kzbrief.load.heads import contested_heads, source_heads, topic_heads
from kzbrief.model import Claim, SetParts, Topic
from kzbrief.text import basis_tag, short_date

from .grid import Column, Grid, Runs
from .styles import append_badges, badge_runs, heading, lit


def claims(bset: SetParts, items: list[Claim]) -> Table:
    table = Table.grid(padding=(0, 1))
    table.add_column(width=1)
    table.add_column(ratio=1)
    for claim in items:
        tag = basis_tag(claim.basis)
        line = Text.assemble((f"{tag}: ", "bold yellow")) if tag else Text()
        line.append_text(lit(claim.text))
        line.append("  ")
        append_badges(line, bset, claim.sources)
        table.add_row("•", line)
    return table


def first_sentence(text: str) -> str:
    """The scope's first sentence, or all of it when it is one sentence."""
    head, dot, rest = text.partition(". ")
    return f"{head}. …" if dot and rest else text


def summary(bset: SetParts, topic: Topic | None, full: bool = False) -> Iterator[RenderableType]:
    b = bset.briefing
    yield lit(b.title, "bold")
    yield Text.assemble(("Question: ", "bold"), lit(b.question))
    if topic:  # the set's scope is long, and says nothing of the topic asked for
        yield Text.assemble(("As of: ", "bold"), lit(b.as_of))
    else:
        # The scope runs to a screen; its first sentence says what it is about
        scope = lit(b.scope if full else first_sentence(b.scope))
        more = ("" if full or scope.plain == b.scope else "  (all of it: --full)", "dim")
        yield Text.assemble(("As of: ", "bold"), lit(b.as_of), ("   Scope: ", "bold"), scope, more)
    yield ""
    yield heading(f"Topic: {topic.title}" if topic else "Bottom line")
    yield claims(bset, topic.summary if topic else b.bottom_line)
    yield ""
    yield heading("Sources")
    table = Grid(
        Column("Source"),
        Column("Date"),  # short: why a date is inferred is for `kzbrief sources`
        Column("Genre"),
        Column("Title", flexible=True),  # the thesis, at length, is for `kzbrief sources`
    )
    for s in query.by_date(source_heads(bset)):
        table.add_row(Runs(badge_runs(bset, [s.id])), short_date(s.date), s.genre.value, s.title)
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
    for t in topic_heads(bset):
        if topic is None or t.id == topic.id:
            c = counts[t.id]
            topics.add_row(str(c.events), str(c.contested), str(c.figures), f"{t.title} ({t.id})")
    yield topics
    yield ""
    yield heading("Contested points")
    for point in contested_heads(bset, topic.id if topic else None):
        yield Runs((("• ", ""), (point.question, ""), (f"  ({point.id})", "dim")))
