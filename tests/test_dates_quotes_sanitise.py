"""Layer-1 units: partial dates, quote matching and the sanitiser."""

from __future__ import annotations

import pytest

from kzbrief.dates import date_key, display_date, parse_date
from kzbrief.quotes import find_quote, normalise
from kzbrief.sanitise import sanitise


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("2022", "2022"),
        ("2022-03", "Mar 2022"),
        ("2022-03-14", "14 Mar 2022"),
        ("2022-03~", "c. Mar 2022"),
    ],
)
def test_dates_display_at_their_precision(text: str, shown: str) -> None:
    assert display_date(text) == shown
    assert parse_date(text).iso() == text


@pytest.mark.parametrize("bad", ["2022-13", "2022-02-30", "22", "2022/03", "2022-3", "0000-00-00"])
def test_impossible_dates_are_refused(bad: str) -> None:
    with pytest.raises(ValueError):
        parse_date(bad)


def test_less_precise_dates_sort_first_in_their_period() -> None:
    dates = ["2022-03-14", "2022", "2021-12", "2022-03"]
    assert sorted(dates, key=date_key) == ["2021-12", "2022", "2022-03", "2022-03-14"]


def test_quote_ignores_whitespace_and_typographic_marks_only() -> None:
    doc = normalise("He called Putin his \u201crobust ally\u201d during\n the  Qatar forum.")
    assert find_quote('called Putin his "robust ally" during the Qatar', doc)
    assert find_quote("He called ... Qatar forum.", doc)
    assert find_quote("He called \u2026 forum", doc)
    assert not find_quote("He called Putin his robust ally", doc)  # the quote marks are words too
    assert not find_quote("Qatar ... He called", doc)  # omissions keep the order
    assert not find_quote("called Putin its", doc)
    assert not find_quote("...", doc)


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("a\x1b]52;c;eA==\x07b", "a\\x1b]52;c;eA==\\x07b"),
        ("\x9b31m", "\\x9b31m"),
        ("x\u202ey", "x\\u202ey"),
        ("del\x7f", "del\\x7f"),
        ("tab\tand\nnewline stay", "tab\tand\nnewline stay"),
        ("Қазақстан 中文", "Қазақстан 中文"),
    ],
)
def test_sanitise_makes_controls_visible(raw: str, shown: str) -> None:
    assert sanitise(raw) == shown
