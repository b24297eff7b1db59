"""A briefing, or part of one, as Markdown that reads well on GitHub and in glow.

Headings per section; a contested point's axis as a table, and its positions side by side
in a table when they fit (a few sources, short cells), stacked otherwise; every quote a
blockquote naming its source and its place in the document; sources listed once, in full.
All briefing text goes through `md`, so none of it can become Markdown or HTML.
"""

from __future__ import annotations

from collections.abc import Iterator

from kzbrief.dates import display_date
from kzbrief.model import (
    PLACES,
    Attested,
    Claim,
    Contested,
    Event,
    Framing,
    Position,
    Quote,
    SetParts,
    Status,
)
from kzbrief.query import MeasureGroup, quote_sources
from kzbrief.scope import TITLES, Places, Scope, Selected, extra_fields, select
from kzbrief.text import JUDGEMENT, amount, basis_tag, place_words, short_date

from .mdtext import md, md_link

SIDE_BY_SIDE_MAX = 4
"""Most positions set side by side in a table; more read better stacked."""
SHORT_CELL = 160
"""Longest summary that still reads well in a table cell."""

Lines = Iterator[str]


def markdown(bset: SetParts, scope: Scope, places: Places | None = None) -> str:
    """The export of `scope` of `bset`, as one Markdown document."""
    chosen = select(bset, scope, places)
    return "\n".join(_document(chosen)).rstrip("\n") + "\n"


def _document(chosen: Selected) -> Lines:
    yield from _header(chosen)
    if "overview" in chosen.sections:
        yield from _overview(chosen)
    if "timeline" in chosen.sections:
        empty = "No events for this topic and these sources."
        yield from _section("Timeline", "" if chosen.events else empty)
        for event in chosen.events:
            yield from _event(chosen, event)
    if "framing" in chosen.sections:
        yield from _section("Framing", "" if chosen.framing else "No framing for these sources.")
        for card in chosen.framing:
            yield from _card(chosen, card)
    if "compare" in chosen.sections:
        empty = "No contested points for this topic."
        yield from _section(TITLES["compare"], empty if not chosen.contested else "")
        for point in chosen.contested:
            yield from _point(chosen, point)
    if "figures" in chosen.sections:
        empty = "No figures for this topic and these sources."
        yield from _section("Figures", "" if chosen.figures else empty)
        for group in chosen.figures:
            yield from _figures(chosen, group)
    title = "Sources" if "sources" in chosen.sections else "Sources cited"
    yield from _section(title, "" if chosen.references else "No sources shown.")
    for source in chosen.references:
        yield from _source(chosen, source.id)
    if chosen.glossary:
        yield from _section("Glossary", "")
        for entry in chosen.glossary:
            names = ", ".join(md(chosen.label(s)) for s in chosen.glossary_sources(entry))
            yield (
                f"- **{md(entry.term)}** (*{entry.kind}*) — {md(entry.description)} "
                f"*Mentioned by* {names}"
            )
        yield ""


def _section(title: str, empty: str) -> Lines:
    yield f"## {title}"
    yield ""
    if empty:
        yield f"*{empty}*"
        yield ""


def _header(chosen: Selected) -> Lines:
    brief = chosen.bset.briefing
    yield f"# {md(brief.title)}"
    yield ""
    yield f"**Question:** {md(brief.question)}"
    yield ""
    yield md(brief.scope)
    yield ""
    about = [f"As of {md(display_date(brief.as_of))}"]
    if chosen.topic is not None:
        about.append(f"Topic: {md(chosen.topic.title)}")
    if chosen.hidden_sources:
        shown = ", ".join(md(s.label) for s in chosen.shown_sources)
        hidden = ", ".join(md(s.label) for s in chosen.hidden_sources)
        about.append(f"Sources shown: {shown} (not shown: {hidden})")
    else:
        about.append("All sources shown")
    yield "*" + " · ".join(about) + "*"
    yield ""


def _claims(chosen: Selected, claims: list[Claim]) -> Lines:
    for claim in claims:
        tag = basis_tag(claim.basis)
        line = f"- **{tag}:** {md(claim.text)}" if tag else f"- {md(claim.text)}"
        names = [md(chosen.label(s)) for s in chosen.claim_sources(claim)]
        if names:
            line += " — *" + ", ".join(names) + "*"
        for name, value in extra_fields(claim, ("text", "basis", "sources")):
            line += f" ({md(name)}: {md(value)})"
        yield line
    yield ""


def _overview(chosen: Selected) -> Lines:
    yield from _section("Bottom line", "")
    yield from _claims(chosen, chosen.bset.briefing.bottom_line)
    topics = [chosen.topic] if chosen.topic is not None else chosen.bset.topics
    if chosen.topic is None:
        yield from _section("Topics", "" if topics else "No topics.")
    for topic in topics:
        yield f"{'##' if chosen.topic else '###'} Topic: {md(topic.title)}"
        yield ""
        if topic.summary:
            yield from _claims(chosen, topic.summary)
        else:
            yield "*No summary for this topic.*"
            yield ""


def blockquote(chosen: Selected, quote: Quote, indent: str = "") -> Lines:
    """`> “words”` then `> — Source, place`, with a hard break between them."""
    cite = md(chosen.label(quote.source))
    place = chosen.place(quote)
    if place:
        cite += f", {md(place)}"
    yield f"{indent}> “{md(quote.quote)}”\\"
    yield f"{indent}> — {cite}"
    yield ""


def _quotes(chosen: Selected, quotes: list[Quote], indent: str = "") -> Lines:
    shown, hidden = chosen.quotes(quotes)
    for quote in shown:
        yield from blockquote(chosen, quote, indent)
    if hidden:
        noun = "quote" if hidden == 1 else "quotes"
        yield f"{indent}*{hidden} {noun} from sources not shown.*"
        yield ""


def _topic_line(chosen: Selected, topics: list[str]) -> Lines:
    if topics:
        yield "*Topics:* " + " · ".join(md(chosen.topic_title(t)) for t in topics)
        yield ""


def _event(chosen: Selected, event: Event) -> Lines:
    yield f"### {md(display_date(event.date))} — {md(event.title)}"
    yield ""
    yield from _topic_line(chosen, event.topics)
    yield md(event.summary)
    yield ""
    if event.note:
        yield f"**Note:** {md(event.note)}"
        yield ""
    ordered = [q for s in quote_sources(event.quotes) for q in event.quotes if q.source == s]
    yield from _quotes(chosen, ordered)


def _card(chosen: Selected, card: Framing) -> Lines:
    source = chosen.bset.source(card.source)
    head = f"### {md(chosen.label(card.source))}"
    if source is not None:
        head += f" — {source.genre.value}, {md(short_date(source.date))}"
    yield head
    yield ""
    yield f"- **Thesis:** {md(card.thesis)}"
    yield f"- **Tone:** {md(card.tone)}"
    yield f"- **Perspective:** {md(card.perspective)}"
    if card.stresses:
        yield "- **Stresses:** " + " · ".join(md(s) for s in card.stresses)
    if card.omits:
        yield "- **Omits:** " + " · ".join(md(s) for s in card.omits)
    yield ""
    for frame in card.frames:
        yield f"**Frame: {md(frame.name)}** — {md(frame.explanation)}"
        yield ""
        yield from _quotes(chosen, frame.quotes)
    stances = chosen.stances(card)
    if chosen.topic is not None and not stances:
        yield f"*States no stance on {md(chosen.topic.title)}.*"
        yield ""
    for stance in stances:
        yield f"**Stance on {md(chosen.topic_title(stance.topic))}:** {md(stance.stance)}"
        yield ""
        yield from _quotes(chosen, stance.quotes)


def _point(chosen: Selected, point: Contested) -> Lines:
    positions = chosen.positions(point)
    yield f"### {md(point.question)}"
    yield ""
    yield from _topic_line(chosen, point.topics)
    yield f"**Axis:** {md(point.axis.left)} ◀──▶ {md(point.axis.right)}"
    yield ""
    yield from _axis_table(chosen, point)
    if _fits_side_by_side(positions):
        yield "| | " + " | ".join(md(chosen.label(p.source)) for p in positions) + " |"
        yield "|---|" + "---|" * len(positions)
        yield "| **Position** | " + " | ".join(f"**{md(p.label)}**" for p in positions) + " |"
        where = [md(place_words(p.stance, point.axis)) for p in positions]
        yield "| **Place** | " + " | ".join(where) + " |"
        yield "| **Summary** | " + " | ".join(md(p.summary) for p in positions) + " |"
        yield ""
    for position in positions:
        yield f"#### {md(chosen.label(position.source))}: {md(position.label)}"
        yield ""
        if not _fits_side_by_side(positions):
            yield f"*Place:* {md(place_words(position.stance, point.axis))}"
            yield ""
            yield md(position.summary)
            yield ""
        for quote in position.quotes:
            yield from blockquote(chosen, quote)
    hidden = len(point.positions) - len(positions)
    if hidden:
        noun = "position" if hidden == 1 else "positions"
        yield f"*{hidden} {noun} from sources not shown.*"
        yield ""
    yield f"**Why they differ:** *{JUDGEMENT}:* {md(point.why_they_differ)}"
    yield ""


def _axis_table(chosen: Selected, point: Contested) -> Lines:
    """The five places as columns, poles at the ends, each shown source under its place."""
    positions = chosen.positions(point)
    cells = [
        " · ".join(md(chosen.label(p.source)) for p in positions if p.stance == place)
        for place in PLACES
    ]
    yield "| " + " | ".join(md(place_words(place, point.axis)) for place in PLACES) + " |"
    yield "|:---|:---:|:---:|:---:|---:|"
    yield "| " + " | ".join(cells) + " |"
    yield ""
    unplaced = [md(chosen.label(p.source)) for p in positions if p.stance not in PLACES]
    if unplaced:
        yield "*No place on this axis:* " + ", ".join(unplaced)
        yield ""


def _fits_side_by_side(positions: list[Position]) -> bool:
    return 2 <= len(positions) <= SIDE_BY_SIDE_MAX and all(
        len(p.summary) <= SHORT_CELL for p in positions
    )


def _figures(chosen: Selected, group: MeasureGroup) -> Lines:
    yield f"### {md(group.measure.title)}"
    yield ""
    if group.differs:
        yield "**≠ The sources give different values for this measure.**"
        yield ""
    if group.measure.note:
        yield f"*{JUDGEMENT}:* {md(group.measure.note)}"
        yield ""
    yield "| Source | Amount | Period |"
    yield "|---|---|---|"
    for f in group.figures:
        yield f"| {md(chosen.label(f.source))} | {md(amount(f))} | {md(f.period)} |"
    yield ""
    for f in group.figures:
        yield from blockquote(chosen, Quote(source=f.source, quote=f.quote))
        if f.note:
            yield f"**Note:** {md(f.note)}"
            yield ""


def _attested(value: Attested, link: bool = False) -> str:
    """A metadata value with how it is known: 'not stated' and 'inferred' always said."""
    if value.status is Status.NOT_STATED:
        return "*not stated*" + (f" ({md(value.reason)})" if value.reason else "")
    shown = display_date(value.value) if value.value[:4].isdigit() else value.value
    text = md_link(shown) if link else md(shown)
    if value.status is Status.INFERRED:
        return text + (f" (*inferred*: {md(value.reason)})" if value.reason else " (*inferred*)")
    return text + (f" ({md(value.reason)})" if value.reason else "")


def _source(chosen: Selected, source_id: str) -> Lines:
    source = chosen.bset.source(source_id)
    if source is None:
        return
    yield f"### {md(source.label)}"
    yield ""
    yield f"**{md(source.title)}**"
    yield ""
    yield f"- **Author:** {_attested(source.author)}"
    yield f"- **Outlet:** {_attested(source.outlet)}"
    yield f"- **Date:** {_attested(source.date)}"
    yield f"- **URL:** {_attested(source.url, link=True)}"
    yield f"- **Genre:** {source.genre.value}"
    yield f"- **Perspective:** {md(source.perspective)}"
    yield f"- **Thesis:** {md(source.thesis)}"
    yield f"- **Document:** {md(source.document)}"
    yield ""
    if source.problems and "sources" in chosen.sections:
        yield "#### Slips in the document"
        yield ""
        for note in source.problems:
            yield f"- {md(note.note)}"
            yield ""
            for quote in note.quotes:
                yield from blockquote(chosen, quote, indent="  ")
