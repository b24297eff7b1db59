"""What the reader is showing: the set, the chosen topic, the hidden sources, and a legend.

The main screen holds one `View` and replaces it whenever a choice changes; panes
redraw when the object they last drew is no longer the current one.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from textual.content import Content

from kzbrief import query
from kzbrief.colours import INK, ON_LIGHT, PALETTE, colour_slot
from kzbrief.model import Quote, SetParts, TopicCount

if TYPE_CHECKING:  # placing quotes and diffing sets come after the first frame, if at all
    from kzbrief.diff import Change
    from kzbrief.places import Located, Place

_QUOTED = re.compile(r'"[^"]*"|“[^”]*”')
"""Quoted words in prose, which name sources only as their documents do."""


class Legend:
    """Each source's label and colour, fixed for one loaded set."""

    def __init__(self, bset: SetParts, dark: bool = True) -> None:
        self.dark = dark
        """Drawn on a dark theme; on a light one, text and marks take darker hues."""
        self.ids: list[str] = [s.id for s in bset.sources]
        """The one order every tab lists sources in: as sources.yaml writes them."""
        self._labels = {s.id: s.label for s in bset.sources}
        self._colours = {s.id: PALETTE[colour_slot(i)] for i, s in enumerate(bset.sources)}
        inks = PALETTE if dark else ON_LIGHT
        self._inks = {s.id: inks[colour_slot(i)] for i, s in enumerate(bset.sources)}
        ids = sorted(self.ids, key=len, reverse=True)  # `a-b` before `a`
        self._ids_pattern = (
            re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, ids)) + r")(?![\w-])")
            if ids
            else None
        )

    def named(self, text: str, style: str = "") -> Content:
        """Prose with every source id (`where-stand`) shown as that source's label in its
        colour, matching whole ids only; text inside quotation marks is left as written."""
        content = Content.styled(text, style) if style else Content(text)
        if self._ids_pattern is None:
            return content
        quoted = [m.span() for m in _QUOTED.finditer(text)]
        starts = [a for a, _ in quoted]
        pieces: list[Content] = []
        at = 0
        for match in self._ids_pattern.finditer(text):
            start, end = match.span()
            inside = bisect_right(starts, start) - 1  # the last quotation opened before it
            if inside >= 0 and start < quoted[inside][1]:
                continue
            source = match.group(0)
            pieces += [content[at:start], self.ink(self.label(source), source, "bold")]
            at = end
        if not pieces:
            return content
        return Content("").join([*pieces, content[at:]])

    def label(self, source: str) -> str:
        return self._labels.get(source, source)

    def ink_colour(self, source: str) -> str:
        """The colour for the source's text and marks on this theme's background."""
        return self._inks.get(source, "#888888")

    def colour(self, source: str) -> str:
        return self._colours.get(source, "#888888")

    def badge(self, source: str) -> Content:
        """The label on the source's colour: ` Alpha `."""
        return Content.styled(f" {self.label(source)} ", f"bold {INK} on {self.colour(source)}")

    def chip(self, source: str) -> Content:
        """One cell: the label's first letter on the source's colour."""
        letter = (self.label(source).strip() or "?")[0]
        return Content.styled(letter, f"bold {INK} on {self.colour(source)}")

    def ink(self, text: str, source: str, style: str = "") -> Content:
        """`text` in the source's colour, as dark or light as the theme needs."""
        return Content.styled(text, f"{style} {self._inks.get(source, '#888888')}".strip())


@dataclass(frozen=True, eq=False)
class View:
    bset: SetParts
    legend: Legend
    topic: str | None = None
    hidden: frozenset[str] = field(default_factory=frozenset)
    changes: tuple[Change, ...] = ()
    """What changed since the version given with --since; empty without it."""
    documents: Path | None = None
    """The folder of the sources' texts, when the user gave one."""
    located: Located | None = None
    """Every quote's place in its document, once the documents have been read."""
    derived: dict[str, object] = field(default_factory=dict, repr=False)
    """What is worked out from the set alone, once for it: shared by the views `replace`
    makes from this one (another topic, other hidden sources), not by a rebased one."""

    @classmethod
    def of(cls, bset: SetParts, documents: Path | None = None, dark: bool = True) -> View:
        return cls(bset, Legend(bset, dark), documents=documents)

    def with_dark(self, dark: bool) -> View:
        """The same view for a dark or a light theme."""
        return replace(self, legend=Legend(self.bset, dark))

    def coverage(self) -> dict[tuple[str, str], str]:
        """`query.coverage` of the set, worked out once: the Overview draws it again for
        every topic chosen (~70 ms at 100×, on each `j` in the topic list)."""
        found = self.derived.get("coverage")
        if found is None:
            found = self.derived["coverage"] = query.coverage(self.bset)
        return found  # type: ignore[return-value]

    def place(self, source: str, quote: str) -> Place | None:
        return self.located.place(source, quote) if self.located is not None else None

    def place_tag(self, quote: Quote) -> Content | None:
        """`Orozova ¶12` beside a quote; a warning when its document no longer holds it."""
        if self.located is None:
            return None
        from kzbrief.places import NOT_IN_DOCUMENT  # imported by whatever placed the quotes

        place = self.located.place(quote.source, quote.quote)
        if place is not None:
            return Content.styled(
                f"{self.legend.label(quote.source)} ¶{place.paragraph}", "$text-muted"
            )
        unplaced = self.located.unplaced.get((quote.source, quote.quote))
        if unplaced is not None and unplaced.reason == NOT_IN_DOCUMENT:
            return Content.styled(f"⚠ {NOT_IN_DOCUMENT}", "$text-warning")
        return None

    def with_located(self, located: Located) -> View:
        return replace(self, located=located)

    def shows(self, source: str) -> bool:
        return source not in self.hidden

    @property
    def shown(self) -> list[str]:
        """Shown source ids in source-file order."""
        return [s for s in self.legend.ids if s not in self.hidden]

    def topic_counts(self) -> dict[str | None, TopicCount]:
        """Items per topic (None: the whole set), counting only what the shown sources say."""
        if not self.hidden:
            return self.bset.topic_counts()
        b = self.bset
        events = [e.topics for e in b.events if any(self.shows(q.source) for q in e.quotes)]
        points = [c.topics for c in b.contested if any(self.shows(p.source) for p in c.positions)]
        figures = [f.topics for f in b.figures if self.shows(f.source)]
        counts: dict[str | None, TopicCount] = {
            None: TopicCount(len(events), len(points), len(figures))
        }
        tallies = [
            Counter(t for topics in kind for t in topics) for kind in (events, points, figures)
        ]
        for topic in b.topics:
            counts[topic.id] = TopicCount(*(tally[topic.id] for tally in tallies))
        return counts

    @property
    def topic_title(self) -> str:
        if self.topic is None:
            return "All topics"
        return next((t.title for t in self.bset.topics if t.id == self.topic), self.topic)

    def with_topic(self, topic: str | None) -> View:
        return replace(self, topic=topic)

    def with_hidden(self, hidden: frozenset[str]) -> View:
        return replace(self, hidden=hidden)

    def with_changes(self, changes: tuple[Change, ...]) -> View:
        return replace(self, changes=changes)

    def changed(self, kinds: tuple[str, ...]) -> frozenset[str]:
        """The keys of changed items of these kinds, both bare (`neutrality`) and qualified
        (`contested:neutrality`), since lists key their rows one way or the other."""
        keys = [(c.kind, c.key) for c in self.changes if c.kind in kinds and not c.removed]
        return frozenset(key for kind, key in keys) | frozenset(f"{k}:{key}" for k, key in keys)

    def rebased(self, bset: SetParts) -> View:
        """The same choices over a reloaded set, dropping those that no longer exist."""
        topics = {t.id for t in bset.topics}
        sources = {s.id for s in bset.sources}
        topic = self.topic if self.topic in topics else None
        hidden = frozenset(self.hidden & sources)
        if hidden >= sources:
            hidden = frozenset()
        return View(bset, Legend(bset, self.legend.dark), topic, hidden, documents=self.documents)
