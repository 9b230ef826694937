"""The `copydesk` command line: check, rules, explain, serve.

Exit codes: 0 nothing at or above the threshold, 1 findings, 2 usage, config or input error.
"""

import argparse
import dataclasses
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
    _check_parser(commands)
    _other_parsers(commands)
    return parser


def _check_parser(commands) -> None:
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
    check.add_argument("--exit-zero", action="store_true", help="exit 0 even with findings (errors still exit 2)")
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


def _other_parsers(commands) -> None:
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


def _error(message: str) -> None:
    """One line on standard error, whatever the message holds (a file name may hold a newline)."""
    print("copydesk: " + message.replace("\r", "\\r").replace("\n", "\\n"), file=sys.stderr)


class OutputError(CopydeskError):
    """Standard output cannot be written (a full disk, a closed terminal)."""


def _out(text: str) -> None:
    try:
        sys.stdout.write(text)
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise OutputError(f"cannot write to standard output: {exc.strerror or exc}") from None


def _flush_out() -> None:
    """Flush standard output while an error can still be reported (not at interpreter exit)."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise OutputError(f"cannot write to standard output: {exc.strerror or exc}") from None


def _drop_stdout() -> None:
    """Point standard output at the null device, so that the interpreter's last flush of what
    could not be written does not print a second error at exit."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, AttributeError, ValueError):
        pass


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


@dataclasses.dataclass
class _Trouble:
    """What went wrong in a check run: whether anything did (exit 2), and how many files could
    not be linted at all (the summary says so)."""

    errored: bool = False
    not_checked: int = 0


def _checked(args, check) -> tuple[list, _Trouble]:
    """Lint every target, saying each notice as it comes: (results of linted files, trouble)."""
    results, trouble, said = [], _Trouble(), set()
    for result in check.results(args.paths):
        _resume_gc()
        if result is None:
            continue
        for kind, message in result.notices:
            if kind == "once":
                if message in said:
                    trouble.errored = True
                    continue
                said.add(message)
            _error(message)
            trouble.errored |= kind != "skip"
        if result.linted:
            results.append(result)
        elif any(kind != "skip" for kind, _ in result.notices):
            trouble.not_checked += 1
    return results, trouble


def _check_options(args, cwd: Path):
    from lint.runner import CheckOptions

    changes = None
    if args.diff_base:
        from lint import diffbase

        changes = diffbase.changes_since(args.diff_base, diffbase.folders_of(args.paths, args.stdin_filename, cwd), cwd)
    return CheckOptions(
        cwd=cwd,
        fail_on=args.fail_on,
        stdin_filename=args.stdin_filename,
        keep_doc=bool(args.fix or args.diff),
        full_lines=args.format == "rdjson" or bool(args.output),  # rdjson suggestions, or any --output
        jobs=args.jobs,
        changes=changes,
        worker_start=_resume_gc,
    )


def _fixed(args, check, results) -> tuple[list, list, bool]:
    """Apply (or diff) the safe fixes: (results after fixing, patches, whether a fix failed)."""
    run = check.fix(results, write=not args.diff)
    for problem in run.problems:
        _error(problem.text)
    if run.fixed and not args.diff:
        files = f"{len(run.diffs)} file" + ("" if len(run.diffs) == 1 else "s")
        _error(f"fixed {run.fixed} finding{'' if run.fixed == 1 else 's'} in {files}")
    return run.results, run.diffs, any(problem.kind == "error" for problem in run.problems)


def _report(args, fmt: str, check, results, trouble: _Trouble) -> tuple[Report, bool]:
    """The report of every linted file (uncoloured), and whether it fails the run."""
    from lint.formats.sources import source_lines

    findings, sources, failed = [], {}, False
    for result in results:
        findings += result.findings
        full = check.full_lines(result.findings)
        sources[result.name] = result.lines if result.doc is None else source_lines(result.doc, result.findings, full)
        failed |= any(f.at_least(result.threshold) for f in result.findings)
    cwd = check.options.cwd
    machine = fmt not in ("text", "json")
    root = _report_root(cwd) if machine or args.output else cwd
    rules = tuple(check.runner.rules_used())
    report = Report(sorted(findings), len(results), sources, False, rules, str(root), str(cwd),
                    trouble.not_checked, trouble.errored)
    return report, failed


def _in_actions() -> bool:
    return os.environ.get("GITHUB_ACTIONS") == "true"


def _write_report(args, fmt: str, report: Report) -> bool:
    """Print the report (and write --output); False when --output could not be written."""
    written = True
    terminal = fmt
    if args.output:
        try:
            args.output.write_text(render(fmt, report), encoding="utf-8")
        except OSError as exc:
            _error(f"{args.output}: cannot write the report: {exc.strerror or exc}")
            written = False
            report = dataclasses.replace(report, errored=True)
        terminal = "github" if _in_actions() and fmt != "github" else "text"
    color = _use_color(args.color) and terminal == "text"
    out = render(terminal, dataclasses.replace(report, color=color))
    if args.output and terminal == "github":
        from lint.formats.text import summary

        out += summary(report) + "\n"
    _out(out)
    if args.statistics:
        statistics = render("statistics", report)
        if terminal in ("text", "github"):
            _out(statistics)
        else:
            sys.stderr.write(statistics)
    return written


def run_check(args) -> int:
    fmt = args.format or ("github" if _in_actions() else "text")
    if (args.fix or args.diff) and "-" in args.paths:
        _error("--fix and --diff work on files, not standard input")
        return EXIT_ERROR
    if not args.no_cache:
        from lint import regex_cache

        regex_cache.prime_regexes()
    from lint.runner import Check, Runner

    options = _check_options(args, Path.cwd())
    runner = Runner(args.select, args.ignore, args.config, args.rules, use_cache=not args.no_cache, one_run=True,
                    report_unused_suppressions=args.report_unused_suppressions)
    check = Check(runner, options)
    try:
        results, trouble = _checked(args, check)
    finally:
        if not args.no_cache:
            regex_cache.save_regexes()
    if args.fix or args.diff:
        results, diffs, failed_fix = _fixed(args, check, results)
        trouble.errored |= failed_fix
        if args.diff:
            _out("".join(diffs))
            return _exit_code(args, trouble, bool(diffs))
    report, failed = _report(args, fmt, check, results, trouble)
    if not _write_report(args, fmt, report):
        trouble.errored = True
    return _exit_code(args, trouble, failed)


def _exit_code(args, trouble: _Trouble, failed: bool) -> int:
    """2 when anything went wrong; 1 for findings at or above the threshold (or a --diff
    patch), unless --exit-zero; else 0."""
    if trouble.errored:
        return EXIT_ERROR
    return EXIT_FINDINGS if failed and not args.exit_zero else EXIT_CLEAN


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
        code = handlers[args.command](args)
        _flush_out()
        return code
    except CopydeskError as exc:
        _error(str(exc))
        if isinstance(exc, OutputError):
            _drop_stdout()
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        _drop_stdout()
        return EXIT_CLEAN
    except OSError as exc:  # writing what `rules` or `explain` print
        _error(f"cannot write the output: {exc.strerror or exc}")
        _drop_stdout()
        return EXIT_ERROR
    finally:
        if argv is None:
            _skip_exit_collection()
