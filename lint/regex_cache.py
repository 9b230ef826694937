"""Stored regexes: `regex` parses patterns in pure Python, which dominated start-up.

This cache (in `lint.cache`'s folder, with its checks of ownership, checksum and size) keeps
what `regex` hands its C compiler (the pattern's flattened code and group tables: what `regex`
itself pickles a pattern as); on the next start `regex`'s own pattern cache builds a stored
pattern from it when `regex.compile` first asks for it. Patterns compiled before any pack set
is loaded (the detectors' own) are kept in one file that every run reads; the patterns of a
pack set (its rules, its outlets) in a file of that pack set, so a house pack's patterns never
reach runs that do not use it. An entry that does not have the expected shape is ignored.

A stored pattern larger than MAX_ENTRY_BYTES is not kept: a house pack with a 50,000-name
outlets lexicon once wrote a 182 MB regex cache that every later run read.
"""

import binascii
import json
import sys
from pathlib import Path

from lint import cache

MAX_REGEXES = 450  # below `regex`'s own cache size (500), so primed entries are not evicted
MAX_ENTRY_BYTES = 256 * 1024  # a stored pattern's code, encoded (the built-in ones: < 40 KB)


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
    return cache.cache_dir() / f"regex-{regex.__version__}-py{version}-{cache.FORMAT}{suffix}.json"


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

    payload = cache.read(path)
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
    """((pattern, flags), compile arguments) of each pattern in `regex`'s cache that can be stored,
    newest first (`_save_file` keeps the first MAX_REGEXES)."""
    for key, compiled in reversed(list(_main._cache.items())):
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
            cache.prune(_state["packs"][0], f"regex-*-{cache.FORMAT}-*.json")
    except Exception:  # noqa: BLE001
        pass


def _save_file(path: Path, fresh: dict) -> None:
    """Rewrite one regex cache file when `fresh` has patterns it lacks, newest first, within
    MAX_REGEXES entries and cache.MAX_FILE_BYTES."""
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
        if size + len(text) + 1 > cache.MAX_FILE_BYTES:
            break
        items.append(text)
        size += len(text) + 1
    _state["files"][path] = list(merged)[: len(items)]
    cache.write(path, ("[" + ",".join(items) + "]").encode())
