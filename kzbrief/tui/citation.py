"""Plain text for the clipboard: an item, the quotes it rests on, and the sources to cite."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, TypeAlias

from kzbrief.dates import display_date
from kzbrief.model import Contested, Entry, Event, Figure, Framing, Quote, SetParts, Source
from kzbrief.text import attested, one_line, place_words

if TYPE_CHECKING:  # the Overview imports this module; placing quotes comes later, if at all
    from kzbrief.places import Place

PlaceOf: TypeAlias = "Callable[[str, str], Place | None]"
"""A quote's place in its document, by source id and words (`View.place`)."""


def _no_place(_source: str, _quote: str) -> Place | None:
    return None


def _quote(q: Quote, bset: SetParts, place_of: PlaceOf = _no_place) -> str:
    source = bset.source(q.source)
    label = source.label if source else q.source
    where = f" ({q.locator})" if q.locator else ""
    place = place_of(q.source, q.quote)
    if place is not None:
        where += f" [{place.cite()}]"
    return f"{label}: “{one_line(q.quote)}”{where}"


def passage(q: Quote, bset: SetParts, place_of: PlaceOf) -> str:
    """One quoted passage, as the Documents tab shows it, with its source to cite."""
    return "\n".join([_quote(q, bset, place_of), *sources_block([q.source], bset)])


def cite_source(source: Source) -> str:
    parts = [f"{source.label} — {one_line(source.title)}"]
    parts.append(f"author: {attested(source.author)}")
    parts.append(f"outlet: {attested(source.outlet)}")
    parts.append(f"date: {attested(source.date)}")
    if source.url.value:
        parts.append(source.url.value)
    return "; ".join(parts)


def sources_block(ids: Iterable[str], bset: SetParts) -> list[str]:
    found = [bset.source(i) for i in dict.fromkeys(ids)]
    lines = ["", "Sources:"]
    lines += [f"  {cite_source(s)}" for s in found if s is not None]
    brief = bset.briefing
    lines.append(f"From the briefing “{brief.title}”, as of {display_date(brief.as_of)}.")
    return lines


def event(e: Event, bset: SetParts, place_of: PlaceOf = _no_place) -> str:
    lines = [f"{display_date(e.date)} — {one_line(e.title)}", one_line(e.summary)]
    if e.note:
        lines.append(f"Note: {one_line(e.note)}")
    lines += [_quote(q, bset, place_of) for q in e.quotes]
    return "\n".join(lines + sources_block((q.source for q in e.quotes), bset))


def contested(c: Contested, bset: SetParts, place_of: PlaceOf = _no_place) -> str:
    lines = [one_line(c.question), f"Axis: {c.axis.left} ↔ {c.axis.right}", ""]
    for p in c.positions:
        source = bset.source(p.source)
        label = source.label if source else p.source
        lines.append(f"{label} — {one_line(p.label)} ({place_words(p.stance, c.axis)})")
        lines.append(f"  {one_line(p.summary)}")
        lines += [f"  {_quote(q, bset, place_of)}" for q in p.quotes]
    lines += ["", f"Why they differ: {one_line(c.why_they_differ)}"]
    ids = [q.source for p in c.positions for q in p.quotes]
    return "\n".join(lines + sources_block(ids, bset))


def figure(f: Figure, bset: SetParts, measure: str, place_of: PlaceOf = _no_place) -> str:
    amount = " ".join(x for x in (f.qualifier, f.value, f.unit) if x)
    lines = [f"{one_line(measure)}: {amount} ({one_line(f.period)})"]
    lines.append(_quote(Quote(source=f.source, quote=f.quote), bset, place_of))
    if f.note:
        lines.append(f"Note: {one_line(f.note)}")
    return "\n".join(lines + sources_block([f.source], bset))


def framing(card: Framing, bset: SetParts, topic: str | None, place_of: PlaceOf = _no_place) -> str:
    source = bset.source(card.source)
    label = source.label if source else card.source
    lines = [f"How {label} frames it: {one_line(card.thesis)}", f"Tone: {one_line(card.tone)}"]
    for fr in card.frames:
        lines.append(f"Frame: {one_line(fr.name)} — {one_line(fr.explanation)}")
        lines += [f"  {_quote(q, bset, place_of)}" for q in fr.quotes]
    for st in card.stances:
        if topic is None or st.topic == topic:
            title = next((t.title for t in bset.topics if t.id == st.topic), st.topic)
            lines.append(f"Stance on {one_line(title)}: {one_line(st.stance)}")
            lines += [f"  {_quote(q, bset, place_of)}" for q in st.quotes]
    return "\n".join(lines + sources_block([card.source], bset))


def source(s: Source, bset: SetParts) -> str:
    lines = [cite_source(s), f"Genre: {s.genre.value}", f"Thesis: {one_line(s.thesis)}"]
    return "\n".join(lines + sources_block([], bset)[-1:])


def entry(g: Entry, bset: SetParts) -> str:
    return "\n".join(
        [
            f"{one_line(g.term)} ({g.kind}): {one_line(g.description)}",
            *sources_block(g.sources, bset),
        ]
    )
