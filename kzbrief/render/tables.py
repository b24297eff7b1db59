"""`kzbrief sources` and `kzbrief topics`, and the list of load problems."""

from __future__ import annotations

from collections.abc import Iterator

from rich.console import RenderableType
from rich.text import Text

from kzbrief.load import Problem
from kzbrief.load.heads import topic_heads
from kzbrief.model import SetParts
from kzbrief.text import attested

from .grid import Column, Grid, Runs
from .styles import badge_runs


def sources(bset: SetParts) -> Iterator[RenderableType]:
    for s in bset.sources:
        fields = Grid(Column("", style="bold"), Column("", flexible=True), header=False)
        fields.add_row("Source", Runs((*badge_runs(bset, [s.id]), (f"  {s.id}", "dim"))))
        for name, value in (
            ("Title", s.title),
            ("Author", attested(s.author)),
            ("Outlet", attested(s.outlet)),
            ("Date", attested(s.date)),
            ("URL", attested(s.url)),
            ("Genre", s.genre.value),
            ("Perspective", s.perspective),
            ("Thesis", s.thesis),
            ("Document", s.document),
        ):
            fields.add_row(name, value)  # as lit(value): the column has no style
        for note in s.problems:
            fields.add_row("Slip", note.note)
        yield fields
        yield ""


def topics(bset: SetParts) -> Iterator[RenderableType]:
    counts = bset.topic_counts()
    # The title last: wrapped, its lines then follow one another with nothing between.
    grid = Grid(
        Column("Topic", style="bold"),
        Column("Events", right=True),
        Column("Contested", right=True),
        Column("Figures", right=True),
        Column("Title", flexible=True),
    )
    for t in topic_heads(bset):
        c = counts[t.id]
        grid.add_row(t.id, str(c.events), str(c.contested), str(c.figures), t.title)
    yield grid


def problems(items: tuple[Problem, ...] | list[Problem]) -> Iterator[RenderableType]:
    for p in items:
        yield Text(str(p))
    yield Text(f"{len(items)} problem(s)", style="bold red")
