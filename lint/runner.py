"""Turns a config plus command-line choices into a Linter, and lints files with it.

`Runner` finds each folder's config and makes its linter; `Check` is the per-file pipeline of
`copydesk check` (find the articles, lint each with its folder's config, in --jobs processes
when asked, then fix), which hands the command line one `FileResult` per article to print.
"""

import dataclasses
import os
import signal
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from lint import suppress
from lint import config as configuration
from lint.newsroom.document import Document
from lint.engine import Linter
from lint.errors import ConfigError, CopydeskError, InputError
from lint.files import MAX_ARTICLE_BYTES, Refused, read_regular
from lint.formats.sources import source_lines
from lint.rules import builtin_dir, load_packs



def _matches(rule, names) -> bool:
    return rule.id in names or rule.category in names


def _check_names(names, rules, source: str, what: str) -> None:
    known = {r.id for r in rules} | {r.category for r in rules} | suppress.META_NAMES
    for name in names:
        if name not in known:
            raise ConfigError(source, None, f"{what} names unknown rule or category '{name}'")


def select_rules(rules, lexicons, cfg, cli_select=(), cli_ignore=()):
    """The rules to run: selection, ignores (flags win), severity and option overrides."""
    source = cfg.path or "command line"
    _check_names(cfg.select, rules, source, "'select'")
    _check_names(cfg.ignore, rules, source, "'ignore'")
    _check_names(cfg.severity, rules, source, "'severity'")
    _check_names(cli_select, rules, "command line", "--select")
    _check_names(cli_ignore, rules, "command line", "--ignore")
    select = list(cli_select) or cfg.select
    ignore = [name for name in cfg.ignore if name not in cli_select] + list(cli_ignore)
    chosen = []
    for rule in rules:
        if select and not _matches(rule, select):
            continue
        if not rule.enabled and rule.id not in select:
            continue
        if _matches(rule, ignore):
            continue
        severity = cfg.severity.get(rule.id) or cfg.severity.get(rule.category) or rule.severity
        if severity != rule.severity:
            rule = dataclasses.replace(rule, severity=severity)
        if rule.id in cfg.options:
            rule = rule.with_options(cfg.options[rule.id], lexicons, source)
        chosen.append(rule.ready(lexicons))
    for rule_id in cfg.options:
        if rule_id not in {r.id for r in rules}:
            raise ConfigError(source, cfg.option_lines.get(rule_id), f"'options' names unknown rule '{rule_id}'")
    return chosen


class Runner:
    """Lints files, each with the linter of its nearest config; packs are loaded once."""

    def __init__(self, select=(), ignore=(), config_path: Path | None = None, extra_rules=(), *,
                 use_cache: bool = True, one_run: bool = False, report_unused_suppressions: bool = False):
        """`one_run`: files do not change while this runner is used (a check, not the draft
        page), so the config file that each folder uses is looked up once.
        `report_unused_suppressions`: suppression comments that suppress nothing are findings."""
        self.report_unused_suppressions = report_unused_suppressions
        self.select, self.ignore = tuple(select), tuple(ignore)
        self.use_cache = use_cache
        self.config_path = config_path
        self.extra_rules = [Path(p).resolve() for p in extra_rules]
        self._packs: dict = {}
        self._linters: dict = {}
        self._config_paths: dict | None = {} if one_run else None  # folder as given -> config file
        self._lookups: dict = {}  # resolved folder -> config file, for `configuration.find`
        self._one_run = one_run

    def blank(self) -> "Runner":
        """A runner with the same choices and nothing loaded yet (for a --jobs process)."""
        return Runner(self.select, self.ignore, self.config_path, self.extra_rules, use_cache=self.use_cache,
                      one_run=self._one_run, report_unused_suppressions=self.report_unused_suppressions)

    def _config_path(self, folder: Path) -> Path | None:
        if self.config_path:
            return self.config_path
        if self._config_paths is None:
            return configuration.find(folder.resolve(), use_cache=self.use_cache)
        if folder not in self._config_paths:
            self._config_paths[folder] = configuration.find(folder.resolve(), self._lookups, self.use_cache)
        return self._config_paths[folder]

    def config_for(self, folder: Path) -> configuration.Config:
        path = self._config_path(folder)
        key = str(path) if path else None
        if key not in self._linters:
            cfg = configuration.load(path, self.use_cache) if path else configuration.Config()
            self._linters[key] = (cfg, None)
        return self._linters[key][0]

    def linter_for(self, folder: Path, cfg: configuration.Config | None = None) -> Linter:
        """The linter of `folder`'s config (`cfg`, when the caller has already looked it up)."""
        cfg = cfg or self.config_for(folder)
        key = cfg.path
        linter = self._linters[key][1]
        if linter is None:
            rules, lexicons = self.packs(tuple(cfg.rules) + tuple(self.extra_rules))
            chosen = select_rules(rules, lexicons, cfg, self.select, self.ignore)
            checks = suppress.checks_for(rules, cfg, self.ignore, self.report_unused_suppressions)
            linter = Linter(chosen, lexicons, cfg.house, checks)
            self._linters[key] = (cfg, linter)
        return linter

    def linted(self, folder: Path | None) -> Path | None:
        """`folder` when the linter of its config has been made (for --jobs report metadata)."""
        if folder is None:
            return None
        try:
            cfg = self.config_for(folder)
        except Exception:  # noqa: BLE001 - a broken config made no linter
            return None
        entry = self._linters.get(cfg.path)
        return folder if entry is not None and entry[1] is not None else None

    def rules_used(self) -> list:
        """The rules of every linter made so far (first of each id), for report metadata."""
        seen = {}
        for _, linter in self._linters.values():
            for rule in linter.rules if linter else ():
                seen.setdefault(rule.id, rule)
        return list(seen.values())

    def packs(self, folders: tuple, ready: bool = False):
        """Rules and lexicons of the built-in packs and `folders`, loaded once. Rules from the
        pack cache prepare their matchers when selected; `ready` prepares them all now."""
        if folders not in self._packs:
            self._packs[folders] = load_packs([builtin_dir(), *folders], self.use_cache)
        if ready:
            rules, lexicons = self._packs[folders]
            self._packs[folders] = [rule.ready(lexicons) for rule in rules], lexicons
        return self._packs[folders]

    def lint_text(self, display: str, raw: bytes, folder: Path, markdown: bool | None = None, *, cfg=None):
        linter = self.linter_for(folder, cfg)
        doc = Document.from_bytes(display, raw, markdown)
        findings, notices = linter.lint(doc)
        return doc, findings, notices

    def lint_file(self, path: Path, display: str, cfg=None):
        try:
            raw = read_regular(path, MAX_ARTICLE_BYTES)
        except Refused as exc:
            raise InputError(display, str(exc)) from None
        except IsADirectoryError:
            raise InputError(display, "is a folder") from None
        except PermissionError:
            raise InputError(display, "permission denied") from None
        except FileNotFoundError:
            raise InputError(display, "no such file or folder") from None
        except OSError as exc:
            raise InputError(display, f"cannot read: {exc.strerror or exc}") from None
        return self.lint_text(display, raw, path.parent, cfg=cfg)




# --------------------------------------------------------------------- the check pipeline


class Target(NamedTuple):
    """One article the command line reaches."""

    path: Path | None  # None: standard input
    display: str
    direct: bool  # named on the command line, not found in a folder
    root: Path | None = None  # the folder named on the command line it was found in


def targets(paths) -> Iterator[Target]:
    """Each article the command line reaches, folders walked, in command-line order."""
    for name in paths:
        if name == "-":
            yield Target(None, name, True)
            continue
        path = Path(name)
        if path.is_dir():
            from lint.files import walk

            for found in walk(path):
                yield Target(found, str(found), False, path)
        else:
            yield Target(path, name, True)


# Files met in a folder that are passed over with a notice, not errors: binary files, FIFOs, devices.
_PASSED_OVER = (": binary file", ": not a regular file")


def _stdin(display: str) -> bytes:
    """Standard input, up to the article size limit (it may be /dev/zero or a never-ending pipe)."""
    raw = sys.stdin.buffer.read(MAX_ARTICLE_BYTES + 1)
    if len(raw) > MAX_ARTICLE_BYTES:
        raise InputError(display, f"larger than {MAX_ARTICLE_BYTES // (1024 * 1024)} MB; not read")
    return raw


class Notice(NamedTuple):
    """A line for standard error. `kind`: "error" (the run fails), "skip" (a file met in a
    folder and passed over; not a failure) or "once" (a config error, said once per run)."""

    kind: str
    text: str


@dataclasses.dataclass(frozen=True)
class FileResult:
    """What linting one target leaves for the report: notices, in order, and (when it was
    linted) its findings, threshold, and the document (to fix) or the lines the report needs."""

    path: Path | None
    notices: tuple = ()
    folder: Path | None = None  # the folder whose linter ran (report metadata from --jobs)
    root: Path | None = None  # the folder named on the command line it was found in
    name: str | None = None
    findings: list | None = None
    threshold: str | None = None
    lines: object = None
    doc: Document | None = None

    @property
    def linted(self) -> bool:
        return self.findings is not None


@dataclasses.dataclass(frozen=True)
class CheckOptions:
    """What `copydesk check` asks of the pipeline beyond the rule choices the runner holds."""

    cwd: Path
    fail_on: str | None = None
    stdin_filename: str | None = None
    keep_doc: bool = False  # --fix or --diff: the documents are fixed after linting
    full_lines: bool = False  # a file with fixes keeps all its lines (rdjson suggestions)
    jobs: int = 1
    changes: object = None  # diffbase.ChangeSet of --diff-base, or None
    worker_start: object = None  # called first in each --jobs process


class FixRun(NamedTuple):
    """What `Check.fix` did: the results re-linted after writing, patches, count, problems."""

    results: list
    diffs: list
    fixed: int
    problems: list


class Check:
    """The pipeline of one `copydesk check`: lint each target with its folder's config."""

    def __init__(self, runner: Runner, options: CheckOptions):
        self.runner, self.options = runner, options

    def lint(self, target: Target) -> FileResult | None:
        """Lint one target; None when its config excludes it."""
        path, display, direct, root = target
        folder = None
        try:
            if path is None:
                display = self.options.stdin_filename or "<stdin>"
                folder = Path(display).parent if self.options.stdin_filename else Path.cwd()
                cfg = self.runner.config_for(folder)
                linted = self.runner.lint_text(display, _stdin(display), folder, cfg=cfg)
            else:
                folder = path.parent
                cfg = self.runner.config_for(folder)
                from lint.files import not_article

                if not_article(path, cfg.root, cfg.not_articles):  # a README, a licence: silent in a folder
                    note = f"{display}: not an article ('not_articles' in the config); skipped"
                    return FileResult(path, (Notice("skip", note),)) if direct else None
                if not direct and cfg.exclude:
                    from lint.files import excluded

                    if excluded(path, cfg.root, cfg.exclude):
                        return None
                linted = self.runner.lint_file(path, display, cfg)
        except InputError as exc:
            kind = "skip" if not direct and any(why in str(exc) for why in _PASSED_OVER) else "error"
            text = f"{exc} (skipped)" if kind == "skip" else str(exc)
            return FileResult(path, (Notice(kind, text),), self.runner.linted(folder))
        except CopydeskError as exc:
            return FileResult(path, (Notice("once", str(exc)),), self.runner.linted(folder))
        except Exception as exc:  # noqa: BLE001 - a bug must not cost the other files
            why = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}".rstrip(": ")
            return FileResult(path, (Notice("error", f"{display}: internal error ({why}); please report it"),))
        return self._result(target, folder, cfg, linted)

    def _result(self, target: Target, folder: Path, cfg, linted: tuple) -> FileResult:
        """The record of a linted file; `linted` is what `Runner.lint_text` returns."""
        options = self.options
        doc, found, notices = linted
        if options.changes is not None:
            found = [f for f in found if options.changes.keeps(f, options.cwd)]
        keep = options.keep_doc
        return FileResult(
            target.path, tuple(Notice("error", notice) for notice in notices), folder, target.root, doc.path,
            found, options.fail_on or cfg.fail_on,
            None if keep else source_lines(doc, found, self.full_lines(found)),
            doc if keep else None,
        )

    def full_lines(self, found) -> bool:
        """rdjson suggestions for a fix read the lines around the removed block."""
        return self.options.full_lines and any(f.fix for f in found)

    def results(self, paths) -> Iterator[FileResult | None]:
        """Results of every target in command-line order: in this process, or in --jobs processes."""
        found = targets(paths)
        if self.options.jobs <= 1 or self.options.keep_doc:
            yield from map(self.lint, found)
            return
        found = list(found)
        files = [t for t in found if t.path is not None]
        if len(files) < 2:
            yield from map(self.lint, found)
            return
        yield from _in_processes(self, found, files)

    def fix(self, results: list, write: bool) -> FixRun:
        """Fix (or, without `write`, diff) every linted file; re-lint what was rewritten.
        A file reached twice (through a link) is fixed once."""
        from lint import fix as fixes

        diffs, fixed, problems, rewritten, seen = [], 0, [], set(), set()
        for result in results:
            if result.path is None or not any(f.fix for f in result.findings):
                continue
            real = os.path.realpath(result.path)
            if real in seen:
                continue
            seen.add(real)
            outcome = fixes.fix_file(result.path, result.doc.path, result.findings, result.doc.text, write,
                                     within=result.root)
            if outcome.problem:
                problems.append(Notice("error" if outcome.failed else "skip", outcome.problem))
            if outcome.changed:
                diffs.append(outcome.diff)
                fixed += outcome.fixed
                rewritten.add(result.path)
        if write and rewritten:
            results = self._relint(results, rewritten, problems)
        return FixRun(results, diffs, fixed, problems)

    def _relint(self, results: list, rewritten: set, problems: list) -> list:
        """Results after fixing: the rewritten files linted again (a file that can no longer
        be read is dropped, with a notice in `problems`)."""
        options = self.options
        changes = options.changes.refreshed() if options.changes is not None else None
        again = []
        for result in results:
            if result.path in rewritten:
                try:
                    doc, found, _ = self.runner.lint_file(result.path, result.doc.path)
                except CopydeskError as exc:
                    problems.append(Notice("error", f"{exc} (after fixing)"))
                    continue
                found = [f for f in found if changes is None or changes.keeps(f, options.cwd)]
                result = dataclasses.replace(result, doc=doc, findings=found)
            again.append(result)
        return again


# One --jobs process's check, set by `_worker_start` (a forked process inherits `warm`).
_WORKER: dict = {}


def _worker_start(check: Check) -> None:
    # Ctrl+C reaches every process of the terminal's group: the parent stops the pool, and
    # the workers, which would each print a traceback, leave it to the parent.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if check.options.worker_start is not None:
        check.options.worker_start()
    warm = _WORKER.pop("warm", None)  # forked workers inherit the parent's loaded runner
    _WORKER["check"] = Check(warm, check.options) if warm is not None else check


def _worker_lint(target: Target) -> FileResult | None:
    return _WORKER["check"].lint(target)


def _warm_runner(check: Check, first: Path) -> Runner:
    """A runner with the packs loaded and prepared, made before forking: every worker then
    starts with them in memory instead of loading and preparing them again. Only the packs:
    a linter made here would count as "rules that ran" for a folder whose files all fail,
    unlike a serial run."""
    warm = check.runner.blank()
    try:
        cfg = warm.config_for(first.parent)
        warm.packs(tuple(cfg.rules) + tuple(warm.extra_rules), ready=True)
    except Exception:  # noqa: BLE001 - a broken config is reported per file, as serially
        pass
    return warm


def _in_processes(check: Check, found: list, files: list) -> Iterator[FileResult | None]:
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    jobs = min(check.options.jobs, len(files))
    chunk = max(1, min(16, len(files) // (jobs * 8)))
    if context.get_start_method() == "fork":
        _WORKER["warm"] = _warm_runner(check, files[0].path)
    try:
        with context.Pool(jobs, _worker_start, (Check(check.runner.blank(), check.options),)) as pool:
            results = pool.imap(_worker_lint, files, chunk)
            for target in found:
                if target.path is None:
                    yield check.lint(target)
                    continue
                result = next(results)
                if result is not None and result.folder is not None:
                    check.runner.linter_for(result.folder)  # the rules that ran, for report metadata
                yield result
    finally:
        _WORKER.pop("warm", None)
