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
- Regexes: `regex` parses patterns in pure Python, which dominated start-up. This cache keeps
  what `regex` hands its C compiler (the pattern's flattened code and group tables: what
  `regex` itself pickles a pattern as); on the next start `regex`'s own pattern cache builds a
  stored pattern from it when `regex.compile` first asks for it. Patterns compiled before any
  pack set is loaded (the detectors' own) are kept in one file that every run reads; the
  patterns of a pack set (its rules, its outlets) in a file of that pack set, so a house
  pack's patterns never reach runs that do not use it. A file whose checksum (BLAKE2) does not
  match is ignored, and so is an entry that does not have the expected shape.

Every file is bounded (MAX_FILE_BYTES, and MAX_ENTRY_BYTES per stored pattern): a house pack
with a 50,000-name outlets lexicon once wrote a 182 MB regex cache that every later run read.
Both are plain data (JSON): nothing in a cache file can construct objects or run code.
The folder is created with mode 0700, and a cache file is only read when it and its folder
belong to the current user and are not group- or world-writable (else it is rebuilt, and
nothing is written into a folder that is not the user's own).
"""

import binascii
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
MAX_REGEXES = 450  # below `regex`'s own cache size (500), so primed entries are not evicted
KEEP_PACK_FILES = 8  # per kind of per-pack-set file: the pack sets used most recently
MAX_PYPROJECTS = 32
MAX_FILE_BYTES = 16 * 1024 * 1024  # a larger cache file is neither written nor read
MAX_ENTRY_BYTES = 256 * 1024  # a stored pattern's code, encoded (the built-in ones: < 40 KB)


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


def _read(path: Path) -> bytes | None:
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


def _write(path: Path, payload: bytes) -> None:
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


# ------------------------------------------------------------------------------- regexes


# "stored": (pattern, flags) -> the compile arguments, or the cache file's entry for them
# (a list) until `regex` first asks for that pattern; "version": regex.DEFAULT_VERSION when
# primed; "files": each regex cache file read -> the keys it held; "core": the patterns compiled
# before the first pack set was primed (None until then); "packs": the pack sets' files.
def _fresh_state() -> dict:
    return {"primed": False, "stored": {}, "path": None, "version": None, "files": {}, "core": None, "packs": []}


_state: dict = _fresh_state()


def _regex_path(pack_key: str | None = None) -> Path:
    """The file of the detectors' patterns, or of one pack set's."""
    import regex

    version = f"{sys.version_info.major}.{sys.version_info.minor}"
    suffix = f"-{pack_key[:40]}" if pack_key else ""
    return cache_dir() / f"regex-{regex.__version__}-py{version}-{FORMAT}{suffix}.json"


def _valid_entry(key, args) -> bool:
    if not (isinstance(key, tuple) and len(key) == 2 and isinstance(key[0], str) and isinstance(key[1], int)):
        return False
    if not (isinstance(args, tuple) and len(args) == 11):
        return False
    pattern, flags, code, group_index, index_group, named_lists, indexes, req_offset, req_chars, req_flags, groups = args
    return (
        pattern == key[0]
        and isinstance(flags, int)
        and isinstance(code, bytes)
        and isinstance(group_index, dict)
        and isinstance(index_group, dict)
        and named_lists == {}
        and indexes == []
        and isinstance(req_offset, int)
        and (req_chars is None or isinstance(req_chars, (tuple, list)))
        and isinstance(req_flags, int)
        and isinstance(groups, int)
    )


def _encode(key, args) -> list:
    pattern, flags, code, group_index, index_group, _, _, req_offset, req_chars, req_flags, groups = args
    code = binascii.b2a_base64(code, newline=False).decode("ascii")
    return [key[0], key[1], pattern, flags, code, group_index, sorted(index_group.items()), req_offset,
            None if req_chars is None else list(req_chars), req_flags, groups]


def _decode(item) -> tuple:
    """(key, compile arguments) of one stored entry, or (None, None) when it is malformed."""
    try:
        source, key_flags, pattern, flags, code, group_index, index_group, req_offset, req_chars, req_flags, groups = item
        args = (pattern, flags, binascii.a2b_base64(code, strict_mode=True), dict(group_index),
                {int(k): v for k, v in index_group}, {}, [], req_offset,
                None if req_chars is None else tuple(req_chars), req_flags, groups)
        key = (source, key_flags)
    except (TypeError, ValueError):
        return None, None
    ok = _valid_entry(key, args) and all(isinstance(k, str) and isinstance(v, int) for k, v in args[3].items())
    ok = ok and all(isinstance(v, str) for v in args[4].values()) and all(isinstance(c, int) for c in args[8] or ())
    return (key, args) if ok else (None, None)


def _stored_args(key) -> tuple | None:
    """The compile arguments stored for (pattern, flags), decoding the entry on first use;
    None (and the entry forgotten) when there is none or it is malformed."""
    stored = _state["stored"]
    entry = stored.get(key)
    if entry is None or isinstance(entry, tuple):
        return entry
    decoded_key, args = _decode(entry)
    if decoded_key != key:
        del stored[key]
        return None
    stored[key] = args
    return args


def _key_of(item):
    """The (pattern, flags) an entry of the cache file is for, or None when it is malformed."""
    if isinstance(item, list) and len(item) == 11 and isinstance(item[0], str) and type(item[1]) is int:
        return item[0], item[1]
    return None


class _PrimedCache(dict):
    """`regex`'s own pattern cache, which compiles a stored pattern when `regex` first asks for
    it: a check uses only some of the stored patterns, and each costs a C compile."""

    def __missing__(self, cache_key):
        from regex import _main

        pattern, kind, flags, supplied, version, locale = cache_key
        if kind is not str or supplied or locale is not None or version != _state.get("version"):
            raise KeyError(cache_key)
        key = (pattern, int(flags))
        args = _stored_args(key)
        if args is None:
            raise KeyError(cache_key)
        try:
            compiled = _main._regex.compile(*args)
        except Exception:  # noqa: BLE001 - an unusable entry: `regex` compiles the pattern itself
            _state["stored"].pop(key, None)
            raise KeyError(cache_key) from None
        self[cache_key] = compiled
        return compiled


def _prime_file(path: Path) -> None:
    """Add the entries of one regex cache file to the stored patterns `regex` may ask for."""
    from regex import _main

    payload = _read(path)
    data = json.loads(payload) if payload is not None else None
    keys = []
    for item in data if isinstance(data, list) else ():
        key = _key_of(item)
        if key is not None:
            keys.append(key)
            _state["stored"].setdefault(key, item)
            _main._named_args.setdefault((key[0], str, key[1]), frozenset())
            _main._locale_sensitive.setdefault((str, key[0]), False)
    _state["files"][path] = keys


def prime_regexes() -> None:
    """Let `regex` find the detectors' stored patterns (see `save_regexes`) in its own cache.

    Each stored pattern is compiled when it is first used. Call before importing the modules
    that compile patterns at import time. Idempotent.
    """
    if _state["primed"]:
        return
    _state["primed"] = True
    try:
        from regex import _main

        _state["path"], _state["version"] = _regex_path(), _main.DEFAULT_VERSION
        if not isinstance(_main._cache, _PrimedCache):
            _main._cache = _PrimedCache(_main._cache)
        _prime_file(_state["path"])
    except Exception:  # noqa: BLE001 - a cache is only an optimisation
        _state["stored"] = {}


def prime_pack_regexes(pack_key: str) -> None:
    """Add the stored patterns of one pack set (after `prime_regexes`; else nothing to do).

    The patterns compiled until the first pack set is primed are the detectors' own; the ones
    compiled later belong to the pack set (see `save_regexes`).
    """
    if _state["path"] is None:
        return
    try:
        from regex import _main

        if _state["core"] is None:
            _state["core"] = {key for key, _ in _compiled(_main)}
        path = _regex_path(pack_key)
        if path not in _state["files"]:
            _state["packs"].append(path)
            _prime_file(path)
    except Exception:  # noqa: BLE001
        pass


def _compiled(_main):
    """((pattern, flags), compile arguments) of each pattern in `regex`'s cache that can be stored."""
    for key, compiled in list(_main._cache.items()):
        pattern, kind, flags, supplied, _, locale = key
        if kind is not str or supplied or locale is not None or _main._locale_sensitive.get((str, pattern), True):
            continue
        # What `regex` itself pickles a pattern as: the arguments of its C compiler.
        args = getattr(compiled, "_pickled_data", None)
        if _valid_entry((pattern, int(flags)), args) and len(args[2]) <= MAX_ENTRY_BYTES * 3 // 4:
            yield (pattern, int(flags)), args


def save_regexes() -> None:
    """Write the patterns compiled in this run (with the ones already stored): the detectors'
    to the shared file, the rest to the file of the run's pack set. A run that used several
    pack sets cannot tell whose a pattern is and stores only the detectors'."""
    if _state["path"] is None:
        return
    try:
        from regex import _main

        core, fresh, rest = _state["core"], {}, {}
        for key, args in _compiled(_main):
            (fresh if core is None or key in core else rest)[key] = args
        _save_file(_state["path"], fresh)
        if len(_state["packs"]) == 1:
            _save_file(_state["packs"][0], rest)
            _prune(_state["packs"][0], f"regex-*-{FORMAT}-*.json")
    except Exception:  # noqa: BLE001
        pass


def _save_file(path: Path, fresh: dict) -> None:
    """Rewrite one regex cache file when `fresh` has patterns it lacks, newest first, within
    MAX_REGEXES entries and MAX_FILE_BYTES."""
    known = _state["files"].get(path, [])
    if not fresh or set(fresh) <= set(known):
        return
    merged = dict(fresh)
    for key in known:
        args = None if key in merged else _stored_args(key)
        if args is not None:
            merged[key] = args
    items, size = [], 2
    for key, args in list(merged.items())[:MAX_REGEXES]:
        text = json.dumps(_encode(key, args))
        if size + len(text) + 1 > MAX_FILE_BYTES:
            break
        items.append(text)
        size += len(text) + 1
    _state["files"][path] = list(merged)[: len(items)]
    _write(path, ("[" + ",".join(items) + "]").encode())


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
    payload = _read(cache_dir() / f"{kind}-{key[:40]}.json")
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
    _write(path, text.encode("utf-8", "surrogatepass"))
    _prune(path, f"{kind}-*.json")


def _prune(keep: Path, pattern: str) -> None:
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
    payload = _read(path)
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
            _write(path, json.dumps(dict(newest)).encode())
    except (TypeError, ValueError, RecursionError):
        pass
    return section
