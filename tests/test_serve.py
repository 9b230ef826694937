"""`copydesk serve`: the JSON service behind the editors' draft page (no browser here)."""

import json
import os
import re
import subprocess
import sys
import time
import urllib.request
import warnings
from pathlib import Path

import pytest

from conftest import ROOT, SEED, copydesk_command, run_cli

pytest.importorskip("starlette")
pytest.importorskip("httpx")
with warnings.catch_warnings():  # newer Starlette prefers httpx2 for its test client; httpx still works
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient  # noqa: E402

from lint import serve  # noqa: E402

STATIC = ROOT / "lint" / "serve" / "static"
FINDING_KEYS = {"path", "line", "column", "end_line", "end_column", "rule", "category", "severity", "message"}


@pytest.fixture
def content(tmp_path) -> Path:
    """A content repository: the seed at the top, a desk folder whose config ignores provenance."""
    root = tmp_path / "content"
    (root / "desk").mkdir(parents=True)
    (root / "seed.txt").write_bytes(SEED.read_bytes())
    (root / "desk" / "seed.txt").write_bytes(SEED.read_bytes())
    (root / "desk" / ".copydesk.yaml").write_text("ignore: [credit-line.provenance]\n", encoding="utf-8")
    (root / "notes.md").write_text("# Notes\n\nPolice said the road was closed.\n", encoding="utf-8")
    (root / "image.png").write_bytes(b"\x89PNG\r\n")
    return root


@pytest.fixture
def client(content):
    app = serve.create_app(content, allowed_hosts=["testserver"])
    with TestClient(app) as c:
        yield c


def lint(client, text, filename=None, **extra):
    body = {"text": text, **({"filename": filename} if filename else {}), **extra}
    return client.post("/api/lint", json=body)


def test_lint_returns_the_cli_json_contract(client, content):
    response = lint(client, SEED.read_text(encoding="utf-8"), "seed.txt")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    data = response.json()
    assert set(data) == {"version", "files", "findings"}
    assert data["files"] == 1
    assert all(set(f) == FINDING_KEYS for f in data["findings"])
    rules = {f["rule"] for f in data["findings"]}
    assert {"credit-line.provenance", "page-furniture.scraped-boilerplate"} <= rules
    assert response.headers["X-Copydesk-Fixable"] == "1"
    # the same findings, byte for byte, as `copydesk check --format json` run in ROOT
    cli = run_cli("check", "--format", "json", "seed.txt", cwd=content)
    assert json.loads(cli.stdout) == data


def test_lint_accepts_plain_text_and_a_query_filename(client):
    response = client.post(
        "/api/lint?filename=seed.txt", content=SEED.read_bytes(), headers={"Content-Type": "text/plain; charset=utf-8"}
    )
    assert response.status_code == 200
    assert {f["path"] for f in response.json()["findings"]} == {"seed.txt"}


def test_pasted_draft_without_a_name(client):
    data = lint(client, "Police said the road was closed.\n").json()
    assert [f["rule"] for f in data["findings"]] == ["credit-line.missing"]
    assert data["findings"][0]["path"] == "<draft>"
    assert lint(client, "").json()["findings"] == []


def test_config_is_looked_up_from_the_file_folder_under_root(client):
    """desk/.copydesk.yaml ignores provenance: a draft named desk/x.txt gets that config."""
    text = SEED.read_text(encoding="utf-8")
    top = {f["rule"] for f in lint(client, text, "seed.txt").json()["findings"]}
    desk = {f["rule"] for f in lint(client, text, "desk/new-draft.txt").json()["findings"]}
    assert "credit-line.provenance" in top
    assert "credit-line.provenance" not in desk
    assert "page-furniture.scraped-boilerplate" in desk


def test_markdown_by_name(client):
    text = "Headline\n\nAFP\n\n<!-- copydesk-disable-file credit-line -->\nIn a letter `seen by Reuters`, he said so.\n"
    as_md = {f["rule"] for f in lint(client, text, "story.md").json()["findings"]}
    assert "credit-line.provenance" not in as_md


@pytest.mark.parametrize(
    "body, status",
    [
        (b"{not json", 400),
        (b'{"filename": "x.txt"}', 400),
        (b'["text"]', 400),
        (b'{"text": "x", "filename": 3}', 400),
        (b'{"text": "x", "markdown": "yes"}', 400),
        (b'{"text": "x", "filename": "../outside.txt"}', 403),
        (b'{"text": "x", "filename": "/etc/passwd"}', 403),
    ],
)
def test_bad_requests_get_a_json_error(client, body, status):
    response = client.post("/api/lint", content=body, headers={"Content-Type": "application/json"})
    assert response.status_code == status
    assert response.json()["error"]


def test_binary_text_is_a_400_not_a_crash(client):
    response = lint(client, "abc\x00def")
    assert response.status_code == 400
    assert "binary" in response.json()["error"]


def test_lone_surrogates_do_not_crash(client):
    response = client.post("/api/lint", content=b'{"text": "He said \\ud800 so."}', headers={"Content-Type": "application/json"})
    assert response.status_code == 200


def test_request_size_limit_is_a_413_json_error(content):
    app = serve.create_app(content, allowed_hosts=["testserver"])
    assert app.state.service.max_bytes == 5 * 1024 * 1024
    with TestClient(app) as c:
        big = "word " * (1024 * 1024 + 10)  # just over 5 MB
        response = c.post("/api/lint", json={"text": big})
        assert response.status_code == 413
        error = response.json()["error"]
        assert "too large" in error and "5 MB" in error
        fixed = c.post("/api/fix", content=big.encode(), headers={"Content-Type": "text/plain"})
        assert fixed.status_code == 413
        assert lint(c, "Police said so.").status_code == 200


def test_request_size_limit_without_content_length(content):
    app = serve.create_app(content, allowed_hosts=["testserver"], max_bytes=1000)

    def chunks():
        for _ in range(10):
            yield b"x" * 200

    with TestClient(app) as c:
        response = c.post("/api/lint", content=chunks(), headers={"Content-Type": "text/plain"})
        assert response.status_code == 413
        assert "1000 bytes" in response.json()["error"]


def test_fix_removes_the_furniture_block(client):
    text = SEED.read_text(encoding="utf-8")
    result = client.post("/api/fix", json={"text": text, "filename": "seed.txt"}).json()
    assert result["changed"] is True
    assert result["fixed"] == 1
    assert "More from International News" not in result["text"]
    assert "In a letter seen by Reuters" in result["text"]
    removed = [row["line"] for row in result["removed_lines"]]
    assert removed[0] <= 15 and 33 in removed
    assert result["removed_lines"][removed.index(15)]["text"] == "More from International News"
    assert result["diff"].startswith("--- a/seed.txt")
    again = client.post("/api/fix", json={"text": result["text"], "filename": "seed.txt"}).json()
    assert again["changed"] is False and again["text"] == result["text"]
    after = {f["rule"] for f in lint(client, result["text"], "seed.txt").json()["findings"]}
    assert "page-furniture.scraped-boilerplate" not in after


def test_rules_explain_why_with_examples(client):
    rules = {r["id"]: r for r in client.get("/api/rules").json()["rules"]}
    provenance = rules["credit-line.provenance"]
    assert "first-person reporting marker" in provenance["description"]
    assert provenance["examples"]["fail"] and provenance["examples"]["pass"]
    one = client.get("/api/rules/credit-line.provenance").json()
    assert one == provenance
    missing = client.get("/api/rules/no.such-rule")
    assert missing.status_code == 404 and "no rule" in missing.json()["error"]


HOUSE_RULE = """\
id: style.house-word
category: style
severity: warning
message: "Use 'use', not '{match}'"
description: House style prefers plain words.
kind: existence
options:
  terms: [utilise, utilised]
examples:
  fail: ["Police utilised tear gas."]
  pass: ["Police used tear gas."]
"""


def test_house_rules_of_a_folder_are_linted_and_explained(client, content):
    (content / "opinion" / "pack" / "style").mkdir(parents=True)
    (content / "opinion" / "pack" / "style" / "house-word.yaml").write_text(HOUSE_RULE, encoding="utf-8")
    (content / "opinion" / ".copydesk.yaml").write_text("rules: [pack]\n", encoding="utf-8")
    text = "Headline\n\nBy Jane Doe\n\nPolice utilised tear gas, officials said.\n"
    found = {f["rule"] for f in lint(client, text, "opinion/column.txt").json()["findings"]}
    assert "style.house-word" in found
    assert "style.house-word" not in {f["rule"] for f in lint(client, text).json()["findings"]}
    explained = client.get("/api/rules/style.house-word", params={"filename": "opinion/column.txt"})
    assert explained.status_code == 200 and explained.json()["description"] == "House style prefers plain words."
    assert client.get("/api/rules/style.house-word").status_code == 404


def test_a_broken_config_is_a_json_error(client, content):
    (content / "broken").mkdir()
    (content / "broken" / ".copydesk.yaml").write_text("nonsense: 1\n", encoding="utf-8")
    response = lint(client, "Police said so.", "broken/x.txt")
    assert response.status_code == 500
    assert "configuration error" in response.json()["error"] and "nonsense" in response.json()["error"]
    assert client.get("/api/rules", params={"filename": "broken/x.txt"}).status_code == 500


def test_file_listing_is_articles_under_root(client):
    files = client.get("/api/files").json()["files"]
    assert files == ["desk/seed.txt", "notes.md", "seed.txt"]


def test_open_a_file(client):
    data = client.get("/api/file", params={"path": "desk/seed.txt"}).json()
    assert data == {"path": "desk/seed.txt", "text": SEED.read_text(encoding="utf-8")}


def test_open_normalises_bom_and_newlines(client, content):
    (content / "crlf.txt").write_bytes(b"\xef\xbb\xbfHeadline\r\n\r\nBody.\r\n")
    assert client.get("/api/file", params={"path": "crlf.txt"}).json()["text"] == "Headline\n\nBody.\n"


@pytest.mark.parametrize(
    "name", ["../outside.txt", "desk/../../outside.txt", "/etc/passwd", "..", "..\\outside.txt", "C:/x.txt"]
)
def test_files_outside_root_are_refused(client, content, name):
    (content.parent / "outside.txt").write_text("TOP-SECRET-CONTENT\n", encoding="utf-8")
    response = client.get("/api/file", params={"path": name})
    assert response.status_code == 403
    assert "outside ROOT" in response.json()["error"]
    assert "TOP-SECRET-CONTENT" not in response.text


def test_symlinks_pointing_out_of_root_are_refused(client, content):
    outside = content.parent / "elsewhere"
    outside.mkdir()
    (outside / "secret.txt").write_text("TOP-SECRET-CONTENT\n", encoding="utf-8")
    (content / "link.txt").symlink_to(outside / "secret.txt")
    (content / "linkdir").symlink_to(outside, target_is_directory=True)
    (content / "inside-link.txt").symlink_to(content / "seed.txt")
    for name in ("link.txt", "linkdir/secret.txt"):
        response = client.get("/api/file", params={"path": name})
        assert response.status_code == 403, name
        assert "TOP-SECRET-CONTENT" not in response.text
    assert lint(client, "x", "linkdir/draft.txt").status_code == 403
    listed = client.get("/api/files").json()["files"]
    assert "link.txt" not in listed and not any(f.startswith("linkdir/") for f in listed)
    assert "inside-link.txt" in listed  # a link that stays inside ROOT is fine
    assert client.get("/api/file", params={"path": "inside-link.txt"}).status_code == 200


def test_missing_and_unreadable_files(client, content):
    assert client.get("/api/file", params={"path": "nope.txt"}).status_code == 404
    assert client.get("/api/file", params={"path": "desk"}).status_code == 400
    assert client.get("/api/file").status_code == 400
    (content / "binary.txt").write_bytes(b"ab\x00cd")
    response = client.get("/api/file", params={"path": "binary.txt"})
    assert response.status_code == 400 and "binary" in response.json()["error"]


def test_page_and_assets_are_served_with_a_strict_policy(client):
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    policy = page.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy and "default-src 'none'" in policy
    assert page.headers["x-content-type-options"] == "nosniff"
    for asset in ("/static/app.js", "/static/app.css"):
        assert client.get(asset).status_code == 200
    # no external assets: the page works with no network
    for name in ("index.html", "app.js", "app.css"):
        text = (STATIC / name).read_text(encoding="utf-8")
        assert not re.search(r"(?:src|href)=[\"']?(?:https?:)?//", text), name
        assert "@import" not in text and "url(http" not in text


def test_the_page_never_turns_text_into_markup():
    """Article text reaches the DOM through textContent only: no HTML-parsing sinks in the script."""
    script = (STATIC / "app.js").read_text(encoding="utf-8")
    code = "\n".join(line for line in script.splitlines() if not line.lstrip().startswith("//"))
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function", "DOMParser", "createContextualFragment"):
        assert sink not in code, sink
    assert "textContent" in code
    index = (STATIC / "index.html").read_text(encoding="utf-8")
    assert not re.search(r"<script(?![^>]*\bsrc=)", index), "inline script"
    assert not re.search(r"<[^>]*\son[a-z]+\s*=", index), "inline event handler"


def test_hostile_text_comes_back_as_json_data(client):
    text = 'Headline\n\nAFP\n\n<script>alert(1)</script> <img src=x onerror="alert(2)"> seen by Reuters.\n'
    response = lint(client, text)
    assert response.headers["content-type"].startswith("application/json")
    assert response.json()["findings"]


def test_dns_rebinding_hosts_are_refused(content):
    app = serve.create_app(content)  # default: loopback names only
    with TestClient(app, base_url="http://evil.example") as c:
        assert c.get("/api/files").status_code == 400
    with TestClient(app, base_url="http://127.0.0.1:8765") as c:
        assert c.get("/api/info").status_code == 200
    assert serve.allowed_hosts_for("0.0.0.0") == ["*"]
    assert "127.0.0.1" in serve.allowed_hosts_for("127.0.0.1")


def test_command_line_start_up_does_not_import_the_web_stack():
    code = "import sys, lint.cli; print(sorted(m for m in ('starlette', 'uvicorn', 'lint.serve') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "[]"


def test_serve_without_the_extra_says_how_to_install_it(tmp_path):
    code = (
        "import sys; sys.modules['starlette'] = None; sys.modules['uvicorn'] = None\n"
        "from lint.cli import main; sys.exit(main(['serve', '--port', '0', '.']))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert out.returncode == 2
    # this checkout is installed from its folder (editable here, a plain install in .ci/run):
    # the command names that folder and this Python, not a package index (issue 16.9)
    assert f"{sys.executable} -m pip install" in out.stderr
    assert f"{ROOT}[serve]" in out.stderr and "'copydesk[serve]'" not in out.stderr
    assert "Traceback" not in out.stderr


def test_serve_command_prints_its_address_and_serves(content):
    process = subprocess.Popen(
        copydesk_command() + ["serve", "--port", "0", str(content)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
    )
    try:
        line = process.stdout.readline()
        match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        assert match, line + process.stderr.read() if process.poll() is not None else line
        url = match.group(0)
        request = urllib.request.Request(
            url + "api/lint",
            data=json.dumps({"text": SEED.read_text(encoding="utf-8"), "filename": "seed.txt"}).encode(),
            headers={"Content-Type": "application/json"},
        )
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(request, timeout=30) as response:
                    data = json.loads(response.read())
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        assert {f["rule"] for f in data["findings"]} >= {"credit-line.provenance", "page-furniture.scraped-boilerplate"}
        with urllib.request.urlopen(url, timeout=30) as response:
            assert b"copydesk" in response.read()
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    assert process.returncode in (0, -15)


def test_serve_reports_a_port_in_use(content):
    import socket

    holder = socket.socket()
    holder.bind(("127.0.0.1", 0))
    holder.listen()
    try:
        port = holder.getsockname()[1]
        result = run_cli("serve", "--port", port, content)
        assert result.returncode == 2
        assert b"cannot listen" in result.stderr
    finally:
        holder.close()


def test_serve_root_must_be_a_folder(tmp_path):
    result = run_cli("serve", "--port", "0", tmp_path / "nope")
    assert result.returncode == 2
    assert b"is not a folder" in result.stderr and b"Traceback" not in result.stderr


def test_a_bad_host_header_gets_a_json_400(content):
    """Issue 16.10: the DNS-rebinding refusal is a JSON error like every other one."""
    app = serve.create_app(content)
    with TestClient(app, base_url="http://evil.example:8765") as c:
        response = c.get("/api/info")
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("application/json")
    assert "evil.example:8765" in response.json()["error"] and "127.0.0.1" in response.json()["error"]
    assert response.headers["x-content-type-options"] == "nosniff"
    assert serve.host_name("[::1]:8765") == "[::1]" and serve.host_name("LocalHost:1") == "localhost"


def test_the_file_list_leaves_out_what_is_not_an_article(content):
    (content / "README.md").write_text("# The desk's repository\n", encoding="utf-8")
    (content / "LICENSE.txt").write_text("MIT\n", encoding="utf-8")
    app = serve.create_app(content, allowed_hosts=["testserver"])
    with TestClient(app) as c:
        files = c.get("/api/files").json()["files"]
    assert "seed.txt" in files and "README.md" not in files and "LICENSE.txt" not in files
