"""The overview: the question, the bottom line, the sources at a glance, and who covers what."""

from __future__ import annotations

from textual.content import Content

from kzbrief import query
from kzbrief.model import Claim
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
    for i, claim in enumerate(brief.bottom_line):
        lines += claim_lines(claim, view, width, str(i) in changed)
    return lines


def sources_lines(view: View, width: int) -> list[Content]:
    """One row per shown source, in sources.yaml's order: badge, date, genre, thesis."""
    b = view.bset
    shown = [s for s in b.sources if view.shows(s.id)]
    lines = [BLANK, *heading("Sources at a glance", width)]
    if not shown:
        return lines
    badge_width = min(26, max(view.legend.badge(s.id).cell_length for s in shown))
    short_dates = {s.id: short_date(s.date) for s in shown}
    date_width = max(len(d.plain) for d in short_dates.values())
    fixed = [badge_width, date_width, 10]
    thesis_width = width - sum(fixed) - len(fixed)
    if thesis_width >= 24:
        rows = [
            [
                view.legend.badge(s.id),
                short_dates[s.id],
                lit(s.genre.value, MUTED),
                prose(view, s.thesis),
            ]
            for s in shown
        ]
        return lines + grid(rows, [*fixed, thesis_width])
    for s in shown:
        lead = view.legend.badge(s.id) + " " + short_dates[s.id] + lit(f" · {s.genre.value}", MUTED)
        lines += wrap(lead, width)
        lines += wrap(prose(view, s.thesis), width, indent=2)
    return lines


HEADER_EVERY = 12
"""Lines of the "who addresses what" matrix between repeats of its header."""


def matrix_lines(view: View, width: int) -> list[Content]:
    """Topics × shown sources: each source's stance on each topic, or whether it mentions it."""
    b = view.bset
    shown = [s for s in view.legend.ids if view.shows(s)]
    lines = [BLANK, *heading("Who addresses what", width)]
    if not shown or not b.topics:
        return lines
    cells = query.coverage(b)
    topic_width = max(12, min(28, width // 4))
    room = width - topic_width - 1
    column = (room - (len(shown) - 1)) // len(shown)
    # Text only where every word of every stance fits its column: a word is never split.
    longest = max(
        (len(word) for stance in cells.values() if stance for word in stance.split()), default=0
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
    rows: list[list[Content]] = [header]
    for topic in b.topics:
        chosen = topic.id == view.topic
        name = lit(("▸ " if chosen else "") + topic.title, "bold $text-accent" if chosen else "")
        row = [name]
        for s, w in zip(shown, widths[1:], strict=True):
            stance = cells.get((topic.id, s))
            if stance is None:
                cell = lit("·", MUTED)
            elif glyphs:
                cell = legend.ink("●", s) if stance else lit("○", MUTED)
            else:
                cell = lit(stance) if stance else lit("mentions it", f"italic {MUTED}")
            row.append(centre(cell, w) if glyphs else cell)
        rows.append(row)
    head = grid(rows[:1], widths)
    since = HEADER_EVERY
    for row in rows[1:]:
        # The header comes again between rows every few lines: the columns stay named.
        if since >= HEADER_EVERY:
            lines += head
            since = 0
        cells_lines = grid([row], widths, max_lines=None if glyphs else 4)
        lines += cells_lines
        since += len(cells_lines)
    key = (
        "● states a stance (see Framing)  ○ mentions it  · does not"
        if glyphs
        else "Stances from each source's framing, shortened; Framing (3) has them in full."
    )
    lines += [BLANK, *wrap(lit(key, MUTED), width)]
    if glyphs:
        names = [legend.chip(s) + lit(f" {legend.label(s)}") for s in shown]
        lines += pack([], names, width)
    if more:
        verb = "does" if more == 1 else "do"
        said = f"{plural(more, 'more source')} {verb} not fit; s chooses which are shown."
        lines += wrap(lit(said, MUTED), width)
    return lines


def overview(view: View, width: int) -> list[Content]:
    return [*header_lines(view, width), *sources_lines(view, width), *matrix_lines(view, width)]
