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
from kzbrief.render.output_file import CannotWrite, write_file
from kzbrief.render.streams import guard_standard_streams
from kzbrief.sanitise import escape_line

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
  kzbrief lint briefings/mine          check a set against analytic standards
  kzbrief diff git:HEAD~1              what changed in the set since that revision
  kzbrief --sources ../shared/seeds coverage   what each document has that the set never cites
  kzbrief export --format json -o briefing.json
  kzbrief export --format html -o briefing.html    one web page, readable offline
  kzbrief export --format md --point neutrality --source orozova --source struggles
  kzbrief schema timeline > timeline.schema.json

exit codes: 0 ok (also when a pipe closes early), 1 problems found, 2 usage error.
"""


class UsageError(Exception):
    """A command-line mistake: reported in one line, exit 2, with the command's --help."""

    def __init__(self, message: str, command: str = "") -> None:
        super().__init__(message)
        self.command = command


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:
        command = self.prog.removeprefix("kzbrief").strip()
        raise UsageError(message, command)

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


def _given(text: str) -> str:
    """An option's value, refused when empty: `--briefing ""` must not mean the default."""
    if not text.strip():
        raise argparse.ArgumentTypeError("an empty value names nothing")
    return text


def _width(text: str) -> int:
    try:
        width = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of columns") from None
    if not 20 <= width <= 1000:
        raise argparse.ArgumentTypeError("give 20 to 1000 columns")
    return width


def _global_options(
    parser: argparse.ArgumentParser, *, sub: bool, own: tuple[str, ...] = ()
) -> None:
    """The options every command takes, before or after its name, but those in `own` (the
    command's own options of that name). After the name (`sub`), an option left out
    leaves the value given before it (argparse.SUPPRESS)."""
    default: dict[str, Any] = {"default": argparse.SUPPRESS} if sub else {}
    # After a command's name they are listed below its own options, under their own title.
    target: Any = (
        parser.add_argument_group("global options (before or after the command)") if sub else parser
    )
    target.add_argument(
        "--briefing",
        metavar="NAME|PATH",
        type=_given,
        help="a set's folder, or a name from 'kzbrief list' (default: $KZBRIEF_BRIEFING, "
        "else kazakhstan-russia)",
        **default,
    )
    target.add_argument("--no-cache", action="store_true", help="parse the YAML afresh", **default)
    if "watch" not in own:
        target.add_argument(
            "--watch", action="store_true", help="reader: reload when files change", **default
        )
    target.add_argument(
        "--since",
        metavar="OLD",
        type=_given,
        help="reader: mark what changed since OLD (a folder, a name from 'kzbrief list', "
        "or git:REV)",
        **default,
    )
    if "sources" not in own:
        target.add_argument(
            "--sources",
            dest="documents",
            metavar="DIR",
            type=_given,
            help="folder of the sources' document texts (default: $KZBRIEF_SOURCES)",
            **default,
        )
    target.add_argument(
        "--color",
        "--colour",
        choices=["auto", "always", "never"],
        help="styles: auto (on a terminal), always (Rich layout in a pipe too), never",
        **(default or {"default": "auto"}),
    )
    target.add_argument(
        "--width",
        metavar="N",
        type=_width,
        help="lay out for N columns (default: the terminal's; given, the Rich layout is "
        "kept in a pipe)",
        **default,
    )
    target.add_argument(
        "--no-pager",
        action="store_true",
        help="never page (default: output taller than the terminal goes through "
        "$KZBRIEF_PAGER, $PAGER or 'less -RFX')",
        **default,
    )


_IDS = {
    "topic": "a topic's id or title, as 'kzbrief topics' lists them",
    "source": "a source's id or label, as 'kzbrief sources' lists them",
    "point": "a contested point's id or question, as 'kzbrief compare' lists them",
}


def _documents_option(parser: argparse.ArgumentParser) -> None:
    """`verify --sources` and `coverage --sources`: the same folder the global option names."""
    parser.add_argument(
        "--sources",
        dest="command_documents",
        metavar="DIR",
        type=_given,
        help="folder of document texts (default: the global --sources, else $KZBRIEF_SOURCES)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="kzbrief",
        description="Read a contested issue through several sources at once.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"kzbrief {__version__}")
    _global_options(parser, sub=False)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def command(
        name: str, help: str, *, own: tuple[str, ...] = (), json: str = ""
    ) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help, description=help, allow_abbrev=False)
        _global_options(p, sub=True, own=own)
        if json:
            p.add_argument("--json", action="store_true", help=json)
        return p

    p = command("summary", "the question, bottom line, sources and topics", json="as JSON")
    p.add_argument("--topic", metavar="ID", type=_given, help=f"only this topic: {_IDS['topic']}")
    p.add_argument("--full", action="store_true", help="the whole scope, not its first sentence")
    p = command("timeline", "events in date order", json="events as JSON, as 'export' writes them")
    p.add_argument("--topic", metavar="ID", type=_given, help=f"only this topic: {_IDS['topic']}")
    p.add_argument(
        "--source", metavar="ID", type=_given, help=f"only this source: {_IDS['source']}"
    )
    p.add_argument(
        "--from",
        dest="date_from",
        metavar="DATE",
        type=_given,
        help="from this date on, inclusive: 2022, 2022-03 or 2022-03-24",
    )
    p.add_argument(
        "--to", dest="date_to", metavar="DATE", type=_given, help="up to this date, inclusive"
    )
    p.add_argument(
        "--full", action="store_true", help="with summaries, quotes and notes (piped: as columns)"
    )
    p = command(
        "compare",
        "contested points; one point's positions side by side",
        json="points as JSON, as 'export' writes them",
    )
    p.add_argument(
        "point", nargs="?", metavar="POINT", type=_given, help=f"show one: {_IDS['point']}"
    )
    p.add_argument("--topic", metavar="ID", type=_given, help=f"only this topic: {_IDS['topic']}")
    command("sources", "every source with its metadata", json="sources as JSON")
    command("topics", "topics with their counts", json="topics, with counts, as JSON")
    command("list", "the built-in briefing sets and those on $KZBRIEF_PATH", json="as JSON")
    p = command(
        "validate",
        "check a briefing set; every problem with file:line:col",
        own=("watch",),
        json="problems as JSON",
    )
    p.add_argument(
        "path", nargs="?", metavar="PATH", type=_given,
        help="a set's folder or a name from 'kzbrief list' (default: --briefing)",
    )  # fmt: skip
    p.add_argument(  # SUPPRESS: `kzbrief --watch validate` watches too
        "--watch",
        action="store_true",
        default=argparse.SUPPRESS,
        help="check again on every save; Ctrl-C stops",
    )
    p = command(
        "verify",
        "check every quote verbatim against the source documents",
        own=("sources",),
        json="misses and unreadable documents as JSON",
    )
    _documents_option(p)
    p = command("export", "the set as JSON, or a view of it as Markdown or a web page")
    p.add_argument(
        "--format",
        choices=["json", "md", "html"],
        default="json",
        help="json: the whole set (as --json of the listings); md: Markdown; html: one web page",
    )
    p.add_argument(
        "--topic", metavar="ID", type=_given, help=f"md, html: one topic: {_IDS['topic']}"
    )
    p.add_argument(
        "--point", metavar="ID", type=_given, help=f"md, html: one point: {_IDS['point']}"
    )
    p.add_argument(
        "--source",
        dest="sources",
        action="append",
        metavar="ID",
        type=_given,
        help=f"md, html: show this source, {_IDS['source']} (repeat for more; default: all)",
    )
    p.add_argument("-o", "--output", metavar="FILE", type=_given, help="write here, not stdout")
    p = command(
        "coverage",
        "each document's share cited by the set, and its uncited paragraphs",
        own=("sources",),
        json="as JSON",
    )
    _documents_option(p)
    p = command("schema", "the JSON Schema of a file kind (all kinds when none is given)")
    p.add_argument(
        "kind", nargs="?", choices=list(FILE_KINDS), metavar="KIND",
        help=f"one of: {', '.join(FILE_KINDS)}",
    )  # fmt: skip
    p = command(
        "lint", "check a set against analytic standards; findings with file:line:col",
        json="findings as JSON",
    )  # fmt: skip
    p.add_argument(
        "path", nargs="?", metavar="PATH", type=_given,
        help="a set's folder or a name from 'kzbrief list' (default: --briefing)",
    )  # fmt: skip
    p.add_argument(
        "--explain", nargs="?", const="", metavar="RULE",
        help="what a rule checks (RULE as 'kzbrief lint --explain' lists them; all: no RULE)",
    )  # fmt: skip
    p = command("diff", "what changed between two versions of a set", json="changes as JSON")
    p.add_argument(
        "old", metavar="OLD", type=_given, help="a folder, a name from 'kzbrief list', or git:REV"
    )
    p.add_argument("new", nargs="?", metavar="NEW", help="the same forms (default: the set now)")
    p = command("new", "write a small valid briefing set to start from, with editor schemas")
    p.add_argument("folder", metavar="DIR", type=_given, help="a new or empty folder")
    p = command("completion", "print shell completion (with the current set's ids)")
    p.add_argument(
        "shell", choices=["bash", "zsh", "fish"], metavar="SHELL", help="bash, zsh or fish"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    guard_standard_streams()
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="backslashreplace")
    try:
        code = _parse_and_run(argv)
        sys.stdout.flush()  # a write failing at the end is reported like any other
        return code
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


def _parse_and_run(argv: Sequence[str] | None) -> int:
    try:
        try:
            args = build_parser().parse_args(argv)
        except SystemExit as exc:  # --help or --version has printed: flush it like any output
            return exc.code if isinstance(exc.code, int) else EXIT_OK
        return run(args)
    except UsageError as exc:
        _error(str(exc), f"Try 'kzbrief {exc.command + ' ' if exc.command else ''}--help'.")
        return EXIT_USAGE
    except NotFound as exc:
        _error(str(exc))
        return EXIT_USAGE


def _error(message: str, hint: str = "") -> None:
    """One line on stderr, whatever the message holds (a path may hold a newline)."""
    sys.stderr.write(f"kzbrief: {escape_line(message)}\n" + (f"{hint}\n" if hint else ""))
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


def _require_loaded(args: argparse.Namespace, path: str | None = None) -> Loaded:
    """Load the chosen set once; a set with problems lists them on stderr and fails."""
    loaded = _load(args, path)
    if loaded.briefing is None or loaded.problems:
        for line in plain.problems(loaded.problems):
            sys.stderr.write(line + "\n")
        where = escape_line(str(loaded.root))
        raise _Failed(f"{len(loaded.problems)} problem(s) in {where}; see 'kzbrief validate'")
    return loaded


class _Failed(Exception):
    pass


def _pick(bset: SetParts, part: str, wanted: str | None, what: str) -> Any:
    """The item of `bset.<part>` `wanted` names by id, title or label; None when nothing is
    wanted (and the part, read only then, is not decoded from the cache)."""
    if wanted is None:
        return None
    from kzbrief.pick import NoSuchItem, find  # here: only commands given an id need it

    try:
        return find(list(getattr(bset, part)), wanted, what)
    except NoSuchItem as exc:
        raise UsageError(str(exc)) from None


def run(args: argparse.Namespace) -> int:
    from kzbrief.render.output import configure

    configure(args.color, args.width, not args.no_pager)
    try:
        _reader_only(args)
        handler = _HANDLERS.get(args.command or "", _reader)
        return handler(args)
    except UsageError as exc:
        exc.command = exc.command or args.command or ""
        raise
    except (_Failed, CacheDamaged, CannotWrite) as exc:
        _error(str(exc))
        return EXIT_PROBLEMS


def _reader_only(args: argparse.Namespace) -> None:
    """--watch and --since change what the reader shows; a command would drop them silently."""
    if args.command in (None, "validate"):  # validate takes --watch as its own
        return
    for given, option in ((args.watch, "--watch"), (args.since, "--since")):
        if given:
            hint = "; 'kzbrief validate --watch' re-checks a set" if option == "--watch" else ""
            raise UsageError(f"{option} applies to the reader, not to '{args.command}'{hint}")


def _reader(args: argparse.Namespace) -> int:
    # Textual reads keys from stdin and draws on stderr (`sys.__stderr__`); stdout is
    # checked too, so `kzbrief > file` is refused rather than drawn where no one looks.
    if not all(_is_terminal(s) for s in (sys.__stdin__, sys.stdout, sys.__stderr__)):
        refusal = "the reader needs stdin, stdout and stderr on a terminal"
        _error(f"{refusal}; for text output try 'kzbrief summary' (or --help)")
        if _is_terminal(sys.stdout) and not _is_terminal(sys.__stderr__):
            # `kzbrief 2>/dev/null`: the line above went where no one sees it
            sys.stdout.write(f"kzbrief: {refusal} (stderr is redirected)\n")
        return EXIT_USAGE
    root = resolve_briefing(args.briefing)
    documents = _documents_folder(args, required=False)
    # The cycle collector stays off (`kzbrief.__main__`) while Textual is imported and the
    # first frame drawn: the reader turns it on after that frame, for its hours of running.
    try:
        from kzbrief.tui.app import run_reader  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        _error("the reader is not available in this build; try 'kzbrief summary'")
        return EXIT_USAGE
    since = None
    if args.since:
        old = _version(args.since, root)
        if isinstance(old, int):
            return old
        since = (args.since, old)
    return int(
        run_reader(
            root, use_cache=not args.no_cache, watch=args.watch, since=since, documents=documents
        )
    )


def _is_terminal(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):  # closed (`2>&-` leaves None)
        return False


def _json(data: object) -> None:
    from kzbrief.render.records import encode

    sys.stdout.flush()
    sys.stdout.buffer.write(encode(data))
    sys.stdout.buffer.flush()


def _summary(args: argparse.Namespace) -> int:
    bset = _require(args)
    topic = _pick(bset, "topics", args.topic, "topic")
    if args.json:
        from kzbrief.render import records

        _json(records.summary(bset, topic))
        return EXIT_OK

    def rich() -> Iterable[Any]:
        from kzbrief.render import summary  # here: a pipe never imports Rich

        return summary.summary(bset, topic, args.full)

    show(rich, lambda: plain.summary(bset, topic))
    return EXIT_OK


def _timeline(args: argparse.Namespace) -> int:
    from kzbrief import query
    from kzbrief.dates import parse_date

    bset = _require(args)
    topic = _pick(bset, "topics", args.topic, "topic")
    source = _pick(bset, "sources", args.source, "source")
    bounds = []
    for option, value in (("--from", args.date_from), ("--to", args.date_to)):
        if value:
            try:
                bounds.append(parse_date(value))
            except ValueError as exc:
                raise UsageError(f"{option}: bad date {value!r}: {exc}") from None
    if len(bounds) == 2 and bounds[0].sort_key > query.last_day(args.date_to):
        raise UsageError(f"--from {args.date_from} is after --to {args.date_to}")
    chosen = {
        "topic": topic.id if topic else None,
        "source": source.id if source else None,
        "date_from": args.date_from,
        "date_to": args.date_to,
    }
    if args.json:
        from kzbrief.render import records

        _json(records.timeline(query.events(bset, **chosen)))
        return EXIT_OK
    from kzbrief.load.heads import EventLike, event_heads

    # Without --full a listing shows dates, titles and sources: a cached set's events are
    # decoded without their summaries and quotes.
    items: Sequence[EventLike] = bset.events if args.full else event_heads(bset)
    events = query.chosen_events(items, **chosen)

    def rich() -> Iterable[Any]:
        from kzbrief.render import timeline

        return timeline.timeline(bset, events, args.full)

    show(rich, lambda: plain.timeline(events, args.full))
    return EXIT_OK


def _compare(args: argparse.Namespace) -> int:
    from kzbrief import query

    bset = _require(args)
    topic = _pick(bset, "topics", args.topic, "topic")
    point = _pick(bset, "contested", args.point, "contested point")
    if args.json:
        from kzbrief.render import records

        points = query.contested(bset, topic.id if topic else None)
        _json(records.contested(points if point is None else [point]))
        return EXIT_OK

    def rich() -> Iterable[Any]:
        from kzbrief.render import compare  # here: a pipe never imports Rich

        return compare.compare(bset, point) if point else compare.contested_list(heads)

    if point is None:
        from kzbrief.load.heads import contested_heads

        heads = contested_heads(bset, topic.id if topic else None)
        show(rich, lambda: plain.contested_list(heads))
    else:
        show(rich, lambda: plain.compare(point))
    return EXIT_OK


def _sources(args: argparse.Namespace) -> int:
    bset = _require(args)
    if args.json:
        from kzbrief.render import records

        _json(records.sources(bset))
        return EXIT_OK
    from kzbrief.render import tables

    show(lambda: tables.sources(bset), lambda: plain.sources(bset))
    return EXIT_OK


def _topics(args: argparse.Namespace) -> int:
    bset = _require(args)
    if args.json:
        from kzbrief.render import records

        _json({"topics": records.topics(bset)})
        return EXIT_OK
    from kzbrief.render import tables

    show(lambda: tables.topics(bset), lambda: plain.topics(bset))
    return EXIT_OK


def _validate(args: argparse.Namespace) -> int:
    if args.watch:
        from kzbrief.watch_validate import watch

        return watch(resolve_briefing(args.path or args.briefing), lambda: _check(args))
    return _check(args)


def _check(args: argparse.Namespace) -> int:
    loaded = _load(args, args.path)
    where = escape_line(str(loaded.root))
    if args.json:
        import msgspec

        _json({"root": str(loaded.root), "problems": msgspec.to_builtins(loaded.problems)})
        return EXIT_PROBLEMS if loaded.problems or loaded.briefing is None else EXIT_OK
    if loaded.problems or loaded.briefing is None:
        write_lines(plain.problems(loaded.problems))
        write_lines([f"{len(loaded.problems)} problem(s) in {where}"])
        return EXIT_PROBLEMS
    b = loaded.briefing
    write_lines(
        [
            f"ok: {where}: {len(b.sources)} sources, {len(b.topics)} topics, "
            f"{len(b.events)} events, {len(b.contested)} contested points, "
            f"{len(b.figures)} figures, {len(b.glossary)} glossary entries"
        ]
    )
    return EXIT_OK


def _documents_folder(args: argparse.Namespace, required: bool) -> Path | None:
    """The documents folder: the command's --sources, the global one, or $KZBRIEF_SOURCES."""
    from kzbrief.documents_folder import SOURCES_ENV, documents_folder

    # `verify --sources` and `coverage --sources`, as well as the global option
    given = getattr(args, "command_documents", None)
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
    from kzbrief.load.locate import Locator, locate
    from kzbrief.verify import verify

    documents = _documents_folder(args, required=True)
    assert documents is not None
    loaded = _require_loaded(args)
    assert loaded.briefing is not None
    result = verify(loaded.briefing, documents)
    failed = EXIT_PROBLEMS if result.misses or result.unreadable else EXIT_OK
    if args.json:
        _json(
            {
                "checked": result.checked,
                "distinct": result.distinct,
                "unreadable": [
                    {"problem": u.problem, "quotes": u.quotes} for u in result.unreadable
                ],
                "misses": [
                    {
                        **Locator(loaded.root).place(m.kind, m.path)._asdict(),
                        "source": m.source,
                        "reason": m.reason,
                        "quote": m.quote,
                    }
                    for m in result.misses
                ],
            }
        )
        return failed
    # A document that cannot be read is said once, first, naming the file.
    lines = [f"{u.problem} ({u.quotes} quotes not checked)" for u in result.unreadable]
    for miss in result.misses:
        where = locate(loaded.root, miss.kind, miss.path)
        clipped = miss.quote if len(miss.quote) <= 90 else miss.quote[:89] + "…"
        line = f"{where}: {miss.reason} in {miss.source}'s document: {clipped!r}"
        lines.append(escape_line(line))
    unchecked = sum(u.quotes for u in result.unreadable)
    lines.append(
        f"{result.checked} quotes ({result.distinct} distinct) checked against "
        f"{escape_line(str(documents))}: {len(result.misses)} not found"
        + (f", {unchecked} in unreadable documents" if unchecked else "")
    )
    write_lines(lines)
    return failed


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
    if args.format == "json":
        if args.topic or args.point or args.sources:
            raise UsageError("--topic, --point and --source apply to --format md and html")
        import msgspec

        bset = _require_loaded(args).whole()
        assert bset is not None
        folder = _documents_folder(args, required=False)
        placed, unplaced = (None, 0) if folder is None else _with_places(bset, folder)
        data = msgspec.json.format(msgspec.json.encode(placed or bset), indent=2) + b"\n"
    else:
        data, unplaced = _export_document(args), 0
    if args.output:
        write_file(args.output, data)
    else:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
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


def _export_document(args: argparse.Namespace) -> bytes:
    """`kzbrief export --format md|html`: the set, a topic or a point, from the chosen sources."""
    from kzbrief.render.export import render
    from kzbrief.scope import Scope

    bset = _require(args)
    topic = _pick(bset, "topics", args.topic, "topic")
    point = _pick(bset, "contested", args.point, "contested point")
    picked = [_pick(bset, "sources", source, "source").id for source in args.sources or ()]
    shown = set(picked or (s.id for s in bset.sources))
    scope = Scope(
        sections=("compare",) if point else Scope().sections,
        topic=topic.id if topic else None,
        point=point.id if point else None,
        hidden=frozenset(s.id for s in bset.sources if s.id not in shown),
    )
    folder = _documents_folder(args, required=False)
    places = None
    if folder is not None:  # with the documents, every quote says where it stands in them
        from kzbrief.places import places as find_places

        places = {key: place.cite() for key, place in find_places(bset, folder).items()}
    return render(args.format, bset, scope, places).encode("utf-8")


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


def _lint(args: argparse.Namespace) -> int:
    from kzbrief import lint
    from kzbrief.load.locate import Locator
    from kzbrief.render import lint as render_lint

    if args.explain is not None:
        return _explain(args.explain)
    loaded = _require_loaded(args, args.path)
    assert loaded.briefing is not None
    report = lint.lint(loaded.briefing)
    locator = Locator(loaded.root)
    order = {kind: i for i, kind in enumerate(FILE_KINDS)}
    found = sorted(
        ((locator.place(f.kind, f.path), f) for f in report.findings),
        key=lambda pf: (order.get(pf[1].kind, len(order)), pf[0].line, pf[0].col, pf[1].rule),
    )
    if args.json:
        sys.stdout.flush()
        sys.stdout.buffer.write(render_lint.as_json(found, report.ignored))
        sys.stdout.buffer.flush()
    else:
        show(lambda: render_lint.rich(found, report.ignored), lambda: render_lint.plain(found))
        from kzbrief.render.output import rich_layout

        if not rich_layout():
            sys.stdout.flush()
            sys.stderr.write(render_lint.tally(found, report.ignored) + "\n")
    return EXIT_PROBLEMS if any(f.severity == "error" for f in report.findings) else EXIT_OK


def _explain(rule_id: str) -> int:
    from kzbrief.lint import RULES, explain

    if not rule_id:
        write_lines(f"{r.id}\t{r.severity}\t{r.summary}" for r in RULES.values())
        return EXIT_OK
    if rule_id not in RULES:
        raise UsageError(f"no rule {rule_id!r} (known: {', '.join(RULES)})")
    sys.stdout.write(explain(rule_id))
    return EXIT_OK


def _version(spec: str, current: Path) -> Any:
    """The set version `spec` names, whole; or, when it cannot be read, exit code 2 (its
    problems said on stderr): 1 is taken by `diff` for "the versions differ"."""
    from kzbrief.load.version import VersionTrouble, load_version

    try:
        loaded, bset = load_version(spec, current)
    except VersionTrouble as exc:
        _error(str(exc))
        return EXIT_USAGE
    if bset is None or loaded.problems:
        for line in plain.problems(loaded.problems):
            sys.stderr.write(line + "\n")
        _error(f"{len(loaded.problems)} problem(s) in {spec}")
        return EXIT_USAGE
    return bset


def _diff(args: argparse.Namespace) -> int:
    from kzbrief.diff import diff
    from kzbrief.render import diff as render_diff

    current = resolve_briefing(args.briefing)
    new_spec = args.new or str(current)
    old, new = _version(args.old, current), _version(new_spec, current)
    if isinstance(old, int) or isinstance(new, int):
        return EXIT_USAGE
    changes = diff(old, new)
    if args.json:
        sys.stdout.flush()
        sys.stdout.buffer.write(render_diff.as_json(changes, args.old, new_spec))
        sys.stdout.buffer.flush()
    else:
        show(
            lambda: render_diff.rich(changes, args.old, new_spec),
            lambda: render_diff.plain(changes),
        )
    return EXIT_PROBLEMS if changes else EXIT_OK


def _list(args: argparse.Namespace) -> int:
    from kzbrief.load import known_sets

    found = known_sets()
    if args.json:
        _json({"briefings": [{"name": name, "path": str(path)} for name, path in found]})
    else:
        write_lines(["name\tpath"] + [f"{name}\t{escape_line(str(path))}" for name, path in found])
    return EXIT_OK


def _new(args: argparse.Namespace) -> int:
    from kzbrief.new_set import CannotCreate, write_new_set

    folder = Path(args.folder)
    try:
        written = write_new_set(folder)
    except CannotCreate as exc:
        raise _Failed(str(exc)) from None
    where = escape_line(str(folder))
    write_lines(
        [f"wrote {len(written)} files and their schemas (.schemas/) in {where}",
         f"next: edit them, then 'kzbrief validate {where}' (or 'validate --watch')"]
    )  # fmt: skip
    return EXIT_OK


def _completion(args: argparse.Namespace) -> int:
    import re

    from kzbrief.completion import SHELLS, Words
    from kzbrief.load import known_sets

    # A folder's name is data: only plain names go into a script the shell will run.
    plain_name = re.compile(r"[A-Za-z0-9._-]+")
    ids: dict[str, list[str]] = {
        "briefing": [name for name, _ in known_sets() if plain_name.fullmatch(name)],
        "kind": list(FILE_KINDS),
    }
    try:  # the current set's ids; a set that cannot load still completes commands
        bset = _require(args)
        ids |= {
            "topic": [t.id for t in bset.topics],
            "source": [s.id for s in bset.sources],
            "point": [c.id for c in bset.contested],
        }
    except (_Failed, NotFound, CacheDamaged):
        ids |= {"topic": [], "source": [], "point": []}
    sys.stdout.write(SHELLS[args.shell](Words(build_parser(), ids)))
    return EXIT_OK


_HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {
    "list": _list,
    "new": _new,
    "completion": _completion,
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
    "lint": _lint,
    "diff": _diff,
}

__all__ = ["main"]
