"""Where each quote of a set stands in its document, and which items cite it.

A quote is identified by its source and its words (`QuoteKey`): the same words from
the same source are the same passage, however many items cite them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, NamedTuple
from weakref import WeakKeyDictionary

import msgspec

from kzbrief.documents import Document, Documents, read_documents
from kzbrief.model import Quote, SetParts
from kzbrief.quotes import match
from kzbrief.text import one_line

QuoteKey = tuple[str, str]
"""(source id, the quote's words as written)."""
Spans = tuple[tuple[int, int], ...]


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
    spans: Spans
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
    pending: frozenset[str] = frozenset()
    """Documents whose quotes are not placed yet (see `locate_in_steps`); empty once done."""
    _by_document: dict[str, list[Passage]] = field(
        default_factory=dict, init=False, compare=False, repr=False
    )
    """`in_document`'s answers, all found in one pass when first asked."""

    def place(self, source: str, quote: str) -> Place | None:
        passage = self.passages.get((source, quote))
        return passage.place if passage is not None else None

    def in_document(self, name: str) -> list[Passage]:
        """The document's passages in reading order."""
        if not self._by_document and self.passages:
            for passage in self.passages.values():
                self._by_document.setdefault(passage.document, []).append(passage)
            for found in self._by_document.values():
                found.sort(key=_order)
        return list(self._by_document.get(name, ()))

    def changed_in(self, name: str) -> list[Unplaced]:
        """Quotes the document was read for but no longer holds."""
        return [
            u for u in self.unplaced.values() if u.document == name and u.reason == NOT_IN_DOCUMENT
        ]


def _order(passage: Passage) -> tuple[int, int]:
    return passage.spans[0][0], passage.spans[-1][1]


class Quoted:
    """Every quote of a set, by (source, words), with the items citing it, in the set's
    order; and the document each should be in."""

    def __init__(self, bset: SetParts) -> None:
        sources = {s.id: s for s in reversed(bset.sources)}  # the first of an id wins
        self.document_of = {key: s.document for key, s in sources.items()}
        labels = {key: s.label for key, s in sources.items()}
        self.citers: dict[QuoteKey, list[Citer]] = {}
        for citer, source_id, quote in _cited(bset, labels):
            found = self.citers.setdefault((source_id, quote), [])
            if citer not in found:
                found.append(citer)

    def document(self, key: QuoteKey) -> str:
        return self.document_of.get(key[0], "")


def locate(bset: SetParts, documents: Documents) -> Located:
    """Find every quote of the set in its source's document."""
    quoted = Quoted(bset)
    return _located(quoted, documents, quoted.citers)


def locate_in_steps(
    bset: SetParts, documents: Documents, first: Callable[[], Iterable[str]] = tuple
) -> Iterator[Located]:
    """`locate` a document at a time, for a reader that shows one before the rest are done.

    Yields nothing placed (every readable document `pending`, before a quote is read);
    then the quotes with no readable document; then the set with one more document
    placed, and so on: the last, and only it, has none pending and is what `locate`
    returns. Each step takes the first
    pending document `first()` names (asked afresh each time, so the reader can say
    which it is waiting for), else the next in the sources' order."""
    pending = dict.fromkeys(documents.found)
    if pending:  # every step but the last has some pending
        yield Located(documents, {}, {}, frozenset(pending))
    quoted = Quoted(bset)
    by_document: dict[str, list[QuoteKey]] = {}
    for key in quoted.citers:
        by_document.setdefault(quoted.document(key), []).append(key)
    unreadable = [k for name, keys in by_document.items() if name not in pending for k in keys]
    step = _located(quoted, documents, unreadable)
    while pending:
        yield replace(step, pending=frozenset(pending))
        name = next((n for n in first() if n in pending), next(iter(pending)))
        del pending[name]
        more = _located(quoted, documents, by_document.get(name, []))
        step = Located(documents, step.passages | more.passages, step.unplaced | more.unplaced)
    # In the set's order, as `locate` gives them.
    passages = {k: step.passages[k] for k in quoted.citers if k in step.passages}
    unplaced = {k: step.unplaced[k] for k in quoted.citers if k in step.unplaced}
    yield Located(documents, passages, unplaced)


def _located(quoted: Quoted, documents: Documents, keys: Iterable[QuoteKey]) -> Located:
    passages: dict[QuoteKey, Passage] = {}
    unplaced: dict[QuoteKey, Unplaced] = {}
    memos: dict[str, dict[str, tuple[Spans, Place] | None]] = {}
    for key in keys:
        source_id, quote = key
        cited_by = tuple(quoted.citers[key])
        name = quoted.document(key)
        document = documents.found.get(name)
        found = None
        if document is not None:
            if (memo := memos.get(name)) is None:
                memo = memos[name] = _FOUND.setdefault(document, {})
            found = memo[quote] if quote in memo else _found(quote, document, memo)
        if found is not None:
            spans, place = found
            passages[key] = Passage(source_id, quote, name, spans, place, cited_by)
        else:
            reason = NOT_IN_DOCUMENT if document is not None else documents.problems.get(name, "")
            unplaced[key] = Unplaced(source_id, quote, name, reason or "no document", cited_by)
    return Located(documents, passages, unplaced)


_FOUND: WeakKeyDictionary[Document, dict[str, tuple[Spans, Place] | None]] = WeakKeyDictionary()
"""Per document, where each quote searched for is: a set quotes the same words from the
same document many times (each copy of a source in a large set, an event and the framing
citing one passage), and each is searched for once."""


def _found(
    quote: str, document: Document, memo: dict[str, tuple[Spans, Place] | None]
) -> tuple[Spans, Place] | None:
    found = None
    spans = _spans(quote, document)
    if spans:
        line, column = document.line_col(spans[0][0])
        paragraph = document.paragraph_at(spans[0][0])
        found = spans, Place(document.name, line, column, paragraph.number if paragraph else 0)
    memo[quote] = found
    return found


def _spans(quote: str, document: Document) -> Spans | None:
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


def _cited(bset: SetParts, labels: dict[str, str]) -> Iterator[tuple[Citer, str, str]]:
    """(the item citing it, source id, words) for every quote of the set, in the order
    `verify.quotes_with_paths` finds them (a test holds the two to the same result), read
    from the records where quotes can be rather than from every field of the set."""
    for citer, quotes in _citing(bset, labels):
        for quote in quotes:
            yield citer, quote.source, quote.quote


def _citing(bset: SetParts, labels: dict[str, str]) -> Iterator[tuple[Citer, list[Quote]]]:
    for source in bset.sources:
        citer = Citer("source", source.id, f"Note · on {source.label}")
        yield from ((citer, note.quotes) for note in source.problems)
    for event in bset.events:
        yield Citer("event", event.id, f"Event · {one_line(event.title)}"), event.quotes
    for card in bset.framing:
        whose = f"Framing · {labels.get(card.source, card.source)}'s"
        for frame in card.frames:
            what = f"frame “{one_line(frame.name)}”"
            yield Citer("framing", card.source, f"{whose} {what}"), frame.quotes
        for stance in card.stances:
            what = f"stance on {stance.topic}"
            yield Citer("framing", card.source, f"{whose} {what}"), stance.quotes
    for point in bset.contested:
        question = one_line(point.question)
        for position in point.positions:
            who = f"{labels.get(position.source, position.source)}'s position · "
            yield Citer("contested", point.id, f"Compare · {who}{question}"), position.quotes
    for figure in bset.figures:
        amount = " ".join(x for x in (figure.qualifier, figure.value, figure.unit) if x)
        citer = Citer("figure", figure.id, f"Figure · {amount} ({one_line(figure.period)})")
        yield citer, [Quote(source=figure.source, quote=figure.quote)]


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
