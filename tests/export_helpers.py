"""Shared pieces of the export tests: sets with planted web markup, and text as readers see it."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from hostile import generate
from hostile.harness import MINI

from kzbrief.load import load_set
from kzbrief.model import BriefingSet

# Markup a web page or a Markdown renderer would obey, planted in every free-text field
# (numbered, so a test can find each field's copy). Each line of it starts a Markdown block.
WEB_PAYLOAD = (
    "# H{n} <script>document.body.setAttribute('data-pwned','{n}')</script> "
    "<img src=x onerror=\"document.body.setAttribute('data-pwned','{n}')\"> "
    "javascript:alert({n}) [Click{n}](javascript:alert({n})) ![I{n}](https://evil.example/i.png) "
    "**B{n}** _i_ `c{n}` &amp; &lt;x&gt; | p | :smile: $x$ ~~s~~ <https://evil.example/{n}> "
    "www.evil.example \"q\" 'a' C:\\dir\\ x\\\n> quote{n}\n- item{n}\n1. one{n}\n+ plus{n}\n"
    "=== {n}\n    indented{n}\n</p></blockquote></section>]]> -->"
)
WEB_SHORT = "<b>x</b>&amp;|#<i>{n}"
"""For labels, at most 24 characters; numbered, as labels must not look alike."""


def folded(text: str) -> str:
    """Text as an export shows it: whitespace folded, as in one line of prose."""
    return " ".join(text.split())


def web_hostile_set(folder: Path) -> tuple[Path, int]:
    """A copy of the mini fixture with WEB_PAYLOAD in every free-text field; how many fields."""
    root = folder / "web-hostile"
    shutil.copytree(MINI, root)
    saved = generate.PAYLOAD, generate.SHORT_PAYLOAD
    generate.PAYLOAD, generate.SHORT_PAYLOAD = WEB_PAYLOAD, WEB_SHORT
    try:
        fields = generate.inject_everywhere(root)
    finally:
        generate.PAYLOAD, generate.SHORT_PAYLOAD = saved
    return root, fields


HOSTILE_CASES = ("d1-payload-in-every-field", "b1-markup-literal")
"""Cases of the hostile suite (tests/hostile) whose sets load: markup of every kind in text."""


def hostile_case(folder: Path, case: str) -> Path:
    """The hostile suite's `case` built in `folder`: the corpus's files, or its generator's."""
    root = folder / case
    shutil.copytree(MINI, root)
    corpus = Path(__file__).parent / "hostile" / "corpus" / case
    if corpus.is_dir():
        for path in corpus.iterdir():
            shutil.copy(path, root / path.name)
    else:
        generate.GENERATED[case](root)
    return root


def load(root: Path) -> BriefingSet:
    loaded = load_set(root, use_cache=False)
    assert not loaded.problems, loaded.problems
    whole = loaded.whole()
    assert whole is not None
    return whole


VOID = {"meta", "input", "br", "img", "link", "hr", "source", "wbr", "area", "col", "embed"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    parents: tuple[str, ...]
    text: list[str] = field(default_factory=list)


class Page(HTMLParser):
    """Every element with its attributes and ancestors, and all the page's text."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self.open: list[Element] = []
        self.texts: list[str] = []
        self.feed(source)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v or "" for k, v in attrs}, tuple(e.tag for e in self.open))
        self.elements.append(element)
        if tag not in VOID:
            self.open.append(element)

    def handle_endtag(self, tag: str) -> None:
        assert self.open and self.open[-1].tag == tag, f"</{tag}> closes {self.open[-1:]}"
        self.open.pop()

    def handle_data(self, data: str) -> None:
        for element in self.open:
            element.text.append(data)
        if not any(e.tag in ("style", "script") for e in self.open):
            self.texts.append(data)

    def all(self, tag: str) -> list[Element]:
        return [e for e in self.elements if e.tag == tag]

    @property
    def text(self) -> str:
        return folded("".join(self.texts))


def csp(page: Page) -> str:
    """The page's Content-Security-Policy."""
    [meta] = [m for m in page.all("meta") if m.attrs.get("http-equiv") == "Content-Security-Policy"]
    return meta.attrs["content"]


def assert_loads_nothing(page: Page) -> None:
    """No element fetches anything: no src, srcset, <link>, url(); links only to http(s)."""
    for element in page.elements:
        assert element.tag not in ("img", "link", "iframe", "object", "embed", "base", "video")
        assert not {"src", "srcset", "style", "background", "poster"} & set(element.attrs)
        assert not any(name.startswith("on") for name in element.attrs), element
        if "href" in element.attrs:
            href = element.attrs["href"]
            assert element.tag == "a", element
            if not href.startswith("#"):
                assert re.match(r"https?://", href), href
                assert element.attrs.get("rel") == "noopener noreferrer"
    [style] = page.all("style")
    assert "url(" not in "".join(style.text) and "@import" not in "".join(style.text)
