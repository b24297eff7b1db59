"""The command line as gh/bat users expect it, and the author's kit (issue 14)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import yaml
from helpers import MINI, ROOT, run_cli, run_on_pty, run_on_terminal

B = ("--briefing", str(MINI))


def _unstyled(shown: str) -> str:
    return re.sub(r"\x1b\[[0-9;]*m", "", shown)


def test_ids_and_labels_are_whole_in_a_60_column_terminal() -> None:
    shown = _unstyled(run_on_terminal("compare", "neutrality", "--no-pager", columns=60))
    out = run_cli("compare", "neutrality").stdout.splitlines()[1:]
    for row in (line.split("\t") for line in out):
        assert row[3] in " ".join(shown.split()), row[3]  # each label whole
    topics = _unstyled(run_on_terminal("topics", "--no-pager", columns=60))
    for line in run_cli("topics").stdout.splitlines()[1:]:
        assert line.split("\t")[0] in topics.split()


def test_summary_reads_in_one_pass_at_120_columns() -> None:
    shown = run_on_terminal("summary", "--no-pager", columns=120)
    assert len(shown.splitlines()) <= 150
    assert "c. Apr 2022 (inferred)" in _unstyled(shown)
    assert "The text gives no publication date" not in shown  # reasons are for `sources`


def test_every_listing_takes_json() -> None:
    assert len(json.loads(run_cli("timeline", "--json").stdout)["events"]) > 10
    for args in (("summary",), ("compare",), ("sources",), ("topics",), ("validate",), ("list",)):
        result = run_cli(*B, *args, "--json")
        assert result.returncode == 0, (args, result.stderr)
        json.loads(result.stdout)
    point = json.loads(run_cli(*B, "compare", "neutrality", "--json").stdout)
    assert point["contested"][0]["why_they_differ"].startswith("Alpha is an analysis")


def test_global_options_work_after_the_subcommand() -> None:
    assert run_cli("summary", "--briefing", "kazakhstan-russia").returncode == 0
    assert "\tmini\tMini briefing\t" in run_cli("summary", *B).stdout
    empty = run_cli("summary", "--briefing", "")
    assert empty.returncode == 2 and "kzbrief summary --help" in empty.stderr


def test_ids_by_label_title_or_near_miss() -> None:
    by_label = run_cli(*B, "timeline", "--source", "Beta").stdout.splitlines()[1:]
    # a year-only date follows the dated events of its year
    assert [line.split("\t")[1] for line in by_label] == ["troops-2022", "trade-2022"]
    assert run_cli(*B, "summary", "--topic", "Economy").returncode == 0
    miss = run_cli(*B, "compare", "neutralty")
    assert miss.returncode == 2 and "did you mean 'neutrality'" in miss.stderr
    assert "Try 'kzbrief compare --help'." in miss.stderr


def test_a_reversed_range_is_an_error() -> None:
    result = run_cli(*B, "timeline", "--from", "2023", "--to", "2022")
    assert result.returncode == 2 and "is after --to" in result.stderr


def test_color_always_keeps_the_layout_in_a_pipe() -> None:
    result = run_cli(*B, "summary", "--color=always", "--width", "80")
    assert "\x1b[" in result.stdout and "Bottom line" in result.stdout
    # Only an explicit option does: an inherited FORCE_COLOR leaves a pipe plain (see
    # test_hostile_output), so scripts run under CI settings keep their lines.
    never = run_cli(*B, "summary", "--color=never", "--width", "80")
    assert "\x1b" not in never.stdout and "Bottom line" in never.stdout
    forced = run_cli(*B, "summary", env={"FORCE_COLOR": "1"})
    assert "\x1b" not in forced.stdout and forced.stdout.startswith("kind\tid\ttext\t")


def _on_pty(*args: str, env: dict[str, str], job: bool = True) -> tuple[int, str]:
    """Run kzbrief on a pseudo-terminal 100 by 10 with `env`: its exit code and screen.

    With `job`, as an interactive shell runs a command: in a process group of its own, in
    the terminal's foreground; without, as `script -c` or `sh -c` runs it (the session's group).
    """
    environ = {**os.environ, **env, "COLUMNS": "100", "LINES": "10"}
    code, out = run_on_pty([sys.executable, "-m", "kzbrief", *args], environ, job=job)
    return code, out.decode("utf-8", "replace")


def test_a_tall_output_goes_through_the_pager(tmp_path: Path) -> None:
    seen = tmp_path / "paged"
    script = tmp_path / "pager.py"
    script.write_text(f"import sys\nopen({str(seen)!r}, 'w').write(sys.stdin.read())\n")
    code, screen = _on_pty(*B, "summary", env={"KZBRIEF_PAGER": f"{sys.executable} {script}"})
    assert code == 0 and "Bottom line" in _unstyled(seen.read_text())
    assert "Bottom line" not in screen  # the pager showed it, not kzbrief
    code, screen = _on_pty(*B, "summary", "--no-pager", env={"KZBRIEF_PAGER": str(script)})
    assert code == 0 and "Bottom line" in _unstyled(screen)


def test_no_pager_where_no_one_may_press_a_key(tmp_path: Path) -> None:
    """Run as `script -c` or `sh -c` runs a command (the session's own process group), a
    pager could wait for ever: the output is printed whole instead."""
    seen = tmp_path / "paged"
    script = tmp_path / "pager.py"
    script.write_text(f"import sys\nopen({str(seen)!r}, 'w').write(sys.stdin.read())\n")
    pager = {"KZBRIEF_PAGER": f"{sys.executable} {script}"}
    code, screen = _on_pty(*B, "summary", env=pager, job=False)
    assert code == 0 and "Bottom line" in _unstyled(screen) and not seen.exists()


def test_a_pager_that_quits_early_or_cannot_start_is_no_failure(tmp_path: Path) -> None:
    quits = f"{sys.executable} -c pass"  # reads nothing: kzbrief's write meets a closed pipe
    code, _ = _on_pty("summary", env={"KZBRIEF_PAGER": quits})
    assert code == 0
    code, screen = _on_pty(*B, "summary", env={"KZBRIEF_PAGER": "/nonexistent/pager"})
    assert code == 0 and "Bottom line" in _unstyled(screen)
    piped = run_cli(*B, "summary", env={"KZBRIEF_PAGER": "/nonexistent/pager"})  # never paged
    assert piped.returncode == 0 and "title\tmini" in piped.stdout


def test_bash_completion_offers_the_sets_ids() -> None:
    script = run_cli("completion", "bash").stdout
    probe = script + (
        '\nCOMP_WORDS=(kzbrief compare neu); COMP_CWORD=2; _kzbrief; echo "${COMPREPLY[@]}"'
        "\nCOMP_WORDS=(kzbrief timeline --topic for); COMP_CWORD=3; _kzbrief; "
        'echo "${COMPREPLY[@]}"'
    )
    out = subprocess.run(["bash", "-c", probe], capture_output=True, text=True, timeout=10)
    points, topics = out.stdout.splitlines()
    assert "neutrality" in points.split() and topics.split() == ["foreign-policy"]
    for shell in ("zsh", "fish"):
        assert "neutrality" in run_cli("completion", shell).stdout


def test_list_finds_sets_on_kzbrief_path(tmp_path: Path) -> None:
    shutil.copytree(MINI, tmp_path / "mine")
    env = {"KZBRIEF_PATH": f"/nonexistent:{tmp_path}"}
    listed = run_cli("list", env=env).stdout.splitlines()
    assert listed[0] == "name\tpath" and f"mine\t{tmp_path / 'mine'}" in listed
    assert "\tmini\tMini briefing\t" in run_cli("summary", "--briefing", "mine", env=env).stdout


def _modeline_schema(path: Path) -> Path:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
    assert match, first
    return path.parent / match[1]


def test_new_writes_a_valid_set_that_keeps_its_schemas_when_copied(tmp_path: Path) -> None:
    made = run_cli("new", str(tmp_path / "x"))
    assert made.returncode == 0, made.stderr
    assert run_cli("validate", str(tmp_path / "x")).returncode == 0
    moved = tmp_path / "elsewhere" / "deeper" / "y"
    shutil.copytree(tmp_path / "x", moved)
    assert run_cli("validate", str(moved)).returncode == 0
    for path in sorted(moved.glob("*.yaml")):
        schema = json.loads(_modeline_schema(path).read_text(encoding="utf-8"))
        jsonschema.validate(yaml.safe_load(path.read_text(encoding="utf-8")), schema)
    again = run_cli("new", str(tmp_path / "x"))
    assert again.returncode == 1 and "not empty" in again.stderr


def test_an_unclosed_quote_is_reported_where_it_starts(tmp_path: Path) -> None:
    shutil.copytree(MINI, tmp_path / "s")
    path = tmp_path / "s" / "glossary.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    at = next(n for n, line in enumerate(lines) if "term: Kremlin" in line)
    lines[at] = lines[at].replace("term: Kremlin", 'term: "Kremlin')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run_cli("validate", str(tmp_path / "s"))
    assert result.returncode == 1
    col = lines[at].index('"') + 1
    assert f"glossary.yaml:{at + 1}:{col}: is not valid YAML" in result.stdout
    assert "started at" in result.stdout


def test_validate_watch_checks_again_on_save(tmp_path: Path) -> None:
    shutil.copytree(MINI, tmp_path / "s")
    proc = subprocess.Popen(
        [sys.executable, "-m", "kzbrief", "validate", "--watch", str(tmp_path / "s")],
        stdout=subprocess.PIPE, text=True, cwd=ROOT,
    )  # fmt: skip
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().startswith("--- ")
        assert proc.stdout.readline().startswith("ok: ")
        glossary = tmp_path / "s" / "glossary.yaml"
        glossary.write_text(glossary.read_text() + "  - id: [\n", encoding="utf-8")
        assert proc.stdout.readline().startswith("--- ")
        assert "glossary.yaml:" in proc.stdout.readline()
    finally:
        proc.send_signal(__import__("signal").SIGINT)
        assert proc.wait(timeout=10) == 0


def test_export_and_verify_take_global_options_after_their_name() -> None:
    from helpers import MINI_DOCS

    md = run_cli("export", *B, "--sources", str(MINI_DOCS), "--format", "md", "--source", "Alpha")
    assert md.returncode == 0, md.stderr
    assert "Alpha" in md.stdout and "Beta Dispatch" not in md.stdout
    verified = run_cli("verify", *B, "--sources", str(MINI_DOCS), "--json")
    assert verified.returncode == 0, verified.stderr
    data = json.loads(verified.stdout)
    assert data["misses"] == [] and data["checked"] > 0
    misplaced = run_cli("summary", "--watch")
    assert misplaced.returncode == 2 and "validate --watch" in misplaced.stderr


def test_a_wide_comparison_never_folds_a_word() -> None:
    shown = _unstyled(run_on_terminal("compare", "neutrality", "--no-pager", columns=100))
    words = {w for line in run_cli("compare", "neutrality").stdout.splitlines()[1:]
             for w in line.split("\t")[3].split()}  # fmt: skip
    flat = shown.replace("│", " ").replace("┃", " ").split()
    assert words <= set(flat)


def test_a_quote_left_open_mid_file_is_reported_at_the_quote(tmp_path: Path) -> None:
    """The parser gives up pages later ("did not find expected key"); the report names the
    line where the quoted value that ran on started."""
    from helpers import DEFAULT_SET

    shutil.copytree(DEFAULT_SET, tmp_path / "big")
    path = tmp_path / "big" / "timeline.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    at = next(n for n, line in enumerate(lines) if line.startswith("    title: "))
    lines[at] = '    title: "' + lines[at].removeprefix("    title: ")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run_cli("validate", str(tmp_path / "big"))
    assert result.returncode == 1
    assert f"timeline.yaml:{at + 1}:12: is not valid YAML" in result.stdout
    assert f"quoted value started at {at + 1}:12" in result.stdout


def test_completion_leaves_out_set_names_a_shell_would_expand(tmp_path: Path) -> None:
    shutil.copytree(MINI, tmp_path / "$(touch pwned)")
    shutil.copytree(MINI, tmp_path / "plain-name")
    script = run_cli("completion", "bash", env={"KZBRIEF_PATH": str(tmp_path)}).stdout
    assert "plain-name" in script and "pwned" not in script
