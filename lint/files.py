"""Which files a command line names: folders recurse over articles and honour .gitignore."""

import errno
import os
import re
import stat
import warnings
from functools import lru_cache
from pathlib import Path

ARTICLE_SUFFIXES = (".md", ".markdown", ".txt")
MAX_ARTICLE_BYTES = 256 * 1024 * 1024
_NOT_REGULAR = ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                (stat.S_ISSOCK, "a socket"))
_OPEN_FLAGS = os.O_RDONLY | os.O_CLOEXEC | (os.O_NONBLOCK | os.O_NOCTTY if os.name == "posix" else 0)


class Refused(Exception):
    """A path that is not read: not a regular file, or over the size limit. The message says which."""


def read_regular(path, limit: int) -> bytes:
    """The bytes of a regular file of at most `limit` bytes.

    Only regular files are read: a FIFO would block until a writer comes, a device such as
    /dev/zero never ends. The file is opened without blocking and checked by `fstat` on the
    open descriptor, so a file swapped for a FIFO after a check cannot slip through; the read
    stops at the limit even if the file grows meanwhile.
    """
    fd = os.open(path, _OPEN_FLAGS)
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(errno.EISDIR, "is a folder", str(path))
        for test, kind in _NOT_REGULAR:
            if test(info.st_mode):
                raise Refused(f"not a regular file ({kind})")
        if info.st_size > limit:
            raise Refused(f"larger than {_size(limit)}")
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(limit + 1)
    finally:
        os.close(fd)
    if len(data) > limit:
        raise Refused(f"larger than {_size(limit)}")
    return data


def _size(limit: int) -> str:
    return f"{limit // (1024 * 1024)} MB" if limit >= 1024 * 1024 else f"{limit} bytes"


def _compiled(line: str):
    """The pathspec patterns of one gitignore-style line, and why it cannot be compiled ("" if it can)."""
    import pathspec  # when patterns are first compiled, not at start-up

    with warnings.catch_warnings():  # pathspec warns of nested sets ("[[:alpha:]]"), not an error
        warnings.simplefilter("ignore")
        try:
            return pathspec.PathSpec.from_lines("gitwildmatch", [line]).patterns, ""
        except (re.error, ValueError) as exc:  # positions would be in pathspec's regex, not the line
            return [], re.sub(r" at position \d+$", "", str(exc).splitlines()[0]) if str(exc) else type(exc).__name__


def pattern_problem(patterns: list) -> tuple[str, str] | None:
    """(pattern, why) of the first pattern that cannot be compiled, or None (config checking)."""
    for pattern in patterns:
        _, problem = _compiled(pattern)
        if problem:
            return pattern, problem
    return None


@lru_cache(maxsize=256)
def spec_of(lines: tuple):
    """gitignore-style lines as one PathSpec; a line that cannot be compiled matches nothing, as in git."""
    import pathspec

    return pathspec.PathSpec([pattern for line in lines for pattern in _compiled(line)[0]])


def _ignore_spec(folder: Path, inherited: list) -> list:
    gitignore = folder / ".gitignore"
    if gitignore.is_file():
        try:
            lines = gitignore.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            return inherited
        return inherited + [(folder, spec_of(tuple(lines)))]
    return inherited


def _ignored(path: Path, specs: list, is_dir: bool) -> bool:
    for base, spec in specs:
        relative = path.relative_to(base).as_posix() + ("/" if is_dir else "")
        if spec.match_file(relative):
            return True
    return False


def walk(folder: Path) -> list[Path]:
    """Article files under a folder, sorted, skipping .gitignore'd paths, hidden folders and link loops."""
    found = []
    specs_by_dir = {folder: _ignore_spec(folder, [])}
    for current, dirs, files in os.walk(folder):
        here = Path(current)
        specs = specs_by_dir.pop(here, [])
        kept = []
        for name in sorted(dirs):
            child = here / name
            if name.startswith(".") or _ignored(child, specs, True):
                continue
            specs_by_dir[child] = _ignore_spec(child, specs)
            kept.append(name)
        dirs[:] = kept
        for name in sorted(files):
            child = here / name
            if name.lower().endswith(ARTICLE_SUFFIXES) and not _ignored(child, specs, False):
                found.append(child)
    return sorted(found)


def excluded(path: Path, root: Path, patterns: list) -> bool:
    """Whether a config's `exclude` patterns (relative to the config's folder) match a path."""
    if not patterns:
        return False
    try:
        relative = path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return False
    return spec_of(tuple(patterns)).match_file(relative)


def not_article(path: Path, root: Path, patterns: list) -> bool:
    """Whether a config's `not_articles` patterns (a README, a licence, .github/) match a path,
    relative to the config's folder (or by its name, outside it)."""
    if not patterns:
        return False
    try:  # realpath, not resolve: a symbolic-link loop is reported as unreadable later, not here
        relative = Path(os.path.realpath(path)).relative_to(os.path.realpath(root)).as_posix()
    except ValueError:
        relative = path.name
    return spec_of(tuple(patterns)).match_file(relative)
