"""The command palette's reader commands: jump to any topic, event, contested point or source.

The palette reads a hit's help line as markup, so help lines here are built only
from counts, dates and fixed words, never from briefing text; prompts are `Content`.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from kzbrief import query
from kzbrief.dates import display_date
from kzbrief.model import SetParts
from kzbrief.render.export import FORMATS
from kzbrief.text import one_line, plural
from kzbrief.tui.messages import ExportView, Jump
from kzbrief.tui.view import View


def entries(bset: SetParts) -> Iterator[tuple[str, str, str, str]]:
    """(kind, id, text to match, markup-free help) for everything the palette can jump to."""
    counts = bset.topic_counts()
    for t in bset.topics:
        n = counts[t.id]
        help = f"topic · {plural(n.events, 'event')}, {plural(n.contested, 'contested point')}"
        yield "topic", t.id, f"Topic: {one_line(t.title)}", help
    for s in bset.sources:
        yield (
            "source",
            s.id,
            f"Source: {one_line(s.label)} — {one_line(s.title)}",
            f"source · {s.genre.value}",
        )
    for c in bset.contested:
        yield (
            "contested",
            c.id,
            f"Contested: {one_line(c.question)}",
            f"contested point · {plural(len(c.positions), 'position')}",
        )
    for e in query.events(bset):
        sources = len(query.quote_sources(e.quotes))
        help = f"event · {display_date(e.date)} · reported by {plural(sources, 'source')}"
        yield "event", e.id, f"Event: {one_line(e.title)}", help


class ReaderCommands(Provider):
    """Used by the palette on the main screen, whose `view` holds the loaded set."""

    def _bset(self) -> SetParts | None:
        view = getattr(self.screen, "view", None)
        return view.bset if isinstance(view, View) else None

    def _jump(self, kind: str, key: str) -> None:
        self.screen.post_message(Jump(kind, key))

    def _export(self, fmt: str) -> None:
        self.screen.post_message(ExportView(fmt))

    def _actions(self) -> list[tuple[str, str, str]]:
        """(action, prompt, help) for every key of the reader: the palette does them all."""
        from textual.binding import Binding

        from kzbrief.tui.screens.main import MainScreen

        out: list[tuple[str, str, str]] = []
        screen_bindings = [b for b in MainScreen.BINDINGS if isinstance(b, Binding)]
        app_bindings = [b for b in self.app.BINDINGS if isinstance(b, Binding)]
        seen: set[str] = set()
        for binding, prefix in [(b, "") for b in screen_bindings] + [
            (b, "app.") for b in app_bindings
        ]:
            if not binding.description or binding.action in seen:
                continue
            if binding.action in ("command_palette", "search_step(-1)"):
                continue  # the palette is open; N is n's mirror
            seen.add(binding.action)
            key = self.app.get_key_display(binding)
            out.append((prefix + binding.action, binding.description, f"key: {key}"))
        return out

    def _run(self, action: str) -> None:
        self.screen.call_later(self.screen.run_action, action)

    def _exports(self) -> list[tuple[str, str, str]]:
        """(format, prompt, help) for each format the view can be exported to."""
        return [
            (
                fmt,
                f"Export this view as {name}",
                "the tab, its topic and shown sources, to a new file in the current folder",
            )
            for fmt, name in FORMATS.items()
        ]

    async def discover(self) -> Hits:
        bset = self._bset()
        if bset is None:
            return
        for fmt, text, help in self._exports():
            yield DiscoveryHit(Content(text), partial(self._export, fmt), text=text, help=help)
        for action, text, help in self._actions():
            yield DiscoveryHit(Content(text), partial(self._run, action), text=text, help=help)
        for kind, key, text, help in entries(bset):
            if kind in ("topic", "source"):
                yield DiscoveryHit(
                    Content(text), partial(self._jump, kind, key), text=text, help=help
                )

    async def search(self, query_text: str) -> Hits:
        bset = self._bset()
        if bset is None:
            return
        matcher = self.matcher(query_text)
        style = matcher.match_style
        for fmt, text, help in self._exports():
            score, offsets = matcher.fuzzy_search.match(matcher.query, text)
            if score > 0:
                prompt = Content(text)
                for at in offsets:
                    prompt = prompt.stylize(style, at, at + 1)
                yield Hit(score, prompt, partial(self._export, fmt), text=text, help=help)
        for action, text, help in self._actions():
            score, offsets = matcher.fuzzy_search.match(matcher.query, text)
            if score > 0:
                prompt = Content(text)
                for at in offsets:
                    prompt = prompt.stylize(style, at, at + 1)
                yield Hit(score, prompt, partial(self._run, action), text=text, help=help)
        for kind, key, text, help in entries(bset):
            score, offsets = matcher.fuzzy_search.match(matcher.query, text)
            if score > 0:
                prompt = Content(text)
                for at in offsets:
                    prompt = prompt.stylize(style, at, at + 1)
                yield Hit(score, prompt, partial(self._jump, kind, key), text=text, help=help)
