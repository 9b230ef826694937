"""Safe fixes: removing flagged page-furniture blocks and the blank lines they leave behind.

Only line-range removals carried by findings (`Finding.fix`, from `Hit.fix`) are applied.
A file is rewritten atomically and keeps its encoding, BOM, newline style(s), final newline
(or its absence) and permissions; applying the fixes twice changes nothing the second time.
"""

import difflib
import os
import re
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

from lint.newsroom.document import normalise_newlines

_NEWLINE = re.compile(r"\r\n|\r|\n")
_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))


def split_keepends(text: str) -> list[tuple[str, str]]:
    """(content, terminator) per line, splitting exactly where the Document splits lines."""
    parts, pos = [], 0
    for match in _NEWLINE.finditer(text):
        parts.append((text[pos : match.start()], match.group()))
        pos = match.end()
    parts.append((text[pos:], ""))
    return parts


def _blank(line: str) -> bool:
    return not line.strip()


def runs(numbers: set[int]) -> list[tuple[int, int]]:
    """Consecutive runs of line numbers as (first, last) pairs, in order."""
    found = []
    for first in sorted(numbers):
        if first - 1 in numbers:
            continue
        last = first
        while last + 1 in numbers:
            last += 1
        found.append((first, last))
    return found


def removal_lines(lines: list[str], ranges) -> set[int]:
    """1-based lines to delete for these (first, last) ranges, plus the blank lines they leave:
    blanks after a block that followed a blank (or the file start), and blanks before a block
    that ends the file. `lines` are the document lines (the last may be the empty line after
    a final newline, which is never removed)."""
    count = len(lines)
    real = count - 1 if count > 1 and lines[-1] == "" else count
    removed = set()
    for first, last in ranges:
        removed.update(range(max(first, 1), min(last, real) + 1))
    for first, last in runs(removed):
        if first == 1 or _blank(lines[first - 2]):
            line = last + 1
            while line <= real and _blank(lines[line - 1]):
                removed.add(line)
                line += 1
    # blanks left trailing at the end of the file
    tail = real
    while tail >= 1 and (tail in removed or _blank(lines[tail - 1])):
        tail -= 1
    if any(line > tail for line in removed):
        removed.update(range(tail + 1, real + 1))
    return removed


def uncovered(lines: list[str], removed: set[int], findings) -> list[int]:
    """Non-blank lines a fix would remove that no fixing finding covers."""
    covered = set()
    for finding in findings:
        if finding.fix:
            covered.update(range(finding.line, finding.end_line + 1))
    return sorted(n for n in removed if n not in covered and not _blank(lines[n - 1]))


def apply(text: str, findings) -> tuple[str, set[int], list[int]]:
    """(fixed text, removed lines, refused lines) for a decoded, not normalised, text."""
    lines = normalise_newlines(text).split("\n")
    ranges = [r for finding in findings for r in finding.fix]
    if not ranges:
        return text, set(), []
    removed = removal_lines(lines, ranges)
    refused = uncovered(lines, removed, findings)
    if refused:
        return text, set(), refused
    parts = split_keepends(text)
    kept = [part for number, part in enumerate(parts, start=1) if number not in removed]
    if parts[-1][1] == "" and parts[-1][0] != "" and kept and kept[-1][1]:
        kept[-1] = (kept[-1][0], "")  # the file had no final newline: keep it that way
    return "".join(content + end for content, end in kept), removed, []


def read_encoded(path: Path) -> tuple[str, bytes, str]:
    """(text, BOM bytes, codec) of a file, for writing it back the same way."""
    raw = path.read_bytes()
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            return raw[len(bom) :].decode(codec), bom, codec
    return raw.decode("utf-8"), b"", "utf-8"


def write_atomic(path: Path, data: bytes) -> None:
    """Replace a file's bytes through a temporary file in the same folder, keeping its mode."""
    target = Path(os.path.realpath(path))
    info = target.stat()
    fd, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".copydesk", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, stat.S_IMODE(info.st_mode))
        try:
            os.chown(temporary, info.st_uid, info.st_gid)
        except (PermissionError, AttributeError):
            pass
        os.replace(temporary, target)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


def unified_diff(before: str, after: str, name: str) -> str:
    a = normalise_newlines(before).splitlines(keepends=True)
    b = normalise_newlines(after).splitlines(keepends=True)
    out = []
    for line in difflib.unified_diff(a, b, f"a/{name}", f"b/{name}"):
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)


@dataclass
class Outcome:
    path: str
    changed: bool
    diff: str = ""
    fixed: int = 0
    problem: str = ""


def fix_file(path: Path, display: str, findings, expected_text: str, write: bool) -> Outcome:
    """Apply the safe fixes of one file's findings; `expected_text` is what was linted."""
    fixing = [f for f in findings if f.fix]
    if not fixing:
        return Outcome(display, False)
    try:
        text, bom, codec = read_encoded(path)
    except (OSError, UnicodeDecodeError) as exc:
        return Outcome(display, False, problem=f"{display}: cannot re-read for fixing: {exc}")
    if normalise_newlines(text) != expected_text:
        return Outcome(display, False, problem=f"{display}: changed while being linted; not fixed")
    fixed, removed, refused = apply(text, fixing)
    if refused:
        return Outcome(
            display,
            False,
            problem=f"{display}: a fix would remove line {refused[0]}, which no finding covers; file left untouched",
        )
    if fixed == text:
        return Outcome(display, False)
    if write:
        write_atomic(path, bom + fixed.encode(codec))
    return Outcome(display, True, unified_diff(text, fixed, display), len(fixing))
