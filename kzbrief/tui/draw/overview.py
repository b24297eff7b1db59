"""The overview: the question, the bottom line, the sources at a glance, and who covers what."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import chain, islice
from typing import TypeVar

from textual.content import Content

from kzbrief.model import Claim, Topic
from kzbrief.text import basis_tag, plural
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
    prose,
    short_date,
    split_widths,
    wrap,
)


def claim_lines(claim: Claim, view: View, width: int, changed: bool = False) -> list[Content]:
    """A bullet (Δ when it changed since --since) whose text wraps under itself, with the
    sources it rests on after it."""
    tags = [view.legend.badge(s) for s in claim.sources if view.shows(s)]
    text = judged(claim.text, view=view) if basis_tag(claim.basis) else prose(view, claim.text)
    lines = pack(wrap(text, width - 2), tags, width - 2)
    bullet = lit("Δ ", "bold $text-warning") if changed else lit("• ", "$text-accent")
    return [(bullet if i == 0 else Content("  ")) + line for i, line in enumerate(lines)]


def header_lines(view: View, width: int) -> list[Content]:
    return list(chain.from_iterable(header_parts(view, width)))


def header_parts(view: View, width: int, screen: int = 0) -> Iterator[list[Content]]:
    """The question, the chosen topic's summary and the bottom line, in parts: the first
    holds at least `screen` lines (what the first frame shows), then the bottom line's
    other claims follow, `PART` at a time (wrapping them is most of the header's time)."""
    b = view.bset
    brief = b.briefing
    whole = view.topic_counts()[None]  # what the shown sources say
    shown = f"{len(view.shown)}/{len(b.sources)}" if view.hidden else f"{len(b.sources)}"
    counts = " · ".join(
        [
            plural(len(b.sources), "source").replace(str(len(b.sources)), shown, 1),
            plural(len(b.topics), "topic"),
            plural(whole.events, "event"),
            plural(whole.contested, "contested point"),
            plural(whole.figures, "figure"),
        ]
    )
    lines = wrap(lit(brief.question, "bold"), width)
    topic = next((t for t in b.topics if t.id == view.topic), None)
    if topic is not None:
        # First, so that choosing a topic changes the first screen, where the eye is.
        lines += [BLANK, *heading(f"Topic: {topic.title}", width)]
        for claim in topic.summary:
            lines += claim_lines(claim, view, width)
        if not topic.summary:
            lines.append(lit("No summary for this topic.", MUTED))
        lines.append(BLANK)
    lines += wrap(prose(view, brief.scope, MUTED), width)
    lines += wrap(lit(counts, MUTED), width)
    lines += [BLANK, *heading("Bottom line", width)]
    changed = view.changed(("bottom-line",))
    claims = iter(enumerate(brief.bottom_line))
    for i, claim in claims:
        lines += claim_lines(claim, view, width, str(i) in changed)
        if len(lines) >= screen:
            break
    yield lines
    for batch in _batches(claims):
        yield [
            line
            for i, claim in batch
            for line in claim_lines(claim, view, width, str(i) in changed)
        ]


T = TypeVar("T")
PART = 10
"""Rows per part: a part of a 100× set's Overview takes a few milliseconds to draw (40
took ~25 ms, which a key pressed meanwhile waited for: `j` in the topic list redraws it)."""


def _batches(items: Iterable[T], size: int = PART) -> Iterator[list[T]]:
    rows = iter(items)
    while batch := list(islice(rows, size)):
        yield batch


def sources_lines(view: View, width: int) -> list[Content]:
    return list(chain.from_iterable(sources_parts(view, width)))


def sources_parts(view: View, width: int) -> Iterator[list[Content]]:
    """One row per shown source, in sources.yaml's order: badge, date, genre, thesis."""
    b = view.bset
    shown = [s for s in b.sources if view.shows(s.id)]
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
            [
                view.legend.badge(s.id),
                short_dates[s.id],
                lit(s.genre.value, MUTED),
                prose(view, s.thesis),
            ]
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
            lines += wrap(prose(view, s.thesis), width, indent=2)
        yield lines


HEADER_EVERY = 12
"""Lines of the "who addresses what" matrix between repeats of its header."""


def matrix_lines(view: View, width: int) -> list[Content]:
    return list(chain.from_iterable(matrix_parts(view, width)))


def matrix_parts(view: View, width: int) -> Iterator[list[Content]]:
    """Topics × shown sources: each source's stance on each topic, or whether it mentions it."""
    b = view.bset
    shown = [s for s in view.legend.ids if view.shows(s)]
    yield [BLANK, *heading("Who addresses what", width)]
    if not shown or not b.topics:
        return
    stances = view.coverage()
    topic_width = max(12, min(28, width // 4))
    room = width - topic_width - 1
    column = (room - (len(shown) - 1)) // len(shown)
    # Text only where every word of every stance fits its column: a word is never split.
    longest = max(
        (len(word) for stance in stances.values() if stance for word in stance.split()), default=0
    )
    glyphs = column < max(12, longest)
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
    head = grid([header], widths)

    def row(topic: Topic) -> list[Content]:
        chosen = topic.id == view.topic
        name = lit(("▸ " if chosen else "") + topic.title, "bold $text-accent" if chosen else "")
        cells = [name]
        for s, w in zip(shown, widths[1:], strict=True):
            stance = stances.get((topic.id, s))
            if stance is None:
                cell = lit("·", MUTED)
            elif glyphs:
                cell = legend.ink("●", s) if stance else lit("○", MUTED)
            else:
                cell = lit(stance) if stance else lit("mentions it", f"italic {MUTED}")
            cells.append(centre(cell, w) if glyphs else cell)
        return cells

    since = HEADER_EVERY
    for batch in _batches(b.topics):
        lines: list[Content] = []
        for topic in batch:
            # The header comes again between rows every few lines: the columns stay named.
            if since >= HEADER_EVERY:
                lines += head
                since = 0
            cells_lines = grid([row(topic)], widths, max_lines=None if glyphs else 4)
            lines += cells_lines
            since += len(cells_lines)
        yield lines
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
        verb = "does" if more == 1 else "do"
        said = f"{plural(more, 'more source')} {verb} not fit; s chooses which are shown."
        lines += wrap(lit(said, MUTED), width)
    yield lines


def overview_parts(view: View, width: int) -> Iterator[list[Content]]:
    """The overview in parts, the question and bottom line first (see widgets.lines)."""
    yield from header_parts(view, width)
    yield from sources_parts(view, width)
    yield from matrix_parts(view, width)


def overview(view: View, width: int) -> list[Content]:
    return list(chain.from_iterable(overview_parts(view, width)))
