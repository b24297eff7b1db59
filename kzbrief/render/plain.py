"""Plain, tab-separated lines for pipes: one record a line, so grep and cut work."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from msgspec.structs import replace

from kzbrief import query
from kzbrief.load import Problem
from kzbrief.load.heads import EventLike, PointLike, contested_heads, source_heads, topic_heads
from kzbrief.model import Attested, Contested, Event, SetParts, Status, Topic
from kzbrief.sanitise import escape_line
from kzbrief.text import one_line

if TYPE_CHECKING:
    from kzbrief.coverage import Coverage


def _row(*cells: str) -> str:
    return "\t".join([one_line(c) if c else c for c in cells])


SUMMARY_HEADER = (  # kind, id and text first: _record takes them by position
    "kind", "id", "text", "basis", "sources", "date", "date_status", "date_reason", "genre",
    "events", "contested", "figures",
)  # fmt: skip


def _record(kind: str, id: str = "", text: str = "", **fields: str | int) -> str:
    """A summary line: every kind of record under the one header, blanks where it has none."""
    more = [str(fields[name]) if name in fields else "" for name in SUMMARY_HEADER[3:]]
    return _row(kind, id, text, *more)


def _date_cells(value: Attested) -> tuple[str, str, str]:
    """A date as its ISO value (`2022-04~`), how it is known, and why, in three cells."""
    return value.value, value.status.value, value.reason


def _stated(value: Attested) -> str:
    return "" if value.status is Status.NOT_STATED else value.value


def summary(bset: SetParts, topic: Topic | None) -> Iterator[str]:
    b = bset.briefing
    yield _row(*SUMMARY_HEADER)
    yield _record("title", b.id, b.title)
    yield _record("question", b.id, b.question)
    yield _record("as-of", b.id, b.as_of)
    yield _record("scope", b.id, b.scope)
    claims = topic.summary if topic else b.bottom_line
    kind = "topic-claim" if topic else "bottom-line"
    for claim in claims:
        yield _record(
            kind, topic.id if topic else "", claim.text,
            basis=claim.basis, sources=",".join(claim.sources),
        )  # fmt: skip
    for source in query.by_date(source_heads(bset)):
        date, status, reason = _date_cells(source.date)
        yield _record(
            "source", source.id, source.thesis,
            date=date, date_status=status, date_reason=reason, genre=source.genre.value,
        )  # fmt: skip
    counts = bset.topic_counts()
    for t in topic_heads(bset):
        if topic is None or t.id == topic.id:
            c = counts[t.id]
            yield _record(
                "topic", t.id, t.title, events=c.events, contested=c.contested, figures=c.figures
            )
    for point in contested_heads(bset, topic.id if topic else None):
        yield _record("contested", point.id, point.question)


def timeline(events: Sequence[EventLike], full: bool) -> Iterator[str]:
    """One event a line; `full` adds columns (quotes joined by ` | `, their sources alike):
    then `events` are whole `Event`s."""
    more = ("summary", "note", "quote_sources", "quotes") if full else ()
    yield _row("date", "id", "title", "sources", *more)
    for e in events:
        cells = [e.date, e.id, e.title, ",".join(query.quote_sources(e.quotes))]
        if full:
            assert isinstance(e, Event)
            cells += [
                e.summary,
                e.note,
                " | ".join(q.source for q in e.quotes),
                " | ".join(one_line(q.quote) for q in e.quotes),
            ]
        yield _row(*cells)


def contested_list(points: Sequence[PointLike]) -> Iterator[str]:
    yield _row("id", "positions", "question")
    for p in points:
        yield _row(p.id, str(len(p.positions)), p.question)


def compare(point: Contested) -> Iterator[str]:
    """One position a line, with its point's question, axis and judgement beside it."""
    yield _row(
        "point", "source", "stance", "label", "summary", "quotes",
        "question", "axis_left", "axis_right", "why_they_differ",
    )  # fmt: skip
    for pos in point.positions:
        yield _row(
            point.id, pos.source, pos.stance or "", pos.label, pos.summary,
            " | ".join(one_line(q.quote) for q in pos.quotes),
            point.question, point.axis.left, point.axis.right, point.why_they_differ,
        )  # fmt: skip


def sources(bset: SetParts) -> Iterator[str]:
    """One source a line; a date as its ISO value with how it is known and why beside it,
    and an author, outlet or address left empty where the document does not state it."""
    yield _row(
        "id", "label", "date", "date_status", "date_reason", "genre", "author", "outlet", "url",
        "document", "title",
    )  # fmt: skip
    for s in bset.sources:
        yield _row(
            s.id, s.label, *_date_cells(s.date), s.genre.value, _stated(s.author),
            _stated(s.outlet), _stated(s.url), s.document, s.title,
        )  # fmt: skip


def topics(bset: SetParts) -> Iterator[str]:
    counts = bset.topic_counts()
    yield _row("id", "title", "events", "contested", "figures")
    for t in topic_heads(bset):
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
    """One document a line (shares as percentages), its uncited paragraphs' numbers last."""
    yield _row(
        "document", "sources", "paragraphs", "cited_paragraphs", "words", "cited_words",
        "paragraph_percent", "word_percent", "uncited_paragraphs", "problem",
    )  # fmt: skip
    for c in items:
        if c.problem:
            yield _row(c.document, ",".join(c.sources), *[""] * 7, c.problem)
            continue
        yield _row(
            c.document, ",".join(c.sources), str(c.paragraphs), str(c.cited_paragraphs),
            str(c.words), str(c.cited_words),
            f"{100 * c.paragraph_share:.1f}", f"{100 * c.word_share:.1f}",
            ",".join(str(u.paragraph) for u in c.uncited), "",
        )  # fmt: skip
