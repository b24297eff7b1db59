"""Shared Rich pieces: literal text, headings and source badges."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from rich.text import Text

from kzbrief.load.heads import SourceLike, source_heads
from kzbrief.model import SetParts

# Source badges cycle through these so each source keeps one colour everywhere.
PALETTE = ("cyan", "magenta", "green", "yellow", "blue", "red", "bright_cyan", "bright_magenta")


def lit(text: str, style: str = "") -> Text:
    """Briefing text, always literal: Text() never parses markup or emoji codes."""
    return Text(text, style=style)


def heading(text: str) -> Text:
    return Text(text, style="bold underline")


def source_styles(bset: SetParts) -> dict[str, str]:
    return _palette(source_heads(bset))


def _palette(sources: Sequence[SourceLike]) -> dict[str, str]:
    return {s.id: PALETTE[i % len(PALETTE)] for i, s in enumerate(sources)}


class _Badges:
    """One set's badges, by the sources they name: each list of sources is badged once
    (a 100× timeline has 6,600 rows and a few hundred lists), its styles and labels made
    once (for every row they were quadratic: seconds for 500 sources)."""

    def __init__(self, bset: SetParts) -> None:
        self.bset = bset
        sources = source_heads(bset)
        self.styles = _palette(sources)
        self.labels = {s.id: s.label for s in sources}
        self.made: dict[tuple[str, ...], Text] = {}
        self.parts: dict[tuple[str, ...], tuple[tuple[str, str], ...]] = {}
        self.once: dict[tuple[str, ...], tuple[tuple[str, str], ...]] = {}
        self.badge: dict[str, tuple[str, str]] = {}  # each source's (text, style)

    def __call__(self, source_ids: list[str]) -> Text:
        """The badges, shared: never to be changed."""
        key = tuple(source_ids)
        found = self.made.get(key)
        if found is None:
            found = self.made[key] = Text()
            for text, style in self.runs(source_ids):
                found.append(text, style)
        return found

    def runs(self, source_ids: Iterable[str]) -> tuple[tuple[str, str], ...]:
        """The badges as (text, style) runs, as `__call__` appends them: one tuple for each
        list of sources (shared, so that what is made of it is made once)."""
        key = tuple(source_ids)
        found = self.parts.get(key)
        if found is None:
            made: list[tuple[str, str]] = []
            badge = self.badge
            for sid in key:
                if made:
                    made.append((" ", ""))
                made.append(badge.get(sid) or self._badge(sid))
            found = self.parts[key] = tuple(made)
        return found

    def distinct(self, source_ids: list[str]) -> tuple[tuple[str, str], ...]:
        """`runs` of each source once, in first-seen order."""
        key = tuple(source_ids)
        found = self.once.get(key)
        if found is None:
            found = self.once[key] = self.runs(dict.fromkeys(source_ids))
        return found

    def _badge(self, sid: str) -> tuple[str, str]:
        made = self.badge[sid] = (f"[{self.labels.get(sid, sid)}]", self.styles.get(sid, ""))
        return made


_last: _Badges | None = None  # the last set's


def _badges(bset: SetParts) -> _Badges:
    global _last
    if _last is None or _last.bset is not bset:
        _last = _Badges(bset)
    return _last


def _shared(bset: SetParts, source_ids: list[str]) -> Text:
    return _badges(bset)(source_ids)


def badge_runs(bset: SetParts, source_ids: list[str]) -> tuple[tuple[str, str], ...]:
    """`badges` as (text, style) runs, for a `grid.Runs`."""
    return _badges(bset).runs(source_ids)


def badge_maker(bset: SetParts) -> Callable[[list[str]], tuple[tuple[str, str], ...]]:
    """`badge_runs` for `bset` of each distinct source once, in first-seen order (an
    event's quotes' sources), for many lists."""
    return _badges(bset).distinct


def badges(bset: SetParts, source_ids: list[str]) -> Text:
    """A badge in its source's colour for each source, `[Label]`, spaced."""
    return _shared(bset, source_ids).copy()


def append_badges(text: Text, bset: SetParts, source_ids: list[str]) -> None:
    """`text.append_text(badges(...))`, without making a copy of them."""
    text.append_text(_shared(bset, source_ids))
