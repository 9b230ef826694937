"""Safe fixes: removing flagged page-furniture blocks and the blank lines they leave behind.

Only line-range removals carried by findings (`Finding.fix`, from `Hit.fix`) are applied.
A file is rewritten atomically and keeps its encoding, BOM, newline style(s), final newline
(or its absence) and permissions; applying the fixes twice changes nothing the second time.
"""

import difflib
import os
import re
import signal
import stat
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

from lint.files import MAX_ARTICLE_BYTES, Refused, read_regular
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


def decode_encoded(raw: bytes) -> tuple[str, bytes, str]:
    """(text, BOM bytes, codec) of a file's bytes, for writing it back the same way."""
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            return raw[len(bom) :].decode(codec), bom, codec
    return raw.decode("utf-8"), b"", "utf-8"


class _SignalsHeld:
    """Holds Ctrl+C (SIGINT) and SIGTERM back while a file is replaced, then delivers them: an
    interrupted fix leaves the original or the whole fix, and never a temporary file. Only the
    main thread can set signal handlers; elsewhere this does nothing."""

    SIGNALS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM") if hasattr(signal, name))

    def __enter__(self):
        self.caught, self.previous = [], {}
        if threading.current_thread() is threading.main_thread():
            for number in self.SIGNALS:
                self.previous[number] = signal.signal(number, lambda caught, _frame: self.caught.append(caught))
        return self

    def __exit__(self, *exc_info):
        for number, handler in self.previous.items():
            signal.signal(number, signal.SIG_DFL if handler is None else handler)
        for number in dict.fromkeys(self.caught):
            signal.raise_signal(number)
        return False


def _unchanged(path: Path, expected: bytes) -> bool:
    try:
        with open(path, "rb") as handle:
            return handle.read(len(expected) + 1) == expected
    except OSError:
        return False


def write_atomic(path: Path, data: bytes, expected: bytes | None = None) -> bool:
    """Replace a file's bytes through a temporary file in the same folder, keeping its mode.

    With `expected` (the bytes the fix was made from), the file is replaced only if it still
    holds them just before the rename: an editor's save during the fix is kept, and False
    returned. (What remains is the instant between that last read and the rename.)
    """
    target = Path(os.path.realpath(path))
    info = target.stat()
    with _SignalsHeld():
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
            if expected is not None and not _unchanged(target, expected):
                os.unlink(temporary)
                return False
            os.replace(temporary, target)
        except BaseException:
            if os.path.exists(temporary):
                os.unlink(temporary)
            raise
    return True


def _quoted(name: str) -> str:
    """A path as git writes it in a patch header: C-quoted when it holds a quote, a backslash
    or a control character."""
    if not any(ch in '"\\' or ord(ch) < 32 or ord(ch) == 127 for ch in name):
        return name
    escapes = {'"': '\\"', "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"}
    body = "".join(escapes.get(ch) or (f"\\{ord(ch):03o}" if ord(ch) < 32 or ord(ch) == 127 else ch) for ch in name)
    return f'"{body}"'


def patch_path(display: str, cwd: Path | None = None) -> str:
    """The path a patch names for a file: relative to `cwd` when inside it (where `git apply`
    runs), else without its leading slash (as git writes absolute paths: `a/tmp/x`, not `a//tmp/x`)."""
    path = os.path.normpath(display)
    if os.path.isabs(path):
        base = os.path.realpath(cwd or os.getcwd())
        relative = os.path.relpath(path, base)
        outside = relative == os.pardir or relative.startswith(os.pardir + os.sep)
        path = os.path.splitdrive(path)[1].lstrip("/\\") if outside else relative
    return path.replace(os.sep, "/")


def unified_diff(before: str, after: str, name: str) -> str:
    """A unified diff `git apply` accepts: lines split at "\n" only, as git splits them (a form
    feed, U+2028 or a lone CR is part of a line), with each line's own terminator kept."""
    a = before.split("\n")
    b = after.split("\n")
    a = [line + "\n" for line in a[:-1]] + ([a[-1]] if a[-1] else [])
    b = [line + "\n" for line in b[:-1]] + ([b[-1]] if b[-1] else [])
    path = patch_path(name)
    out = []
    for line in difflib.unified_diff(a, b, _quoted("a/" + path), _quoted("b/" + path)):
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)


@dataclass
class Outcome:
    """What fixing one file did. `problem` says why it was not fixed; `failed`: the problem is
    an error (the run exits 2), not a file left alone on purpose."""

    path: str
    changed: bool
    diff: str = ""
    fixed: int = 0
    problem: str = ""
    failed: bool = False


def _left(display: str, why: str, failed: bool = False) -> Outcome:
    return Outcome(display, False, problem=f"{display}: {why}", failed=failed)


def _unwritable(target: Path, info: os.stat_result) -> str:
    """Why a fix must not replace this file ("" when it may)."""
    if not info.st_mode & 0o222 or not os.access(target, os.W_OK):
        return "is read-only; not fixed"
    if info.st_nlink > 1:
        return f"has {info.st_nlink} hard links, which replacing it would split; not fixed"
    return ""


def _read_for_fixing(target: Path, display: str):
    """(bytes, stat) of the file as it is now, or the Outcome saying why it cannot be fixed."""
    try:
        raw = read_regular(target, MAX_ARTICLE_BYTES)
        return raw, os.stat(target)
    except FileNotFoundError:
        return _left(display, "no longer exists; not fixed", failed=True)
    except (OSError, Refused) as exc:
        return _left(display, f"cannot re-read for fixing: {getattr(exc, 'strerror', None) or exc}", failed=True)


def fix_file(path: Path, display: str, findings, expected_text: str, write: bool, *, within: Path | None = None) -> Outcome:
    """Apply the safe fixes of one file's findings; `expected_text` is what was linted.
    `within`: the folder the file was found in; a link out of it is not followed to write."""
    fixing = [f for f in findings if f.fix]
    if not fixing:
        return Outcome(display, False)
    target = Path(os.path.realpath(path))
    if within is not None and Path(os.path.realpath(within)) not in target.parents:
        return _left(display, f"links to {target}, outside {within}; not fixed")
    read = _read_for_fixing(target, display)
    if isinstance(read, Outcome):
        return read
    raw, info = read
    try:
        text, bom, codec = decode_encoded(raw)
    except UnicodeDecodeError as exc:
        return _left(display, f"cannot re-read for fixing: {exc}", failed=True)
    if normalise_newlines(text) != expected_text:
        return _left(display, "changed while being linted; not fixed")
    fixed, removed, refused = apply(text, fixing)
    if refused:
        return _left(display, f"a fix would remove line {refused[0]}, which no finding covers; file left untouched")
    if fixed == text:
        return Outcome(display, False)
    if write:
        problem = _write(target, bom + fixed.encode(codec), raw, info)
        if problem:
            return _left(display, *problem)
    elif codec != "utf-8":
        return _left(display, "is UTF-16, which git cannot patch as text: no patch shown (--fix fixes it)")
    mark = "\ufeff" if bom == b"\xef\xbb\xbf" else ""  # git compares bytes: the BOM is part of line 1
    shown = str(target) if os.path.islink(path) else display  # git patches the file, not the link
    return Outcome(display, True, unified_diff(mark + text, mark + fixed, shown), len(fixing))


def _write(target: Path, data: bytes, raw: bytes, info: os.stat_result) -> tuple | None:
    """None when the fix was written, else (why, failed) for `_left`."""
    why = _unwritable(target, info)
    if why:
        return (why,)
    try:
        if not write_atomic(target, data, expected=raw):
            return ("changed on disk during --fix; not fixed (the file is left as it is now)",)
    except OSError as exc:
        return (f"cannot write the fix: {exc.strerror or exc}; not fixed", True)
    return None
