"""`kzbrief coverage` on a terminal: each document's cited share, then what it never cites."""

from __future__ import annotations

from collections.abc import Iterator

from rich.console import RenderableType
from rich.text import Text

from kzbrief.coverage import Coverage
from kzbrief.model import SetParts

from .grid import Column, Grid
from .styles import badges, heading, lit


def coverage(bset: SetParts, items: list[Coverage]) -> Iterator[RenderableType]:
    grid = Grid(
        Column("Document", flexible=True),
        Column("Source"),
        Column("Paragraphs", right=True),
        Column("Words", right=True),
    )
    for c in items:
        if c.problem:
            grid.add_row(lit(c.document), badges(bset, list(c.sources)), "—", "—")
        else:
            grid.add_row(
                lit(c.document),
                badges(bset, list(c.sources)),
                f"{c.paragraph_share:.0%} of {c.paragraphs}",
                f"{c.word_share:.0%} of {c.words:,}",
            )
    yield grid
    for c in items:
        yield ""
        if c.problem:
            yield Text(c.problem, style="bold red")
            continue
        noun = "paragraph" if len(c.uncited) == 1 else "paragraphs"
        yield heading(f"{c.document}: {len(c.uncited)} uncited {noun}")
        for u in c.uncited:
            yield Text.assemble(
                (f"  ¶{u.paragraph:<3} line {u.line:<4} ", "dim"), lit(u.first_words)
            )
