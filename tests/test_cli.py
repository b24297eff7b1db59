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
    assert lines[0].startswith("kind\tid\ttext\tbasis\tsources\tdate\t")
    assert lines[1].startswith("title\tmini\tMini briefing\t")
    rows = [line.split("\t") for line in lines]
    assert {len(row) for row in rows} == {len(rows[0])}  # one shape, one record a line
    claim = ["bottom-line", "", "Alpha sees balancing; Beta sees alignment.", "reported"]
    assert [*claim, "alpha,beta"] in [row[:5] for row in rows]
    topic = next(row for row in rows if row[:2] == ["topic", "foreign-policy"])
    assert topic[-3:] == ["2", "1", "1"]  # counts as numbers, no words inside
    assert "\x1b" not in result.stdout and result.stderr == ""


def test_summary_for_one_topic() -> None:
    result = run_cli(*B, "summary", "--topic", "economy")
    assert (
        "topic-claim\teconomy\tBoth give 2022 trade figures that differ.\tjudgement\talpha,beta\t"
        in result.stdout
    )
    assert "contested\ttrade-size" in result.stdout and "contested\tneutrality" not in result.stdout


def test_timeline_filters_by_source_topic_and_dates() -> None:
    header, *everything = run_cli(*B, "timeline").stdout.splitlines()
    assert header == "date\tid\ttitle\tsources"
    assert [line.split("\t")[1] for line in everything] == [
        "independence",
        "troops-2022",
        "trade-2022",  # 2022~, known to the year only: after the dated events of 2022
    ]
    assert [
        line.split("\t")[1]
        for line in run_cli(*B, "timeline", "--source", "beta").stdout.splitlines()[1:]
    ] == [
        "troops-2022",
        "trade-2022",
    ]
    assert run_cli(*B, "timeline", "--topic", "economy").stdout.count("\n") == 2
    ranged = run_cli(*B, "timeline", "--from", "2000", "--to", "2022-01").stdout
    assert "independence" not in ranged and "troops-2022" in ranged
    full = run_cli(*B, "timeline", "--full", "--topic", "economy").stdout.splitlines()
    assert full[0].endswith("\tsummary\tnote\tquote_sources\tquotes") and len(full) == 2
    assert "\talpha | beta\tTrade grew to 26 billion dollars in 2022. | " in full[1]


def test_compare_lists_points_and_shows_positions() -> None:
    listed = run_cli(*B, "compare").stdout
    assert "id\tpositions\tquestion\nneutrality\t2\tIs the republic neutral?\n" in listed
    header, *shown = run_cli(*B, "compare", "neutrality").stdout.splitlines()
    assert header.startswith("point\tsource\tstance\tlabel\tsummary\tquotes\t")
    assert len(shown) == 2  # one position a line
    assert shown[0].startswith("neutrality\talpha\tleft\tBalancing\tNeither client nor enemy.")
    assert "\tNeutrality is impossible.\t" in shown[1]
    assert "\tAlpha is an analysis;" in shown[1]


def test_compare_says_plainly_when_a_source_takes_no_position() -> None:
    shown = run_cli(*B, "compare", "trade-size").stdout.splitlines()
    assert shown[1].startswith("trade-size\talpha\t\t26 billion\tGives 26 billion.")
    on_terminal = _unstyled(run_on_terminal(*B, "compare", "trade-size"))
    assert "takes no position" in on_terminal
    assert "Judgement: Different bases." in on_terminal


def test_summary_tags_judgements_on_a_terminal() -> None:
    shown = _unstyled(run_on_terminal(*B, "summary", "--topic", "economy"))
    assert "Judgement: Both give 2022 trade figures that differ." in shown
    plain = _unstyled(run_on_terminal(*B, "summary", "--topic", "foreign-policy"))
    assert "Judgement" not in plain.split("Sources")[0]


def test_sources_show_not_stated_and_inferred() -> None:
    header, alpha, beta = (line.split("\t") for line in run_cli(*B, "sources").stdout.splitlines())
    assert header[:6] == ["id", "label", "date", "date_status", "date_reason", "genre"]
    assert alpha[2:5] == ["2023~", "inferred", "Mentions 2022 trade figures as past."]
    assert beta[2:4] == ["2022-03-01", "stated"]
    shown = _unstyled(run_on_terminal(*B, "sources"))
    assert "c. 2023 (inferred: Mentions 2022 trade figures as past.)" in shown
    assert "not stated" in shown


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
    assert "1 problem(s)" in result.stdout  # one typo, one error
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
    assert "\ntitle\tmini\tMini briefing\t" in result.stdout


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
    assert result.stdout.startswith("date\tid\ttitle\tsources\tsummary\t")
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
