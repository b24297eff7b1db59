"""A virtualised list whose rows are drawn for its width, with vim keys and stable keys.

Rows of a known height (one line cut to fit, or a height computed from the width) are
drawn only when they scroll into view, so a list of thousands costs little time or
memory. Rows whose height depends on wrapping are drawn up front. Either way rows join
the list in batches: the first holds the first screenful (and the row to highlight),
the rest follow between frames without freezing the app, and whatever needs a row not
yet in the list (a jump, `G`, `j` on the last row so far) adds the rows up to it first.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from functools import partial
from itertools import islice
from typing import ClassVar, NamedTuple

from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.css.scalar import Unit
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from .keys_first import hold_for

BATCH = 50
"""Rows drawn up front per batch; the first batch also covers the row to highlight."""
LAZY_BATCH = 400
"""Rows of known height per batch (each costs an `Option`, not a drawing)."""
SLICE = 0.010
"""Seconds of batches added between frames, so a key waits at most about this long."""

Height = int | Callable[[int], int]
"""Lines a row takes: the same at any width, or computed from the width."""


class Row(NamedTuple):
    key: str | None
    """What the row stands for, e.g. an event id; None for a heading that cannot be chosen."""
    draw: Callable[[int], Content]
    height: Height | None = None
    """Lines the row takes, when known without drawing it (at any width, or computed
    from the width); it is then drawn only when seen."""


CHANGED = Content.styled("Δ ", "bold $text-warning")
"""Before a row whose item changed since the version given with --since."""
UNCHANGED = Content("  ")


def fixed(content: Content) -> Callable[[int], Content]:
    """A row drawn the same at any width, such as a heading."""
    return lambda _width: content


def _badged(badge: Content, draw: Callable[[int], Content], width: int) -> Content:
    return badge + draw(max(1, width - badge.cell_length))


def _badged_height(badge: Content, height: Callable[[int], int], width: int) -> int:
    return height(max(1, width - badge.cell_length))


class _Lazy(Visual):
    """A row of known height, drawn when the list renders it."""

    def __init__(self, draw: Callable[[int], Content], height: Height) -> None:
        self.draw = draw
        self.height = height

    def _lines(self, width: int) -> int:
        return self.height if isinstance(self.height, int) else self.height(width)

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        lines = self._lines(width)
        return self.draw(width).render_strips(width, height or lines, style, options)[:lines]

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return container_width

    def get_height(self, rules: RulesMap, width: int) -> int:
        return self._lines(width)


class _Drawn(Visual):
    """A row drawn for one width; its height is its line count, with no second wrapping."""

    def __init__(self, content: Content) -> None:
        self.content = content
        self.height = content.plain.count("\n") + 1

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        return self.content.render_strips(width, height, style, options)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return self.content.cell_length

    def get_height(self, rules: RulesMap, width: int) -> int:
        return self.height


class NavList(OptionList):
    """An `OptionList` of `Row`s, addressed by key rather than by index."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False, id="down"),
        Binding("k", "cursor_up", "Up", show=False, id="up"),
        Binding("g", "first", "First", show=False, id="first"),
        Binding("G", "last", "Last", show=False, id="last"),
    ]

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes, markup=False)
        self._rows: Sequence[Row] = ()
        self._index: dict[str, int] = {}
        self._drawn_width = 0
        self._fixed = False
        """Every row has a height that the width does not change: the rows are the same
        at any width (each is drawn for the width it is rendered at)."""
        self._keep: str | None = None
        self._generation = 0
        self.changed: frozenset[str] = frozenset()
        """Keys of rows to badge as changed; set before `show_rows`."""

    @property
    def keys(self) -> list[str]:
        return [row.key for row in self._rows if row.key is not None]

    @property
    def complete(self) -> bool:
        """Every row is in the list (the last batch has been drawn)."""
        return bool(self._drawn_width) and self.option_count == len(self._rows)

    @property
    def current(self) -> str | None:
        """The key of the highlighted row."""
        at = self.highlighted
        if at is None or at >= len(self._rows):
            return None
        return self._rows[at].key

    def text_at(self, index: int) -> str:
        """Row `index` as plain text, as drawn at the list's width (for tests and copying)."""
        # Rows the same at any width are drawn for the width they are shown at, which a
        # list drawn before its first layout learns only then.
        laid_out = self._row_width() if self._fixed else 0
        width = laid_out if laid_out > 0 else self._drawn_width or 80
        return self._drawer(self._rows[index])(width).plain

    def show_rows(self, rows: Sequence[Row], keep: str | None = None) -> None:
        """Replace the rows, keeping `keep` (or the current row) highlighted when it remains."""
        self._keep = keep or (self.current if self._drawn_width else self._keep)
        self._rows = rows
        self._index = {row.key: i for i, row in enumerate(rows) if row.key is not None}
        self._fixed = all(isinstance(row.height, int) for row in rows)
        self._drawn_width = 0
        self._draw()

    def select_key(self, key: str) -> bool:
        """Highlight the row `key` now (adding the rows up to it, should the list still be
        filling), or once the list is first drawn."""
        at = self._index.get(key)
        if at is None:
            return False
        if self._drawn_width:
            self._fill_to(at)
            self._highlight(at)
        else:
            self._keep = key
        return True

    def action_cursor_down(self) -> None:
        self._fill_after(self.highlighted)  # not round to the top while rows are to come
        super().action_cursor_down()

    def action_cursor_up(self) -> None:
        at = self.highlighted
        if at is not None and not any(row.key is not None for row in islice(self._rows, at)):
            self._fill_to(len(self._rows) - 1)  # round to the last row: all of them
        super().action_cursor_up()

    def action_last(self) -> None:
        self._fill_to(len(self._rows) - 1)
        super().action_last()

    def action_page_down(self) -> None:
        at = self.highlighted or 0
        self._fill_to(min(len(self._rows) - 1, at + self.scrollable_content_region.height + 1))
        self._fill_after(at)
        super().action_page_down()  # type: ignore[no-untyped-call]

    def redraw(self, *keys: str) -> None:
        """Draw these rows again (how they look changed, not what they stand for): a
        list of thousands is not rebuilt to move a marker."""
        if not self._drawn_width:
            return
        for key in keys:
            at = self._index.get(key)
            if at is not None and at < self.option_count:
                option = self._option(self._rows[at], self._drawn_width)
                self.replace_option_prompt_at_index(at, option.prompt)

    def _row_width(self) -> int:
        padding = self.get_component_styles("option-list--option").padding
        width = self.scrollable_content_region.width or self._styled_width()
        return width - padding.width

    def _styled_width(self) -> int:
        """Before the first layout, the width the styles fix (e.g. `width: 24`), or 0.

        Rows drawn for it appear in the app's first frame instead of the one after the
        layout; should the layout give another width, `on_resize` draws them again.
        """
        styles = self.styles
        if styles.width is None or styles.width.unit is not Unit.CELLS:
            return 0
        gutter = styles.scrollbar_size_vertical if styles.scrollbar_gutter == "stable" else 0
        return int(styles.width.value) - styles.gutter.width - gutter

    def _drawer(self, row: Row) -> Callable[[int], Content]:
        """How the row is drawn: as it is, or behind a Δ badge (or its blank) under --since."""
        if not self.changed:
            return row.draw
        # Every row shifts by the badge's width, so columns stay aligned.
        badge = CHANGED if row.key is not None and row.key in self.changed else UNCHANGED
        return partial(_badged, badge, row.draw)

    def _option(self, row: Row, width: int) -> Option:
        draw = self._drawer(row)
        height = row.height
        if self.changed and height is not None and not isinstance(height, int):
            height = partial(_badged_height, UNCHANGED, height)  # Δ and its blank: one width
        visual = _Lazy(draw, height) if height else _Drawn(draw(width))
        return Option(visual, disabled=row.key is None)

    def _cut(self, start: int, at_least: int = 0) -> int:
        """Where the batch from `start` ends: rows drawn up front count more than rows
        of known height; the batch reaches past `at_least`."""
        eager = lazy = 0
        end = start
        for row in islice(self._rows, start, None):
            if row.height is None:
                eager += 1
            else:
                lazy += 1
            if (eager > BATCH or lazy > LAZY_BATCH) and end >= at_least:
                break
            end += 1
        return end

    def _draw(self) -> None:
        width = self._row_width()
        if width <= 0 and self._fixed and self._rows:
            # Not laid out yet (a pane just mounted), but its rows need no width: they are
            # in the frame that lays it out, not in the one after its Resize.
            width = max(1, self.app.size.width)
        if width <= 0:
            return
        self._drawn_width = width
        self._generation += 1
        keep = self._index.get(self._keep) if self._keep is not None else None
        end = self._cut(0, (keep or 0) + 1)
        self.set_options(self._option(row, width) for row in self._rows[:end])
        self._highlight(keep)
        if end < len(self._rows):
            self.call_after_refresh(self._more, self._generation)

    def _add(self, end: int) -> None:
        """Add the rows from the last one in the list up to `end` (not included)."""
        width = self._drawn_width
        start = self.option_count
        self.add_options(self._option(row, width) for row in self._rows[start:end])

    def _fill_to(self, index: int) -> None:
        """Add the rows up to `index` now, if the list is still filling."""
        if self._drawn_width and index >= self.option_count:
            self._add(self._cut(self.option_count, index + 1))

    def _fill_after(self, at: int | None) -> None:
        """Add rows until one that can be chosen follows `at`, or none are left."""
        if at is None or not self._drawn_width:
            return
        rows = self._rows
        while self.option_count < len(rows) and not any(
            row.key is not None for row in islice(rows, at + 1, self.option_count)
        ):
            self._add(self._cut(self.option_count))

    def _more(self, generation: int) -> None:
        """Add batches for a few milliseconds, unless the rows or the width have changed
        since; the rest after the next frame."""
        if generation != self._generation:
            return
        if wait := hold_for(self.app):  # a key is on its way: it goes first
            self.set_timer(wait, lambda: self._more(generation))
            return
        deadline = time.perf_counter() + SLICE
        while self.option_count < len(self._rows) and time.perf_counter() < deadline:
            start = self.option_count
            end = self._cut(start)
            self._add(end)
            keep = self._index.get(self._keep) if self._keep is not None else None
            if keep is not None and start <= keep < end:
                self._highlight(keep)
        if self.option_count < len(self._rows):
            self.call_after_refresh(self._more, generation)

    def _highlight(self, at: int | None) -> None:
        if at is None or at >= self.option_count:
            at = next(
                (i for i, row in enumerate(self._rows[: self.option_count]) if row.key is not None),
                None,
            )
        self.highlighted = at
        if at is not None:
            self._keep = self._rows[at].key
            self.scroll_to_highlight()

    def on_resize(self, event: events.Resize) -> None:
        if self._fixed and self._drawn_width and self._row_width() > 0:
            self._drawn_width = self._row_width()  # the rows are the same at any width
            return
        if self._rows and self._row_width() != self._drawn_width:
            if self._drawn_width:
                self._keep = self.current
            self._draw()
