"""A place on an axis is worded by the axis's own poles in the CLI, the reader and copies."""

from __future__ import annotations

import re

from helpers import MINI, run_on_terminal

from kzbrief.load import load_set
from kzbrief.text import place_words
from kzbrief.tui import citation


def test_cli_compare_words_places_by_the_axis_poles() -> None:
    shown = re.sub(
        r"\x1b\[[0-9;]*m", "", run_on_terminal("--briefing", str(MINI), "compare", "neutrality")
    )
    bset = load_set(MINI).whole()
    assert bset is not None
    point = bset.contested[0]
    for position in point.positions:
        # After its marker, each place in the axis's words, never `left`/`right`.
        first = place_words(position.stance, point.axis).split()[0]
        assert re.search(rf"[─●]+ {re.escape(first)}", shown), first
    assert not re.search(r"[─●]+ (left|right|leans-right|leans-left|centre)\b", shown)


def test_copied_comparison_words_places_as_the_reader_does() -> None:
    bset = load_set(MINI).whole()
    assert bset is not None
    point = bset.contested[0]
    text = citation.contested(point, bset)
    for position in point.positions:
        assert f"({place_words(position.stance, point.axis)})" in text
