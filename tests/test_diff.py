"""`kzbrief diff`: what changed between two versions, matched by id; exit 0 same, 1 differ, 2 trouble."""

from __future__ import annotations

import copy
import json
import os
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import msgspec
import pytest
import yaml
from helpers import DEFAULT_SET, MINI, run_cli, run_on_terminal

from kzbrief.diff import diff
from kzbrief.load import load_set
from kzbrief.model import BriefingSet, Claim


def _rewrite(root: Path, kind: str, change: Callable[[Any], None]) -> None:
    """Change one file of the set by its structure (so the test survives content edits)."""
    path = root / f"{kind}.yaml"
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _three_changes(root: Path) -> tuple[str, str, str]:
    """Move one position, add one event, change one figure; their items as diff names them."""
    moved: list[str] = []

    def move(data: Any) -> None:
        point = data["contested"][0]
        position = next(p for p in point["positions"] if p.get("stance"))
        position["stance"] = "centre" if position["stance"] != "centre" else "left"
        moved.append(f"{point['id']}/{position['source']}")

    def add(data: Any) -> None:
        event = copy.deepcopy(data["events"][0])
        event["id"] = "an-added-event"
        data["events"].append(event)

    def change(data: Any) -> None:
        figure = data["figures"][0]
        figure["value"] = str(float(figure["value"]) + 1)
        moved.append(figure["id"])

    _rewrite(root, "contested", move)
    _rewrite(root, "timeline", add)
    _rewrite(root, "figures", change)
    return moved[0], "an-added-event", moved[1]


def test_a_copy_with_three_changes_lists_exactly_those_three(tmp_path: Path) -> None:
    copied = tmp_path / "set"
    shutil.copytree(DEFAULT_SET, copied)
    position, event, figure = _three_changes(copied)
    result = run_cli("diff", str(DEFAULT_SET), str(copied))
    assert result.returncode == 1, result.stderr
    header, *rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert header == ["change", "item", "from", "to", "quotes"]
    assert {len(row) for row in rows} == {5}  # one shape, one change a line
    assert [row[:2] for row in rows] == [
        ["position-moved", position],
        ["event-added", event],
        ["figure-changed", figure],
    ]
    assert len(rows[0]) > 4  # the moved position's new quotes follow from → to


def test_identical_sets_exit_0(tmp_path: Path) -> None:
    copied = tmp_path / "set"
    shutil.copytree(DEFAULT_SET, copied)
    _rewrite(copied, "contested", lambda data: None)  # rewritten, the same content
    result = run_cli("diff", str(DEFAULT_SET), str(copied))
    assert (result.returncode, result.stdout) == (0, "change\titem\tfrom\tto\tquotes\n")
    assert run_cli("diff", str(MINI), str(MINI)).returncode == 0


def test_json_and_terminal_output(tmp_path: Path) -> None:
    copied = tmp_path / "set"
    shutil.copytree(MINI, copied)
    text = (copied / "contested.yaml").read_text()
    (copied / "contested.yaml").write_text(text.replace("stance: right", "stance: centre"))
    data = json.loads(run_cli("diff", str(MINI), str(copied), "--json").stdout)
    assert data["changes"] == [
        {
            "change": "position-moved",
            "kind": "contested",
            "id": "neutrality",
            "item": "neutrality/beta",
            "from": "right",
            "to": "centre",
            "quotes": ["Neutrality is impossible."],
        }
    ]
    shown = re.sub(r"\x1b\[[0-9;]*m", "", run_on_terminal("diff", str(MINI), str(copied)))
    assert "moved neutrality/beta: right → centre" in shown and "1 change(s)" in shown


def _git(repo: Path, *args: str) -> None:
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_SYSTEM": os.devnull}
    subprocess.run(
        ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        check=True, capture_output=True, env=env,
    )  # fmt: skip


def test_git_revisions_of_the_set(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(MINI, repo / "sets" / "mini")
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "first")
    root = repo / "sets" / "mini"
    timeline = root / "timeline.yaml"
    timeline.write_text(timeline.read_text().replace("date: '1991'", "date: '1990'"))
    briefing = ("--briefing", str(root))
    result = run_cli(*briefing, "diff", "git:HEAD")
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines()[1:] == ["event-redated\tindependence\t1991\t1990\t"]
    _git(repo, "commit", "-q", "-am", "second")
    assert run_cli(*briefing, "diff", "git:HEAD~1", "git:HEAD").stdout == result.stdout
    assert run_cli(*briefing, "diff", "git:HEAD").returncode == 0
    unknown = run_cli(*briefing, "diff", "git:no-such-rev")
    assert unknown.returncode == 2 and "unknown revision 'no-such-rev'" in unknown.stderr
    assert run_cli(*briefing, "diff", "git:--help").returncode == 2


def test_trouble_exits_2(tmp_path: Path) -> None:
    assert run_cli("diff", str(tmp_path / "nothing"), str(MINI)).returncode == 2
    broken = tmp_path / "broken"
    shutil.copytree(MINI, broken)
    (broken / "figures.yaml").write_text("figures: [\n")
    result = run_cli("diff", str(MINI), str(broken))
    assert result.returncode == 2 and f"{broken / 'figures.yaml'}:" in result.stderr
    outside = tmp_path / "outside"
    shutil.copytree(MINI, outside)
    result = run_cli("--briefing", str(outside), "diff", "git:HEAD")
    assert result.returncode == 2 and "not in a git repository" in result.stderr


# diff() itself, on sets built in Python ---------------------------------------------------


@pytest.fixture
def mini() -> BriefingSet:
    bset = load_set(MINI, use_cache=False).whole()
    assert bset is not None
    return bset


def _changes(old: BriefingSet, new: BriefingSet) -> list[tuple[str, str, str, str]]:
    return [(c.change, c.item, c.before, c.after) for c in diff(old, new)]


def test_removed_points_events_figures_and_sources(mini: BriefingSet) -> None:
    new = msgspec.structs.replace(
        mini,
        contested=mini.contested[:1],
        events=mini.events[1:],
        figures=mini.figures[:2],
        sources=[
            msgspec.structs.replace(mini.sources[0], label="Alpha Report"),
            mini.sources[1],
        ],
    )
    assert _changes(mini, new) == [
        ("point-removed", "trade-size", "How large was trade in 2022?", ""),
        ("event-removed", "independence", "1991 Independence", ""),
        ("figure-removed", "troops-beta", "more than 2000 troops (January 2022; beta)", ""),
        ("source-changed", "alpha/label", "Alpha", "Alpha Report"),
    ]
    assert all(c.removed for c in diff(mini, new)[:3])


def test_bottom_line_claims_are_matched_by_text_in_order(mini: BriefingSet) -> None:
    kept = mini.briefing.bottom_line[0]
    added = Claim(text="A new first claim.", basis="reported", sources=["alpha"])
    briefing = msgspec.structs.replace(mini.briefing, bottom_line=[added, kept])
    new = msgspec.structs.replace(mini, briefing=briefing)
    assert _changes(mini, new) == [
        ("claim-added", "bottom-line/0", "", "A new first claim. [alpha]")
    ]
    reworded = Claim(text="Alpha sees balancing.", basis="reported", sources=["alpha"])
    briefing = msgspec.structs.replace(mini.briefing, bottom_line=[reworded])
    changes = diff(mini, msgspec.structs.replace(mini, briefing=briefing))
    assert [(c.change, c.kind, c.key) for c in changes] == [("claim-changed", "bottom-line", "0")]


def test_the_reader_refuses_a_since_it_cannot_load(tmp_path: Path) -> None:
    shown = run_on_terminal("--briefing", str(MINI), "--since", str(tmp_path / "nothing"))
    assert "no briefing folder or built-in set named" in shown
