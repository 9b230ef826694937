"""Generated hostile input (issue 17), every class: articles with odd characters and newlines,
front matter and configs with values YAML cannot build, rule files with hostile fields,
folders with FIFOs, device links, outward links, hard links and read-only files, `--fix` run
twice and `--diff` patches applied with `git apply`.

The generators are tests/hostile.py's (bench/hostile_inputs.py runs them over 10,000 inputs);
hypothesis drives them through `st.randoms()`. In-process checks take many examples; the
console-script checks, a few folders each.
"""

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import hostile
from lint import config as configuration
from lint import fix
from lint.errors import ConfigError, InputError
from lint.newsroom.document import Document
from lint.rules import builtin_dir, load_packs
from lint.runner import Runner
from test_reliability_input import assert_in_bounds

FAST = settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck))
SLOW = settings(max_examples=3, deadline=None, suppress_health_check=list(HealthCheck), database=None)
RANDOMS = st.randoms(use_true_random=False)
RUNNER = Runner()


def _one_line(error: Exception) -> str:
    text = str(error)
    assert text and "\n" not in text and "Traceback" not in text, text
    return text


@FAST
@given(RANDOMS)
def test_generated_articles_lint_in_bounds_or_fail_in_one_line(rng):
    raw = hostile.encode(rng, hostile.article(rng))
    name = hostile.pick(rng, ["story.txt", "story.md"])
    try:
        doc, findings, notices = RUNNER.lint_text(name, raw, Path("."))
    except InputError as exc:  # invalid UTF-8, a NUL byte: one line, naming the file
        assert _one_line(exc).startswith(f"{name}: ")
        return
    assert_in_bounds(doc.lines, findings)
    assert findings == sorted(findings)
    assert all("\n" not in notice for notice in notices)


@FAST
@given(RANDOMS)
def test_generated_front_matter_is_fields_or_a_finding_at_a_line(rng):
    text = hostile.front_matter(rng) + "Headline\n\nBody.\n"
    doc = Document("story.md", text)
    if doc.front_matter_error is not None:
        line, message = doc.front_matter_error
        assert 1 <= line <= len(doc.lines) and message and "\n" not in message
    else:
        assert isinstance(doc.front_matter, dict)


@FAST
@given(RANDOMS)
def test_generated_configs_load_or_fail_in_one_line(tmp_path_factory, rng):
    folder = tmp_path_factory.mktemp("config")
    path = folder / ".copydesk.yaml"
    path.write_text(hostile.config(rng), encoding="utf-8", errors="surrogatepass")
    runner = Runner(config_path=path, one_run=True)
    try:
        cfg = configuration.load(path)
        runner.linter_for(folder)
    except ConfigError as exc:  # naming the config, or the rule folder it names that is missing
        assert _one_line(exc).startswith(str(folder))
        return
    assert cfg.path == str(path)


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(RANDOMS)
def test_generated_rule_files_load_or_fail_in_one_line(tmp_path_factory, rng):
    pack = tmp_path_factory.mktemp("pack")
    (pack / "rule.yaml").write_text(hostile.rule_file(rng), encoding="utf-8", errors="surrogatepass")
    try:
        rules, lexicons = load_packs([builtin_dir(), pack])
    except ConfigError as exc:
        assert _one_line(exc).startswith(str(pack / "rule.yaml"))
        return
    probe = [rule.ready(lexicons) for rule in rules if rule.path == str(pack / "rule.yaml")]
    doc = Document("story.txt", "Talks resume\n\nWe utilise it, officials said.\n")
    for rule in probe:
        assert all(0 <= hit.start <= hit.end <= len(doc.text) for hit in rule.engine.check(doc, rule.prepared, _context(doc)))


def _context(doc):
    from lint.context import Context
    from lint.newsroom.credit import CreditReader

    rules, lexicons = load_packs([builtin_dir()])
    house = {"quote_style": "us", "outlets": [], "credit_fields": ["credit", "byline"]}
    return Context(doc, house, lexicons, CreditReader.from_lexicons(lexicons))


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True, database=None)
@given(RANDOMS)
def test_generated_fixes_applied_twice_change_nothing_the_second_time(rng):
    text = hostile.article(rng)
    name = hostile.pick(rng, ["story.txt", "story.md"])
    doc, findings, _ = RUNNER.lint_text(name, text.encode("utf-8", "surrogatepass"), Path("."))
    once, removed, refused = fix.apply(doc.text, findings)
    if refused or not removed:
        return
    again_doc, again, _ = RUNNER.lint_text(name, once.encode("utf-8", "surrogatepass"), Path("."))
    twice, _, _ = fix.apply(again_doc.text, again)
    assert twice == once, "a second --fix removed more"


@SLOW
@given(st.integers(min_value=0, max_value=2**32))
def test_generated_folders_through_the_console_script(tmp_path_factory, seed):
    """Every file reported (checked, not checked, or skipped), exit 0/1/2, no traceback, no hang;
    --fix twice equals once; the --diff patch applies with git apply and does what --fix did."""
    scratch = tmp_path_factory.mktemp("hostile")
    tally = hostile.Tally()
    odd = hostile.build(scratch / "check", seed, 40, tally)
    hostile.check_reports(scratch / "check", 120, tally, jobs=seed % 2 == 0)
    if shutil.which("git"):
        hostile.build(scratch / "fixed", seed, 40, None)
        hostile.build(scratch / "patched", seed, 40, None)
        hostile.check_fixes(scratch / "fixed", scratch / "patched", odd, 120, tally)
    assert dict(tally.problems) == {}, tally.examples
