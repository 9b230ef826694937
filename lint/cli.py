"""The `copydesk` command line: check, rules, explain, serve.

Exit codes: 0 nothing at or above the threshold, 1 findings, 2 usage, config or input error.
"""

import argparse
import gc
import os
import sys
from pathlib import Path

from lint import __version__
from lint.errors import CopydeskError, InputError
from lint.finding import SEVERITIES
from lint.formats import FORMATS, Report, render

# Modules that compile patterns at import time (lint.runner and what it imports) are imported
# inside the commands, after `lint.regex_cache.prime_regexes()`: start-up is what a pre-commit hook pays.

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _terminal_columns() -> int:
    """`shutil.get_terminal_size().columns`, without importing shutil (and with it zlib, bz2
    and lzma): argparse asks for it each time it makes a help formatter, which it does for
    every argument added, so every start would pay for that import."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns > 0:
        return columns
    try:
        columns = os.get_terminal_size(sys.__stdout__.fileno()).columns
    except (AttributeError, ValueError, OSError):
        columns = 0
    return columns or 80


def _help_formatter(prog: str) -> argparse.HelpFormatter:
    """argparse's own formatter at the width it would choose itself (the terminal's, less 2)."""
    return argparse.HelpFormatter(prog, width=_terminal_columns() - 2)


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", _help_formatter)
        super().__init__(*args, **kwargs)

    def error(self, message):
        self.exit(EXIT_ERROR, f"copydesk: {message}\n")


# Garbage collection while the command starts: imports, the regex cache and the rule packs
# make tens of thousands of objects that live until exit, and the collector would trace them
# again and again. The command pauses it until the first file is linted, then freezes what
# exists (it lives until exit, so is never collected) and resumes for the rest of the run.
_GC = {"paused": False}


def _pause_gc() -> None:
    gc.disable()
    _GC["paused"] = True


def _resume_gc() -> None:
    """Resume collection paused by `_pause_gc` (also in forked --jobs workers, which inherit it)."""
    if _GC["paused"]:
        _GC["paused"] = False
        gc.freeze()
        gc.enable()


def _skip_exit_collection() -> None:
    """Interpreter shutdown runs a full garbage collection over every object the command made:
    milliseconds a pre-commit hook pays for nothing. Freezing moves them out of its reach;
    the process ends right after."""
    gc.freeze()


def _names(value: str) -> list[str]:
    return [name for name in value.replace(",", " ").split() if name]


def _jobs(value: str) -> int:
    try:
        jobs = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of jobs: {value!r}") from None
    if jobs < 0:
        raise argparse.ArgumentTypeError("--jobs must be 0 (one per CPU) or more")
    return jobs or os.cpu_count() or 1


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="copydesk", description="Editorial style and provenance linter for news copy.")
    parser.add_argument("--version", action="version", version=f"copydesk {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    check = commands.add_parser("check", help="lint articles")
    check.add_argument("paths", nargs="*", default=["."], help="files or folders; - for standard input")
    check.add_argument(
        "--format", choices=FORMATS, help="report format (default: text; github when GITHUB_ACTIONS=true)"
    )
    check.add_argument(
        "--output", "-o", type=Path, help="write the report to this file; a summary still goes to stdout"
    )
    check.add_argument("--statistics", action="store_true", help="count findings per rule after the report")
    check.add_argument("--diff-base", metavar="REV", help="only findings on lines changed since this git revision")
    check.add_argument("--fix", action="store_true", help="apply safe fixes (remove flagged page furniture)")
    check.add_argument("--diff", action="store_true", help="print the safe fixes as a unified diff; write nothing")
    check.add_argument("--fail-on", choices=SEVERITIES, help="lowest severity that fails (default: warning)")
    check.add_argument("--select", type=_names, action="extend", default=[], help="rule ids or categories to run")
    check.add_argument("--ignore", type=_names, action="extend", default=[], help="rule ids or categories to skip")
    check.add_argument("--config", type=Path, help="use this config file instead of searching for one")
    check.add_argument("--rules", type=Path, action="append", default=[], help="an extra rule folder")
    check.add_argument("--stdin-filename", help="name to report for standard input")
    check.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    check.add_argument("--jobs", "-j", type=_jobs, default=1, help="lint files in N processes (0: one per CPU; default 1)")
    check.add_argument("--no-cache", action="store_true", help="do not read or write the rule and regex cache")
    check.add_argument(
        "--report-unused-suppressions", action="store_true", help="report suppression comments that suppress nothing"
    )

    rules = commands.add_parser("rules", help="list the rules that run here, with their effective severity")
    rules.add_argument("--config", type=Path, help="use this config file instead of the current folder's")
    rules.add_argument("--rules", type=Path, action="append", default=[], help="an extra rule folder")
    rules.add_argument("--all", action="store_true", help="include rules that do not run here, with the reason")

    explain = commands.add_parser("explain", help="why a rule exists, its examples, how to suppress it; or a kind's options")
    explain.add_argument("rule", nargs="?", help="a rule id (see `copydesk rules --all`)")
    explain.add_argument("--kind", metavar="NAME", help="document a rule kind and its options instead")
    explain.add_argument("--config", type=Path, help="use this config file instead of the current folder's")
    explain.add_argument("--rules", type=Path, action="append", default=[], help="an extra rule folder")

    config = commands.add_parser("config", help="print the effective configuration for a file or folder")
    config.add_argument("path", nargs="?", default=".", help="an article or folder (default: the current folder)")
    config.add_argument("--config", type=Path, help="use this config file instead of searching for one")
    config.add_argument("--rules", type=Path, action="append", default=[], help="an extra rule folder")

    test = commands.add_parser("test", help="check every rule's fail and pass examples")
    test.add_argument("packs", nargs="*", help="rule folders to test (default: every rule the current folder loads)")
    test.add_argument("--config", type=Path, help="use this config file instead of the current folder's")
    test.add_argument("--rules", type=Path, action="append", default=[], help="an extra rule folder")

    serve = commands.add_parser("serve", help="the editors' draft page: lint drafts in a browser (extra: serve)")
    serve.add_argument("root", nargs="?", type=Path, default=Path("."), help="content repository; files open only under it")
    serve.add_argument("--port", type=int, default=8765, help="port to listen on (default 8765; 0 picks a free one)")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1, this machine only)")
    serve.add_argument("--config", type=Path, help="use this config file instead of searching for one")
    serve.add_argument("--rules", type=Path, action="append", default=[], help="an extra rule folder")
    return parser


def _error(message: str) -> None:
    print(f"copydesk: {message}", file=sys.stderr)


def _targets(paths: list[str]):
    """(path, display name, named directly) for each article the command line reaches."""
    for name in paths:
        if name == "-":
            yield None, name, True
            continue
        path = Path(name)
        if path.is_dir():
            from lint.files import walk

            for found in walk(path):
                yield found, str(found), False
        else:
            yield path, name, True


def _use_color(choice: str) -> bool:
    if choice != "auto":
        return choice == "always"
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ


def _report_root(cwd: Path) -> Path:
    """Where CI formats make paths relative to: the git top level, else the current folder."""
    import subprocess

    try:
        result = subprocess.run(
            ["git", "rev-parse", "--show-toplevel"], cwd=cwd, capture_output=True, text=True, timeout=60
        )
    except (OSError, subprocess.SubprocessError):
        return cwd
    top = result.stdout.strip()
    return Path(os.path.realpath(top)) if result.returncode == 0 and top else cwd


class _Outcome:
    """What linting one target leaves for the report: messages for standard error, in order,
    and (when it was linted) its findings, threshold and the source lines the report needs."""

    __slots__ = ("path", "name", "doc", "found", "threshold", "lines", "messages", "folder")

    def __init__(self, path=None, messages=(), folder=None):
        self.path, self.messages, self.folder = path, list(messages), folder
        self.name = self.doc = self.found = self.threshold = self.lines = None


def _lint_one(args, runner, target, changes, cwd, keep_doc: bool) -> "_Outcome | None":
    """Lint one target; None when it is excluded. Messages: ("error"|"skip"|"once", text)."""
    from lint.runner import source_lines

    path, display, direct = target
    folder = None
    try:
        if path is None:
            display = args.stdin_filename or "<stdin>"
            folder = Path(display).parent if args.stdin_filename else Path.cwd()
            doc, found, notices = runner.lint_text(display, sys.stdin.buffer.read(), folder)
        else:
            folder = path.parent
            cfg = runner.config_for(folder)
            from lint.files import not_article

            if not_article(path, cfg.root, cfg.not_articles):  # a README, a licence: silent in a folder
                note = f"{display}: not an article ('not_articles' in the config); skipped"
                return _Outcome(path, [("skip", note)]) if direct else None
            if not direct and cfg.exclude:
                from lint.files import excluded

                if excluded(path, cfg.root, cfg.exclude):
                    return None
            doc, found, notices = runner.lint_file(path, display)
        threshold = args.fail_on or runner.config_for(folder).fail_on
    except InputError as exc:
        if not direct and "binary" in str(exc):
            return _Outcome(path, [("skip", f"{exc} (skipped)")], runner.linted(folder))
        return _Outcome(path, [("error", str(exc))], runner.linted(folder))
    except CopydeskError as exc:
        return _Outcome(path, [("once", str(exc))], runner.linted(folder))
    outcome = _Outcome(path, [("error", notice) for notice in notices], folder)
    if changes is not None:
        found = [f for f in found if changes.keeps(f, cwd)]
    outcome.name, outcome.found, outcome.threshold = doc.path, found, threshold
    if keep_doc:
        outcome.doc = doc
    else:
        outcome.lines = source_lines(doc, found, _full_lines(args, found))
    return outcome


def _full_lines(args, found) -> bool:
    """rdjson suggestions for a fix read the lines around the removed block."""
    return "rdjson" in (args.format, "rdjson" if args.output else None) and any(f.fix for f in found)


_WORKER: dict = {}


def _worker_start(args, changes, cwd) -> None:
    from lint.runner import Runner

    _resume_gc()
    _WORKER.update(args=args, changes=changes, cwd=cwd)
    if _WORKER.get("runner") is None:  # forked workers inherit the parent's loaded runner
        _WORKER["runner"] = Runner(
            args.select, args.ignore, args.config, args.rules, use_cache=not args.no_cache, one_run=True,
            report_unused_suppressions=args.report_unused_suppressions
        )


def _worker_lint(target):
    return _lint_one(_WORKER["args"], _WORKER["runner"], target, _WORKER["changes"], _WORKER["cwd"], False)


def _outcomes(args, runner, changes, cwd, keep_doc: bool):
    """Outcomes of every target in command-line order: in this process, or in --jobs processes."""
    targets = _targets(args.paths)
    if args.jobs <= 1 or keep_doc:
        for target in targets:
            yield _lint_one(args, runner, target, changes, cwd, keep_doc)
        return
    targets = list(targets)
    files = [t for t in targets if t[0] is not None]
    if len(files) < 2:
        for target in targets:
            yield _lint_one(args, runner, target, changes, cwd, keep_doc)
        return
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    jobs = min(args.jobs, len(files))
    chunk = max(1, min(16, len(files) // (jobs * 8)))
    if context.get_start_method() == "fork":
        # Load and prepare the packs once, before forking: every worker then starts
        # with them in memory instead of loading and preparing them again.
        # Only the packs: a linter made here would count as "rules that ran" for a folder whose
        # files all fail, unlike a serial run.
        from lint.runner import Runner

        warm = Runner(args.select, args.ignore, args.config, args.rules, use_cache=not args.no_cache, one_run=True,
                      report_unused_suppressions=args.report_unused_suppressions)
        try:
            cfg = warm.config_for(files[0][0].parent)
            warm.packs(tuple(cfg.rules) + tuple(warm.extra_rules), ready=True)
        except Exception:  # noqa: BLE001 - a broken config is reported per file, as serially
            pass
        _WORKER["runner"] = warm
    try:
        with context.Pool(jobs, _worker_start, (args, changes, cwd)) as pool:
            results = pool.imap(_worker_lint, files, chunk)
            for target in targets:
                if target[0] is None:
                    yield _lint_one(args, runner, target, changes, cwd, keep_doc)
                else:
                    outcome = next(results)
                    if outcome is not None and outcome.folder is not None:
                        runner.linter_for(outcome.folder)  # the rules that ran, for report metadata
                    yield outcome
    finally:
        _WORKER.pop("runner", None)


def _lint_all(args, runner, changes, cwd):
    """Lint every target: (entries, errored); an entry is [path, doc, findings, threshold, name,
    lines]; doc only with --fix or --diff, lines (what the report needs) otherwise."""
    entries, errored, reported = [], False, set()
    for outcome in _outcomes(args, runner, changes, cwd, bool(args.fix or args.diff)):
        _resume_gc()
        if outcome is None:
            continue
        for kind, message in outcome.messages:
            if kind == "once":
                if message in reported:
                    errored = True
                    continue
                reported.add(message)
            _error(message)
            errored |= kind != "skip"
        if outcome.found is not None:
            entries.append([outcome.path, outcome.doc, outcome.found, outcome.threshold, outcome.name, outcome.lines])
    return entries, errored


def _apply_fixes(args, runner, entries, cwd) -> tuple[list[str], int]:
    """Fix (or diff) every linted file; re-lint what was rewritten. Returns (diffs, findings fixed)."""
    from lint import diffbase
    from lint import fix as fixes

    diffs, fixed, changed = [], 0, False
    for entry in entries:
        path, doc, found = entry[:3]
        if path is None or not any(f.fix for f in found):
            continue
        outcome = fixes.fix_file(path, doc.path, found, doc.text, write=not args.diff)
        if outcome.problem:
            _error(outcome.problem)
        if outcome.changed:
            diffs.append(outcome.diff)
            fixed += outcome.fixed
            changed = True
    if changed and not args.diff:
        changes = diffbase.changes_since(args.diff_base, cwd) if args.diff_base else None
        for entry in entries:
            path, doc = entry[:2]
            if path is not None:
                entry[1], found, _ = runner.lint_file(path, doc.path)
                entry[2] = [f for f in found if changes is None or changes.keeps(f, cwd)]
    return diffs, fixed


def run_check(args) -> int:
    fmt = args.format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    if (args.fix or args.diff) and "-" in args.paths:
        _error("--fix and --diff work on files, not standard input")
        return EXIT_ERROR
    if not args.no_cache:
        from lint import regex_cache

        regex_cache.prime_regexes()
    from lint.runner import Runner, source_lines

    cwd = Path.cwd()
    if args.diff_base:
        from lint import diffbase

        changes = diffbase.changes_since(args.diff_base, cwd)
    else:
        changes = None
    runner = Runner(args.select, args.ignore, args.config, args.rules, use_cache=not args.no_cache, one_run=True,
                    report_unused_suppressions=args.report_unused_suppressions)
    try:
        entries, errored = _lint_all(args, runner, changes, cwd)
    finally:
        if not args.no_cache:
            regex_cache.save_regexes()
    if args.fix or args.diff:
        diffs, fixed = _apply_fixes(args, runner, entries, cwd)
        if args.diff:
            sys.stdout.write("".join(diffs))
            return EXIT_ERROR if errored else (EXIT_FINDINGS if diffs else EXIT_CLEAN)
        if fixed:
            files = f"{len(diffs)} file" + ("" if len(diffs) == 1 else "s")
            _error(f"fixed {fixed} finding{'' if fixed == 1 else 's'} in {files}")
    findings, sources, failed = [], {}, False
    for _, doc, found, threshold, name, lines in entries:
        findings += found
        sources[name] = lines if doc is None else source_lines(doc, found, _full_lines(args, found))
        failed |= any(f.at_least(threshold) for f in found)
    machine = fmt not in ("text", "json")
    root = _report_root(cwd) if machine or args.output else cwd

    def report(color: bool) -> Report:
        return Report(sorted(findings), len(entries), sources, color, tuple(runner.rules_used()), str(root), str(cwd))

    if args.output:
        try:
            args.output.write_text(render(fmt, report(False)), encoding="utf-8")
        except OSError as exc:
            _error(f"{args.output}: cannot write the report: {exc.strerror or exc}")
            errored = True
        terminal = "github" if os.environ.get("GITHUB_ACTIONS") == "true" and fmt != "github" else "text"
    else:
        terminal = fmt
    out = render(terminal, report(_use_color(args.color) and terminal == "text"))
    if args.output and terminal == "github":
        from lint.formats.text import summary

        out += summary(report(False)) + "\n"
    sys.stdout.write(out)
    if args.statistics:
        statistics = render("statistics", report(False))
        (sys.stdout if terminal in ("text", "github") else sys.stderr).write(statistics)
    if errored:
        return EXIT_ERROR
    return EXIT_FINDINGS if failed else EXIT_CLEAN


def run_rules(args) -> int:
    from lint.commands import listing

    return listing.run(args)


def run_explain(args) -> int:
    from lint.commands import explain

    return explain.run(args)


def run_config(args) -> int:
    from lint.commands import show_config

    return show_config.run(args)


def run_test(args) -> int:
    from lint.commands import packtest

    return packtest.run(args)


def run_serve(args) -> int:
    try:  # the web parts are an optional extra, imported only by this command
        from lint import serve
    except ImportError as exc:
        from lint.commands.distribution import install_command

        _error(f"`copydesk serve` needs the serve extra (missing: {exc.name or exc}); install it with: {install_command('serve')}")
        return EXIT_ERROR
    from lint.runner import Runner

    runner = Runner(config_path=args.config, extra_rules=args.rules)
    return serve.serve(args.root, args.host, args.port, runner)


def main(argv=None) -> int:
    """The `copydesk` command; argv None means the process's own arguments (the installed
    command, `python -m lint`), which exits when this returns."""
    args = build_parser().parse_args(argv)
    handlers = {
        "check": run_check,
        "rules": run_rules,
        "explain": run_explain,
        "config": run_config,
        "test": run_test,
        "serve": run_serve,
    }
    if argv is None and args.command != "serve":
        _pause_gc()
    try:
        return handlers[args.command](args)
    except CopydeskError as exc:
        _error(str(exc))
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_CLEAN
    finally:
        if argv is None:
            _skip_exit_collection()
