"""Start-up (issue 7): what a warm check imports and loads, and that the lazy paths behave alike."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from lint import cache, regex_cache, cli
from lint import config as configuration
from lint.errors import ConfigError
from lint.lexicons import Lexicon
from lint.patterns import term_pattern
from lint.rules import UNPREPARED, builtin_dir, load_packs
from lint.runner import Runner

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = (ROOT / "examples" / "wire-story.txt").read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def _own_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


def _modules_of_check(article: Path, cache_home: Path) -> set[str]:
    """The modules a `copydesk check` of one article has imported when it ends."""
    script = "import sys\nfrom lint.cli import main\nmain(['check', sys.argv[1]])\nsys.stderr.write(' '.join(sys.modules))\n"
    env = {**os.environ, "XDG_CACHE_HOME": str(cache_home)}
    result = subprocess.run([sys.executable, "-c", script, str(article)], capture_output=True, text=True, env=env, timeout=300)
    return set(result.stderr.split())


def test_a_warm_check_imports_no_yaml_toml_openssl_or_tempfile(tmp_path):
    article = tmp_path / "desk" / "story.txt"
    article.parent.mkdir()
    article.write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'desk'\n", encoding="utf-8")
    cold = _modules_of_check(article, tmp_path / "c")
    assert {"yaml", "tomllib"} <= cold, "the first run reads the rule files and the pyproject.toml"
    warm = _modules_of_check(article, tmp_path / "c")
    assert "lint.runner" in warm
    assert not warm & {"yaml", "tomllib", "hashlib", "_hashlib", "tempfile", "shutil"}


def test_yaml_is_imported_when_yaml_is_first_parsed():
    script = (
        "import sys\nfrom lint import yamlsafe\nassert 'yaml' not in sys.modules\n"
        "assert yamlsafe.load_text('a: 1\\n', 'x.yaml') == {'a': 1}\nassert 'yaml' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True, timeout=120)


@pytest.mark.parametrize("columns", [None, "", "abc", "0", "-3", "37", "200"])
def test_help_width_is_the_one_argparse_would_choose(monkeypatch, columns):
    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)
    assert cli._terminal_columns() == shutil.get_terminal_size().columns


# ------------------------------------------------------------------------- config lookup


def _tree(tmp_path: Path) -> Path:
    (tmp_path / "pyproject.toml").write_text("[tool.copydesk]\nfail_on = 'error'\n", encoding="utf-8")
    (tmp_path / "desk" / "politics").mkdir(parents=True)
    (tmp_path / "desk" / "sport").mkdir()
    (tmp_path / "desk" / "sport" / ".copydesk.yaml").write_text("fail_on: suggestion\n", encoding="utf-8")
    (tmp_path / "desk" / "sport" / "football").mkdir()
    return tmp_path


def test_one_run_reads_each_config_file_once(tmp_path, monkeypatch):
    root = _tree(tmp_path)
    reads = []
    real = configuration._pyproject_section
    monkeypatch.setattr(configuration, "_pyproject_section", lambda path, *rest: reads.append(path) or real(path, *rest))
    runner = Runner(one_run=True)
    folders = [root / "desk" / "politics", root / "desk", root / "desk" / "sport" / "football", root / "desk" / "politics", root]
    assert [runner.config_for(f).fail_on for f in folders] == ["error", "error", "suggestion", "error", "error"]
    assert reads == [root / "pyproject.toml"] * 2, "read once to find it and once to load it, for all folders"


def test_the_draft_page_runner_looks_again_each_time(tmp_path):
    root = _tree(tmp_path)
    runner = Runner()
    folder = root / "desk" / "politics"
    assert runner.config_for(folder).fail_on == "error"
    (folder / ".copydesk.yaml").write_text("fail_on: suggestion\n", encoding="utf-8")
    assert runner.config_for(folder).fail_on == "suggestion", "a config file added while serving is found"


def test_find_remembers_the_same_answers_it_gives_without_memory(tmp_path):
    root = _tree(tmp_path)
    (root / "desk" / "politics" / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")
    known = {}
    for folder in sorted(p for p in root.rglob("*") if p.is_dir()) + [root]:
        assert configuration.find(folder, known) == configuration.find(folder)


def test_an_invalid_pyproject_fails_every_lookup(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool\n", encoding="utf-8")
    runner = Runner(one_run=True)
    for _ in range(2):
        with pytest.raises(ConfigError, match="invalid TOML"):
            runner.config_for(tmp_path)


def _count_toml_parses(monkeypatch) -> list:
    parses = []
    real = configuration._parse_section
    monkeypatch.setattr(configuration, "_parse_section", lambda path, raw: parses.append(path) or real(path, raw))
    return parses


def test_pyproject_answers_come_from_the_cache_for_the_same_bytes(tmp_path, monkeypatch):
    root = _tree(tmp_path)
    parses = _count_toml_parses(monkeypatch)
    folder = root / "desk" / "politics"
    assert Runner(one_run=True).config_for(folder).fail_on == "error"
    assert len(parses) == 1, "parsed once, then answered from the cache"
    assert Runner(one_run=True).config_for(folder).fail_on == "error"
    assert len(parses) == 1
    (root / "pyproject.toml").write_text("[tool.copydesk]\nfail_on = 'suggestion'\n", encoding="utf-8")
    assert Runner(one_run=True).config_for(folder).fail_on == "suggestion"
    assert len(parses) == 2
    assert Runner(use_cache=False, one_run=True).config_for(folder).fail_on == "suggestion"
    assert len(parses) == 4, "--no-cache parses to find and to load"


def test_pyproject_answers_that_json_cannot_hold_are_parsed_every_time(tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text("[tool.copydesk]\nwhen = 2024-01-02\n", encoding="utf-8")
    parses = _count_toml_parses(monkeypatch)
    for _ in range(2):
        with pytest.raises(ConfigError, match="unknown key 'when'"):
            Runner(one_run=True).config_for(tmp_path)
    assert len(parses) == 4
    (tmp_path / "pyproject.toml").write_text("[tool\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(ConfigError, match="invalid TOML"):
            Runner(one_run=True).config_for(tmp_path)


def test_the_pyproject_cache_ignores_junk_and_keeps_the_newest_answers(tmp_path):
    path = cache.cache_dir() / f"pyproject-{cache.FORMAT}.json"
    raw = b"[tool.copydesk]\nfail_on = 'error'\n"
    digest = cache.blake2b(raw, digest_size=32).hexdigest()
    for junk in ([1, 2], {digest: "not a list"}, {digest: []}):
        cache.write(path, json.dumps(junk).encode())
        assert cache.pyproject_section(raw, lambda content: {"parsed": True}) == {"parsed": True}
    assert cache.pyproject_section(raw, lambda content: pytest.fail("parsed again")) == {"parsed": True}
    for number in range(cache.MAX_PYPROJECTS + 5):
        cache.pyproject_section(str(number).encode(), lambda content: None)
    kept = json.loads(cache.read(path))
    assert len(kept) == cache.MAX_PYPROJECTS and digest not in kept


# --------------------------------------------------------------------------- regex cache


def _fresh_regex_state(monkeypatch, primed: bool, path=None):
    monkeypatch.setattr(regex_cache, "_state", {**regex_cache._fresh_state(), "primed": primed, "path": path})


def test_stored_regexes_compile_from_the_cache_on_first_use(monkeypatch):
    import regex
    from regex import _main

    pattern = r"copydesk-startup-(\d+)"
    path = regex_cache._regex_path()
    _fresh_regex_state(monkeypatch, True, path)
    regex.compile(pattern, regex.IGNORECASE)
    regex_cache.save_regexes()
    _main._cache.clear()
    _fresh_regex_state(monkeypatch, False)
    regex_cache.prime_regexes()
    key = (pattern, int(regex.IGNORECASE))
    assert isinstance(regex_cache._state["stored"][key], list), "not decoded before it is used"

    def parse(*args, **kwargs):
        raise AssertionError("compiled from source, not from the cache")

    monkeypatch.setattr(_main, "_parse_pattern", parse)
    compiled = regex.compile(pattern, regex.IGNORECASE)
    assert compiled.search("see COPYDESK-STARTUP-42 now").group(1) == "42"
    assert isinstance(regex_cache._state["stored"][key], tuple)


def test_the_newest_patterns_are_stored_when_more_were_compiled_than_the_file_keeps(monkeypatch):
    import regex
    from regex import _main

    monkeypatch.setattr(_main, "_cache", {})
    _fresh_regex_state(monkeypatch, True, regex_cache._regex_path())
    for number in range(regex_cache.MAX_REGEXES + 20):
        regex.compile(f"copydesk-older-{number}")
    regex.compile(r"copydesk-newest-(\d+)")
    regex_cache.save_regexes()
    _fresh_regex_state(monkeypatch, False)
    regex_cache.prime_regexes()
    stored = regex_cache._state["stored"]
    assert (r"copydesk-newest-(\d+)", 0) in stored
    assert ("copydesk-older-0", 0) not in stored


def test_a_malformed_stored_regex_is_compiled_from_source(monkeypatch):
    import regex
    from regex import _main

    pattern = r"copydesk-malformed-(\d+)"
    path = regex_cache._regex_path()
    cache.write(path, json.dumps([[pattern, 0, pattern, 0, "!!not base64", {}, [], 0, None, 0, 1]]).encode())
    _main._cache.clear()
    _fresh_regex_state(monkeypatch, False)
    regex_cache.prime_regexes()
    assert (pattern, 0) in regex_cache._state["stored"]
    assert regex.compile(pattern).search("copydesk-malformed-7").group(1) == "7"
    assert (pattern, 0) not in regex_cache._state["stored"]


# ---------------------------------------------------------------------------- pack cache


def test_rules_from_the_pack_cache_are_prepared_only_when_selected():
    load_packs([builtin_dir()], use_cache=True)
    rules, lexicons = load_packs([builtin_dir()], use_cache=True)
    assert all(rule.prepared is UNPREPARED for rule in rules)
    fresh = {rule.id: rule for rule in load_packs([builtin_dir()])[0]}
    runner = Runner(select=["style"], one_run=True)
    linter = runner.linter_for(ROOT)
    selected = [rule for rule in linter.rules if rule.category != "copydesk"]  # not the suppression checks
    assert selected and all(rule.category == "style" and rule.prepared is not UNPREPARED for rule in selected)
    assert all(type(rule.prepared) is type(fresh[rule.id].prepared) for rule in selected)
    ready, _ = Runner(one_run=True).packs((), ready=True)
    assert all(rule.prepared is not UNPREPARED for rule in ready)


def test_cached_and_fresh_packs_lint_alike(tmp_path):
    article = tmp_path / "story.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    results = []
    for use_cache in (False, True, True):
        runner = Runner(use_cache=use_cache, one_run=True)
        _, found, notices = runner.lint_file(article, "story.txt")
        results.append((found, notices, [rule.id for rule in runner.rules_used()]))
    assert results[0] == results[1] == results[2]
    assert results[0][0], "the example story has findings"


@pytest.mark.parametrize(
    "junk",
    [
        {"rules": [{"kind": "nope"}], "lexicons": []},
        {"rules": [], "lexicons": [["x", "x.yaml", ["said"], [], [], []]]},  # term regexes do not match the terms
    ],
)
def test_junk_with_a_valid_checksum_is_ignored_and_rebuilt(junk, tmp_path):
    fresh = load_packs([builtin_dir()])
    load_packs([builtin_dir()], use_cache=True)
    (entry,) = (tmp_path / "cache" / "copydesk").glob("packs-*.json")
    cache.write(entry, json.dumps(junk).encode())
    assert cache.read(entry) is not None
    rules, lexicons = load_packs([builtin_dir()], use_cache=True)
    assert [r.id for r in rules] == [r.id for r in fresh[0]]
    assert sorted(lexicons.by_name) == sorted(fresh[1].by_name)


def test_lexicon_term_regexes_follow_its_terms():
    lexicon = Lexicon("verbs", "verbs.yaml", ["said"], ["told (?:us|them)"])
    assert lexicon.regexes() == [term_pattern("said"), "told (?:us|them)"]
    lexicon.terms.append("according to")
    assert lexicon.regexes() == [term_pattern("said"), term_pattern("according to"), "told (?:us|them)"]
    lexicon.remember_term_regexes(["a", "b"])
    assert lexicon.term_regexes() == ["a", "b"]
    with pytest.raises(ValueError):
        lexicon.remember_term_regexes(["a"])
