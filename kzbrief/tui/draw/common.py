"""Literal text, wrapping with hanging indents, and grids, all measured in cells.

Functions that take a width return a list of lines, each at most `width` cells,
so wide and combining characters keep columns aligned.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from textual.content import Content

from kzbrief.dates import display_date
from kzbrief.model import Attested, Quote, Status
from kzbrief.text import JUDGEMENT
from kzbrief.tui.view import View

BLANK = Content("")
SPACE = Content(" ")
MUTED = "$text-muted"
HEAD = "bold $text-accent"
JUDGED = "bold $text-warning"
"""The style of the 'Judgement' tag before the briefing's own inferences."""


def lit(text: str, style: str = "") -> Content:
    """Briefing text as it is: `Content` never reads markup, links or emoji codes."""
    return Content.styled(text, style) if style else Content(text)


def judged(text: str, style: str = "", view: View | None = None) -> Content:
    """The briefing's own inference, behind a 'Judgement' tag so it never reads as reporting."""
    body = view.legend.named(text, style) if view is not None else lit(text, style)
    return lit(f"{JUDGEMENT}: ", JUDGED) + body


def prose(view: View, text: str, style: str = "") -> Content:
    """The briefing's own words, with sources named by their labels (see `Legend.named`)."""
    return view.legend.named(text, style)


def join(lines: Iterable[Content]) -> Content:
    return Content("\n").join(lines)


def wrap(content: Content, width: int, indent: int = 0) -> list[Content]:
    """`content` wrapped to `width` cells, every line indented by `indent`."""
    room = max(1, width - indent)
    lines = content.wrap(room) if content.plain else [BLANK]
    pad = " " * indent
    return [pad + line if indent else line for line in lines]


def hang(lead: Content, body: Content, width: int, indent: int | None = None) -> list[Content]:
    """`lead` then `body`, whose wrapped lines hang under the body's first character.

    When the lead leaves too little room, the body goes on the lines below it.
    """
    at = lead.cell_length if indent is None else indent
    if width - at < 12:
        return [*wrap(lead, width), *wrap(body, width, min(2, width // 4))]
    lines = wrap(body, width - at)
    first = lead.pad_right(max(0, at - lead.cell_length)) + lines[0]
    return [first, *(Content(" " * at) + line for line in lines[1:])]


def fit(content: Content, width: int) -> Content:
    """Exactly `width` cells: padded, or cut with an ellipsis."""
    if content.cell_length > width:
        return content.truncate(width, ellipsis=True)
    return content.pad_right(width - content.cell_length)


def centre(content: Content, width: int) -> Content:
    """Centred in `width` cells, keeping edge spaces (Textual's `center` strips and overpads)."""
    if content.cell_length > width:
        content = content.truncate(width, ellipsis=True)
    left = (width - content.cell_length) // 2
    return content.pad(left, width - content.cell_length - left)


def flush_right(content: Content, width: int) -> Content:
    if content.cell_length > width:
        content = content.truncate(width, ellipsis=True)
    return content.pad_left(width - content.cell_length)


def grid(
    rows: Iterable[Sequence[Content]],
    widths: Sequence[int],
    gap: Content = SPACE,
    max_lines: int | None = None,
) -> list[Content]:
    """Rows of cells, each wrapped in its column; a row is as tall as its tallest cell."""
    out: list[Content] = []
    for row in rows:
        cells = [wrap(cell, width) for cell, width in zip(row, widths, strict=True)]
        if max_lines is not None:
            cells = [
                _clip(cell, width, max_lines) for cell, width in zip(cells, widths, strict=True)
            ]
        height = max(len(cell) for cell in cells)
        for y in range(height):
            parts = [
                fit(cell[y] if y < len(cell) else BLANK, w)
                for cell, w in zip(cells, widths, strict=True)
            ]
            out.append(gap.join(parts))
    return out


def _clip(lines: list[Content], width: int, limit: int) -> list[Content]:
    if len(lines) <= limit:
        return lines
    last = lines[limit - 1]
    if last.cell_length >= width:
        last = last.truncate(width - 1)
    return [*lines[: limit - 1], last + "…"]


def split_widths(total: int, count: int, gap: int = 1) -> list[int]:
    """`count` column widths that, with gaps, fill `total` cells."""
    room = max(count, total - gap * (count - 1))
    base, extra = divmod(room, count)
    return [base + (1 if i < extra else 0) for i in range(count)]


def heading(text: str, width: int) -> list[Content]:
    return wrap(lit(text, HEAD), width)


def attested_value(value: Attested) -> Content:
    """A metadata value with how it is known; 'not stated' and 'inferred' are always visible."""
    if value.status is Status.NOT_STATED:
        out = lit("not stated", f"italic {MUTED}")
        if value.reason:
            out += lit(f" — {value.reason}", MUTED)
        return out
    shown = display_date(value.value) if value.value[:4].isdigit() else value.value
    if value.status is Status.INFERRED:
        out = lit(shown) + lit(" inferred", "italic $text-warning")
        if value.reason:
            out += lit(f": {value.reason}", MUTED)
        return out
    return lit(shown)


def short_date(date: Attested) -> Content:
    """A date with how it is known, without the reason (the Sources tab gives that)."""
    if date.status is Status.NOT_STATED or not date.value:
        return lit("not stated", f"italic {MUTED}")
    value = lit(display_date(date.value))
    if date.status is Status.INFERRED:
        return value + lit(" inferred", "italic $text-warning")
    return value


def quote_lines(quote: Quote, view: View, width: int, indent: int = 2) -> list[Content]:
    """A quote in italics behind a bar in its source's colour, with its locator and its
    place in the document (`Orozova ¶12`) when the documents have been read."""
    bar = " " * max(0, indent - 2) + "▌ "
    body = lit(f"“{quote.quote}”", "italic")
    if quote.locator:
        body += lit(f"  {quote.locator}", MUTED)
    tag = view.place_tag(quote)
    if tag is not None:
        body += "  " + tag
    lines = wrap(body, width - len(bar))
    return [view.legend.ink(bar, quote.source) + line for line in lines]


def pack(
    lines: list[Content], pieces: Sequence[Content], width: int, indent: int = 0
) -> list[Content]:
    """Append unbreakable `pieces` (badges) after `lines`, on a new line when one does not fit."""
    out = list(lines) or [BLANK]
    for piece in pieces:
        last = out[-1]
        if last.cell_length + 1 + piece.cell_length <= width:
            out[-1] = last + " " + piece if last.plain.strip() else last + piece
        else:
            out.append(
                Content(" " * indent) + piece.truncate(max(1, width - indent), ellipsis=True)
            )
    return out
