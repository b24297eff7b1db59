"""The CLI's terminal layout, written without `Console.print`, is `Console.print`'s, byte for byte.

`kzbrief.render.ansi` writes renderables without `Console.print`, `kzbrief.render.wrap` wraps
`Text` without `Text.wrap`, and a `Grid` gives its lines straight to the writer, so that a
100× listing prints in a fraction of the time. Each is held here to what Rich itself writes:
for every listing of the built-in set with wide characters (CJK, flags, joined emoji),
combining marks and unbreakable words planted in its text, at the widths the pty tests use,
styled, unstyled and with NO_COLOR; and for generated text of every kind at every width.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import msgspec
import pytest
from helpers import DEFAULT_SET
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console
from rich.segment import Segment
from rich.text import Text

from kzbrief import query
from kzbrief.load import load_set
from kzbrief.load.heads import contested_heads
from kzbrief.model import BriefingSet, SetParts
from kzbrief.render import compare, output, summary, tables, timeline, wrap
from kzbrief.render.grid import Column, Grid, Runs
from kzbrief.render.styles import badge_runs, badges

replace = msgspec.structs.replace

# Wide glyphs, a flag, a joined emoji and one with a variation selector, combining marks
# (precomposed and not), typographic punctuation, and a word no line can hold.
EXOTIC = "中文の見出し 🇰🇿 👩‍👩‍👧 ❤️ café cafe\u0301 naïve x\u0301\u0302 — “quoted”"
UNBREAKABLE = "https://example.org/" + "very-long-path-" * 6


def _planted(bset: SetParts) -> BriefingSet:
    """The set with exotic text in every field the listings show."""
    b = bset.briefing
    claims = [replace(c, text=c.text + " " + EXOTIC) for c in b.bottom_line]
    briefing = replace(
        b, title=b.title + EXOTIC, question=EXOTIC + " " + b.question, bottom_line=claims
    )
    sources = [
        replace(s, title=f"{s.title} {EXOTIC}", thesis=f"{EXOTIC} {s.thesis} {UNBREAKABLE}")
        for s in bset.sources
    ]
    topics = [replace(t, title=t.title + " " + EXOTIC) for t in bset.topics]
    events = [
        replace(e, title=e.title + (" " + EXOTIC if n % 2 else " " + UNBREAKABLE))
        for n, e in enumerate(bset.events)
    ]
    contested = [
        replace(
            c,
            question=c.question + " " + EXOTIC,
            why_they_differ=EXOTIC + " " + c.why_they_differ,
            positions=[replace(p, summary=p.summary + " " + EXOTIC) for p in c.positions],
        )
        for c in bset.contested
    ]
    return BriefingSet(
        briefing=briefing,
        sources=sources,
        topics=topics,
        events=events,
        framing=list(bset.framing),
        contested=contested,
        measures=list(bset.measures),
        figures=list(bset.figures),
        glossary=list(bset.glossary),
    )


@pytest.fixture(scope="module")
def planted() -> BriefingSet:
    loaded = load_set(DEFAULT_SET, use_cache=False)
    assert loaded.briefing is not None, loaded.problems
    return _planted(loaded.briefing)


def _listings(bset: BriefingSet) -> dict[str, Callable[[], Iterable[Any]]]:
    events = query.events(bset)
    located = "briefing.yaml:3:7: question: " + EXOTIC * 4
    return {
        "summary": lambda: summary.summary(bset, None),
        "summary --full": lambda: summary.summary(bset, None, True),
        "summary --topic": lambda: summary.summary(bset, bset.topics[0]),
        "timeline": lambda: timeline.timeline(bset, events, False),
        "timeline --full": lambda: timeline.timeline(bset, events, True),
        "compare": lambda: compare.contested_list(bset.contested),
        "compare POINT": lambda: compare.compare(bset, bset.contested[0]),
        "sources": lambda: tables.sources(bset),
        "topics": lambda: tables.topics(bset),
        "a located line": lambda: [output.unwrapped(Text(located, style="bold red"))],
    }


def _consoles(color: str, width: int) -> Iterator[Console]:
    """Two consoles alike, as the CLI makes them."""
    for _ in range(2):
        output.configure(color="never" if color == "never" else "always", width=width)
        console = output.make_console()
        if color == "no_color":  # NO_COLOR on a terminal: bold and the like, no colours
            console.no_color = True
        yield console


def _by_rich(console: Console, renderables: Iterable[Any]) -> str:
    console.file = io.StringIO()
    for renderable in renderables:
        whole = isinstance(renderable, Text) and renderable.no_wrap is True
        console.print(renderable, soft_wrap=whole)
    return console.file.getvalue()  # type: ignore[attr-defined]


def _fast(console: Console, renderables: Iterable[Any]) -> str:
    written: list[str] = []
    output._print(console, renderables, written.append)
    return "".join(written)


@pytest.fixture(autouse=True)
def _default_settings() -> Iterator[None]:
    yield
    output.configure()


@pytest.mark.parametrize("color", ["always", "never", "no_color"])
@pytest.mark.parametrize("width", [20, 40, 76, 120])
def test_every_listing_is_what_console_print_writes(
    planted: BriefingSet, width: int, color: str
) -> None:
    for name, listing in _listings(planted).items():
        rich_console, fast_console = _consoles(color, width)
        expected = _by_rich(rich_console, listing())
        assert _fast(fast_console, listing()) == expected, f"{name} at {width} columns, {color}"
        assert "👩‍👩‍👧" in expected and "cafe\u0301" in expected  # the planted text is shown
        if color == "always":
            assert "\x1b[" in expected  # styled
        if color == "never":
            assert "\x1b[" not in expected


# Pieces of briefing text: words, spaces, line breaks, wide and zero-width characters,
# combining marks, joiners and variation selectors on their own, long words.
_PIECES = [
    "a", "word", "Kazakhstan", " ", "  ", "\n", "-", "中", "文字", "🇰🇿", "👩‍👩‍👧", "❤️", "e\u0301",
    "\u0301", "\u200d", "\ufe0f", "—", "“", "naïve", "x" * 25, "\u00a0", "\u3000", "\t",
]  # fmt: skip
_STYLES = [None, "bold", "red", "bold red", "italic dim", "reverse"]

# What Rich 15 raises for a joiner at the start of a line narrower than what follows it:
# there is nothing to compare with.
RICH_FAILS = (IndexError, ZeroDivisionError)

texts = st.lists(
    st.tuples(
        st.lists(st.sampled_from(_PIECES), max_size=6).map("".join), st.sampled_from(_STYLES)
    ),
    max_size=8,
)


def _text(pieces: list[tuple[str, str | None]], base: str | None) -> Text:
    text = Text(style=base or "")
    for piece, style in pieces:
        text.append(piece, style=style)
    return text


@settings(max_examples=400, deadline=None)
@given(
    pieces=texts,
    base=st.sampled_from(_STYLES),
    width=st.integers(min_value=1, max_value=48),
    soft=st.booleans(),
)
def test_any_text_prints_as_console_print_prints_it(
    pieces: list[tuple[str, str | None]], base: str | None, width: int, soft: bool
) -> None:
    made = [_text(pieces, base) for _ in range(2)]
    if soft:
        for text in made:
            output.unwrapped(text)
    rich_console, fast_console = _consoles("always", width)
    try:
        expected = _by_rich(rich_console, [made[0]])
    except RICH_FAILS:
        assume(False)
    assert _fast(fast_console, [made[1]]) == expected


@settings(max_examples=300, deadline=None)
@given(pieces=texts, base=st.sampled_from(_STYLES), width=st.integers(min_value=1, max_value=48))
def test_any_text_wraps_as_text_wrap_wraps_it(
    pieces: list[tuple[str, str | None]], base: str | None, width: int
) -> None:
    text = _text(pieces, base)
    console = Console(width=80, force_terminal=True, file=io.StringIO())
    expected = []
    try:
        wrapped = text.wrap(console, width, overflow="fold")
    except RICH_FAILS:
        assume(False)
    for line in wrapped:
        segments = line.render(console)
        if line.style:  # Text.render leaves the text's own style to its caller
            segments = Segment.apply_style(segments, console.get_style(line.style))
        expected.append(([(s.text, s.style or None) for s in segments], line.cell_len))
    got = [  # a null style, like none, writes no codes
        ([(s.text, s.style or None) for s in segments], n)
        for segments, n in wrap.lines(console, text, width)
    ]
    assert got == expected


@given(st.lists(st.sampled_from(_PIECES), max_size=10).map("".join))
def test_cells_are_counted_as_rich_counts_them(text: str) -> None:
    assert wrap.width_of(text) == cell_len(text)


def test_characters_taken_as_one_cell_are_one_cell_to_rich() -> None:
    """Text made only of ASCII and these is measured by its length and broken by counts."""
    for code in range(0x80, 0x3000):
        char = chr(code)
        if wrap._NOT_ONE_CELL.search(char) is None:
            assert char.isprintable() and not char.isspace(), hex(code)
            assert cell_len(f"a{char}{char}b") == 4, hex(code)
            assert wrap.width_of(f"x {char}") == cell_len(f"x {char}") == 3, hex(code)


@settings(max_examples=200, deadline=None)
@given(
    rows=st.lists(st.tuples(texts, texts), min_size=1, max_size=4),
    width=st.integers(min_value=20, max_value=60),
    plain=st.booleans(),
    column_style=st.sampled_from(["", "italic"]),
)
def test_any_grid_prints_as_console_print_prints_it(
    rows: list[tuple[list[tuple[str, str | None]], list[tuple[str, str | None]]]],
    width: int,
    plain: bool,
    column_style: str,
) -> None:
    """`plain`: the text column's cells are strings, in the column's style (if any)."""

    def grid() -> Grid:
        style = column_style if plain else ""
        made = Grid(Column("Id", style="bold"), Column("Text", flexible=True, style=style))
        for first, second in rows:
            text = "".join(t for t, _ in second) if plain else _text(second, "italic")
            made.add_row(_text(first, None), text)
        return made

    rich_console, fast_console = _consoles("always", width)
    try:
        expected = _by_rich(rich_console, [grid()])
    except RICH_FAILS:
        assume(False)
    assert _fast(fast_console, [grid()]) == expected


@settings(max_examples=200, deadline=None)
@given(
    rows=st.lists(st.tuples(texts, texts), min_size=1, max_size=4),
    width=st.integers(min_value=12, max_value=60),
    color=st.sampled_from(["always", "never"]),
)
def test_a_grid_of_runs_prints_as_one_of_the_texts_they_stand_for(
    rows: list[tuple[list[tuple[str, str | None]], list[tuple[str, str | None]]]],
    width: int,
    color: str,
) -> None:
    """Runs (timeline rows, a source's badge) are laid out without the `Text` they stand
    for: whether they fit, wrap or are stacked, what is written is what that Text gives."""

    def grid(cell: Callable[[list[tuple[str, str]]], Any]) -> Grid:
        made = Grid(Column("Id", style="bold"), Column("Text", flexible=True))
        for first, second in rows:
            made.add_row(
                cell([(t, s or "") for t, s in first]), cell([(t, s or "") for t, s in second])
            )
        return made

    rich_console, fast_console = _consoles(color, width)
    try:
        expected = _by_rich(rich_console, [grid(lambda parts: Runs(parts).text())])
    except RICH_FAILS:
        assume(False)
    assert _fast(fast_console, [grid(Runs)]) == expected
    # A shared tail of runs (badges) is written as it is when all are given at once.
    split = grid(lambda parts: Runs(parts[: len(parts) // 2], tuple(parts[len(parts) // 2 :])))
    assert _fast(_consoles(color, width).__next__(), [split]) == expected


def test_runs_stand_for_the_text_built_by_appending_them() -> None:
    bset = load_set(DEFAULT_SET, use_cache=False).briefing
    assert bset is not None
    ids = [s.id for s in bset.sources[:3]] + ["unknown"]
    assert Runs(badge_runs(bset, ids)).text() == badges(bset, ids)
    title = Text("A title")
    title.stylize("bold")
    title.append("  ")
    title.append_text(badges(bset, ids))
    assert Runs((("A title", "bold"), ("  ", ""), *badge_runs(bset, ids))).text() == title


def test_listings_of_a_cached_set_show_its_points_as_a_parsed_one_does() -> None:
    """Listings read a cached set's points without decoding their positions (heads)."""
    from kzbrief.load.cached_set import CachedSet
    from kzbrief.render import plain

    load_set(DEFAULT_SET)  # stores it in the cache
    cached, parsed = load_set(DEFAULT_SET).briefing, load_set(DEFAULT_SET, use_cache=False).briefing
    assert isinstance(cached, CachedSet) and cached is not None and parsed is not None
    topic = parsed.topics[0].id
    for listing in (
        lambda s: plain.summary(s, None),
        lambda s: plain.summary(s, s.topics[0]),
        lambda s: plain.contested_list(contested_heads(s, topic)),
        lambda s: [
            _fast(next(_consoles("always", 76)), compare.contested_list(contested_heads(s)))
        ],
    ):
        shown = [list(listing(s)) for s in (cached, parsed)]
        assert shown[0] == shown[1] and shown[0]
    assert "contested" not in cached.__dict__  # the points were never decoded whole


def test_listings_of_a_cached_set_show_its_sources_as_a_parsed_one_does() -> None:
    """Listings read a cached set's sources without their other metadata and slips, and its
    topics without their claims (heads): the same lines, the same badges, and neither part
    decoded whole."""
    from kzbrief.load.cached_set import CachedSet
    from kzbrief.load.heads import event_heads
    from kzbrief.render import plain, tables

    load_set(DEFAULT_SET)  # stores it in the cache
    cached, parsed = load_set(DEFAULT_SET).briefing, load_set(DEFAULT_SET, use_cache=False).briefing
    assert isinstance(cached, CachedSet) and cached is not None and parsed is not None
    for listing in (
        lambda s: plain.summary(s, None),
        lambda s: plain.topics(s),
        lambda s: [_fast(next(_consoles("always", 76)), summary.summary(s, None))],
        lambda s: [_fast(next(_consoles("always", 76)), tables.topics(s))],
        lambda s: [
            _fast(next(_consoles("always", 120)), timeline.timeline(s, event_heads(s), False))
        ],
    ):
        shown = [list(listing(s)) for s in (cached, parsed)]
        assert shown[0] == shown[1] and shown[0]
    # neither part was decoded whole
    assert "sources" not in cached.__dict__ and "topics" not in cached.__dict__


@settings(max_examples=200, deadline=None)
@given(
    rows=st.lists(
        st.tuples(texts, st.integers(min_value=0, max_value=10**6), texts), min_size=1, max_size=4
    ),
    width=st.integers(min_value=12, max_value=60),
    runs=st.booleans(),
)
def test_a_grid_with_a_count_column_prints_as_console_print_prints_it(
    rows: list[tuple[list[tuple[str, str | None]], int, list[tuple[str, str | None]]]],
    width: int,
    runs: bool,
) -> None:
    """Cells before the last made into one line of text, the last wrapped beneath them:
    right-justified counts between (as `topics` has them), the last cell Runs or a Text."""

    def grid(fast: bool) -> Grid:
        made = Grid(
            Column("Id", style="bold"), Column("Count", right=True), Column("Text", flexible=True)
        )
        for first, count, last in rows:
            parts = [(t, s or "") for t, s in last]
            cell: Any = Runs(parts) if runs and fast else Runs(parts).text() if runs else None
            made.add_row(_text(first, None), str(count), cell or _text(last, "italic"))
        return made

    rich_console, fast_console = _consoles("always", width)
    try:
        expected = _by_rich(rich_console, [grid(False)])
    except RICH_FAILS:
        assume(False)
    assert _fast(fast_console, [grid(True)]) == expected


def test_a_listing_longer_than_one_write_is_shown_whole_and_in_order(
    planted: BriefingSet, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`show` hands all but the first piece of a long listing to a writing thread: what
    reaches stdout is still Console.print's, whole and in order."""
    events = query.events(planted) * 60  # ~60 writes' worth
    rich_console, _ = _consoles("always", 100)
    expected = _by_rich(rich_console, timeline.timeline(planted, events, False))
    assert len(expected) > 4 * (1 << 16)
    stdout = io.StringIO()
    monkeypatch.setattr("sys.stdout", stdout)
    output.configure(color="always", width=100)
    output.show(lambda: timeline.timeline(planted, events, False), lambda: ["plain"])
    assert stdout.getvalue() == expected


def test_a_reader_gone_part_way_through_a_long_listing_ends_it_quietly(
    planted: BriefingSet, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`| head`: the pipe closes while the writing thread writes; the command is told
    (OutputClosed, which ends it with nothing on stderr) rather than writing on or hanging."""
    events = query.events(planted) * 60

    class Closing(io.StringIO):
        def write(self, text: str) -> int:
            if self.tell() > 3 * (1 << 16):
                raise BrokenPipeError
            return super().write(text)

    monkeypatch.setattr("sys.stdout", Closing())
    output.configure(color="always", width=100)
    with pytest.raises(output.OutputClosed):
        output.show(lambda: timeline.timeline(planted, events, False), lambda: ["plain"])
