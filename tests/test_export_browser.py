"""The exported page in a real browser (headless Chromium): what it shows, that it asks the
network for nothing, that the comparison sits side by side and stacks when narrow, and that
the filters work. Skipped when Chromium is not installed."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser import browser_tab, chromium, dump_dom
from export_helpers import Page, assert_loads_nothing, csp, load, web_hostile_set
from helpers import ROOT, run_cli

from kzbrief.model import BriefingSet
from kzbrief.render.html import html_page
from kzbrief.scope import Scope

REAL = ROOT / "briefings" / "kazakhstan-russia"
POSITIONS = "Array.from(document.querySelectorAll('#point-neutrality section.position'))"
BOXES = f"{POSITIONS}.filter(e => !e.hidden).map(e => e.getBoundingClientRect())"
pytestmark = pytest.mark.usefixtures("browser")


@pytest.fixture(scope="module")
def browser() -> None:
    chromium()  # skips the module when there is none


@pytest.fixture(scope="module")
def real() -> BriefingSet:
    return load(REAL)


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The whole default briefing, exported as a user does it."""
    target = tmp_path_factory.mktemp("page") / "b.html"
    result = run_cli("export", "--format", "html", "-o", str(target))
    assert result.returncode == 0, result.stderr
    return target


def test_the_browser_shows_the_question_every_source_and_the_positions(
    page: Path, real: BriefingSet
) -> None:
    dom = Page(dump_dom(page))
    assert real.briefing.question in dom.text
    for source in real.sources:
        assert source.label in dom.text
    point = next(c for c in real.contested if c.id == "neutrality")
    columns = [
        " ".join("".join(e.text).split())
        for e in dom.all("section")
        if "position" in e.attrs.get("class", "").split()
        and e.parents[-1] == "div"
        and e.attrs.get("aria-labelledby", "").startswith("position-neutrality_")
    ]
    assert len(columns) == len(point.positions)
    for position in point.positions:
        assert any(position.label in c and " ".join(position.summary.split()) in c for c in columns)
    # The script ran (it reveals the filters) and the page still references nothing outside.
    [form] = [f for f in dom.all("form") if f.attrs.get("id") == "filters"]
    assert "hidden" not in form.attrs
    assert "default-src 'none'" in csp(dom)
    assert_loads_nothing(dom)


def test_no_network_request_and_the_comparison_side_by_side(page: Path) -> None:
    with browser_tab(page, width=1400) as tab:
        assert tab.requested() == [page.as_uri()]
        boxes = tab.run(f"{BOXES}.map(b => [b.left, b.top])")
        assert len(boxes) == 5
        assert len({top for _, top in boxes}) == 1, "the five positions share one row"
        assert [left for left, _ in boxes] == sorted(left for left, _ in boxes)
        fonts = tab.run("getComputedStyle(document.body).fontFamily")
        assert fonts.startswith("system-ui")
        assert tab.requested() == [page.as_uri()]


def test_without_javascript_everything_is_there_and_nothing_hidden(
    page: Path, real: BriefingSet
) -> None:
    with browser_tab(page, width=1400, scripts=False) as tab:
        assert tab.run("document.getElementById('filter-count').textContent") == ""  # no script
        assert tab.run("document.getElementById('filters').hidden") is True
        assert tab.run("document.querySelectorAll('main [hidden]').length") == 0
        text = tab.run("document.querySelector('main').innerText")
        for event in real.events:
            assert " ".join(event.title.split()) in text
        assert len(tab.run(f"{BOXES}.map(b => b.top)")) == 5
        assert tab.requested() == [page.as_uri()]


def test_the_comparison_stacks_on_a_narrow_screen(page: Path) -> None:
    with browser_tab(page, width=400) as tab:
        boxes = tab.run(f"{BOXES}.map(b => [b.left, b.top, b.right])")
        assert len({left for left, _, _ in boxes}) == 1, "one column"
        assert [top for _, top, _ in boxes] == sorted(top for _, top, _ in boxes)
        assert all(right <= 400 for _, _, right in boxes)
        width = tab.run("document.documentElement.scrollWidth")
        assert width <= 400, "nothing makes the page scroll sideways"


def test_the_filters_and_search_hide_what_the_reader_would(page: Path) -> None:
    with browser_tab(page, width=1400) as tab:
        total = tab.run("document.querySelectorAll('main .item').length")
        assert tab.run("document.getElementById('filter-count').textContent") == (
            f"{total} of {total} items shown"
        )
        # Hide one source: its column goes, the other four stay.
        tab.run(
            "(() => { const box = document.querySelector('input[name=source][value=orozova]');"
            " box.click(); })()"
        )
        shown = tab.run(f"{POSITIONS}.filter(e => !e.hidden).map(e => e.dataset.source)")
        assert "orozova" not in shown and len(shown) == 4
        tab.run("document.querySelector('input[name=source][value=orozova]').click()")
        # A topic: only items tagged with it (sources are not topic items).
        tab.run(
            "(() => { const s = document.getElementById('filter-topic');"
            " s.value = 'security-unrest'; s.dispatchEvent(new Event('change', {bubbles: true}));"
            " })()"
        )
        tagged = tab.run(
            "Array.from(document.querySelectorAll('main .item[data-topics]'))"
            ".filter(e => !e.hidden).map(e => e.dataset.topics.split(' ').includes('security-unrest'))"
        )
        assert tagged and all(tagged)
        assert tab.run("document.getElementById('point-neutrality').hidden") is True
        tab.run(
            "(() => { const s = document.getElementById('filter-topic'); s.value = '';"
            " s.dispatchEvent(new Event('change', {bubbles: true})); })()"
        )
        # Search: only items holding the words.
        tab.run(
            "(() => { const q = document.getElementById('filter-search');"
            " q.value = 'solid ALLY'; q.dispatchEvent(new Event('input', {bubbles: true})); })()"
        )
        texts = tab.run(
            "Array.from(document.querySelectorAll('main .item')).filter(e => !e.hidden)"
            ".map(e => e.textContent.toLowerCase().includes('solid ally'))"
        )
        assert texts and all(texts) and len(texts) < total


def test_planted_markup_does_nothing_in_a_browser(tmp_path: Path) -> None:
    root, _ = web_hostile_set(tmp_path)
    target = tmp_path / "hostile.html"
    target.write_text(html_page(load(root), Scope()), encoding="utf-8")
    with browser_tab(target, width=1000) as tab:
        assert tab.run("document.body.hasAttribute('data-pwned')") is False
        assert tab.run("document.images.length") == 0
        assert tab.run("document.scripts.length") == 1
        assert tab.requested() == [target.as_uri()]
        title = tab.run("document.querySelector('h1').textContent")
        assert "<script>document.body.setAttribute('data-pwned','1')</script>" in title


def test_the_policy_stops_what_it_did_not_hash(tmp_path: Path) -> None:
    """Were anything to slip through, the policy would stop it: a script and an image
    added to a real export neither run nor load."""
    source = html_page(load(REAL), Scope(sections=("compare",), point="neutrality"))
    planted = (
        "<script>document.body.dataset.ran = 'yes'</script>"
        '<img src="http://127.0.0.1:9/pixel.png" alt="">'
        '<div onclick="x" style="background:url(http://127.0.0.1:9/bg.png)">styled</div>'
    )
    target = tmp_path / "tampered.html"
    target.write_text(source.replace("</main>", planted + "</main>"), encoding="utf-8")
    with browser_tab(target, width=1000) as tab:
        assert tab.run("document.body.dataset.ran") is None
        assert tab.run(
            "getComputedStyle(document.querySelector('main > div')).backgroundImage"
        ) == ("none")
        tried = [url for url in tab.requested() if not url.startswith("file:")]
        assert tried, "the image was asked for, and refused"
        assert tab.blocked() == dict.fromkeys(tried, "csp")
        # The page's own script still ran.
        assert tab.run("document.getElementById('filters').hidden") is False


def test_dark_and_print(page: Path) -> None:
    with browser_tab(page, width=1000) as tab:
        background = "getComputedStyle(document.body).backgroundColor"
        assert tab.run(background) == "rgb(255, 255, 255)"
        tab.call(
            "Emulation.setEmulatedMedia",
            features=[{"name": "prefers-color-scheme", "value": "dark"}],
        )
        assert tab.run(background) == "rgb(22, 24, 29)"  # THEMES["dark"]["bg"]
        tab.call("Emulation.setEmulatedMedia", media="print", features=[])
        assert tab.run("getComputedStyle(document.querySelector('nav')).display") == "none"
        assert tab.run(background) == "rgb(255, 255, 255)"
