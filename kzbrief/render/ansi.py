"""Renderables written as a terminal's text, without `Console.print`'s work for each one.

`Console.print` lays out, crops, renders and writes each renderable on its own, a write and a
flush each: ~0.4 ms a line of a 100× listing, which prints thousands. Here a `Text` is laid
out by `wrap.printed_lines`, a `Grid` gives its lines, anything else is rendered by Rich;
each style's escape codes are made once, and the text is written in large pieces. What is
written is what `Console.print` writes, byte for byte.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import partial
from typing import Any

from rich.color import ColorSystem
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from . import wrap
from .grid import Cell, Grid, Runs
from .wrap import cut_lines, printed_lines, width_of

# Console.color_system's names for the systems Style.render takes.
_SYSTEMS = {
    "standard": ColorSystem.STANDARD,
    "256": ColorSystem.EIGHT_BIT,
    "truecolor": ColorSystem.TRUECOLOR,
    "windows": ColorSystem.WINDOWS,
}
_EMPTY = Segment("", None)  # an empty line of unstyled text
WRITE_EVERY = 1 << 16  # characters: few writes
FIRST_WRITE = 1 << 13  # characters: the first screen soon, whatever comes after it
LINES_AT_ONCE = 256  # a table's lines gathered before they are counted towards a write


class AnsiWriter:
    """Prints renderables on `console` as `console.print` would, through `write`."""

    def __init__(self, console: Console, write: Callable[[str], object]) -> None:
        self.console = console
        self.width = console.width
        self.write = write
        self.system = _SYSTEMS.get(console.color_system or "")
        self.no_color = console.no_color and self.system is not None
        self.terminal = console.is_terminal
        # By the style's identity (hashing a Style runs Python code; the few styles a
        # listing uses are the same objects line after line), each kept alive with its codes
        # so that its id is never another's.
        self.codes: dict[int, tuple[str, str, Style]] = {}
        self.names: dict[str, tuple[object, str, str]] = {}  # see _name
        self.firsts: dict[Style, Style] = {}  # each style, as the first equal one seen
        # Shared runs' text, by their identity (each kept alive with it).
        self.tails: dict[int, tuple[str, tuple[tuple[str, str], ...]]] = {}
        self.equal: dict[tuple[int, int], tuple[bool, Style, Style]] = {}
        self.leads: dict[object, dict[tuple[Cell, ...], str]] = {}  # see Grid.printed
        self.pending: list[str] = []
        self.size = 0
        self.written = False

    def print(self, renderable: Any, soft: bool = False) -> None:
        """`console.print(renderable, soft_wrap=soft)`; written once enough has gathered."""
        if soft:
            # Lines printed whole (FILE:LINE:COL: …) are few, and Rich's versions differ in
            # how they end one (14.2 keeps a trailing space that 15 drops): Rich prints them.
            with self.console.capture() as captured:
                self.console.print(renderable, soft_wrap=True)
            text = captured.get()
            self.pending.append(text)
            self.size += len(text)
            self._maybe_write()
            return
        if isinstance(renderable, str):
            if not renderable and not soft:  # a blank line between parts
                self.pending.append("\n")
                self.size += 1
                return
            renderable = Text(renderable)
        if isinstance(renderable, Runs):  # laid out as its Text, without making it
            found = None
            if "\t" not in renderable.plain:
                runs = partial(renderable.segments, self.console)
                found = cut_lines(renderable.plain, runs, _EMPTY, self.width, soft)
            if found is not None:
                for segments, cells in found:
                    self._line(segments, -1 if soft else cells)
                self._maybe_write()
                return
            renderable = renderable.text()
        if isinstance(renderable, Text):
            found = printed_lines(self.console, renderable, self.width, soft)
            if found is not None:
                for segments, cells in found:
                    self._line(segments, -1 if soft else cells)
                self._maybe_write()
                return
            # As print does: joined into a new Text, without the text's own layout settings.
            renderable = Text(" ", end="\n").join([renderable])
        if isinstance(renderable, Grid) and not soft:  # its lines are never wider
            rows = renderable.printed(
                self.console, self.width, self._cell, self._cell_text, self.leads
            )
            lines: list[str] = []  # the lines made as text, joined at once
            for row in rows:
                if isinstance(row, str):
                    lines.append(row)
                    if len(lines) >= LINES_AT_ONCE:  # a long table is written as it is made
                        self._lines(lines)
                        lines = []
                        self._maybe_write()
                else:
                    self._lines(lines)
                    lines = []
                    self._line(*row)
            self._lines(lines)
            self._maybe_write()
            return
        options = self.console.options
        if soft:
            options = options.update(no_wrap=True, overflow="ignore")
        rendered = self.console.render(renderable, options)
        if soft:
            text = self._styled_line(list(rendered))
            self.pending.append(text)
            self.size += len(text)
        else:
            for line, newline in self._cropped_lines(rendered):
                self._line(line, newline=newline)
        self._maybe_write()

    def _lines(self, lines: list[str]) -> None:
        if lines:
            text = "\n".join(lines) + "\n"
            self.pending.append(text)
            self.size += len(text)

    def flush(self) -> None:
        if self.pending:
            text = "".join(self.pending)
            self.pending.clear()
            self.size = 0
            self.written = True
            self.write(text)

    def _maybe_write(self) -> None:
        if self.size >= (WRITE_EVERY if self.written else FIRST_WRITE):
            self.flush()

    def _line(self, segments: list[Segment], cells: int = -1, newline: bool = True) -> None:
        """A line and its newline; cropped as Console.print crops it when it is `cells` wide
        (-1: as it is). Console.print measures a line by its segments, one by one: a joiner
        or variation selector at a segment's edge makes that differ from the line's width."""
        text = self._styled_line(segments)
        if cells > self.width or (cells >= 0 and ("\u200d" in text or "\ufe0f" in text)):
            cropped = self._cropped(segments)
            if cropped is not segments:
                text = self._styled_line(cropped)
        if newline:
            text += "\n"
        self.pending.append(text)
        self.size += len(text)

    def _styled_line(self, segments: list[Segment]) -> str:
        """The segments as Console._render_buffer renders them."""
        codes, out = self.codes, []
        for text, style, control in segments:
            if style and text:
                before, after, _ = codes.get(id(style)) or self._codes(style)
                out.append(before + text + after)
            elif not (control and not self.terminal):
                out.append(text)
        return "".join(out)

    def _cell(self, segments: list[Segment]) -> str:
        """A cell's line as a grid's line renders it: runs of equal styles joined (each run
        between one style's codes), control segments written as text."""
        if len(segments) == 1:
            text, style, _ = segments[0]
            return self._styled(text, style)
        return self._joined([(text, style) for text, style, _ in segments])

    def _cell_text(self, cell: Cell, style: Style | None) -> str:
        """`_cell` of a cell that fits on one line (`style`: a str cell's column's)."""
        if isinstance(cell, str):
            return self._styled(cell, style)
        if isinstance(cell, Runs):
            tail, head = cell.tail, cell.head
            # After an unstyled run nothing joins a run before it: the tail's text is the
            # same alone, and made once.
            if tail and head and head[-1][0] and not head[-1][1]:
                made = self.tails.get(id(tail))
                if made is None:
                    made = self.tails[id(tail)] = (self._runs_text(tail), tail)
                return self._runs_text(head) + made[0]
            return self._runs_text(cell.parts)
        return self._cell(wrap.segments(self.console, cell))

    def _runs_text(self, parts: Sequence[tuple[str, str]]) -> str:
        """`_joined` of the runs' styles: runs whose styles are equal are joined (a style's
        name stands for its codes and for the first equal style's, made once each)."""
        names = self.names
        made: list[str] = []
        key: object = None
        run = before = after = ""
        for text, name in parts:
            if not text:
                continue
            found = names.get(name)
            if found is None:
                found = self._name(name)
            if found[0] is key:
                run += text
                continue
            if run:
                made.append(before + run + after if key is not None else run)
            key, before, after = found
            run = text
        if run:
            made.append(before + run + after if key is not None else run)
        return "".join(made)

    def _name(self, name: str) -> tuple[object, str, str]:
        """A run's style name as (the first equal style seen, its codes before and after);
        (None, "", "") unstyled."""
        if not name:
            found: tuple[object, str, str] = (None, "", "")
        else:
            style = wrap.span_style(self.console, "", name)
            first = self.firsts.setdefault(style, style)
            before, after, _ = self.codes.get(id(first)) or self._codes(first)
            found = (first, before, after) if style else (first, "", "")
        self.names[name] = found
        return found

    def _styled(self, text: str, style: Style | None) -> str:
        if style and text:
            before, after, _ = self.codes.get(id(style)) or self._codes(style)
            return before + text + after
        return text

    def _joined(self, pairs: list[tuple[str, Style | None]]) -> str:
        out: list[str] = []
        run: list[str] = []
        style = None
        for text, next_style in pairs:
            if next_style is not style and (
                style is None or next_style is None or not self._same(style, next_style)
            ):
                if run:
                    out.append(self._styled("".join(run), style))
                run, style = [], next_style
            run.append(text)
        out.append(self._styled("".join(run), style))
        return "".join(out)

    def _same(self, a: Style, b: Style) -> bool:
        """a == b, kept by the styles' identities (Style.__eq__ hashes in Python)."""
        key = (id(a), id(b))
        found = self.equal.get(key)
        if found is None:
            found = self.equal[key] = (a == b, a, b)
        return found[0]

    def _codes(self, style: Style) -> tuple[str, str, Style]:
        """What Style.render puts before and after a text in this style."""
        shown = style.without_color if self.no_color else style
        before, _, after = shown.render("\0", color_system=self.system).partition("\0")
        made = self.codes[id(style)] = (before, after, style)
        return made

    def _cropped_lines(self, segments: Iterable[Segment]) -> Iterator[tuple[list[Segment], bool]]:
        """Segment.split_and_crop_lines(segments, width, pad=False): each line, and whether
        a newline ends it."""
        line: list[Segment] = []
        for segment in segments:
            text, style, control = segment
            if "\n" in text and not control:
                while text:
                    part, newline, text = text.partition("\n")
                    if part:
                        line.append(Segment(part, style))
                    if newline:
                        yield self._cropped(line), True
                        line = []
            else:
                line.append(segment)
        if line:
            yield self._cropped(line), False

    def _cropped(self, line: list[Segment]) -> list[Segment]:
        cells = sum(width_of(text) for text, _, control in line if not control)
        if cells > self.width:
            return Segment.adjust_line_length(line, self.width, pad=False)
        return line
