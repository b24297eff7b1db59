"""The reader's App: loading and reloading, settings, help, and `run_reader` for the CLI.

Loads run in a thread, one at a time. Each request for a load (start, r, a change seen
under --watch) takes the next generation number; a load asked for while one runs waits
for it, so a burst of saves costs one parse at a time and the last state wins. Only the
result of the newest request is shown: a thread cannot be stopped, so an older load's
result is dropped when it arrives, never shown over a newer one.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import events, on, work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen
from textual.worker import get_current_worker

from kzbrief.heap import keep_large_blocks_apart
from kzbrief.heap import return_freed_memory as _return_freed_memory
from kzbrief.load import Loaded, Problem, load_if_cached
from kzbrief.load.reuse import reusing
from kzbrief.load.unchanged import folder_signature
from kzbrief.model import SetParts
from kzbrief.sanitise import sanitise
from kzbrief.tui.config import Config, documents_for, load_config, save_theme
from kzbrief.tui.screens.main import MainScreen
from kzbrief.tui.widgets.keys_first import key_arrived

if TYPE_CHECKING:
    from kzbrief.tui.screens.help import Group

WATCH_INTERVAL = 0.5
"""Seconds between checks for changed files under --watch."""


def _collect_from_now() -> None:
    """Turn the cycle collector on, once the first frame is drawn. It is off from the
    start (`kzbrief.__main__`): until then nothing made is garbage, yet each full
    collection walked every object Textual's import and the first frame had made (~70 ms
    of collections before the question, at 1×). What start-up made lives as long as the
    reader does, so it is kept out of the collector's walks from now on."""
    gc.freeze()
    gc.enable()


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
        Binding("ctrl+c", "quit", "Quit", show=False, priority=True, id="quit-ctrl-c"),
    ]

    @dataclass
    class SetLoaded(Message):
        loaded: Loaded
        generation: int
        """The request it answers: shown only when no newer one has been made."""

    def __init__(
        self,
        root: Path,
        *,
        use_cache: bool = False,
        watch: bool = False,
        config: Config | None = None,
        since: tuple[str, SetParts] | None = None,
        documents: Path | None = None,
    ) -> None:
        super().__init__()
        self.root = root
        self.since = since
        """(OLD as given, the set it names) with --since: the reader marks what changed."""
        self.use_cache = use_cache
        self.watching = watch
        self.config = config if config is not None else load_config()
        self._signature = folder_signature(root) if watch else ()
        self.documents = documents or documents_for(self.config, root)
        """The folder of the sources' texts: --sources, $KZBRIEF_SOURCES or the config."""
        self._theme_ready = False
        self._requested = 0  # the newest load asked for
        self._started = 0  # the newest load begun
        self._load_running: int | None = None  # the load a worker is on, if any
        self._asked = False  # r was pressed since a load was last shown: say "Reloaded."
        self._first_load_needed = True  # no cached set for the first frame

    def post_message(self, message: Message) -> bool:
        if isinstance(message, events.Key):
            key_arrived(self)  # background slices hold off while it finds its binding
        return super().post_message(message)

    def get_default_screen(self) -> Screen[None]:
        cached = self._cached_set()
        self._first_load_needed = cached is None
        return MainScreen(
            cached,
            self.documents,
            since=self.since,
            briefing_key=str(self.root.resolve()),
        )

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
        self.call_after_refresh(_collect_from_now)
        if self.config.theme in self.available_themes:
            self.theme = self.config.theme
        self._theme_ready = True
        if self.config.keymap:
            self.set_keymap(self.config.keymap)
        problems = [self.config.problem] if self.config.problem else []
        problems += self._config_mistakes()
        for problem in problems:
            self.notify(problem, severity="warning", markup=False)
        if self._first_load_needed:
            # Load after the first paint, so the frame appears before the set is parsed.
            # (Not when the cache held the set: the screen shows it, and it has not yet
            # done so here, its on_mount coming after this one; loading it again would
            # draw every pane twice and place the quotes twice.)
            self.call_after_refresh(self.reload, False)
        if self.watching:  # the signature was taken before the first frame's load
            self.set_interval(WATCH_INTERVAL, self._check_files)

    async def action_quit(self) -> None:
        main = self._main()
        if main is not None:
            main.save_place()
        self.exit()

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Textual's commands, but Keys opens our help (it lists only keys that work
        here), and Screenshot saves where it can and says where."""
        for command in super().get_system_commands(screen):
            if command.title == "Keys":
                yield SystemCommand("Keys", "Every key of the reader (?)", self.action_help)
            elif command.title == "Screenshot":
                yield SystemCommand(
                    "Screenshot",
                    "Save an SVG picture of the screen in the current folder",
                    lambda: self.set_timer(0.1, self.save_picture),
                )
            else:
                yield command

    def save_picture(self) -> None:
        """The screen as SVG, in the current folder (~/Downloads may not exist)."""
        from datetime import datetime

        name = f"kzbrief-{datetime.now():%Y-%m-%dT%H-%M-%S}.svg"
        try:
            path = Path(self.save_screenshot(name, str(Path.cwd())))
        except OSError as exc:
            reason = sanitise(exc.strerror or str(exc))
            self.notify(f"Could not save the screenshot: {reason}", severity="error", markup=False)
            return
        self.notify(f"Saved the screenshot to {sanitise(str(path))}", markup=False)

    def _config_mistakes(self) -> list[str]:
        """What in the config names nothing here: a theme, or a key id (the help lists ids)."""
        said = []
        if self.config.theme and self.config.theme not in self.available_themes:
            said.append(f"config: no theme {self.config.theme!r}; using the default")
        if not self.config.keymap:  # nothing to check: help's ids import every pane's keys
            return [sanitise(s) for s in said]
        from kzbrief.tui.screens.help import known_ids

        unknown = sorted(set(self.config.keymap) - known_ids(self.help_groups()))
        if unknown:
            names = ", ".join(repr(i) for i in unknown[:5]) + (" …" if len(unknown) > 5 else "")
            said.append(f"config: no key id {names} (? lists the ids)")
        return [sanitise(s) for s in said]

    def watch_theme(self, theme: str) -> None:
        main = self._main()
        dark = self.current_theme.dark
        if main is not None and main.view is not None and main.view.legend.dark != dark:
            main.view = main.view.with_dark(dark)  # the sources' colours suit the theme
        if self._theme_ready and not save_theme(theme):
            self.notify("The theme could not be saved.", severity="warning", markup=False)

    # Loading ------------------------------------------------------------------

    def reload(self, asked: bool) -> None:
        """Load the files as they are now; `asked` when the user pressed r."""
        self._requested += 1
        self._asked = self._asked or asked
        self._next_load()

    def _next_load(self) -> None:
        if self._load_running is None and self._started < self._requested:
            self._started = self._load_running = self._requested
            self._load(self._requested)

    @work(thread=True, group="load", exit_on_error=False)
    def _load(self, generation: int) -> None:
        worker = get_current_worker()
        keep_large_blocks_apart()  # before a load's large buffers (see kzbrief.heap)
        try:
            # A large set is parsed in a child process, so the reader never holds a
            # parse's working memory; closing the reader ends the child.
            # Records equal to the shown set's are the shown set's (see load.reuse): each
            # save would otherwise leave the reader's heap a little more spread out.
            stop, shown = worker.cancelled_event, self._shown_set()
            from kzbrief.load.apart import load_apart  # a set the cache held needs no load

            loaded = load_apart(self.root, use_cache=self.use_cache, stop=stop, shown=shown)
            # Every part is decoded here, off the UI thread: the panes use them all.
            bset = loaded.whole()
            if bset is not None:
                bset = reusing(bset, shown)
            loaded = Loaded(loaded.root, bset, loaded.problems)
        except Exception as exc:  # a loader bug must still leave a usable screen
            problem = Problem(
                file=sanitise(str(self.root)), message=f"could not load: {sanitise(repr(exc))}"
            )
            loaded = Loaded(self.root, None, (problem,))
        _return_freed_memory()  # what the load read and decoded (or parsed, when small)
        if not worker.is_cancelled:  # cancelled: the app is closing
            self.post_message(self.SetLoaded(loaded, generation))

    @on(SetLoaded)
    def _loaded(self, message: KzbriefApp.SetLoaded) -> None:
        # Shown (the old set let go) or dropped, a set's worth of memory is now free:
        # handed back once the screen has drawn.
        self.call_after_refresh(self._release_memory)
        if message.generation == self._load_running:
            self._load_running = None
        if message.generation != self._requested:
            # Superseded: the files changed, or r was pressed, while it ran. Dropped, and
            # the files are loaded again as they are now.
            self._next_load()
            return
        asked, self._asked = self._asked, False
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
            if asked:
                self.notify("Reloaded.", markup=False)
            return
        if problems and problems[-1] is self.screen:
            problems[-1].show_problems(loaded.problems)
        else:
            self.push_screen(ProblemsScreen(self.root, loaded.problems, self.watching))

    @work(thread=True, group="memory", exit_on_error=False)
    def _release_memory(self) -> None:
        _return_freed_memory()

    def _shown_set(self) -> SetParts | None:
        """The set on screen, if any (the load thread reads it: a set is never changed)."""
        main = self._main()
        view = main.view if main is not None else None
        return view.bset if view is not None else None

    def _main(self) -> MainScreen | None:
        return next((s for s in self.screen_stack if isinstance(s, MainScreen)), None)

    def _check_files(self) -> None:
        signature = folder_signature(self.root)
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
        from kzbrief.tui.widgets.framing import FramingPane
        from kzbrief.tui.widgets.timeline import TimelinePane

        def show(key: str, description: str, ident: str | None) -> Binding:
            """A key as the help lists it; `ident` None for one the keymap cannot move."""
            return Binding(key, "", description, id=ident)

        moving = [
            show("j", "Next item, or scroll down (also ↓)", "down"),
            show("k", "Previous item, or scroll up (also ↑)", "up"),
            show("g", "First item, or top (also home)", "first"),
            show("G", "Last item, or bottom (also end)", "last"),
            show("space", "Page down in a text pane (also pgdn)", "page-down"),
            show("b", "Page up in a text pane (also pgup)", "page-up"),
            show("enter", "Open: into the chosen item's details", None),
            show("tab", "Next pane (shift+tab: previous)", None),
        ]
        return [
            ("Anywhere", KzbriefApp.BINDINGS),  # type: ignore[list-item]
            ("Reader", MainScreen.BINDINGS),  # type: ignore[list-item]
            ("Moving", moving),
            ("Timeline", TimelinePane.BINDINGS),  # type: ignore[list-item]
            ("Framing", FramingPane.BINDINGS),  # type: ignore[list-item]
            ("Documents (7, or d from a quote)", DocumentText.PASSAGE_KEYS),
            (
                "Search and the source chooser",
                [
                    show("down", "Search: to the results (or a newer query)", "search-results"),
                    show("up", "Search: an older query", "search-older"),
                    show("escape", "Search: close", "search-close"),
                    show("space", "Sources: show or hide the highlighted source", None),
                    show("a", "Sources: show all", "sources-all"),
                    show("o", "Sources: only the highlighted one", "sources-only"),
                    show("enter,s", "Sources: apply and close", "sources-apply"),
                    show("escape", "Sources: cancel", "sources-cancel"),
                    show("escape,apostrophe", "Marks: close", "marks-close"),
                    show("escape,w", "What changed: close", "changes-close"),
                    show("escape,q,question_mark", "Help: close", "help-close"),
                    show("y,enter", "Open a web address: yes", "open-yes"),
                    show("n,escape,q", "Open a web address: no", "open-no"),
                ],
            ),
        ]


def run_reader(
    root: Path,
    *,
    use_cache: bool,
    watch: bool,
    since: tuple[str, SetParts] | None = None,
    documents: Path | None = None,
) -> int:
    """Run the reader on the set in `root` until the user quits; the process exit code."""
    app = KzbriefApp(root, use_cache=use_cache, watch=watch, since=since, documents=documents)
    app.run()
    return app.return_code or 0
