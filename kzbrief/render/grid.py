"""A table laid out in one pass over its cells, for lists of a thousand rows.

`rich.table.Table` measures and renders every cell through the whole renderable
protocol: 0.4 s for the 1,000 topics of a 100× set. A `Grid` holds only strings
and `Text`, takes widths from cell lengths, and wraps a cell only when it does not
fit its column, so those 1,000 rows take a few milliseconds. Nothing is cut: a
cell too long for its column folds onto further lines.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import NamedTuple

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

Cell = str | Text
GAP = "  "
# A flexible column gives way to the others down to this width before they shrink.
MIN_FLEXIBLE = 12


class Column(NamedTuple):
    header: str
    right: bool = False  # right-justified (counts)
    style: str = ""  # for str cells; Text cells carry their own
    flexible: bool = False  # takes the width the others leave, and shrinks first


class Grid:
    def __init__(self, *columns: Column) -> None:
        self.columns = columns
        self.rows: list[Sequence[Cell]] = []

    def add_row(self, *cells: Cell) -> None:
        if len(cells) != len(self.columns):
            raise ValueError(f"a row of {len(cells)} cells in a grid of {len(self.columns)}")
        self.rows.append(cells)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Segment]:
        rows = [[Text(c.header, style="bold") for c in self.columns], *self.rows]
        lengths = [[_width(cell) for cell in row] for row in rows]
        natural = [max(column) for column in zip(*lengths, strict=True)]
        widths = fit(natural, self.columns, options.max_width)
        styles = [console.get_style(c.style) if c.style else None for c in self.columns]
        for row, row_lengths in zip(rows, lengths, strict=True):
            cells = [
                _lines(console, cell, length, style, width)
                for cell, length, style, width in zip(row, row_lengths, styles, widths, strict=True)
            ]
            yield from self._row(cells, widths)

    def _row(
        self, cells: list[list[tuple[list[Segment], int]]], widths: list[int]
    ) -> Iterator[Segment]:
        # Runs of one style are joined into one segment: Console.print crops each segment
        # it is given, and a thousand rows of ten small segments cost ~15 ms more.
        last = len(cells) - 1
        for n in range(max(len(lines) for lines in cells)):
            parts: list[tuple[str, Style | None]] = [(" ", None)]
            for i, (lines, column, width) in enumerate(
                zip(cells, self.columns, widths, strict=True)
            ):
                segments, length = lines[n] if n < len(lines) else ([], 0)
                pad = " " * (width - length)
                parts.append(((GAP if i else "") + (pad if column.right else ""), None))
                parts.extend((segment.text, segment.style) for segment in segments)
                if not column.right and i < last:
                    parts.append((pad, None))
            parts.append(("\n", None))
            yield from _joined(parts)


def _joined(parts: list[tuple[str, Style | None]]) -> Iterator[Segment]:
    run, style = [parts[0][0]], parts[0][1]
    for text, next_style in parts[1:]:
        if next_style != style:
            yield Segment("".join(run), style)
            run, style = [], next_style
        run.append(text)
    yield Segment("".join(run), style)


def fit(widths: list[int], columns: Sequence[Column], max_width: int) -> list[int]:
    """Natural widths, shrunk (flexible columns first) to fit `max_width`."""
    widths = list(widths)
    room = max_width - 1 - len(GAP) * (len(widths) - 1)  # a space before the first
    excess = sum(widths) - room
    for i, column in enumerate(columns):
        if excess > 0 and column.flexible and widths[i] > MIN_FLEXIBLE:
            give = min(excess, widths[i] - MIN_FLEXIBLE)
            widths[i] -= give
            excess -= give
    while excess > 0 and max(widths) > 1:  # a very narrow terminal: the widest gives way
        widest = widths.index(max(widths))
        widths[widest] -= 1
        excess -= 1
    return widths


def _width(cell: Cell) -> int:
    text = cell if isinstance(cell, str) else cell.plain
    if "\n" in text:
        return max(cell_len(line) for line in text.split("\n"))
    return cell_len(text)


def _lines(
    console: Console, cell: Cell, length: int, style: Style | None, width: int
) -> list[tuple[list[Segment], int]]:
    """The cell's lines as segments with their cell lengths, folded to `width`."""
    if isinstance(cell, str):
        if length <= width and "\n" not in cell:
            return [([Segment(cell, style)], length)]
        cell = Text(cell, style=style or "")
    elif length <= width and "\n" not in cell.plain:
        return [(_segments(console, cell), length)]
    return [
        (_segments(console, line), line.cell_len)
        for line in cell.wrap(console, width, overflow="fold")
    ]


def _segments(console: Console, text: Text) -> list[Segment]:
    # Text.render leaves the text's own style to its caller (Text.__rich_console__ applies it).
    segments = text.render(console)
    if text.style:
        segments = Segment.apply_style(segments, console.get_style(text.style))
    return list(segments)
