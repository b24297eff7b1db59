"""The briefing model: frozen msgspec Structs, with no I/O and no UI.

The Structs are the schema. The JSON Schemas shipped for editors are generated
from them, the loader validates raw YAML against them, and `kzbrief export`
encodes them, so there is a single definition of what a briefing is.
"""

# No `from __future__ import annotations` here: with real (not string) annotations
# msgspec builds its decoders without evaluating strings, ~2 ms less per start.
from collections import Counter
from collections.abc import Iterable
from enum import StrEnum
from typing import Annotated, Literal, NamedTuple, Protocol

import msgspec
from msgspec import Meta, Struct, field

ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
DATE_PATTERN = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?~?$"

Id = Annotated[
    str,
    Meta(
        pattern=ID_PATTERN,
        max_length=80,
        description="Lower-case letters, digits and hyphens.",
    ),
]
Text = Annotated[str, Meta(min_length=1, description="Plain text, shown literally.")]
PartialDate = Annotated[
    str,
    Meta(
        pattern=DATE_PATTERN,
        description=(
            "ISO date at the precision known: 2022, 2022-03 or 2022-03-14; "
            "a trailing ~ marks it approximate."
        ),
    ),
]


class Base(
    Struct, frozen=True, kw_only=True, forbid_unknown_fields=True, omit_defaults=True, gc=False
):
    """Every record is immutable, keyword-built and rejects unknown keys.

    gc=False: records hold only text, enums and lists of records, so they cannot form a
    reference cycle, and the cycle collector need not track them. For a 100× set that is
    60,000 fewer objects to walk on every full collection, and a third off decoding it.
    """


class Quote(Base, frozen=True, kw_only=True):
    """Exact words from a source document."""

    source: Annotated[Id, Meta(description="Id of the source the words come from.")]
    quote: Annotated[
        Text,
        Meta(
            description=(
                "The document's exact words; only whitespace and typographic quote "
                "marks may differ, and ... marks an omission."
            )
        ),
    ]
    locator: Annotated[str, Meta(description="Where in the document, e.g. 'para 4'.")] = ""


class Status(StrEnum):
    """How a metadata value is known."""

    STATED = "stated"
    INFERRED = "inferred"
    NOT_STATED = "not-stated"


class Attested(Base, frozen=True, kw_only=True):
    """A metadata value with how it is known: stated in the text, inferred, or not stated."""

    status: Status
    value: str = ""
    reason: Annotated[
        str, Meta(description="Why the value is inferred, or what the text says instead.")
    ] = ""


class Genre(StrEnum):
    ADVOCACY = "advocacy"
    NEWS = "news"
    COMMENTARY = "commentary"
    ANALYSIS = "analysis"
    ACADEMIC = "academic"


class Note(Base, frozen=True, kw_only=True):
    """An observation about a document, such as an evident slip, pinned to its words."""

    note: Text
    quotes: list[Quote] = field(default_factory=list)


class Source(Base, frozen=True, kw_only=True):
    id: Id
    label: Annotated[Text, Meta(max_length=24, description="Short display name.")]
    title: Text
    author: Attested
    outlet: Attested
    date: Attested
    url: Attested
    genre: Genre
    perspective: Text
    thesis: Annotated[Text, Meta(description="The document's argument in one line.")]
    document: Annotated[
        Text,
        Meta(pattern=r"^[^/\\]+$", description="File name of the document's text."),
    ]
    problems: Annotated[
        list[Note], Meta(description="Evident slips in the document; its quotes stay exact.")
    ] = field(default_factory=list)


Basis = Literal["reported", "judgement"]
BASIS_DESCRIPTION = (
    "reported: what the named sources say; judgement: the briefing's own inference "
    "across them, resting on the sources listed"
)


class Claim(Base, frozen=True, kw_only=True):
    """A sentence of synthesis with the sources it rests on, and whether it reports them
    or judges across them (ICD 203: reporting kept apart from judgement)."""

    text: Text
    basis: Annotated[Basis, Meta(description=BASIS_DESCRIPTION)]
    sources: Annotated[list[Id], Meta(min_length=1)]


class LintIgnore(Base, frozen=True, kw_only=True):
    """One `kzbrief lint` finding switched off, and why."""

    rule: Annotated[Id, Meta(description="The rule's id, e.g. names-unlisted-source.")]
    at: Annotated[
        str,
        Meta(
            description=(
                "The item, as `kzbrief lint` names it (e.g. contested/neutrality); "
                "omit to switch the rule off for the whole set."
            )
        ),
    ] = ""
    reason: Annotated[Text, Meta(description="Why the finding does not apply here.")]


class LintSettings(Base, frozen=True, kw_only=True):
    ignore: list[LintIgnore] = field(default_factory=list)


class Briefing(Base, frozen=True, kw_only=True):
    id: Id
    title: Text
    question: Text
    as_of: Annotated[PartialDate, Meta(description="When the briefing was compiled.")]
    scope: Text
    bottom_line: Annotated[list[Claim], Meta(min_length=1)]
    # Optional, so sets written before `kzbrief lint` stay valid.
    lint: Annotated[LintSettings | None, Meta(description="Settings for `kzbrief lint`.")] = None


class Topic(Base, frozen=True, kw_only=True):
    id: Id
    title: Text
    summary: list[Claim]


class Event(Base, frozen=True, kw_only=True):
    id: Id
    date: PartialDate
    title: Text
    summary: Text
    topics: list[Id] = field(default_factory=list)
    quotes: Annotated[list[Quote], Meta(min_length=1)]
    note: Annotated[
        str, Meta(description="Where documents date or describe the event differently.")
    ] = ""


class Frame(Base, frozen=True, kw_only=True):
    name: Text
    explanation: Text
    quotes: list[Quote] = field(default_factory=list)


class TopicStance(Base, frozen=True, kw_only=True):
    topic: Id
    stance: Text
    quotes: list[Quote] = field(default_factory=list)


class Framing(Base, frozen=True, kw_only=True):
    source: Id
    thesis: Text
    tone: Text
    perspective: Text
    frames: list[Frame] = field(default_factory=list)
    stresses: list[Text] = field(default_factory=list)
    omits: Annotated[
        list[Text], Meta(description="What it leaves out compared with the other sources.")
    ] = field(default_factory=list)
    stances: list[TopicStance] = field(default_factory=list)


Place = Literal["left", "leans-left", "centre", "leans-right", "right"]
PLACES: tuple[str, ...] = ("left", "leans-left", "centre", "leans-right", "right")


class Axis(Base, frozen=True, kw_only=True):
    left: Annotated[Text, Meta(description="The pole at one end.")]
    right: Annotated[Text, Meta(description="The pole at the other end.")]


class Position(Base, frozen=True, kw_only=True):
    source: Id
    label: Text
    stance: Annotated[
        Place | None,
        Meta(description="Place on the axis; omit when the source takes none."),
    ] = None
    summary: Text
    quotes: Annotated[list[Quote], Meta(min_length=1)]


class Contested(Base, frozen=True, kw_only=True):
    id: Id
    question: Text
    topics: list[Id] = field(default_factory=list)
    axis: Axis
    positions: Annotated[list[Position], Meta(min_length=1)]
    why_they_differ: Annotated[
        Text,
        Meta(description="The briefing's judgement of why the sources differ."),
    ]


class Measure(Base, frozen=True, kw_only=True):
    """A group of figures about the same measure."""

    key: Id
    title: Text
    note: Annotated[
        str,
        Meta(description="The briefing's judgement across the figures."),
    ] = ""


class Figure(Base, frozen=True, kw_only=True):
    id: Id
    key: Annotated[Id, Meta(description="The measure this figure belongs to.")]
    value: Annotated[
        str,
        Meta(pattern=r"^-?[0-9]+(\.[0-9]+)?$", description="A plain decimal number."),
    ]
    qualifier: Annotated[
        str, Meta(description="e.g. 'more than', 'about', 'up to'; empty when exact.")
    ] = ""
    unit: Text
    period: Text
    source: Id
    quote: Text
    topics: list[Id] = field(default_factory=list)
    note: str = ""


class Entry(Base, frozen=True, kw_only=True):
    """A glossary line: a person, organisation, place or term."""

    id: Id
    term: Text
    kind: Literal["person", "organisation", "place", "term", "event"]
    description: Text
    sources: Annotated[list[Id], Meta(min_length=1)]


# One Struct per file: the top level of every YAML file is a mapping.
class BriefingFile(Base, frozen=True, kw_only=True):
    briefing: Briefing


class SourcesFile(Base, frozen=True, kw_only=True):
    sources: list[Source]


class TopicsFile(Base, frozen=True, kw_only=True):
    topics: list[Topic]


class TimelineFile(Base, frozen=True, kw_only=True):
    events: list[Event]


class FramingFile(Base, frozen=True, kw_only=True):
    framing: list[Framing]


class ContestedFile(Base, frozen=True, kw_only=True):
    contested: list[Contested]


class FiguresFile(Base, frozen=True, kw_only=True):
    measures: list[Measure] = field(default_factory=list)
    figures: list[Figure]


class GlossaryFile(Base, frozen=True, kw_only=True):
    glossary: list[Entry]


FILE_KINDS: dict[str, type[Base]] = {
    "briefing": BriefingFile,
    "sources": SourcesFile,
    "topics": TopicsFile,
    "timeline": TimelineFile,
    "framing": FramingFile,
    "contested": ContestedFile,
    "figures": FiguresFile,
    "glossary": GlossaryFile,
}


class TopicCount(NamedTuple):
    events: int
    contested: int
    figures: int

    @property
    def total(self) -> int:
        return self.events + self.contested + self.figures


def find_source(sources: list[Source], source_id: str) -> Source | None:
    return next((s for s in sources if s.id == source_id), None)


def _tally(items: Iterable[Event | Contested | Figure]) -> Counter[str]:
    """How many items name each topic (an item naming a topic twice counts once)."""
    return Counter(t for item in items for t in dict.fromkeys(item.topics))


class BriefingSet(Base, frozen=True, kw_only=True):
    """A whole briefing set, as `kzbrief export --format json` exposes it."""

    briefing: Briefing
    sources: list[Source]
    topics: list[Topic]
    events: list[Event]
    framing: list[Framing]
    contested: list[Contested]
    measures: list[Measure]
    figures: list[Figure]
    glossary: list[Entry]

    def source(self, source_id: str) -> Source | None:
        return find_source(self.sources, source_id)

    def topic_counts(self) -> dict[str | None, TopicCount]:
        """Item counts per topic id, with None for the whole set."""
        counts: dict[str | None, TopicCount] = {
            None: TopicCount(len(self.events), len(self.contested), len(self.figures))
        }
        # One pass over each list (not one per topic: 1,000 topics × 15,000 items took a second).
        tallies = [_tally(self.events), _tally(self.contested), _tally(self.figures)]
        for topic in self.topics:
            counts[topic.id] = TopicCount(*(tally[topic.id] for tally in tallies))
        return counts


class SetParts(Protocol):
    """A set as its readers use it: a `BriefingSet`, or a cached one whose parts are
    decoded on first use (so `kzbrief topics` on a large set never decodes its events)."""

    @property
    def briefing(self) -> Briefing: ...
    @property
    def sources(self) -> list[Source]: ...
    @property
    def topics(self) -> list[Topic]: ...
    @property
    def events(self) -> list[Event]: ...
    @property
    def framing(self) -> list[Framing]: ...
    @property
    def contested(self) -> list[Contested]: ...
    @property
    def measures(self) -> list[Measure]: ...
    @property
    def figures(self) -> list[Figure]: ...
    @property
    def glossary(self) -> list[Entry]: ...
    def source(self, source_id: str) -> Source | None: ...
    def topic_counts(self) -> dict[str | None, TopicCount]: ...


def to_builtins(obj: object) -> object:
    return msgspec.to_builtins(obj)
