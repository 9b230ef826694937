"""Performance work must not change results: phrase-set matching, caches, --jobs, report lines."""

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from lint import cache, cli
from lint.newsroom.document import Document
from lint.patterns import PhraseSet, compile_alternation, finditer
from lint.rules import builtin_dir, load_packs
from lint.runner import SourceLines

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "furniture-dev" / "clean"


@pytest.fixture(autouse=True)
def _own_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


def _old(entries, ignore_case, text, start, end):
    regexes = PhraseSet(entries, ignore_case).regexes
    return [m.span() for m in finditer(compile_alternation(regexes, ignore_case), text, start, end)]


def _same(entries, text, ignore_case=True, ranges=None):
    phrases = PhraseSet(entries, ignore_case)
    for start, end in ranges or [(0, len(text))]:
        assert list(phrases.spans(text, start, end)) == _old(entries, ignore_case, text, start, end), (entries, start, end)


EDGE_TEXT = (
    "According to police, the so-called experts said it's done. ACCORDING  TO\nreports, U.S. officials "
    "(reportedly) said; according to-day. Don’t say dont. KELVIN \u212aelvin \u0130stanbul istanbul "
    "\u017fays says. reported'ly reportedly_ x_reportedly said-so U.S.A. critics say so."
)


@pytest.mark.parametrize(
    "entries",
    [
        [("term", "according to"), ("term", "according to police"), ("term", "said")],
        [("term", "according to police"), ("term", "according to")],
        [("term", "so-called"), ("term", "U.S."), ("term", "U.S. officials"), ("term", "don't")],
        [("term", "kelvin"), ("term", "istanbul"), ("term", "says"), ("term", "reportedly")],
        [("regex", r"\bcritics\s+say\b"), ("term", "critics"), ("term", "say so")],
        [("term", "critics"), ("regex", r"\bcritics\s+say\b"), ("regex", r"\bsa\w+")],
        [("regex", r"\G\s*\w+"), ("term", "said")],
        [("term", "said"), ("regex", r"x*")],
        [("term", "said "), ("term", "’s"), ("term", "#tag"), ("term", "Élysée"), ("term", "reported'")],
        [("term", "to"), ("term", "police,"), ("regex", r"(?<=\bthe\s)\w+")],
    ],
)
def test_phrase_sets_match_like_one_alternation(entries):
    rng = random.Random(3)
    ranges = [(0, len(EDGE_TEXT))] + [tuple(sorted((rng.randrange(len(EDGE_TEXT)), rng.randrange(len(EDGE_TEXT))))) for _ in range(40)]
    ranges += [(0, EDGE_TEXT.index("police") + 3), (EDGE_TEXT.index("cording"), len(EDGE_TEXT))]
    _same(entries, EDGE_TEXT, True, ranges)
    _same(entries, EDGE_TEXT, False, ranges)


def _texts():
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").glob("*")) if p.is_file()]
    if CORPUS.is_dir():
        texts += [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))[:12]]
    return texts


def test_builtin_phrase_sets_match_like_their_alternations_on_the_corpus():
    rules, _ = load_packs([builtin_dir()])
    sets = [v for r in rules if isinstance(r.prepared, dict) for v in r.prepared.values() if isinstance(v, PhraseSet)]
    assert sets
    for text in _texts():
        doc = Document("x.txt", text)
        ranges = [(0, len(doc.prose))] + [(s, e) for s, e, _ in doc.sentences[:25]]
        for phrases in sets:
            entries = None  # compare against the alternation the set stands for
            full = compile_alternation(phrases.regexes, phrases.ignore_case)
            for start, end in ranges:
                old = [m.span() for m in finditer(full, doc.prose, start, end)]
                assert list(phrases.spans(doc.prose, start, end)) == old, (phrases.regexes[:3], start, end, entries)


def test_a_large_lexicon_is_indexed_not_compiled():
    terms = [("term", f"word{n} phrase{n % 97}") for n in range(200_000)]
    phrases = PhraseSet(terms + [("term", "said")])
    assert not phrases.residual
    text = "Officials said word123 phrase26 and WORD5 Phrase5 today."
    assert list(phrases.spans(text)) == [(10, 14), (15, 31), (36, 49)]


def _run(args, cwd=ROOT, env=None):
    result = subprocess.run(
        [sys.executable, "-m", "lint", *args], cwd=cwd, capture_output=True, text=True, env=env, timeout=300
    )
    return result.returncode, result.stdout, result.stderr


def _env(cache_home):
    return {**os.environ, "XDG_CACHE_HOME": str(cache_home), "NO_COLOR": "1"}


def test_cache_is_written_reused_and_a_corrupt_one_is_rebuilt(tmp_path):
    env = _env(tmp_path / "c")
    article = str(ROOT / "examples" / "wire-story.txt")
    baseline = _run(["check", "--no-cache", "--format", "json", article], env=env)
    assert not (tmp_path / "c" / "copydesk").exists(), "--no-cache writes nothing"
    first = _run(["check", "--format", "json", article], env=env)
    files = sorted((tmp_path / "c" / "copydesk").iterdir())
    assert {f.name.split("-")[0] for f in files} == {"packs", "pyproject", "regex"}
    second = _run(["check", "--format", "json", article], env=env)
    assert baseline == first == second
    for path in files:  # corrupt every cache file: truncated, garbage, and a valid checksum of junk
        path.write_bytes(path.read_bytes()[:100])
    assert _run(["check", "--format", "json", article], env=env) == baseline
    for path in files:
        path.write_bytes(b"\0" * 10)
    assert _run(["check", "--format", "json", article], env=env) == baseline
    import hashlib

    for path in files:
        junk = json.dumps([["x", 0, "x", 0, "!!", {}, [], 0, None, 0, 0], [1, 2]] if path.name.startswith("regex") else {"rules": [{"kind": "nope"}]})
        path.write_bytes(hashlib.sha256(junk.encode()).digest() + junk.encode())
    assert _run(["check", "--format", "json", article], env=env) == baseline
    assert _run(["check", "--format", "json", article], env=env) == baseline


def test_packs_cache_follows_rule_file_edits(tmp_path):
    pack = tmp_path / "pack" / "style"
    pack.mkdir(parents=True)
    rule = pack / "house-word.yaml"
    text = (
        "id: style.house-word\ncategory: style\nseverity: warning\nmessage: \"Use 'use', not '{match}'\"\n"
        "description: House style prefers plain words; utilise reads as jargon in every story we print.\n"
        "kind: existence\noptions:\n  terms: [utilise]\nexamples:\n  fail: ['Police utilise gas.']\n  pass: ['Police use gas.']\n"
    )
    rule.write_text(text)
    article = tmp_path / "a.txt"
    article.write_text("Police utilise gas and utilize water.\n")
    args = ["check", "--select", "style.house-word", "--rules", str(tmp_path / "pack"), str(article)]
    env = _env(tmp_path / "c")
    assert "utilise" in _run(args, env=env)[1]
    rule.write_text(text.replace("[utilise]", "[utilize]"))
    out = _run(args, env=env)[1]
    assert "'utilize'" in out and "'utilise'" not in out


def test_load_packs_from_cache_equals_loading_files(tmp_path, monkeypatch):
    fresh = load_packs([builtin_dir()])
    load_packs([builtin_dir()], use_cache=True)
    cached = load_packs([builtin_dir()], use_cache=True)
    assert [r.id for r in cached[0]] == [r.id for r in fresh[0]]
    assert [(r.options, r.severity, r.message) for r in cached[0]] == [(r.options, r.severity, r.message) for r in fresh[0]]


def _corpus(folder: Path, count: int) -> None:
    texts = _texts()
    folder.mkdir()
    for n in range(count):
        (folder / f"a{n:03d}.txt").write_text(texts[n % len(texts)] + f"\nThe figure rose {n} percent.\n", encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"\0\1\2")


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "rdjson"])
def test_jobs_output_is_identical_to_serial(tmp_path, fmt):
    _corpus(tmp_path / "desk", 14)
    env = _env(tmp_path / "c")
    serial = _run(["check", "--format", fmt, "--statistics", "desk"], cwd=tmp_path, env=env)
    assert serial[0] in (1, 2) and serial[1]
    for jobs in ("2", "0"):
        assert _run(["check", "--jobs", jobs, "--format", fmt, "--statistics", "desk"], cwd=tmp_path, env=env) == serial


def test_report_keeps_only_the_lines_findings_need():
    lines = ["a", "b", "c", "d", ""]

    class F:
        line, end_line = 2, 3

    kept = SourceLines.of(lines, [F()])
    assert len(kept) == 5 and kept[1] == "b" and kept[2] == "c" and kept[0] == "" and kept[-1] == ""
    assert kept.kept == {2: "b", 3: "c"}


def test_jobs_flag_is_checked():
    with pytest.raises(SystemExit):
        cli.build_parser().parse_args(["check", "--jobs", "-1"])
    assert cli.build_parser().parse_args(["check", "--jobs", "0"]).jobs >= 1
    code, _, err = _run(["check", "--jobs", "x", "examples/wire-story.txt"])
    assert code == 2 and "jobs" in err
    assert json.loads(_run(["check", "--jobs", "3", "--format", "json", "examples/wire-story.txt"])[1])["files"] == 1
