"""The command line, run as a user runs it: a subprocess with stdout piped."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import MINI, MINI_DOCS, ROOT, run_cli, run_on_terminal

B = ("--briefing", str(MINI))


def _unstyled(shown: str) -> str:
    """What a person reads: the terminal output without its SGR colour codes."""
    return re.sub(r"\x1b\[[0-9;]*m", "", shown)


def test_summary_is_plain_tab_separated_when_piped() -> None:
    result = run_cli(*B, "summary")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "title\tMini briefing"
    assert (
        "bottom-line\treported\tAlpha sees balancing; Beta sees alignment.\tsources: alpha, beta"
        in lines
    )
    assert "\x1b" not in result.stdout and result.stderr == ""


def test_summary_for_one_topic() -> None:
    result = run_cli(*B, "summary", "--topic", "economy")
    assert (
        "topic economy\tjudgement\tBoth give 2022 trade figures that differ.\tsources: alpha, beta"
        in result.stdout
    )
    assert "contested\ttrade-size" in result.stdout and "contested\tneutrality" not in result.stdout


def test_timeline_filters_by_source_topic_and_dates() -> None:
    everything = run_cli(*B, "timeline").stdout.splitlines()
    assert [line.split("\t")[1] for line in everything] == [
        "independence",
        "troops-2022",
        "trade-2022",  # 2022~, known to the year only: after the dated events of 2022
    ]
    assert [
        line.split("\t")[1]
        for line in run_cli(*B, "timeline", "--source", "beta").stdout.splitlines()
    ] == [
        "troops-2022",
        "trade-2022",
    ]
    assert run_cli(*B, "timeline", "--topic", "economy").stdout.count("\n") == 1
    ranged = run_cli(*B, "timeline", "--from", "2000", "--to", "2022-01").stdout
    assert "independence" not in ranged and "troops-2022" in ranged
    full = run_cli(*B, "timeline", "--full", "--topic", "economy").stdout
    assert "\talpha\tTrade grew to 26 billion dollars in 2022." in full


def test_compare_lists_points_and_shows_positions() -> None:
    listed = run_cli(*B, "compare").stdout
    assert "neutrality\tIs the republic neutral?\t2 positions" in listed
    shown = run_cli(*B, "compare", "neutrality").stdout.splitlines()
    assert "neutrality\talpha\tleft\tBalancing\tNeither client nor enemy." in shown
    assert "neutrality\tbeta\tquote\tNeutrality is impossible." in shown
    assert "neutrality\twhy-they-differ\tjudgement\tAlpha is an analysis;" in "\n".join(shown)


def test_compare_says_plainly_when_a_source_takes_no_position() -> None:
    shown = run_cli(*B, "compare", "trade-size").stdout.splitlines()
    assert "trade-size\talpha\ttakes no position\t26 billion\tGives 26 billion." in shown
    on_terminal = _unstyled(run_on_terminal(*B, "compare", "trade-size"))
    assert "takes no position" in on_terminal
    assert "Judgement: Different bases." in on_terminal


def test_summary_tags_judgements_on_a_terminal() -> None:
    shown = _unstyled(run_on_terminal(*B, "summary", "--topic", "economy"))
    assert "Judgement: Both give 2022 trade figures that differ." in shown
    plain = _unstyled(run_on_terminal(*B, "summary", "--topic", "foreign-policy"))
    assert "Judgement" not in plain.split("Sources")[0]


def test_sources_show_not_stated_and_inferred() -> None:
    out = run_cli(*B, "sources").stdout
    assert "c. 2023 (inferred: Mentions 2022 trade figures as past.)" in out
    assert "not stated" in out


def test_topics_have_counts() -> None:
    assert "foreign-policy\tForeign policy\t2\t1\t1" in run_cli(*B, "topics").stdout


def test_export_json_contract(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    result = run_cli(*B, "export", "--format", "json", "-o", str(target))
    assert result.returncode == 0, result.stderr
    data = json.loads(target.read_text())
    assert list(data)[:8] == [
        "briefing",
        "sources",
        "topics",
        "events",
        "framing",
        "contested",
        "measures",
        "figures",
    ]
    assert "glossary" in data
    source = data["sources"][0]
    assert {"id", "label", "title", "author", "outlet", "url", "date", "document"} <= set(source)
    assert source["author"] == {"status": "not-stated"}
    assert data["events"][0]["date"] == "1991"
    position = data["contested"][0]["positions"][0]
    assert {"source", "stance", "label", "summary", "quotes"} <= set(position)
    assert json.loads(run_cli(*B, "export").stdout) == data


def test_schema_prints_json_schema() -> None:
    one = json.loads(run_cli("schema", "timeline").stdout)
    assert one["$defs"]["Event"]["additionalProperties"] is False
    every = json.loads(run_cli("schema").stdout)
    assert set(every) == {
        "briefing",
        "sources",
        "topics",
        "timeline",
        "framing",
        "contested",
        "figures",
        "glossary",
    }


def test_validate_reports_all_problems_and_exits_1(mini_copy: Path) -> None:
    text = (mini_copy / "sources.yaml").read_text().replace("  title: Beta", "  tittle: Beta")
    (mini_copy / "sources.yaml").write_text(text)
    result = run_cli("validate", str(mini_copy))
    assert result.returncode == 1
    assert "sources.yaml:" in result.stdout and "unknown key 'tittle'" in result.stdout
    assert "2 problem(s)" in result.stdout
    assert "Traceback" not in result.stderr
    # Every other command refuses a broken set with the same located messages on stderr.
    summary = run_cli("--briefing", str(mini_copy), "summary")
    assert summary.returncode == 1 and "unknown key 'tittle'" in summary.stderr


def test_validate_ok() -> None:
    result = run_cli("validate", str(MINI))
    assert result.returncode == 0 and result.stdout.startswith("ok: ")


def test_verify_finds_misquotes_with_file_and_line(mini_copy: Path) -> None:
    assert run_cli("--briefing", str(MINI), "verify", "--sources", str(MINI_DOCS)).returncode == 0
    text = (
        (mini_copy / "timeline.yaml")
        .read_text()
        .replace("declared independence in 1991", "declared independence in 1992")
    )
    (mini_copy / "timeline.yaml").write_text(text)
    result = run_cli("--briefing", str(mini_copy), "verify", "--sources", str(MINI_DOCS))
    assert result.returncode == 1
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "in 1992" in row)
    assert (
        f"timeline.yaml:{line}:" in result.stdout
        and "not found verbatim in alpha's document" in result.stdout
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("timeline", "--topic", "nope"), "no topic 'nope' (known: foreign-policy, economy)"),
        (("timeline", "--from", "2022-13"), "bad date '2022-13'"),
        (("compare", "nope"), "no contested point 'nope'"),
        (("frobnicate",), "invalid choice"),
        (("verify", "--sources", "/nonexistent"), "is not a folder"),
    ],
)
def test_usage_errors_exit_2_in_one_line(args: tuple[str, ...], message: str) -> None:
    result = run_cli(*B, *args)
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr


def test_unknown_briefing_names_the_built_in_sets() -> None:
    result = run_cli("--briefing", "nope", "summary")
    assert result.returncode == 2 and "built-in: kazakhstan-russia" in result.stderr


def test_environment_chooses_the_briefing() -> None:
    result = run_cli("summary", env={"KZBRIEF_BRIEFING": str(MINI)})
    assert result.stdout.startswith("title\tMini briefing")


def test_reader_refuses_a_pipe() -> None:
    result = run_cli(*B)
    assert result.returncode == 2 and "kzbrief summary" in result.stderr


def test_version_and_help() -> None:
    assert run_cli("--version").stdout.startswith("kzbrief ")
    help_text = run_cli("--help").stdout
    assert "examples:" in help_text and "kzbrief compare neutrality" in help_text


def test_broken_pipe_ends_quietly() -> None:
    command = f"{sys.executable} -m kzbrief --briefing {MINI} timeline --full | head -1"
    result = subprocess.run(
        ["bash", "-o", "pipefail", "-c", command], capture_output=True, text=True, timeout=20
    )
    assert result.stdout.startswith("1991\tindependence")
    assert result.stderr == "" and result.returncode == 0


def test_rich_output_on_a_terminal_keeps_text_literal(mini_copy: Path) -> None:
    """On a terminal Rich is used, but briefing text is never markup."""
    text = (
        (mini_copy / "topics.yaml")
        .read_text()
        .replace(
            "title: Foreign policy", "title: '[bold]x[/] :smile: [link=https://e.invalid]y[/link]'"
        )
    )
    (mini_copy / "topics.yaml").write_text(text)
    shown = run_on_terminal("--briefing", str(mini_copy), "summary", "--topic", "foreign-policy")
    assert "[bold]x[/] :smile: [link=https://e.invalid]y[/link]" in shown
    assert "\x1b]8;" not in shown  # no hyperlink escape from data
    assert "Bottom line" not in shown and "Topic: Foreign policy" not in shown


def test_cli_never_imports_textual() -> None:
    code = (
        "import sys, runpy; sys.argv=['kzbrief','--briefing',%r,'summary'];"
        "from kzbrief.cli import main; main();"
        "import kzbrief.render.summary, kzbrief.render.timeline, kzbrief.render.compare, kzbrief.render.tables;"
        "assert not [m for m in sys.modules if m.split('.')[0] == 'textual'], 'textual imported'"
    ).replace("%r", repr(str(MINI)))
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=20
    )
    assert result.returncode == 0, result.stderr
