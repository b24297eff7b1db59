"""The house's floors: every module imports only from its own floor or below, never up.

(1) the model and pure text helpers; (2) reading, analysis and queries, with no UI;
(3) rendering for the CLI and exports, and the reader's widgets; (4) the CLI, the reader's
screens and app. A new module must be given a floor here, so where it belongs is decided.
"""

from __future__ import annotations

import ast
from pathlib import Path

from helpers import ROOT

FLOORS = {
    1: {"model", "dates", "quotes", "sanitise", "lookalike", "colours", "text"},
    2: {
        "load",
        "query",
        "verify",
        "documents",
        "documents_folder",
        "places",
        "coverage",
        "lint",
        "diff",
        "scope",
        "pick",
    }
    | {"schema", "new_file", "new_set", "completion", "heap"},
    3: {"render", "tui.widgets", "tui.draw", "tui.view", "tui.messages", "tui.citation"}
    | {"tui.state", "tui.clipboard"},
    4: {"cli", "__main__", "tui.app", "tui.screens", "tui.config", "tui.providers"}
    | {"tui.export_view", "watch_validate"},
}


def _floor(module: str) -> int:
    parts = module.split(".")[1:]
    for floor, names in FLOORS.items():
        for name in names:
            if parts[: len(name.split("."))] == name.split("."):
                return floor
    raise AssertionError(f"{module} has no floor in tests/test_layers.py: give it one")


def _modules() -> dict[str, Path]:
    found = {}
    for path in (ROOT / "kzbrief").rglob("*.py"):
        parts = path.relative_to(ROOT).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        if name not in ("kzbrief", "kzbrief.tui"):
            found[name] = path
    return found


def test_every_module_imports_only_downwards() -> None:
    upward = []
    for module, path in sorted(_modules().items()):
        mine = _floor(module)
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                targets = [node.module]
            elif isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            else:
                continue
            for target in targets:
                inside = target.startswith("kzbrief.") and target != "kzbrief.tui"
                if inside and _floor(target) > mine:
                    upward.append(f"{module} (floor {mine}) imports {target}")
    assert not upward, "\n".join(upward)
