"""`kzbrief lint`: each rule finds its planted mistake at its line; explain, ignore, JSON."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import msgspec
import pytest
from helpers import DEFAULT_SET, MINI, ROOT, run_cli, run_on_terminal

from kzbrief.lint import RULES, lint
from kzbrief.load import load_set
from kzbrief.model import BriefingSet, Claim, Contested, Position, Quote

PLANTED = ROOT / "tests" / "fixtures" / "lint-planted"
_MARK = re.compile(r"#\s*planted:\s*([a-z-]+)")
# `basis` is being added to Claim by another change; until then no YAML can mark a claim
# as reported, and this rule is tested on a claim built in Python (below).


def _planted() -> list[tuple[str, str, int]]:
    """(rule, file name, line) of every `# planted: RULE` mark in the fixture."""
    marks = []
    for file in sorted(PLANTED.glob("*.yaml")):
        for number, line in enumerate(file.read_text().splitlines(), 1):
            if m := _MARK.search(line):
                marks.append((m.group(1), file.name, number))
    return marks


def _findings(result_stdout: str) -> list[list[str]]:
    header, *lines = result_stdout.splitlines()
    assert header == "place\tseverity\trule\tat\tmessage"
    return [line.split("\t") for line in lines]


def test_every_rule_is_planted_once_and_reported_at_its_line() -> None:
    planted = _planted()
    assert sorted(rule for rule, _, _ in planted) == sorted(RULES)
    result = run_cli("lint", str(PLANTED))
    assert result.returncode == 1, result.stderr
    found = _findings(result.stdout)
    for rule, name, line in planted:
        at = f"{PLANTED / name}:{line}:"
        hits = [f for f in found if f[0].startswith(at) and f[2] == rule]
        assert hits, f"{rule} not reported at {name}:{line}:\n{result.stdout}"
    # Nothing but the planted mistakes: one finding per mark.
    assert len(found) == len(planted)
    assert result.stderr == "5 error(s), 6 warning(s), 1 switched off\n"  # not a record


def test_json_parses_and_counts_what_the_lines_list() -> None:
    result = run_cli("lint", str(PLANTED), "--json")
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert (data["errors"], data["warnings"], data["ignored"]) == (5, 6, 1)
    first = data["findings"][0]
    assert set(first) == {"rule", "severity", "file", "line", "col", "at", "message"}
    assert first["rule"] == "names-unlisted-source" and first["line"] == 12
    assert first["at"] == "bottom-line/1"


def test_the_default_set_lints_clean_and_each_ignore_names_its_item() -> None:
    # Issue 16: no errors, and every warning left is switched off with its reason.
    result = run_cli("lint", str(DEFAULT_SET), "--json")
    assert result.returncode == 0, result.stdout
    data = json.loads(result.stdout)
    assert (data["errors"], data["warnings"], data["findings"]) == (0, 0, [])
    bset = load_set(DEFAULT_SET, use_cache=False).whole()
    assert bset is not None and bset.briefing.lint is not None
    ignores = bset.briefing.lint.ignore
    assert data["ignored"] >= len(ignores) > 0
    # Each is for one item, not the whole set, and gives its own reason.
    assert all(ignore.at for ignore in ignores)
    reasons = [ignore.reason.strip() for ignore in ignores]
    assert len(set(reasons)) == len(reasons)


def test_a_clean_set_exits_0() -> None:
    # mini has one warning (trade-size has a single position) and no error
    result = run_cli("lint", str(MINI))
    assert result.returncode == 0, result.stdout
    assert "\tno-disagreement\tcontested/trade-size\t" in result.stdout


@pytest.mark.parametrize("rule", sorted(RULES))
def test_explain_says_what_why_and_how_to_switch_off(rule: str) -> None:
    result = run_cli("lint", "--explain", rule)
    assert result.returncode == 0, result.stderr
    first = result.stdout.splitlines()[0]
    assert first.startswith(f"{rule} ({RULES[rule].severity}): ")
    assert "Fix:" in result.stdout and f"- rule: {rule}" in result.stdout


def test_explain_lists_rules_and_rejects_unknown_ones() -> None:
    listed = run_cli("lint", "--explain")
    assert [line.split("\t")[0] for line in listed.stdout.splitlines()] == list(RULES)
    unknown = run_cli("lint", "--explain", "no-such-rule")
    assert unknown.returncode == 2 and "no rule 'no-such-rule'" in unknown.stderr


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "set"
    shutil.copytree(PLANTED, target)
    return target


def test_an_ignore_switches_a_finding_off_only_where_it_says(tmp_path: Path) -> None:
    target = _copy(tmp_path)
    briefing = target / "briefing.yaml"
    # Without the ignore, the claim it excuses is reported.
    text = briefing.read_text()
    entry = text[text.index("      - rule: single-source-unsaid") :]
    briefing.write_text(text.replace(entry, ""))
    found = _findings(run_cli("lint", str(target)).stdout)
    assert ["single-source-unsaid", "topics/foreign-policy/summary/1"] in [f[2:4] for f in found]
    # With no `at`, it switches the rule off everywhere: both claims.
    briefing.write_text(
        text.replace(entry, "      - rule: single-source-unsaid\n        reason: Tested.\n")
    )
    result = run_cli("lint", str(target))
    assert "single-source-unsaid" not in result.stdout
    assert result.stderr.endswith("2 switched off\n")


def test_an_ignore_without_a_reason_is_a_located_error(tmp_path: Path) -> None:
    target = _copy(tmp_path)
    briefing = target / "briefing.yaml"
    text = briefing.read_text()
    reason = (
        "        reason: The republic's own statement, which the claim attributes in other words.\n"
    )
    assert reason in text
    briefing.write_text(text.replace(reason, ""))
    entry = text.splitlines().index("      - rule: single-source-unsaid") + 1
    result = run_cli("lint", str(target))
    assert result.returncode == 1
    assert f"{briefing}:{entry}:9: briefing.lint.ignore[1]:" in result.stderr
    assert "reason" in result.stderr


def test_an_ignore_for_an_unknown_rule_is_reported(tmp_path: Path) -> None:
    target = _copy(tmp_path)
    briefing = target / "briefing.yaml"
    briefing.write_text(briefing.read_text().replace("rule: no-disagreement", "rule: no-such"))
    found = _findings(run_cli("lint", str(target)).stdout)
    assert any(f[2] == "unused-ignore" and "no rule is called 'no-such'" in f[4] for f in found)


def test_terminal_output_is_laid_out_with_locations() -> None:
    shown = run_on_terminal("lint", str(PLANTED))
    plain = re.sub(r"\x1b\[[0-9;]*m", "", shown)
    assert f"{PLANTED / 'briefing.yaml'}:12:13: error: the claim names 'beta'" in plain
    assert "5 error(s), 6 warning(s), 1 switched off" in plain


# Rules checked on sets built in Python ------------------------------------------------


def _mini() -> BriefingSet:
    bset = load_set(MINI, use_cache=False).whole()
    assert bset is not None
    return bset


def test_estimative_words_in_a_reported_claim() -> None:
    bset = _mini()
    claims = [
        Claim(
            text="Trade probably grew, which suggests balancing.",
            basis="reported",
            sources=["alpha"],
        ),
        Claim(text="Alpha reports trade grew.", basis="reported", sources=["alpha"]),
        Claim(text="Trade likely grew.", sources=["alpha"], basis="judgement"),
    ]
    briefing = msgspec.structs.replace(bset.briefing, bottom_line=claims)
    found = lint(msgspec.structs.replace(bset, briefing=briefing)).findings
    hits = [f for f in found if f.rule == "estimative-in-reporting"]
    assert [(f.path, f.at) for f in hits] == [
        (("briefing", "bottom_line", 0, "text"), "bottom-line/0")
    ]
    assert "probably, suggests" in hits[0].message


def test_hedged_quotes_at_an_axis_end_but_not_the_month_of_may() -> None:
    bset = _mini()

    def point(quote: str, stance: str = "left") -> Contested:
        position = Position(
            source="alpha",
            label="x",
            stance=stance,  # type: ignore[arg-type]
            summary="x",
            quotes=[Quote(source="alpha", quote=quote)],
        )
        return msgspec.structs.replace(bset.contested[0], positions=[position])

    def hedged(p: Contested) -> list[str]:
        found = lint(msgspec.structs.replace(bset, contested=[p])).findings
        return [f.message for f in found if f.rule == "hedged-at-extreme"]

    assert hedged(point("it might yet be balancing")) == [
        "placed at the left end, but its quotes hedge (might)"
    ]
    assert hedged(point("whether it lasts remains to be seen")) != []
    assert hedged(point("it might yet be balancing", stance="leans-left")) == []
    assert hedged(point("In May 2022 it was balancing")) == []


def test_sources_are_named_by_id_or_label_as_whole_words_in_any_case() -> None:
    bset = _mini()
    beta = msgspec.structs.replace(bset.sources[1], label="Under strain?")
    texts = {
        "BETA's figure differs.": ["beta"],
        "As under strain argues, it differs.": ["beta"],  # no '?' needed
        "The alphabet and beta-blockers differ.": [],  # not whole words
        "Under stress, it differs.": [],
    }
    for text, named in texts.items():
        claim = Claim(text=text, basis="reported", sources=["alpha"])
        briefing = msgspec.structs.replace(bset.briefing, bottom_line=[claim])
        new = msgspec.structs.replace(bset, briefing=briefing, sources=[bset.sources[0], beta])
        found = [f for f in lint(new).findings if f.rule == "names-unlisted-source"]
        assert [f.message.split("'")[1] for f in found] == named, text


def test_estimative_words_a_claim_quotes_from_its_source_are_reporting() -> None:
    bset = _mini()
    texts = {
        'Alpha says growth is "likely to be much greater" than shown.': [],
        "Alpha says growth is “probably larger” than shown.": [],
        'Alpha says "growth" is likely larger.': ["bottom-line/0"],
    }
    for text, flagged in texts.items():
        claim = Claim(text=text, basis="reported", sources=["alpha"])
        briefing = msgspec.structs.replace(bset.briefing, bottom_line=[claim])
        found = lint(msgspec.structs.replace(bset, briefing=briefing)).findings
        assert [f.at for f in found if f.rule == "estimative-in-reporting"] == flagged, text


@pytest.mark.parametrize(
    ("title", "hedges"),
    [
        ("Is the relationship under strain?", True),
        ("Relations After the Invasion: Reaching a Turning Point ?", True),
        ("Relations since 2022: New opportunities in a changing climate?", True),
        ("Where Does Kazakhstan Stand on Russia’s Invasion of Ukraine?", False),
        ("Relations after the invasion: how far will Astana go?", False),
        ("Kazakhstan struggles to maintain relations", False),
    ],
)
def test_only_a_yes_no_or_verbless_question_title_hedges(title: str, hedges: bool) -> None:
    bset = _mini()
    position = Position(
        source="alpha",
        label="x",
        stance="left",
        summary="x",
        quotes=[Quote(source="alpha", quote="it is balancing")],
    )
    point = msgspec.structs.replace(bset.contested[0], positions=[position])
    alpha = msgspec.structs.replace(bset.sources[0], title=title)
    new = msgspec.structs.replace(bset, contested=[point], sources=[alpha, *bset.sources[1:]])
    found = [f.message for f in lint(new).findings if f.rule == "hedged-at-extreme"]
    assert found == (
        ["placed at the left end, but its source's title is a yes/no question"] if hedges else []
    )
