"""The on-disk caches are only read when nobody else could have written them (lint/cache.py)."""

import hashlib
import json
import os
import stat
from pathlib import Path

import pytest

from lint import cache, regex_cache
from lint.rules import builtin_dir, load_packs

pytestmark = pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX ownership and modes")


@pytest.fixture()
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "copydesk"


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_folder_is_created_private_and_files_are_read_back(folder):
    path = folder / "x.json"
    cache.write(path, b"payload")
    assert _mode(folder) == 0o700
    assert _mode(path) & 0o077 == 0
    assert cache.read(path) == b"payload"


@pytest.mark.parametrize("mode", [0o620, 0o602, 0o666])
def test_group_or_world_writable_file_is_ignored_and_rebuilt(folder, mode):
    path = folder / "x.json"
    cache.write(path, b"payload")
    path.chmod(mode)
    assert cache.read(path) is None
    cache.write(path, b"rebuilt")
    assert _mode(path) & 0o077 == 0
    assert cache.read(path) == b"rebuilt"


@pytest.mark.parametrize("mode", [0o770, 0o707, 0o777])
def test_group_or_world_writable_folder_is_neither_read_nor_written(folder, mode):
    path = folder / "x.json"
    cache.write(path, b"payload")
    folder.chmod(mode)
    try:
        assert cache.read(path) is None
        cache.write(path, b"other")
        folder.chmod(0o700)
        assert cache.read(path) == b"payload", "nothing is written into a folder others can write"
    finally:
        folder.chmod(0o700)


def test_file_or_folder_of_another_user_is_ignored(folder, monkeypatch):
    path = folder / "x.json"
    cache.write(path, b"payload")
    real = os.getuid()
    monkeypatch.setattr(cache.os, "getuid", lambda: real + 1)
    assert cache.read(path) is None
    assert not cache._trusted_dir(folder)


def test_symlinked_cache_file_is_ignored(folder, tmp_path):
    target = tmp_path / "elsewhere.json"
    cache.write(folder / "x.json", b"payload")
    os.replace(folder / "x.json", target)
    (folder / "x.json").symlink_to(target)
    assert cache.read(folder / "x.json") is None


def test_existing_private_folder_is_kept(folder):
    folder.mkdir(parents=True, mode=0o755)
    folder.chmod(0o755)  # the user's own, not writable by others: fine
    cache.write(folder / "x.json", b"payload")
    assert cache.read(folder / "x.json") == b"payload"


def test_untrusted_packs_cache_is_not_used(folder):
    fresh = load_packs([builtin_dir()])
    load_packs([builtin_dir()], use_cache=True)
    (entry,) = folder.glob("packs-*.json")
    junk = json.dumps({"rules": [], "lexicons": []}).encode()  # a valid checksum, but planted
    entry.write_bytes(hashlib.sha256(junk).digest() + junk)
    entry.chmod(0o666)
    rules, _ = load_packs([builtin_dir()], use_cache=True)
    assert [r.id for r in rules] == [r.id for r in fresh[0]]
    assert _mode(entry) & 0o077 == 0, "the planted file was replaced"


def test_untrusted_regex_cache_is_not_primed(folder, monkeypatch):
    import regex
    from regex import _main

    path = regex_cache._regex_path()
    pattern = r"copydesk-test-(\d+)"
    regex.compile(pattern)  # puts it in regex's own cache
    monkeypatch.setattr(regex_cache, "_state", {**regex_cache._fresh_state(), "primed": True, "path": path})
    regex_cache.save_regexes()
    assert cache.read(path) is not None
    path.chmod(0o666)
    _main._cache.clear()
    monkeypatch.setattr(regex_cache, "_state", regex_cache._fresh_state())
    regex_cache.prime_regexes()
    assert regex_cache._state["stored"] == {}
    assert not any(key[0] == pattern for key in _main._cache)


# ------------------------------------------------------- bounded, per pack set (issue 17, point 9)


def test_a_house_packs_regexes_stay_with_its_pack_set_and_a_huge_one_is_not_stored(folder, monkeypatch):
    """A house pack with a huge outlets lexicon once wrote a 182 MB regex cache that every run
    of the user read, in any folder: a pack set's patterns go to that pack set's file, and a
    pattern over MAX_ENTRY_BYTES is not stored at all."""
    import regex
    from regex import _main

    monkeypatch.setattr(regex_cache, "_state", regex_cache._fresh_state())
    monkeypatch.setattr(regex_cache, "MAX_ENTRY_BYTES", 4096)
    regex_cache.prime_regexes()
    detector, house = r"copydesk-detector-(\d+)", r"copydesk-house-(\d+)"
    huge = "(?:" + "|".join(f"outlet{n} news" for n in range(600)) + ")"
    regex.compile(detector)
    regex_cache.prime_pack_regexes("a" * 64)
    regex.compile(house)
    regex.compile(huge)
    regex_cache.save_regexes()
    shared = {item[0] for item in json.loads(cache.read(regex_cache._regex_path()))}
    own = {item[0] for item in json.loads(cache.read(regex_cache._regex_path("a" * 64)))}
    assert detector in shared and house not in shared and huge not in shared
    assert house in own and huge not in own

    _main._cache.clear()
    monkeypatch.setattr(regex_cache, "_state", regex_cache._fresh_state())
    regex_cache.prime_regexes()
    regex_cache.prime_pack_regexes("b" * 64)  # another folder's pack set
    assert (detector, 0) in regex_cache._state["stored"] and (house, 0) not in regex_cache._state["stored"]


def test_cache_files_are_bounded_in_size_when_written_and_when_read(folder, monkeypatch):
    monkeypatch.setattr(cache, "MAX_FILE_BYTES", 1000)
    path = folder / "x.json"
    cache.write(path, b"x" * 900)
    cache.write(path, b"y" * 2000)
    assert cache.read(path) == b"x" * 900, "an oversized payload is not written"
    path.write_bytes(cache._checksum(b"z" * 2000) + b"z" * 2000)  # left by an older version
    assert cache.read(path) is None, "nor read"
