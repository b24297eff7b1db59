"""Documents: read once and safely, every quote placed by the one matcher, coverage counted."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from helpers import DEFAULT_SET, MINI, MINI_DOCS, ROOT, SEEDS, run_cli
from hypothesis import given
from hypothesis import strategies as st

from kzbrief import places as places_module
from kzbrief.coverage import coverage
from kzbrief.documents import Document, read_documents
from kzbrief.load import load_set
from kzbrief.model import BriefingSet
from kzbrief.places import (
    NOT_IN_DOCUMENT,
    Place,
    Quoted,
    add_places,
    locate,
    locate_in_steps,
    places,
)
from kzbrief.quotes import Folded, match, normalise
from kzbrief.verify import quotes_with_paths, verify


def _load(root: Path) -> BriefingSet:
    bset = load_set(root, use_cache=False).whole()
    assert isinstance(bset, BriefingSet)
    return bset


@pytest.fixture
def mini() -> BriefingSet:
    return _load(MINI)


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    """A writable copy of the mini fixture's documents."""
    return Path(shutil.copytree(MINI_DOCS, tmp_path / "docs"))


def test_folded_text_maps_back_to_the_documents_own_characters() -> None:
    original = "He  said\n\u201chello   world\u201d  now"
    folded = Folded(original)
    assert folded.text == normalise(original)
    spans = match('said "hello world" ... now', folded.text)
    assert spans is not None and len(spans) == 2
    back = [original[folded.original_offset(a) : folded.original_offset(b)] for a, b in spans]
    assert back == ["said\n\u201chello   world\u201d", "now"]
    assert match("said hello", folded.text) is None


@given(st.text(alphabet=st.sampled_from("ab \n\t\u00a0\u201c\u2019."), max_size=40))
def test_folding_keeps_a_way_back_for_every_character(original: str) -> None:
    folded = Folded(original)
    assert folded.text == normalise(original)
    marked = original.translate(str.maketrans("\u00a0\u201c\u2019", " \"'"))
    for at, char in enumerate(folded.text):
        if char != " ":
            assert marked[folded.original_offset(at)] == char


def test_paragraphs_are_runs_of_lines_between_blank_lines() -> None:
    document = Document("x.txt", "Title\n\n  \nOne\ntwo\n\r\nThree\n")
    assert [(p.number, p.line) for p in document.paragraphs] == [(1, 1), (2, 4), (3, 7)]
    assert document.text[document.paragraphs[1].start : document.paragraphs[1].end] == "One\ntwo"
    assert document.paragraph_at(document.text.index("two")) == document.paragraphs[1]
    assert document.paragraph_at(document.text.index("\n\r\n")) is None
    assert document.line_col(document.text.index("two")) == (5, 1)


def test_every_mini_quote_has_its_place(mini: BriefingSet) -> None:
    located = locate(mini, read_documents(mini, MINI_DOCS))
    assert located.unplaced == {}
    assert located.place("alpha", "The republic declared independence in 1991") == Place(
        "alpha.txt", 3, 1, 2
    )
    # Typographic marks and an omission: still placed, at the first segment.
    assert located.place("alpha", 'has pursued a "multi-vector" foreign policy') == Place(
        "alpha.txt", 3, 48, 2
    )
    trade = located.passages[("beta", "Trade reached ... 2022")]
    assert len(trade.spans) == 2
    # Every item citing the words is listed, once each.
    kinds = sorted(c.kind for c in located.passages[("beta", "Neutrality is impossible.")].citers)
    assert kinds == ["contested"]
    figure_and_note = {c.kind for c in located.passages[("beta", trade.quote)].citers}
    assert figure_and_note == {"event"}
    cited = located.passages[("beta", "Trade reached 24 billion dollars in 2022")].citers
    assert {c.kind for c in cited} == {"figure", "source"}
    by_key = places(mini, read_documents(mini, MINI_DOCS))
    assert by_key[("alpha", "it is balancing")].paragraph == 2
    assert places(mini, MINI_DOCS) == by_key  # a folder does as well


def test_a_missing_document_is_one_problem_not_one_per_quote(mini: BriefingSet, docs: Path) -> None:
    (docs / "beta.txt").unlink()
    read = read_documents(mini, docs)
    assert list(read.problems) == ["beta.txt"]
    assert read.problems["beta.txt"].endswith("beta.txt: not found")
    result = verify(mini, docs)
    assert result.misses == []
    [unreadable] = result.unreadable
    assert unreadable.document == "beta.txt" and unreadable.quotes == 7
    out = run_cli("--briefing", str(MINI), "verify", "--sources", str(docs))
    assert out.returncode == 1
    assert out.stdout.count("beta.txt") == 1, out.stdout
    assert "beta.txt: not found (7 quotes not checked)" in out.stdout.splitlines()[0]


@pytest.mark.parametrize(
    ("damage", "expected"),
    [
        (lambda text: text.encode("utf-16"), "alpha.txt: is UTF-16; save it as UTF-8"),
        (lambda text: text.encode() + b"\xff", "alpha.txt: is not valid UTF-8 (byte 0xff at 6:1)"),
        (
            lambda text: b"Alpha\n\nThe r\xe9public",
            "alpha.txt: is not valid UTF-8 (byte 0xe9 at 3:6)",
        ),
    ],
)
def test_an_undecodable_document_is_named_once_with_where(
    mini: BriefingSet, docs: Path, damage: object, expected: str
) -> None:
    assert callable(damage)
    path = docs / "alpha.txt"
    path.write_bytes(damage(path.read_text(encoding="utf-8")))
    out = run_cli("--briefing", str(MINI), "verify", "--sources", str(docs))
    assert out.returncode == 1
    first = out.stdout.splitlines()[0]
    assert expected in first and "not found" not in first, out.stdout
    assert out.stdout.count("alpha.txt") == 1
    located = locate(mini, read_documents(mini, docs))
    assert {u.document for u in located.unplaced.values()} == {"alpha.txt"}
    assert all(expected in u.reason for u in located.unplaced.values())


def test_a_fifo_or_a_huge_document_is_refused_without_blocking(
    mini: BriefingSet, docs: Path
) -> None:
    (docs / "alpha.txt").unlink()
    os.mkfifo(docs / "alpha.txt")
    with open(docs / "beta.txt", "ab") as handle:
        handle.truncate(17 * 1024 * 1024)
    read = read_documents(mini, docs)
    assert "is not a regular file" in read.problems["alpha.txt"]
    assert "the limit is" in read.problems["beta.txt"]


def test_a_document_changed_since_the_briefing_flags_its_quote(
    mini: BriefingSet, docs: Path
) -> None:
    beta = docs / "beta.txt"
    beta.write_text(beta.read_text(encoding="utf-8").replace("is impossible", "is hard"))
    located = locate(mini, read_documents(mini, docs))
    gone = located.unplaced[("beta", "Neutrality is impossible.")]
    assert gone.reason == NOT_IN_DOCUMENT and gone.citers[0].key == "neutrality"
    assert located.changed_in("beta.txt") == [gone]
    out = run_cli("--briefing", str(MINI), "verify", "--sources", str(docs))
    assert out.returncode == 1 and "not found verbatim" in out.stdout


def test_coverage_counts_cited_paragraphs_and_words(mini: BriefingSet) -> None:
    items = coverage(mini, locate(mini, read_documents(mini, MINI_DOCS)))
    alpha = next(c for c in items if c.document == "alpha.txt")
    assert (alpha.paragraphs, alpha.cited_paragraphs) == (2, 1)
    [uncited] = alpha.uncited
    assert (uncited.paragraph, uncited.line, uncited.first_words) == (
        1,
        1,
        "Alpha Report on the Steppe",
    )
    assert alpha.words == 54 and 0 < alpha.cited_words < alpha.words


def test_export_adds_a_place_to_every_quote_object(mini: BriefingSet) -> None:
    data = add_places(mini, locate(mini, read_documents(mini, MINI_DOCS)))
    quotes = [q for e in data["events"] for q in e["quotes"]] + data["figures"]
    assert quotes and all(q["place"]["document"].endswith(".txt") for q in quotes)
    assert data["events"][0]["quotes"][0]["place"] == {
        "document": "alpha.txt", "line": 3, "column": 1, "paragraph": 2,
    }  # fmt: skip


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed documents are not beside the project")
def test_the_default_set_places_every_quote_in_its_five_documents() -> None:
    bset = _load(DEFAULT_SET)
    located = locate(bset, read_documents(bset, SEEDS))
    assert located.documents.problems == {} and located.unplaced == {}
    items = coverage(bset, located)
    assert len(items) == 5 and all(0 < c.cited_paragraphs <= c.paragraphs for c in items)


@pytest.mark.parametrize("root", [MINI, DEFAULT_SET], ids=["mini", "default"])
def test_quotes_are_gathered_as_the_generic_walk_finds_them(root: Path) -> None:
    """`Quoted` reads quotes only where the model keeps them; the generic walk over every
    field (what `verify` uses) must find the same quotes, in the same order, cited by the
    same items."""
    bset = _load(root)
    walked: dict[tuple[str, str], list[tuple[str, str]]] = {}
    kinds = {"events": "event", "contested": "contested", "framing": "framing",
             "figures": "figure", "sources": "source"}  # fmt: skip
    for _kind, path, source, quote in quotes_with_paths(bset):
        field, index = path[0], path[1]
        assert isinstance(field, str) and isinstance(index, int)
        item = getattr(bset, field)[index]
        citer = (kinds[field], item.source if field == "framing" else item.id)
        found = walked.setdefault((source, quote), [])
        found += [] if citer in found else [citer]
    quoted = Quoted(bset)
    assert list(quoted.citers) == list(walked)
    gathered = {key: [(c.kind, c.key) for c in citers] for key, citers in quoted.citers.items()}
    assert {k: sorted(set(v)) for k, v in gathered.items()} == {
        k: sorted(v) for k, v in walked.items()
    }


def test_locating_a_document_at_a_time_ends_where_locate_does(
    mini: BriefingSet, docs: Path
) -> None:
    beta = docs / "beta.txt"
    beta.write_text(beta.read_text(encoding="utf-8").replace("is impossible", "is hard"))
    read = read_documents(mini, docs)
    wanted: list[str] = []
    steps = locate_in_steps(mini, read, lambda: wanted)
    nothing, first = next(steps), next(steps)
    assert nothing.pending == first.pending == {"alpha.txt", "beta.txt"}
    assert nothing.passages == first.passages == first.unplaced == {}
    wanted.append("beta.txt")  # the reader asks for a document: it is placed next
    second = next(steps)
    assert second.pending == {"alpha.txt"}
    assert {p.document for p in second.passages.values()} == {"beta.txt"}
    assert second.changed_in("beta.txt") == locate(mini, read).changed_in("beta.txt")
    *_, last = steps
    whole = locate(mini, read)
    assert last.pending == frozenset()
    assert list(last.passages.items()) == list(whole.passages.items())
    assert list(last.unplaced.items()) == list(whole.unplaced.items())


def test_a_missing_document_is_not_pending(mini: BriefingSet, docs: Path) -> None:
    (docs / "beta.txt").unlink()
    (docs / "alpha.txt").rename(docs / "gone.txt")
    [only] = locate_in_steps(mini, read_documents(mini, docs))  # nothing to place
    assert only == locate(mini, read_documents(mini, docs))
    (docs / "gone.txt").rename(docs / "alpha.txt")
    steps = locate_in_steps(mini, read_documents(mini, docs))
    next(steps)  # nothing read yet
    first = next(steps)
    assert first.pending == {"alpha.txt"}
    assert {u.document for u in first.unplaced.values()} == {"beta.txt"}


def test_the_same_words_in_the_same_document_are_searched_for_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A set three times as large (each source copied, each copy quoting the same
    document) costs no more searches than the set itself."""
    import subprocess
    import sys

    out = tmp_path / "x3"
    synth = [sys.executable, str(ROOT / "benchmarks" / "synth.py"), "--scale", "3"]
    done = subprocess.run(
        [*synth, "--out", str(out), "--from", str(MINI)], capture_output=True, text=True,
        timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    searched: list[str] = []

    def counted(quote: str, document: str) -> list[tuple[int, int]] | None:
        searched.append(quote)
        return match(quote, document)

    monkeypatch.setattr(places_module, "match", counted)
    bset = _load(out)
    read = read_documents(bset, MINI_DOCS)
    located = locate(bset, read)
    distinct = {(p.document, p.quote) for p in located.passages.values()}
    assert len(located.passages) == 3 * len(distinct)
    assert sorted(searched) == sorted(q for _, q in distinct)
    assert locate(bset, read) == located and len(searched) == len(distinct)  # remembered
