"""`--diff-base REV`: which lines of which files changed since a git revision."""

import os
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from lint.errors import CopydeskError

_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")
_ESCAPES = {"a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v", '"': '"', "\\": "\\"}


class DiffBaseError(CopydeskError):
    pass


def _git(args: list[str], cwd: Path, failure: str = "") -> str:
    try:
        result = subprocess.run(
            ["git", "-c", "core.quotePath=false", *args],
            cwd=cwd,
            capture_output=True,
            timeout=120,
        )
    except FileNotFoundError:
        raise DiffBaseError("--diff-base needs git, which is not installed") from None
    if result.returncode != 0:
        if failure:
            raise DiffBaseError(failure)
        detail = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise DiffBaseError(f"--diff-base: git {args[0]} failed: {detail[0] if detail else result.returncode}")
    return result.stdout.decode("utf-8", "surrogateescape")


def _unquote(name: str) -> str:
    """A path as git prints it in a patch header (C-quoted when it has odd characters)."""
    if not (name.startswith('"') and name.endswith('"')):
        return name
    raw, body, i = bytearray(), name[1:-1], 0
    while i < len(body):
        ch = body[i]
        if ch == "\\" and i + 1 < len(body):
            nxt = body[i + 1]
            if nxt in "01234567":
                raw.append(int(body[i + 1 : i + 4], 8))
                i += 4
                continue
            raw += _ESCAPES.get(nxt, nxt).encode()
            i += 2
            continue
        raw += ch.encode("utf-8", "surrogateescape")
        i += 1
    return raw.decode("utf-8", "surrogateescape")


@dataclass
class Changes:
    top: Path
    lines: dict = field(default_factory=dict)  # repo-relative path -> set of changed 1-based lines
    added: set = field(default_factory=set)  # repo-relative paths new since the revision

    def _key(self, path: str, cwd: Path) -> str | None:
        full = Path(os.path.realpath(cwd / path))
        try:
            return full.relative_to(self.top).as_posix()
        except ValueError:
            return None

    def keeps(self, finding, cwd: Path) -> bool:
        key = self._key(finding.path, cwd)
        if key is None:
            return False
        if key in self.added:
            return True
        whole_file = (finding.line, finding.column, finding.end_line, finding.end_column) == (1, 1, 1, 1)
        if whole_file:
            return False
        changed = self.lines.get(key, ())
        return any(line in changed for line in range(finding.line, max(finding.end_line, finding.line) + 1))


def parse_diff(patch: str) -> tuple[dict, set]:
    """Changed new-side lines per path, and paths that are new, from `git diff --unified=0`."""
    lines: dict = {}
    added: set = set()
    current, new_file = None, False
    for row in patch.split("\n"):
        if row.startswith("diff --git "):
            current, new_file = None, False
        elif row.startswith("new file mode"):
            new_file = True
        elif row.startswith("+++ "):
            target = _unquote(row[4:].rstrip("\t"))
            current = None if target == "/dev/null" else target[2:] if target.startswith("b/") else target
            if current is not None:
                lines.setdefault(current, set())
                if new_file:
                    added.add(current)
        elif current is not None and row.startswith("@@"):
            match = _HUNK.match(row)
            if match:
                start, count = int(match.group(1)), int(match.group(2) if match.group(2) is not None else 1)
                lines[current].update(range(start, start + count))
    return lines, added


def _top(folder: Path, cwd: Path) -> Path:
    """The top folder of the git working tree `folder` is in."""
    shown = os.path.relpath(folder, cwd) if folder.is_relative_to(cwd) else str(folder)
    top = _git(["rev-parse", "--show-toplevel"], folder, f"--diff-base: {shown} is not inside a git repository")
    return Path(os.path.realpath(top.strip()))


def _changes(revision: str, top: Path) -> Changes:
    _git(
        ["rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}"],
        top,
        f"--diff-base: unknown revision '{revision}'",
    )
    patch = _git(
        [
            "diff",
            "--unified=0",
            "--no-color",
            "--no-ext-diff",
            "--no-textconv",
            "--src-prefix=a/",
            "--dst-prefix=b/",
            revision,
            "--",
        ],
        top,
    )
    lines, added = parse_diff(patch)
    untracked = _git(["ls-files", "--others", "--exclude-standard", "-z"], top)
    added.update(name for name in untracked.split("\0") if name)
    return Changes(top, lines, added)


@dataclass
class ChangeSet:
    """The changes since a revision in each git repository the linted paths are in."""

    revision: str
    repos: list  # Changes, the innermost repository first (a submodule before its parent)

    def keeps(self, finding, cwd: Path) -> bool:
        full = Path(os.path.realpath(cwd / finding.path))
        for changes in self.repos:
            if changes.top == full or changes.top in full.parents:
                return changes.keeps(finding, cwd)
        return False

    def refreshed(self) -> "ChangeSet":
        """The same repositories asked again (after --fix rewrote files)."""
        return ChangeSet(self.revision, [_changes(self.revision, changes.top) for changes in self.repos])


def changes_since(revision: str, folders, cwd: Path) -> ChangeSet:
    """Changes since `revision` in the repositories of `folders` (the folders of the linted
    paths, not the current folder: `copydesk check --diff-base main ../desk/` works)."""
    if not revision or revision.startswith("-"):
        raise DiffBaseError(f"--diff-base: '{revision}' is not a revision")
    tops = []
    for folder in dict.fromkeys(folders):
        top = _top(folder, cwd)
        if top not in tops:
            tops.append(top)
    tops.sort(key=lambda top: len(top.parts), reverse=True)
    return ChangeSet(revision, [_changes(revision, top) for top in tops])


def folders_of(paths, stdin_filename: str | None, cwd: Path) -> list[Path]:
    """The folders whose repositories --diff-base asks: each folder named, each file's folder
    (standard input: its --stdin-filename's); a path that does not exist is left to the check
    to report."""
    folders = []
    for name in paths:
        path = Path(stdin_filename or ".") if name == "-" else Path(name)
        folder = path if path.is_dir() else path.parent
        folder = Path(os.path.realpath(cwd / folder))
        if folder.is_dir():
            folders.append(folder)
    return folders or [Path(os.path.realpath(cwd))]
