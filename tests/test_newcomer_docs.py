"""What a newsroom copies from the README works (issue 16.9) and the smaller rough edges of
issue 16.10: the pre-commit `rev` exists, the serve extra's install command fits the
installation, a repository's README is not an article, SARIF names the project and its rules
properly, front-matter errors point at the fault, and quotation messages do not repeat."""

import json
import re
import subprocess

import pytest

from conftest import ROOT, run_cli, write_file
from lint.commands import distribution
from lint.commands.distribution import requirement
from lint.formats import sarif

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _git(*args):
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True)


# --- 9. copy-paste docs ---------------------------------------------------------------------

def test_the_readme_revs_exist_and_carry_the_hooks():
    if _git("rev-parse", "--git-dir").returncode != 0:
        pytest.skip("not a git checkout")
    if not _git("tag", "--list").stdout.strip():
        pytest.skip("a checkout without tags (a shallow CI clone)")
    revs = set(re.findall(r"^\s+rev: (\S+)", README, re.M)) | set(re.findall(r"copydesk@(v[\w.]+)", README))
    assert revs, "the README names no rev"
    for rev in revs:
        assert _git("rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}").returncode == 0, f"{rev} does not exist"
        hooks = _git("show", f"{rev}:.pre-commit-hooks.yaml")
        assert hooks.returncode == 0 and "- id: copydesk\n" in hooks.stdout, rev
    assert "lightweight tags" in README  # the release tags are documented
    assert all(f"`{rev}` is the first release" in README.replace("\n", " ") for rev in revs if rev.startswith("v"))


@pytest.mark.parametrize("direct_url, checkout, expected", [
    (None, None, ["copydesk[serve]"]),
    ({"url": "https://github.com/acme/copydesk", "vcs_info": {"vcs": "git", "requested_revision": "v0.1.0", "commit_id": "ab12"}},
     None, ["copydesk[serve] @ git+https://github.com/acme/copydesk@v0.1.0"]),
    ({"url": "file:///srv/copydesk", "dir_info": {"editable": True}}, None, ["-e", "/srv/copydesk[serve]"]),
    ({"url": "file:///srv/copydesk", "dir_info": {}}, None, ["/srv/copydesk[serve]"]),
    (None, ROOT, ["-e", f"{ROOT}[serve]"]),
])
def test_serve_extra_install_command_follows_the_installation(direct_url, checkout, expected):
    assert requirement("serve", direct_url, checkout) == expected


def test_a_repository_readme_changelog_licence_and_github_are_not_articles(tmp_path):
    weasel = "Critics say it will fail.\n"
    for name in ("README.md", "CHANGELOG.md", "LICENSE.md", ".github/PULL_REQUEST_TEMPLATE.md", "desk/README.md", "desk/a.md"):
        write_file(tmp_path, name, weasel)
    walked = json.loads(run_cli("check", "--select", "attribution.weasel", "--format", "json", ".", cwd=tmp_path).stdout)
    assert walked["files"] == 1 and {f["path"] for f in walked["findings"]} == {"desk/a.md"}
    named = run_cli("check", "--select", "attribution.weasel", "--format", "json", "README.md", "desk/a.md", cwd=tmp_path)
    assert json.loads(named.stdout)["files"] == 1 and named.returncode == 1
    assert "README.md: not an article" in named.stderr.decode()
    write_file(tmp_path, ".copydesk.yaml", "not_articles: []\n")
    configured = json.loads(run_cli("check", "--select", "attribution.weasel", "--format", "json", ".", cwd=tmp_path).stdout)
    assert configured["files"] == 5  # .github/ is a hidden folder, never walked


# --- 10. smaller ------------------------------------------------------------------------------

def test_sarif_names_the_declared_project_url_and_rule_titles(tmp_path, monkeypatch):
    installed = "Metadata-Version: 2.1\nName: copydesk\nProject-URL: Repository, https://git.example.org/newsroom/copydesk\n\nREADME\n"

    article = write_file(tmp_path, "a.txt", "Talks\n\nBy Jane Doe, Reuters\n\nCritics say so.\n")
    payload = json.loads(run_cli("check", "--format", "sarif", "--select", "attribution.weasel", article).stdout)
    driver = payload["runs"][0]["tool"]["driver"]
    assert driver.get("informationUri") == sarif.information_uri()  # what pyproject declares, or none
    assert "github.com/copydesk/copydesk" not in json.dumps(driver)
    assert driver["rules"][0]["shortDescription"]["text"] == "Attribution: weasel"
    monkeypatch.setattr(distribution, "_dist_info_file", lambda name: installed if name == "METADATA" else None)
    assert sarif.information_uri() == "https://git.example.org/newsroom/copydesk"


def test_front_matter_error_points_at_the_unclosed_quote(tmp_path):
    article = write_file(tmp_path, "a.md", '---\ntitle: "Talks resume\nauthor: Jane Doe\n---\n\nTalks\n\nBy Jane Doe, Reuters\n\nText.\n')
    payload = json.loads(run_cli("check", "--select", "style.front-matter-syntax", "--format", "json", article).stdout)
    [finding] = payload["findings"]
    assert finding["line"] == 2
    assert "quoted value opened on this line is never closed" in finding["message"]


def test_quotation_messages_do_not_repeat_themselves(tmp_path):
    article = write_file(tmp_path, "a.md", "Talks\n\nBy Jane Doe, Reuters\n\nHe said: “The talks resumed on Monday.\n\nOfficials agreed.\n")
    payload = json.loads(run_cli("check", "--select", "quote-balance", "--format", "json", article).stdout)
    [finding] = payload["findings"]
    assert finding["rule"] == "quote-balance.unclosed"
    words = re.findall(r"\w+", finding["message"].lower())
    assert words.count("closed") + words.count("closing") <= 2 and words.count("never") == 1, finding["message"]
    assert finding["message"] == "Quotation never closed: add the closing mark for this “ where the speaker's words end"
