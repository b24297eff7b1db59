"""The built-in Kazakhstan–Russia set keeps the promises its issue made."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from helpers import DEFAULT_SET, SEEDS

from kzbrief.load import load_set
from kzbrief.model import PLACES, BriefingSet, Status
from kzbrief.verify import quotes_with_paths, verify


@pytest.fixture(scope="module")
def bset() -> BriefingSet:
    loaded = load_set(DEFAULT_SET, use_cache=False)
    assert loaded.ok, "\n".join(map(str, loaded.problems))
    assert loaded.briefing is not None
    return loaded.briefing


def test_five_sources_one_per_document(bset: BriefingSet) -> None:
    assert len(bset.sources) == 5
    assert sorted(s.document for s in bset.sources) == sorted(
        f"{n:03d}_{h}.txt"
        for n, h in enumerate(
            [
                "41b1a8785d9427fa",
                "2430754713510b96",
                "92e236af8cdf1f10",
                "2337f891552eef76",
                "5a6a985fcc5413ad",
            ]
        )
    )
    for source in bset.sources:
        for value in (source.author, source.outlet, source.date, source.url):
            if value.status is Status.INFERRED:
                assert value.reason, f"{source.id}: an inferred value must say why"
            if value.status is not Status.NOT_STATED:
                assert value.value


def test_depth(bset: BriefingSet) -> None:
    assert len(bset.topics) >= 8
    assert len(bset.contested) >= 10
    assert {"neutrality", "sanctions-evasion"} <= {c.id for c in bset.contested}
    distinct = {quote for _, _, _, quote in quotes_with_paths(bset)}
    assert len(distinct) > 150
    per_source = Counter(p.source for c in bset.contested for p in c.positions)
    assert all(per_source[s.id] >= 3 for s in bset.sources), per_source
    assert len(bset.briefing.bottom_line) >= 3
    assert all(claim.sources for topic in bset.topics for claim in topic.summary)


def test_every_framing_and_topic_is_covered(bset: BriefingSet) -> None:
    assert {f.source for f in bset.framing} == {s.id for s in bset.sources}
    used = {t for e in bset.events for t in e.topics} | {
        t for c in bset.contested for t in c.topics
    }
    assert used == {t.id for t in bset.topics}


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed documents are not beside the project")
def test_every_quote_is_verbatim(bset: BriefingSet) -> None:
    result = verify(bset, SEEDS)
    assert result.checked > 500
    assert result.misses == []


def test_every_claim_says_whether_it_reports_or_judges(bset: BriefingSet) -> None:
    """ICD 203: reporting kept apart from judgement, and every judgement shows what it rests on."""
    ids = {s.id for s in bset.sources}
    claims = [*bset.briefing.bottom_line, *(c for t in bset.topics for c in t.summary)]
    assert {c.basis for c in claims} == {"reported", "judgement"}
    for claim in claims:
        assert claim.sources and set(claim.sources) <= ids, claim.text
        if claim.basis == "reported":
            # Reporting names whom it reports: every source it rests on appears in its words.
            missing = [s for s in claim.sources if s not in claim.text]
            assert not missing, f"reported claim does not name {missing}: {claim.text}"


HEDGES = re.compile(
    r"\b(may|might|appears?|seems?|remains to be seen|perhaps|likely|allegedly|possibly|could)\b|\?",
    re.IGNORECASE,
)


def test_no_hedged_words_sit_at_an_axis_end(bset: BriefingSet) -> None:
    """A source placed at a pole must say so plainly; hedged words belong nearer the centre."""
    for point in bset.contested:
        for pos in point.positions:
            if pos.stance in ("left", "right"):
                for text in (pos.label, pos.summary, *(q.quote for q in pos.quotes)):
                    hedge = HEDGES.search(text)
                    assert hedge is None, f"{point.id}/{pos.source} at {pos.stance}: {text!r}"


def test_every_contested_point_is_contested(bset: BriefingSet) -> None:
    """At least two sources on opposite sides of the centre, each with its own words."""
    for point in bset.contested:
        sides = {
            "left" if PLACES.index(p.stance) < 2 else "right"
            for p in point.positions
            if p.stance is not None and p.stance != "centre"
        }
        assert sides == {"left", "right"}, point.id
        for pos in point.positions:
            assert any(q.source == pos.source for q in pos.quotes), f"{point.id}/{pos.source}"


def test_the_disagreements_the_documents_contain_are_presented(bset: BriefingSet) -> None:
    ids = {c.id for c in bset.contested}
    assert {
        "leadership-outspokenness",
        "pressure-source",
        "policy-before-2022",
        "state-and-society",
        "naming-the-war",
    } <= ids
