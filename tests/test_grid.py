"""The grid behind long CLI tables: laid out in one pass, nothing cut, text literal."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from helpers import run_on_terminal
from rich.console import Console, RenderableType
from rich.text import Text

from kzbrief.render.grid import Column, Grid

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _show(grid: RenderableType, width: int) -> list[str]:
    console = Console(file=io.StringIO(), width=width, color_system=None, markup=False, emoji=False)
    console.print(grid)
    return console.file.getvalue().splitlines()  # type: ignore[attr-defined]


def _grid() -> Grid:
    grid = Grid(Column("Id", style="bold"), Column("Title", flexible=True), Column("N", right=True))
    grid.add_row("a-very-long-topic-identifier", "one two three four five six seven", "7")
    grid.add_row("b", "[bold]not markup[/] :smile:", "123")
    grid.add_row(Text("c", style="red"), "first line\nsecond line", "0")
    return grid


def test_natural_widths_when_they_fit() -> None:
    lines = _show(_grid(), 100)
    assert lines[0].split() == ["Id", "Title", "N"]
    assert lines[1] == " a-very-long-topic-identifier  one two three four five six seven    7"
    assert "[bold]not markup[/] :smile:" in lines[2]  # literal, never markup or emoji
    assert lines[2].endswith("123") and lines[1].endswith("  7")  # numbers right-aligned
    assert "second line" in lines[4] and lines[4].strip() == "second line"


@pytest.mark.parametrize("width", [20, 30, 45])
def test_narrow_terminals_fold_cells_and_cut_nothing(width: int) -> None:
    lines = _show(_grid(), width)
    assert all(len(line) <= width for line in lines)
    shown = "".join(lines)
    for cell in ("a-very-long-topic-identifier", "one two three four five six seven", "123"):
        assert _in_order(cell, shown)
    assert "…" not in shown


def _in_order(cell: str, shown: str) -> bool:
    """Every character of the cell is shown, in order (a folded cell is interleaved with
    its neighbours' lines)."""
    rest = iter(shown)
    return all(char in rest for char in cell.replace(" ", ""))


def test_a_row_of_the_wrong_length_is_refused() -> None:
    with pytest.raises(ValueError, match="a row of 2 cells in a grid of 3"):
        _grid().add_row("x", "y")


def test_styles_reach_the_terminal() -> None:
    console = Console(file=io.StringIO(), width=80, force_terminal=True, color_system="standard")
    console.print(_grid())
    out = console.file.getvalue()  # type: ignore[attr-defined]
    assert "\x1b[1mId\x1b[0m" in out and "\x1b[1ma-very-long-topic-identifier\x1b[0m" in out
    assert "\x1b[31mc\x1b[0m" in out


def test_topics_on_a_narrow_terminal_cut_nothing(mini_copy: Path) -> None:
    shown = ANSI.sub("", run_on_terminal("--briefing", str(mini_copy), "topics", columns=60))
    assert "foreign-policy" in shown and "…" not in shown  # rich.table cut it to "foreign-…"
    assert all(len(line) <= 60 for line in shown.splitlines())
    shown = ANSI.sub("", run_on_terminal("--briefing", str(mini_copy), "topics", columns=40))
    assert _in_order("foreign-policy", shown) and "…" not in shown
    assert all(len(line) <= 40 for line in shown.splitlines())


def test_a_grid_that_cannot_fit_is_stacked_record_by_record() -> None:
    """An id is never cut and a text column never squeezed below its minimum: below
    that width each row becomes a record of `Header: value` lines."""
    lines = [line.rstrip() for line in _show(_grid(), 35)]
    first = ["Id: a-very-long-topic-identifier", "Title: one two three four five", "  six seven"]
    assert lines[:4] == [*first, "N: 7"]
    assert lines[4] == "" and lines[5] == "Id: b"
    assert "Title: first line" in lines and "  second line" in lines
    assert all(len(line) <= 35 for line in lines)


def test_fit_gives_none_rather_than_cut_a_column() -> None:
    from kzbrief.render.grid import MIN_FLEXIBLE, MIN_WRAP, fit

    columns = [Column("Id"), Column("Date", wrap=True), Column("Text", flexible=True)]
    assert fit([10, 30, 100], columns, 200) == [10, 30, 100]
    room = 1 + 10 + 2 + MIN_WRAP + 2 + MIN_FLEXIBLE
    assert fit([10, 30, 100], columns, room) == [10, MIN_WRAP, MIN_FLEXIBLE]
    assert fit([10, 30, 100], columns, room - 1) is None


def test_positions_side_by_side_only_where_each_has_room() -> None:
    from kzbrief.render.compare import MIN_SIDE, SideBySide

    columns = [(Text(f"Source {n}"), Text(f"position {n} " * 3)) for n in range(5)]
    wide = len(columns) * (MIN_SIDE + 3) + 1
    side = "\n".join(_show(SideBySide(columns), wide))
    assert "│" in side and "┃" in side
    stacked = _show(SideBySide(columns), wide - 1)
    assert "│" not in "".join(stacked)
    assert [line.rstrip() for line in stacked[:2]] == [
        "── Source 0",
        "position 0 " * 2 + "position 0",
    ]
