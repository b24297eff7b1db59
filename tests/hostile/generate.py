"""Hostile cases too large or too strange to commit, built at test time.

Each builder gets a fresh copy of the mini fixture set (`tests/fixtures/mini`) and
turns it into one hostile set: huge and deep files, bad encodings, raw control
bytes, FIFOs, device links, link loops, thousands of files. Its expectation
lives with the committed cases in `cases.py`.

To look at one: `python tests/hostile/generate.py CASE DIR` builds it into DIR.
"""

from __future__ import annotations

import os
import re
import socket
import stat
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import yaml

Builder = Callable[[Path], None]
GENERATED: dict[str, Builder] = {}


class Unavailable(Exception):
    """This case cannot be built here (e.g. it needs root, or must not run as root)."""


def case(name: str) -> Callable[[Builder], Builder]:
    def register(builder: Builder) -> Builder:
        assert name not in GENERATED, name
        GENERATED[name] = builder
        return builder

    return register


def _edit(folder: Path, file: str, old: str, new: str) -> None:
    path = folder / file
    text = path.read_text("utf-8")
    assert text.count(old) == 1, f"{old!r} in {path}"
    path.write_text(text.replace(old, new), "utf-8")


def _edit_bytes(folder: Path, file: str, old: bytes, new: bytes) -> None:
    path = folder / file
    data = path.read_bytes()
    assert data.count(old) == 1, f"{old!r} in {path}"
    path.write_bytes(data.replace(old, new))


# -- A3: nesting deep enough to overflow libyaml's composer ------------------------


@case("a3-deep-flow-sequence")
def _(folder: Path) -> None:
    (folder / "timeline.yaml").write_text("events: " + "[" * 30000 + "]" * 30000 + "\n")


@case("a3-deep-flow-mapping")
def _(folder: Path) -> None:
    (folder / "briefing.yaml").write_text("{a: " * 30000 + "1" + "}" * 30000 + "\n")


@case("a3-deep-block-mapping")
def _(folder: Path) -> None:
    (folder / "topics.yaml").write_text("".join("  " * i + "k:\n" for i in range(200)))


@case("a3-deep-inside-a-field")
def _(folder: Path) -> None:
    _edit(
        folder,
        "contested.yaml",
        "why_they_differ: Different bases.",
        "why_they_differ: " + "[" * 100000,
    )


# -- A4: values that crash typed loaders --------------------------------------------


@case("a4-5000-digit-number")
def _(folder: Path) -> None:
    _edit(folder, "figures.yaml", "value: '26'", "value: " + "9" * 5000)


@case("a4-5000-digit-date")
def _(folder: Path) -> None:
    _edit(folder, "briefing.yaml", "as_of: 2026-11-21", "as_of: " + "2" * 5000)


# -- A7: encodings and raw characters ----------------------------------------------


def _reencode(folder: Path, file: str, encoding: str) -> None:
    path = folder / file
    path.write_bytes(path.read_text("utf-8").encode(encoding))


@case("a7-utf16-with-bom")
def _(folder: Path) -> None:
    _reencode(folder, "glossary.yaml", "utf-16")


@case("a7-utf16-big-endian")
def _(folder: Path) -> None:
    path = folder / "glossary.yaml"
    path.write_bytes(b"\xfe\xff" + path.read_text("utf-8").encode("utf-16-be"))


@case("a7-utf16-without-bom")
def _(folder: Path) -> None:
    _reencode(folder, "glossary.yaml", "utf-16-le")


@case("a7-utf32")
def _(folder: Path) -> None:
    _reencode(folder, "glossary.yaml", "utf-32")


@case("a7-cp1251")
def _(folder: Path) -> None:
    _edit(folder, "glossary.yaml", "term: Kremlin", "term: Кремль")
    _reencode(folder, "glossary.yaml", "cp1251")


@case("a7-latin1")
def _(folder: Path) -> None:
    _edit_bytes(folder, "glossary.yaml", b"term: Kremlin", b"term: Kreml\xe9n")


@case("a7-encoded-surrogate")
def _(folder: Path) -> None:
    _edit_bytes(folder, "glossary.yaml", b"term: Kremlin", b"term: Krem\xed\xa0\x80lin")


@case("a7-overlong-utf8")
def _(folder: Path) -> None:
    _edit_bytes(folder, "glossary.yaml", b"term: Kremlin", b"term: Krem\xc0\xaflin")


@case("a7-bom-is-fine")
def _(folder: Path) -> None:
    path = folder / "glossary.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())


@case("a7-raw-nul")
def _(folder: Path) -> None:
    _edit_bytes(folder, "glossary.yaml", b"term: Kremlin", b"term: Krem\x00lin")


@case("a7-raw-escape-sequence")
def _(folder: Path) -> None:
    _edit_bytes(folder, "glossary.yaml", b"term: Kremlin", b"term: \x1b]52;c;cHduZWQ=\x07")


@case("a7-raw-c1-csi")
def _(folder: Path) -> None:
    _edit(folder, "glossary.yaml", "term: Kremlin", "term: \u009b31mKremlin")


@case("a7-raw-del")
def _(folder: Path) -> None:
    _edit_bytes(folder, "glossary.yaml", b"term: Kremlin", b"term: Krem\x7flin")


@case("a7-raw-bidi-override")
def _(folder: Path) -> None:
    _edit(folder, "glossary.yaml", "term: Kremlin", "term: Krem\u202elin\u2066x\u2069")


# -- A9: size -----------------------------------------------------------------------


@case("a9-file-over-the-cap")
def _(folder: Path) -> None:
    from kzbrief.load.files import MAX_FILE_BYTES

    with (folder / "timeline.yaml").open("r+b") as handle:  # sparse: costs no disk
        handle.truncate(MAX_FILE_BYTES + 1)


@case("a9-set-over-the-cap")
def _(folder: Path) -> None:
    from kzbrief.load.files import MAX_FILE_BYTES, MAX_SET_BYTES

    count = MAX_SET_BYTES // MAX_FILE_BYTES + 1
    if count > 8:
        raise Unavailable("eight files under the file cap cannot pass the set cap")
    for name in ("framing.yaml", "contested.yaml", "timeline.yaml", "topics.yaml", "glossary.yaml",
                 "figures.yaml", "sources.yaml", "briefing.yaml")[:count]:  # fmt: skip
        with (folder / name).open("r+b") as handle:  # sparse: costs no disk
            handle.truncate(MAX_FILE_BYTES)


# Without the per-file problem cap, each of these would give tens of thousands of problems.
QUARTER_MIB = 256 * 1024


@case("a9-problem-every-two-bytes")
def _(folder: Path) -> None:
    (folder / "timeline.yaml").write_text("events: [" + "a," * (QUARTER_MIB // 2 - 8) + "a]\n")


@case("a9-empty-event-every-five-bytes")
def _(folder: Path) -> None:
    (folder / "timeline.yaml").write_text("events:\n" + "- {}\n" * (QUARTER_MIB // 5 - 2))


@case("a9-anchor-on-every-line")
def _(folder: Path) -> None:
    (folder / "glossary.yaml").write_text("glossary:\n" + "- &a b\n" * (QUARTER_MIB // 7 - 2))


@case("a9-over-the-event-budget")
def _(folder: Path) -> None:
    """The most parse events for the fewest bytes, past the budget every set shares."""
    from kzbrief.load.yamltree import MAX_EVENTS

    (folder / "timeline.yaml").write_text("events: [" + "a," * (MAX_EVENTS + 10) + "a]\n")


@case("a9-one-value-over-the-cap")
def _(folder: Path) -> None:
    from kzbrief.load.yamltree import MAX_TEXT_CHARS

    _edit(folder, "briefing.yaml", "scope: Two short", "scope: " + "x" * MAX_TEXT_CHARS + " Two")


@case("a9-long-scalar")
def _(folder: Path) -> None:
    """The longest value allowed, in a field every command shows."""
    from kzbrief.load.yamltree import MAX_TEXT_CHARS

    words = "word " * ((MAX_TEXT_CHARS - 100) // 5)
    _edit(folder, "briefing.yaml", "scope: Two short", "scope: " + words + "Two short")


@case("a6-thousands-of-duplicate-keys")
def _(folder: Path) -> None:
    (folder / "topics.yaml").write_text("topics: []\n" + "topics: []\n" * (QUARTER_MIB // 12 - 1))


@case("a6-thousands-of-dangling-references")
def _(folder: Path) -> None:
    count = 3000
    (folder / "topics.yaml").write_text(
        "topics:\n" + "".join(f"  - {{id: t{i}, title: T, summary: []}}\n" for i in range(count))
    )
    event = (
        "  - {{id: e{i}, date: '2020', title: T, summary: S, topics: [nope{i}],"
        " quotes: [{{source: alpha, quote: q}}]}}\n"
    )
    (folder / "timeline.yaml").write_text(
        "events:\n" + "".join(event.format(i=i) for i in range(count))
    )


# -- F1, F2, C5: the file system ----------------------------------------------------


def _replace_with(folder: Path, name: str, make: Callable[[Path], Any]) -> None:
    path = folder / name
    path.unlink()
    make(path)


@case("f1-fifo-as-a-briefing-file")
def _(folder: Path) -> None:
    _replace_with(folder, "timeline.yaml", os.mkfifo)


@case("f1-fifo-as-a-stray-file")
def _(folder: Path) -> None:
    os.mkfifo(folder / "notes.yaml")


@case("f1-link-to-dev-zero")
def _(folder: Path) -> None:
    _replace_with(folder, "timeline.yaml", lambda p: p.symlink_to("/dev/zero"))


@case("f1-link-to-etc-passwd")
def _(folder: Path) -> None:
    _replace_with(folder, "sources.yaml", lambda p: p.symlink_to("/etc/passwd"))


@case("f1-link-to-itself")
def _(folder: Path) -> None:
    _replace_with(folder, "topics.yaml", lambda p: p.symlink_to("topics.yaml"))


@case("f1-link-loop-of-two")
def _(folder: Path) -> None:
    _replace_with(folder, "topics.yaml", lambda p: p.symlink_to("other.yml"))
    (folder / "other.yml").symlink_to("topics.yaml")


@case("f1-dangling-link")
def _(folder: Path) -> None:
    _replace_with(folder, "glossary.yaml", lambda p: p.symlink_to("nowhere/glossary.yaml"))


@case("f1-link-inside-the-folder-is-fine")
def _(folder: Path) -> None:
    (folder / "parts").mkdir()
    (folder / "figures.yaml").rename(folder / "parts" / "figures.yaml")
    (folder / "figures.yaml").symlink_to("parts/figures.yaml")


@case("f1-directory-as-a-briefing-file")
def _(folder: Path) -> None:
    _replace_with(folder, "sources.yaml", Path.mkdir)


@case("f1-directory-as-a-stray-file")
def _(folder: Path) -> None:
    (folder / "x.yaml").mkdir()


@case("f1-socket-as-a-briefing-file")
def _(folder: Path) -> None:
    def bind(path: Path) -> None:
        with socket.socket(socket.AF_UNIX) as server:
            server.bind(str(path))

    _replace_with(folder, "glossary.yaml", bind)


@case("f1-device-inside-the-folder")
def _(folder: Path) -> None:
    if os.geteuid() != 0:
        raise Unavailable("making a device node needs root")
    try:  # /dev/zero's numbers; the loader must refuse it without reading
        _replace_with(
            folder, "timeline.yaml", lambda p: os.mknod(p, stat.S_IFCHR | 0o644, os.makedev(1, 5))
        )
    except PermissionError as exc:
        raise Unavailable(f"cannot make a device node here: {exc}") from None


@case("f2-unreadable-file")
def _(folder: Path) -> None:
    if os.geteuid() == 0:
        raise Unavailable("root reads a chmod 000 file anyway (see f2 in test_hostile_files)")
    (folder / "briefing.yaml").chmod(0)


@case("c5-thousands-of-files")
def _(folder: Path) -> None:
    for i in range(2000):
        (folder / f"stray-{i:05d}.yaml").write_bytes(b"")
        (folder / f"notes-{i:05d}.txt").write_bytes(b"")


@case("c5-thousands-of-events")
def _(folder: Path) -> None:
    """A valid set with thousands of events and figures: long lists in the reader."""
    count = 3000
    event = (
        "  - {{id: e{i:05d}, date: '2020-01', title: Event {i}, summary: Summary {i},"
        " topics: [economy], quotes: [{{source: alpha, quote: q {i}}}]}}\n"
    )
    (folder / "timeline.yaml").write_text(
        "events:\n" + "".join(event.format(i=i) for i in range(count))
    )


# -- several at once: nothing hides anything ---------------------------------------


@case("all-files-broken")
def _(folder: Path) -> None:
    """Every file broken a different way; some files with two problems far apart."""
    _edit(
        folder,
        "briefing.yaml",
        "  title: Mini briefing",
        "  title: !!python/object/apply:os.system [x]",
    )
    _edit(folder, "briefing.yaml", "  bottom_line:", "  bottom_line: [unclosed")
    _replace_with(folder, "sources.yaml", os.mkfifo)
    _edit(folder, "topics.yaml", "    title: Economy and trade", "\ttitle: Economy and trade")
    _edit_bytes(folder, "timeline.yaml", b"title: Independence", b"title: Ind\xe9pendence")
    _edit(folder, "framing.yaml", "  - source: beta", "  - source: &b beta")
    _edit(folder, "framing.yaml", "    tone: Urgent.", "    tone: Urgent.\n    tone: Calm.")
    _edit(folder, "contested.yaml", "stance: left", "stance: far-left")
    _edit(
        folder, "contested.yaml", "    why_they_differ: Different bases.", "    why_they_differs: x"
    )
    _replace_with(folder, "figures.yaml", lambda p: p.symlink_to("/dev/zero"))
    (folder / "glossary.yaml").write_bytes(b"")
    os.mkfifo(folder / "extra.yaml")


# -- names: file and folder names echoed in messages --------------------------------

HOSTILE_NAMES = (
    b"\x1b]0;pwned-title\x07.yaml",
    b"\x1b]52;c;cHduZWQ=\x07.yaml",
    b"\x1b[2J\x1b[31mred.yaml",
    b"\x9b31mc1-csi.yaml",  # not UTF-8: a raw C1 byte in the name
    "\u009d0;c1-osc\u009c.yaml".encode(),
    "\u202eevil-bidi.yaml".encode(),
    b"new\nline.yaml",
    b"[bold]markup [@click=app.quit]x :smile:.yaml",  # no closing tags: / cannot be in a name
)


@case("names-with-escape-sequences")
def _(folder: Path) -> None:
    for name in HOSTILE_NAMES:
        Path(os.fsdecode(bytes(folder) + b"/" + name)).write_bytes(b"x: 1\n")


# -- D1, B, C: a payload in every text field ----------------------------------------

OSC52 = "\x1b]52;c;cHduZWQ=\x07"
PAYLOAD = (
    "[bold]B{n}[/] Status [/] done a [/bold] b Array[in] x [@click=app.quit]Q{n}[/] "
    "[@click=app.screenshot('pwned.svg','somewhere')]S{n}[/] :smile: "
    + OSC52
    + " \x1b]0;T{n}\x1b\\ \x1b[38;5;196mRAWRED{n} \x9b31m \x9d0;C1\x9c \x1b]8;;https://evil.example\x1b\\"
    "L{n}\x1b]8;;\x1b\\ \u202eRLO{n}\u202c \u2066ISO\u2069 [link=https://evil.example]K{n}[/link] "
    "[Click](https://evil.example) C:\\dir\\ DEL\x7f NUL\x00 BS\x08 CR\r"
)
# For fields capped at 24 characters (after escaping); numbered, as labels must differ.
SHORT_PAYLOAD = "\x1b]0;T\x07[b]:x{n}"
# What the sanitiser shows for the control characters of PAYLOAD: literal, visible text.
VISIBLE = ("\\x1b]52;c;cHduZWQ=\\x07", "\\x9b31m", "\\u202eRLO", "\\x00", "\\x7f")
# Keys whose values are ids, dates or enums: constrained, so left as they are.
_KEEP = {"id", "source", "sources", "topic", "topics", "key", "date", "as_of", "status", "genre"}
_KEEP |= {"kind", "document", "basis"}
# Keys that are constrained in one place and free text in another.
_KEEP_IF = {
    "stance": lambda v: v in ("left", "leans-left", "centre", "leans-right", "right"),
    "value": lambda v: re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", v) is not None,
}
_SHORT = {"label"}  # at most 24 characters


def _inject(node: Any, counter: Iterator[int], labels: Iterator[int], key: str = "") -> Any:
    if isinstance(node, dict):
        if "status" in node:  # an attested value: its value and reason are free text
            return {
                k: PAYLOAD.format(n=next(counter)) if k in ("value", "reason") else v
                for k, v in node.items()
            }
        return {k: _inject(v, counter, labels, k) for k, v in node.items()}
    if isinstance(node, list):
        return [_inject(item, counter, labels, key) for item in node]
    if not isinstance(node, str) or key in _KEEP or (key in _KEEP_IF and _KEEP_IF[key](node)):
        return node
    if key in _SHORT:  # numbered apart, so that every numbered PAYLOAD is a field to find
        return SHORT_PAYLOAD.format(n=next(labels))
    return PAYLOAD.format(n=next(counter))


def inject_everywhere(folder: Path) -> int:
    """Put PAYLOAD (numbered) into every free-text field of the set; return how many."""
    counter = iter(range(1, 10**6))
    labels = iter(range(1, 10**6))
    for path in sorted(folder.glob("*.yaml")):
        tree = yaml.safe_load(path.read_text("utf-8"))
        # safe_dump writes the control characters as YAML escapes: the way they get in.
        path.write_text(
            yaml.safe_dump(_inject(tree, counter, labels), allow_unicode=True, width=10**6)
        )
    return next(counter) - 1


@case("d1-payload-in-every-field")
def _(folder: Path) -> None:
    inject_everywhere(folder)


# -- C3 / C6: Markdown and wide text ------------------------------------------------


@case("c3-big-markdown-table")
def _(folder: Path) -> None:
    header = "|" + "|".join(f"h{c}" for c in range(20)) + "|\n|" + "---|" * 20 + "\n"
    rows = "".join("|" + "|".join(f"r{r}c{c}" for c in range(20)) + "|\n" for r in range(300))
    text = header + rows
    path = folder / "topics.yaml"
    tree = yaml.safe_load(path.read_text("utf-8"))
    tree["topics"][0]["summary"][0]["text"] = text
    tree["topics"][0]["title"] = "[Click me](https://evil.example) <script>x</script>"
    path.write_text(yaml.safe_dump(tree, allow_unicode=True))


def build(name: str, folder: Path) -> None:
    """Build case `name` into `folder`, which holds a copy of the mini fixture."""
    GENERATED[name](folder)


if __name__ == "__main__":  # pragma: no cover - a tool for people adding cases
    import shutil

    if len(sys.argv) != 3 or sys.argv[1] not in GENERATED:
        print(f"usage: {sys.argv[0]} CASE DIR\ncases: {', '.join(sorted(GENERATED))}")
        sys.exit(2)
    target = Path(sys.argv[2])
    shutil.copytree(Path(__file__).resolve().parents[1] / "fixtures" / "mini", target)
    build(sys.argv[1], target)
    print(f"built {sys.argv[1]} in {target}")
