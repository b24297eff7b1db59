"""What an export shows: some of the reader's tabs, for a topic or one contested point, from
the shown sources, chosen the way the reader chooses them.

`select` applies the choices once; the Markdown and HTML renderers only lay out what it
returns, so both formats (and the reader they mirror) agree on what is in a view.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property

from msgspec.structs import asdict

from kzbrief import query
from kzbrief.colours import colour_slot
from kzbrief.model import (
    Claim,
    Contested,
    Entry,
    Event,
    Framing,
    Position,
    Quote,
    SetParts,
    Source,
    Topic,
    TopicStance,
)

SECTIONS: tuple[str, ...] = ("overview", "timeline", "framing", "compare", "figures", "sources")
"""The reader's tabs, in its order; an export shows some of them."""

TITLES = {
    "overview": "Overview",
    "timeline": "Timeline",
    "framing": "Framing",
    "compare": "Contested points",
    "figures": "Figures",
    "sources": "Sources",
}

Places = Mapping[tuple[str, str], str]
"""Where a quote stands in its document ("004.txt ¶12, line 36:1"), by (source id, words), when
known; else its locator is shown."""


@dataclass(frozen=True)
class Scope:
    """The choices: which sections, which topic, which contested point, which sources hidden."""

    sections: tuple[str, ...] = SECTIONS
    topic: str | None = None
    point: str | None = None
    hidden: frozenset[str] = field(default_factory=frozenset)

    def shows(self, source: str) -> bool:
        return source not in self.hidden


@dataclass(frozen=True)
class Selected:
    """A set seen through a `Scope`: only what the export shows, in the reader's order."""

    bset: SetParts
    scope: Scope
    topic: Topic | None
    events: list[Event]
    framing: list[Framing]
    contested: list[Contested]
    figures: list[query.MeasureGroup]
    glossary: list[Entry]
    references: list[Source]
    """The sources listed with their full references: every shown one when the export has
    the Sources section, otherwise the shown ones the exported items cite."""
    places: Places = field(default_factory=dict)

    @property
    def sections(self) -> tuple[str, ...]:
        return self.scope.sections

    @property
    def shown_sources(self) -> list[Source]:
        return [s for s in self.bset.sources if self.scope.shows(s.id)]

    @property
    def hidden_sources(self) -> list[Source]:
        return [s for s in self.bset.sources if not self.scope.shows(s.id)]

    # Looked up once per badge and quote: built once, not searched for each (a large set
    # has hundreds of sources and tens of thousands of quotes).
    @cached_property
    def _labels(self) -> dict[str, str]:
        return {s.id: s.label for s in self.bset.sources}

    @cached_property
    def _slots(self) -> dict[str, int]:
        return {s.id: colour_slot(i) for i, s in enumerate(self.bset.sources)}

    @cached_property
    def _topic_titles(self) -> dict[str, str]:
        return {t.id: t.title for t in self.bset.topics}

    @cached_property
    def _by_date(self) -> list[str]:
        return [s.id for s in query.sources_by_date(self.bset)]

    def label(self, source: str) -> str:
        return self._labels.get(source, source)

    def slot(self, source: str) -> int:
        """The source's colour slot: its place in the source file, as in the reader."""
        return self._slots.get(source, 0)

    def topic_title(self, topic: str) -> str:
        return self._topic_titles.get(topic, topic)

    def place(self, quote: Quote) -> str:
        """Where the quote is in its document: the place given, else its locator, else ''."""
        return self.places.get((quote.source, quote.quote), "") or quote.locator

    def quotes(self, quotes: Iterable[Quote]) -> tuple[list[Quote], int]:
        """The quotes from shown sources, and how many from hidden ones were left out."""
        quotes = list(quotes)
        shown = [q for q in quotes if self.scope.shows(q.source)]
        return shown, len(quotes) - len(shown)

    def positions(self, point: Contested) -> list[Position]:
        """Shown positions along the axis, as the reader orders its columns."""
        return query.along_axis(point, self.scope.shows, self._by_date)

    def claim_sources(self, claim: Claim) -> list[str]:
        return [s for s in claim.sources if self.scope.shows(s)]

    def glossary_sources(self, entry: Entry) -> list[str]:
        return [s for s in entry.sources if self.scope.shows(s)]

    def stances(self, card: Framing) -> list[TopicStance]:
        """A card's stances: on the chosen topic only, or on every topic."""
        if self.topic is None:
            return list(card.stances)
        return [s for s in card.stances if s.topic == self.topic.id]


def extra_fields(record: object, known: Iterable[str]) -> list[tuple[str, str]]:
    """Fields a record has beyond those a renderer knows (a newer model's, such as a claim's
    basis), as (name, text), for those that are set: shown rather than silently dropped."""
    skip = set(known)
    out = []
    for name, value in asdict(record).items():  # type: ignore[arg-type]
        if name in skip or value in ("", None, [], {}):
            continue
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        out.append((name.replace("_", " "), str(value)))
    return out


def select(bset: SetParts, scope: Scope, places: Places | None = None) -> Selected:
    """Apply `scope` to `bset` as the reader applies its topic and source choices."""
    unknown = [s for s in scope.sections if s not in SECTIONS]
    if unknown:
        raise ValueError(f"unknown section {unknown[0]!r}")
    shows = scope.shows
    topic = next((t for t in bset.topics if t.id == scope.topic), None)
    events = [
        e for e in query.events(bset, topic=scope.topic) if any(shows(q.source) for q in e.quotes)
    ]
    cards = [c for c in query.framing(bset) if shows(c.source)]
    if scope.point is not None:
        points = [c for c in bset.contested if c.id == scope.point]
    else:
        points = query.contested(bset, scope.topic)
    groups = []
    for group in query.figure_groups(bset, scope.topic):
        figures = [f for f in group.figures if shows(f.source)]
        if figures:
            groups.append(query.MeasureGroup(group.measure, figures))
    glossary = [g for g in bset.glossary if any(shows(s) for s in g.sources)]
    chosen = Selected(
        bset=bset,
        scope=scope,
        topic=topic,
        events=events if "timeline" in scope.sections else [],
        framing=cards if "framing" in scope.sections else [],
        contested=points if "compare" in scope.sections else [],
        figures=groups if "figures" in scope.sections else [],
        glossary=glossary if "sources" in scope.sections else [],
        references=[],
        places=places or {},
    )
    if "sources" in scope.sections:
        references = chosen.shown_sources
    else:
        cited = set(_cited(chosen))
        references = [s for s in chosen.shown_sources if s.id in cited]
    return replace(chosen, references=references)


def _cited(chosen: Selected) -> Iterator[str]:
    """Every source id the selected items name."""
    if "overview" in chosen.sections:
        brief = chosen.bset.briefing
        topics = [chosen.topic] if chosen.topic else chosen.bset.topics
        for claim in [*brief.bottom_line, *(c for t in topics for c in t.summary)]:
            yield from claim.sources
    for event in chosen.events:
        yield from (q.source for q in event.quotes)
    for card in chosen.framing:
        yield card.source
    for point in chosen.contested:
        for position in point.positions:
            yield position.source
            yield from (q.source for q in position.quotes)
    for group in chosen.figures:
        yield from (f.source for f in group.figures)
