"""Helpers shared by the CI formats; every one is a pure function of its arguments."""

import hashlib
import posixpath
from collections import Counter


def relative_path(report, path: str) -> tuple[str, bool]:
    """A finding's path as POSIX, relative to the report root; (path, whether it is inside the root)."""
    if path in ("<stdin>", "-") or not report.root:
        return path.replace("\\", "/"), False
    full = path.replace("\\", "/")
    if not posixpath.isabs(full):
        full = posixpath.join(report.cwd.replace("\\", "/") or "/", full)
    full = posixpath.normpath(full)
    root = posixpath.normpath(report.root.replace("\\", "/"))
    if full == root or not full.startswith(root.rstrip("/") + "/"):
        return full, False
    return posixpath.relpath(full, root), True


def source_line(report, finding) -> str:
    lines = report.sources.get(finding.path) or []
    return lines[finding.line - 1] if 0 < finding.line <= len(lines) else ""


def fingerprints(report) -> list[str]:
    """A stable hash per finding: rule, path, the whitespace-normalised source line and the
    occurrence index of that triple, so it survives lines moving up or down the file."""
    seen: Counter = Counter()
    out = []
    for finding in report.findings:
        path, _ = relative_path(report, finding.path)
        text = " ".join(source_line(report, finding).split())
        key = (finding.rule, path, text)
        index = seen[key]
        seen[key] += 1
        digest = hashlib.sha256("\x1f".join((*key, str(index))).encode("utf-8", "surrogatepass"))
        out.append(digest.hexdigest())
    return out


def rules_by_id(report) -> dict:
    return {rule.id: rule for rule in report.rules}


def utf8_column(report, path: str, line: int, column: int) -> int:
    """A 1-based code-point column as a 1-based UTF-8 byte column."""
    lines = report.sources.get(path) or []
    if not 0 < line <= len(lines):
        return column
    return len(lines[line - 1][: column - 1].encode("utf-8", "surrogatepass")) + 1
