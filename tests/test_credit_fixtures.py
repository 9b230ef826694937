"""Credit lines and provenance on fixture stories: every credit form, every provenance marker
and citation form, each with its near miss (tests/fixtures/credit/NAME.txt, expected
credit-line findings in NAME.expected as lines `line:col rule-id`; an empty file: none).
The stories are linted with every built-in rule, as `copydesk check` runs them, so page
furniture goes first and may not take a credit for boilerplate."""

from pathlib import Path

import pytest

from conftest import run_cli
from lint.runner import Runner

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "credit"
NAMES = sorted(p.stem for p in FIXTURES.glob("*.txt"))


def _lint(path: Path) -> set[str]:
    _, findings, notices = Runner().lint_text(path.name, path.read_bytes(), Path("."))
    assert not notices
    return {f"{f.line}:{f.column} {f.rule}" for f in findings if f.category == "credit-line"}


def _expected(path: Path) -> set[str]:
    lines = path.with_suffix(".expected").read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def test_every_form_has_a_fixture_and_a_near_miss():
    assert len([n for n in NAMES if n.startswith("near-")]) >= 12
    assert len([n for n in NAMES if not n.startswith("near-")]) >= 20


@pytest.mark.parametrize("name", NAMES)
def test_fixture_findings(name):
    path = FIXTURES / f"{name}.txt"
    assert _lint(path) == _expected(path)


STAFF_STORY = (FIXTURES / "near-provenance-staff-story.txt").read_text(encoding="utf-8")


def _provenance(tmp_path, config: str) -> list[tuple[str, int]]:
    import json

    (tmp_path / "story.txt").write_text(STAFF_STORY, encoding="utf-8")
    (tmp_path / ".copydesk.yaml").write_text(config, encoding="utf-8")
    result = run_cli("check", "--select", "credit-line.provenance", "--format", "json", "story.txt", cwd=tmp_path)
    return [(f["message"], f["line"]) for f in json.loads(result.stdout)["findings"]]


def test_a_staff_story_is_checked_against_the_house_outlet(tmp_path):
    found = _provenance(tmp_path, "house:\n  outlet: AFP\n")
    assert [line for _, line in found] == [5] and "credited to AFP" in found[0][0]


def test_a_staff_story_of_the_outlet_it_cites_is_not_a_finding(tmp_path):
    assert _provenance(tmp_path, "house:\n  outlet: Reuters\n") == []
    assert _provenance(tmp_path, "house:\n  outlet: Thomson Reuters\n") == []


def test_seed_letter_seen_by_reuters_under_an_afp_credit_is_a_finding():
    seed = Path(__file__).resolve().parent / "fixtures" / "seed.txt"
    assert "7:13 credit-line.provenance" in _lint(seed)
