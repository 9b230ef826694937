"""--diff-base on a real git repository, and the pre-commit hook run by the real pre-commit."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SEED, run_cli

CLEAN = "Talks resume in Geneva\n\nBy Jane Doe, Reuters\n\nThe talks resumed on Monday, officials said.\n"
WEASEL_LINE = "Critics say the talks will fail."

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test Desk",
    "GIT_AUTHOR_EMAIL": "desk@example.com",
    "GIT_COMMITTER_NAME": "Test Desk",
    "GIT_COMMITTER_EMAIL": "desk@example.com",
    "GIT_CONFIG_NOSYSTEM": "1",
}


def git(cwd, *args, check=True):
    env = {**os.environ, **GIT_ENV}
    result = subprocess.run(
        ["git", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args],
        cwd=cwd, env=env, capture_output=True, text=True, timeout=120,
    )
    if check and result.returncode != 0:
        raise AssertionError(f"git {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result


def _repo(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    git(path, "init", "-q")
    return path


def _json(*args, cwd):
    result = run_cli("check", "--format", "json", *args, cwd=cwd)
    assert result.returncode in (0, 1), result.stderr.decode()
    return json.loads(result.stdout)["findings"]


# --diff-base ---------------------------------------------------------------------------


def test_diff_base_reports_only_changed_lines_and_new_files(tmp_path):
    repo = _repo(tmp_path / "desk")
    old = "Headline\n\n" + "\n\n".join([WEASEL_LINE, "Quiet paragraph.", WEASEL_LINE]) + "\n"
    (repo / "old.txt").write_text(old)
    (repo / "credited.txt").write_text("Headline\n\nA paragraph.\n")  # no credit line: whole-file finding
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "base")
    # change line 5 only; add a weasel line at the end; touch the uncredited old file
    (repo / "old.txt").write_text(old.replace("Quiet paragraph.", "Louder paragraph.") + "\nCritics say the deal is dead.\n")
    (repo / "credited.txt").write_text("Headline\n\nA paragraph, edited.\n")
    (repo / "staged.txt").write_text("Headline\n\n" + WEASEL_LINE + "\n")
    git(repo, "add", "staged.txt")
    (repo / "untracked.md").write_text("Headline\n\n" + WEASEL_LINE + "\n")

    full = _json(".", cwd=repo)
    assert {f["path"] for f in full} >= {"old.txt", "credited.txt", "staged.txt", "untracked.md"}
    changed = _json("--diff-base", "HEAD", ".", cwd=repo)
    got = {(f["path"], f["line"]) for f in changed if f["rule"] == "attribution.weasel"}
    assert got == {("old.txt", 9), ("staged.txt", 3), ("untracked.md", 3)}
    whole = {f["path"] for f in changed if (f["line"], f["column"], f["end_line"], f["end_column"]) == (1, 1, 1, 1)}
    assert "credited.txt" not in whole  # whole-file findings only for files added since the base
    assert {f["path"] for f in full if (f["line"], f["column"], f["end_line"], f["end_column"]) == (1, 1, 1, 1)} >= {"credited.txt"}
    for path in ("staged.txt", "untracked.md"):
        expected = {(f["rule"], f["line"]) for f in full if f["path"] == path}
        assert {(f["rule"], f["line"]) for f in changed if f["path"] == path} == expected


def test_diff_base_from_a_subfolder_and_with_a_branch_name(tmp_path):
    repo = _repo(tmp_path / "desk")
    (repo / "world").mkdir()
    (repo / "world" / "a.txt").write_text("Headline\n\nQuiet.\n")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "base")
    git(repo, "branch", "base")
    (repo / "world" / "a.txt").write_text("Headline\n\nQuiet.\n\n" + WEASEL_LINE + "\n")
    findings = _json("--select", "attribution.weasel", "--diff-base", "base", "a.txt", cwd=repo / "world")
    assert [(f["path"], f["line"]) for f in findings] == [("a.txt", 5)]
    git(repo, "commit", "-qam", "second")
    assert _json("--select", "attribution.weasel", "--diff-base", "HEAD", "a.txt", cwd=repo / "world") == []


def test_diff_base_errors_are_exit_2(tmp_path):
    repo = _repo(tmp_path / "desk")
    (repo / "a.txt").write_text(CLEAN)
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "base")
    bad = run_cli("check", "--diff-base", "no-such-rev", "a.txt", cwd=repo)
    assert bad.returncode == 2 and "unknown revision 'no-such-rev'" in bad.stderr.decode()
    assert "Traceback" not in bad.stderr.decode()
    outside = tmp_path / "loose"
    outside.mkdir()
    (outside / "a.txt").write_text(CLEAN)
    result = run_cli("check", "--diff-base", "HEAD", "a.txt", cwd=outside)
    assert result.returncode == 2 and "not inside a git repository" in result.stderr.decode()


# pre-commit ----------------------------------------------------------------------------

HOOK_FILES = ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml", "lint", "rules")


def _hook_repo(path: Path) -> str:
    """A committed copy of this checkout (with any uncommitted work), as a hook repository."""
    path.mkdir()
    for name in HOOK_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, path / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(source, path / name)
    _repo(path)
    git(path, "add", ".")
    git(path, "commit", "-qm", "hook")
    return git(path, "rev-parse", "HEAD").stdout.strip()


@pytest.mark.slow
def test_pre_commit_hook_blocks_furniture_and_passes_clean_copy(tmp_path):
    pytest.importorskip("pre_commit")
    hook = tmp_path / "copydesk-hook"
    rev = _hook_repo(hook)
    content = _repo(tmp_path / "newsroom")
    (content / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {hook.as_posix()}\n    rev: {rev}\n    hooks:\n      - id: copydesk\n"
    )
    env = {**os.environ, **GIT_ENV, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "NO_COLOR": "1"}
    env.pop("GITHUB_ACTIONS", None)
    env.pop("VIRTUAL_ENV", None)
    install = subprocess.run(
        [sys.executable, "-m", "pre_commit", "install"], cwd=content, env=env, capture_output=True, text=True
    )
    assert install.returncode == 0, install.stdout + install.stderr
    git(content, "add", ".pre-commit-config.yaml")
    git(content, "commit", "-qm", "config", "--no-verify")

    shutil.copy(SEED, content / "seed.txt")
    (content / "code.py").write_text("x = 1  # said\n")  # not an article: the hook must not see it
    git(content, "add", "seed.txt", "code.py")
    blocked = subprocess.run(
        ["git", "-c", "commit.gpgsign=false", "commit", "-m", "seed"], cwd=content, env=env,
        capture_output=True, text=True, timeout=600,
    )
    output = blocked.stdout + blocked.stderr
    assert blocked.returncode != 0, output
    assert "copydesk (editorial linter)" in output and "Failed" in output
    assert "seed.txt:15:1: warning page-furniture.scraped-boilerplate" in output, output
    assert "code.py" not in output
    assert git(content, "rev-list", "--count", "HEAD").stdout.strip() == "1"  # nothing was committed

    git(content, "reset", "-q")
    (content / "seed.txt").unlink()
    (content / "clean.md").write_text(CLEAN)
    git(content, "add", "clean.md")
    passed = subprocess.run(
        ["git", "-c", "commit.gpgsign=false", "commit", "-m", "clean"], cwd=content, env=env,
        capture_output=True, text=True, timeout=600,
    )
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "copydesk (editorial linter)" in passed.stdout + passed.stderr
    # the hook ran the package installed in its own environment, not this checkout
    envs = list((tmp_path / "pre-commit-home").glob("repo*/py_env-*/lib/python*/site-packages/lint/builtin"))
    assert envs, "the hook environment has no installed copy of the built-in rules"


@pytest.mark.slow
def test_pre_commit_try_repo_on_a_committed_checkout(tmp_path):
    pytest.importorskip("pre_commit")
    hook = tmp_path / "copydesk-hook"
    _hook_repo(hook)
    content = _repo(tmp_path / "newsroom")
    shutil.copy(SEED, content / "seed.txt")
    git(content, "add", "seed.txt")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "NO_COLOR": "1"}
    env.pop("GITHUB_ACTIONS", None)
    result = subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(hook), "copydesk", "--files", "seed.txt"],
        cwd=content, env=env, capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "seed.txt:7:13: warning credit-line.provenance" in result.stdout


def test_diff_base_finds_the_repository_from_the_linted_paths(tmp_path):
    repo = _repo(tmp_path / "desk")
    (repo / "a.txt").write_text("Headline\n\nQuiet.\n")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "base")
    (repo / "a.txt").write_text("Headline\n\nQuiet.\n\n" + WEASEL_LINE + "\n")
    elsewhere = tmp_path / "elsewhere"  # not a git repository
    elsewhere.mkdir()
    for target in ("../desk", "../desk/a.txt", str(repo / "a.txt")):
        findings = _json("--select", "attribution.weasel", "--diff-base", "HEAD", target, cwd=elsewhere)
        assert [f["line"] for f in findings] == [5], target
    other = _repo(tmp_path / "other")
    (other / "b.txt").write_text("Headline\n\n" + WEASEL_LINE + "\n")  # untracked: new since HEAD
    git(other, "commit", "-q", "--allow-empty", "-m", "base")
    both = _json("--select", "attribution.weasel", "--diff-base", "HEAD", "../desk", "../other", cwd=elsewhere)
    assert sorted((f["path"], f["line"]) for f in both) == [("../desk/a.txt", 5), ("../other/b.txt", 3)]
