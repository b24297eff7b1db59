"""Plain, tab-separated lines for pipes: one record a line, so grep and cut work."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from msgspec.structs import replace

from kzbrief import query
from kzbrief.load import Problem
from kzbrief.model import Contested, Event, SetParts, Topic
from kzbrief.sanitise import escape_line
from kzbrief.text import NO_POSITION, attested, one_line

if TYPE_CHECKING:
    from kzbrief.coverage import Coverage


def _row(*cells: str) -> str:
    return "\t".join(one_line(c) for c in cells)


def summary(bset: SetParts, topic: Topic | None) -> Iterator[str]:
    b = bset.briefing
    yield _row("title", b.title)
    yield _row("question", b.question)
    yield _row("as-of", b.as_of)
    yield _row("scope", b.scope)
    claims = topic.summary if topic else b.bottom_line
    label = f"topic {topic.id}" if topic else "bottom-line"
    for claim in claims:
        yield _row(label, claim.basis, claim.text, "sources: " + ", ".join(claim.sources))
    for source in query.sources_by_date(bset):
        yield _row("source", source.id, attested(source.date), source.genre.value, source.thesis)
    counts = bset.topic_counts()
    for t in bset.topics:
        if topic is None or t.id == topic.id:
            c = counts[t.id]
            yield _row(
                "topic",
                t.id,
                t.title,
                f"{c.events} events",
                f"{c.contested} contested",
                f"{c.figures} figures",
            )
    for point in query.contested(bset, topic.id if topic else None):
        yield _row("contested", point.id, point.question)


def timeline(events: list[Event], full: bool) -> Iterator[str]:
    for e in events:
        yield _row(e.date, e.id, e.title, ",".join(query.quote_sources(e.quotes)))
        if full:
            yield _row("", "summary", e.summary)
            for q in e.quotes:
                yield _row("", q.source, q.quote)
            if e.note:
                yield _row("", "note", e.note)


def contested_list(points: list[Contested]) -> Iterator[str]:
    for p in points:
        yield _row(p.id, p.question, f"{len(p.positions)} positions")


def compare(point: Contested) -> Iterator[str]:
    yield _row(point.id, "question", point.question)
    yield _row(point.id, "axis", f"{point.axis.left} <-> {point.axis.right}")
    for pos in point.positions:
        yield _row(point.id, pos.source, pos.stance or NO_POSITION, pos.label, pos.summary)
        for q in pos.quotes:
            yield _row(point.id, pos.source, "quote", q.quote)
    yield _row(point.id, "why-they-differ", "judgement", point.why_they_differ)


def sources(bset: SetParts) -> Iterator[str]:
    yield _row("id", "label", "date", "genre", "author", "outlet", "url", "document", "title")
    for s in bset.sources:
        yield _row(
            s.id, s.label, attested(s.date), s.genre.value, attested(s.author),
            attested(s.outlet), attested(s.url), s.document, s.title,
        )  # fmt: skip


def topics(bset: SetParts) -> Iterator[str]:
    counts = bset.topic_counts()
    yield _row("id", "title", "events", "contested", "figures")
    for t in bset.topics:
        c = counts[t.id]
        yield _row(t.id, t.title, str(c.events), str(c.contested), str(c.figures))


def problems(items: tuple[Problem, ...] | list[Problem]) -> Iterator[str]:
    """One line each: the file's path escaped (folding would name a path that does not
    exist), the message and field folded."""
    for p in items:
        yield str(
            replace(p, file=escape_line(p.file), message=one_line(p.message), path=one_line(p.path))
        )


def coverage(items: list[Coverage]) -> Iterator[str]:
    """A line per document (shares as percentages), then one per uncited paragraph."""
    yield _row(
        "document", "sources", "paragraphs", "cited", "words", "cited", "paragraph%", "word%"
    )
    for c in items:
        if c.problem:
            yield _row(c.document, ",".join(c.sources), "problem", c.problem)
            continue
        yield _row(
            c.document, ",".join(c.sources), str(c.paragraphs), str(c.cited_paragraphs),
            str(c.words), str(c.cited_words),
            f"{100 * c.paragraph_share:.1f}", f"{100 * c.word_share:.1f}",
        )  # fmt: skip
    for c in items:
        for u in c.uncited:
            yield _row(c.document, "uncited", f"¶{u.paragraph}", f"line {u.line}", u.first_words)
