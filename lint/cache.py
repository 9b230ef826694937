"""On-disk caches that make start-up cheap: loaded rule packs, and compiled regexes.

Both live in the user's cache folder (`$XDG_CACHE_HOME/copydesk`, else `~/.cache/copydesk`)
and are only ever an optimisation: a missing, stale, unreadable or corrupt cache file is
ignored and rebuilt, and `copydesk check --no-cache` bypasses both.

- Rule packs: the validated rule data and lexicons of a set of pack folders, as JSON, keyed by
  a hash of every rule file's path and content, the tool version, the Python and `regex`
  versions, and the size and mtime of copydesk's own modules (so editing the code or any
  rule file invalidates it). Loading it skips YAML parsing and validation; a rule's kind
  still prepares its matchers from the data when a run selects the rule (cheap: terms go
  into a word index, regexes are compiled on first use).
- pyproject.toml answers: the [tool.copydesk] table (or none) of each pyproject.toml read,
  keyed by a hash of the file's bytes: most repositories have such a file without the table,
  and reading TOML costs start-up (tomllib, and the datetime module it imports).
- Regexes: `regex` parses patterns in pure Python, which dominated start-up (the module-level
  patterns of the credit, quote and furniture detectors and the rule packs' patterns).
  This cache keeps what `regex` hands its C compiler (the pattern's flattened code and group
  tables: what `regex` itself pickles a pattern as). On the next start `regex`'s own pattern
  cache is made to build a stored pattern from it when `regex.compile` first asks for that
  pattern (a run uses only some of them). It is keyed by the `regex` and Python versions;
  a file whose checksum (BLAKE2) does not match is ignored, and so is an entry that does
  not have the expected shape.

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

FORMAT = 2
MAX_REGEXES = 450  # below `regex`'s own cache size (500), so primed entries are not evicted
KEEP_PACK_FILES = 8
MAX_PYPROJECTS = 32


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
            if not stat.S_ISREG(info.st_mode) or not _trusted(info):
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
    is written into a folder that is not the user's own (see `_read`)."""
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
# (a list) until `regex` first asks for that pattern; "version": regex.DEFAULT_VERSION when primed.
_state: dict = {"primed": False, "stored": {}, "path": None, "version": None}


def _regex_path() -> Path:
    import regex

    version = f"{sys.version_info.major}.{sys.version_info.minor}"
    return cache_dir() / f"regex-{regex.__version__}-py{version}-{FORMAT}.json"


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


def prime_regexes() -> None:
    """Let `regex` find the patterns of the cache file (see `save_regexes`) in its own cache.

    Each stored pattern is compiled when it is first used. Call before importing the modules
    that compile patterns at import time. Idempotent.
    """
    if _state["primed"]:
        return
    _state["primed"] = True
    try:
        from regex import _main

        path = _regex_path()
        _state["path"] = path
        payload = _read(path)
        stored = {}
        if payload is not None:
            data = json.loads(payload)
            if isinstance(data, list):
                for item in data:
                    key = _key_of(item)
                    if key is not None:
                        stored[key] = item
        _state["stored"], _state["version"] = stored, _main.DEFAULT_VERSION
        if not isinstance(_main._cache, _PrimedCache):
            _main._cache = _PrimedCache(_main._cache)
        for pattern, flags in stored:
            _main._named_args.setdefault((pattern, str, flags), frozenset())
            _main._locale_sensitive.setdefault((str, pattern), False)
    except Exception:  # noqa: BLE001 - a cache is only an optimisation
        _state["stored"] = {}


def save_regexes() -> None:
    """Write the patterns compiled since `prime_regexes` (with the ones already stored)."""
    if _state["path"] is None:
        return
    try:
        from regex import _main

        fresh = {}
        for key, compiled in list(_main._cache.items()):
            pattern, kind, flags, supplied, _, locale = key
            if kind is not str or supplied or locale is not None:
                continue
            if _main._locale_sensitive.get((str, pattern), True):
                continue
            # What `regex` itself pickles a pattern as: the arguments of its C compiler.
            args = getattr(compiled, "_pickled_data", None)
            if _valid_entry((pattern, int(flags)), args):
                fresh[(pattern, int(flags))] = args
        stored = _state["stored"]
        if not fresh or all(key in stored for key in fresh):
            return
        merged = dict(fresh)
        for key in list(stored):
            if len(merged) >= MAX_REGEXES:
                break
            if key not in merged:
                args = _stored_args(key)
                if args is not None:
                    merged[key] = args
        _state["stored"] = merged
        _write(_state["path"], json.dumps([_encode(key, args) for key, args in merged.items()]).encode())
    except Exception:  # noqa: BLE001
        pass


# ---------------------------------------------------------------------------- rule packs


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


def packs_key(folders: list[Path]) -> str | None:
    """A hash of everything the loaded packs depend on, or None when a folder cannot be read."""
    import regex

    from lint.rules import _yaml_files

    digest = blake2b(digest_size=32)
    for part in (__version__, sys.version, regex.__version__, str(FORMAT), _code_fingerprint()):
        digest.update(part.encode() + b"\0")
    try:
        for folder in folders:
            digest.update(str(folder).encode() + b"\0\0")
            for path in _yaml_files(folder):
                digest.update(str(path).encode("utf-8", "surrogatepass") + b"\0")
                digest.update(path.read_bytes() + b"\0")
    except OSError:
        return None
    return digest.hexdigest()


def _rule_data(rule) -> dict:
    return {
        "id": rule.id, "category": rule.category, "severity": rule.severity, "message": rule.message,
        "description": rule.description, "kind": rule.kind, "options": rule.options, "enabled": rule.enabled,
        "path": rule.path, "fail": [[e.text, e.house] for e in rule.fail_examples],
        "pass": [[e.text, e.house] for e in rule.pass_examples],
    }


def _packs_data(rules, lexicons) -> dict:
    return {
        "rules": [_rule_data(rule) for rule in rules],
        "lexicons": [[lex.name, lex.path, lex.terms, lex.patterns, lex.outlets, lex.term_regexes()]
                     for lex in lexicons.by_name.values()],
    }


def _from_data(data):
    """Rules and lexicons rebuilt from cached data; a rule's kind prepares its matchers again
    when the rule is selected (`Rule.ready`)."""
    from lint import kinds
    from lint.lexicons import Lexicon, Lexicons
    from lint.rules import UNPREPARED, Example, Rule

    lexicons = Lexicons()
    for name, path, terms, patterns, outlets, term_regexes in data["lexicons"]:
        lexicon = lexicons.by_name[name] = Lexicon(name, path, list(terms), list(patterns), list(outlets))
        lexicon.remember_term_regexes(term_regexes)
    rules = []
    for item in data["rules"]:
        if item["kind"] not in kinds.KINDS:
            raise ValueError(f"unknown kind {item['kind']!r}")
        rules.append(
            Rule(
                id=item["id"], category=item["category"], severity=item["severity"], message=item["message"],
                description=item["description"], kind=item["kind"], options=item["options"],
                fail_examples=tuple(Example(text, dict(house)) for text, house in item["fail"]),
                pass_examples=tuple(Example(text, dict(house)) for text, house in item["pass"]),
                enabled=bool(item["enabled"]), path=item["path"],
                prepared=UNPREPARED,
            )
        )
    return rules, lexicons


def load_packs(folders: list[Path], use_cache: bool = True):
    """`lint.rules.load_packs`, from the cache when an entry for these exact files exists."""
    from lint.rules import load_packs as load_from_files

    if not use_cache or not all(folder.is_dir() for folder in folders):
        return load_from_files(folders)
    key = packs_key(folders)
    if key is None:
        return load_from_files(folders)
    path = cache_dir() / f"packs-{key[:40]}.json"
    payload = _read(path)
    if payload is not None:
        try:
            return _from_data(json.loads(payload))
        except Exception:  # noqa: BLE001 - corrupt or from an older layout: rebuild
            pass
    rules, lexicons = load_from_files(folders)
    try:
        data = _packs_data(rules, lexicons)
        text = json.dumps(data, ensure_ascii=False)
        if json.loads(text) == data:  # only data that survives JSON unchanged (str keys, no dates)
            _write(path, text.encode("utf-8", "surrogatepass"))
            _prune(path)
    except (TypeError, ValueError, RecursionError):
        pass
    return rules, lexicons


def _prune(keep: Path) -> None:
    try:
        files = sorted(keep.parent.glob("packs-*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
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
