"""The command that installs an optional extra where this copy of copydesk came from.

`pip install 'copydesk[serve]'` only works when copydesk came from a package index; a copy
installed from a git URL or a checkout needs the same source again, and the same Python.
pip records the source (PEP 610, `direct_url.json` in the installed metadata).
"""

import json
import shlex
import sys
from pathlib import Path


def _direct_url() -> dict | None:
    from importlib import metadata

    for distribution in metadata.distributions(name="copydesk"):
        text = distribution.read_text("direct_url.json")
        if text:
            try:
                return json.loads(text)
            except ValueError:
                return None
    return None


def _checkout() -> Path | None:
    """The source checkout this package runs from, when it is not installed at all."""
    top = Path(__file__).resolve().parents[2]
    pyproject = top / "pyproject.toml"
    try:
        return top if 'name = "copydesk"' in pyproject.read_text(encoding="utf-8") else None
    except OSError:
        return None


def requirement(extra: str, direct_url: dict | None, checkout: Path | None = None) -> list[str]:
    """pip's arguments that install copydesk with `extra` from where it was installed."""
    if direct_url and direct_url.get("url"):
        url = direct_url["url"]
        if "vcs_info" in direct_url:
            vcs = direct_url["vcs_info"]
            revision = vcs.get("requested_revision") or vcs.get("commit_id")
            at = f"@{revision}" if revision else ""
            return [f"copydesk[{extra}] @ {vcs.get('vcs', 'git')}+{url}{at}"]
        if url.startswith("file://") and "dir_info" in direct_url:
            from urllib.parse import unquote, urlparse

            folder = unquote(urlparse(url).path)
            editable = ["-e"] if direct_url["dir_info"].get("editable") else []
            return editable + [f"{folder}[{extra}]"]
        return [f"copydesk[{extra}] @ {url}"]
    if checkout is not None:
        return ["-e", f"{checkout}[{extra}]"]
    return [f"copydesk[{extra}]"]


def install_command(extra: str) -> str:
    """The shell command that adds `extra` to this installation, with this Python."""
    checkout = None if _direct_url() else _checkout()
    args = [sys.executable, "-m", "pip", "install", *requirement(extra, _direct_url(), checkout)]
    return shlex.join(args)
