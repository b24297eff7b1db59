"""`kzbrief compare`: a contested point's positions side by side."""

from __future__ import annotations

from collections.abc import Iterator

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from kzbrief.model import Contested, SetParts
from kzbrief.text import JUDGEMENT, NO_POSITION, stance_marker

from .styles import heading, lit, source_styles


def contested_list(points: list[Contested]) -> Iterator[RenderableType]:
    table = Table(box=None, padding=(0, 1), show_edge=False)
    table.add_column("Point", no_wrap=True)
    table.add_column("Question", ratio=1, overflow="fold")
    table.add_column("Positions", justify="right")
    for p in points:
        table.add_row(lit(p.id, "bold"), lit(p.question), str(len(p.positions)))
    yield table
    yield Text("Show one with: kzbrief compare POINT", style="dim")


def compare(bset: SetParts, point: Contested) -> Iterator[RenderableType]:
    styles = source_styles(bset)
    labels = {s.id: s.label for s in bset.sources}
    yield lit(point.question, "bold")
    axis = Text.assemble(
        ("Axis: ", "bold"), lit(point.axis.left), ("  ◀──────▶  ", "dim"), lit(point.axis.right)
    )
    yield axis
    table = Table(show_lines=False, expand=True, padding=(0, 1))
    for pos in point.positions:
        table.add_column(
            lit(labels.get(pos.source, pos.source), f"bold {styles.get(pos.source, '')}"),
            ratio=1,
            overflow="fold",
        )
    cells = []
    for pos in point.positions:
        cell = lit(pos.label, "bold")
        cell.append("\n")
        cell.append(stance_marker(pos.stance), style=styles.get(pos.source, ""))
        cell.append(f" {pos.stance or NO_POSITION}\n", style="dim")
        cell.append_text(lit(pos.summary))
        for q in pos.quotes:
            cell.append("\n“", style="dim")
            cell.append_text(lit(q.quote, "italic"))
            cell.append("”", style="dim")
        cells.append(cell)
    table.add_row(*cells)
    yield table
    yield heading("Why they differ")
    yield Text.assemble((f"{JUDGEMENT}: ", "bold yellow"), lit(point.why_they_differ))
