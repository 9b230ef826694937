"""Furniture findings on whole fixture articles (tests/fixtures/furniture/).

Each NAME.txt / NAME.md has a sidecar NAME.expected listing the lines (1-based, "a-b" or "a",
one range a line, "#" comments) the built-in page-furniture rule must flag, with "fix" after
the range when --fix must remove them too (a flag without "fix" is left to the editor); an
empty list means the whole file is story copy.  The article goes through Document (front matter and
Markdown masking included) and the engine with the built-in furniture rules.  Blank lines are
ignored on both sides.
"""

from pathlib import Path

import pytest

from lint.config import HOUSE_SPEC
from lint.engine import Linter
from lint.newsroom.document import Document
from lint.rules import builtin_dir, load_packs
from lint.schema import validate

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "furniture"
ARTICLES = sorted(p for p in FIXTURES.iterdir() if p.suffix in (".txt", ".md"))


@pytest.fixture(scope="module")
def linter():
    """The built-in page-furniture rules, run by the engine as `copydesk check` runs them."""
    rules, lexicons = load_packs([builtin_dir()])
    chosen = [rule for rule in rules if rule.category == "page-furniture" and rule.enabled]
    return Linter(chosen, lexicons, validate({}, HOUSE_SPEC, "house", "house"))


def expected_lines(path: Path) -> tuple[set[int], set[int]]:
    """(lines flagged, lines fixed) by the sidecar."""
    flagged: set[int] = set()
    fixed: set[int] = set()
    for raw in path.with_suffix(".expected").read_text(encoding="utf-8").splitlines():
        entry = raw.split("#", 1)[0].split()
        if entry:
            first, _, last = entry[0].partition("-")
            lines = range(int(first), int(last or first) + 1)
            flagged.update(lines)
            if entry[1:] == ["fix"]:
                fixed.update(lines)
    return flagged, fixed


def test_every_fixture_has_a_sidecar():
    assert ARTICLES and all(p.with_suffix(".expected").exists() for p in ARTICLES)


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.name)
def test_furniture_fixture(path, linter):
    doc = Document(str(path), path.read_text(encoding="utf-8"))
    flagged, fixed = set(), set()
    for finding in linter.lint(doc)[0]:
        flagged.update(range(finding.line, finding.end_line + 1))
        for first, last in finding.fix:
            fixed.update(range(first, last + 1))
    nonblank = {n for n, line in enumerate(doc.lines, start=1) if line.strip()}
    wanted, wanted_fixed = (lines & nonblank for lines in expected_lines(path))
    show = lambda numbers: [f"{n}: {doc.lines[n - 1].strip()[:60]}" for n in sorted(numbers)]  # noqa: E731
    assert flagged & nonblank == wanted, {"false positives": show(flagged - wanted), "missed": show(wanted - flagged)}
    assert fixed & nonblank == wanted_fixed, {"fixed, not expected": show(fixed - wanted_fixed),
                                              "not fixed": show(wanted_fixed - fixed)}
