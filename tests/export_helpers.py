"""Shared pieces of the export tests: sets with planted web markup, and text as readers see it."""

from __future__ import annotations

import shutil
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
WEB_SHORT = "<b>x</b>&amp;|#<i>"
"""For labels, at most 24 characters."""


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


def load(root: Path) -> BriefingSet:
    loaded = load_set(root, use_cache=False)
    assert not loaded.problems, loaded.problems
    whole = loaded.whole()
    assert whole is not None
    return whole
