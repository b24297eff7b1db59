"""Rich's word wrapping of a `Text`, fast for the text briefings hold.

`Text.wrap` builds a `Text` for every line, divides and rejoins its spans and measures
every word's cells: with `Console.print` around it, ~0.4 ms a paragraph, most of the time
a 100× listing takes. `lines` gives the lines Rich gives, broken at the same places,
trimmed alike and cut into the same styled segments, without those steps: a line that fits
is not divided; text whose every character is one cell (printable ASCII, and most letters
and punctuation beyond it) is measured and broken by character counts, other text by
Rich's cell widths, word by word where `divide_line` breaks it. What is rare (tabs,
justification, a word folded across lines, a line Rich would crop or pad) is left to Rich
itself, so the result is Rich's in every case (tests/test_fast_terminal_output.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from rich.cells import cell_len, get_character_cell_size
from rich.console import Console
from rich.segment import Segment
from rich.style import Style, StyleType
from rich.text import Text

# A line: its segments (no newline among them) and its width in cells.
Line = tuple[list[Segment], int]

_WORD = re.compile(r"\s*\S+\s*")  # as rich._wrap's words: a word and the spaces around it
_OTHER = re.compile(r"[^\x20-\x7e]+")  # runs of all but printable ASCII
_OTHER_SPACE = re.compile(r"[^\S ]")  # white space other than a space
# A character outside the printable ASCII and the letters and punctuation known to be one
# cell and printable (Latin, Cyrillic, dashes, quotes, the middle dot; each is held to
# Rich's measure in tests/test_fast_terminal_output.py): text without one is as long as wide.
_NOT_ONE_CELL = re.compile(
    "[^\x20-\x7e\u00a1-\u00ac\u00ae-\u02ff\u0400-\u0482\u048a-\u052f\u2010-\u2027\u2030-\u205e]"
)


class _RichOnly(Exception):
    """The text needs a step only Rich's own wrapping takes."""


def width_of(text: str) -> int:
    """Cells `text` takes on a terminal, as `rich.cells.cell_len` counts them: a printable
    ASCII character is one, and only the runs of other characters are looked up."""
    if text.isascii():
        return len(text) if text.isprintable() else cell_len(text)
    if not _NOT_ONE_CELL.search(text):
        return len(text)
    if "\u200d" in text or "\ufe0f" in text:  # joined emoji: measured as a whole
        return cell_len(text)
    # Without joiners a text's cells are the sum of its characters' cells.
    return len(text) + sum(cell_len(run) - len(run) for run in _OTHER.findall(text))


def lines(console: Console, text: Text, width: int) -> list[Line]:
    """`text` as `Text.wrap(console, width, overflow="fold")` and `render` cut it into
    lines (a cell of a table, the fields of a record)."""
    if text.justify in (None, "default") and not text.no_wrap:
        found = printed_lines(console, text, width)
        if found is not None:
            return found
    wrapped = text.wrap(console, width, overflow="fold")
    return [(segments(console, line), line.cell_len) for line in wrapped]


def printed_lines(
    console: Console, text: Text, width: int, soft: bool = False
) -> list[Line] | None:
    """`text`'s lines as `Console.print` lays them out in `width` cells (which sets the
    text's own justify, overflow and no_wrap aside), or None where only Rich can.

    `soft`: broken only at its newlines, whatever their width, as `print(soft_wrap=True)`.
    """
    if "\t" in text.plain:  # tabs are expanded first
        return None
    empty = Segment("", console.get_style(text.style) if text.style else None)
    return cut_lines(text.plain, lambda: segments(console, text), empty, width, soft)


def cut_lines(
    plain: str, runs: Callable[[], list[Segment]], empty: Segment, width: int, soft: bool = False
) -> list[Line] | None:
    """`plain`, rendered as `runs`, laid out as `printed_lines` lays it out (None: by Rich)."""
    try:
        lines = _pieces(plain, width, soft)
    except _RichOnly:
        return None
    return _cut(runs(), lines, empty)


def narrow_lines(text: str, width: int) -> list[str] | None:
    """`pieces` of a text of one paragraph whose every character is a cell, as the
    lines' texts (None for any other text)."""
    if "\n" in text or not _narrow(text):
        return None
    if len(text) <= width:
        return [text]
    try:
        found = _narrow_pieces(text, 0, width, _narrow_breaks(text, width))
    except _RichOnly:
        return None
    return [text[a:b] for a, b, _ in found]


def pieces(plain: str, width: int) -> list[tuple[int, int, int]] | None:
    """(start, end, cells) of each line `printed_lines` makes of a text without tabs
    (None: Rich's own wrapping is needed)."""
    try:
        return _pieces(plain, width, False)
    except _RichOnly:
        return None


def _pieces(plain: str, width: int, soft: bool) -> list[tuple[int, int, int]]:
    """(start, end, cells) of each line, as Text.wrap divides, trims and measures them."""
    pieces = []
    start = 0
    for paragraph in plain.split("\n"):
        end = start + len(paragraph)
        if soft:
            pieces.append((start, end, width_of(paragraph)))
        else:
            pieces.extend(_wrapped(paragraph, start, width))
        start = end + 1
    return pieces


def _wrapped(paragraph: str, start: int, width: int) -> list[tuple[int, int, int]]:
    if _narrow(paragraph):  # a character is a cell: nothing to measure
        if len(paragraph) <= width:
            return [(start, start + len(paragraph), len(paragraph))]
        return _narrow_pieces(paragraph, start, width, _narrow_breaks(paragraph, width))
    # A paragraph that fits has no break: a word's cells add up to the paragraph's.
    breaks = [] if width_of(paragraph) <= width else _breaks(paragraph, width)
    out = []
    for a, b in zip([0, *breaks], [*breaks, len(paragraph)], strict=True):
        piece = paragraph[a:b]
        if len(piece) > width:  # Text.rstrip_end: spaces beyond the width go (by characters)
            b -= min(len(piece) - len(piece.rstrip()), len(piece) - width)
            piece = paragraph[a:b]
        piece_cells = width_of(piece)
        if piece_cells > width:  # Text.truncate would crop it, and pad a split wide glyph
            raise _RichOnly
        out.append((start + a, start + b, piece_cells))
    return out


def _narrow_pieces(
    paragraph: str, start: int, width: int, breaks: list[int]
) -> list[tuple[int, int, int]]:
    """`_wrapped`'s pieces of a `_narrow` paragraph."""
    out = []
    for a, b in zip([0, *breaks], [*breaks, len(paragraph)], strict=True):
        if b - a > width:  # Text.rstrip_end: spaces beyond the width go
            piece = paragraph[a:b]
            b -= min(len(piece) - len(piece.rstrip()), len(piece) - width)
            if b - a > width:  # Text.truncate would crop it
                raise _RichOnly
        out.append((start + a, start + b, b - a))
    return out


def _breaks(paragraph: str, width: int) -> list[int]:
    """Where rich._wrap.divide_line breaks `paragraph`: each word (with the spaces after
    it, and before it at the start) goes on the line while its text fits there."""
    breaks = []
    offset = 0
    for match in _WORD.finditer(paragraph):
        start = match.start()
        word = match.group(0)
        length = width_of(word.rstrip())
        if width - offset >= length:
            offset += width_of(word)
        elif length > width:  # a word folded across lines: Rich's own way
            raise _RichOnly
        elif offset and start:
            breaks.append(start)
            offset = width_of(word)
    return breaks


def _narrow(paragraph: str) -> bool:
    """Every character of `paragraph` one cell wide (printable ASCII, and most letters and
    punctuation beyond it: a dash, curly quotes, Cyrillic) and a space its only white space."""
    if paragraph.isascii():
        return paragraph.isprintable()
    if not _NOT_ONE_CELL.search(paragraph):
        return True
    if _OTHER_SPACE.search(paragraph):
        return False
    return all(
        get_character_cell_size(char) == 1 and char not in "\u200d\ufe0f"
        for run in _OTHER.findall(paragraph)
        for char in run
    )


def _narrow_breaks(paragraph: str, width: int) -> list[int]:
    """`_breaks` for a `_narrow` paragraph, where a cell is a character and a space the
    only white space: a line starting at `line` holds the words that end by `line + width`, and
    the next starts at the first word after the last space there."""
    breaks = []
    line, end = 0, len(paragraph)
    while end > line + width:
        space = paragraph.rfind(" ", line, line + width + 1)
        if space < 0 or not paragraph[line:space].strip(" "):
            raise _RichOnly  # the line's first word is wider than the line: folded
        after = space + 1
        while after < end and paragraph[after] == " ":
            after += 1
        if after == end:  # nothing but spaces left: no other word
            break
        breaks.append(after)
        line = after
    return breaks


def segments(console: Console, text: Text) -> list[Segment]:
    """`text.render(console)`, with the text's own style applied where it has no spans
    (Text.render leaves that to its caller, as its wrapped lines render it)."""
    spans = text.spans
    if not spans:
        return [Segment(text.plain, console.get_style(text.style) if text.style else None)]
    plain = text.plain
    base = base_style(console, text.style)
    out = []
    at = 0
    # Text.render for spans in order that do not overlap (as Text.append makes them): a
    # segment for each span, styled as the text's style plus the span's, and for each gap.
    for start, end, style in spans:
        if start < at or end > len(plain):
            return list(text.render(console))
        if start > at:
            out.append(Segment(plain[at:start], base))
        if end > start:
            out.append(Segment(plain[start:end], span_style(console, text.style, style)))
            at = end
    if at < len(plain):
        out.append(Segment(plain[at:], base))
    return out


# Styles as Text.render makes them (its console's styles, then combined), made once each.
_STYLES: dict[tuple[Console, StyleType, StyleType | None], Style] = {}


def base_style(console: Console, name: StyleType) -> Style:
    """The style `Text.render` gives a text styled `name` where no span reaches."""
    return span_style(console, name, None)


def span_style(console: Console, base: StyleType, span: StyleType | None) -> Style:
    key = (console, base, span)
    style = _STYLES.get(key)
    if style is None:
        style = console.get_style(base, default=Style.null())
        if span is not None:
            style = Style.combine((style, console.get_style(span, default=Style.null())))
        if len(_STYLES) > 4096:
            _STYLES.clear()
        _STYLES[key] = style
    return style


def _cut(runs: list[Segment], pieces: list[tuple[int, int, int]], empty: Segment) -> list[Line]:
    """The runs' parts within each piece: the segments Rich renders for each line (`empty`
    for an empty line)."""
    if len(runs) == 1:  # text of one style: each line is one segment
        text, style, _ = runs[0]
        return [([Segment(text[a:b], style)] if a < b else [empty], n) for a, b, n in pieces]
    out: list[Line] = []
    index, run_start = 0, 0  # the first run that may reach into the next piece
    for start, end, cells in pieces:
        while index < len(runs) and run_start + len(runs[index].text) <= start:
            run_start += len(runs[index].text)
            index += 1
        segments = []
        i, at = index, run_start
        while i < len(runs) and at < end:
            run_text, style, _ = runs[i]
            a, b = max(start, at), min(end, at + len(run_text))
            if b > a:
                part = run_text if b - a == len(run_text) else run_text[a - at : b - at]
                segments.append(Segment(part, style))
            at += len(run_text)
            i += 1
        out.append((segments if start < end else [empty], cells))
    return out
