"""A framing card: how one source frames the issue, and its stance on the chosen topic."""

from __future__ import annotations

from collections.abc import Iterator

from textual.content import Content

from kzbrief.model import Framing
from kzbrief.tui.view import View

from .common import (
    BLANK,
    HEAD,
    MUTED,
    fit,
    hang,
    lit,
    prose,
    quote_lines,
    short_date,
    split_widths,
    wrap,
)

LABEL = 13
"""Width of the field names, so every value starts in one column."""


def _field(name: str, value: Content, width: int) -> list[Content]:
    return hang(lit(name, "bold"), value, width, indent=LABEL)


def card(framing: Framing, view: View, width: int) -> Content:
    legend = view.legend
    source = view.bset.source(framing.source)
    topics = {t.id: t.title for t in view.bset.topics}
    head = legend.badge(framing.source)
    if source is not None:
        head += lit(f"  {source.genre.value} · ", MUTED) + short_date(source.date)
    lines = wrap(head, width)
    lines += _field("Thesis", prose(view, framing.thesis), width)
    if view.topic is not None:
        stance = next((s for s in framing.stances if s.topic == view.topic), None)
        name = f"On {topics.get(view.topic, view.topic)}"
        if stance is None:
            lines += _field(
                "Stance",
                lit(f"states none on {topics.get(view.topic, view.topic)}", f"italic {MUTED}"),
                width,
            )
        else:
            lines += hang(
                lit("Stance", "bold $text-accent"), prose(view, stance.stance), width, indent=LABEL
            )
            lines += wrap(lit(name, MUTED), width, indent=LABEL)
            for quote in stance.quotes:
                lines += quote_lines(quote, view, width, indent=LABEL + 2)
    lines += _field("Tone", prose(view, framing.tone), width)
    lines += _field("Perspective", prose(view, framing.perspective), width)
    for i, frame in enumerate(framing.frames):
        value = lit(frame.name, "bold") + prose(view, f" — {frame.explanation}")
        lines += _field("Frames" if i == 0 else "", value, width)
        for quote in frame.quotes:
            lines += quote_lines(quote, view, width, indent=LABEL + 2)
    if framing.stresses:
        lines += _field("Stresses", lit(" · ".join(framing.stresses)), width)
    if framing.omits:
        lines += _field("Omits", lit(" · ".join(framing.omits)), width)
    if view.topic is None and framing.stances:
        # Quotes for a stance appear once its topic is chosen; all of them here is too much.
        lines += [
            BLANK,
            lit("Stances by topic (choose a topic for the quotes)", "bold $text-accent"),
        ]
        for stance in framing.stances:
            topic = lit(topics.get(stance.topic, stance.topic), "bold") + lit(": ")
            lines += wrap(topic + prose(view, stance.stance), width, indent=2)
    return Content("\n").join(lines)


MIN_COLUMN = 17
"""Narrowest column, bar included, as on Compare: three fit at 80 columns, five at 120."""
MAX_COLUMN = 48
"""Widest column: beyond it prose gets hard to read, so wide terminals keep a margin."""


def _cells(framing: Framing, view: View, topics: dict[str, str]) -> list[tuple[str, Content]]:
    """One source's rows in the side-by-side view: (row name, value)."""
    rows = [("Thesis", prose(view, framing.thesis))]
    if view.topic is not None:
        stance = next((s for s in framing.stances if s.topic == view.topic), None)
        name = f"Stance on {topics.get(view.topic, view.topic)}"
        value = prose(view, stance.stance) if stance else lit("states none", f"italic {MUTED}")
        rows.append((name, value))
    rows += [("Tone", prose(view, framing.tone)), ("Perspective", prose(view, framing.perspective))]
    frames = Content("\n").join(lit(f"• {f.name}") for f in framing.frames)
    rows.append(("Frames", frames if framing.frames else lit("none", MUTED)))
    return rows


def side_by_side(cards: list[Framing], view: View, width: int) -> Iterator[list[Content]]:
    """The shown sources' framing in columns, one row per field, so a row reads across.

    As many columns per row as fit at `MIN_COLUMN`; the rest stack below. In parts, one
    per row of columns: 500 sources are a hundred rows of five, and the first is what
    the reader sees first."""
    if not cards:
        yield [lit("No framing cards for the shown sources.", MUTED)]
        return
    topics = {t.id: t.title for t in view.bset.topics}
    per_row = max(1, min(len(cards), (width + 1) // (MIN_COLUMN + 1)))
    widths = [min(MAX_COLUMN, w) for w in split_widths(width, per_row, gap=1)]
    lines: list[Content] = []
    if view.topic is None:
        lines += wrap(lit("Choose a topic (left) to compare the stances on it.", MUTED), width)
        lines.append(BLANK)
    for start in range(0, len(cards), per_row):
        group = cards[start : start + per_row]
        if start:
            lines.append(BLANK)
        heads = [view.legend.badge(c.source) for c in group]
        dates = [_dated(c, view) for c in group]
        fields = [_cells(c, view, topics) for c in group]
        lines += _row(group, [[h] for h in heads], widths, view)
        lines += _row(
            group, [wrap(d, w - 2) for d, w in zip(dates, widths, strict=False)], widths, view
        )
        for i, (name, _) in enumerate(fields[0]):
            lines.append(BLANK)
            lines.append(lit(name, HEAD))
            cells = [
                [line for part in f[i][1].split("\n") for line in wrap(part, w - 2)]
                for f, w in zip(fields, widths, strict=False)
            ]
            lines += _row(group, cells, widths, view)
        yield lines
        lines = []


def _dated(framing: Framing, view: View) -> Content:
    source = view.bset.source(framing.source)
    if source is None:
        return BLANK
    return lit(f"{source.genre.value} · ", MUTED) + short_date(source.date)


def _row(
    group: list[Framing], cells: list[list[Content]], widths: list[int], view: View
) -> list[Content]:
    """Cells side by side, each behind a bar in its source's colour."""
    out: list[Content] = []
    for y in range(max(len(c) for c in cells)):
        parts = [
            view.legend.ink("▌ ", f.source) + fit(cell[y] if y < len(cell) else BLANK, w - 2)
            for f, cell, w in zip(group, cells, widths, strict=False)
        ]
        out.append(Content(" ").join(parts))
    return out
