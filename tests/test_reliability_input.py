"""Reliability: bad input, odd newlines and unusual text never crash and never lose a line.

CLI cases run the installed console script in a subprocess (`run_cli`), as a newsroom would.
"""

import json
import os
import sys
import time
from pathlib import Path

import pytest

from conftest import run_cli, write_file
from lint import yamlsafe
from lint.errors import InputError
from lint.runner import Runner

PROBE_RULE = """\
id: style.reliability-probe
category: style
severity: warning
message: "Probe '{match}'"
description: A probe used by the reliability tests to place findings at known columns.
kind: existence
options:
  terms: [utilise, talks resumed]
  skip_quoted: false
examples:
  fail: ["We utilise it."]
  pass: ["We use it."]
"""
GOOD = "Talks resume in Geneva\n\nBy Jane Doe, Reuters\n\nThe talks resumed on Monday, officials said.\n"


def _err_lines(result) -> list[str]:
    err = result.stderr.decode()
    assert "Traceback" not in err, err
    return [line for line in err.splitlines() if line.strip()]


def _json(result) -> dict:
    return json.loads(result.stdout)


@pytest.fixture
def probe(tmp_path):
    write_file(tmp_path, "rules/probe.yaml", PROBE_RULE)
    return tmp_path


def assert_in_bounds(lines: list[str], findings) -> None:
    """Every finding lies inside the file: 1 <= line <= lines, columns up to line length + 1."""
    for f in findings:
        get = f.get if isinstance(f, dict) else lambda key, f=f: getattr(f, key)
        line, column, end_line, end_column = get("line"), get("column"), get("end_line"), get("end_column")
        assert 1 <= line <= len(lines), f
        assert 1 <= column <= len(lines[line - 1]) + 1, f
        assert line <= end_line <= len(lines), f
        assert 1 <= end_column <= len(lines[end_line - 1]) + 1, f
        assert end_line > line or end_column >= column, f


# ---------------------------------------------------------------- bad input, one file at a time

BAD_UTF8 = b"Talks resume\n\nOfficials said caf\xe9 owners\n"
TRUNCATED = "Talks in Zü".encode()[:-1]
BAD_NAMED = [
    # name, content, words the one-line message must carry
    ("bad-utf8.txt", BAD_UTF8, f"invalid UTF-8 at byte offset {BAD_UTF8.index(bytes([0xE9]))}"),
    ("truncated-utf8.txt", TRUNCATED, f"invalid UTF-8 at byte offset {len(TRUNCATED) - 1}"),
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary file"),
    ("nul.txt", b"Talks resume\n\nOfficials\x00 said.\n", "NUL byte at offset 23"),
    ("bad-utf16.txt", b"\xff\xfe" + "Talks".encode("utf-16-le") + b"\x00\xd8A\x00", "invalid UTF-16 at byte offset"),
]


@pytest.mark.parametrize("name, content, words", BAD_NAMED, ids=[case[0] for case in BAD_NAMED])
def test_bad_file_named_on_the_command_line_is_one_line_exit_2_and_the_run_goes_on(tmp_path, name, content, words):
    bad = write_file(tmp_path, name, content)
    good = write_file(tmp_path, "good.txt", GOOD)
    result = run_cli("check", "--format", "json", bad, good)
    err = _err_lines(result)
    assert result.returncode == 2
    assert len(err) == 1 and str(bad) in err[0] and words in err[0], err
    assert _json(result)["files"] == 1


def test_missing_path_is_one_line_exit_2_and_the_run_goes_on(tmp_path):
    good = write_file(tmp_path, "good.txt", GOOD)
    result = run_cli("check", "--format", "json", tmp_path / "missing.txt", good, tmp_path / "gone" / "folder")
    err = _err_lines(result)
    assert result.returncode == 2
    assert len(err) == 2 and all("no such file or folder" in line for line in err), err
    assert "missing.txt" in err[0] and "gone" in err[1]
    assert _json(result)["files"] == 1


def test_empty_file_is_linted_quietly(tmp_path):
    empty = write_file(tmp_path, "empty.txt", b"")
    result = run_cli("check", "--format", "json", empty)
    assert _err_lines(result) == []
    assert result.returncode == 0 and _json(result) == {**_json(result), "files": 1, "findings": []}
    text = run_cli("check", empty)
    assert text.returncode == 0 and text.stdout.decode().strip() == "No findings in 1 file."


@pytest.mark.parametrize("content", ["---\ntitle: Talks\nbyline: Jane Doe, Reuters\n---\n", "---\ntitle: Talks\n---", "---\n---\n"])
def test_file_of_only_front_matter(tmp_path, content):
    article = write_file(tmp_path, "only.md", content)
    result = run_cli("check", "--format", "json", article)
    assert _err_lines(result) == []
    assert result.returncode in (0, 1)
    payload = _json(result)
    assert payload["files"] == 1
    assert not [f for f in payload["findings"] if f["rule"] == "style.front-matter-syntax"]
    assert_in_bounds(content.split("\n"), payload["findings"])


@pytest.mark.parametrize(
    "front_matter, line",
    [
        ("title: Talks\ntags: [politics\nbyline: Jane\n", 3),  # the line the [ opened on, not where the parser noticed
        ("title: Talks\n  bad: indent\n", 3),
        ("title: Talks\ntitle: Again\n", 3),  # duplicate key
        ("- just\n- a list\n", 2),
        ("title: !!python/object/apply:os.system [echo hi]\n", 2),
        ("title: " + "[" * 5000 + "\n", 2 if yamlsafe.WITH_LIBYAML else 1),  # nested too deeply: libyaml names the line
    ],
    ids=["unclosed-bracket", "bad-indent", "duplicate-key", "not-a-mapping", "python-tag", "deep-nesting"],
)
def test_malformed_front_matter_is_a_finding_at_its_line_not_a_crash(tmp_path, front_matter, line):
    text = "---\n" + front_matter + "---\nTalks resume in Geneva\n\nBy Jane Doe, Reuters\n"
    article = write_file(tmp_path, "story.md", text)
    result = run_cli("check", "--format", "json", "--select", "style.front-matter-syntax", article)
    assert _err_lines(result) == []
    findings = _json(result)["findings"]
    assert [(f["rule"], f["line"]) for f in findings] == [("style.front-matter-syntax", line)], findings
    assert result.returncode == 1
    assert_in_bounds(text.split("\n"), findings)


def test_utf16_with_a_bom_is_decoded_and_linted(probe):
    text = "Talks resume in Geneva\n\nBy Jane Doe, Reuters\n\nThe talks resumed; we utilise “every” minute.\n"
    reference = write_file(probe, "utf8.txt", text)
    payloads = {}
    for codec in ("utf-8", "utf-16", "utf-16-le", "utf-16-be", "utf-8-sig"):
        raw = text.encode(codec)
        if codec in ("utf-16-le", "utf-16-be"):
            raw = ("\ufeff" + text).encode(codec)
        article = write_file(probe, f"{codec}.txt", raw)
        result = run_cli("check", "--rules", "rules", "--format", "json", article, cwd=probe)
        assert _err_lines(result) == [], codec
        payloads[codec] = [{**f, "path": ""} for f in _json(result)["findings"]]
    expected = [{**f, "path": ""} for f in _json(run_cli("check", "--rules", "rules", "--format", "json", reference, cwd=probe))["findings"]]
    assert any(f["rule"] == "style.reliability-probe" for f in expected)
    for codec, findings in payloads.items():
        assert findings == expected, codec


def test_binary_files_met_in_a_folder_are_skipped_with_a_notice(tmp_path):
    write_file(tmp_path, "desk/a-good.txt", GOOD)
    write_file(tmp_path, "desk/logo.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    write_file(tmp_path, "desk/z-good.md", GOOD)
    result = run_cli("check", "--format", "json", "desk", cwd=tmp_path)
    err = _err_lines(result)
    assert len(err) == 1 and "desk/logo.md" in err[0] and "binary" in err[0] and "skipped" in err[0], err
    assert result.returncode == 0
    assert _json(result)["files"] == 2


def test_undecodable_text_met_in_a_folder_is_an_error_and_the_rest_is_linted(tmp_path):
    write_file(tmp_path, "desk/a.txt", GOOD)
    write_file(tmp_path, "desk/b.txt", b"Caf\xe9 owners said.\n")
    write_file(tmp_path, "desk/c.txt", GOOD)
    result = run_cli("check", "--format", "json", "desk", cwd=tmp_path)
    err = _err_lines(result)
    assert len(err) == 1 and "desk/b.txt: invalid UTF-8 at byte offset 3" in err[0], err
    assert result.returncode == 2 and _json(result)["files"] == 2


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="chmod 000 does not block reads for root")
def test_unreadable_file_is_one_line_exit_2(tmp_path):
    bad = write_file(tmp_path, "locked.txt", GOOD)
    bad.chmod(0)
    good = write_file(tmp_path, "good.txt", GOOD)
    try:
        result = run_cli("check", "--format", "json", bad, good)
    finally:
        bad.chmod(0o644)
    err = _err_lines(result)
    assert result.returncode == 2 and len(err) == 1 and "locked.txt: permission denied" in err[0], err
    assert _json(result)["files"] == 1


@pytest.mark.skipif(not Path("/proc/self/mem").exists(), reason="needs Linux /proc")
def test_file_that_cannot_be_read_even_by_root_is_one_line_exit_2(tmp_path):
    """Root reads through chmod 000, so read failure is simulated with a file whose read() fails (EIO)."""
    (tmp_path / "desk").mkdir()
    (tmp_path / "desk" / "broken.txt").symlink_to("/proc/self/mem")
    write_file(tmp_path, "desk/good.txt", GOOD)
    for target in ("desk/broken.txt", "desk"):
        result = run_cli("check", "--format", "json", target, "desk/good.txt", cwd=tmp_path)
        err = _err_lines(result)
        assert result.returncode == 2 and len(err) == 1, err
        assert "desk/broken.txt: cannot read" in err[0], err
        assert _json(result)["files"] >= 1


def test_folder_where_a_file_is_expected_is_an_input_error(tmp_path):
    """A folder named like an article reaching lint_file (e.g. raced in) is an InputError, not a crash."""
    folder = tmp_path / "story.txt"
    folder.mkdir()
    with pytest.raises(InputError, match="story.txt: is a folder"):
        Runner().lint_file(folder, "story.txt")


def test_folder_named_like_an_article_is_walked_not_read(tmp_path):
    write_file(tmp_path, "desk/story.txt/inner.txt", GOOD)
    result = run_cli("check", "--format", "json", "desk", cwd=tmp_path)
    assert _err_lines(result) == [] and _json(result)["files"] == 1


def test_folder_symlink_loops_terminate(tmp_path):
    write_file(tmp_path, "desk/a.txt", GOOD)
    write_file(tmp_path, "desk/sub/b.txt", GOOD)
    (tmp_path / "desk" / "sub" / "up").symlink_to(tmp_path / "desk", target_is_directory=True)
    (tmp_path / "desk" / "self").symlink_to(".", target_is_directory=True)
    (tmp_path / "desk" / "x.txt").symlink_to("y.txt")  # a file link loop
    (tmp_path / "desk" / "y.txt").symlink_to("x.txt")
    (tmp_path / "loop").symlink_to(tmp_path / "desk", target_is_directory=True)
    start = time.monotonic()
    result = run_cli("check", "--format", "json", "desk", "loop", cwd=tmp_path)
    assert time.monotonic() - start < 60
    err = _err_lines(result)
    paths = sorted({f["path"] for f in _json(result)["findings"]} | set())
    assert all("x.txt" in line or "y.txt" in line for line in err), err
    assert _json(result)["files"] == 4, (paths, err)  # a.txt and sub/b.txt, through desk and through loop


# ---------------------------------------------------------------- newlines

NEWLINE_ARTICLE = [
    "---",
    "title: Talks resume",
    "tags: [politics",
    "---",
    "Talks resume in Geneva",
    "",
    "By Jane Doe, Reuters",
    "",
    "The talks resumed on Monday. We utilise “every minute, the envoy said.",
    "\tDelegates said they would utilise the time before the talks",
    "resumed on Tuesday, and said “officials would meet again in the evening.",
    "",
    "utilise was the word the ministers used in their statement on Monday, officials said.",
    "A utilise-free statement followed on Tuesday, the envoy told reporters in Geneva.",
    "",
    "The ministers will meet again on Wednesday, the envoy said after the session ended.",
]


def _with_newlines(lines: list[str], style: str) -> bytes:
    if style == "mixed":
        cycle = ["\r\n", "\r", "\n"]
        endings = [cycle[i % 3] for i in range(len(lines) - 1)] + [""]
        for i in range(len(lines) - 1):
            if endings[i] == "\r" and (lines[i + 1] + endings[i + 1]).startswith("\n"):
                endings[i] = "\r\n"  # a CR right before an LF would read as one CRLF break
        text = "".join(line + ending for line, ending in zip(lines, endings))
    else:
        text = {"lf": "\n", "crlf": "\r\n", "cr": "\r"}[style].join(lines)
    return text.encode()


@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_crlf_cr_and_mixed_newlines_give_exact_lines_and_columns(probe, suffix):
    results = {}
    for style in ("lf", "crlf", "cr", "mixed"):
        article = write_file(probe, f"{style}{suffix}", _with_newlines(NEWLINE_ARTICLE, style))
        as_json = run_cli("check", "--rules", "rules", "--format", "json", article, cwd=probe)
        as_text = run_cli("check", "--rules", "rules", article, cwd=probe)
        assert _err_lines(as_json) == [] and _err_lines(as_text) == [], style
        findings = [{**f, "path": "X"} for f in _json(as_json)["findings"]]
        results[style] = (findings, as_text.stdout.decode().replace(str(article), "X"))
    lf_findings, lf_text = results["lf"]
    for style, (findings, text) in results.items():
        assert findings == lf_findings, style
        assert text == lf_text, style
    assert_in_bounds(NEWLINE_ARTICLE, lf_findings)
    probes = [(f["line"], f["column"], f["end_line"], f["end_column"]) for f in lf_findings if f["rule"] == "style.reliability-probe"]
    assert probes == [(9, 5, 9, 18), (9, 33, 9, 40), (10, 28, 10, 35), (10, 56, 11, 8), (13, 1, 13, 8), (14, 3, 14, 10)]
    syntax = [f["line"] for f in lf_findings if f["rule"] == "style.front-matter-syntax"]
    assert syntax == [3]  # the unclosed [ (issue 16.10), not the closing ---
    caret = "  \t" + " " * 26 + "^" * 7
    assert f"X:10:28: warning style.reliability-probe Probe 'utilise'\n  {NEWLINE_ARTICLE[9]}\n{caret}\n" in lf_text


# ---------------------------------------------------------------- unusual text

UNUSUAL = {
    "arabic-rtl": "محادثات في جنيف\n\nبقلم جين دو، رويترز\n\nقال المسؤولون «إن المحادثات استؤنفت» يوم الاثنين.\n",
    "hebrew-rtl-marks": "\u202bשיחות בז'נבה\u202c\n\nמאת ג'יין דו\n\n\u200fאמרו „השיחות התחדשו” ביום שני.\n",
    "combining": "Cafe\u0301 owners said\u0301\u0301\u0301 the talks\u0308 resumed.\n\n" + "e" + "\u0301" * 5000 + "\n",
    "emoji": "Talks 🇨🇭 resume 👩🏽‍⚖️👨‍👩‍👧‍👦\n\nBy Jane Doe 😀, Reuters\n\n“🙂” said 𝒜𝒫. " * 50,
    "zero-width": "Tal\u200bks re\u200dsume\ufeff\n\nBy\u2060 Jane\u00ad Doe, Reu\u200cters\n\nThe talks\u200b resumed, \u200b“officials\u200b” said.\n",
    "line-separators": "Talks\u2028resume\u2029here\x85and\x0bthere\x0c\n\nBy Jane Doe, Reuters\n",
    "nested-quotes": "Talks\n\n" + "“‘" * 500 + "deep" + "’”" * 500 + " he said.\n\n" + "“‘" * 300 + "unclosed\n",
    "many-double": "Talks\n\n" + '"' * 10000 + "\n",
    "many-curly": "Talks\n\n" + "“" * 10000 + "\n\n" + "”" * 10000 + "\n",
    "many-single": "Talks\n\n" + "'" * 10000 + "\n\n" + "‘’" * 5000 + "\n",
    "many-guillemets": "Talks\n\n" + "«" * 10000 + "»" * 10000 + "\n\n" + "„" * 10000 + "\n",
    "many-mixed": "Talks\n\n" + "\"'“”‘’«»‹›„‚" * 1000 + "\n",
    "quote-per-line": "Talks\n\n" + "“\n" * 10000,
    "surrogate-escapes": "Talks \U0001F600\U0010FFFF\uFFFE\uFFFF resume\n",
    "control-chars": "Talks\x01\x02\x1b[31m resume\x7f\n\nBy Jane Doe, Reuters\n",
}


def _lint(name: str, raw: bytes, folder: Path):
    doc, findings, notices = Runner().lint_text(name, raw, folder)
    assert_in_bounds(doc.lines, findings)
    assert findings == sorted(findings)
    return doc, findings, notices


@pytest.mark.parametrize("name", sorted(UNUSUAL))
@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_unusual_text_never_crashes_and_positions_stay_in_bounds(tmp_path, name, suffix):
    text = UNUSUAL[name]
    doc, findings, notices = _lint(name + suffix, text.encode(), tmp_path)
    assert notices == []
    assert doc.text == text.lstrip("\ufeff")
    again = _lint(name + suffix, text.encode(), tmp_path)[1]
    assert again == findings


def test_unusual_text_through_the_console_script(tmp_path):
    for name, text in UNUSUAL.items():
        write_file(tmp_path, f"desk/{name}.md", text)
    for output in ("json", "text"):
        result = run_cli("check", "--format", output, "desk", cwd=tmp_path)
        assert _err_lines(result) == [], output
        assert result.returncode in (0, 1)
    payload = _json(run_cli("check", "--format", "json", "desk", cwd=tmp_path))
    assert payload["files"] == len(UNUSUAL)
    for name, text in UNUSUAL.items():
        assert_in_bounds(text.split("\n"), [f for f in payload["findings"] if f["path"] == f"desk/{name}.md"])


# ---------------------------------------------------------------- large inputs

def test_provenance_markers_are_still_reported_in_a_6_mb_article(tmp_path):
    """regex's own `timeout=` covers a whole finditer scan, so on articles of ~5 MB and more the
    provenance rule used to time out and be skipped; its scans now have a per-match limit."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    try:
        from large_inputs import article
    finally:
        sys.path.pop(0)
    raw = article(6 * 1024 * 1024).replace(b"By Jane Doe, Reuters", b"By Jane Doe, AFP")
    assert len(raw) >= 6 * 1024 * 1024
    markers = raw.count(b"seen by Reuters")
    assert markers > 5000
    start = time.monotonic()
    doc, findings, notices = Runner(select=("credit-line.provenance",)).lint_text("big.txt", raw, tmp_path)
    print(f"\ncredit-line.provenance on a 6 MB article: {len(findings)} findings in {time.monotonic() - start:.1f} s")
    assert notices == []
    assert len(findings) == markers
    assert {f.rule for f in findings} == {"credit-line.provenance"}
    assert "Reuters" in findings[-1].message and "AFP" in findings[-1].message
