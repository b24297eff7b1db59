"""The overview: the question, the bottom line, the sources at a glance, and who covers what."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import chain, islice
from typing import TypeVar

from textual.content import Content

from kzbrief import query
from kzbrief.model import Claim, Topic
from kzbrief.text import basis_tag
from kzbrief.tui.view import View

from .common import (
    BLANK,
    MUTED,
    centre,
    fit,
    grid,
    heading,
    judged,
    lit,
    pack,
    short_date,
    split_widths,
    wrap,
)


def claim_lines(claim: Claim, view: View, width: int, changed: bool = False) -> list[Content]:
    """A bullet (Δ when it changed since --since) whose text wraps under itself, with the
    sources it rests on after it."""
    tags = [view.legend.badge(s) for s in claim.sources if view.shows(s)]
    text = judged(claim.text) if basis_tag(claim.basis) else lit(claim.text)
    lines = pack(wrap(text, width - 2), tags, width - 2)
    bullet = lit("Δ ", "bold $text-warning") if changed else lit("• ", "$text-accent")
    return [(bullet if i == 0 else Content("  ")) + line for i, line in enumerate(lines)]


def header_lines(view: View, width: int) -> list[Content]:
    b = view.bset
    brief = b.briefing
    total = b.topic_counts()[None]  # a cached set knows these without decoding its parts
    counts = (
        f"{len(b.sources)} sources · {len(b.topics)} topics · {total.events} events · "
        f"{total.contested} contested points · {total.figures} figures"
    )
    lines = wrap(lit(brief.question, "bold"), width)
    lines += wrap(lit(brief.scope, MUTED), width)
    lines += wrap(lit(counts, MUTED), width)
    lines += [BLANK, *heading("Bottom line", width)]
    changed = view.changed(("bottom-line",))
    for i, claim in enumerate(brief.bottom_line):
        lines += claim_lines(claim, view, width, str(i) in changed)
    topic = next((t for t in b.topics if t.id == view.topic), None)
    if topic is not None:
        lines += [BLANK, *heading(f"Topic: {topic.title}", width)]
        for claim in topic.summary:
            lines += claim_lines(claim, view, width)
        if not topic.summary:
            lines.append(lit("No summary for this topic.", MUTED))
    return lines


T = TypeVar("T")
PART = 40
"""Rows per part: a part of a 100× set's Overview takes a few milliseconds to draw."""


def _batches(items: Iterable[T], size: int = PART) -> Iterator[list[T]]:
    rows = iter(items)
    while batch := list(islice(rows, size)):
        yield batch


def sources_lines(view: View, width: int) -> list[Content]:
    return list(chain.from_iterable(sources_parts(view, width)))


def sources_parts(view: View, width: int) -> Iterator[list[Content]]:
    """One row per shown source in order of writing: badge, date, genre, thesis."""
    b = view.bset
    shown = [s for s in query.sources_by_date(b) if view.shows(s.id)]
    yield [BLANK, *heading("Sources at a glance", width)]
    if not shown:
        return
    badge_width = min(26, max(view.legend.badge(s.id).cell_length for s in shown))
    short_dates = {s.id: short_date(s.date) for s in shown}
    date_width = max(len(d.plain) for d in short_dates.values())
    fixed = [badge_width, date_width, 10]
    thesis_width = width - sum(fixed) - len(fixed)
    if thesis_width >= 24:
        rows = (
            [view.legend.badge(s.id), short_dates[s.id], lit(s.genre.value, MUTED), lit(s.thesis)]
            for s in shown
        )
        for batch in _batches(rows):
            yield grid(batch, [*fixed, thesis_width])
        return
    for sources in _batches(shown):
        lines: list[Content] = []
        for s in sources:
            genre = lit(f" · {s.genre.value}", MUTED)
            lead = view.legend.badge(s.id) + " " + short_dates[s.id] + genre
            lines += wrap(lead, width)
            lines += wrap(lit(s.thesis), width, indent=2)
        yield lines


def matrix_lines(view: View, width: int) -> list[Content]:
    return list(chain.from_iterable(matrix_parts(view, width)))


def matrix_parts(view: View, width: int) -> Iterator[list[Content]]:
    """Topics × shown sources: each source's stance on each topic, or whether it mentions it."""
    b = view.bset
    shown = [s for s in view.legend.by_date if view.shows(s)]
    lines = [BLANK, *heading("Who addresses what", width)]
    if not shown or not b.topics:
        yield lines
        return
    coverage = query.coverage(b)
    topic_width = max(12, min(28, width // 4))
    room = width - topic_width - 1
    glyphs = (room - (len(shown) - 1)) // len(shown) < 12
    more = 0
    if glyphs:
        # A glyph column needs 3 cells; the topic titles take whatever is left.
        fits = max(1, (width - 13) // 4)
        more, shown = max(0, len(shown) - fits), shown[:fits]
        topic_width = width - 4 * len(shown)
        room = width - topic_width - 1
    widths = [topic_width, *split_widths(room, len(shown))]
    legend = view.legend
    header = [lit("Topic", MUTED)] + [
        centre(legend.chip(s), w) if glyphs else fit(legend.badge(s), w)
        for s, w in zip(shown, widths[1:], strict=True)
    ]
    yield lines + grid([header], widths)

    def row(topic: Topic) -> list[Content]:
        chosen = topic.id == view.topic
        name = lit(("▸ " if chosen else "") + topic.title, "bold $text-accent" if chosen else "")
        cells = [name]
        for s, w in zip(shown, widths[1:], strict=True):
            stance = coverage.get((topic.id, s))
            if stance is None:
                cell = lit("·", MUTED)
            elif glyphs:
                cell = legend.ink("●", s) if stance else lit("○", MUTED)
            else:
                cell = lit(stance) if stance else lit("mentions it", f"italic {MUTED}")
            cells.append(centre(cell, w) if glyphs else cell)
        return cells

    for batch in _batches(row(topic) for topic in b.topics):
        yield grid(batch, widths, max_lines=None if glyphs else 4)
    key = (
        "● states a stance (see Framing)  ○ mentions it  · does not"
        if glyphs
        else "Stances from each source's framing, shortened; Framing (3) has them in full."
    )
    lines = [BLANK, *wrap(lit(key, MUTED), width)]
    if glyphs:
        names = [legend.chip(s) + lit(f" {legend.label(s)}") for s in shown]
        lines += pack([], names, width)
    if more:
        lines += wrap(
            lit(f"{more} more sources do not fit; press s to choose which are shown.", MUTED), width
        )
    yield lines


def overview_parts(view: View, width: int) -> Iterator[list[Content]]:
    """The overview in parts, the question and bottom line first (see widgets.lines)."""
    yield header_lines(view, width)
    yield from sources_parts(view, width)
    yield from matrix_parts(view, width)


def overview(view: View, width: int) -> list[Content]:
    return list(chain.from_iterable(overview_parts(view, width)))
