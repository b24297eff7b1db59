"""`kzbrief export --format md`: structure as a Markdown renderer sees it, and text kept literal.

The Markdown is parsed with markdown-it-py (CommonMark with GitHub's tables and
strikethrough, raw HTML allowed so that any HTML leaking from briefing text shows up
as an html token) and checked token by token.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from export_helpers import HOSTILE_CASES, WEB_PAYLOAD, folded, hostile_case, load, web_hostile_set
from helpers import MINI, ROOT, run_cli
from markdown_it import MarkdownIt
from markdown_it.token import Token

from kzbrief.model import PLACES, Quote
from kzbrief.render.markdown import markdown
from kzbrief.render.mdtext import md, md_link
from kzbrief.scope import Scope
from kzbrief.text import place_words

REAL = ROOT / "briefings" / "kazakhstan-russia"
PARSER = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


def tokens(text: str) -> list[Token]:
    return PARSER.parse(text)


def plain(inline: Token) -> str:
    """What a reader sees of an inline token: its text, without the markup around it."""
    return "".join(c.content for c in inline.children or [] if c.type in ("text", "code_inline"))


def all_children(toks: list[Token]) -> list[Token]:
    return [c for t in toks for c in (t.children or [])]


def headings(toks: list[Token]) -> list[tuple[str, str]]:
    return [(t.tag, plain(toks[i + 1])) for i, t in enumerate(toks) if t.type == "heading_open"]


def tables(toks: list[Token]) -> list[list[list[str]]]:
    """Each table as rows of cell texts, the header row first."""
    found: list[list[list[str]]] = []
    for i, t in enumerate(toks):
        if t.type == "table_open":
            found.append([])
        elif t.type == "tr_open":
            found[-1].append([])
        elif t.type == "inline" and toks[i - 1].type in ("th_open", "td_open"):
            found[-1][-1].append(plain(t))
    return found


def blockquotes(toks: list[Token]) -> list[str]:
    """The text of every blockquote, its lines joined by ' / '."""
    out, depth, parts = [], 0, []
    for t in toks:
        if t.type == "blockquote_open":
            depth, parts = depth + 1, []
        elif t.type == "blockquote_close":
            depth -= 1
            out.append(" / ".join(parts))
        elif depth and t.type == "inline":
            lines = []
            for child in t.children or []:
                if child.type == "hardbreak":
                    lines.append("")
                elif child.type == "text":
                    lines[-1:] = [(lines[-1] if lines else "") + child.content]
            parts.append(" / ".join(lines))
    return out


# -- escaping ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "# not a heading",
        "> not a quote",
        "- not a list",
        "+ not a list",
        "1. not a list",
        "7) not a list",
        "=== not an underline",
        "    not code",
        "***",
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "a & b &amp; &#60;",
        "[Click](javascript:alert(1)) ![i](https://evil.example/i.png)",
        "**b** _i_ `c` ~~s~~ $x$",
        "a | b | c",
        "<https://evil.example> https://evil.example www.evil.example",
        "ends in a backslash\\",
        "first line\n# second line\n> third\n- fourth",
    ],
)
def test_briefing_text_renders_as_the_words_it_is(text: str) -> None:
    toks = tokens(md(text))
    assert [t.type for t in toks] == ["paragraph_open", "inline", "paragraph_close"]
    assert [c.type for c in toks[1].children or []] == ["text"]
    assert plain(toks[1]) == folded(text)


def test_only_web_addresses_become_links() -> None:
    link = all_children(tokens(md_link('https://example.org/a b"<x>(y)')))
    assert link[0].type == "link_open"
    assert link[0].attrs["href"] == "https://example.org/a%20b%22%3Cx%3E%28y%29"
    for url in ("javascript:alert(1)", "data:text/html,x", "https:no-host", "//evil.example"):
        assert [c.type for c in all_children(tokens(md_link(url)))] == ["text"]


def test_planted_markup_stays_text_in_every_field(tmp_path: Path) -> None:
    root, fields = web_hostile_set(tmp_path)
    text = markdown(load(root), Scope())
    toks = tokens(text)
    kinds = {c.type for c in all_children(toks)} | {t.type for t in toks}
    assert not kinds & {"html_block", "html_inline", "image", "code_block", "fence", "s_open"}
    assert not any(c.type == "link_open" for c in all_children(toks)), "no address is http(s)"
    seen = "\n".join(plain(t) for t in toks if t.type == "inline")
    for n in range(1, fields + 1):
        assert folded(WEB_PAYLOAD.format(n=n)) in seen, f"field {n} was not kept literally"
    # The planted "# H1" and "> quote1" are text: the only headings and quotes are the export's.
    assert all(not h.startswith("H") for _, h in headings(toks))


@pytest.mark.parametrize("case", HOSTILE_CASES)
def test_the_hostile_corpus_stays_literal(tmp_path: Path, case: str) -> None:
    bset = load(hostile_case(tmp_path, case))
    toks = tokens(markdown(bset, Scope()))
    seen = "\n".join(plain(t) for t in toks if t.type == "inline")
    assert folded(bset.briefing.title) in seen and folded(bset.briefing.scope) in seen
    for topic in bset.topics:
        assert folded(topic.title) in seen
    kinds = {c.type for c in all_children(toks)}
    assert not kinds & {"html_inline", "image", "code_inline"}
    links = {c.attrs["href"] for c in all_children(toks) if c.type == "link_open"}
    assert links <= {"https://example.org/alpha"}, "only a source's own address is a link"


# -- structure ----------------------------------------------------------------------


def test_the_neutrality_point_is_a_table_with_every_source_on_its_place() -> None:
    bset = load(REAL)
    point = next(c for c in bset.contested if c.id == "neutrality")
    toks = tokens(markdown(bset, Scope(sections=("compare",), point="neutrality")))
    heads = headings(toks)
    assert heads[0] == ("h1", bset.briefing.title)
    assert ("h3", point.question) in heads
    labels = {s.id: s.label for s in bset.sources}
    [axis] = [t for t in tables(toks) if t[0] == [place_words(p, point.axis) for p in PLACES]]
    for position in point.positions:
        cell = axis[1][PLACES.index(position.stance or "")]
        assert labels[position.source] in cell.split(" · ")
        assert ("h4", f"{labels[position.source]}: {position.label}") in heads
    quotes = blockquotes(toks)
    for quote in (q for p in point.positions for q in p.quotes):
        assert f"“{folded(quote.quote)}” / — {labels[quote.source]}" in quotes
    assert len(quotes) == sum(len(p.quotes) for p in point.positions)
    # Five long positions are stacked, not squeezed into a table.
    assert len(tables(toks)) == 1
    assert ("h2", "Sources cited") in heads
    for position in point.positions:
        assert ("h3", labels[position.source]) in heads


def test_few_short_positions_sit_side_by_side_in_a_table() -> None:
    toks = tokens(markdown(load(MINI), Scope(sections=("compare",), point="neutrality")))
    side = [t for t in tables(toks) if t[0][0] == ""]
    assert side == [
        [
            ["", "Alpha", "Beta"],
            ["Position", "Balancing", "Aligned"],
            ["Place", "Balancing", "Aligned with Moscow"],
            ["Summary", "Neither client nor enemy.", "Neutrality is impossible."],
        ]
    ]


def test_the_whole_set_has_a_heading_per_section_and_full_references() -> None:
    bset = load(MINI)
    toks = tokens(markdown(bset, Scope()))
    heads = headings(toks)
    h2 = [text for tag, text in heads if tag == "h2"]
    assert h2 == [
        "Bottom line",
        "Topics",
        "Timeline",
        "Framing",
        "Contested points",
        "Figures",
        "Sources",
        "Glossary",
    ]
    seen = "\n".join(plain(t) for t in toks if t.type == "inline")
    assert "No events" not in seen and "No framing" not in seen and "No figures" not in seen
    # Sources once each, with how each value is known.
    assert [text for tag, text in heads if tag == "h3" and text in ("Alpha", "Beta")] == [
        "Alpha",
        "Beta",
    ]
    assert "c. 2023 (inferred: Mentions 2022 trade figures as past.)" in seen
    assert "not stated" in seen
    links = [c for c in all_children(toks) if c.type == "link_open"]
    assert [c.attrs["href"] for c in links] == ["https://example.org/alpha"]
    assert "Gives a different trade figure from Alpha for the same year." in seen  # a slip


def test_a_quote_shows_its_place_given_or_its_locator() -> None:
    bset = load(MINI)
    event = next(e for e in bset.events if e.quotes)
    quote = event.quotes[0]
    placed = markdown(
        bset, Scope(sections=("timeline",)), places={(quote.source, quote.quote): "Alpha ¶12"}
    )
    assert f"“{folded(quote.quote)}” / — Alpha, Alpha ¶12" in blockquotes(tokens(placed))
    located = Quote(source=quote.source, quote=quote.quote, locator="para 4")
    from kzbrief.scope import Selected, select

    chosen: Selected = select(bset, Scope())
    assert chosen.place(located) == "para 4"
    assert chosen.place(quote) == ""


def test_a_source_filter_and_a_topic_are_the_readers(tmp_path: Path) -> None:
    bset = load(MINI)
    text = markdown(bset, Scope(hidden=frozenset({"beta"}), topic="economy"))
    toks = tokens(text)
    seen = "\n".join(plain(t) for t in toks if t.type == "inline")
    assert "Topic: Economy" in seen and "not shown: Beta" in seen
    assert ("h3", "How large was trade in 2022?") in headings(toks)
    assert ("h3", "Is the republic neutral?") not in headings(toks)
    assert "Beta" not in [text for _, text in headings(toks)]
    assert not any(q.endswith("— Beta") for q in blockquotes(toks))


# -- the command ------------------------------------------------------------------------


def test_export_md_writes_stdout_or_a_file(tmp_path: Path) -> None:
    B = ("--briefing", str(MINI))
    shown = run_cli(*B, "export", "--format", "md", "--point", "neutrality", "--source", "alpha")
    assert shown.returncode == 0, shown.stderr
    assert "*1 position from sources not shown.*" in shown.stdout
    assert "— Beta" not in shown.stdout
    target = tmp_path / "b.md"
    written = run_cli(*B, "export", "--format", "md", "-o", str(target))
    assert written.returncode == 0 and written.stdout == ""
    assert target.read_text(encoding="utf-8").startswith("# Mini briefing\n")


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("--format", "md", "--topic", "nope"), "no topic 'nope'"),
        (("--format", "md", "--point", "nope"), "no contested point 'nope'"),
        (("--format", "html", "--source", "nope"), "no source 'nope'"),
        (("--format", "json", "--topic", "economy"), "apply to --format md and html"),
    ],
)
def test_export_usage_errors_are_one_line_and_exit_2(args: tuple[str, ...], says: str) -> None:
    result = run_cli("--briefing", str(MINI), "export", *args)
    assert result.returncode == 2 and result.stdout == ""
    assert says in result.stderr.splitlines()[0]


def test_judgements_are_tagged_and_unknown_claim_fields_shown_not_dropped() -> None:
    """A judgement reads as the briefing's, as in the reader and the CLI; a newer model's
    extra field on a claim is shown rather than silently dropped."""
    import msgspec

    from kzbrief.model import Claim

    class NewerClaim(Claim, frozen=True, kw_only=True):
        confidence: str = ""

    bset = load(MINI)
    claims = [
        NewerClaim(text="Alpha and Beta differ.", sources=["alpha"], basis="judgement"),
        NewerClaim(
            text="Alpha reports trade.", sources=["alpha"], basis="reported", confidence="low"
        ),
    ]
    briefing = msgspec.structs.replace(bset.briefing, bottom_line=claims)
    newer = msgspec.structs.replace(bset, briefing=briefing)
    text = markdown(newer, Scope(sections=("overview",)))
    assert "- **Judgement:** Alpha and Beta differ. — *Alpha*" in text
    assert "- Alpha reports trade. — *Alpha* (confidence: low)" in text
    from kzbrief.render.html import html_page

    page = html_page(newer, Scope(sections=("overview",)))
    assert '<strong class="judgement">Judgement:</strong> Alpha and Beta differ.' in page
    assert 'Alpha reports trade. <span class="muted">(confidence: low)</span>' in page


def test_the_exports_need_neither_rich_nor_textual() -> None:
    import subprocess
    import sys

    code = (
        "import sys, kzbrief.render.export as e, kzbrief.render.markdown, kzbrief.render.html; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('rich', 'textual')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
