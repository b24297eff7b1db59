"""What kzbrief must answer for every hostile case: the expectation table.

A case is a copy of `tests/fixtures/mini` changed one hostile way, either by the
files in `corpus/<case>/` (which replace the fixture's files of the same name)
or by a builder in `generate.py` (for what is too large or too strange to
commit). Every case has one row here, keyed by its name; `test_hostile_corpus.py`
fails on a corpus folder or builder without a row, and on a row without either.

For each case the runner checks, in a subprocess bounded in time and memory:
`kzbrief validate SET` exits with `exit`, and every `At` names its file (and line)
in one output line with its message; `kzbrief --briefing SET summary` exits 1
with the same lines on stderr, or 0; for `exit == 0`, `kzbrief export` holds each
of `values` as a whole text value; no traceback, no raw control character, and
nothing written outside the sandbox.
"""

from __future__ import annotations

from dataclasses import dataclass

from kzbrief.load.files import MAX_FILE_BYTES, MAX_SET_BYTES
from kzbrief.load.yamltree import MAX_EVENTS, MAX_TEXT_CHARS


@dataclass(frozen=True)
class At:
    """A problem the output must hold: `SET/<file>:<line>:<col>: ... <says> ...`."""

    file: str  # a name inside the set, as displayed; "" for the set folder itself
    line: int | None  # None: the problem concerns the whole file, so has no line
    says: str  # a fragment of the message


@dataclass(frozen=True)
class Expect:
    classes: tuple[str, ...]  # catalog classes (hostile-input-catalog.md) the case covers
    exit: int = 1
    at: tuple[At, ...] = ()
    values: tuple[str, ...] = ()  # for exit 0: text values `kzbrief export` must contain


def visible(text: str) -> str:
    """How the sanitiser must show text that holds control characters (an independent table)."""
    table = {
        "\x00": "\\x00",
        "\x07": "\\x07",
        "\x08": "\\x08",
        "\r": "\\x0d",
        "\x1b": "\\x1b",
        "\x7f": "\\x7f",
        "\x9b": "\\x9b",
        "\x9c": "\\x9c",
        "\x9d": "\\x9d",
        "\u202c": "\\u202c",
        "\u202e": "\\u202e",
        "\u2066": "\\u2066",
        "\u2069": "\\u2069",
    }
    return "".join(table.get(c, c) for c in text)


def payload_shown(n: int) -> str:
    from .generate import PAYLOAD

    return visible(PAYLOAD.format(n=n))


B, S, TO, TL = "briefing.yaml", "sources.yaml", "topics.yaml", "timeline.yaml"
FR, CO, FI, G = "framing.yaml", "contested.yaml", "figures.yaml", "glossary.yaml"
STOPPED = "the check stopped after 100 problems in this file"
TOP_LEVEL = "the top level must be a mapping (such as 'glossary:')"

CASES: dict[str, Expect] = {
    # ---- A1 object tags --------------------------------------------------------------
    "a1-python-apply-tag": Expect(("A1",), at=(At(B, 4, "tags are not allowed"),)),
    "a1-python-name-tag": Expect(("A1",), at=(At(S, 15, "tags are not allowed"),)),
    "a1-tag-directive": Expect(("A1",), at=(At(B, 8, "tags are not allowed"),)),
    "a1-local-tag-on-mapping": Expect(
        ("A1",),
        at=(
            At(B, 2, "tags are not allowed (found '!include')"),
            At(B, 3, "unknown key '../../../etc/passwd'"),
        ),
    ),
    # ---- A2 alias bombs ----------------------------------------------------------------
    "a2-billion-laughs": Expect(
        ("A2",),
        at=(
            At(B, 1, "anchors (&name) are not allowed"),
            At(B, 2, "aliases (*name) are not allowed"),
            At(B, 17, "aliases (*name) are not allowed"),
        ),
    ),
    "a2-merge-key": Expect(
        ("A2",),
        at=(At(S, 2, "anchors"), At(S, 14, "aliases"), At(S, 14, "unknown key '<<'")),
    ),
    # ---- A3 deep nesting ---------------------------------------------------------------
    "a3-deep-flow-sequence": Expect(("A3",), at=(At(TL, 1, "nesting is deeper than 64 levels"),)),
    "a3-deep-flow-mapping": Expect(("A3",), at=(At(B, 1, "nesting is deeper than 64 levels"),)),
    "a3-deep-block-mapping": Expect(("A3",), at=(At(TO, 65, "nesting is deeper than 64 levels"),)),
    "a3-deep-inside-a-field": Expect(("A3",), at=(At(CO, 31, "nesting is deeper than 64"),)),
    # ---- A4 values that crash typed loaders ------------------------------------------
    "a4-impossible-dates": Expect(
        ("A4",), at=(At(TL, 4, "month 13 is not 1..12"), At(TL, 20, "month 0 is not 1..12"))
    ),
    "a4-5000-digit-number": Expect(("A4",), exit=0, values=("9" * 5000,)),
    "a4-5000-digit-date": Expect(("A4",), at=(At(B, 6, "expected a date like 2022"),)),
    # ---- A5 implicit typing ------------------------------------------------------------
    "a5-implicit-typing": Expect(
        ("A5",),
        exit=0,
        values=("NO", "yes", "off", "2022-03-22", "010", "+77011234567", "1:20", "1.10", "1.0e+3"),
    ),
    "a5-colliding-keys": Expect(
        ("A5",),
        at=(
            At(S, 22, "unknown key '1'"),
            At(S, 23, "unknown key 'true'"),
            At(S, 24, "unknown key 'y'"),
            At(S, 25, "unknown key 'on'"),
        ),
    ),
    # ---- A6 duplicate keys -------------------------------------------------------------
    "a6-duplicate-key": Expect(("A6",), at=(At(B, 8, "duplicate key 'title' (first at line 4)"),)),
    "a6-duplicate-ids": Expect(
        ("A6",), at=(At(TL, 19, "duplicate id 'independence' (first at events[0])"),)
    ),
    "a6-thousands-of-duplicate-keys": Expect(
        ("A6", "A9"),
        at=(At(TO, 2, "duplicate key 'topics' (first at line 1)"), At(TO, None, STOPPED)),
    ),
    "a6-thousands-of-dangling-references": Expect(
        ("A6", "A9"),
        at=(At(TL, 2, "unknown topic 'nope0'"), At(TL, None, "2900 more reference problems")),
    ),
    # ---- A7 encodings ------------------------------------------------------------------
    "a7-surrogate-escape": Expect(("A7",), at=(At(B, 4, "is half of a UTF-16 surrogate pair"),)),
    "a7-yaml-escapes-control": Expect(
        ("A7", "D1"),
        exit=0,
        values=(visible("Mini \x1b]52;c;cHduZWQ=\x07 \x9b31m \u202e briefing"),),
    ),
    "a7-utf16-with-bom": Expect(("A7",), at=(At(G, 1, "is UTF-16; save it as UTF-8"),)),
    "a7-utf16-big-endian": Expect(("A7",), at=(At(G, 1, "is UTF-16; save it as UTF-8"),)),
    "a7-utf16-without-bom": Expect(("A7",), at=(At(G, 1, "character U+0000 is not allowed"),)),
    "a7-utf32": Expect(("A7",), at=(At(G, 1, "save it as UTF-8"),)),
    "a7-cp1251": Expect(("A7",), at=(At(G, 4, "is not valid UTF-8 (byte 0xca)"),)),
    "a7-latin1": Expect(("A7",), at=(At(G, 4, "is not valid UTF-8 (byte 0xe9)"),)),
    "a7-encoded-surrogate": Expect(("A7",), at=(At(G, 4, "is not valid UTF-8 (byte 0xed)"),)),
    "a7-overlong-utf8": Expect(("A7",), at=(At(G, 4, "is not valid UTF-8 (byte 0xc0)"),)),
    "a7-bom-is-fine": Expect(("A7",), exit=0, values=("Kremlin",)),
    "a7-raw-nul": Expect(("A7",), at=(At(G, 4, "character U+0000 is not allowed"),)),
    "a7-raw-escape-sequence": Expect(
        ("A7", "D1"), at=(At(G, 4, "character U+001B is not allowed"),)
    ),
    "a7-raw-c1-csi": Expect(("A7", "D1"), at=(At(G, 4, "character U+009B is not allowed"),)),
    "a7-raw-del": Expect(("A7",), at=(At(G, 4, "character U+007F is not allowed"),)),
    "a7-raw-bidi-override": Expect(
        ("A7", "D1"), exit=0, values=(visible("Krem\u202elin\u2066x\u2069"),)
    ),
    # ---- A8 tabs ------------------------------------------------------------------------
    "a8-tab-indent": Expect(("A8",), at=(At(TL, 12, "a tab character indents this line"),)),
    "a8-trailing-tab": Expect(
        ("A8",), exit=0, values=("mini", "Is the republic balancing or aligned?")
    ),
    # ---- A9 size and shape ---------------------------------------------------------------
    "a9-empty": Expect(("A9",), at=(At(G, 1, "is empty"),)),
    "a9-comment-only": Expect(("A9",), at=(At(G, 1, "is empty"),)),
    "a9-scalar-top": Expect(("A9",), at=(At(G, 1, TOP_LEVEL),)),
    "a9-list-top": Expect(("A9",), at=(At(G, 1, TOP_LEVEL),)),
    "a9-null-document": Expect(("A9",), at=(At(G, 1, TOP_LEVEL),)),
    "a9-markers-only": Expect(("A9",), at=(At(G, 1, TOP_LEVEL),)),
    "a9-multi-document": Expect(("A9",), at=(At(G, 8, "only one YAML document is allowed"),)),
    "a9-file-over-the-cap": Expect(("A9",), at=(At(TL, None, f"the limit is {MAX_FILE_BYTES:,}"),)),
    "a9-set-over-the-cap": Expect(("A9",), at=(At("", None, f"the limit is {MAX_SET_BYTES:,}"),)),
    "a9-over-the-event-budget": Expect(
        ("A9",), at=(At(TL, 1, f"the set has more than {MAX_EVENTS:,} YAML nodes"),)
    ),
    "a9-one-value-over-the-cap": Expect(
        ("A9", "E1"), at=(At(B, 7, f"one value may hold {MAX_TEXT_CHARS:,}"),)
    ),
    "a9-problem-every-two-bytes": Expect(
        ("A9",), at=(At(TL, 1, "expected a mapping"), At(TL, None, STOPPED))
    ),
    "a9-empty-event-every-five-bytes": Expect(
        ("A9",), at=(At(TL, 2, "missing required key 'id'"), At(TL, None, STOPPED))
    ),
    "a9-anchor-on-every-line": Expect(
        ("A2", "A9"), at=(At(G, 2, "anchors (&name) are not allowed"), At(G, None, STOPPED))
    ),
    "a9-long-scalar": Expect(("A9", "E1"), exit=0),
    # ---- B, C: markup stays text ------------------------------------------------------
    "b1-markup-literal": Expect(
        ("B1", "B2", "B3", "C1", "C2", "C3"),
        exit=0,
        values=(
            "Status [/] done; a [/bold] b; Array[in] x; [bold red]loud[/]",
            "[link=https://evil.example]Click bank[/link] :smile: :red_heart: C:\\dir\\",
            '[@click=app.quit]Read more[/] [@click=app.screenshot("pwned.svg","somewhere")]x[/]',
            "[Click](https://evil.example) **bold** `\\e[31m` <b>html</b>",
        ),
    ),
    "c3-big-markdown-table": Expect(
        ("C3",), exit=0, values=("[Click me](https://evil.example) <script>x</script>",)
    ),
    "c6-wide-unicode": Expect(("C6",), exit=0, values=("Қазақстан 中文 👨‍👩‍👧 ❤️ e\u0301",)),
    "c5-thousands-of-events": Expect(("C5",), exit=0, values=("Event 2999",)),
    "c5-thousands-of-files": Expect(
        ("C5", "F1"),
        at=(
            At("stray-00000.yaml", None, "is not a briefing file"),
            At("", None, "1980 more stray YAML files not listed"),
        ),
    ),
    # ---- D1: escape sequences in data and in names ------------------------------------
    "d1-payload-in-every-field": Expect(
        ("D1", "B1", "B2", "C1", "C2", "C4"),
        exit=0,
        values=(payload_shown(1), payload_shown(2)),
    ),
    "names-with-escape-sequences": Expect(
        ("D1",),
        at=tuple(
            At(name, None, "is not a briefing file")
            for name in (
                "\\x1b]0;pwned-title\\x07.yaml",
                "\\x1b]52;c;cHduZWQ=\\x07.yaml",
                "\\x1b[2J\\x1b[31mred.yaml",
                "\\udc9b31mc1-csi.yaml",
                "\\x9d0;c1-osc\\x9c.yaml",
                "\\u202eevil-bidi.yaml",
                "[bold]markup [@click=app.quit]x :smile:.yaml",
            )
        ),
    ),
    # ---- F1, F2: the file system --------------------------------------------------------
    "f1-fifo-as-a-briefing-file": Expect(("F1",), at=(At(TL, None, "is not a regular file"),)),
    "f1-fifo-as-a-stray-file": Expect(
        ("F1",), at=(At("notes.yaml", None, "is not a briefing file"),)
    ),
    "f1-link-to-dev-zero": Expect(("F1",), at=(At(TL, None, "leads outside the briefing folder"),)),
    "f1-link-to-etc-passwd": Expect(
        ("F1",), at=(At(S, None, "leads outside the briefing folder"),)
    ),
    "f1-link-to-itself": Expect(("F1",), at=(At(TO, None, "too many levels of symbolic links"),)),
    "f1-link-loop-of-two": Expect(
        ("F1",),
        at=(
            At(TO, None, "too many levels of symbolic links"),
            At("other.yml", None, "is not a briefing file"),
        ),
    ),
    "f1-dangling-link": Expect(("F1",), at=(At(G, None, "cannot be opened: no such file"),)),
    "f1-link-inside-the-folder-is-fine": Expect(("F1",), exit=0, values=("Trade in 2022",)),
    "f1-directory-as-a-briefing-file": Expect(("F1",), at=(At(S, None, "is not a regular file"),)),
    "f1-directory-as-a-stray-file": Expect(
        ("F1",), at=(At("x.yaml", None, "is not a briefing file"),)
    ),
    "f1-socket-as-a-briefing-file": Expect(("F1",), at=(At(G, None, "cannot be opened"),)),
    "f1-device-inside-the-folder": Expect(("F1",), at=(At(TL, None, "is not a regular file"),)),
    "f2-unreadable-file": Expect(("F2",), at=(At(B, None, "cannot be opened: permission denied"),)),
    # ---- one bad file hides nothing, one error hides nothing --------------------------
    "all-files-broken": Expect(
        ("A1", "A2", "A6", "A7", "A8", "A9", "F1"),
        at=(
            At(B, 4, "tags are not allowed"),
            At(B, 9, "is not valid YAML"),
            At(S, None, "is not a regular file"),
            At(TO, 10, "a tab character indents this line"),
            At(TL, 5, "is not valid UTF-8"),
            At(FR, 19, "anchors (&name) are not allowed"),
            At(FR, 22, "duplicate key 'tone' (first at line 21)"),
            At(CO, 10, "found text 'far-left'"),
            At(CO, 31, "unknown key 'why_they_differs'"),
            At(FI, None, "leads outside the briefing folder"),
            At(G, 1, "is empty"),
            At("extra.yaml", None, "is not a briefing file"),
        ),
    ),
}
