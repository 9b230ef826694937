"""--fix and --diff: safe removal of flagged page furniture, written back byte-faithfully."""

import json
import os
import stat
import subprocess

import pytest

from conftest import SEED, run_cli
from lint import fix
from lint.finding import Finding

SEED_TEXT = SEED.read_bytes().decode("utf-8")
SEED_KEPT = "\n".join(SEED_TEXT.split("\n")[:13])  # everything above the teaser list


def _furniture(line, end_line, ranges):
    return Finding("a.txt", line, 1, end_line, 5, "page-furniture.scraped-boilerplate", "page-furniture", "warning", "m", ranges)


@pytest.mark.parametrize(
    "text, finding, expected",
    [
        ("Head\n\nBody.\n\nShare\n\nMore.\n", _furniture(5, 5, ((5, 5),)), "Head\n\nBody.\n\nMore.\n"),
        ("Head\n\nBody.\nShare\n\nMore.\n", _furniture(4, 4, ((4, 4),)), "Head\n\nBody.\n\nMore.\n"),
        ("Share\n\nHead\n\nBody.\n", _furniture(1, 1, ((1, 1),)), "Head\n\nBody.\n"),
        ("Head\n\nBody.\n\nShare\nLike\n\n\n", _furniture(5, 6, ((5, 6),)), "Head\n\nBody.\n"),
        ("Head\r\n\r\nBody.\r\n\r\nShare\r\n\r\nMore.", _furniture(5, 5, ((5, 5),)), "Head\r\n\r\nBody.\r\n\r\nMore."),
        ("Head\r\rBody.\r\rShare", _furniture(5, 5, ((5, 5),)), "Head\r\rBody."),
        ("Head\n\nBody.\r\n\r\nShare\n", _furniture(5, 5, ((5, 5),)), "Head\n\nBody.\r\n"),
    ],
)
def test_apply_removes_blocks_and_the_blank_lines_they_leave(text, finding, expected):
    fixed, removed, refused = fix.apply(text, [finding])
    assert (fixed, refused) == (expected, [])
    assert fix.apply(fixed, [])[0] == fixed


def test_a_fix_outside_its_finding_is_refused(tmp_path):
    article = tmp_path / "a.txt"
    text = "Head\n\nBody, officials said.\n\nShare\n"
    article.write_text(text)
    sneaky = _furniture(5, 5, ((3, 5),))  # would also delete the body paragraph
    outcome = fix.fix_file(article, "a.txt", [sneaky], text, write=True)
    assert not outcome.changed and "line 3, which no finding covers" in outcome.problem
    assert article.read_text() == text


@pytest.mark.parametrize(
    "encoding, bom, newline",
    [
        ("utf-8", b"", "\n"),
        ("utf-8", b"\xef\xbb\xbf", "\r\n"),
        ("utf-16-le", b"\xff\xfe", "\r\n"),
        ("utf-16-be", b"\xfe\xff", "\r"),
    ],
)
@pytest.mark.parametrize("final_newline", [False, True])
def test_fix_keeps_encoding_bom_newlines_final_newline_and_mode(tmp_path, encoding, bom, newline, final_newline):
    path = tmp_path / "seed.txt"
    text = SEED_TEXT + ("\n" if final_newline else "")
    path.write_bytes(bom + text.replace("\n", newline).encode(encoding))
    os.chmod(path, 0o640)
    before = run_cli("check", "--format", "json", path)
    rules = {f["rule"] for f in json.loads(before.stdout)["findings"]}
    assert "page-furniture.scraped-boilerplate" in rules

    result = run_cli("check", "--fix", "--fail-on", "error", path)
    assert result.returncode == 0, result.stderr.decode()  # only a warning is left
    assert "fixed 1 finding in 1 file" in result.stderr.decode()
    assert "page-furniture" not in result.stdout.decode() and "credit-line.provenance" in result.stdout.decode()
    expected = SEED_KEPT + ("\n" if final_newline else "")
    assert path.read_bytes() == bom + expected.replace("\n", newline).encode(encoding)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert not [p for p in tmp_path.iterdir() if p.name != "seed.txt"]  # no temporary left behind

    again = path.read_bytes(), path.stat().st_mtime_ns
    second = run_cli("check", "--fix", path)
    assert (path.read_bytes(), path.stat().st_mtime_ns) == again
    assert "fixed" not in second.stderr.decode()
    assert second.returncode == 1  # the provenance warning is still there at the default threshold


def test_diff_prints_a_patch_and_writes_nothing(tmp_path):
    path = tmp_path / "seed.txt"
    path.write_bytes(SEED.read_bytes())
    result = run_cli("check", "--diff", "seed.txt", cwd=tmp_path)
    assert result.returncode == 1
    patch = result.stdout.decode()
    assert patch.startswith("--- a/seed.txt\n+++ b/seed.txt\n@@ ")
    assert "-More from International News\n" in patch
    assert path.read_bytes() == SEED.read_bytes()
    subprocess.run(["git", "apply", "--unidiff-zero", "-"], input=result.stdout, cwd=tmp_path, check=True)
    assert path.read_text() == SEED_KEPT
    clean = run_cli("check", "--diff", "seed.txt", cwd=tmp_path)
    assert clean.returncode == 0 and clean.stdout == b""


def test_fix_refuses_standard_input():
    result = run_cli("check", "--fix", "-", stdin=b"Headline\n")
    assert result.returncode == 2 and "standard input" in result.stderr.decode()


def test_fix_through_a_symlink_rewrites_the_target(tmp_path):
    target = tmp_path / "real.txt"
    target.write_bytes(SEED.read_bytes())
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    run_cli("check", "--fix", link)
    assert link.is_symlink() and target.read_text() == SEED_KEPT
