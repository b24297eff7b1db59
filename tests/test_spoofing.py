"""Ids, dates and names cannot be spoofed, and every location is the one an editor shows.

Root causes from the red-team report: a pattern's `$` accepted a final newline (Y2–Y4),
labels that look alike were both accepted, invisible format characters reached the screen,
and CR-only files were located on line 1 (Y1).
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from kzbrief.dates import parse_date
from kzbrief.load import load_set
from kzbrief.lookalike import skeleton
from kzbrief.sanitise import sanitise


def _problems(root: Path) -> list[str]:
    loaded = load_set(root, use_cache=False)
    assert loaded.briefing is None, "the set should not load"
    return [str(p) for p in loaded.problems]


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def _line_of(path: Path, needle: str) -> int:
    return next(n for n, row in enumerate(path.read_text().splitlines(), 1) if needle in row)


@pytest.mark.parametrize("value", ["alpha\n", "alpha\n\n", "\nalpha"])
def test_an_id_with_a_newline_is_refused_where_it_stands(mini_copy: Path, value: str) -> None:
    sources = mini_copy / "sources.yaml"
    _replace(sources, "  - id: beta\n", f"  - id: {value!r}\n".replace("'", '"'))
    problems = _problems(mini_copy)
    line = _line_of(sources, '- id: "')
    assert any(f"sources.yaml:{line}:" in p and "sources[1].id" in p for p in problems), problems


def test_a_date_with_a_newline_is_refused(mini_copy: Path) -> None:
    timeline = mini_copy / "timeline.yaml"
    text = timeline.read_text()
    first_date = next(row for row in text.splitlines() if row.strip().startswith("date:"))
    value = first_date.split("date:", 1)[1].strip()
    _replace(timeline, first_date, first_date.replace(value, f'"{value}\\n"'))
    problems = _problems(mini_copy)
    assert any("timeline.yaml:" in p and ".date:" in p for p in problems), problems
    with pytest.raises(ValueError):
        parse_date("2022-01\n")


@pytest.mark.parametrize(
    "lookalike",
    [
        "ALPHA",  # case
        "\u0410lpha",  # Cyrillic А
        "Al\u200bpha",  # zero-width space
        "Alpha\U000e0041",  # a tag character
        "\uff21lpha",  # full-width A
        "Alpha  ",  # trailing spaces
    ],
    ids=["case", "cyrillic", "zero-width", "tag", "full-width", "spaces"],
)
def test_two_sources_whose_labels_look_alike_are_an_error(mini_copy: Path, lookalike: str) -> None:
    sources = mini_copy / "sources.yaml"
    escaped = lookalike.encode("unicode_escape").decode().replace('"', '\\"')
    _replace(sources, "    label: Beta\n", f'    label: "{escaped}"\n')
    problems = _problems(mini_copy)
    line = _line_of(sources, 'label: "')
    hits = [p for p in problems if f"sources.yaml:{line}:" in p and "looks the same" in p]
    assert hits, problems
    assert "sources[0]" in hits[0]


def test_topics_and_points_that_look_alike_are_an_error(mini_copy: Path) -> None:
    topics = mini_copy / "topics.yaml"
    titles = [
        row.split("title:", 1)[1].strip()
        for row in topics.read_text().splitlines()
        if row.strip().startswith("title:")
    ]
    _replace(topics, f"title: {titles[1]}", f"title: {titles[0].upper()}")
    problems = _problems(mini_copy)
    assert any("topics.yaml:" in p and "looks the same as topics[0]" in p for p in problems), (
        problems
    )


def test_labels_that_differ_visibly_are_distinct() -> None:
    assert skeleton("Orozova") != skeleton("Orozov")
    assert skeleton("Türkiye") != skeleton("Turkiye")


def test_every_invisible_format_character_is_shown_as_an_escape() -> None:
    invisible = [
        chr(c) for c in range(0x110000) if unicodedata.category(chr(c)) in ("Cf", "Zl", "Zp")
    ]
    assert len(invisible) > 150
    for char in invisible:
        shown = sanitise(f"a{char}b")
        assert char not in shown and shown.startswith("a\\") and shown.endswith("b"), hex(ord(char))
    assert sanitise("tag\U000e0041") == "tag\\U000e0041"
    assert sanitise("rlm\u200f") == "rlm\\u200f"


def test_cr_only_line_ends_are_counted_as_editors_count_them(mini_copy: Path) -> None:
    topics = mini_copy / "topics.yaml"
    lines = topics.read_bytes().split(b"\n")
    lines[8] = lines[8] + b"\xe9"
    for ending in (b"\r", b"\r\n"):
        topics.write_bytes(ending.join(lines))
        problems = _problems(mini_copy)
        assert any("topics.yaml:9:" in p and "not valid UTF-8" in p for p in problems), (
            ending,
            problems,
        )


def test_emoji_joined_by_zwj_and_flags_stay_whole() -> None:
    """A joiner inside an emoji or a subdivision flag draws one picture: it is not hidden text."""
    family = "👨\u200d👩\u200d👧"
    scotland = "\U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f"
    assert sanitise(f"{family} {scotland}") == f"{family} {scotland}"
    assert sanitise(f"A\u200dlpha {scotland}\U000e0041") == f"A\\u200dlpha {scotland}\\U000e0041"
