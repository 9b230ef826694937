"""Runs rules over a document and turns their hits into sorted, deterministic findings."""

import re

from lint import suppress
from lint.context import Context, Hit
from lint.newsroom.credit import CreditReader
from lint.newsroom.document import Document
from lint.finding import Finding
from lint.kinds.common import ProseFilter, clip


class Linter:
    """A prepared set of rules and house options, reused for every file of one config."""

    def __init__(self, rules: list, lexicons, house: dict, checks: suppress.Checks = suppress.Checks()):
        self.rules = list(rules)
        self.checks = checks
        self.ran = frozenset({r.id for r in rules} | {r.category for r in rules})
        self.lexicons = lexicons
        self.house = house
        self.credit_reader = CreditReader.from_lexicons(lexicons)
        self.furniture = tuple(r.prepared for r in rules if getattr(r, "kind", None) == "furniture")
        self.filters = {rule.id: ProseFilter.of(rule.engine, rule.options) for rule in rules}
        self.cut_off: set[str] = set()  # rules that timed out: skipped for the rest of the run

    def lint(self, doc: Document) -> tuple[list[Finding], list[str]]:
        """Findings for one document, plus notices of rules that were cut off."""
        ctx = Context(doc, self.house, self.lexicons, self.credit_reader, furniture=self.furniture)
        notices: list[str] = []
        raw = []
        for rule in self.rules:
            raw += [(rule, hit) for hit in self._run(rule, doc, ctx, notices)]
        suppressions = suppress.parse(doc, self.checks.known)
        findings = set()
        for rule, hit in raw:
            finding = to_finding(doc, rule, hit)
            if not suppressions.covers(finding.line, rule.id, rule.category):
                findings.add(finding)
        for rule, span, message in suppress.meta_findings(doc, suppressions, self.checks, self.ran):
            findings.add(to_finding(doc, rule, Hit(span.start, span.end, {"problem": message})))
        return sorted(findings), notices

    def _run(self, rule, doc, ctx, notices) -> list:
        """The rule's hits, less those its prose filter drops (scope, quotations, furniture);
        a rule that times out costs its time limit once, not on every file."""
        if rule.id in self.cut_off:
            return []
        keep = self.filters[rule.id]
        try:
            hits = rule.engine.check(doc, rule.prepared, ctx)
            return [hit for hit in hits if keep.keeps(ctx, hit)] if keep else list(hits)
        except TimeoutError:  # RuleTimeout, or a helper matching with regex's own timeout=
            self.cut_off.add(rule.id)
            notices.append(f"{doc.path}: rule {rule.id} ({rule.path}) timed out and was skipped "
                           "for this and the remaining files")
        except RecursionError:
            notices.append(f"{doc.path}: rule {rule.id} ran too deep and was skipped")
        return []


def to_finding(doc: Document, rule, hit) -> Finding:
    line, column = doc.position(hit.start)
    end = hit.end
    if end > hit.start and doc.text[end - 1] == "\n":
        end -= 1
    end_line, end_column = doc.position(end)
    message = render_message(rule.message, {"match": clip(doc.text[hit.start : hit.end]), **hit.args})
    return Finding(doc.path, line, column, end_line, end_column, rule.id, rule.category, rule.severity, message, tuple(hit.fix))


_FIELD = re.compile(r"\{\{|\}\}|\{([A-Za-z_][A-Za-z0-9_]*)\}")


def render_message(template: str, values: dict) -> str:
    """A rule's message with `{name}` placeholders filled, as str.format would for plain names.

    Rule messages are data: attribute and index lookups (`{match.__class__}`), conversions and
    nested format specs are never evaluated; anything but a known plain name stays as written.
    """

    def fill(match) -> str:
        text = match.group()
        if text in ("{{", "}}"):
            return text[0]
        name = match.group(1)
        return str(values[name]) if name in values else text

    return _FIELD.sub(fill, template)
