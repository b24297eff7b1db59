"""The reader's App: loading and reloading, settings, help, and `run_reader` for the CLI."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import App
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen

from kzbrief.load import Loaded, Problem, load_if_cached, load_set
from kzbrief.model import SetParts
from kzbrief.sanitise import sanitise
from kzbrief.tui.config import Config, documents_for, load_config, save_theme
from kzbrief.tui.screens.main import MainScreen

if TYPE_CHECKING:
    from kzbrief.tui.screens.help import Group

WATCH_INTERVAL = 0.5
"""Seconds between checks for changed files under --watch."""


def _signature(root: Path) -> tuple[tuple[str, int, int], ...]:
    """Names, modification times and sizes of the set's YAML files: cheap to take twice a second."""
    try:
        entries = [e for e in os.scandir(root) if e.name.endswith((".yaml", ".yml"))]
        return tuple(sorted((e.name, e.stat().st_mtime_ns, e.stat().st_size) for e in entries))
    except OSError:
        return ()


class KzbriefApp(App[int]):
    """`KzbriefApp(Path("tests/fixtures/mini")).run_test()` is all a test needs."""

    CSS_PATH = "kzbrief.tcss"
    TITLE = "kzbrief"
    ALLOW_SELECT = False
    # Every binding has an id, so a user keymap can move any of them.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="quit"),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True, id="quit-now"),
        Binding("question_mark", "help", "Help", id="help"),
        Binding("ctrl+p", "command_palette", "Palette", show=False, id="command-palette"),
        Binding("r", "reload", "Reload", id="reload"),
        Binding("ctrl+c", "help_quit", show=False, system=True, id="help-quit"),
    ]

    @dataclass
    class SetLoaded(Message):
        loaded: Loaded
        asked: bool
        """True when the user pressed r, so success is worth saying."""

    def __init__(
        self,
        root: Path,
        *,
        use_cache: bool = False,
        watch: bool = False,
        config: Config | None = None,
        documents: Path | None = None,
    ) -> None:
        super().__init__()
        self.root = root
        self.use_cache = use_cache
        self.watching = watch
        self.config = config if config is not None else load_config()
        self.documents = documents or documents_for(self.config, root)
        """The folder of the sources' texts: --sources, $KZBRIEF_SOURCES or the config."""
        self._signature: tuple[tuple[str, int, int], ...] = ()
        self._theme_ready = False

    def get_default_screen(self) -> Screen[None]:
        return MainScreen(self._cached_set(), self.documents)

    def _cached_set(self) -> SetParts | None:
        """The set, when the parse cache holds it for the files as they are (a few ms):
        then the first frame shows it, and only a set to parse waits for the worker.
        Its parts are decoded as the panes first use them: the first frame needs only
        the briefing, sources and topics (~20 ms of a 100× set's ~150 ms)."""
        if not self.use_cache:
            return None
        try:
            cached = load_if_cached(self.root)
            if cached is not None:
                _ = cached.briefing, cached.sources, cached.topics  # what the first frame shows
            return cached
        except Exception:  # e.g. a damaged entry: the worker's load says what went wrong
            return None

    def on_mount(self) -> None:
        if self.config.theme in self.available_themes:
            self.theme = self.config.theme
        self._theme_ready = True
        if self.config.keymap:
            self.set_keymap(self.config.keymap)
        if self.config.problem:
            self.notify(self.config.problem, severity="warning", markup=False)
        main = self._main()
        if main is None or main.view is None:
            # Load after the first paint, so the frame appears before the set is parsed.
            self.call_after_refresh(self.reload, False)
        if self.watching:
            self._signature = _signature(self.root)
            self.set_interval(WATCH_INTERVAL, self._check_files)

    def watch_theme(self, theme: str) -> None:
        if self._theme_ready and not save_theme(theme):
            self.notify("The theme could not be saved.", severity="warning", markup=False)

    # Loading ------------------------------------------------------------------

    def reload(self, asked: bool) -> None:
        self._load(asked)

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def _load(self, asked: bool) -> None:
        try:
            loaded = load_set(self.root, use_cache=self.use_cache)
            # Every part is decoded here, off the UI thread: the panes use them all.
            loaded = Loaded(loaded.root, loaded.whole(), loaded.problems)
        except Exception as exc:  # a loader bug must still leave a usable screen
            problem = Problem(
                file=sanitise(str(self.root)), message=f"could not load: {sanitise(repr(exc))}"
            )
            loaded = Loaded(self.root, None, (problem,))
        self.post_message(self.SetLoaded(loaded, asked))

    @on(SetLoaded)
    def _loaded(self, message: KzbriefApp.SetLoaded) -> None:
        loaded = message.loaded
        # Imported when a load ends (after the first paint), as are help and the timeline.
        from kzbrief.tui.screens.problems import ProblemsScreen

        problems = [s for s in self.screen_stack if isinstance(s, ProblemsScreen)]
        bset = loaded.whole()
        if loaded.ok and bset is not None:
            for screen in problems:
                if screen is self.screen:
                    self.pop_screen()
            main = self._main()
            if main is not None:
                main.show_briefing(bset)
            if message.asked:
                self.notify("Reloaded.", markup=False)
            return
        if problems and problems[-1] is self.screen:
            problems[-1].show_problems(loaded.problems)
        else:
            self.push_screen(ProblemsScreen(self.root, loaded.problems, self.watching))

    def _main(self) -> MainScreen | None:
        return next((s for s in self.screen_stack if isinstance(s, MainScreen)), None)

    def _check_files(self) -> None:
        signature = _signature(self.root)
        if signature != self._signature:
            self._signature = signature
            self.reload(asked=False)

    # Actions ------------------------------------------------------------------

    def action_reload(self) -> None:
        self.reload(asked=True)

    def action_help(self) -> None:
        from kzbrief.tui.screens.help import HelpScreen, help_text

        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(help_text(self.help_groups(), self._keymap)))

    @staticmethod
    def help_groups() -> list[Group]:
        from kzbrief.tui.widgets.document_text import DocumentText
        from kzbrief.tui.widgets.timeline import TimelinePane

        def show(key: str, description: str, ident: str) -> Binding:
            return Binding(key, "", description, id=ident)

        moving = [
            show("j", "Next item, or scroll down (also ↓)", "down"),
            show("k", "Previous item, or scroll up (also ↑)", "up"),
            show("g", "First item, or top (also home)", "first"),
            show("G", "Last item, or bottom (also end)", "last"),
            show("space", "Page down in a text pane (also pgdn)", "page-down"),
            show("b", "Page up in a text pane (also pgup)", "page-up"),
            show("enter", "Open: into the chosen item's details", "open"),
            show("tab", "Next pane (shift+tab: previous)", "focus-next"),
        ]
        return [
            ("Anywhere", KzbriefApp.BINDINGS[:-1]),  # type: ignore[list-item]
            ("Reader", MainScreen.BINDINGS),  # type: ignore[list-item]
            ("Moving", moving),
            ("Timeline", TimelinePane.BINDINGS),  # type: ignore[list-item]
            ("Documents (7, or d from a quote)", DocumentText.PASSAGE_KEYS),
            (
                "Search and the source chooser",
                [
                    show("down", "Search: from the query to the results", "search-results"),
                    show("escape", "Search: close", "search-close"),
                    show("space", "Sources: show or hide the highlighted source", "sources-toggle"),
                    show("a", "Sources: show all", "sources-all"),
                    show("escape,s", "Sources: apply and close", "sources-apply"),
                ],
            ),
        ]


def run_reader(root: Path, *, use_cache: bool, watch: bool, documents: Path | None = None) -> int:
    """Run the reader on the set in `root` until the user quits; the process exit code."""
    app = KzbriefApp(root, use_cache=use_cache, watch=watch, documents=documents)
    app.run()
    return app.return_code or 0
