"""The `kzbrief` command line: Rich on a terminal, plain lines on a pipe.

This module never imports Textual; the reader is imported only when it runs.
"""

from __future__ import annotations

import argparse
import errno
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from kzbrief import __version__
from kzbrief.load import CacheDamaged, Loaded, NotFound, load_set, resolve_briefing
from kzbrief.model import FILE_KINDS, SetParts
from kzbrief.render import plain
from kzbrief.render.output import OutputClosed, show, write_lines
from kzbrief.sanitise import sanitise

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2

EXAMPLES = """\
examples:
  kzbrief                              open the reader on the built-in briefing
  kzbrief summary --topic alliances    the bottom line, or one topic's summary
  kzbrief timeline --from 2022 --to 2022-06 --source orozova
  kzbrief compare neutrality           every source's position side by side
  kzbrief timeline | grep CSTO         plain tab-separated lines when piped
  kzbrief validate briefings/mine      check a set you are writing
  kzbrief verify --sources ../shared/seeds
  kzbrief --sources ../shared/seeds coverage   what each document has that the set never cites
  kzbrief export --format json -o briefing.json
  kzbrief schema timeline > timeline.schema.json

exit codes: 0 ok (also when a pipe closes early), 1 problems found, 2 usage error.
"""


class UsageError(Exception):
    """A command-line mistake: reported in one line, exit 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:
        raise UsageError(message)

    def _get_formatter(self) -> argparse.HelpFormatter:
        # argparse sizes help with shutil.get_terminal_size, and importing shutil (with bz2
        # and lzma) costs ~2 ms on every start, help or not; this is the same width.
        return self.formatter_class(prog=self.prog, width=_help_width())  # type: ignore[call-arg]


def _help_width() -> int:
    """What argparse uses: $COLUMNS, else the terminal's width, else 80; less 2."""
    try:
        columns = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return (columns or 80) - 2


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="kzbrief",
        description="Read a contested issue through several sources at once.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"kzbrief {__version__}")
    parser.add_argument(
        "--briefing",
        metavar="NAME|PATH",
        help="a built-in set by name or a folder (default: $KZBRIEF_BRIEFING or kazakhstan-russia)",
    )
    parser.add_argument("--no-cache", action="store_true", help="parse the YAML afresh")
    parser.add_argument("--watch", action="store_true", help="reader: reload when files change")
    parser.add_argument(
        "--sources",
        dest="documents",
        metavar="DIR",
        help="folder of the sources' document texts (default: $KZBRIEF_SOURCES)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, help: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=help, description=help)

    p = command("summary", "the question, bottom line, sources and topics")
    p.add_argument("--topic", metavar="ID")
    p = command("timeline", "events in date order")
    p.add_argument("--topic", metavar="ID")
    p.add_argument("--source", metavar="ID")
    p.add_argument("--from", dest="date_from", metavar="DATE", help="e.g. 2022 or 2022-03")
    p.add_argument("--to", dest="date_to", metavar="DATE")
    p.add_argument("--full", action="store_true", help="with summaries, quotes and notes")
    p = command("compare", "contested points; one point's positions side by side")
    p.add_argument("point", nargs="?", metavar="POINT")
    p.add_argument("--topic", metavar="ID")
    command("sources", "every source with its metadata")
    command("topics", "topics with their counts")
    p = command("validate", "check a briefing set; every problem with file:line:col")
    p.add_argument("path", nargs="?", metavar="PATH")
    p = command("verify", "check every quote verbatim against the source documents")
    p.add_argument(
        "--sources", metavar="DIR", help="folder of document texts (default: the global --sources)"
    )
    p = command("export", "the whole set as JSON")
    p.add_argument("--format", choices=["json"], default="json")
    p.add_argument("-o", "--output", metavar="FILE")
    p = command("coverage", "each document's share cited by the set, and its uncited paragraphs")
    p.add_argument(
        "--sources", metavar="DIR", help="folder of document texts (default: the global --sources)"
    )
    p.add_argument("--json", action="store_true", help="as JSON")
    p = command("schema", "the JSON Schema of a file kind (all kinds when none is given)")
    p.add_argument("kind", nargs="?", choices=list(FILE_KINDS), metavar="KIND")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="backslashreplace")
    try:
        args = build_parser().parse_args(argv)
        return run(args)
    except UsageError as exc:
        _error(f"{exc}\nTry 'kzbrief --help'.")
        return EXIT_USAGE
    except NotFound as exc:
        _error(str(exc))
        return EXIT_USAGE
    except (OutputClosed, BrokenPipeError):
        _silence_stdout()
        return EXIT_OK
    except OSError as exc:
        if exc.errno == errno.EPIPE:
            _silence_stdout()
            return EXIT_OK
        _silence_stdout()
        _error(f"cannot write output: {exc.strerror or exc}")
        return EXIT_PROBLEMS
    except KeyboardInterrupt:
        return 130


def _error(message: str) -> None:
    sys.stderr.write(f"kzbrief: {sanitise(message)}\n")
    sys.stderr.flush()


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _load(args: argparse.Namespace, path: str | None = None) -> Loaded:
    root = resolve_briefing(path or args.briefing)
    return load_set(root, use_cache=not args.no_cache)


def _require(args: argparse.Namespace) -> SetParts:
    loaded = _require_loaded(args)
    assert loaded.briefing is not None
    return loaded.briefing


def _require_loaded(args: argparse.Namespace) -> Loaded:
    """Load the chosen set once; a set with problems lists them on stderr and fails."""
    loaded = _load(args)
    if loaded.briefing is None or loaded.problems:
        for line in plain.problems(loaded.problems):
            sys.stderr.write(line + "\n")
        count = len(loaded.problems)
        raise _Failed(f"{count} problem(s) in {loaded.root}; see 'kzbrief validate'")
    return loaded


class _Failed(Exception):
    pass


def _pick(items: Iterable[Any], wanted: str | None, what: str) -> Any:
    if wanted is None:
        return None
    items = list(items)
    for item in items:
        if item.id == wanted:
            return item
    known = ", ".join(item.id for item in items)
    raise UsageError(f"no {what} {wanted!r} (known: {known})")


def run(args: argparse.Namespace) -> int:
    try:
        handler = _HANDLERS.get(args.command or "", _reader)
        return handler(args)
    except (_Failed, CacheDamaged) as exc:
        _error(str(exc))
        return EXIT_PROBLEMS


def _reader(args: argparse.Namespace) -> int:
    if not (sys.stdout.isatty() and sys.stdin.isatty()):
        _error("the reader needs a terminal; for text output try 'kzbrief summary' (or --help)")
        return EXIT_USAGE
    root = resolve_briefing(args.briefing)
    documents = _documents_folder(args, required=False)
    import gc

    gc.enable()  # `kzbrief.__main__` turns it off for short commands; the reader runs for hours
    try:
        from kzbrief.tui.app import run_reader  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        _error("the reader is not available in this build; try 'kzbrief summary'")
        return EXIT_USAGE
    return int(run_reader(root, use_cache=not args.no_cache, watch=args.watch, documents=documents))


def _summary(args: argparse.Namespace) -> int:
    bset = _require(args)
    topic = _pick(bset.topics, args.topic, "topic")
    from kzbrief.render import summary

    show(lambda: summary.summary(bset, topic), lambda: plain.summary(bset, topic))
    return EXIT_OK


def _timeline(args: argparse.Namespace) -> int:
    from kzbrief import query
    from kzbrief.dates import parse_date

    bset = _require(args)
    _pick(bset.topics, args.topic, "topic")
    _pick(bset.sources, args.source, "source")
    for value in (args.date_from, args.date_to):
        if value:
            try:
                parse_date(value)
            except ValueError as exc:
                raise UsageError(f"bad date {value!r}: {exc}") from None
    events = query.events(
        bset, topic=args.topic, source=args.source, date_from=args.date_from, date_to=args.date_to
    )

    def rich() -> Iterable[Any]:
        from kzbrief.render import timeline

        return timeline.timeline(bset, events, args.full)

    show(rich, lambda: plain.timeline(events, args.full))
    return EXIT_OK


def _compare(args: argparse.Namespace) -> int:
    from kzbrief import query

    bset = _require(args)
    _pick(bset.topics, args.topic, "topic")
    points = query.contested(bset, args.topic)
    point = _pick(bset.contested, args.point, "contested point")
    from kzbrief.render import compare

    if point is None:
        show(lambda: compare.contested_list(points), lambda: plain.contested_list(points))
    else:
        show(lambda: compare.compare(bset, point), lambda: plain.compare(point))
    return EXIT_OK


def _sources(args: argparse.Namespace) -> int:
    bset = _require(args)
    from kzbrief.render import tables

    show(lambda: tables.sources(bset), lambda: plain.sources(bset))
    return EXIT_OK


def _topics(args: argparse.Namespace) -> int:
    bset = _require(args)
    from kzbrief.render import tables

    show(lambda: tables.topics(bset), lambda: plain.topics(bset))
    return EXIT_OK


def _validate(args: argparse.Namespace) -> int:
    loaded = _load(args, args.path)
    if loaded.problems or loaded.briefing is None:
        write_lines(plain.problems(loaded.problems))
        write_lines([f"{len(loaded.problems)} problem(s) in {sanitise(str(loaded.root))}"])
        return EXIT_PROBLEMS
    b = loaded.briefing
    write_lines(
        [
            f"ok: {sanitise(str(loaded.root))}: {len(b.sources)} sources, {len(b.topics)} topics, "
            f"{len(b.events)} events, {len(b.contested)} contested points, "
            f"{len(b.figures)} figures, {len(b.glossary)} glossary entries"
        ]
    )
    return EXIT_OK


def _documents_folder(args: argparse.Namespace, required: bool) -> Path | None:
    """The documents folder: the command's --sources, the global one, or $KZBRIEF_SOURCES."""
    from kzbrief.documents import SOURCES_ENV, documents_folder

    given = getattr(args, "sources", None)
    if given is None:
        given = args.documents
    if given == "":
        raise UsageError("--sources '' names no folder")
    folder = documents_folder(given)
    if folder is None:
        if required:
            raise UsageError(f"say where the documents are: --sources DIR (or set {SOURCES_ENV})")
        return None
    if not folder.is_dir():
        # repr() escapes control characters itself; escaping first would double the backslashes
        raise UsageError(f"--sources {str(folder)!r} is not a folder")
    return folder


def _verify(args: argparse.Namespace) -> int:
    from kzbrief.load.locate import locate
    from kzbrief.verify import verify

    documents = _documents_folder(args, required=True)
    assert documents is not None
    loaded = _require_loaded(args)
    assert loaded.briefing is not None
    result = verify(loaded.briefing, documents)
    # A document that cannot be read is said once, first, naming the file.
    lines = [f"{u.problem} ({u.quotes} quotes not checked)" for u in result.unreadable]
    for miss in result.misses:
        where = locate(loaded.root, miss.kind, miss.path)
        clipped = miss.quote if len(miss.quote) <= 90 else miss.quote[:89] + "…"
        lines.append(f"{where}: {miss.reason} in {miss.source}'s document: {clipped!r}")
    unchecked = sum(u.quotes for u in result.unreadable)
    lines.append(
        f"{result.checked} quotes ({result.distinct} distinct) checked against "
        f"{sanitise(str(documents))}: {len(result.misses)} not found"
        + (f", {unchecked} in unreadable documents" if unchecked else "")
    )
    write_lines(lines)
    return EXIT_PROBLEMS if result.misses or result.unreadable else EXIT_OK


def _coverage(args: argparse.Namespace) -> int:
    from kzbrief.coverage import coverage
    from kzbrief.documents import read_documents
    from kzbrief.places import locate

    folder = _documents_folder(args, required=True)
    assert folder is not None
    bset = _require(args)
    items = coverage(bset, locate(bset, read_documents(bset, folder)))
    if args.json:
        import json

        data = [
            {
                "document": c.document,
                "sources": list(c.sources),
                "paragraphs": c.paragraphs,
                "cited_paragraphs": c.cited_paragraphs,
                "paragraph_share": round(c.paragraph_share, 4),
                "words": c.words,
                "cited_words": c.cited_words,
                "word_share": round(c.word_share, 4),
                "uncited": [
                    {"paragraph": u.paragraph, "line": u.line, "first_words": u.first_words}
                    for u in c.uncited
                ],
                **({"problem": c.problem} if c.problem else {}),
            }
            for c in items
        ]
        sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    else:
        from kzbrief.render import plain

        def rich() -> Iterable[Any]:
            from kzbrief.render.coverage import coverage as rich_coverage

            return rich_coverage(bset, items)

        show(rich, lambda: plain.coverage(items))
    return EXIT_PROBLEMS if any(c.problem for c in items) else EXIT_OK


def _export(args: argparse.Namespace) -> int:
    import msgspec

    bset = _require_loaded(args).whole()
    assert bset is not None
    folder = _documents_folder(args, required=False)
    placed, unplaced = (None, 0) if folder is None else _with_places(bset, folder)
    data = msgspec.json.format(msgspec.json.encode(placed or bset), indent=2) + b"\n"
    if args.output:
        _write_file(Path(args.output), data)
    else:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    return EXIT_PROBLEMS if unplaced else EXIT_OK


def _with_places(bset: Any, folder: Path) -> tuple[Any, int]:
    """The set as JSON-ready data, each quote with a "place" (null when it has none), and
    how many have none; those, and unreadable documents, are listed on stderr."""
    from kzbrief.documents import read_documents
    from kzbrief.places import add_places, locate

    located = locate(bset, read_documents(bset, folder))
    for problem in located.documents.problems.values():
        _error(problem)
    missing = [u for u in located.unplaced.values() if u.reason == "not found in its document"]
    for u in missing:
        _error(f"{u.document}: not found in its document: {u.quote[:60]!r}")
    return add_places(bset, located), len(located.unplaced)


def _write_file(path: Path, data: bytes) -> None:
    temp = path.with_name(f".{path.name}.tmp")
    try:
        if path.exists() and not path.is_file():
            # A device, FIFO or terminal (`-o /dev/stdout`) is written through: replacing
            # it with a regular file would, for root, turn /dev/null into a file.
            with path.open("wb") as handle:
                handle.write(data)
            return
        temp.write_bytes(data)
        os.replace(temp, path)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise _Failed(f"cannot write {sanitise(str(path))}: {exc.strerror or exc}") from None


def _schema(args: argparse.Namespace) -> int:
    from kzbrief.schema import json_schema, schema_text

    if args.kind:
        text = schema_text(args.kind)
    else:
        import json

        text = (
            json.dumps({k: json_schema(k) for k in FILE_KINDS}, indent=2, ensure_ascii=False) + "\n"
        )
    sys.stdout.write(text)
    return EXIT_OK


_HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {
    "summary": _summary,
    "timeline": _timeline,
    "compare": _compare,
    "sources": _sources,
    "topics": _topics,
    "validate": _validate,
    "verify": _verify,
    "export": _export,
    "coverage": _coverage,
    "schema": _schema,
}

__all__ = ["main"]
