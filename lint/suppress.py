"""Inline suppression with HTML comments, invisible in rendered Markdown and honoured in .txt.

    <!-- copydesk-disable-line attribution.weasel -->        the line the comment is on
    <!-- copydesk-disable-next-line attribution.weasel -->   the next non-blank line
    <!-- copydesk-disable quote-balance --> ... <!-- copydesk-enable quote-balance -->
    <!-- copydesk-disable-file page-furniture -->             the whole file
Targets are rule ids or categories, separated by spaces or commas; none means every rule.
Text after ` -- ` is a reason for the reader (`<!-- copydesk-disable-line x -- quoted verbatim -->`).

A comment that silently does nothing is worse than none: an unknown directive or rule id is a
finding of `copydesk.bad-suppression` (at the comment, with a "did you mean"), and
`--report-unused-suppressions` adds a `copydesk.unused-suppression` finding for each target
that suppressed no finding.
"""

import difflib
import re
from dataclasses import dataclass, field

_COMMENT = re.compile(r"<!--\s*copydesk-([A-Za-z]+(?:-[A-Za-z]+)*)(.*?)-->", re.DOTALL)
_NAMES = re.compile(r"[^\s,]+")
DIRECTIVES = ("disable-line", "disable-next-line", "disable", "enable", "disable-file")
ALL = "*"


@dataclass(frozen=True)
class MetaRule:
    """A rule the engine itself checks (no kind, no pack file): the formats and `rules` list it."""

    id: str
    severity: str
    message: str
    description: str
    enabled: bool = True
    category: str = "copydesk"
    kind: str = "built-in"
    fixable: bool = False


BAD_SUPPRESSION = MetaRule(
    "copydesk.bad-suppression",
    "warning",
    "{problem}",
    "A suppression comment that names an unknown directive, rule or category suppresses "
    "nothing, silently (or, misread, far more than meant). Correct the comment or remove it.",
)
UNUSED_SUPPRESSION = MetaRule(
    "copydesk.unused-suppression",
    "warning",
    "{problem}",
    "A suppression comment that no longer suppresses any finding hides future ones. Remove it. "
    "Reported only with `copydesk check --report-unused-suppressions`.",
    enabled=False,
)
META_RULES = (BAD_SUPPRESSION, UNUSED_SUPPRESSION)


@dataclass(frozen=True)
class Span:
    """Offsets [start, end) of the part of a comment a finding points at."""

    start: int
    end: int


@dataclass
class Target:
    """One name in one comment (ALL for a comment without names) and the lines it covers."""

    name: str
    span: Span
    lines: range | None  # None: the whole file
    used: bool = False


@dataclass
class Suppressions:
    """The suppressions of one document, and the problems found in its comments."""

    targets: list = field(default_factory=list)
    problems: list = field(default_factory=list)  # (Span, message)

    def covers(self, line: int, rule: str, category: str) -> bool:
        """Whether a finding of `rule` on `line` is suppressed; marks the targets that do it."""
        covered = False
        for target in self.targets:
            if target.name in (ALL, rule, category) and (target.lines is None or line in target.lines):
                target.used = covered = True
        return covered

    def unused(self) -> list:
        return [target for target in self.targets if not target.used]


def _suggest(name: str, known) -> str:
    close = difflib.get_close_matches(name, sorted(known), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def _next_content_line(doc, line: int) -> int:
    following = line + 1
    while following <= len(doc.lines) and not doc.lines[following - 1].strip():
        following += 1
    return following


def parse(doc, known=None) -> Suppressions:
    """The suppression comments of a document. `known`: the rule ids and categories that exist
    (None: names are not checked)."""
    found = Suppressions()
    if "copydesk-" not in doc.text:
        return found
    last_line = len(doc.lines)
    open_ranges: dict[str, Target] = {}
    for match in _COMMENT.finditer(doc.text):
        directive = match.group(1)
        if directive not in DIRECTIVES:
            span = Span(match.start(1) - len("copydesk-"), match.end(1))
            message = f"unknown suppression directive 'copydesk-{directive}'" + _suggest(
                f"copydesk-{directive}", [f"copydesk-{name}" for name in DIRECTIVES]
            )
            found.problems.append((span, message + " (this comment suppresses nothing)"))
            continue
        body = match.group(2).split(" -- ", 1)[0]
        names = [(m.group(), Span(match.start(2) + m.start(), match.start(2) + m.end())) for m in _NAMES.finditer(body)]
        for name, span in names:
            if known is not None and name not in known:
                found.problems.append((span, f"'{name}' is not a rule id or category{_suggest(name, known)}"))
        names = [(name, span) for name, span in names if known is None or name in known]
        if not names and not _NAMES.search(body):
            names = [(ALL, Span(match.start(), match.end()))]
        line = doc.line_of(match.start())
        for name, span in names:
            if directive == "disable-line":
                found.targets.append(Target(name, span, range(line, line + 1)))
            elif directive == "disable-next-line":
                following = _next_content_line(doc, doc.line_of(match.end() - 1))
                found.targets.append(Target(name, span, range(following, following + 1)))
            elif directive == "disable-file":
                found.targets.append(Target(name, span, None))
            elif directive == "disable":
                if name not in open_ranges:
                    open_ranges[name] = Target(name, span, range(line, line))
            else:
                for opened in [t for t in open_ranges if name in (ALL, t)]:
                    target = open_ranges.pop(opened)
                    target.lines = range(target.lines.start, line + 1)
                    found.targets.append(target)
    for target in open_ranges.values():
        target.lines = range(target.lines.start, last_line + 1)
        found.targets.append(target)
    return found


@dataclass(frozen=True)
class Checks:
    """Which checks of the suppression comments a linter runs, and the names that exist."""

    known: frozenset | None = None
    bad: MetaRule | None = BAD_SUPPRESSION
    unused: MetaRule | None = None

    @property
    def rules(self) -> list:
        return [rule for rule in (self.bad, self.unused) if rule is not None]


def meta_findings(doc, found: Suppressions, checks: Checks, ran: frozenset) -> list:
    """(rule, Span, message) for each problem of the comments; `ran`: the ids and categories
    of the rules that ran (a target naming anything else says so)."""
    out = []
    if checks.bad:
        out += [(checks.bad, span, message) for span, message in found.problems]
    if checks.unused:
        for target in found.unused():
            if target.name == ALL:
                message = "this suppression comment suppresses nothing"
            elif target.name in ran:
                message = f"'{target.name}' is suppressed here but has no finding to suppress"
            else:
                message = f"'{target.name}' is suppressed here but did not run (not selected)"
            out.append((checks.unused, target.span, message))
    return out


META_NAMES = frozenset({rule.id for rule in META_RULES} | {rule.category for rule in META_RULES})


def checks_for(rules, cfg, cli_ignore=(), report_unused: bool = False) -> Checks:
    """The comment checks of a run: every loaded rule's id and category is a known name (a
    comment may name a rule this run did not select); `ignore` (config or flag) turns a
    check off."""
    ignored = set(cfg.ignore) | set(cli_ignore)

    def wanted(rule: MetaRule) -> MetaRule | None:
        return None if rule.id in ignored or rule.category in ignored else rule

    known = frozenset({r.id for r in rules} | {r.category for r in rules})
    return Checks(known, wanted(BAD_SUPPRESSION), wanted(UNUSED_SUPPRESSION) if report_unused else None)
