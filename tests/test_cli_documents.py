"""`--sources` and `KZBRIEF_SOURCES`, `kzbrief coverage`, and places in `export`."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from helpers import DEFAULT_SET, MINI, MINI_DOCS, SEEDS, run_cli, run_on_terminal

M = ("--briefing", str(MINI))


def _quote_objects(node: Any) -> list[dict[str, Any]]:
    """Every JSON object with a quote and a source, wherever it sits."""
    if isinstance(node, dict):
        own = [node] if "quote" in node and "source" in node else []
        return own + [q for value in node.values() for q in _quote_objects(value)]
    if isinstance(node, list):
        return [q for item in node for q in _quote_objects(item)]
    return []


def test_coverage_piped_is_one_tab_separated_record_a_line() -> None:
    out = run_cli(*M, "--sources", str(MINI_DOCS), "coverage")
    assert out.returncode == 0, out.stderr
    lines = [line.split("\t") for line in out.stdout.splitlines()]
    assert lines[0][0] == "document"
    assert {len(line) for line in lines} == {len(lines[0])}
    assert lines[1] == [
        "alpha.txt", "alpha", "2", "1", "54", lines[1][5], "50.0", lines[1][7], "1", ""
    ]  # fmt: skip


def test_coverage_json_and_on_a_terminal() -> None:
    out = run_cli(*M, "coverage", "--sources", str(MINI_DOCS), "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert [d["document"] for d in data] == ["alpha.txt", "beta.txt"]
    assert data[0]["paragraph_share"] == 0.5 and data[0]["uncited"][0]["line"] == 1
    shown = run_on_terminal(*M, "--sources", str(MINI_DOCS), "coverage")
    assert "50% of 2" in shown and "alpha.txt: 1 uncited paragraph" in shown


def test_the_documents_folder_comes_from_the_option_or_the_environment() -> None:
    assert run_cli(*M, "--sources", str(MINI_DOCS), "verify").returncode == 0
    assert run_cli(*M, "verify", env={"KZBRIEF_SOURCES": str(MINI_DOCS)}).returncode == 0
    # The command's own --sources wins over the global one.
    both = run_cli(*M, "--sources", "/nonexistent", "verify", "--sources", str(MINI_DOCS))
    assert both.returncode == 0, both.stderr
    none = run_cli(*M, "coverage", env={"KZBRIEF_SOURCES": ""})
    assert none.returncode == 2 and "--sources DIR" in none.stderr
    assert "KZBRIEF_SOURCES" in none.stderr
    empty = run_cli(*M, "--sources", "", "verify")
    assert empty.returncode == 2 and "empty value" in empty.stderr


def test_export_gives_every_quote_its_place_only_when_asked() -> None:
    plain = run_cli(*M, "export")
    assert plain.returncode == 0 and '"place"' not in plain.stdout
    placed = run_cli(*M, "--sources", str(MINI_DOCS), "export")
    assert placed.returncode == 0, placed.stderr
    quotes = _quote_objects(json.loads(placed.stdout))
    assert len(quotes) == 15 and all(q["place"]["line"] >= 1 for q in quotes)
    # Apart from the places, the export is the one without documents.
    stripped = json.loads(placed.stdout)
    for q in _quote_objects(stripped):
        q.pop("place")
    assert stripped == json.loads(plain.stdout)


def test_export_with_a_changed_document_says_which_quote_has_no_place(tmp_path: Path) -> None:
    docs = Path(shutil.copytree(MINI_DOCS, tmp_path / "docs"))
    beta = docs / "beta.txt"
    beta.write_text(beta.read_text(encoding="utf-8").replace("is impossible", "is hard"))
    out = run_cli(*M, "--sources", str(docs), "export")
    assert out.returncode == 1
    assert "beta.txt: not found in its document: 'Neutrality is impossible.'" in out.stderr
    gone = [q for q in _quote_objects(json.loads(out.stdout)) if q["place"] is None]
    assert [q["quote"] for q in gone] == ["Neutrality is impossible."]


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed documents are not beside the project")
def test_coverage_of_the_default_set_lists_its_five_documents() -> None:
    out = run_cli("--briefing", str(DEFAULT_SET), "coverage", "--sources", str(SEEDS), "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert len(data) == 5 and all(0 < d["paragraph_share"] <= 1 for d in data)
    placed = run_cli("--briefing", str(DEFAULT_SET), "--sources", str(SEEDS), "export")
    quotes = _quote_objects(json.loads(placed.stdout))
    assert len(quotes) > 500 and all(q["place"] is not None for q in quotes)


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_markdown_and_html_exports_give_each_quote_its_place(fmt: str) -> None:
    """With the documents, a shared page cites the paragraph, as `c` in the reader does."""
    bare = run_cli(*M, "export", "--format", fmt)
    placed = run_cli(*M, "--sources", str(MINI_DOCS), "export", "--format", fmt)
    assert bare.returncode == 0 and placed.returncode == 0, placed.stderr
    assert "¶" not in bare.stdout
    cited = [line for line in placed.stdout.splitlines() if "¶" in line]
    assert cited and any("alpha.txt" in line and "line " in line for line in cited), cited[:3]
