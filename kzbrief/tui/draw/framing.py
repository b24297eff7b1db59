"""A framing card: how one source frames the issue, and its stance on the chosen topic."""

from __future__ import annotations

from textual.content import Content

from kzbrief.model import Framing
from kzbrief.tui.view import View

from .common import BLANK, MUTED, hang, lit, quote_lines, short_date, wrap

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
    lines += _field("Thesis", lit(framing.thesis), width)
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
                lit("Stance", "bold $text-accent"), lit(stance.stance), width, indent=LABEL
            )
            lines += wrap(lit(name, MUTED), width, indent=LABEL)
            for quote in stance.quotes:
                lines += quote_lines(quote, view, width, indent=LABEL + 2)
    lines += _field("Tone", lit(framing.tone), width)
    lines += _field("Perspective", lit(framing.perspective), width)
    for i, frame in enumerate(framing.frames):
        value = lit(frame.name, "bold") + lit(f" — {frame.explanation}")
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
            lines += wrap(topic + lit(stance.stance), width, indent=2)
    return Content("\n").join(lines)
