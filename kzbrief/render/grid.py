"""A table laid out in one pass over its cells, or stacked where a table cannot fit.

`rich.table.Table` measures and renders every cell through the whole renderable
protocol: 0.4 s for the 1,000 topics of a 100× set. A `Grid` holds only strings
and `Text`, takes widths from cell lengths, and wraps a cell only when it does not
fit its column, so those 1,000 rows take a few milliseconds.

Nothing is cut and no column is squeezed to nothing: an id, a date or a label is shown
whole, a text column keeps a readable width, and where the terminal cannot give that the
rows are stacked instead, one record after another, `Header: value` on lines of their own.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import partial
from typing import NamedTuple

from rich.console import Console, ConsoleOptions
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from . import wrap
from .wrap import Line, width_of


class Runs:
    """Text in runs of one style each, (text, style name): a `Text` made of `Text.append`s,
    without making one (~10 µs a row) where the runs fit their column as they are."""

    __slots__ = ("head", "parts", "plain", "tail")

    def __init__(
        self, parts: Sequence[tuple[str, str]], tail: tuple[tuple[str, str], ...] = ()
    ) -> None:
        """`tail`: runs after `parts`, shared by many (a list of badges), so that what is
        made of them is made once."""
        self.head = parts
        self.tail = tail
        self.plain = "".join([text for text, _ in parts])
        self.parts: Sequence[tuple[str, str]]
        if tail:
            self.parts = (*parts, *tail)
            self.plain += _tail_plain(tail)
        else:
            self.parts = parts

    def __rich__(self) -> Text:  # printed by Rich as the text it stands for
        return self.text()

    def text(self) -> Text:
        """The `Text` these runs stand for."""
        made = Text()
        for text, style in self.parts:
            made.append(text, style)
        return made

    def lines(self, pieces: Iterable[tuple[int, int, int]]) -> Iterator[Runs]:
        """The runs within each (start, end, cells) piece of `plain`: the runs of each line
        `wrap.cut_lines` cuts it into."""
        parts, plain = self.parts, self.plain
        index, run_start = 0, 0  # the first run that may reach into the next piece
        for start, end, _ in pieces:
            while index < len(parts) and run_start + len(parts[index][0]) <= start:
                run_start += len(parts[index][0])
                index += 1
            line = []
            i, at = index, run_start
            while i < len(parts) and at < end:
                text, style = parts[i]
                a, b = max(start, at), min(end, at + len(text))
                if b > a:
                    line.append((text if b - a == len(text) else text[a - at : b - at], style))
                at += len(text)
                i += 1
            made = Runs.__new__(Runs)
            made.head = made.parts = line
            made.plain, made.tail = plain[start:end], ()
            yield made

    def segments(self, console: Console) -> list[Segment]:
        """`wrap.segments(console, self.text())`, as it is written: a segment for each run
        (one without a style unstyled, as the null style Text gives it is written)."""
        return [
            Segment(text, wrap.span_style(console, "", style) if style else None)
            for text, style in self.parts
            if text
        ]


# Shared tails' text, by their identity (each kept alive with it).
_TAILS: dict[int, tuple[str, tuple[tuple[str, str], ...]]] = {}


def _tail_plain(tail: tuple[tuple[str, str], ...]) -> str:
    found = _TAILS.get(id(tail))
    if found is None:
        if len(_TAILS) > 4096:
            _TAILS.clear()
        found = _TAILS[id(tail)] = ("".join([text for text, _ in tail]), tail)
    return found[0]


Cell = str | Text | Runs
GAP = "  "
# The narrowest a flexible column gets in a table (it gives way to the others down to
# this first), and a wrapping one; narrower than that, the rows are stacked.
MIN_FLEXIBLE = 20
MIN_WRAP = 10
INDENT = "  "  # before the continuation lines of a stacked value


class Column(NamedTuple):
    header: str
    right: bool = False  # right-justified (counts)
    style: str = ""  # for str cells; Text cells carry their own
    flexible: bool = False  # takes the width the others leave, and shrinks first
    wrap: bool = False  # may be narrower than its longest cell (a flexible column may)


class _Heading(NamedTuple):
    """A line across the whole grid between rows (a year in the timeline)."""

    text: Text


class _Laid:
    """A table's rows laid out: each row's cells as their lines, made as they are read."""

    def __init__(
        self,
        console: Console,
        rows: list[Sequence[Cell] | _Heading],
        lengths: list[list[int] | None],
        widths: list[int],
        styles: list[Style | None],
        joined: set[int],
    ) -> None:
        self.console, self.rows, self.lengths = console, rows, lengths
        self.widths, self.styles = widths, styles
        self.joined = joined  # the rows with a joiner or a variation selector, by index

    def __iter__(self) -> Iterator[list[list[Line]] | _Heading]:
        for row, lengths in zip(self.rows, self.lengths, strict=True):
            if isinstance(row, _Heading):
                yield row
            else:
                assert lengths is not None
                yield self.cells(row, lengths)

    def cells(self, row: Sequence[Cell], lengths: list[int]) -> list[list[Line]]:
        """The row's cells, each as its lines."""
        return [
            _lines(self.console, cell, length, style, width)
            for cell, length, style, width in zip(
                row, lengths, self.styles, self.widths, strict=True
            )
        ]


class Grid:
    def __init__(self, *columns: Column, header: bool = True) -> None:
        self.columns = columns
        self.header = header
        self.rows: list[Sequence[Cell] | _Heading] = []

    def add_row(self, *cells: Cell) -> None:
        if len(cells) != len(self.columns):
            raise ValueError(f"a row of {len(cells)} cells in a grid of {len(self.columns)}")
        self.rows.append(cells)

    def add_heading(self, text: Text) -> None:
        self.rows.append(_Heading(text))

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Segment]:
        for segments, _ in self.lines(console, options.max_width):
            yield from segments
            yield Segment.line()

    def lines(self, console: Console, max_width: int) -> Iterator[Line]:
        """The grid's lines in `max_width` cells, each no wider."""
        laid = self._laid_out(console, max_width)
        if laid is None:
            yield from self._stacked(console, max_width)
            return
        for row in laid:
            if isinstance(row, _Heading):
                yield from wrap.lines(console, Text(" ") + row.text, max_width)
            else:
                yield from self._row(row, laid.widths)

    def printed(
        self,
        console: Console,
        max_width: int,
        styled: Callable[[list[Segment]], str],
        styled_cell: Callable[[Cell, Style | None], str],
        leads: dict[object, dict[tuple[Cell, ...], str]] | None = None,
    ) -> Iterator[str | Line]:
        """`lines`, a table's rows each as the text of its lines, joined by newlines
        (`styled` gives a cell's line, `styled_cell` a cell's that fits on one line, with
        its column's style),
        `leads` the text before a row's last cell, kept from grid to grid by their layout
        (a source's card after card: the same labels in the same column),
        or as segments where a line holds a joiner or a variation selector (the writer
        measures those segment by segment, as Console.print does)."""
        laid = self._laid_out(console, max_width)
        if laid is None:
            yield from self._stacked(console, max_width)
            return
        widths, styles = laid.widths, laid.styles
        last = len(widths) - 1
        rights = [column.right for column in self.columns]
        last_right, last_style, last_width = rights[last], styles[last], widths[last]
        # What comes before a line of the last cell, on the lines after a row's first: the
        # other cells' columns left blank (the last cell wraps; the others rarely do).
        blank = " " * (1 + sum(widths[:last]) + len(GAP) * last)
        layout = (
            tuple(widths[:last]),
            tuple((c.style, c.right) for c in self.columns[:last]),
        )
        made = {} if leads is None else leads.setdefault(layout, {})
        joined = laid.joined
        for k, (row, lengths) in enumerate(zip(laid.rows, laid.lengths, strict=True)):
            if lengths is None:
                assert isinstance(row, _Heading)
                yield from wrap.lines(console, Text(" ") + row.text, max_width)
                continue
            if k in joined:
                # measured segment by segment, as Console.print measures such a line
                yield from self._row(laid.cells(row, lengths), widths)
                continue
            # The cells before the last, as the text that leads the row's first line: made
            # once for each run of them (a timeline's dates), where they are hashable.
            leading = row[:last]
            try:
                lead = made.get(leading)  # type: ignore[call-overload]
            except TypeError:  # a Text among them, or a header's list
                lead = None
            if lead is None:
                lead = self._lead(row, lengths, widths, styles, styled_cell)
                if lead is None:  # one of them wraps: the row is laid out cell by cell
                    yield from self._row_text(
                        [
                            _cell_lines(console, cell, n, style, width, styled, styled_cell)
                            for cell, n, style, width in zip(
                                row, lengths, styles, widths, strict=True
                            )
                        ],
                        widths,
                    )
                    continue
                with contextlib.suppress(TypeError):
                    made[leading] = lead  # type: ignore[index]
            cell, n = row[last], lengths[last]
            if n <= last_width and "\n" not in (cell if isinstance(cell, str) else cell.plain):
                text = styled_cell(cell, last_style)
                yield lead + " " * (last_width - n) + text if last_right else lead + text
                continue
            # The cell's lines, each after the blank columns but the first: one text.
            texts = None
            if type(cell) is str and last_style is None and not last_right:
                texts = wrap.narrow_lines(cell, last_width)  # most wrapped text: no steps
            if texts is None:
                lines = _cell_lines(console, cell, n, last_style, last_width, styled, styled_cell)
                if last_right:
                    texts = [" " * (last_width - cells) + text for text, cells in lines]
                else:
                    texts = [text for text, _ in lines]
            yield lead + ("\n" + blank).join(texts)

    def _lead(
        self,
        row: Sequence[Cell],
        lengths: list[int],
        widths: list[int],
        styles: list[Style | None],
        styled_cell: Callable[[Cell, Style | None], str],
    ) -> str | None:
        """The text before the row's last cell on its first line: each cell before it
        padded to its column, with the gaps; None when one of them does not fit on a line."""
        parts = [" "]
        for i in range(len(widths) - 1):
            cell, n = row[i], lengths[i]
            if n > widths[i] or "\n" in (cell if isinstance(cell, str) else cell.plain):
                return None
            pad = " " * (widths[i] - n)
            right = self.columns[i].right
            if right:
                parts.append(pad)
            parts.append(styled_cell(cell, styles[i]))
            if not right:
                parts.append(pad)
            parts.append(GAP)
        return "".join(parts)

    def _laid_out(self, console: Console, max_width: int) -> _Laid | None:
        """Each row's cells as lines in their columns' widths (None: stacked instead)."""
        rows: list[Sequence[Cell] | _Heading] = list(self.rows)
        if self.header:
            rows.insert(0, [Text(c.header, style="bold") for c in self.columns])
        joined: set[int] = set()
        lengths = [
            None if isinstance(r, _Heading) else _widths(r, joined, k) for k, r in enumerate(rows)
        ]
        measured = [row for row in lengths if row is not None]
        natural = [max(column) for column in zip(*measured, strict=True)] if measured else []
        widths = fit(natural, self.columns, max_width) if natural else None
        if widths is None:
            return None
        styles = [console.get_style(c.style) if c.style else None for c in self.columns]
        return _Laid(console, rows, lengths, widths, styles, joined)

    def _stacked(self, console: Console, width: int) -> Iterator[Line]:
        """Each row as a record of `Header: value` lines, a blank line between records."""
        first = True
        for row in self.rows:
            if isinstance(row, _Heading):
                yield from wrap.lines(console, row.text, width)
                first = True
                continue
            if not first and self.header:  # headerless rows are the fields of one record
                yield [], 0
            first = False
            if self.header:
                pairs = zip(self.columns, row, strict=True)
                fields = [(c.header, cell, c.style) for c, cell in pairs]
            else:  # a grid of label and value: the label names the value
                fields = [(_plain(row[0]), row[1], self.columns[1].style)]
            yield from stacked(console, width, fields)

    def _row(self, cells: list[list[Line]], widths: list[int]) -> Iterator[Line]:
        last = len(cells) - 1
        rights = [column.right for column in self.columns]
        full = 1 + sum(widths) + len(GAP) * last
        empty: Line = ([], 0)
        for n in range(max(len(lines) for lines in cells)):
            # Runs of one style are joined into one segment (fewer to render): each part
            # (gap, padding or a cell's segment) joins the run when its style is the run's.
            # An empty part between two runs of one style keeps them apart, as it always has.
            out: list[Segment] = []
            run, style = [" "], None
            length = 0
            for i, lines in enumerate(cells):
                segments, length = lines[n] if n < len(lines) else empty
                pad = " " * (widths[i] - length)
                lead = (GAP if i else "") + (pad if rights[i] else "")
                if style is not None:
                    out.append(Segment("".join(run), style))
                    run, style = [], None
                run.append(lead)
                for text, next_style, _ in segments:
                    if next_style is not style and (
                        style is None or next_style is None or next_style != style
                    ):
                        out.append(Segment("".join(run), style))
                        run, style = [], next_style
                    run.append(text)
                if not rights[i] and i < last:
                    if style is not None:
                        out.append(Segment("".join(run), style))
                        run, style = [], None
                    run.append(pad)
            out.append(Segment("".join(run), style))
            # The last column is not padded: the line is as wide as its last cell's text.
            yield out, full - (0 if rights[last] else widths[last] - length)

    def _row_text(self, texts: list[list[tuple[str, int]]], widths: list[int]) -> list[str]:
        """`_row`'s lines as text, from each cell's lines as text and cells: a styled run
        never reaches past its cell (a gap or padding, unstyled, follows each), so each
        cell's text is made on its own."""
        last = len(texts) - 1
        rights = [column.right for column in self.columns]
        out = []
        for n in range(max(len(lines) for lines in texts)):
            parts = [" "]
            for i, lines in enumerate(texts):
                text, length = lines[n] if n < len(lines) else ("", 0)
                if i:
                    parts.append(GAP)
                if rights[i]:
                    parts.append(" " * (widths[i] - length))
                    parts.append(text)
                else:
                    parts.append(text)
                    if i < last:
                        parts.append(" " * (widths[i] - length))
            out.append("".join(parts))
        return out


def fit(widths: list[int], columns: Sequence[Column], max_width: int) -> list[int] | None:
    """Natural widths, shrunk (flexible columns first) to fit `max_width`; None when that
    would cut a column that does not wrap, or squeeze one that does below its minimum."""
    widths = list(widths)
    room = max_width - 1 - len(GAP) * (len(widths) - 1)  # a space before the first
    excess = sum(widths) - room
    for i, column in enumerate(columns):
        if excess > 0 and column.flexible and widths[i] > MIN_FLEXIBLE:
            give = min(excess, widths[i] - MIN_FLEXIBLE)
            widths[i] -= give
            excess -= give
    wrapping = [i for i, c in enumerate(columns) if c.wrap and not c.flexible]
    while excess > 0:  # the widest wrapping column gives way, down to its minimum
        widest = max(wrapping, key=widths.__getitem__, default=None)
        if widest is None or widths[widest] <= MIN_WRAP:
            return None
        widths[widest] -= 1
        excess -= 1
    return widths


def stacked(
    console: Console, width: int, fields: Iterable[tuple[str, Cell, str]]
) -> Iterator[Line]:
    """One record as `Label: value` lines (label, value, style of a str value), each value
    folded to `width` with its continuation lines indented; empty values are left out."""
    for label, cell, style in fields:
        value = cell.text() if isinstance(cell, Runs) else cell
        value = value if isinstance(value, Text) else Text(value, style=style)
        if not value.plain:
            continue
        line = Text.assemble((f"{label}: " if label else "", "bold"), value)
        folded = wrap.lines(console, line, max(width - len(INDENT), 1))
        for n, (segments, cells) in enumerate(folded):
            yield ([Segment(INDENT), *segments], cells + len(INDENT)) if n else (segments, cells)


def _plain(cell: Cell) -> str:
    return cell if isinstance(cell, str) else cell.plain


def _widths(row: Sequence[Cell], joined: set[int], k: int) -> list[int]:
    """Each cell's `_width` (a one-line ASCII cell's is its length: most cells); row `k`
    is added to `joined` when a cell holds a joiner or a variation selector."""
    widths = []
    for cell in row:
        text = cell if isinstance(cell, str) else cell.plain
        if text.isascii() and text.isprintable():
            widths.append(len(text))
        else:
            widths.append(_width(text))
            if "\u200d" in text or "\ufe0f" in text:
                joined.add(k)
    return widths


def _width(cell: Cell) -> int:
    text = _plain(cell)
    if "\n" in text:
        return max(width_of(line) for line in text.split("\n"))
    return width_of(text)


def _lines(
    console: Console, cell: Cell, length: int, style: Style | None, width: int
) -> list[tuple[list[Segment], int]]:
    """The cell's lines as segments with their cell lengths, folded to `width`."""
    if length <= width and "\n" not in _plain(cell):
        return [(_segments(console, cell, style), length)]
    if isinstance(cell, str):
        cell = Text(cell, style=style or "")
    elif isinstance(cell, Runs):
        if "\t" not in cell.plain:  # as wrap.lines lays out cell.text(), without making it
            empty = Segment("", None)
            found = wrap.cut_lines(cell.plain, partial(cell.segments, console), empty, width)
            if found is not None:
                return found
        cell = cell.text()
    return wrap.lines(console, cell, width)


def _cell_lines(
    console: Console,
    cell: Cell,
    length: int,
    style: Style | None,
    width: int,
    styled: Callable[[list[Segment]], str],
    styled_cell: Callable[[Cell, Style | None], str],
) -> list[tuple[str, int]]:
    """`_lines` as text: a str's lines are pieces of it, in its column's style."""
    if length <= width and "\n" not in _plain(cell):
        return [(styled_cell(cell, style), length)]
    plain = cell if isinstance(cell, str) else cell.plain
    if not isinstance(cell, Text) and "\t" not in plain:
        pieces = wrap.pieces(plain, width)
        if pieces is None:
            pass
        elif isinstance(cell, str):
            if style is None:  # an unstyled str's text is itself
                return [(cell[a:b], n) for a, b, n in pieces]
            return [(styled_cell(cell[a:b], style), n) for a, b, n in pieces]
        else:  # each line's runs, as `_lines` cuts them into segments
            lines = cell.lines(pieces)
            return [
                (styled_cell(line, style), n) for line, (_, _, n) in zip(lines, pieces, strict=True)
            ]
    return [(styled(segments), n) for segments, n in _lines(console, cell, length, style, width)]


def _segments(console: Console, cell: Cell, style: Style | None) -> list[Segment]:
    """A cell that fits on one line as its segments (`style`: a str cell's column's)."""
    if isinstance(cell, str):
        return [Segment(cell, style)]
    if isinstance(cell, Runs):
        return cell.segments(console)
    return wrap.segments(console, cell)
