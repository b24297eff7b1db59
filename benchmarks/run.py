"""Run every kzbrief benchmark and print each figure against its target.

    python benchmarks/run.py                 # full run (15 CLI rounds, 7 first-paint rounds)
    python benchmarks/run.py --quick         # fewer rounds, for a quick look
    python benchmarks/run.py --write-readme  # also refresh the table in benchmarks/README.md
    python benchmarks/run.py --no-cli --only-paint  # only the first paints, for a quick loop

The 10× and 100× sets are written by benchmarks/synth.py into benchmarks/out/
(rebuilt only when the 1× set or synth.py changes), and every program runs with
a private parse cache in benchmarks/out/cache, warmed before timing. Compared
commands are alternated within one run, so each ratio is taken side by side.
See benchmarks/README.md for the method.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import Run, Tmux, alternate, bench_env, peak_rss, run_piped, run_terminal

from kzbrief.load import load_set

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
OUT = HERE / "out"
README = HERE / "README.md"
PY = sys.executable
_script = Path(PY).parent / "kzbrief"
KZBRIEF = [str(_script)] if _script.exists() else [PY, "-m", "kzbrief"]
REAL = list(KZBRIEF)  # the console script, as users run it
UNCAPPED = [PY, str(HERE / "uncapped.py")]
NOTES: list[str] = []  # printed under the table
FLOOR = [PY, "-c", "import rich.console, rich.table, yaml"]
BASELINE_APP = [PY, str(HERE / "baseline_app.py")]
SCALES = (1, 10, 100)
SAVES = 100
"""Saves under --watch at 100× (fewer with --quick)."""
SCALED = ("summary", "timeline", "compare", "sources", "topics")
"""Commands whose 100× time is held to 2× their 1× time, piped and on a terminal."""
PEERS: Path | None = None
SOURCES: Path | None = None
"""The documents' folder, for the Documents tab (--sources DIR or $KZBRIEF_SOURCES)."""
"""A virtualenv with toolong and frogmouth (--peers DIR or $KZBRIEF_PEERS)."""


@dataclass
class Figure:
    name: str
    value: str
    target: str = ""
    met: bool | None = None  # None: for information, no target

    @property
    def status(self) -> str:
        return "" if self.met is None else ("met" if self.met else "MISSED")


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def ratio_figure(name: str, value: float, base: float, limit: float | None, what: str) -> Figure:
    r = value / base
    target = f"≤ {limit:g}× {what}" if limit is not None else f"(vs {what})"
    return Figure(name, f"{ms(value)} = {r:.2f}×", target, None if limit is None else r <= limit)


# --- the sets ------------------------------------------------------------------------------


def base_set() -> Path:
    from synth import DEFAULT_FROM, FALLBACK_FROM

    loaded = load_set(DEFAULT_FROM, use_cache=False)
    if loaded.ok:
        return DEFAULT_FROM
    print(
        f"note: {DEFAULT_FROM} is not valid yet; measuring {FALLBACK_FROM} instead", file=sys.stderr
    )
    return FALLBACK_FROM


def build_sets(base: Path, env: dict[str, str]) -> dict[int, Path]:
    """The 1× set and its 10× and 100× copies, each validated (which also warms the cache)."""
    digest = hashlib.sha256((HERE / "synth.py").read_bytes())
    for path in sorted(base.glob("*.yaml")):
        digest.update(path.name.encode() + path.read_bytes())
    stamp = digest.hexdigest()
    sets = {1: base}
    for n in SCALES[1:]:
        out = OUT / f"x{n}"
        stamp_file = out / ".stamp"
        if not (stamp_file.exists() and stamp_file.read_text() == stamp):
            print(f"writing the {n}× set into {out.relative_to(REPO)} …", file=sys.stderr)
            cmd = [
                PY,
                str(HERE / "synth.py"),
                "--scale",
                str(n),
                "--out",
                str(out),
                "--from",
                str(base),
            ]
            subprocess.run(cmd, check=True, env=env, stdout=subprocess.DEVNULL)
            stamp_file.write_text(stamp)
        sets[n] = out
    for n, root in sets.items():
        done = validate(root, env)
        if done.returncode != 0 and "the limit is" in done.stdout and KZBRIEF != UNCAPPED:
            NOTES.append(
                f"the {n}× set is larger than kzbrief's size caps (MAX_FILE_BYTES/MAX_SET_BYTES "
                "in kzbrief/load/files.py), so the figures compared across scales (1× included) "
                "ran kzbrief through benchmarks/uncapped.py, which lifts them; the comparisons "
                "with the floor and the one-line app ran the kzbrief script itself"
            )
            KZBRIEF[:] = UNCAPPED
            done = validate(root, env)
        if done.returncode != 0:
            raise SystemExit(f"the {n}× set {root} is not valid:\n{done.stdout[-2000:]}")
        print(f"{n:>3}×  {done.stdout.strip()}", file=sys.stderr)
    return sets


def validate(root: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*KZBRIEF, "validate", str(root)], capture_output=True, text=True, env=env, check=False
    )


# --- the reader ----------------------------------------------------------------------------


def reader_available() -> str | None:
    """None when `kzbrief` launches the reader, else why not."""
    app = REPO / "kzbrief" / "tui" / "app.py"
    if not app.exists() or not re.search(r"^def run_reader\b", app.read_text(), re.M):
        return "kzbrief/tui/app.py does not define run_reader yet"
    return None


def question_needle(root: Path) -> str:
    """The first words of the set's question, as the Overview shows them: the first words
    a reader reads (the header and topic list are chrome). Whole words, up to 20
    characters, so they fit on the question's first line."""
    loaded = load_set(root, use_cache=False)
    assert loaded.briefing is not None
    words = loaded.briefing.briefing.question.split()
    needle = words[0]
    for word in words[1:]:
        if len(needle) + 1 + len(word) > 20:
            break
        needle += " " + word
    return needle


# --- the peers: other Textual readers, measured in the same run -----------------------------

PEER_LOG_LINE = "peer benchmark: the first line of a short log"
PEER_MARKDOWN_LINE = "The first paragraph of a short Markdown document."


def peer_programs(peers: Path | None) -> dict[str, tuple[list[str], str]]:
    """name: (argv, the text it shows first) for each peer installed in `peers` (a venv)."""
    if peers is None:
        return {}
    OUT.mkdir(exist_ok=True)
    log = OUT / "peer.log"
    log.write_text("".join(f"2026-01-01 00:00:{i:02d} {PEER_LOG_LINE} ({i})\n" for i in range(40)))
    markdown = OUT / "peer.md"
    markdown.write_text(f"# A short document\n\n{PEER_MARKDOWN_LINE}\n\n## More\n\nText.\n")
    found = {}
    tl, frogmouth = peers / "bin" / "tl", peers / "bin" / "frogmouth"
    if tl.exists():
        found["toolong"] = ([str(tl), str(log)], PEER_LOG_LINE)
    if frogmouth.exists():
        found["frogmouth"] = ([str(frogmouth), str(markdown)], PEER_MARKDOWN_LINE)
    return found


# --- the run -------------------------------------------------------------------------------


def cli_figures(sets: dict[int, Path], env: dict[str, str], runs: int) -> list[Figure]:
    def kz(
        *args: str, scale: int = 1, piped: bool = False, real: bool = False
    ) -> Callable[[], Run]:
        argv = [*(REAL if real else KZBRIEF), "--briefing", str(sets[scale]), *args]
        return (lambda: run_piped(argv, env)) if piped else (lambda: run_terminal(argv, env))

    # The floor comparison always runs the real `kzbrief` script on the 1× set; the scaling
    # ratios compare runs made the same way at every scale (through uncapped.py if needed).
    commands = {
        "floor": lambda: run_terminal(FLOOR, env),
        "summary": kz("summary", real=True),
        "summary-pipe": kz("summary", piped=True, real=True),
        "summary-nocache": kz("--no-cache", "summary", real=True),
        "topics": kz("topics"),
        "topics-10": kz("topics", scale=10),
        "topics-100": kz("topics", scale=100),
        "topics-pipe": kz("topics", piped=True),
        "topics-100-pipe": kz("topics", scale=100, piped=True),
        "summary-10": kz("summary", scale=10),
        "summary-100": kz("summary", scale=100),
    }
    for command in SCALED:
        for piped in (False, True):
            how = "-pipe" if piped else ""
            for n in (1, 100):
                key = f"{command}-{n}{how}"
                if key not in commands and not (command == "topics" and n == 1):
                    commands[key] = kz(command, scale=n, piped=piped)
    print(f"CLI: {len(commands)} commands × {runs} alternated rounds …", file=sys.stderr)
    s = alternate(commands, runs)
    m = {k: v.median for k, v in s.items()}
    floor, summary1, topics1 = m["floor"], m["summary-1"], m["topics"]
    figs = [
        Figure("floor: python -c 'import rich.console, rich.table, yaml'", ms(floor)),
        ratio_figure(
            "kzbrief summary (1×, terminal, warm cache)", m["summary"], floor, 1.3, "floor"
        ),
        ratio_figure("kzbrief summary (1×, piped)", m["summary-pipe"], floor, None, "floor"),
        ratio_figure(
            "kzbrief summary (1×, --no-cache)", m["summary-nocache"], floor, None, "floor"
        ),
        Figure("kzbrief topics (1×, terminal)", ms(topics1)),
        ratio_figure("kzbrief topics (10×)", m["topics-10"], topics1, None, "topics 1×"),
        ratio_figure("kzbrief summary (10×)", m["summary-10"], summary1, None, "summary 1×"),
    ]
    m["topics-1"], m["topics-1-pipe"] = m["topics"], m["topics-pipe"]
    for command in SCALED:
        for how, label in (("", "terminal"), ("-pipe", "piped")):
            one = m[f"{command}-1{how}"]
            figs.append(
                ratio_figure(
                    f"kzbrief {command} (100×, {label})",
                    m[f"{command}-100{how}"],
                    one,
                    2,
                    f"{command} 1× ({ms(one)})",
                )
            )
    # Peak memory apart from the timings (see measure.peak_rss): the largest of 3 runs.
    for n, command in ((1, "topics"), (10, "topics"), (100, "topics"), (100, "summary")):
        argv = [*KZBRIEF, "--briefing", str(sets[n]), command]
        rss = max(peak_rss(argv, env) for _ in range(3))
        figs.append(Figure(f"CLI peak RSS, kzbrief {command} ({n}×)", f"{rss:.0f} MB"))
    return figs


def reader_figures(
    sets: dict[int, Path], env: dict[str, str], runs: int, only_paint: bool = False
) -> list[Figure]:
    why = reader_available() or (None if shutil.which("tmux") else "tmux is not installed")
    if why:
        return [
            Figure("reader first paint / memory / key latency", f"not measured: {why}", "", False)
        ]
    from baseline_app import LINE

    needle = question_needle(sets[1])
    peers = peer_programs(PEERS)
    figs: list[Figure] = []
    with Tmux(env) as tmux:

        def reader(n: int, real: bool = False) -> list[str]:
            return [*(REAL if real else KZBRIEF), "--briefing", str(sets[n])]

        def paint(argv: list[str], needle: str) -> Callable[[], Run]:
            return lambda: tmux.first_paint(argv, env, needle)

        commands = {
            "baseline": paint(BASELINE_APP, LINE),
            "reader": paint(reader(1, real=True), needle),
            **{f"reader-{n}": paint(reader(n), needle) for n in SCALES[1:]},
            **{name: paint(argv, text) for name, (argv, text) in peers.items()},
        }
        if KZBRIEF != REAL:
            commands["reader-1"] = paint(reader(1), needle)
        print(
            f"reader: {len(commands)} programs × {runs} alternated rounds in tmux …",
            file=sys.stderr,
        )
        s = alternate(commands, runs)
        m = {k: v.median for k, v in s.items()}
        reader1 = m.get("reader-1", m["reader"])
        figs += [
            Figure("first paint: one-line Textual app (tmux 120×40)", ms(m["baseline"])),
            ratio_figure(
                "reader: the question on screen (1×)", m["reader"], m["baseline"], 1.5,
                "one-line app",
            ),
            ratio_figure(
                "reader: the question on screen (10×)", m["reader-10"], reader1, None, "reader 1×"
            ),
            ratio_figure(
                "reader: the question on screen (100×)", m["reader-100"], reader1, 2, "reader 1×"
            ),
        ]  # fmt: skip
        for name in peers:
            what = "its log" if name == "toolong" else "its Markdown"
            figs.append(
                Figure(
                    f"{name}: {what} on screen",
                    f"{ms(m[name])} = {m[name] / m['baseline']:.2f}× one-line app",
                    "kzbrief 1× ahead",
                    m["reader"] < m[name],
                )
            )
        if not peers:
            NOTES.append(
                "toolong and frogmouth were not measured: install them in a separate "
                "environment and pass --peers DIR (see benchmarks/README.md)"
            )
        settle = 2.0
        for n in () if only_paint else SCALES:
            run = tmux.first_paint(reader(n), env, needle, settle=settle)
            limit = 250 if n == 100 else None
            figs.append(
                Figure(
                    f"reader peak RSS ({n}×, {settle:g} s after first paint)",
                    f"{run.rss_mb:.0f} MB",
                    "≤ 250 MB" if limit else "",
                    None if limit is None else run.rss_mb <= limit,
                )
            )
    if only_paint:
        return figs
    figs += key_latency_figures(sets[100], env, presses=100)
    figs += tab_figures(sets[100], env, rounds=max(1, runs // 3))
    figs += reload_figures(sets[100], env, saves=SAVES)
    return figs


def _script(name: str, root: Path, env: dict[str, str], *args: str) -> dict[str, Any] | str:
    """Run benchmarks/NAME on `root`: its JSON result, or why it failed."""
    argv = [PY, str(HERE / name), "--briefing", str(root), *args]
    if KZBRIEF == UNCAPPED:
        argv.append("--uncapped")
    done = subprocess.run(argv, capture_output=True, text=True, env=env, check=False, timeout=3600)
    if done.returncode != 0 or not done.stdout.strip():
        tail = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["?"]
        return tail[0]
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def tab_figures(root: Path, env: dict[str, str], rounds: int) -> list[Figure]:
    print(
        "reader: each tab's first screen and every list's keys at 100× (Pilot) …", file=sys.stderr
    )
    sources = ["--sources", str(SOURCES)] if SOURCES else []
    if not SOURCES:
        NOTES.append(
            "the Documents tab was not measured: pass --sources DIR (or set KZBRIEF_SOURCES) "
            "to the folder of the set's documents"
        )
    r = _script("tabs.py", root, env, "--rounds", str(rounds), "--presses", "30", *sources)
    if isinstance(r, str):
        return [Figure("tabs and lists at 100×", f"failed: {r}", "≤ 300 ms, ≤ 50 ms", False)]
    figs = [Figure("question on screen, 100× (Pilot, headless)", f"{r['question_ms']:.0f} ms")]
    for tab, value in r["tab_ms"].items():
        figs.append(
            Figure(
                f"100×: {tab} tab's first screen after its key",
                f"{value:.0f} ms",
                "≤ 300 ms",
                value <= 300,
            )
        )
    for name, value in r["list_ms"].items():
        figs.append(
            Figure(
                f"100×: key-to-repaint, j in the {name} list (median of 30)",
                "no rows" if value is None else f"{value:.1f} ms",
                "≤ 50 ms",
                value is not None and value <= 50,
            )
        )
    return figs


def reload_figures(root: Path, env: dict[str, str], saves: int) -> list[Figure]:
    print(f"reader: {saves} saves under --watch at 100× (Pilot) …", file=sys.stderr)
    cold = []
    for _ in range(3):
        with tempfile.TemporaryDirectory() as cache:
            fresh = {**env, "KZBRIEF_CACHE_DIR": cache}
            cold.append(run_piped([*KZBRIEF, "validate", str(root)], fresh).seconds)
    validate = statistics.median(cold)
    r = _script("reload.py", root, env, "--saves", str(saves))
    if isinstance(r, str):
        return [Figure("live reload at 100×", f"failed: {r}", "≤ 1.5× cold validate", False)]
    grown = r["rss_last_mb"] / r["rss_first_mb"]
    return [
        Figure("cold kzbrief validate (100×, empty cache)", ms(validate)),
        ratio_figure(
            f"100×: a save on screen under --watch (median of {r['saves']})",
            r["reload_median_s"],
            validate,
            1.5,
            "cold validate",
        ),
        Figure(
            f"100×: reader memory after save 1 → save {r['saves']}",
            f"{r['rss_first_mb']:.0f} → {r['rss_last_mb']:.0f} MB ({grown:.2f}×)",
            "flat (≤ 1.1×)",
            grown <= 1.1,
        ),
    ]


def key_latency_figures(root: Path, env: dict[str, str], presses: int) -> list[Figure]:
    print(f"reader: {presses} key presses in the 100× timeline (Pilot) …", file=sys.stderr)
    argv = [PY, str(HERE / "keylatency.py"), "--briefing", str(root), "--presses", str(presses)]
    if KZBRIEF == UNCAPPED:
        argv.append("--uncapped")
    done = subprocess.run(argv, capture_output=True, text=True, env=env, check=False, timeout=900)
    if done.returncode != 0 or not done.stdout.strip():
        tail = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["?"]
        return [
            Figure("key-to-repaint latency (100× timeline)", f"failed: {tail[0]}", "≤ 50 ms", False)
        ]
    r = json.loads(done.stdout.strip().splitlines()[-1])
    med = r["repaint_median_ms"]
    return [
        Figure(
            f"key-to-repaint latency, j in the 100× timeline (median of {r['presses']})",
            f"{med:.1f} ms (p90 {r['repaint_p90_ms']:.1f}, max {r['repaint_max_ms']:.1f})",
            "≤ 50 ms",
            med <= 50,
        ),
        Figure(
            "  … until the detail pane has settled too",
            f"{r['settled_median_ms']:.1f} ms (p90 {r['settled_p90_ms']:.1f}, "
            f"max {r['settled_max_ms']:.1f})",
        ),
        Figure(f"opening the 100× timeline tab ({r['rows']} rows)", ms(r["open_timeline_s"])),
        Figure(
            "reader peak RSS (100×, Pilot, after the presses)",
            f"{r['rss_mb']:.0f} MB",
            "≤ 250 MB",
            r["rss_mb"] <= 250,
        ),
    ]


def table(figures: list[Figure], markdown: bool) -> str:
    head = ("Figure", "Result", "Target", "Met")
    rows = [(f.name, f.value, f.target, f.status) for f in figures]
    if markdown:
        lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        lines += ["| " + " | ".join(c.replace("|", "\\|") for c in row) + " |" for row in rows]
        return "\n".join(lines)
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    fmt = "  ".join(f"{{:<{w}}}" for w in widths)
    return "\n".join(fmt.format(*r).rstrip() for r in [head, tuple("-" * w for w in widths), *rows])


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} CPUs, Python {platform.python_version()}, {platform.system()}"


def write_readme(text: str) -> None:
    content = README.read_text()
    start, end = "<!-- results:start -->", "<!-- results:end -->"
    if start not in content or end not in content:
        raise SystemExit(f"{README} lacks the {start} … {end} markers")
    before, rest = content.split(start, 1)
    _, after = rest.split(end, 1)
    README.write_text(f"{before}{start}\n{text}\n{end}{after}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="5 CLI rounds, 3 first-paint rounds")
    parser.add_argument("--cli-runs", type=int, help="CLI rounds (default 15)")
    parser.add_argument("--paint-runs", type=int, help="first-paint rounds (default 7)")
    parser.add_argument("--no-reader", action="store_true", help="skip the reader's figures")
    parser.add_argument("--no-cli", action="store_true", help="skip the command line's figures")
    parser.add_argument(
        "--peers",
        type=Path,
        default=os.environ.get("KZBRIEF_PEERS") or None,
        metavar="DIR",
        help="a virtualenv with toolong and frogmouth, measured beside kzbrief",
    )
    parser.add_argument(
        "--sources",
        type=Path,
        default=os.environ.get("KZBRIEF_SOURCES") or None,
        metavar="DIR",
        help="the documents' folder, so the Documents tab is measured too",
    )
    parser.add_argument(
        "--only-paint",
        action="store_true",
        help="of the reader's figures, only the first paints (no memory, keys, tabs or reload)",
    )
    parser.add_argument("--saves", type=int, help="saves under --watch at 100× (default 100)")
    parser.add_argument("--write-readme", action="store_true", help="refresh benchmarks/README.md")
    args = parser.parse_args()
    cli_runs = args.cli_runs or (5 if args.quick else 15)
    paint_runs = args.paint_runs or (3 if args.quick else 7)
    global PEERS, SAVES, SOURCES
    PEERS = Path(args.peers) if args.peers else None
    SOURCES = Path(args.sources) if args.sources else None
    SAVES = args.saves or (10 if args.quick else SAVES)

    env = bench_env(OUT / "cache")
    OUT.mkdir(exist_ok=True)
    sets = build_sets(base_set(), env)
    load_before = os.getloadavg()[0]
    figures = [] if args.no_cli else cli_figures(sets, env, cli_runs)
    if not args.no_reader:
        figures += reader_figures(sets, env, paint_runs, only_paint=args.only_paint)
    load_after = os.getloadavg()[0]
    if max(load_before, load_after) > 0.5 * (os.cpu_count() or 1):
        NOTES.append(
            f"the machine was busy (load average {load_before:.1f} before, {load_after:.1f} "
            "after): other programs' work inflates some rounds; run again when it is idle"
        )

    when = datetime.datetime.now().strftime("%Y-%m-%d %H:%M")
    command = " ".join(["python benchmarks/run.py", *sys.argv[1:]]).replace(" --write-readme", "")
    about = (
        f"{when}; `{command}`; medians of {cli_runs} CLI and {paint_runs} first-paint rounds; "
        f"1× = {sets[1].relative_to(REPO)}; {machine()}; load average {load_before:.1f} → "
        f"{load_after:.1f}"
    )
    print()
    print(table(figures, markdown=False))
    print()
    print(about)
    for note in NOTES:
        print(f"note: {note}")
    missed = [f.name for f in figures if f.met is False]
    print("all targets met" if not missed else f"missed: {'; '.join(missed)}")
    if args.write_readme:
        notes = "".join(f"\n\nNote: {note}." for note in NOTES)
        write_readme(f"{table(figures, markdown=True)}\n\n{about}{notes}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
