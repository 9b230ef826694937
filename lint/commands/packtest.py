"""`copydesk test [PACK...]`: every rule's own examples, checked. A `fail` example must be
flagged by its rule and a `pass` example must not be, each linted as a separate article
(`example.md`) with the house options the example names and the page-furniture rules that
run first in a real check.

With PACK folders, the rules defined in them (loaded with the built-in packs, whose lexicons
they may use); without, every rule this folder's config loads (built-in, `rules:` and
`--rules`). Exit 1 naming each broken example, 0 when all hold, 2 when a pack does not load.
"""

import sys
from dataclasses import dataclass
from pathlib import Path

from lint.config import HOUSE_SPEC
from lint.engine import Linter
from lint.newsroom.document import Document
from lint.runner import Runner
from lint.schema import validate

EXIT_CLEAN, EXIT_FAILED, EXIT_ERROR = 0, 1, 2


@dataclass(frozen=True)
class Broken:
    """One example that does not do what its rule file says."""

    rule: object
    key: str  # "fail" or "pass"
    number: int  # 1-based, in the rule file's order
    found: list

    def describe(self) -> str:
        text = " ".join(self.example.text.split())
        text = text if len(text) <= 70 else text[:67] + "..."
        if self.key == "fail":
            problem = "is not flagged"
        else:
            problem = "is flagged: " + "; ".join(f"line {f.line}: {f.message}" for f in self.found[:2])
        return f"{self.rule.path}: {self.rule.id}: examples.{self.key} {self.number} {problem}\n    {text}"

    @property
    def example(self):
        return (self.rule.fail_examples if self.key == "fail" else self.rule.pass_examples)[self.number - 1]


def findings_of(rule, example, rules, lexicons) -> list:
    """What `rule` finds in one example, after the page-furniture rules, as in a check."""
    furniture = [r.ready(lexicons) for r in rules if r.category == "page-furniture" and r.enabled and r.id != rule.id]
    house = validate(example.house, HOUSE_SPEC, rule.path, "house")
    linter = Linter(furniture + [rule.ready(lexicons)], lexicons, house)
    found, _ = linter.lint(Document("example.md", example.text))
    return [f for f in found if f.rule == rule.id]


def broken_examples(rule, rules, lexicons) -> list[Broken]:
    broken = []
    for key, examples, wanted in (("fail", rule.fail_examples, True), ("pass", rule.pass_examples, False)):
        for number, example in enumerate(examples, 1):
            found = findings_of(rule, example, rules, lexicons)
            if bool(found) != wanted:
                broken.append(Broken(rule, key, number, found))
    return broken


def _under(path: str, folders) -> bool:
    real = Path(path).resolve()
    return any(folder == real or folder in real.parents for folder in folders)


def run(args) -> int:
    packs = [Path(p).resolve() for p in args.packs]
    for folder in packs:
        if not folder.is_dir():
            print(f"copydesk: {folder}: rule folder does not exist", file=sys.stderr)
            return EXIT_ERROR
    runner = Runner(config_path=args.config, extra_rules=args.rules)
    if packs:
        rules, lexicons = runner.packs(tuple(packs))
        tested = [rule for rule in rules if _under(rule.path, packs)]
    else:
        cfg = runner.config_for(Path.cwd())
        rules, lexicons = runner.packs(tuple(cfg.rules) + tuple(runner.extra_rules))
        tested = rules
    broken = []
    count = 0
    for rule in tested:
        count += len(rule.fail_examples) + len(rule.pass_examples)
        broken += broken_examples(rule, rules, lexicons)
    for item in broken:
        print(item.describe())
    rules_word = "rule" if len(tested) == 1 else "rules"
    if broken:
        print(f"{len(broken)} of {count} examples broken in {len(tested)} {rules_word}.")
        return EXIT_FAILED
    print(f"All {count} examples of {len(tested)} {rules_word} hold.")
    return EXIT_CLEAN
