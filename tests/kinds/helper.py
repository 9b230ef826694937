"""One way to test a kind, after yamllint's `RuleTestCase.check`: a rule written as in a pack
file (YAML text or a dict), loaded by the real loader beside the built-in lexicons, run by
the engine over a text, its findings compared as (line, column[, rule]) tuples.

    check("Officials said ...\n", {"kind": "existence", "options": {"terms": ["officials"]}},
          (1, 1))

`furniture=True` runs the built-in furniture rule first, as a real run does, so a kind's
hits on page furniture are dropped by the engine; its own findings are not compared.
"""

import tempfile
from pathlib import Path
from typing import NamedTuple

import yaml

from lint.config import HOUSE_SPEC
from lint.engine import Linter
from lint.newsroom.document import Document
from lint.rules import builtin_dir, load_packs, load_rule
from lint.schema import validate

RULES, LEXICONS = load_packs([builtin_dir()])
RULE_ID = "style.kind-under-test"
# What a pack file needs besides the kind and its options; a test overrides any of them.
RULE_FIELDS = {
    "id": RULE_ID,
    "category": "style",
    "severity": "warning",
    "message": "{match}",
    "description": "A rule written by a kind test.",
    "examples": {"fail": ["x"], "pass": ["y"]},
}


class Problem(NamedTuple):
    """Where a finding starts (1-based), and which rule made it."""

    line: int
    column: int
    rule: str = RULE_ID


def build_rule(rule, lexicons: dict | None = None):
    """The rule loaded from a pack folder holding it (and `lexicons`: name -> mapping)."""
    data = yaml.safe_load(rule) if isinstance(rule, str) else rule
    with tempfile.TemporaryDirectory() as folder:
        pack = Path(folder)
        path = pack / "rule.yaml"
        path.write_text(yaml.safe_dump({**RULE_FIELDS, **data}, allow_unicode=True), encoding="utf-8")
        if lexicons:
            (pack / "lexicons").mkdir()
            for name, entries in lexicons.items():
                (pack / "lexicons" / f"{name}.yaml").write_text(
                    yaml.safe_dump({"name": name, "description": "A lexicon of a kind test.", **entries},
                               allow_unicode=True), encoding="utf-8")
            rules, known = load_packs([builtin_dir(), pack])
            return next(r for r in rules if r.path == str(path)), known
        return load_rule(path, LEXICONS), LEXICONS


def findings(text: str, rule, house: dict | None = None, lexicons: dict | None = None, furniture: bool = False):
    """The findings of the rule on `text`, linted by the engine as a file named article.txt."""
    loaded, known = build_rule(rule, lexicons)
    before = [r for r in RULES if r.category == "page-furniture" and r.enabled] if furniture else []
    linter = Linter(before + [loaded], known, validate(house or {}, HOUSE_SPEC, "test", "house"))
    found, notices = linter.lint(Document("article.txt", text))
    assert not notices
    return [f for f in found if f.rule == loaded.id]


def check(text: str, rule, *expected, **settings) -> None:
    """Assert the rule finds exactly the expected problems: (line, column) or (line, column, rule)."""
    wanted = sorted(Problem(*problem) for problem in expected)
    found = sorted(Problem(f.line, f.column, f.rule) for f in findings(text, rule, **settings))
    assert found == wanted, f"found {found}, expected {wanted}"
