"""What the code must never do, checked on the code and on the loader directly.

A1: only the event parser is used; no loader that constructs objects is named
anywhere in kzbrief/. A3: the depth cap is exact. A8: one parser (libyaml's),
no silent fallback to the pure-Python one.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from hostile.harness import REPO

from kzbrief.load.files import FileProblem
from kzbrief.load.yamltree import MAX_DEPTH, YamlProblem, build_tree

FORBIDDEN = re.compile(
    r"yaml\.load\(|yaml\.load_all\(|yaml\.unsafe_load|yaml\.full_load|"
    r"Loader\s*=\s*yaml\.Loader|\bFullLoader\b|\bUnsafeLoader\b|yaml\.Loader\b|"
    r"\bUnsafeConstructor\b|\bFullConstructor\b|python/object"
)


def test_no_object_constructing_yaml_loader_in_the_product() -> None:
    hits = [
        f"{path.relative_to(REPO)}:{number}: {line.strip()}"
        for path in sorted((REPO / "kzbrief").rglob("*.py"))
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1)
        if FORBIDDEN.search(line)
    ]
    assert hits == [], "\n".join(hits)


def test_the_grep_itself_catches_what_it_must() -> None:
    for bad in (
        "yaml.load(text)",
        "yaml.load(text, Loader=yaml.Loader)",
        "x = yaml.unsafe_load(s)",
        "yaml.load(s, Loader=yaml.FullLoader)",
        "from yaml import UnsafeLoader",
    ):
        assert FORBIDDEN.search(bad), bad
    assert not FORBIDDEN.search("yaml.safe_dump(tree)")


def test_one_parser_everywhere() -> None:
    """A8: libyaml's parser is required; without it the loader refuses rather than falls back."""
    assert yaml.__with_libyaml__, "PyYAML was installed without libyaml"
    source = (REPO / "kzbrief" / "load" / "yamltree.py").read_text("utf-8")
    assert "CParser" in source and "yaml.parse(" not in source and "SafeLoader" not in source


@pytest.mark.parametrize(
    ("depth", "refused"), [(MAX_DEPTH, False), (MAX_DEPTH + 1, True), (100_000, True)]
)
def test_the_depth_cap_is_exact(depth: int, refused: bool) -> None:
    text = "[" * depth + "]" * depth
    if refused:
        with pytest.raises(FileProblem, match=f"deeper than {MAX_DEPTH}") as caught:
            build_tree(text)
        assert (caught.value.line, caught.value.col) == (1, MAX_DEPTH + 1)
    else:
        build_tree(text)


def test_problems_before_a_syntax_error_are_kept() -> None:
    """One error does not hide the next: a tag and a duplicate before the text stops parsing."""
    text = "a: !!python/name:os.system x\nb: 1\nb: 2\nc: [unclosed\n"
    with pytest.raises(YamlProblem) as caught:
        build_tree(text)
    issues = [(issue.message, issue.at[0]) for issue in caught.value.issues]
    assert any("tags are not allowed" in m and line == 1 for m, line in issues), issues
    assert any("duplicate key 'b'" in m and line == 3 for m, line in issues), issues
    assert caught.value.line == 5


@pytest.mark.parametrize(
    ("text", "line", "col"),
    [
        ("a: b\nc: d\x00\n", 2, 5),
        ("ҚҚ: \x1b\n", 1, 5),
        ("a: |\n  ok\n  Қ\x7f\n", 3, 4),
        # far into a file, after libyaml has handed out many events from earlier buffers
        ("k:\n" + "- Қазақстан\n" * 20000 + "- x\x9b\n", 20002, 4),
    ],
    ids=["nul", "esc-after-wide", "del-in-block", "c1-far-in"],
)
def test_a_raw_control_character_is_located_in_characters(text: str, line: int, col: int) -> None:
    with pytest.raises(FileProblem) as caught:
        build_tree(text)
    assert (caught.value.line, caught.value.col) == (line, col)
    assert "is not allowed" in caught.value.message


def test_no_scalar_is_typed() -> None:
    tree, issues = build_tree(
        "a: NO\nb: 010\nc: 1:20\nd: 2022-13-45\ne: +77011234567\nf: 1.0e+3\ng: .nan\nh: ~\n"
    )
    assert issues == []
    assert dict(tree) == {
        "a": "NO",
        "b": "010",
        "c": "1:20",
        "d": "2022-13-45",
        "e": "+77011234567",
        "f": "1.0e+3",
        "g": ".nan",
        "h": None,
    }


def test_catalog_is_covered() -> None:
    """Every class of the catalog has a case in the table or a test named for it here."""
    from hostile.cases import CASES

    catalog = Path(REPO.parent / "shared" / "research" / "hostile-input-catalog.md")
    classes = {c for e in CASES.values() for c in e.classes}
    # Covered by tests outside the table: see tests/hostile/README.md for where.
    classes |= {"C7", "E2", "E3", "E4", "E5", "F2"}
    wanted = (
        set(re.findall(r"^\*\*([A-F]\d)\b", catalog.read_text("utf-8"), re.MULTILINE))
        if catalog.exists()
        else set()
    )
    wanted |= {f"A{i}" for i in range(1, 10)} | {"B1", "B2", "B3", "D1", "F1", "F2"}
    wanted |= {f"C{i}" for i in range(1, 8)} | {f"E{i}" for i in range(1, 6)}
    assert sorted(wanted - classes) == []
