"""Meta-test: every built-in rule's failing examples are flagged by it and its passing ones are not."""

from pathlib import Path

import pytest

from lint.config import HOUSE_SPEC
from lint.newsroom.document import Document
from lint.engine import Linter
from lint.rules import builtin_dir, load_packs
from lint.schema import validate

RULES, LEXICONS = load_packs([builtin_dir()])


def _findings(rule, example):
    furniture = [r for r in RULES if r.category == "page-furniture" and r.enabled and r is not rule]
    house = validate(example.house, HOUSE_SPEC, rule.path, "house")
    linter = Linter(furniture + [rule], LEXICONS, house)
    found, notices = linter.lint(Document("example.md", example.text))
    assert not notices
    return [f for f in found if f.rule == rule.id]


def _cases():
    for rule in RULES:
        for index, example in enumerate(rule.fail_examples):
            yield pytest.param(rule, example, True, id=f"{rule.id}-fail-{index}")
        for index, example in enumerate(rule.pass_examples):
            yield pytest.param(rule, example, False, id=f"{rule.id}-pass-{index}")


@pytest.mark.parametrize("rule, example, flagged", list(_cases()))
def test_rule_example(rule, example, flagged):
    found = _findings(rule, example)
    assert bool(found) == flagged, f"{Path(rule.path).name}: {found}"


def test_every_rule_is_documented():
    for rule in RULES:
        assert len(rule.description.split()) >= 12, rule.id
        assert rule.fail_examples and rule.pass_examples, rule.id
