"""The loader: every class of mistake is reported with its file, line and column."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import MINI

from kzbrief.load import load_set, resolve_briefing
from kzbrief.load.yamltree import MAX_DEPTH


def _problems(root: Path) -> list[str]:
    loaded = load_set(root, use_cache=False)
    assert loaded.briefing is None
    return [str(p) for p in loaded.problems]


def _replace(root: Path, name: str, old: str, new: str) -> None:
    path = root / name
    text = path.read_text()
    assert old in text, f"{old!r} not in {name}"
    path.write_text(text.replace(old, new, 1))


def _line_of(root: Path, name: str, needle: str) -> int:
    for number, line in enumerate((root / name).read_text().splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(needle)


def test_fixture_loads_cleanly() -> None:
    loaded = load_set(MINI, use_cache=False)
    assert loaded.ok, loaded.problems
    assert loaded.briefing is not None
    assert [s.id for s in loaded.briefing.sources] == ["alpha", "beta"]


def test_typo_in_a_key_is_located_with_a_suggestion(mini_copy: Path) -> None:
    _replace(mini_copy, "briefing.yaml", "  title:", "  tittle:")
    line = _line_of(mini_copy, "briefing.yaml", "tittle")
    problems = _problems(mini_copy)
    assert (
        f"briefing.yaml:{line}:3: briefing.tittle: unknown key 'tittle'; did you mean 'title'?"
        in "\n".join(problems)
    )
    assert len(problems) == 1  # one typo, one error: not also "missing required key 'title'"


def test_an_unknown_key_that_is_not_a_typo_still_leaves_the_key_missing(mini_copy: Path) -> None:
    _replace(mini_copy, "briefing.yaml", "  title:", "  headline:")
    problems = "\n".join(_problems(mini_copy))
    assert "unknown key 'headline'" in problems and "missing required key 'title'" in problems


def test_unclosed_quote_is_a_located_syntax_error(mini_copy: Path) -> None:
    _replace(mini_copy, "timeline.yaml", "title: Independence", "title: 'Independence")
    problems = _problems(mini_copy)
    assert len(problems) == 1
    assert "timeline.yaml:" in problems[0] and "is not valid YAML" in problems[0]
    line = int(problems[0].split("timeline.yaml:")[1].split(":")[0])
    assert line >= _line_of(mini_copy, "timeline.yaml", "'Independence")


def test_wrong_types_enums_and_dates_are_each_reported(mini_copy: Path) -> None:
    _replace(mini_copy, "sources.yaml", "genre: analysis", "genre: opinion")
    _replace(mini_copy, "timeline.yaml", "date: 2022-01", "date: 2022-13")
    _replace(mini_copy, "contested.yaml", "stance: left", "stance: [left]")
    _replace(mini_copy, "figures.yaml", "value: '26'", "value: twenty-six")
    joined = "\n".join(_problems(mini_copy))
    genre = _line_of(mini_copy, "sources.yaml", "genre: opinion")
    assert f"sources.yaml:{genre}:12: sources[0].genre: expected one of advocacy, news" in joined
    date = _line_of(mini_copy, "timeline.yaml", "2022-13")
    assert f"timeline.yaml:{date}:11: events[1].date: month 13 is not 1..12" in joined
    assert "contested.yaml:" in joined and "positions[0].stance: expected one of" in joined
    assert "figures[0].value: expected text matching" in joined


def test_strings_stay_strings(mini_copy: Path) -> None:
    """YAML 1.1 typing would turn these into booleans, octal, sexagesimal and ints."""
    _replace(mini_copy, "topics.yaml", "title: Foreign policy", "title: NO")
    _replace(mini_copy, "topics.yaml", "title: Economy and trade", "title: 1:20")
    _replace(mini_copy, "glossary.yaml", "term: Kremlin", "term: +77011234567")
    _replace(mini_copy, "sources.yaml", "label: Beta", "label: 010")
    loaded = load_set(mini_copy, use_cache=False)
    assert loaded.ok, loaded.problems
    assert loaded.briefing is not None
    assert [t.title for t in loaded.briefing.topics] == ["NO", "1:20"]
    assert loaded.briefing.glossary[0].term == "+77011234567"
    assert loaded.briefing.sources[1].label == "010"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("briefing: !!python/object/apply:os.system ['touch pwned']\n", "tags are not allowed"),
        ("a: &x [1]\nbriefing: *x\n", "anchors (&name) are not allowed"),
        ("briefing:\n  id: a\n  id: b\n", "duplicate key 'id' (first at line 2)"),
        ("briefing: {}\n---\nbriefing: {}\n", "only one YAML document is allowed"),
        ("", "is empty"),
        ("just text\n", "the top level must be a mapping"),
        ("- a\n- b\n", "the top level must be a mapping"),
        ("briefing:\n\tid: x\n", "is not valid YAML"),
        ("[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5), f"nesting is deeper than {MAX_DEPTH}"),
    ],
)
def test_yaml_hazards_are_refused_with_a_location(mini_copy: Path, text: str, message: str) -> None:
    (mini_copy / "briefing.yaml").write_text(text)
    problems = _problems(mini_copy)
    hits = [p for p in problems if message in p]
    assert hits, problems
    assert all(p.startswith(str(mini_copy / "briefing.yaml")) for p in hits)
    assert not (mini_copy / "pwned").exists()


def test_encoding_errors_name_the_line(mini_copy: Path) -> None:
    data = (mini_copy / "glossary.yaml").read_bytes().replace(b"Kremlin", b"Kreml\xe9n")
    (mini_copy / "glossary.yaml").write_bytes(data)
    line = next(n for n, row in enumerate(data.split(b"\n"), 1) if b"Kreml" in row)
    problems = _problems(mini_copy)
    assert any(f"glossary.yaml:{line}:" in p and "not valid UTF-8" in p for p in problems), problems


def test_a_bom_is_fine(mini_copy: Path) -> None:
    path = mini_copy / "glossary.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert load_set(mini_copy, use_cache=False).ok


def test_dangling_references_and_duplicate_ids(mini_copy: Path) -> None:
    _replace(
        mini_copy,
        "timeline.yaml",
        "{source: alpha, quote: The republic",
        "{source: gamma, quote: The republic",
    )
    _replace(mini_copy, "timeline.yaml", "topics: [economy]", "topics: [ecnomy]")
    _replace(mini_copy, "figures.yaml", "key: troops\n", "key: trade-2022\n")
    _replace(mini_copy, "figures.yaml", "id: troops-beta", "id: trade-beta")
    _replace(
        mini_copy,
        "contested.yaml",
        "      - source: beta\n        label: Aligned",
        "      - source: beta\n        label: Aligned",
    )
    problems = "\n".join(_problems(mini_copy))
    line = _line_of(mini_copy, "timeline.yaml", "source: gamma")
    assert (
        f"timeline.yaml:{line}:" in problems
        and "unknown source 'gamma' (known: alpha, beta)" in problems
    )
    assert "unknown topic 'ecnomy'" in problems
    assert "duplicate key 'trade-2022'" in problems
    assert "duplicate id 'trade-beta' (first at figures[1])" in problems


def test_a_quote_inside_another_sources_position_is_caught(mini_copy: Path) -> None:
    _replace(
        mini_copy,
        "contested.yaml",
        "{source: beta, quote: Neutrality is impossible.}",
        "{source: alpha, quote: it is balancing}",
    )
    assert any("quote from 'alpha' inside the entry for 'beta'" in p for p in _problems(mini_copy))


def test_every_file_reports_its_own_problems(mini_copy: Path) -> None:
    """One bad file does not hide another; one error does not hide the next in a file."""
    _replace(mini_copy, "briefing.yaml", "  title:", "  tittle:")
    _replace(mini_copy, "briefing.yaml", "  scope:", "  scop:")
    _replace(mini_copy, "glossary.yaml", "kind: organisation", "kind: company")
    (mini_copy / "topics.yaml").write_text("topics: [unclosed\n")
    problems = _problems(mini_copy)
    files = {p.split(":")[0].rsplit("/", 1)[-1] for p in problems}
    assert {"briefing.yaml", "glossary.yaml", "topics.yaml"} <= files
    assert sum("unknown key" in p for p in problems) == 2


def test_missing_and_stray_files_are_reported(mini_copy: Path) -> None:
    (mini_copy / "framing.yaml").unlink()
    (mini_copy / "timline.yaml").write_text("events: []\n")
    problems = _problems(mini_copy)
    assert any(p.endswith("framing.yaml: file is missing") for p in problems)
    assert any("timline.yaml: is not a briefing file" in p for p in problems)


def test_control_characters_become_visible(mini_copy: Path) -> None:
    _replace(
        mini_copy,
        "topics.yaml",
        "title: Foreign policy",
        'title: "Foreign \\e]0;pwned\\a policy \\x9b"',
    )
    loaded = load_set(mini_copy, use_cache=False)
    assert loaded.briefing is not None, loaded.problems
    assert loaded.briefing.topics[0].title == "Foreign \\x1b]0;pwned\\x07 policy \\x9b"


def test_cache_hits_and_edits_invalidate(
    mini_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "c"
    monkeypatch.setenv("KZBRIEF_CACHE_DIR", str(cache))
    first = load_set(mini_copy)
    assert first.ok and len(list(cache.glob("*.msgpack"))) == 1
    assert load_set(mini_copy).whole() == first.whole()
    _replace(mini_copy, "topics.yaml", "title: Foreign policy", "title: Foreign affairs")
    edited = load_set(mini_copy)
    assert edited.briefing is not None and edited.briefing.topics[0].title == "Foreign affairs"
    for entry in cache.glob("*.msgpack"):
        entry.write_bytes(b"\x00corrupt")
    assert load_set(mini_copy).whole() == edited.whole()  # corrupt entries are rebuilt
    _replace(mini_copy, "topics.yaml", "title: Foreign affairs", "tittle: x")
    assert not load_set(mini_copy).ok  # an invalid edit is never served from the cache


def test_resolve_by_name_path_and_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    assert resolve_briefing("kazakhstan-russia").name == "kazakhstan-russia"
    assert resolve_briefing(str(MINI)) == MINI
    monkeypatch.setenv("KZBRIEF_BRIEFING", str(MINI))
    assert resolve_briefing(None) == MINI


KINDS = ["briefing", "sources", "topics", "timeline", "framing", "contested", "figures", "glossary"]


@pytest.fixture
def default_copy(tmp_path: Path) -> Path:
    import shutil

    from helpers import DEFAULT_SET

    target = tmp_path / "kr"
    shutil.copytree(DEFAULT_SET, target)
    return target


@pytest.mark.parametrize("kind", KINDS)
def test_default_set_typo_and_unclosed_quote_are_located(default_copy: Path, kind: str) -> None:
    """Issue 2's acceptance: any file of the default set, broken two ways."""
    name = f"{kind}.yaml"
    lines = (default_copy / name).read_text().splitlines()
    # A typo'd key: the first "  id:" / "- id:" style key on some line past the header.
    index = next(
        i
        for i, line in enumerate(lines)
        if line.strip().startswith(("- id:", "id:", "- source:", "- key:"))
    )
    broken = (
        lines[index]
        .replace("id:", "idd:", 1)
        .replace("source:", "sourse:", 1)
        .replace("key:", "kye:", 1)
    )
    (default_copy / name).write_text(
        "\n".join([*lines[:index], broken, *lines[index + 1 :]]) + "\n"
    )
    problems = _problems(default_copy)
    assert any(
        p.startswith(f"{default_copy / name}:{index + 1}:") and "unknown key" in p for p in problems
    ), problems
    # An unclosed quote on the same line instead.
    key, _, value = lines[index].partition(": ")
    unclosed = f'{key}: "{value}'  # a double quote that never closes
    (default_copy / name).write_text(
        "\n".join([*lines[:index], unclosed, *lines[index + 1 :]]) + "\n"
    )
    problems = _problems(default_copy)
    located = [
        p for p in problems if p.startswith(f"{default_copy / name}:") and "not valid YAML" in p
    ]
    assert located, problems
    assert int(located[0].split(f"{name}:")[1].split(":")[0]) >= index + 1
