"""The installed console script, run in a subprocess as a newsroom would run it."""

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from conftest import ROOT, SEED, copydesk_command, run_cli, write_file

CLEAN = "Talks resume in Geneva\n\nBy Jane Doe, Reuters\n\nThe talks resumed on Monday, officials said.\n"
WEASEL = "Talks resume in Geneva\n\nBy Jane Doe, Reuters\n\nCritics say the talks will fail.\n"


def _one_line_error(result):
    err = result.stderr.decode()
    assert "Traceback" not in err
    return err


def test_json_contract_on_the_seed():
    result = run_cli("check", "--format", "json", SEED)
    payload = json.loads(result.stdout)
    assert set(payload) == {"version", "files", "findings"}
    assert payload["files"] == 1
    keys = {"path", "line", "column", "end_line", "end_column", "rule", "category", "severity", "message"}
    assert payload["findings"] and all(set(f) == keys for f in payload["findings"])
    assert result.returncode == 1


def test_text_format_shows_location_source_line_and_caret(tmp_path):
    article = write_file(tmp_path, "a.txt", WEASEL)
    result = run_cli("check", "--select", "attribution.weasel", article)
    out = result.stdout.decode().splitlines()
    assert out[0] == f"{article}:5:1: warning attribution.weasel " + out[0].split("attribution.weasel ", 1)[1]
    assert out[1] == "  Critics say the talks will fail."
    assert out[2] == "  ^^^^^^^^^^^"
    assert out[-1] == "1 finding (1 warning) in 1 file."
    assert "\033[" not in result.stdout.decode()
    assert result.returncode == 1


def test_exit_codes_follow_the_threshold(tmp_path):
    article = write_file(tmp_path, "a.txt", WEASEL)
    assert run_cli("check", "--select", "attribution.weasel", article).returncode == 1
    assert run_cli("check", "--select", "attribution.weasel", "--fail-on", "error", article).returncode == 0
    assert run_cli("check", "--ignore", "attribution,unsourced-claim", write_file(tmp_path, "b.txt", CLEAN)).returncode == 0


def test_stdin_with_filename_and_config_lookup(tmp_path):
    write_file(tmp_path, ".copydesk.yaml", "ignore: [attribution.weasel]\n")
    result = run_cli("check", "-", "--stdin-filename", tmp_path / "draft.md", "--format", "json", stdin=WEASEL.encode())
    payload = json.loads(result.stdout)
    assert payload["files"] == 1
    assert all(f["path"] == str(tmp_path / "draft.md") for f in payload["findings"])
    assert not [f for f in payload["findings"] if f["rule"] == "attribution.weasel"]


def test_folders_recurse_and_honour_gitignore(tmp_path):
    write_file(tmp_path, "desk/a.md", WEASEL)
    write_file(tmp_path, "desk/b.markdown", WEASEL)
    write_file(tmp_path, "desk/notes.rst", WEASEL)
    write_file(tmp_path, "desk/drafts/c.txt", WEASEL)
    write_file(tmp_path, ".gitignore", "drafts/\n")
    result = run_cli("check", "--select", "attribution.weasel", "--format", "json", ".", cwd=tmp_path)
    paths = sorted({f["path"] for f in json.loads(result.stdout)["findings"]})
    assert paths == ["desk/a.md", "desk/b.markdown"]


@pytest.mark.parametrize(
    "name, content, words",
    [
        ("missing.txt", None, "no such file"),
        ("binary.txt", b"\x89PNG\x00\x00\x00", "binary file"),
        ("latin1.txt", "Caf\xe9 owners said.".encode("latin-1"), "invalid UTF-8 at byte offset 3"),
    ],
)
def test_bad_input_is_one_line_and_exit_2_while_others_are_linted(tmp_path, name, content, words):
    good = write_file(tmp_path, "good.txt", WEASEL)
    bad = tmp_path / name if content is None else write_file(tmp_path, name, content)
    result = run_cli("check", "--select", "attribution.weasel", "--format", "json", bad, good)
    err = _one_line_error(result)
    assert result.returncode == 2
    assert len(err.strip().splitlines()) == 1 and words in err and name in err
    assert json.loads(result.stdout)["files"] == 1


RULE = """\
id: style.house-word
category: style
severity: warning
message: "Avoid '{match}'"
description: A house word list entry used to test that rule files are validated strictly at load.
kind: existence
options:
  terms: [utilise]
examples:
  fail: ["We utilise it."]
  pass: ["We use it."]
"""


@pytest.mark.parametrize(
    "rule_text, words",
    [
        (RULE.replace("kind: existence", "kind: existence\ncolour: red"), "rules/house.yaml:7: unknown key 'colour'"),
        (RULE.replace("terms: [utilise]", "patterns: ['(unclosed']"), "rules/house.yaml:8: 'options.patterns' has an invalid regex"),
        (RULE.replace("kind: existence", "kind: telepathy"), "rules/house.yaml:6: 'kind' has 'telepathy'"),
        (RULE.replace("severity: warning", "severity: 3"), "rules/house.yaml:3: 'severity' must be a string"),
        (RULE.replace("id: style.house-word", "id: style.house-word\n  bad: [indent"), "rules/house.yaml:2: invalid YAML"),
        (RULE.replace("id: style.house-word", "id: attribution.weasel"), "rule id 'attribution.weasel' must read"),
        (RULE.replace("id: style.house-word", "id: style.front-matter-syntax"), "already defined"),
    ],
)
def test_broken_rule_files_name_file_line_and_key(tmp_path, rule_text, words):
    write_file(tmp_path, "rules/house.yaml", rule_text)
    article = write_file(tmp_path, "a.txt", CLEAN)
    result = run_cli("check", "--rules", "rules", article, cwd=tmp_path)
    err = _one_line_error(result)
    assert result.returncode == 2
    assert words in err, err
    assert len(err.strip().splitlines()) == 1


def test_newsroom_rule_of_an_existing_kind_needs_no_python(tmp_path):
    write_file(tmp_path, "rules/house.yaml", RULE)
    write_file(tmp_path, ".copydesk.yaml", "rules: [rules]\nselect: [style.house-word]\n")
    article = write_file(tmp_path, "a.txt", "Headline\n\nWe utilise the data.\n")
    result = run_cli("check", article, cwd=tmp_path)
    assert "style.house-word Avoid 'utilise'" in result.stdout.decode()
    assert result.returncode == 1


@pytest.mark.parametrize(
    "config_name, text, words",
    [
        (".copydesk.yaml", "selekt: [attribution]\n", ".copydesk.yaml:1: unknown key 'selekt'"),
        (".copydesk.yaml", "house:\n  quote_style: french\n", ".copydesk.yaml:2: 'house.quote_style' has 'french'"),
        (".copydesk.yaml", "ignore: [attribution.nonesuch]\n", "unknown rule or category 'attribution.nonesuch'"),
        ("pyproject.toml", "[tool.copydesk]\nfail_onn = 'error'\n", "unknown key 'fail_onn'"),
    ],
)
def test_bad_config_is_exit_2(tmp_path, config_name, text, words):
    write_file(tmp_path, config_name, text)
    article = write_file(tmp_path, "a.txt", CLEAN)
    result = run_cli("check", article, cwd=tmp_path)
    err = _one_line_error(result)
    assert result.returncode == 2 and words in err, err


def test_pyproject_config_and_severity_override(tmp_path):
    write_file(tmp_path, "pyproject.toml", "[tool.copydesk]\nselect = ['attribution.weasel']\nseverity = { 'attribution.weasel' = 'error' }\n")
    article = write_file(tmp_path, "a.txt", WEASEL)
    payload = json.loads(run_cli("check", "--format", "json", article, cwd=tmp_path).stdout)
    assert [(f["rule"], f["severity"]) for f in payload["findings"]] == [("attribution.weasel", "error")]


def test_inline_suppression_next_line_range_and_file(tmp_path):
    text = textwrap.dedent(
        """\
        Talks resume

        <!-- copydesk-disable-next-line attribution.weasel -->
        Critics say one thing.

        <!-- copydesk-disable attribution -->
        Critics say two things.
        <!-- copydesk-enable attribution -->

        Critics say three things.
        """
    )
    article = write_file(tmp_path, "a.md", text)
    payload = json.loads(run_cli("check", "--select", "attribution.weasel", "--format", "json", article).stdout)
    assert [f["line"] for f in payload["findings"]] == [10]
    write_file(tmp_path, "b.txt", "<!-- copydesk-disable-file attribution -->\n" + text)
    payload = json.loads(run_cli("check", "--select", "attribution.weasel", "--format", "json", tmp_path / "b.txt").stdout)
    assert payload["findings"] == []


def test_rules_and_explain():
    listing = run_cli("rules").stdout.decode()
    assert "attribution.weasel" in listing and "page-furniture" in listing
    explained = run_cli("explain", "attribution.weasel")
    assert explained.returncode == 0 and "Flagged:" in explained.stdout.decode()
    missing = run_cli("explain", "attribution.nonesuch")
    assert missing.returncode == 2 and "no rule" in missing.stderr.decode()


def test_usage_error_is_exit_2():
    result = run_cli("check", "--format", "xml", SEED)
    assert result.returncode == 2 and "invalid choice" in result.stderr.decode()


def test_python_dash_m_lint_works():
    result = subprocess.run([sys.executable, "-m", "lint", "--version"], cwd=ROOT, capture_output=True)
    assert result.returncode == 0 and b"copydesk" in result.stdout


def test_installed_package_carries_the_builtin_rules(tmp_path):
    probe = "import lint.rules as r; print(r.builtin_dir())"
    result = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True)
    if result.returncode != 0:
        pytest.skip("copydesk is not installed in this environment")
    folder = result.stdout.strip()
    if folder == str(ROOT / "rules"):
        pytest.skip("copydesk is installed from the checkout, not as a package")
    assert folder.endswith("lint/builtin")
    listing = run_cli("rules", cwd=tmp_path).stdout.decode()
    for category in ("attribution", "unsourced-claim", "credit-line", "quote-balance", "page-furniture"):
        assert f" {category} " in listing


# ---------------------------------------------------------------- failed runs, --exit-zero, Ctrl+C


def test_a_failed_run_never_says_no_findings(tmp_path):
    write_file(tmp_path, "desk/.copydesk.yaml", "bogus: 1\n")
    write_file(tmp_path, "desk/a.txt", CLEAN)
    write_file(tmp_path, "desk/b.txt", CLEAN)
    write_file(tmp_path, "ok.txt", CLEAN)
    config_only = run_cli("check", "desk", cwd=tmp_path)
    assert config_only.returncode == 2
    assert config_only.stdout.decode() == "2 files not checked (errors above).\n"
    mixed = run_cli("check", "desk", "ok.txt", "missing.txt", cwd=tmp_path)
    assert mixed.returncode == 2
    assert mixed.stdout.decode().splitlines()[-1] == "0 findings in 1 file; 3 files not checked (errors above)."
    assert run_cli("check", "ok.txt", cwd=tmp_path).stdout.decode() == "No findings in 1 file.\n"


def test_exit_zero_reports_findings_and_exits_0_but_errors_still_exit_2(tmp_path):
    article = write_file(tmp_path, "a.txt", WEASEL)
    result = run_cli("check", "--exit-zero", "--select", "attribution.weasel", article)
    assert result.returncode == 0 and "1 finding (1 warning) in 1 file." in result.stdout.decode()
    assert run_cli("check", "--exit-zero", article, tmp_path / "missing.txt").returncode == 2
    diff = run_cli("check", "--exit-zero", "--diff", SEED)
    assert diff.returncode == 0 and diff.stdout.startswith(b"--- a/")


@pytest.mark.skipif(not hasattr(os, "killpg") or not Path("/proc/self/task").is_dir(), reason="needs POSIX process groups and /proc")
def test_ctrl_c_during_a_jobs_run_prints_no_worker_tracebacks(tmp_path):
    for number in range(2000):  # far more than two processes lint before the interrupt
        write_file(tmp_path, f"desk/{number:04d}.txt", SEED.read_bytes())
    child = subprocess.Popen(copydesk_command() + ["check", "--jobs", "2", "desk"], cwd=tmp_path,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(_children(child.pid)) < 2 and child.poll() is None:
        time.sleep(0.05)
    time.sleep(0.2)
    os.killpg(child.pid, signal.SIGINT)  # what Ctrl+C does: the whole process group
    _, err = child.communicate(timeout=60)
    assert child.returncode == 130, "interrupted while running"
    assert err.decode() == ""  # no "Process ForkPoolWorker-1:" and no traceback


def _children(pid: int) -> list[str]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            found += (task / "children").read_text().split()
        except OSError:
            pass
    return found
