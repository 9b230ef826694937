"""Which files a command line names: folders recurse over articles and honour .gitignore."""

import os
from pathlib import Path

import pathspec

ARTICLE_SUFFIXES = (".md", ".markdown", ".txt")


def _ignore_spec(folder: Path, inherited: list) -> list:
    gitignore = folder / ".gitignore"
    if gitignore.is_file():
        try:
            lines = gitignore.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            return inherited
        return inherited + [(folder, pathspec.PathSpec.from_lines("gitwildmatch", lines))]
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
    return pathspec.PathSpec.from_lines("gitwildmatch", patterns).match_file(relative)


def not_article(path: Path, root: Path, patterns: list) -> bool:
    """Whether a config's `not_articles` patterns (a README, a licence, .github/) match a path,
    relative to the config's folder (or by its name, outside it)."""
    if not patterns:
        return False
    try:  # realpath, not resolve: a symbolic-link loop is reported as unreadable later, not here
        relative = Path(os.path.realpath(path)).relative_to(os.path.realpath(root)).as_posix()
    except ValueError:
        relative = path.name
    return pathspec.PathSpec.from_lines("gitwildmatch", patterns).match_file(relative)
