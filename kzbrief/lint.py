"""Check a briefing set against analytic standards (ICD 203): one small function per rule.

Each rule yields `Finding`s that name the file kind and the path of the value in that
file, so the CLI can locate them (`FILE:LINE:COL`) as it does for `verify`; `at` names
the item the way a `lint: ignore:` entry in briefing.yaml refers to it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import Literal, NamedTuple

from kzbrief.model import (
    PLACES,
    Attested,
    Claim,
    Contested,
    LintIgnore,
    Position,
    SetParts,
    Status,
)
from kzbrief.quotes import normalise

Severity = Literal["error", "warning"]
Path = tuple[str | int, ...]


class Finding(NamedTuple):
    rule: str
    severity: Severity
    kind: str
    """The file kind, e.g. "contested" for contested.yaml."""
    path: Path
    """Where in that file, e.g. ("contested", 0, "positions", 1, "stance")."""
    at: str
    """The item, as an ignore's `at` names it, e.g. "contested/neutrality/positions/alpha"."""
    message: str


class Rule(NamedTuple):
    id: str
    severity: Severity
    summary: str
    explanation: str
    check: Callable[[SetParts], Iterable[Finding]]


class Report(NamedTuple):
    findings: list[Finding]
    """What is left after the set's ignores."""
    ignored: int
    """How many findings the set switched off."""


RULES: dict[str, Rule] = {}


def _rule(
    rule_id: str, severity: Severity, summary: str, explanation: str
) -> Callable[[Callable[[SetParts], Iterable[Finding]]], Callable[[SetParts], Iterable[Finding]]]:
    def register(
        check: Callable[[SetParts], Iterable[Finding]],
    ) -> Callable[[SetParts], Iterable[Finding]]:
        RULES[rule_id] = Rule(rule_id, severity, summary, explanation.strip(), check)
        return check

    return register


def _finding(rule_id: str, kind: str, path: Path, at: str, message: str) -> Finding:
    return Finding(rule_id, RULES[rule_id].severity, kind, path, at, message)


# Shared readings of the set ---------------------------------------------------------


_WORD = re.compile(r"[\w-]+")
"""A whole word: a name matches only whole words, so 'beta' is not found in 'alphabeta'
or 'beta-blocker'."""


def _words(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(text.casefold()))


class _Names:
    """Which sources a text names: an id or label as whole words, in any case (a label's
    trailing '?' is not needed, as a text naming 'Under strain?' rarely repeats it).

    Names are looked up by a text's words, so a text is read once however many sources
    there are (a regular expression per source took a minute and a half on 500).
    """

    def __init__(self, bset: SetParts) -> None:
        self._order = {s.id: i for i, s in enumerate(bset.sources)}
        # first word -> (the name's words, the source) for every name starting with it
        self._by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for source in bset.sources:
            for name in {_words(source.id), _words(source.label)}:
                if name:
                    self._by_first.setdefault(name[0], []).append((name, source.id))

    def __call__(self, text: str) -> list[str]:
        """The ids of the sources `text` names, in source-file order."""
        words = _words(text)
        found = {
            source
            for i, word in enumerate(words)
            for name, source in self._by_first.get(word, ())
            if words[i : i + len(name)] == name
        }
        return sorted(found, key=self._order.__getitem__)


def _claims(bset: SetParts) -> Iterator[tuple[str, Path, str, Claim]]:
    """Every claim: (file kind, path, item, claim), bottom line first."""
    for i, claim in enumerate(bset.briefing.bottom_line):
        yield "briefing", ("briefing", "bottom_line", i), f"bottom-line/{i}", claim
    for t, topic in enumerate(bset.topics):
        for i, claim in enumerate(topic.summary):
            yield "topics", ("topics", t, "summary", i), f"topics/{topic.id}/summary/{i}", claim


def _side(stance: str | None) -> int:
    """-1 for the left half of an axis, 1 for the right, 0 for the centre or no place."""
    if stance in ("left", "leans-left"):
        return -1
    if stance in ("right", "leans-right"):
        return 1
    return 0


def _point_sources(point: Contested) -> set[str]:
    return {p.source for p in point.positions} | {
        q.source for p in point.positions for q in p.quotes
    }


# Rules ---------------------------------------------------------------------------------


@_rule(
    "names-unlisted-source",
    "error",
    "a text names a source it does not list or quote",
    """
A claim, a contested point's why-they-differ, or a measure's note names a source (by
its id or label, as whole words, in any case) that the claim does not list in its
`sources`, or that none of the point's positions or the measure's figures comes from.
The reader is told a source says something the briefing does not show it saying
(ICD 203: properly describe the quality and reliability of sources).
Fix: add the source to the claim's `sources` (if it does rest on it), or reword.
""",
)
def names_unlisted_source(bset: SetParts) -> Iterator[Finding]:
    rule = "names-unlisted-source"
    named = _Names(bset)
    for kind, path, at, claim in _claims(bset):
        for source in named(claim.text):
            if source not in claim.sources:
                message = f"the claim names {source!r} but its sources are {claim.sources}"
                yield _finding(rule, kind, (*path, "text"), at, message)
    for i, point in enumerate(bset.contested):
        listed = _point_sources(point)
        for source in named(point.why_they_differ):
            if source not in listed:
                message = f"why-they-differ names {source!r}, which has no position on this point"
                path = ("contested", i, "why_they_differ")
                yield _finding(rule, "contested", path, f"contested/{point.id}", message)
    giving: dict[str, set[str]] = {}  # measure key -> the sources giving a figure for it
    for figure in bset.figures:
        giving.setdefault(figure.key, set()).add(figure.source)
    for i, measure in enumerate(bset.measures):
        listed = giving.get(measure.key, set())
        for source in named(measure.note):
            if source not in listed:
                message = f"the note names {source!r}, which gives no figure for this measure"
                path = ("measures", i, "note")
                yield _finding(rule, "figures", path, f"measures/{measure.key}", message)


@_rule(
    "single-source-unsaid",
    "warning",
    "a claim rests on one source without saying so",
    """
A bottom-line or topic claim lists a single source but its text names no source, so it
reads as the briefing's own finding rather than one document's account (ICD 203:
distinguish underlying information from the analyst's judgement).
Fix: name the source in the text ("Orozova argues ..."), or add the other sources it
rests on.
""",
)
def single_source_unsaid(bset: SetParts) -> Iterator[Finding]:
    named = _Names(bset)
    for kind, path, at, claim in _claims(bset):
        if len(set(claim.sources)) == 1 and not named(claim.text):
            message = f"rests on {claim.sources[0]!r} alone, and the text names no source"
            yield _finding("single-source-unsaid", kind, (*path, "text"), at, message)


@_rule(
    "missing-quote",
    "error",
    "a position, frame or stance without a quote",
    """
Every position on a contested point, every frame and every topic stance is a reading of a
document, and must be pinned to its words so a reader can check it.
Fix: add the quote that shows it (verbatim: `kzbrief verify` checks), or drop the item.
""",
)
def missing_quote(bset: SetParts) -> Iterator[Finding]:
    rule = "missing-quote"
    for i, point in enumerate(bset.contested):
        for j, position in enumerate(point.positions):
            if not position.quotes:
                at = f"contested/{point.id}/positions/{position.source}"
                yield _finding(rule, "contested", ("contested", i, "positions", j), at, "no quote")
    for i, framing in enumerate(bset.framing):
        for j, frame in enumerate(framing.frames):
            if not frame.quotes:
                path = ("framing", i, "frames", j)
                message = f"frame {frame.name!r} has no quote"
                at = f"framing/{framing.source}/frames/{j}"
                yield _finding(rule, "framing", path, at, message)
        for j, stance in enumerate(framing.stances):
            if not stance.quotes:
                path = ("framing", i, "stances", j)
                at = f"framing/{framing.source}/stances/{stance.topic}"
                yield _finding(rule, "framing", path, at, f"the {stance.topic} stance has no quote")


@_rule(
    "quote-both-sides",
    "error",
    "one quote supports positions on opposite sides of an axis",
    """
The same words appear under a position on the left half of a contested point's axis and
under one on the right half. One passage cannot support both readings; at least one
placement misreads it (ICD 203: logical argumentation).
Fix: find the words that support each position, or move one of them.
""",
)
def quote_both_sides(bset: SetParts) -> Iterator[Finding]:
    for i, point in enumerate(bset.contested):
        seen: dict[str, Position] = {}  # quote -> the first position it is under
        for j, position in enumerate(point.positions):
            side = _side(position.stance)
            if side == 0:
                continue
            for k, quote in enumerate(position.quotes):
                earlier = seen.setdefault(normalise(quote.quote), position)
                if _side(earlier.stance) == -side:
                    message = (
                        f"the same words support {earlier.source}'s position ({earlier.stance}),"
                        f" on the other side of the axis from {position.source}'s"
                        f" ({position.stance})"
                    )
                    path = ("contested", i, "positions", j, "quotes", k, "quote")
                    at = f"contested/{point.id}/positions/{position.source}"
                    yield _finding("quote-both-sides", "contested", path, at, message)


@_rule(
    "no-disagreement",
    "warning",
    "a contested point whose positions do not differ",
    """
Every position on the point takes the same place on its axis (or there is only one
position), so nothing is contested there.
Fix: add the sources that disagree, correct a placement, or present the point as a topic
claim instead.
""",
)
def no_disagreement(bset: SetParts) -> Iterator[Finding]:
    for i, point in enumerate(bset.contested):
        stances = {p.stance for p in point.positions}
        if len(stances) <= 1:
            where = next(iter(stances)) or "no place"
            count = len(point.positions)
            message = f"all {count} position(s) take the same place ({where}) on the axis"
            path = ("contested", i, "positions")
            yield _finding("no-disagreement", "contested", path, f"contested/{point.id}", message)


@_rule(
    "unreached-pole",
    "warning",
    "an axis end no position comes near",
    """
No position is placed at or next to one end of the point's axis (that is, no stance within
one step of it), so the pole names a view none of the sources holds, and the axis
overstates the spread of opinion.
Fix: name the pole after the furthest view a source does hold, or correct a placement.
(A point where all positions agree is reported by no-disagreement instead.)
""",
)
def unreached_pole(bset: SetParts) -> Iterator[Finding]:
    for i, point in enumerate(bset.contested):
        stances = {p.stance for p in point.positions}
        if len(stances) <= 1:
            continue
        for end, near in (("left", PLACES[:2]), ("right", PLACES[-2:])):
            if not stances & set(near):
                pole = getattr(point.axis, end)
                message = f"no position is at or next to the {end} pole, {pole!r}"
                path = ("contested", i, "axis", end)
                at = f"contested/{point.id}"
                yield _finding("unreached-pole", "contested", path, at, message)


_HEDGE = re.compile(
    r"(?<![\w-])(?:may|(?i:might|could|perhaps|possibly|remains? to be seen))(?![\w-])"
)
"""'may' only in lower case: 'May' is more often the month."""


_WH = frozenset({"who", "whom", "whose", "what", "which", "where", "when", "why", "how"})
_CLOSING = "\"'”’ "


def _hedging_title(title: str) -> bool:
    """Whether a title asks a yes/no or verbless question ("Under strain?", "Reaching a
    Turning Point ?"), which leaves the document's claim open. A wh-question ("Where does
    Kazakhstan stand ...?") names the question the document answers, and hedges nothing.
    The question is the title's last part after a colon, if it has one."""
    title = title.strip().rstrip(_CLOSING)
    if not title.endswith("?"):
        return False
    words = _words(title.rsplit(":", 1)[-1])
    return not words or words[0] not in _WH


@_rule(
    "hedged-at-extreme",
    "warning",
    "hedged words under a position placed at an axis end",
    """
A position sits at an end of its axis (left or right) while its quotes hedge ("may",
"might", "could", "perhaps", "possibly", "remains to be seen"), or its source's title is a
yes/no or verbless question ("Under strain?", "Reaching a Turning Point ?"), which leaves
the document's claim open. A wh-question title ("Where does Kazakhstan stand ...?") names
the question the document answers and is not a hedge. A source that only raises a
possibility does not hold the extreme view (ICD 203: properly express uncertainties).
Fix: move the position a step towards the centre, or quote words that commit to the view.
""",
)
def hedged_at_extreme(bset: SetParts) -> Iterator[Finding]:
    questions = {s.id for s in bset.sources if _hedging_title(s.title)}
    for i, point in enumerate(bset.contested):
        for j, position in enumerate(point.positions):
            if position.stance not in ("left", "right"):
                continue
            hedges = sorted(
                {m.group(0).lower() for q in position.quotes for m in _HEDGE.finditer(q.quote)}
            )
            reasons = [f"its quotes hedge ({', '.join(hedges)})"] if hedges else []
            if position.source in questions:
                reasons.append("its source's title is a yes/no question")
            if reasons:
                message = f"placed at the {position.stance} end, but " + " and ".join(reasons)
                path = ("contested", i, "positions", j, "stance")
                at = f"contested/{point.id}/positions/{position.source}"
                yield _finding("hedged-at-extreme", "contested", path, at, message)


_ESTIMATIVE = re.compile(
    r"(?<![\w-])(?:(?:un)?likely|probabl[ey]|suggest(?:s|ed)?|impl(?:y|ies|ied)|appear(?:s|ed)?)"
    r"(?![\w-])",
    re.IGNORECASE,
)
_QUOTED = re.compile(r'"[^"]*"|“[^”]*”')
"""Words in double quotation marks: a source's own words, which a claim reports. Single
quotes are left alone, as an apostrophe would open one."""


@_rule(
    "estimative-in-reporting",
    "warning",
    "estimative words in a claim marked as reporting",
    """
A claim whose `basis` is `reported` (what the sources say) uses estimative words
("likely", "probably", "suggests", "implies", "appears"), which belong to judgements. The
reader cannot tell whether the sources or the analyst made the estimate (ICD 203:
distinguish underlying information from the analyst's assumptions and judgements).
Words inside double quotation marks are not counted: quoting a source's own estimate
("likely to be much greater") reports it.
Fix: mark the claim `basis: judgement`, or report what the source says in its terms
(quoting its estimative words).
""",
)
def estimative_in_reporting(bset: SetParts) -> Iterator[Finding]:
    for kind, path, at, claim in _claims(bset):
        if claim.basis != "reported":
            continue
        own = _QUOTED.sub('""', claim.text)
        words = sorted({m.group(0).lower() for m in _ESTIMATIVE.finditer(own)})
        if words:
            message = f"marked as reported, but uses estimative words: {', '.join(words)}"
            yield _finding("estimative-in-reporting", kind, (*path, "text"), at, message)


@_rule(
    "inferred-without-reason",
    "error",
    "an inferred date or value without its reason",
    """
A source's author, outlet, date or URL is marked `inferred` with no `reason`. An inferred
value is the analyst's judgement, and the reader must be able to see what it rests on.
Fix: add `reason:` (e.g. "cites a 2023 report, so written after it"), or mark the value
`not-stated`.
""",
)
def inferred_without_reason(bset: SetParts) -> Iterator[Finding]:
    for i, source in enumerate(bset.sources):
        for name in ("author", "outlet", "date", "url"):
            value: Attested = getattr(source, name)
            if value.status is Status.INFERRED and not value.reason.strip():
                message = f"the {name} {value.value!r} is inferred but gives no reason"
                path = ("sources", i, name)
                at = f"sources/{source.id}/{name}"
                yield _finding("inferred-without-reason", "sources", path, at, message)


_YEAR = re.compile(r"(?<!\d)(?:1[89]|20)\d\d(?!\d)")


@_rule(
    "figure-without-period",
    "error",
    "a figure whose period names no year",
    """
A figure's `period` names no year (e.g. "March 11", "mid-March") and does not say why, so
the reader cannot tell when the value held.
Fix: give the year ("March 11, 2022"); when the document does not state it, say so and
why in brackets ("March 11 (year not stated; 2022 inferred from the citation date)").
""",
)
def figure_without_period(bset: SetParts) -> Iterator[Finding]:
    for i, figure in enumerate(bset.figures):
        period = figure.period
        if not _YEAR.search(period) and "(" not in period:
            message = f"the period {period!r} names no year, nor why it gives none"
            path = ("figures", i, "period")
            at = f"figures/{figure.id}"
            yield _finding("figure-without-period", "figures", path, at, message)


@_rule(
    "unused-ignore",
    "warning",
    "a lint ignore in briefing.yaml that matches nothing",
    """
An entry under `lint: ignore:` in briefing.yaml names a rule and item that no finding has,
or a rule that does not exist: the mistake it excused has been fixed or moved, or the
entry is misspelt.
Fix: delete the entry, or correct its `rule` or `at` (`kzbrief lint` prints both).
""",
)
def _no_check(bset: SetParts) -> Iterator[Finding]:
    """Reported by `lint` itself, which alone knows which ignores matched."""
    return iter(())


# Running the rules ----------------------------------------------------------------------


def _matches(ignore: LintIgnore, finding: Finding) -> bool:
    return ignore.rule == finding.rule and ignore.at in ("", finding.at)


def lint(bset: SetParts) -> Report:
    """Every finding of every rule, less those the set's `lint: ignore:` switches off."""
    found = [finding for rule in RULES.values() for finding in rule.check(bset)]
    settings = bset.briefing.lint
    ignores = settings.ignore if settings is not None else []
    used = [False] * len(ignores)
    kept: list[Finding] = []
    for finding in found:
        hits = [i for i, ignore in enumerate(ignores) if _matches(ignore, finding)]
        for i in hits:
            used[i] = True
        if not hits:
            kept.append(finding)
    for i, ignore in enumerate(ignores):
        if not used[i]:
            if ignore.rule not in RULES:
                message = f"no rule is called {ignore.rule!r} (see 'kzbrief lint --explain')"
            else:
                where = f" at {ignore.at!r}" if ignore.at else ""
                message = f"switches off {ignore.rule}{where}, which finds nothing there"
            path = ("briefing", "lint", "ignore", i)
            kept.append(_finding("unused-ignore", "briefing", path, f"lint/ignore/{i}", message))
    return Report(kept, len(found) - (len(kept) - used.count(False)))


def explain(rule_id: str) -> str:
    """What a rule checks, why, how to fix it, and how to switch it off."""
    rule = RULES[rule_id]
    return (
        f"{rule.id} ({rule.severity}): {rule.summary}\n\n{rule.explanation}\n\n"
        "To switch it off for one item, with the reason, in briefing.yaml:\n"
        "  briefing:\n"
        "    lint:\n"
        "      ignore:\n"
        f"        - rule: {rule.id}\n"
        "          at: ITEM      # as `kzbrief lint` names it; omit for the whole set\n"
        "          reason: why the finding does not apply\n"
    )
