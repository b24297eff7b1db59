"""Packaging: the README's commands, CI, and a real (non-editable) wheel run elsewhere."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

from helpers import ROOT


def _readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text()
    block = text.split("```sh\n", 1)[1].split("```", 1)[0]
    return [line for line in block.splitlines() if line.strip()]


def test_readme_opens_with_two_commands_and_ci_runs_the_test_one() -> None:
    commands = _readme_commands()
    assert len(commands) == 2
    assert commands[0].endswith("pip install . && kzbrief")
    assert commands[1].endswith("python -m pytest")
    assert commands[1] in (ROOT / ".ci" / "run").read_text().splitlines()


def _lower_bounds() -> dict[str, str]:
    """`name>=X` of every runtime and test-runner dependency in pyproject.toml."""
    import re
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    tools = {"ruff", "mypy", "types-pyyaml", "hatchling"}  # checkers and builders, not run by tests
    bounds = {}
    for spec in [*project["dependencies"], *project["optional-dependencies"]["test"]]:
        if spec.lower().split(">")[0] in tools:
            continue
        match = re.fullmatch(r"([A-Za-z0-9_.-]+)>=([0-9.]+)(?:,<[0-9.]+)?", spec)
        assert match, f"{spec!r} has no lower bound"
        bounds[match[1].lower()] = match[2]
    return bounds


def test_ci_runs_the_suite_on_the_oldest_versions_pyproject_allows() -> None:
    pinned = {}
    for line in (ROOT / "constraints" / "oldest.txt").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            name, version = line.split("==")
            pinned[name.lower()] = version
    for name, bound in _lower_bounds().items():
        assert name in pinned, f"constraints/oldest.txt does not pin {name}"
        # 8.2 and 8.2.0 name the same release
        assert pinned[name].removesuffix(".0") == bound.removesuffix(".0"), (name, bound)
    ci = (ROOT / ".ci" / "run").read_text()
    assert "-c constraints/oldest.txt" in ci and ci.count("python -m pytest") >= 2


def test_wheel_ships_the_briefing_and_works_from_another_directory(tmp_path: Path) -> None:
    wheel_dir = tmp_path / "wheel"
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(wheel_dir), str(ROOT)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert build.returncode == 0, build.stderr
    wheel = next(wheel_dir.glob("kzbrief-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "kzbrief/briefings/kazakhstan-russia/contested.yaml" in names
    assert "kzbrief/schemas/timeline.schema.json" in names
    assert "kzbrief/tui/kzbrief.tcss" in names and "kzbrief/tui/help.md" in names
    assert "kzbrief/render/page/page.css" in names and "kzbrief/render/page/page.js" in names
    target = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(target)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target)}
    for args in (
        ["summary"],
        ["timeline"],
        ["compare", "neutrality"],
        ["sources"],
        ["topics"],
        ["validate"],
        ["schema", "sources"],
        ["export"],
        ["export", "--format", "html"],
        ["export", "--format", "md"],
    ):
        result = subprocess.run(
            [sys.executable, "-P", "-m", "kzbrief", *args], capture_output=True, text=True, cwd=elsewhere, env=env, timeout=30
        )  # fmt: skip
        assert result.returncode == 0, (args, result.stderr)
        assert "Traceback" not in result.stderr
    probe = subprocess.run(
        [sys.executable, "-P", "-c", "import kzbrief; print(kzbrief.__file__)"], capture_output=True, text=True, cwd=elsewhere, env=env
    )  # fmt: skip
    assert probe.stdout.startswith(str(target))
