"""Shared helpers: the installed console script, the shared corpus, small article builders."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED = FIXTURES / "seed.txt"


def copydesk_command() -> list[str]:
    """The console script installed beside this Python, else `python -m lint` from the checkout."""
    script = Path(sys.executable).parent / "copydesk"
    if script.exists():
        return [str(script)]
    found = shutil.which("copydesk")
    return [found] if found else [sys.executable, "-m", "lint"]


def run_cli(*args, cwd=None, stdin: bytes | None = None, env=None) -> subprocess.CompletedProcess:
    environment = {**os.environ, "NO_COLOR": "1", **(env or {})}
    environment.pop("GITHUB_ACTIONS", None)
    return subprocess.run(
        copydesk_command() + [str(a) for a in args],
        cwd=cwd or ROOT,
        input=stdin,
        capture_output=True,
        env=environment,
        timeout=120,
    )


def write_file(folder: Path, name: str, content) -> Path:
    """Write text (UTF-8) or bytes under a folder, making parent folders."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    return path


@pytest.fixture
def shared_corpus() -> Path:
    corpus = SHARED / "corpus" / "furniture-dev"
    if not corpus.is_dir():
        pytest.skip("shared corpus not present")
    return corpus
