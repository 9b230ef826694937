"""On-disk caches that make start-up cheap: loaded rule packs, regexes and pyproject answers.

They live in the user's cache folder (`$XDG_CACHE_HOME/copydesk`, else `~/.cache/copydesk`)
and are only ever an optimisation: a missing, stale, unreadable, corrupt or oversized cache
file is ignored and rebuilt, and `copydesk check --no-cache` bypasses them all. This module
is the store; the rule loader (`lint.rules.load_packs`) asks it for its packs.

- Rule packs: stored by `lint.rules` under a key from `fingerprint` (the tool, Python and
  `regex` versions and copydesk's own modules) and every rule file's path and content.
- pyproject.toml answers: the [tool.copydesk] table (or none) of each pyproject.toml read,
  keyed by a hash of the file's bytes: most repositories have such a file without the table,
  and reading TOML costs start-up (tomllib, and the datetime module it imports).
- Regexes: see `lint.regex_cache`, which keeps its files here.

Every file is bounded (MAX_FILE_BYTES; `lint.regex_cache.MAX_ENTRY_BYTES` per stored pattern):
a house pack with a 50,000-name outlets lexicon once wrote a 182 MB regex cache that every
later run read. All are plain data (JSON): nothing in a cache file can construct objects or run code.
The folder is created with mode 0700, and a cache file is only read when it and its folder
belong to the current user and are not group- or world-writable (else it is rebuilt, and
nothing is written into a folder that is not the user's own).
"""

import json
import os
import stat
import sys
from pathlib import Path

from lint import __version__

try:  # BLAKE2 from its own module: importing hashlib first loads OpenSSL, milliseconds per start
    from _blake2 import blake2b
except ImportError:  # a Python built without it
    from hashlib import blake2b

FORMAT = 3
KEEP_PACK_FILES = 8  # per kind of per-pack-set file: the pack sets used most recently
MAX_PYPROJECTS = 32
MAX_FILE_BYTES = 16 * 1024 * 1024  # a larger cache file is neither written nor read


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME")
    root = Path(base) if base and os.path.isabs(base) else Path.home() / ".cache"
    return root / "copydesk"


# Read-only, binary, and never through a symbolic link (where the platform has the flags).
_OPEN_FLAGS = os.O_RDONLY | (os.O_NOFOLLOW if hasattr(os, "O_NOFOLLOW") else 0) | (os.O_BINARY if hasattr(os, "O_BINARY") else 0)


def _trusted(info) -> bool:
    """Whether a stat result is owned by the current user and not writable by group or others.

    The regex cache feeds stored pattern code to `regex`'s C compiler, so a cache file (or a
    folder) that someone else could have written is never read. Where there are no user ids
    (Windows) the checksum is the only check.
    """
    if not hasattr(os, "getuid"):
        return True
    return info.st_uid == os.getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _trusted_dir(folder: Path) -> bool:
    try:
        info = os.stat(folder)
    except OSError:
        return False
    return stat.S_ISDIR(info.st_mode) and _trusted(info)


def _make_dir(folder: Path) -> bool:
    """Create the cache folder (mode 0700; its parents as usual); True when it is safe to use."""
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        os.mkdir(folder, 0o700)
    except FileExistsError:
        pass
    except OSError:
        return False
    return _trusted_dir(folder)


def _checksum(payload: bytes) -> bytes:
    """The 32 bytes that precede a cache file's payload."""
    return blake2b(payload, digest_size=32).digest()


def read(path: Path) -> bytes | None:
    """The payload of a trusted cache file whose checksum matches, else None.

    Trusted: the file and its folder belong to the current user and are not group- or
    world-writable; the file is not a symbolic link. Anything else is ignored (and rebuilt).
    """
    if not _trusted_dir(path.parent):
        return None
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError:
        return None
    try:
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode) or not _trusted(info) or info.st_size > MAX_FILE_BYTES + 32:
                return None
            raw = handle.read()
    except OSError:
        return None
    digest, payload = raw[:32], raw[32:]
    if len(raw) < 32 or _checksum(payload) != digest:
        return None
    return payload


def write(path: Path, payload: bytes) -> None:
    """Write atomically (another process may be reading); failures are ignored, and nothing
    is written into a folder that is not the user's own (see `_read`) nor over MAX_FILE_BYTES."""
    if len(payload) > MAX_FILE_BYTES:
        return
    try:
        if not _make_dir(path.parent):
            return
        import tempfile  # only when writing: its imports cost start-up

        handle, temp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)  # mode 0600
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(_checksum(payload) + payload)
            os.replace(temp, path)
        except BaseException:
            os.unlink(temp)
            raise
    except OSError:
        pass


# ------------------------------------------------------------- entries keyed by their inputs


def _code_fingerprint() -> str:
    """Size and mtime of each of copydesk's modules (os.walk: Path.rglob costs start-up)."""
    here = os.path.dirname(os.path.realpath(__file__))
    parts = []
    for top, _, names in os.walk(here):
        for name in names:
            if name.endswith(".py"):
                path = os.path.join(top, name)
                try:
                    info = os.stat(path)
                except OSError:
                    continue
                parts.append(f"{os.path.relpath(path, here)}:{info.st_size}:{info.st_mtime_ns}")
    return "\n".join(sorted(parts))


def fingerprint():
    """A BLAKE2 digest that already holds what every entry depends on: the tool, Python and
    `regex` versions, the cache format and copydesk's own modules (editing the code
    invalidates every entry). Callers add their inputs and key an entry by `hexdigest()`."""
    import regex

    digest = blake2b(digest_size=32)
    for part in (__version__, sys.version, regex.__version__, str(FORMAT), _code_fingerprint()):
        digest.update(part.encode() + b"\0")
    return digest


def load_entry(kind: str, key: str):
    """The data stored by `store_entry(kind, key, ...)`, or None."""
    payload = read(cache_dir() / f"{kind}-{key[:40]}.json")
    try:
        return None if payload is None else json.loads(payload)
    except (ValueError, RecursionError):
        return None


def store_entry(kind: str, key: str, data) -> None:
    """Store JSON data under a key, if it survives JSON unchanged (str keys, no dates); only
    the KEEP_PACK_FILES newest entries of a kind are kept."""
    path = cache_dir() / f"{kind}-{key[:40]}.json"
    try:
        text = json.dumps(data, ensure_ascii=False)
        if json.loads(text) != data:
            return
    except (TypeError, ValueError, RecursionError):
        return
    write(path, text.encode("utf-8", "surrogatepass"))
    prune(path, f"{kind}-*.json")


def prune(keep: Path, pattern: str) -> None:
    """Delete all but the KEEP_PACK_FILES newest files matching `pattern` beside `keep`."""
    try:
        files = sorted(keep.parent.glob(pattern), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in files[KEEP_PACK_FILES:]:
            if old != keep:
                old.unlink()
    except OSError:
        pass


# ------------------------------------------------------------------- pyproject.toml answers


def pyproject_section(raw: bytes, parse):
    """`parse(raw)`, the [tool.copydesk] table of a pyproject.toml with these bytes (or None),
    from the cache when it holds the answer for them. Only answers that survive JSON unchanged
    are stored; a file that does not parse raises as `parse` does, every time."""
    digest = blake2b(raw, digest_size=32).hexdigest()
    path = cache_dir() / f"pyproject-{FORMAT}.json"
    payload = read(path)
    known = {}
    if payload is not None:
        try:
            data = json.loads(payload)
        except (ValueError, RecursionError):
            data = None
        known = data if isinstance(data, dict) else {}
    entry = known.get(digest)
    if isinstance(entry, list) and len(entry) == 1:
        return entry[0]
    section = parse(raw)
    try:
        if json.loads(json.dumps(section)) == section:
            known.pop(digest, None)
            newest = list(known.items())[-(MAX_PYPROJECTS - 1):] + [(digest, [section])]
            write(path, json.dumps(dict(newest)).encode())
    except (TypeError, ValueError, RecursionError):
        pass
    return section
