"""`kzbrief export --format html`: one page that loads nothing, shows text literally, and is
readable, checked as parsed markup, for contrast, and (test_export_browser.py) in a browser."""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

import pytest
from export_helpers import (
    HOSTILE_CASES,
    WEB_PAYLOAD,
    WEB_SHORT,
    Page,
    assert_loads_nothing,
    csp,
    folded,
    hostile_case,
    load,
    web_hostile_set,
)
from helpers import MINI, ROOT, run_cli

from kzbrief.colours import INK, PALETTE
from kzbrief.model import PLACES
from kzbrief.render.html import BACKGROUNDS, TEXT_COLOURS, THEMES, html_page, link
from kzbrief.scope import Scope
from kzbrief.text import place_words

REAL = ROOT / "briefings" / "kazakhstan-russia"


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


# -- the page's contract ------------------------------------------------------------


def test_the_page_is_self_contained_with_a_strict_policy() -> None:
    page = Page(html_page(load(MINI), Scope()))
    policy = csp(page)
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["default-src"] == "'none'"
    [style], [script] = page.all("style"), page.all("script")
    assert directives["style-src"] == sha256("".join(style.text))
    assert directives["script-src"] == sha256("".join(script.text))
    for kind in ("img-src", "connect-src", "font-src", "base-uri", "form-action"):
        assert directives[kind] == "'none'"
    assert "unsafe" not in policy and "http" not in policy
    assert_loads_nothing(page)
    assert [a.attrs["href"] for a in page.all("a") if not a.attrs["href"].startswith("#")] == [
        "https://example.org/alpha"
    ]


def test_the_page_is_semantic_markup() -> None:
    page = Page(html_page(load(REAL), Scope()))
    tags = [e.tag for e in page.elements]
    for landmark in ("header", "nav", "main", "footer"):
        assert tags.count(landmark) == 1, landmark
    assert page.all("html")[0].attrs["lang"] == "en"
    assert len(page.all("h1")) == 1 and page.all("title")
    for quote in page.all("blockquote"):
        assert quote.parents[-1] == "figure"
    figures = [f for f in page.all("figure") if "quote" in f.attrs.get("class", "")]
    assert len(figures) == len(page.all("blockquote")) == len(page.all("cite"))
    assert page.all("table") and all(th.attrs.get("scope") == "col" for th in page.all("th"))
    # Every section is named by its heading, and every id is unique.
    ids = [e.attrs["id"] for e in page.elements if "id" in e.attrs]
    assert len(ids) == len(set(ids))
    for section in page.all("section"):
        assert section.attrs["aria-labelledby"] in ids
    # The filters are a form the script reveals; without it nothing is hidden.
    [form] = [f for f in page.all("form") if f.attrs.get("id") == "filters"]
    assert "hidden" in form.attrs
    assert not [e for e in page.elements if "hidden" in e.attrs and e is not form]


def test_the_neutrality_point_is_drawn_as_the_reader_draws_it() -> None:
    bset = load(REAL)
    point = next(c for c in bset.contested if c.id == "neutrality")
    page = Page(html_page(bset, Scope(sections=("compare",), point="neutrality")))
    labels = {s.id: s.label for s in bset.sources}
    places = [e for e in page.all("li") if "place" in e.attrs.get("class", "").split()]
    assert len(places) == len(PLACES)
    for element, place in zip(places, PLACES, strict=True):
        assert folded("".join(element.text)).startswith(place_words(place, point.axis))
    for position in point.positions:
        [column] = [
            e
            for e in page.all("section")
            if e.attrs.get("data-source") == position.source and "position" in e.attrs["class"]
        ]
        text = folded("".join(column.text))
        assert text.startswith(f"{labels[position.source]} {position.label}")
        assert folded(position.summary) in text
        assert labels[position.source] in "".join(places[PLACES.index(position.stance)].text)
    assert point.question in page.text and folded(point.why_they_differ) in page.text


def test_planted_markup_shows_as_text(tmp_path: Path) -> None:
    root, fields = web_hostile_set(tmp_path)
    source = html_page(load(root), Scope())
    page = Page(source)
    assert_loads_nothing(page)
    assert len(page.all("script")) == 1 and len(page.all("style")) == 1
    assert not page.all("img") and not page.all("b") and not page.all("i")
    for n in range(1, fields + 1):
        assert folded(WEB_PAYLOAD.format(n=n)) in page.text, f"field {n} was not kept literally"
    assert WEB_SHORT.format(n=1) in page.text and WEB_SHORT.format(n=2) in page.text
    assert "&lt;script&gt;document.body" in source


@pytest.mark.parametrize("case", HOSTILE_CASES)
def test_the_hostile_corpus_stays_literal(tmp_path: Path, case: str) -> None:
    bset = load(hostile_case(tmp_path, case))
    page = Page(html_page(bset, Scope()))
    assert_loads_nothing(page)
    assert folded(bset.briefing.title) in page.text and folded(bset.briefing.scope) in page.text
    assert all(folded(t.title) in page.text for t in bset.topics)
    assert not page.all("b")


def test_only_web_addresses_become_links() -> None:
    made = Page(link('https://example.org/a"onmouseover="x<b>')).all("a")
    assert [a.attrs for a in made] == [
        {"href": 'https://example.org/a"onmouseover="x<b>', "rel": "noopener noreferrer"}
    ]
    for url in ("javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,x", "//evil.x"):
        assert not Page(link(url)).all("a")


# -- colour ------------------------------------------------------------------------------


def _luminance(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio."""
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_meets_wcag_aa_in_light_and_dark() -> None:
    assert contrast("#ffffff", "#000000") == pytest.approx(21)
    for name, theme in THEMES.items():
        for text in TEXT_COLOURS:
            for ground in BACKGROUNDS:
                ratio = contrast(theme[text], theme[ground])
                assert ratio >= 4.5, f"{name}: {text} on {ground} is {ratio:.2f}:1"
    for colour in PALETTE:  # a badge: the label in ink on the source's colour
        assert contrast(INK, colour) >= 4.5, colour


def test_the_page_uses_the_theme_it_was_tested_with() -> None:
    [style] = Page(html_page(load(MINI), Scope())).all("style")
    css = "".join(style.text)
    for theme in THEMES.values():
        for key, colour in theme.items():
            assert f"--{key}: {colour}" in css
    assert "prefers-color-scheme: dark" in css and "@media print" in css
    assert all(f"--src: {colour}" in css for colour in PALETTE)


def test_export_html_to_a_file(tmp_path: Path) -> None:
    target = tmp_path / "b.html"
    result = run_cli("--briefing", str(MINI), "export", "--format", "html", "-o", str(target))
    assert result.returncode == 0 and result.stdout == "", result.stderr
    page = Page(target.read_text(encoding="utf-8"))
    assert "Is the republic balancing or aligned?" in page.text
