"""Every hostile case of the corpus and the generator, run through the real command line.

See tests/hostile/README.md for how to add a case.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from hostile.cases import CASES, Expect
from hostile.generate import GENERATED, Unavailable, build
from hostile.harness import CORPUS, MINI, READING_COMMANDS, Sandbox, assert_sane, located_lines

CORPUS_CASES = sorted(p.name for p in CORPUS.iterdir() if p.is_dir())


def test_every_case_has_an_expectation_and_a_source() -> None:
    sources = set(CORPUS_CASES) | set(GENERATED)
    assert not set(CORPUS_CASES) & set(GENERATED), "a case is both committed and generated"
    assert sorted(sources - set(CASES)) == [], "cases without a row in hostile/cases.py"
    assert sorted(set(CASES) - sources) == [], "rows in hostile/cases.py without a case"


def test_committed_cases_stay_small() -> None:
    for path in CORPUS.rglob("*"):
        assert not path.is_file() or path.stat().st_size < 16 * 1024, f"{path}: use generate.py"


def make_case(sandbox: Sandbox, name: str) -> Path:
    """The set for case `name`: the mini fixture with the case's files or builder applied."""
    root = sandbox.make_set()
    if name in GENERATED:
        try:
            build(name, root)
        except Unavailable as exc:
            pytest.skip(str(exc))
    else:
        for path in (CORPUS / name).iterdir():
            shutil.copyfile(path, root / path.name)
    return root


def _strings(node: Any) -> set[str]:
    if isinstance(node, dict):
        return set().union(*(_strings(v) for v in node.values())) if node else set()
    if isinstance(node, list):
        return set().union(*(_strings(v) for v in node)) if node else set()
    return {node} if isinstance(node, str) else set()


def _assert_located(text: str, root: Path, expect: Expect, where: str) -> None:
    for at in expect.at:
        base = root if at.file else root.parent
        name = at.file or root.name
        lines = located_lines(text, base, name, at.line)
        assert any(at.says in line for line in lines), (
            f"{where}: no line naming {name}:{at.line or ''} with {at.says!r} in:\n{text[-4000:]}"
        )


@pytest.mark.parametrize("name", sorted(CASES))
def test_case(name: str, tmp_path: Path) -> None:
    expect = CASES[name]
    sandbox = Sandbox(tmp_path)
    root = make_case(sandbox, name)
    sandbox.watch(root)

    validate = sandbox.run("validate", str(root))
    assert_sane(validate, expect.exit)
    _assert_located(validate.out, root, expect, "kzbrief validate")

    if expect.exit == 0:
        exported = sandbox.run("--briefing", str(root), "export")
        assert_sane(exported, 0)
        strings = _strings(json.loads(exported.stdout))
        missing = [v for v in expect.values if v not in strings]
        assert not missing, f"not shown literally: {missing!r}"
    sandbox.assert_untouched()


def test_the_fixture_itself_is_clean(tmp_path: Path) -> None:
    """The base of every case loads, so each case's problems are its own."""
    sandbox = Sandbox(tmp_path)
    assert_sane(sandbox.run("validate", str(MINI)), 0)


BROKEN_COMMANDS = (
    *READING_COMMANDS,
    ("export",),
    ("verify", "--sources", "{docs}"),
)


@pytest.mark.parametrize("name", ["all-files-broken", "names-with-escape-sequences"])
def test_every_command_refuses_a_broken_set_with_the_same_located_errors(
    name: str, tmp_path: Path
) -> None:
    from hostile.harness import MINI_DOCS

    expect = CASES[name]
    sandbox = Sandbox(tmp_path)
    root = make_case(sandbox, name)
    sandbox.watch(root)
    for command in BROKEN_COMMANDS:
        args = [a.format(docs=MINI_DOCS) for a in command]
        run = sandbox.run("--briefing", str(root), *args)
        assert_sane(run, 1)
        assert run.out == "", f"{args}: a broken set must print nothing on stdout"
        _assert_located(run.err, root, expect, f"kzbrief {' '.join(args)} (stderr)")
    sandbox.assert_untouched()
