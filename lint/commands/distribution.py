"""What the installed metadata says about this copy of copydesk: where it was installed from,
and the project URLs its pyproject.toml declares.

`pip install 'copydesk[serve]'` only works when copydesk came from a package index; a copy
installed from a git URL or a checkout needs the same source again, and the same Python.
pip records the source (PEP 610, `direct_url.json` in the `.dist-info` folder); `METADATA`
holds `Project-URL` lines. Both are read as plain files from the first `copydesk-*.dist-info`
on the import path.
"""

import json
import shlex
import sys
from pathlib import Path


def _dist_info_file(name: str) -> str | None:
    """The text of a file of copydesk's installed `.dist-info` folder, or None."""
    for entry in sys.path:
        try:
            folders = sorted(Path(entry or ".").glob("copydesk-*.dist-info"))
        except OSError:
            continue
        for folder in folders:
            try:
                return (folder / name).read_text(encoding="utf-8")
            except OSError:
                return None
    return None


def _direct_url() -> dict | None:
    text = _dist_info_file("direct_url.json")
    try:
        return json.loads(text) if text else None
    except ValueError:
        return None


def project_urls() -> dict:
    """[project.urls] as installed: label (lower case) -> URL."""
    urls = {}
    for line in (_dist_info_file("METADATA") or "").splitlines():
        if not line.strip():
            break  # the headers end at the first blank line
        if line.startswith("Project-URL:"):
            label, _, url = line.split(":", 1)[1].partition(",")
            urls.setdefault(label.strip().lower(), url.strip())
    return urls


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
    direct_url = _direct_url()
    checkout = None if direct_url else _checkout()
    args = [sys.executable, "-m", "pip", "install", *requirement(extra, direct_url, checkout)]
    return shlex.join(args)
