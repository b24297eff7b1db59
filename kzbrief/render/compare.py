"""`kzbrief compare`: a contested point's positions side by side."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.table import Table
from rich.text import Text

from kzbrief.load.heads import PointLike, source_heads
from kzbrief.model import Contested, SetParts
from kzbrief.text import JUDGEMENT, place_words, stance_marker

from .grid import Column, Grid
from .styles import heading, lit, source_styles

# Side by side only while every position gets this many cells of text; else one after another.
MIN_SIDE = 12


def contested_list(points: Sequence[PointLike]) -> Iterator[RenderableType]:
    # The question last: wrapped, its lines then follow one another with nothing between.
    grid = Grid(
        Column("Point", style="bold"),
        Column("Positions", right=True),
        Column("Question", flexible=True),
    )
    for p in points:
        grid.add_row(p.id, str(len(p.positions)), lit(p.question))
    yield grid
    yield Text("Show one with: kzbrief compare POINT", style="dim")


def compare(bset: SetParts, point: Contested) -> Iterator[RenderableType]:
    styles = source_styles(bset)
    labels = {s.id: s.label for s in source_heads(bset)}
    yield lit(point.question, "bold")
    axis = Text.assemble(
        ("Axis: ", "bold"), lit(point.axis.left), ("  ◀──────▶  ", "dim"), lit(point.axis.right)
    )
    yield axis
    columns = []
    for pos in point.positions:
        head = lit(labels.get(pos.source, pos.source), f"bold {styles.get(pos.source, '')}")
        cell = Text.assemble(lit(pos.label, "bold"))  # the label alone is bold
        cell.append("\n")
        cell.append(stance_marker(pos.stance), style=styles.get(pos.source, ""))
        cell.append(f" {place_words(pos.stance, point.axis)}\n", style="dim")
        cell.append_text(lit(pos.summary))
        if pos.quotes:
            cell.append("\n")  # a blank line: the summary is ours, the quotes the source's
        for q in pos.quotes:
            cell.append("\n“", style="dim")
            cell.append_text(lit(q.quote, "italic"))
            cell.append("”", style="dim")
        columns.append((head, cell))
    yield SideBySide(columns)
    yield heading("Why they differ")
    yield Text.assemble((f"{JUDGEMENT}: ", "bold yellow"), lit(point.why_they_differ))


class SideBySide:
    """Positions in columns under their sources' names where each column has room to be
    read, else one after another, each under its source's name."""

    def __init__(self, columns: list[tuple[Text, Text]]) -> None:
        self.columns = columns

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        # A column takes 3 cells besides its text (a border and two of padding), plus one
        # for the border at the far edge. Each must hold its longest word (a label, an id,
        # `multi-directional`) whole: a word folded in two is not read.
        count = len(self.columns)
        room = (options.max_width - 1) // count - 3 if count else 0
        if room >= max(MIN_SIDE, _longest_word(self.columns)):
            table = Table(show_lines=False, expand=True, padding=(0, 1))
            for head, _ in self.columns:
                table.add_column(head, ratio=1, overflow="fold")
            table.add_row(*(cell for _, cell in self.columns))
            yield table
            return
        for n, (head, cell) in enumerate(self.columns):
            if n:
                yield Text()
            yield Text.assemble(("── ", "dim"), head)
            yield cell


def _longest_word(columns: list[tuple[Text, Text]]) -> int:
    return max(
        (
            cell_len(word)
            for head, cell in columns
            for word in (head.plain + " " + cell.plain).split()
        ),
        default=0,
    )
