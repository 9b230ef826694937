"""The page-furniture rule through the CLI (seed article) and the furniture kind's option checks."""

import json

import pytest

from conftest import SEED, run_cli

from lint.errors import ConfigError
from lint.kinds import furniture
from lint.rules import builtin_dir, load_packs
from lint.schema import validate


def test_seed_has_one_furniture_finding_from_the_teaser_list_to_the_end():
    result = run_cli("check", "--select", "page-furniture", "--format", "json", SEED)
    assert result.returncode in (0, 1), result.stderr.decode()
    data = json.loads(result.stdout)
    findings = data["findings"] if isinstance(data, dict) else data
    findings = [f for f in findings if f.get("category", "page-furniture") == "page-furniture"]
    assert len(findings) == 1, findings
    finding = findings[0]
    lines = SEED.read_text(encoding="utf-8").splitlines()
    first = next(n for n, line in enumerate(lines, start=1) if line.strip() == "More from International News")
    last = max(n for n, line in enumerate(lines, start=1) if line.strip())
    assert lines[last - 1].strip() == "Blogs"
    assert (finding["line"], finding["end_line"]) == (first, last)
    assert finding["rule"] == "page-furniture.scraped-boilerplate"


@pytest.fixture(scope="module")
def lexicons():
    return load_packs([builtin_dir()])[1]


def _prepare(options, lexicons):
    checked = validate(options, furniture.OPTIONS, "rule.yaml", "options")
    return furniture.prepare(checked, lexicons, "rule.yaml")


def test_options_are_one_lexicon_list_per_role(lexicons):
    prepared = _prepare({"headers": ["furniture-headers"], "sections": ["furniture-sections"]}, lexicons)
    assert prepared["phrases"]["headers"] and prepared["phrases"]["sections"]
    assert prepared["phrases"]["prompts"] == []


def test_unknown_lexicon_is_a_config_error_naming_it(lexicons):
    with pytest.raises(ConfigError, match="no-such-lexicon"):
        _prepare({"headers": ["no-such-lexicon"]}, lexicons)


def test_unknown_role_is_a_config_error(lexicons):
    with pytest.raises(ConfigError, match="lexicons"):
        _prepare({"lexicons": ["furniture-headers"]}, lexicons)


def test_unknown_threshold_is_a_config_error(lexicons):
    with pytest.raises(ConfigError, match="no_such_threshold"):
        _prepare({"headers": ["furniture-headers"], "thresholds": {"no_such_threshold": 3}}, lexicons)


def test_threshold_must_be_an_integer(lexicons):
    with pytest.raises(ConfigError, match="min_body_words"):
        _prepare({"headers": ["furniture-headers"], "thresholds": {"min_body_words": "ten"}}, lexicons)
    prepared = _prepare({"headers": ["furniture-headers"], "thresholds": {"min_body_words": 12}}, lexicons)
    assert prepared["thresholds"] == {"min_body_words": 12}


def test_no_lexicon_at_all_is_a_config_error(lexicons):
    with pytest.raises(ConfigError):
        _prepare({}, lexicons)
