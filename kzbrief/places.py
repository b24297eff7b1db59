"""Where each quote of a set stands in its document, and which items cite it.

A quote is identified by its source and its words (`QuoteKey`): the same words from
the same source are the same passage, however many items cite them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

import msgspec

from kzbrief.documents import Document, Documents, read_documents
from kzbrief.model import SetParts
from kzbrief.quotes import match
from kzbrief.text import one_line
from kzbrief.verify import quotes_with_paths

QuoteKey = tuple[str, str]
"""(source id, the quote's words as written)."""


class Place(NamedTuple):
    document: str
    line: int
    column: int
    paragraph: int

    def as_dict(self) -> dict[str, str | int]:
        return self._asdict()

    def cite(self) -> str:
        """How a citation gives the place: '004_….txt ¶12, line 36:1'."""
        return f"{self.document} ¶{self.paragraph}, line {self.line}:{self.column}"


@dataclass(frozen=True)
class Citer:
    """An item that cites a quote: what it is, how to jump to it, and a line naming it."""

    kind: str
    """What `MainScreen.jump` takes: event, contested, framing, figure or source."""
    key: str
    label: str


@dataclass(frozen=True)
class Passage:
    source: str
    quote: str
    document: str
    spans: tuple[tuple[int, int], ...]
    """Offsets in the document's text that the quote's segments match."""
    place: Place
    citers: tuple[Citer, ...]

    @property
    def start(self) -> int:
        return self.spans[0][0]


@dataclass(frozen=True)
class Unplaced:
    """A quote with no place: its document is missing or unreadable, or lacks its words."""

    source: str
    quote: str
    document: str
    reason: str
    citers: tuple[Citer, ...]


NOT_IN_DOCUMENT = "not found in its document"


@dataclass(frozen=True)
class Located:
    documents: Documents
    passages: dict[QuoteKey, Passage]
    unplaced: dict[QuoteKey, Unplaced]

    def place(self, source: str, quote: str) -> Place | None:
        passage = self.passages.get((source, quote))
        return passage.place if passage is not None else None

    def in_document(self, name: str) -> list[Passage]:
        """The document's passages in reading order."""
        return sorted((p for p in self.passages.values() if p.document == name), key=_order)

    def changed_in(self, name: str) -> list[Unplaced]:
        """Quotes the document was read for but no longer holds."""
        return [
            u for u in self.unplaced.values() if u.document == name and u.reason == NOT_IN_DOCUMENT
        ]


def _order(passage: Passage) -> tuple[int, int]:
    return passage.spans[0][0], passage.spans[-1][1]


def locate(bset: SetParts, documents: Documents) -> Located:
    """Find every quote of the set in its source's document."""
    citers: dict[QuoteKey, list[Citer]] = {}
    for _kind, path, source_id, quote in quotes_with_paths(bset):
        citer = citer_of(bset, path)
        found = citers.setdefault((source_id, quote), [])
        if citer is not None and citer not in found:
            found.append(citer)
    passages: dict[QuoteKey, Passage] = {}
    unplaced: dict[QuoteKey, Unplaced] = {}
    for (source_id, quote), cited_by in citers.items():
        source = bset.source(source_id)
        name = source.document if source is not None else ""
        document = documents.found.get(name)
        spans = _spans(quote, document) if document is not None else None
        if document is not None and spans:
            line, column = document.line_col(spans[0][0])
            paragraph = document.paragraph_at(spans[0][0])
            place = Place(name, line, column, paragraph.number if paragraph else 0)
            passages[(source_id, quote)] = Passage(
                source_id, quote, name, spans, place, tuple(cited_by)
            )
        else:
            reason = NOT_IN_DOCUMENT if document is not None else documents.problems.get(name, "")
            unplaced[(source_id, quote)] = Unplaced(
                source_id, quote, name, reason or "no document", tuple(cited_by)
            )
    return Located(documents, passages, unplaced)


def _spans(quote: str, document: Document) -> tuple[tuple[int, int], ...] | None:
    found = match(quote, document.folded.text)
    if found is None:
        return None
    where = document.folded.original_offset
    return tuple((where(start), where(end)) for start, end in found)


def places(bset: SetParts, documents: Documents | Path) -> dict[QuoteKey, Place]:
    """Each placed quote's document, line, column and paragraph, by (source id, words);
    `documents` read already, or the folder to read them from. A quote with no place
    (its document missing, unreadable or changed) is absent: see `locate` for why."""
    if isinstance(documents, Path):
        documents = read_documents(bset, documents)
    return {key: p.place for key, p in locate(bset, documents).passages.items()}


def citer_of(bset: SetParts, path: tuple[str | int, ...]) -> Citer | None:
    """The item a quote at `path` (as `quotes_with_paths` gives it) belongs to."""
    field, index = path[0], path[1] if len(path) > 1 else None
    if not isinstance(index, int):
        return None
    if field == "events":
        event = bset.events[index]
        return Citer("event", event.id, f"Event · {one_line(event.title)}")
    if field == "contested":
        point = bset.contested[index]
        who = ""
        if len(path) > 3 and path[2] == "positions" and isinstance(path[3], int):
            who = f"{_label(bset, point.positions[path[3]].source)}'s position · "
        return Citer("contested", point.id, f"Compare · {who}{one_line(point.question)}")
    if field == "framing":
        card = bset.framing[index]
        what = "framing"
        if len(path) > 3 and path[2] == "frames" and isinstance(path[3], int):
            what = f"frame “{one_line(card.frames[path[3]].name)}”"
        elif len(path) > 3 and path[2] == "stances" and isinstance(path[3], int):
            what = f"stance on {card.stances[path[3]].topic}"
        return Citer("framing", card.source, f"Framing · {_label(bset, card.source)}'s {what}")
    if field == "figures":
        figure = bset.figures[index]
        amount = " ".join(x for x in (figure.qualifier, figure.value, figure.unit) if x)
        return Citer("figure", figure.id, f"Figure · {amount} ({one_line(figure.period)})")
    if field == "sources":
        source = bset.sources[index]
        return Citer("source", source.id, f"Note · on {source.label}")
    return None


def _label(bset: SetParts, source_id: str) -> str:
    source = bset.source(source_id)
    return source.label if source is not None else source_id


def add_places(bset: SetParts, located: Located) -> dict[str, Any]:
    """The set as builtins (as `export` writes it) with a "place" in every quote object:
    {"document", "line", "column", "paragraph"}, or null when the quote has none."""
    data: dict[str, Any] = {field: msgspec.to_builtins(getattr(bset, field)) for field in _FIELDS}

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("quote"), str) and isinstance(node.get("source"), str):
                place = located.place(node["source"], node["quote"])
                node["place"] = place.as_dict() if place is not None else None
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(data)
    return data


_FIELDS = (
    "briefing", "sources", "topics", "events", "framing", "contested", "measures", "figures",
    "glossary",
)  # fmt: skip
