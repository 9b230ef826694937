"""Turns a config plus command-line choices into a Linter, and lints files with it."""

import dataclasses
from pathlib import Path

from lint import suppress
from lint import config as configuration
from lint.newsroom.document import Document
from lint.engine import Linter
from lint.errors import ConfigError, InputError
from lint.rules import builtin_dir, load_packs

MAX_ARTICLE_BYTES = 256 * 1024 * 1024


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

    def __init__(self, select=(), ignore=(), config_path: Path | None = None, extra_rules=(), use_cache: bool = True,
                 one_run: bool = False, report_unused_suppressions: bool = False):
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

    def linter_for(self, folder: Path) -> Linter:
        cfg = self.config_for(folder)
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

    def lint_text(self, display: str, raw: bytes, folder: Path, markdown: bool | None = None):
        linter = self.linter_for(folder)
        doc = Document.from_bytes(display, raw, markdown)
        findings, notices = linter.lint(doc)
        return doc, findings, notices

    def lint_file(self, path: Path, display: str):
        try:
            size = path.stat().st_size
            if size > MAX_ARTICLE_BYTES:
                raise InputError(display, f"file larger than {MAX_ARTICLE_BYTES // (1024 * 1024)} MB; skipped")
            raw = path.read_bytes()
        except IsADirectoryError:
            raise InputError(display, "is a folder") from None
        except PermissionError:
            raise InputError(display, "permission denied") from None
        except FileNotFoundError:
            raise InputError(display, "no such file or folder") from None
        except OSError as exc:
            raise InputError(display, f"cannot read: {exc.strerror or exc}") from None
        return self.lint_text(display, raw, path.parent)


class SourceLines:
    """The lines of one article that a report needs, standing in for the full list of lines.

    A check keeps only the lines findings point at (their first and last line), so memory
    does not grow with the corpus; `len()` is still the article's line count. Lines not kept
    read as empty.
    """

    __slots__ = ("count", "kept")

    def __init__(self, count: int, kept: dict):
        self.count = count
        self.kept = kept

    @classmethod
    def of(cls, lines: list[str], findings) -> "SourceLines":
        wanted = set()
        for finding in findings:
            wanted.add(finding.line)
            wanted.add(finding.end_line)
        return cls(len(lines), {n: lines[n - 1] for n in wanted if 0 < n <= len(lines)})

    def __len__(self) -> int:
        return self.count

    def __bool__(self) -> bool:
        return self.count > 0

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self.count))]
        if index < 0:
            index += self.count
        if not 0 <= index < self.count:
            raise IndexError(index)
        return self.kept.get(index + 1, "")

    def __iter__(self):
        return (self[i] for i in range(self.count))


def source_lines(doc, findings, full: bool = False):
    """What a report keeps of a linted document: every line, or just the ones findings need."""
    return list(doc.lines) if full else SourceLines.of(doc.lines, findings)
