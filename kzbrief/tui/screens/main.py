"""The reader: topic navigator on the left, six tabs on the right.

The screen owns the state (one `View`: the set, the topic, the hidden sources)
and pushes it into the navigator and into the visible pane only; a pane shown
later draws then. Panes report back with small messages.
"""

from __future__ import annotations

import gc
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.events import Resize
from textual.message import Message
from textual.reactive import var
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import ContentSwitcher, Static

from kzbrief import query
from kzbrief.load import CacheDamaged
from kzbrief.load.cached_set import PART_TYPES, CachedSet
from kzbrief.model import SetParts
from kzbrief.sanitise import sanitise
from kzbrief.text import plural
from kzbrief.tui.messages import ExportView, Jump, PlaceFirst
from kzbrief.tui.view import View
from kzbrief.tui.widgets.brief_header import BriefHeader
from kzbrief.tui.widgets.flow import Flow
from kzbrief.tui.widgets.key_bar import KeyBar
from kzbrief.tui.widgets.keys_first import hold_for
from kzbrief.tui.widgets.pane import Pane
from kzbrief.tui.widgets.tab_bar import TabBar
from kzbrief.tui.widgets.topic_nav import TopicNav

# name, title, and where the pane's class lives: a tab's module is imported when the
# tab is first shown, so start-up pays only for the Overview.
TABS: tuple[tuple[str, str, str], ...] = (
    ("overview", "Overview", "overview.OverviewPane"),
    ("timeline", "Timeline", "timeline.TimelinePane"),
    ("framing", "Framing", "framing.FramingPane"),
    ("compare", "Compare", "compare.ComparePane"),
    ("figures", "Figures", "figures.FiguresPane"),
    ("sources", "Sources", "sources.SourcesPane"),
    ("documents", "Documents", "documents.DocumentsPane"),
)
HOME = {
    "topic": "overview",
    "event": "timeline",
    "framing": "framing",
    "contested": "compare",
    "figure": "figures",
    "source": "sources",
    "glossary": "sources",
    "bottom-line": "overview",
    "document": "documents",
}
MIN_WIDTH, MIN_HEIGHT = 60, 16
SETTLE_DELAY = 0.5
"""Seconds after a set's first frame before the parts no pane has used are decoded."""
PLACING_WAIT = 2.0
"""Seconds at most the placing thread waits for the first set's first frame to settle."""
PLACING_WAITS_FROM = 50
"""Sources in a set whose quotes take long to place (~20 ms at 10×, seconds at 100×):
only then does placing wait for the set to settle."""

if TYPE_CHECKING:
    from textual.command import Provider

    from kzbrief.places import Located
    from kzbrief.tui.state import State
    from kzbrief.tui.widgets.documents import DocumentsPane

    from .search import Found


def _reader_commands() -> type[Provider]:
    """The palette's provider, imported when the palette first opens, not at start-up."""
    from kzbrief.tui.providers import ReaderCommands

    return ReaderCommands


class MainScreen(Screen[None]):
    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {_reader_commands}
    # Screen declares these as instance-level; a ClassVar annotation would clash.
    HORIZONTAL_BREAKPOINTS = [  # noqa: RUF012
        (0, "-tiny"),
        (MIN_WIDTH, "-narrow"),
        (110, "-wide"),
    ]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (MIN_HEIGHT, "-tall")]  # noqa: RUF012
    ALLOW_IN_MAXIMIZED_VIEW = "BriefHeader, KeyBar"
    """A maximised pane keeps the title above it and its keys below it."""
    BINDINGS: ClassVar[list[BindingType]] = [
        *(
            Binding(str(n), f"show_tab('{name}')", title, show=False, id=f"tab-{name}")
            for n, (name, title, _) in enumerate(TABS, 1)
        ),
        Binding("slash", "search", "Search", id="search"),
        Binding("n", "search_step(1)", "Next search result", show=False, id="search-next"),
        Binding("N", "search_step(-1)", "Previous search result", show=False, id="search-previous"),
        Binding("s", "choose_sources", "Sources", id="choose-sources"),
        Binding("c", "copy", "Copy", id="copy"),
        # Not in the key bar, which it would crowd (q Quit would go first on a small
        # terminal); `?` lists it, and each quote's `¶` tag is there to be followed.
        Binding(
            "d",
            "open_document",
            "Open the quote's document (escape: back)",
            show=False,
            id="open-document",
        ),
        Binding("o", "open_url", "Open URL", show=False, id="open-url"),
        Binding(
            "e",
            "export('html')",
            "Export as a web page",
            show=False,
            tooltip="Save this tab (its topic and shown sources) as a web page",
            id="export-html",
        ),
        Binding(
            "E",
            "export('md')",
            "Export as Markdown",
            show=False,
            tooltip="Save this tab (its topic and shown sources) as Markdown",
            id="export-markdown",
        ),
        Binding("h,left", "focus_left", "Left pane", show=False, id="pane-left"),
        Binding("l,right", "focus_right", "Right pane", show=False, id="pane-right"),
        Binding("escape", "back", "Back to the list", show=False, id="back"),
        Binding(
            "w", "changes", "What changed since --since OLD (Δ marks it)", show=False, id="changes"
        ),
        Binding(
            "O",
            "only_source",
            "Only this item's source (again: as before)",
            show=False,
            id="only-source",
        ),
        Binding("t", "toggle_topics", "Hide or show the topics", show=False, id="toggle-topics"),
        Binding("z", "zoom", "Maximise the focused pane (again: back)", show=False, id="zoom"),
        Binding("m", "mark", "Mark or unmark the chosen item", show=False, id="mark"),
        Binding("apostrophe", "marks", "Marks: go to a marked item", show=False, id="marks"),
    ]

    view: var[View | None] = var(None, init=False)
    origin: var[Origin | None] = var(None, init=False)
    """Where `d` was pressed: escape in the Documents tab goes back there."""

    def __init__(
        self,
        bset: SetParts | None = None,
        documents: Path | None = None,
        since: tuple[str, SetParts] | None = None,
        briefing_key: str | None = None,
    ) -> None:
        super().__init__()
        self.briefing_key = briefing_key
        """Under what the user's place in this briefing is kept; None keeps nothing."""
        self._restore_tab: str | None = None
        self._state: State | None = None
        """The state file, once opened (on the first set shown, or when first needed)."""
        self._state_later = False
        """There was no state file (a first launch): it is made when first needed."""
        self.documents = documents
        """The folder of the sources' texts, when the user gave one."""
        self.since = since
        """The version given with --since (as given, and loaded): changes are marked."""
        self._before_only: frozenset[str] | None = None
        """The hidden sources before `O` showed one source alone; `O` again restores them."""
        self.found: Found | None = None
        """The last search, its results and the one shown: n and N walk them."""
        self._pending: tuple[str, str] | None = None
        """An item to select once its pane has mounted and drawn."""
        self._initial = bset
        """A set already loaded: shown in the first frame."""
        self.placing: Located | None = None
        """The documents read and their quotes placed so far, until all are (`view.located`)."""
        self.documents_wanted: tuple[str, ...] = ()
        """Documents to place first (read by the placing thread): those the reader waits for."""
        self._placing_for: SetParts | None = None
        """The set whose quotes are being placed (or were)."""
        self._settling: SetParts | None = None
        """The last set shown, whose encoded parts are decoded in the background."""
        self._settle_turn = 0
        """How many sets have been shown: a timer for an older one does nothing."""
        self._settled = threading.Event()
        """Set once the first set shown has settled (`SETTLE_DELAY` after its first frame)."""
        self._damaged_set: SetParts | None = None
        """A cached set found damaged: its files are being read again."""

    def compose(self) -> ComposeResult:
        yield BriefHeader(id="header")
        with Horizontal(id="body"):
            yield TopicNav(id="topics")
            with Vertical(id="tabs"):
                yield TabBar([(name, title) for name, title, _ in TABS], id="tab-bar")
                # A pane is mounted when its tab is first shown, but the Overview is in the
                # first frame: its question is the first thing a reader reads, and it draws
                # only its first lines before the frame (see widgets.lines).
                first = TABS[0][0]
                with ContentSwitcher(id="panes", initial=first):
                    yield _pane_class(first)(id=first)
        yield Static(id="too-small")
        yield KeyBar(id="footer")

    def on_mount(self) -> None:
        # Whichever tab is active by then: a key pressed during the first frame counts.
        self.call_after_refresh(lambda: self._activate(self.active_name))
        if self._initial is not None:
            self.show_briefing(self._initial)
            self._initial = None
        elif self.view is None:
            self.query_one(BriefHeader).show_briefing(None, "loading…")

    # State ------------------------------------------------------------------

    def show_briefing(self, bset: SetParts) -> None:
        """Show a (re)loaded set, keeping the topic, hidden sources and selections."""
        if self.view is not None:
            view = self.view.rebased(bset)
        else:
            dark = self.app.current_theme.dark
            view = self._restored(View.of(bset, self.documents, dark))
        if self.since is not None:
            from kzbrief.diff import diff

            label, old = self.since
            view = view.with_changes(tuple(diff(old, bset)))
            count = len(view.changes)
            if self.view is None or count != len(self.view.changes):
                said = f"{plural(count, 'change')} since {label}: w lists them." if count else ""
                self.notify(said or f"No changes since {label}.", markup=False)
        self.view = view
        if self._restore_tab is not None:
            tab, self._restore_tab = self._restore_tab, None
            self._activate(tab)

    @property
    def state(self) -> State | None:
        """The state file: None when there is nowhere to keep it, or it cannot be used."""
        if self._state_later:
            self._state_later = False
            self._state = self._open_state()
        return self._state

    def _open_state(self) -> State | None:
        # Imported here, once a set is shown: sqlite3 costs ~15 ms, not for the first frame.
        from kzbrief.tui.state import State, StateError

        try:
            return State.open()
        except StateError as exc:
            self.notify(str(exc), severity="warning", markup=False)
            return None

    def _restored(self, view: View) -> View:
        """The first view, at the place the user left this briefing (what of it still exists)."""
        if self.briefing_key is None:
            return view
        from kzbrief.tui.state import state_path

        path = state_path()
        if path is None or not os.path.lexists(path):
            # A first launch: no place to restore, and making the file (writes and a
            # sync) waits until something needs it, after the first frame.
            self._state_later = True
            return view
        self._state = self._open_state()
        place = self._state.place(self.briefing_key) if self._state is not None else None
        if place is None:
            return view
        bset = view.bset
        if place.topic is not None and any(t.id == place.topic for t in bset.topics):
            view = view.with_topic(place.topic)
        hidden = place.hidden & set(view.legend.ids)
        if hidden and hidden != set(view.legend.ids):
            view = view.with_hidden(frozenset(hidden))
        if any(name == place.tab for name, _, _ in TABS):
            self._pending = place.item
            self._restore_tab = place.tab
        return view

    def save_place(self) -> None:
        """Keep the tab, topic, hidden sources and chosen item for the next run."""
        if self.state is None or self.briefing_key is None or self.view is None:
            return
        from kzbrief.tui.state import Place

        pane = self.active_pane
        item = pane.place() if pane is not None and pane.view is self.view else self._pending
        place = Place(self.active_name, self.view.topic, self.view.hidden, item)
        self.state.save_place(self.briefing_key, place)

    def on_unmount(self) -> None:
        if self._state is not None:  # not `state`, which would make a file only to close it
            self._state.close()

    def watch_view(self, view: View | None) -> None:
        if view is None:
            return
        if (
            view.documents is not None
            and view.located is None
            and self._placing_for is not view.bset
        ):
            self._placing_for, self.placing = view.bset, None
            if (documents := self._documents_pane()) is not None:
                documents.show_placing(None)  # not the last set's documents
            self._locate(view)
        if view.bset is not self._settling:
            self._settling = view.bset
            self._settle_turn += 1  # the timers below carry the turn, never the set
            self.call_after_refresh(self._settle, self._settle_turn)  # after its first frame
        shown = (len(view.shown), len(view.legend.ids))
        self.query_one(BriefHeader).show_briefing(view.bset.briefing, shown=shown)
        self.query_one(TopicNav).show_view(view)
        pane = self.active_pane
        if pane is not None and pane.DRAWS_AT_ONCE:
            self._sync_active()  # in the first frame: the Overview's question
        else:
            # The pane draws after the header and topics have painted: on a large set its
            # content takes longest, and the titles should not wait for it.
            self.call_after_refresh(self._sync_active)

    def _sync_active(self) -> None:
        pane = self.active_pane
        # A pane still mounting draws when its Ready message comes.
        if (
            pane is not None
            and pane.is_mounted
            and self.view is not None
            and self._decoded(self.view, later=pane)
        ):
            pane.show_view(self.view)

    def _decoded(self, view: View, later: Pane | None = None) -> bool:
        """Decode what a cached set left encoded that a pane draws from, before it draws;
        should the cache turn out damaged, load the files again instead.

        Only the pane's own parts (`Pane.PARTS`) are decoded now: a pane that draws at
        once draws its first screen from what the first frame decoded, and the rest is
        decoded in the background (`_decode_rest`), a part at a time."""
        if not isinstance(view.bset, CachedSet) or (later is not None and later.DRAWS_AT_ONCE):
            return True
        parts = later.PARTS if later is not None and later.PARTS is not None else PART_TYPES
        try:
            view.bset.decode(*parts)
        except CacheDamaged:
            self._damaged()
            return False
        return True

    def _settle(self, turn: int) -> None:
        """Once the set's first frame is drawn: keep what it built out of the collector's
        walks, and decode the rest of the set a little later, when a first key (in the
        frame that shows the question) has had its tab drawn.

        After a reload, what was frozen is given back to the collector first and collected
        once: the last set's widgets and records may hang in cycles (a widget and its
        parent), which frozen would never be freed, and each save would keep one more set."""
        if turn != self._settle_turn:
            return
        if turn > 1:
            gc.unfreeze()
            gc.collect()
        gc.freeze()
        self.set_timer(SETTLE_DELAY, lambda: self._decode_rest(turn))

    def _decode_rest(self, turn: int) -> None:
        """Decode one part that the set shown still holds encoded, then come back for the
        next: a key pressed meanwhile waits for one part (~60 ms at 100×), not for all
        (~300 ms). What is decoded is kept out of the cycle collector's walks
        (`gc.freeze`): the set's ~100,000 lists and dicts live as long as it does, and
        each full collection walked them all (0.1–0.3 s at 100×, in the middle of a key).
        Frozen objects are still freed when no longer referenced; only a cycle among them
        would be kept."""
        bset = self._settling
        if turn != self._settle_turn or bset is None:
            return  # a newer set is shown; its own decoding is under way
        if wait := hold_for(self.app):  # a key is on its way: it goes first
            self.set_timer(wait, lambda: self._decode_rest(turn))
            return
        self._settled.set()
        gc.freeze()
        if isinstance(bset, CachedSet):
            try:
                step = next(bset.decoding(), None)
            except CacheDamaged:
                self._damaged()
                return
            if step is not None:
                # A timer, not call_after_refresh: no frame may come while nothing changes.
                self.set_timer(0.001, lambda: self._decode_rest(turn))
                return
        gc.freeze()

    @on(Pane.Damaged)
    def _damaged(self) -> None:
        if self.view is None or self.view.bset is self._damaged_set:
            return  # said once for a set, and its files are being read again
        self._damaged_set = self.view.bset
        self.notify("The parse cache was damaged: reading the files again.", markup=False)
        self.call_later(self.run_action, "app.reload")

    # A description of its own: by default Textual names a worker by the repr of its
    # arguments, and a View's repr writes out the whole set (~1 s at 100×, on the UI thread).
    @work(
        thread=True,
        exclusive=True,
        group="documents",
        exit_on_error=False,
        description="placing the quotes in the documents",
    )
    def _locate(self, view: View) -> None:
        """Read the documents and place every quote, off the UI thread: a document at a
        time, the one the Documents tab waits for first (see `documents_wanted`)."""
        assert view.documents is not None
        # Here, in the placing thread: a reader without documents never needs them.
        from kzbrief.documents import read_documents
        from kzbrief.places import locate_in_steps

        try:
            steps = locate_in_steps(
                view.bset, read_documents(view.bset, view.documents), lambda: self.documents_wanted
            )
            for located in steps:
                if self._placing_for is not view.bset:
                    return  # a reload came: its own reading is under way
                message = self.Placing if located.pending else self.Placed
                self.post_message(message(view.bset, located))
                if len(view.bset.sources) >= PLACING_WAITS_FROM:
                    self._keys_first()
        except Exception as exc:  # a bug here must not take the reader down
            said = f"The documents could not be read: {sanitise(repr(exc))}"
            self.app.call_from_thread(self.notify, said, severity="error", markup=False)

    def _keys_first(self) -> None:
        """(In the placing thread, between its steps.) Python runs one thread at a time:
        placing the quotes (seconds at 100×) took half the UI thread's turns, and a tab's
        key pressed as the set appeared took twice as long to show. Once the documents
        are read (the Documents tab lists them), the placing of a large set's quotes waits
        for the set to settle (the first key's tab drawn), and while a key is on its way."""
        self._settled.wait(PLACING_WAIT)
        while (wait := hold_for(self.app)) > 0:
            time.sleep(wait)

    @on(PlaceFirst)
    def _place_first(self, event: PlaceFirst) -> None:
        others = (name for name in self.documents_wanted if name != event.document)
        self.documents_wanted = (event.document, *others)

    @dataclass
    class Placing(Message):
        """The documents are read and some of their quotes placed (`located.pending`: not yet)."""

        bset: SetParts
        located: Located

    @on(Placing)
    def _placing(self, message: Placing) -> None:
        view = self.view
        if view is None or view.bset is not message.bset or view.located is not None:
            return
        self.placing = message.located
        if (documents := self._documents_pane()) is not None:
            documents.show_placing(message.located)

    @dataclass
    class Placed(Message):
        bset: SetParts
        located: Located

    @on(Placed)
    def _placed(self, message: Placed) -> None:
        view = self.view
        if view is None or view.bset is not message.bset:
            return  # a reload came first; its own reading is under way
        self.placing = None
        problems = message.located.documents.problems
        if problems:
            noun = "document" if len(problems) == 1 else "documents"
            first = next(iter(problems.values()))
            self.notify(
                f"{len(problems)} {noun} could not be read: {first}",
                severity="warning",
                markup=False,
            )
        self.view = view.with_located(message.located)

    @property
    def active_name(self) -> str:
        return self.query_one(TabBar).active

    @property
    def active_pane(self) -> Pane | None:
        """The shown tab's pane, once mounted: a key typed straight after a tab's key (h,
        c, m…) comes before the pane has built its widgets, and finds none for now."""
        name = self.active_name
        pane = next((p for p in self.query(Pane) if p.id == name), None) if name else None
        return pane if pane is not None and pane.is_mounted else None

    @on(Pane.Ready)
    def _pane_ready(self, event: Pane.Ready) -> None:
        if event.pane is self.active_pane:
            self._sync(event.pane, focus=True)

    @on(TabBar.Chosen)
    def _tab_clicked(self, event: TabBar.Chosen) -> None:
        self._activate(event.name)

    def _sync(self, pane: Pane, focus: bool = False) -> None:
        if self.found is not None:  # a pane mounted by a search's jump shows its match too
            for flow in pane.query(Flow):
                flow.set_highlight(self.found.needle)
        if (documents := self._documents_pane()) is pane and documents is not None:
            documents.show_placing(self.placing)
        if self.view is not None and self._decoded(self.view, later=pane):
            pane.show_view(self.view)
        if self._pending is not None and self.view is not None:
            kind, key = self._pending
            self._pending = None
            documents = self._documents_pane()
            if kind == "trail" and pane is documents and documents and documents.trail:
                documents.show_trail(*documents.trail)
            elif pane.select(kind, key) and (detail := pane.detail_widget()) is not None:
                # Shown from its top even when it was the item already shown, scrolled.
                detail.scroll_home(animate=False)
        if focus and (target := pane.main_widget()) is not None:
            self.set_focus(target)

    @on(TopicNav.Chosen)
    def _topic_chosen(self, event: TopicNav.Chosen) -> None:
        if self.view is not None:
            self.view = self.view.with_topic(event.topic)

    @on(TopicNav.Opened)
    def _topic_opened(self, event: TopicNav.Opened) -> None:
        self.action_focus_right()

    # Jumps from search and the palette ---------------------------------------

    @on(Jump)
    def _jump(self, event: Jump) -> None:
        self.jump(event.kind, event.key)

    def jump(self, kind: str, key: str) -> None:
        view = self.view
        if view is None or kind not in HOME:
            return
        self.origin = None  # a jump leaves the Documents tab for good
        self._forget_trail()
        if self.found is not None:  # any jump ends the last search's highlight
            self.found = None
            self._highlight(None)
        topics, sources = _item_scope(view.bset, kind, key)
        if kind == "topic":
            view = view.with_topic(key)
        elif view.topic is not None and topics is not None and view.topic not in topics:
            view = view.with_topic(None)
        if sources and all(not view.shows(s) for s in sources):
            view = view.with_hidden(view.hidden - set(sources))
            self.notify("Showing the hidden sources this item comes from.", markup=False)
        self.view = view
        name = HOME[kind]
        if kind == "topic" and self.active_name != "sources":
            name = self.active_name
        self._pending = (kind, key)
        self._activate(name)

    # Actions ------------------------------------------------------------------

    def action_show_tab(self, name: str) -> None:
        self._activate(name)

    def _activate(self, name: str) -> None:
        """Show a tab and focus its pane at once, before the old pane's widgets hide
        (Textual would move focus left in a hidden pane to some other widget)."""
        self.query_one(TabBar).active = name
        panes = self.query_one("#panes", ContentSwitcher)
        if not any(child.id == name for child in panes.children):
            panes.mount(_pane_class(name)(id=name))  # its Ready message draws and focuses it
        panes.current = name
        pane = self.active_pane
        if pane is not None and pane.is_mounted:
            self._sync(pane, focus=True)

    def action_search(self) -> None:
        if self.view is None:
            return

        from .search import SearchScreen  # only when first asked for, to keep start-up quick

        def chosen(found: Found | None) -> None:
            if found is not None:
                if self.state is not None:
                    self.state.remember_query(found.needle)
                self._land(found)

        history = self.state.queries() if self.state is not None else []
        self.app.push_screen(SearchScreen(self.view.bset, history), chosen)

    def action_search_step(self, by: int) -> None:
        if self.found is None:
            self.notify("No search yet: / searches, then n and N walk the results.", markup=False)
            return
        self._land(self.found.step(by))

    def _land(self, found: Found) -> None:
        """Show a search result with its match highlighted and scrolled into view."""
        kind, key = found.item
        self.jump(kind, key)
        self.found = found  # after the jump, which forgets the last search's highlight
        self._highlight(found.needle)
        self.call_after_refresh(self.call_after_refresh, self._reveal, found.needle)
        count = len(found.results)
        self.notify(f"Result {found.at + 1} of {count} for “{found.needle}”", markup=False)

    def _highlight(self, needle: str | None) -> None:
        for flow in self.query(Flow):
            flow.set_highlight(needle)

    def _reveal(self, needle: str) -> None:
        """Scroll the detail to the first line holding the match (the list shows the item)."""
        pane = self.active_pane
        detail = pane.detail_widget() if pane is not None else None
        if detail is None:
            return
        for flow in detail.query(Flow):
            lines = flow.plain.lower().splitlines()
            at = next((i for i, line in enumerate(lines) if needle.lower() in line), None)
            if at is not None:
                y = flow.virtual_region.y + at
                detail.scroll_to(y=max(0, y - 2), animate=False, immediate=True)
                return

    def action_changes(self) -> None:
        if self.view is None:
            return
        if self.since is None:
            self.notify(
                "Start the reader with --since OLD (a folder or git:REV) to see what changed.",
                markup=False,
            )
            return

        from .changes import ChangesScreen

        def chosen(result: tuple[str, str] | None) -> None:
            if result is not None:
                self.jump(*result)

        self.app.push_screen(ChangesScreen(self.view.changes, self.since[0]), chosen)

    def action_only_source(self) -> None:
        view = self.view
        if view is None:
            return
        if self._before_only is not None:
            hidden, self._before_only = self._before_only, None
            self.view = view.with_hidden(hidden)
            self.notify("Showing the sources shown before.", markup=False)
            return
        pane = self.active_pane
        source = _item_source(view.bset, pane.place() if pane is not None else None)
        if source is None:
            self.notify(
                "Choose a source, a framing card or a figure, then O shows its source alone.",
                markup=False,
            )
            return
        self._before_only = view.hidden
        self.view = view.with_hidden(frozenset(s for s in view.legend.ids if s != source))
        label = view.legend.label(source)
        self.notify(f"Showing {label} alone (O again: as before).", markup=False)

    def action_mark(self) -> None:
        pane = self.active_pane
        item = pane.place() if pane is not None else None
        if item is None or self.view is None:
            self.notify("Choose an item to mark (or a topic, on the Overview).", markup=False)
            return
        if self.state is None or self.briefing_key is None:
            self.notify("Marks cannot be kept: no state folder.", severity="warning", markup=False)
            return
        marked = self.state.toggle_mark(self.briefing_key, *item)
        if marked is None:
            self.notify("The mark could not be saved.", severity="warning", markup=False)
            return
        from .marks import item_name

        name = item_name(self.view.bset, *item) or item[1]
        self.notify(f"{'Marked' if marked else 'Unmarked'}: {name} (' lists marks)", markup=False)

    def action_marks(self) -> None:
        if self.view is None:
            return
        from .marks import MarksScreen, item_name

        marks = self.state.marks(self.briefing_key) if self.state and self.briefing_key else []
        named = [
            (kind, key, name)
            for kind, key in marks
            if kind in HOME and (name := item_name(self.view.bset, kind, key)) is not None
        ]

        def chosen(result: tuple[str, str] | None) -> None:
            if result is not None:
                self.jump(*result)

        self.app.push_screen(MarksScreen(named), chosen)

    def action_choose_sources(self) -> None:
        if self.view is None:
            return

        from .source_picker import SourcePicker

        def chosen(hidden: frozenset[str] | None) -> None:
            if hidden is not None and self.view is not None and hidden != self.view.hidden:
                self._before_only = None
                self.view = self.view.with_hidden(hidden)

        self.app.push_screen(SourcePicker(self.view), chosen)

    def action_copy(self) -> None:
        pane = self.active_pane
        text = pane.copy_text() if pane is not None else None
        if not text:
            self.notify("Nothing selected to copy.", severity="warning", markup=False)
            return
        self.app.copy_to_clipboard(text)  # the terminal's clipboard (OSC 52), unconfirmed
        self._copy_with_tool(text)

    @work(thread=True, group="copy", exit_on_error=False)
    def _copy_with_tool(self, text: str) -> None:
        """A clipboard tool, off the UI thread: only its success is reported as a copy."""
        from kzbrief.tui.clipboard import copy_with_tool

        tool = copy_with_tool(text)
        first = text.splitlines()[0]
        if len(first) > 60:
            first = first[:59] + "…"
        if tool is not None:
            said = f"Copied with its citation ({tool}): {first}"
        else:
            said = (
                f"Sent to the terminal's clipboard (OSC 52; some terminals and tmux drop it): "
                f"{first}"
            )
        self.app.call_from_thread(self.notify, said, markup=False)

    @on(ExportView)
    def _export_asked(self, event: ExportView) -> None:
        self.action_export(event.fmt)

    def action_export(self, fmt: str) -> None:
        if self.view is None or not self._decoded(self.view):
            return
        from kzbrief.render.export import FORMATS
        from kzbrief.tui.export_view import export_view

        try:
            path = export_view(self.view, self.active_name, fmt)
        except OSError as exc:
            reason = exc.strerror or str(exc)
            self.notify(f"Could not export: {reason}", severity="error", markup=False)
            return
        title = next(title for name, title, _ in TABS if name == self.active_name)
        self.notify(f"Exported {title} as {FORMATS[fmt]} to {path}", markup=False)

    def action_open_document(self) -> None:
        """Open the Documents tab at the chosen item's first quote; escape comes back."""
        view = self.view
        pane = self.active_pane
        if view is None or pane is None:
            return
        if view.documents is None:
            from kzbrief.documents import HOW_TO_SUPPLY

            self.notify(HOW_TO_SUPPLY, markup=False)
            return
        if pane.id == "documents":
            return
        label, quotes = pane.quotes()
        if not quotes:
            self.notify("The chosen item quotes no document.", markup=False)
            return
        if view.located is None:  # still placing: this item's documents first
            sources = {s.id: s.document for s in view.bset.sources}
            self.documents_wanted = tuple(dict.fromkeys(sources.get(q.source, "") for q in quotes))
        self.origin = Origin.of(self)
        self._activate("documents")
        documents = self._documents_pane()
        assert documents is not None
        documents.trail = (label, quotes)
        if documents.is_mounted:
            documents.show_trail(label, quotes)
        else:  # mounting: it draws the trail when its Ready message comes
            self._pending = ("trail", "")

    def _documents_pane(self) -> DocumentsPane | None:
        """The Documents tab's pane, once it has been shown (imported with it)."""
        pane = next((p for p in self.query(Pane) if p.id == "documents"), None)
        if pane is None:
            return None
        from kzbrief.tui.widgets.documents import DocumentsPane

        return pane if isinstance(pane, DocumentsPane) else None

    def _forget_trail(self) -> None:
        """The Documents tab lists its documents again, not the last item's quotes."""
        pane = self._documents_pane()
        if pane is not None and pane.trail is not None:
            pane.trail = None
            pane.view = None  # drawn afresh when next shown

    def _return(self) -> bool:
        """Back to where `d` was pressed: tab, item, focus and scroll as they were."""
        origin, self.origin = self.origin, None
        if origin is None or self.active_name != "documents":
            return False
        self._forget_trail()
        self._activate(origin.tab)
        origin.restore(self)
        return True

    def action_open_url(self) -> None:
        pane = self.active_pane
        url = pane.source_url() if pane is not None else None
        if pane is None or url is None:
            self.notify("Choose a source on the Sources tab (6) to open its URL.", markup=False)
        elif not url.startswith(("https://", "http://")):
            self.notify(
                "No web address is known for this source.", severity="warning", markup=False
            )
        else:
            from kzbrief.tui.screens.confirm_open import ConfirmOpen

            def answered(yes: bool | None) -> None:
                if yes:
                    self.app.open_url(url)
                    self.notify(f"Opening {url}", markup=False)

            self.app.push_screen(ConfirmOpen(url), answered)

    # Focus moves use set_focus, which is immediate: Widget.focus() waits a turn, and a
    # key typed straight after (h then j) would still go to the old pane.

    def _regions(self) -> list[Widget]:
        """The focusable regions, left to right: topics, the pane's list, the pane's detail."""
        regions: list[Widget] = [] if self.has_class("-no-topics") else [self.query_one(TopicNav)]
        pane = self.active_pane
        if pane is not None:
            regions += [w for w in (pane.main_widget(), pane.detail_widget()) if w is not None]
        return regions

    def _region_at(self, regions: list[Widget]) -> int:
        focused = self.focused
        for i, region in enumerate(regions):
            if focused is not None and (focused is region or region in focused.ancestors):
                return i
        return 0

    def action_focus_left(self) -> None:
        regions = self._regions()
        if not regions:
            return
        self.set_focus(regions[max(0, self._region_at(regions) - 1)])

    def action_focus_right(self) -> None:
        regions = self._regions()
        if not regions:
            return
        self.set_focus(regions[min(len(regions) - 1, self._region_at(regions) + 1)])

    def action_toggle_topics(self) -> None:
        hiding = not self.has_class("-no-topics")
        self.set_class(hiding, "-no-topics")
        if hiding and isinstance(self.focused, TopicNav):
            self.action_focus_right()

    def action_zoom(self) -> None:
        if self.maximized is not None:
            self.minimize()
        elif self.focused is not None:
            self.maximize(self.focused, container=False)

    def action_back(self) -> None:
        if self.maximized is not None:
            self.minimize()
            return
        if self._return():
            return
        pane = self.active_pane
        if pane is not None and (target := pane.main_widget()) is not None:
            self.set_focus(target)

    # Size ---------------------------------------------------------------------

    def on_resize(self, event: Resize) -> None:
        width, height = event.size
        message = Content.assemble(
            ("Terminal too small", "bold"),
            f"\n\n{width}×{height}: kzbrief needs at least {MIN_WIDTH}×{MIN_HEIGHT}.",
            "\nEnlarge the window, or run 'kzbrief summary'.\n\n",
            ("q quits", "$text-muted"),
        )
        self.query_one("#too-small", Static).update(message)


@dataclass(frozen=True)
class Origin:
    """A tab as it was: which widget had focus, and where each scrolling part stood."""

    tab: str
    focused: Widget | None
    scrolls: tuple[tuple[Widget, float, float], ...]

    @classmethod
    def of(cls, screen: MainScreen) -> Origin:
        pane = screen.active_pane
        scrolls: tuple[tuple[Widget, float, float], ...] = ()
        if pane is not None:
            scrolls = tuple((w, w.scroll_x, w.scroll_y) for w in pane.query("*") if w.is_scrollable)
        return cls(screen.active_name, screen.focused, scrolls)

    def restore(self, screen: MainScreen) -> None:
        if self.focused is not None and self.focused.is_attached:
            screen.set_focus(self.focused)

        def scroll_back() -> None:
            for widget, x, y in self.scrolls:
                if widget.is_attached:
                    widget.scroll_to(x, y, animate=False, immediate=True)

        screen.call_after_refresh(scroll_back)


def _pane_class(name: str) -> type[Pane]:
    where = next(where for tab, _, where in TABS if tab == name)
    module, _, cls = where.partition(".")
    pane: type[Pane] = getattr(import_module(f"kzbrief.tui.widgets.{module}"), cls)
    return pane


def _item_source(bset: SetParts, item: tuple[str, str] | None) -> str | None:
    """The one source an item comes from, when it has one."""
    if item is None:
        return None
    kind, key = item
    if kind in ("source", "framing", "document"):
        return key if bset.source(key) is not None else None
    if kind == "figure":
        return next((f.source for f in bset.figures if f.id == key), None)
    return None


def _item_scope(bset: SetParts, kind: str, key: str) -> tuple[list[str] | None, list[str]]:
    """The topics an item belongs to (None when topics do not filter it) and its sources."""
    if kind == "event":
        event = next((e for e in bset.events if e.id == key), None)
        return (event.topics, query.quote_sources(event.quotes)) if event else (None, [])
    if kind == "contested":
        point = next((c for c in bset.contested if c.id == key), None)
        return (point.topics, [p.source for p in point.positions]) if point else (None, [])
    if kind == "figure":
        figure = next((f for f in bset.figures if f.id == key), None)
        return (figure.topics, [figure.source]) if figure else (None, [])
    if kind == "framing":
        return None, [key]
    return None, []
