"""A contested point: where each source stands on its axis, and their positions side by side.

The detail reads top to bottom: the question; one shared axis with every source
placed on it; a column per source (ordered along the axis, so the columns read
like the axis above them); and why the sources differ. Columns that do not fit
the width wrap onto further rows rather than being cut.
"""

from __future__ import annotations

from textual.content import Content

from kzbrief.model import PLACES, Contested, Position
from kzbrief.query import along_axis
from kzbrief.text import place_words
from kzbrief.tui.view import View

from .common import (
    BLANK,
    MUTED,
    centre,
    fit,
    flush_right,
    heading,
    judged,
    lit,
    prose,
    split_widths,
    wrap,
)

MIN_COLUMN = 17
"""Narrowest column, bar included; five fit side by side in the main pane at 120 columns."""
_TRACK = "$text-muted"


def ordered(point: Contested, view: View) -> list[Position]:
    """Shown positions along the axis, left to right, then those with no place; ties by date."""
    return along_axis(point, view.shows, view.legend.ids)


def spread(point: Contested, view: View) -> Content:
    """Which of the five places the shown sources occupy: `◀●─●●─▶`."""
    taken = {p.stance for p in point.positions if view.shows(p.source)}
    track = Content("").join(
        lit("●", "$text-accent") if place in taken else lit("─", _TRACK) for place in PLACES
    )
    return lit("◀", _TRACK) + track + lit("▶", _TRACK)


def point_row(point: Contested, view: View, width: int) -> Content:
    """One line: the question (cut to fit; the detail shows it whole) and where sources stand."""
    shown = sum(view.shows(p.source) for p in point.positions)
    tail = spread(point, view) + lit(f" {shown:>2}", MUTED)
    room = max(8, width - tail.cell_length - 1)
    return fit(lit(" ".join(point.question.split())), room) + " " + tail


def where(stance: str | None, point: Contested) -> str:
    """A place in the axis's own words: 'leans to Aligned with Russia'."""
    return place_words(stance, point.axis)


def marker(stance: str | None, width: int, colour: str) -> Content:
    """A track `├──●─────┤` with the source's place on it, `width` cells wide."""
    width = max(5, width)
    if stance not in PLACES:
        return lit("├" + "┄" * (width - 2) + "┤", _TRACK)
    at = 1 + round(PLACES.index(stance) * (width - 3) / (len(PLACES) - 1))
    track = ["─"] * width
    track[0], track[-1] = "├", "┤"
    return (
        lit("".join(track[:at]), _TRACK)
        + lit("●", f"bold {colour}")
        + lit("".join(track[at + 1 :]), _TRACK)
    )


def axis_strip(
    point: Contested, positions: list[Position], view: View, width: int
) -> list[Content]:
    """The shared axis: its two poles, a track, and every source's badge under its place."""
    lines: list[Content] = []
    left, right = lit(point.axis.left, "bold"), lit(point.axis.right, "bold")
    if left.cell_length + right.cell_length + 4 <= width:
        gap = width - left.cell_length - right.cell_length
        lines.append(left + Content(" " * gap) + right)
    else:
        lines += wrap(lit("◀ ", _TRACK) + left, width)
        lines += [flush_right(line, width) for line in wrap(right + lit(" ▶", _TRACK), width)]
    slots = split_widths(width, len(PLACES), gap=0)
    track = Content("")
    for i, slot in enumerate(slots):
        piece = ["─"] * slot
        piece[slot // 2] = "┼"
        if i == 0:
            piece[0] = "◀"
        if i == len(slots) - 1:
            piece[-1] = "▶"
        track += lit("".join(piece), _TRACK)
    lines.append(track)
    stacks: list[list[Content]] = [[] for _ in PLACES]
    unplaced: list[str] = []
    for position in positions:
        if position.stance in PLACES:
            badge = view.legend.badge(position.source)
            stacks[PLACES.index(position.stance)].append(badge)
        else:
            unplaced.append(position.source)
    for y in range(max((len(s) for s in stacks), default=0)):
        row = Content("")
        for stack, slot in zip(stacks, slots, strict=True):
            row += centre(stack[y] if y < len(stack) else BLANK, slot)
        lines.append(row)
    if unplaced:
        names = Content(" ").join(view.legend.badge(s) for s in unplaced)
        lines += wrap(lit("Takes no position: ", MUTED) + names, width)
    return lines


def column(position: Position, point: Contested, view: View, width: int) -> list[Content]:
    """One source's position, `width` cells wide, behind a bar in the source's colour."""
    legend = view.legend
    colour = legend.ink_colour(position.source)
    room = max(1, width - 2)
    body: list[Content] = [fit(legend.badge(position.source), room)]
    body += wrap(lit(position.label, "bold"), room)
    body.append(marker(position.stance, room, colour))
    body += wrap(lit(where(position.stance, point), f"italic {MUTED}"), room)
    body.append(BLANK)
    body += wrap(prose(view, position.summary), room)
    for quote in position.quotes:
        body.append(BLANK)
        text = lit(f"“{quote.quote}”", "italic")
        if quote.source != position.source:
            text = lit(f"{legend.label(quote.source)}: ", MUTED) + text
        if quote.locator:
            text += lit(f" ({quote.locator})", MUTED)
        if (tag := view.place_tag(quote)) is not None:
            text += "  " + tag
        body += wrap(text, room)
    return body


def columns(point: Contested, positions: list[Position], view: View, width: int) -> list[Content]:
    """Columns side by side, as many per row as fit at `MIN_COLUMN`; the rest wrap below."""
    if not positions:
        return []
    per_row = max(1, min(len(positions), (width + 1) // (MIN_COLUMN + 1)))
    widths = split_widths(width, per_row, gap=1)
    lines: list[Content] = []
    for start in range(0, len(positions), per_row):
        group = positions[start : start + per_row]
        cells = [column(p, point, view, w) for p, w in zip(group, widths, strict=False)]
        height = max(len(c) for c in cells)
        if start:
            lines.append(BLANK)
        for y in range(height):
            row = []
            for position, cell, w in zip(group, cells, widths, strict=False):
                bar = view.legend.ink("▌ ", position.source)
                row.append(bar + fit(cell[y] if y < len(cell) else BLANK, w - 2))
            lines.append(Content(" ").join(row))
    return lines


def compare_detail(point: Contested, view: View, width: int) -> list[Content]:
    positions = ordered(point, view)
    topics = {t.id: t.title for t in view.bset.topics}
    lines = wrap(lit(point.question, "bold"), width)
    if point.topics:
        lines += wrap(lit(" · ".join(topics.get(t, t) for t in point.topics), MUTED), width)
    lines.append(BLANK)
    lines += axis_strip(point, positions, view, width)
    lines.append(BLANK)
    lines += columns(point, positions, view, width)
    hidden = len(point.positions) - len(positions)
    if hidden:
        noun = "position" if hidden == 1 else "positions"
        lines += [BLANK, lit(f"{hidden} {noun} from hidden sources (s to show them)", MUTED)]
    lines += [BLANK, *heading("Why they differ", width)]
    lines += wrap(judged(point.why_they_differ, view=view), width)
    return lines
