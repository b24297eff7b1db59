"""The reader's pure parts, without an app: layout in cells, settings, citations, layering."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest
from rich.cells import cell_len
from textual.content import Content
from tui_helpers import MINI

from kzbrief.load import load_set
from kzbrief.model import BriefingSet
from kzbrief.tui import citation
from kzbrief.tui.config import config_path, load_config, save_theme
from kzbrief.tui.draw.common import grid, hang, lit, pack, split_widths, wrap
from kzbrief.tui.draw.compare import columns, compare_detail, marker, ordered
from kzbrief.tui.draw.overview import overview
from kzbrief.tui.draw.timeline import event_row
from kzbrief.tui.view import View

FIVE = Path(__file__).resolve().parent / "fixtures" / "five"
TUI = Path(__file__).resolve().parents[2] / "kzbrief" / "tui"
WIDE = "Қазақстан 中文 👨‍👩‍👧 ❤️ e\u0301"


def loaded(root: Path) -> BriefingSet:
    result = load_set(root, use_cache=False)
    assert result.briefing is not None, result.problems
    return result.briefing


@pytest.fixture(scope="module")
def five() -> View:
    return View.of(loaded(FIVE))


def test_markup_is_never_read() -> None:
    text = "[bold]x[/] [@click=app.quit]Q[/] :smile: [/"
    assert lit(text).plain == text and not lit(text).spans


@pytest.mark.parametrize("width", [12, 20, 33, 80])
def test_grids_keep_columns_aligned_with_wide_characters(width: int) -> None:
    widths = split_widths(width, 3)
    rows = [[lit(WIDE), lit("Alpha " * 5), lit("中文" * 7)], [lit("x"), lit(WIDE * 2), lit("")]]
    lines = grid(rows, widths)
    starts = [widths[0] + 1, widths[0] + widths[1] + 2]
    for line in lines:
        assert cell_len(line.plain) == sum(widths) + 2
        text = line.plain
        prefixes = {cell_len(text[:i]): i for i in range(len(text) + 1)}
        for start in starts:  # each column begins at the same cell on every line, after a gap
            assert start in prefixes and text[prefixes[start] - 1] == " "


def test_hanging_indent_and_badges_stay_within_the_width() -> None:
    lines = hang(lit("Thesis  "), lit(WIDE * 4), 30)
    assert all(cell_len(line.plain) <= 30 for line in lines)
    assert all(line.plain.startswith(" " * 8) for line in lines[1:])
    packed = pack(wrap(lit("text " * 9), 30), [lit(" Under strain? "), lit(" Struggles ")], 30)
    assert all(cell_len(line.plain) <= 30 for line in packed)
    assert " Under strain? " in "\n".join(line.plain for line in packed)


def test_compare_puts_five_columns_side_by_side_at_120(five: View) -> None:
    point = next(c for c in five.bset.contested if c.id == "neutrality")
    # The main pane's text area at 120×40: the width the reader gives the detail.
    lines = columns(point, ordered(point, five), five, 92)
    first = lines[0].plain
    for label in ["Alpha", "Қазақ үні", "Delta 中文", "Beta", "Epsilon"]:
        assert label in first
    assert all(cell_len(line.plain) <= 92 for line in lines)


@pytest.mark.parametrize("width", [20, 40, 57, 70])
def test_compare_wraps_columns_when_narrow_and_cuts_nothing(five: View, width: int) -> None:
    point = next(c for c in five.bset.contested if c.id == "neutrality")
    text = "\n".join(line.plain for line in compare_detail(point, five, width))
    assert all(cell_len(line) <= width for line in text.splitlines())
    squashed = " ".join(text.replace("▌", " ").split())
    for position in point.positions:
        for word in position.summary.split():
            assert word in squashed
        for quote in position.quotes:
            assert quote.quote.split()[0] in squashed


def test_compare_orders_columns_along_the_axis(five: View) -> None:
    point = next(c for c in five.bset.contested if c.id == "neutrality")
    assert [p.source for p in ordered(point, five)] == [
        "alpha",
        "gamma",
        "delta",
        "beta",
        "epsilon",
    ]
    assert marker("left", 9, "red").plain == "├●─────┤"[:1] + "●" + "─" * 6 + "┤"
    assert marker("right", 9, "red").plain.endswith("●┤")
    assert "●" not in marker(None, 9, "red").plain


def test_timeline_rows_are_one_line_with_a_letter_per_reporting_source(five: View) -> None:
    event = next(e for e in five.bset.events if e.id == "troops-2022")
    row = event_row(event, five, 60).plain
    assert "\n" not in row and cell_len(row) == 60
    assert row.endswith("A B Қ D ·")


def test_overview_switches_to_glyphs_when_stances_cannot_fit(five: View) -> None:
    wide = "\n".join(line.plain for line in overview(five, 100))
    assert "A solid ally" in wide
    narrow = "\n".join(line.plain for line in overview(five, 50))
    assert "● states a stance" in narrow
    assert all(cell_len(line) <= 50 for line in narrow.splitlines())


def test_citations_carry_the_quotes_and_the_sources() -> None:
    bset = loaded(MINI)
    event = next(e for e in bset.events if e.id == "troops-2022")
    text = citation.event(event, bset)
    assert "Beta: “In January 2022 more than 2,000 troops arrived.”" in text
    assert "Beta — Beta Dispatch; author: Jane Roe; outlet: not stated; date: 1 Mar 2022" in text
    assert "https://example.org/alpha" in text
    assert "as of 21 Nov 2026" in text


def test_config_location_and_precedence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KZBRIEF_CONFIG_DIR", str(tmp_path / "a"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "x"))
    assert config_path() == tmp_path / "a" / "config.json"
    monkeypatch.delenv("KZBRIEF_CONFIG_DIR")
    assert config_path() == tmp_path / "x" / "kzbrief" / "config.json"
    monkeypatch.delenv("XDG_CONFIG_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert config_path() == tmp_path / "home" / ".config" / "kzbrief" / "config.json"


def test_config_keeps_the_keymap_and_survives_bad_files(tmp_path: Path) -> None:
    path = tmp_path / "config.json"
    assert load_config(path).theme == ""
    path.write_text(json.dumps({"keymap": {"copy": "y", "bad": 3}, "theme": 7}))
    config = load_config(path)
    assert config.keymap == {"copy": "y"} and config.theme == ""
    assert save_theme("nord", path)
    assert json.loads(path.read_text()) == {"keymap": {"copy": "y", "bad": 3}, "theme": "nord"}
    for bad in ["{", "[1]", "\xff"]:
        path.write_text(bad, encoding="latin-1")
        assert load_config(path).problem
        assert not save_theme("nord", path)  # a corrupt file is left for the user to fix


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                package = ".".join(
                    path.relative_to(TUI.parent.parent).with_suffix("").parts[: -node.level]
                )
                found.add(f"{package}.{node.module}" if node.module else package)
            elif node.module:
                found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


LAYERS = {"draw": 0, "widgets": 1, "screens": 2, "providers": 2, "app": 3}


def _layer(module: str) -> int:
    part = module.removeprefix("kzbrief.tui.").split(".")[0]
    return LAYERS.get(part, -1)


def test_nothing_imports_upward() -> None:
    for path in TUI.rglob("*.py"):
        module = ".".join(path.relative_to(TUI.parent.parent).with_suffix("").parts)
        for imported in _imports(path):
            assert imported != "kzbrief.cli", path
            if imported.startswith("kzbrief.tui."):
                assert _layer(imported) <= _layer(module), f"{module} imports {imported}"


def test_the_cli_and_the_model_do_not_load_textual() -> None:
    code = (
        "import sys, kzbrief.cli, kzbrief.query, kzbrief.tui.config, kzbrief.tui.citation; "
        "print(sorted(m for m in sys.modules if m.startswith(('textual', 'kzbrief.tui.app'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_help_and_styles_ship_in_the_package() -> None:
    assert (TUI / "help.md").is_file() and (TUI / "kzbrief.tcss").is_file()
    for name in ["$accent", "$panel", "$surface"]:
        assert name in (TUI / "kzbrief.tcss").read_text()
    assert Content("x").plain == "x"


def test_coverage_is_worked_out_once_for_a_set_and_again_for_a_reloaded_one(five: View) -> None:
    from kzbrief import query

    view = View.of(five.bset)
    assert view.coverage() == query.coverage(view.bset)
    other = view.with_topic(view.bset.topics[0].id).with_hidden(frozenset(view.legend.ids[:1]))
    assert other.coverage() is view.coverage()  # the Overview redraws it for every topic
    reloaded = view.rebased(view.bset)
    assert reloaded.coverage() is not view.coverage()
    assert reloaded.coverage() == view.coverage()
