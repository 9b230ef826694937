"""CI formats (github, sarif, rdjson, gitlab), --output and --statistics."""

import json
import os
import subprocess
from pathlib import Path

import jsonschema
import pytest

from conftest import ROOT, SEED, copydesk_command, run_cli
from lint.finding import Finding
from lint.formats import Report, render
from lint.formats.github import annotation

SCHEMA = Path(__file__).resolve().parent / "data" / "sarif-schema-2.1.0.json"
WEASEL = "Talks resume in Geneva\n\nBy Jane Doe, Reuters\n\nCritics say the talks will fail.\n"


def _in_actions(*args):
    """Run as a GitHub Actions step would (run_cli deliberately removes GITHUB_ACTIONS)."""
    env = {**os.environ, "NO_COLOR": "1", "GITHUB_ACTIONS": "true"}
    return subprocess.run(copydesk_command() + [str(a) for a in args], cwd=ROOT, env=env, capture_output=True, timeout=120)


def _finding(**changes):
    values = dict(
        path="desk/a.txt", line=3, column=2, end_line=3, end_column=9, rule="attribution.weasel",
        category="attribution", severity="warning", message="Who says?",
    )
    values.update(changes)
    return Finding(**values)


def _report(findings, sources=None, **kw):
    return Report(findings, 1, sources or {"desk/a.txt": ["a", "b", "Critics say so.", ""]}, root="/repo", cwd="/repo", **kw)


def test_github_annotation_escapes_data_and_properties():
    finding = _finding(path="desk/a,b:c%.txt", message="50% said\r\nno, really: yes")
    line = annotation(_report([finding]), finding)
    assert line == (
        "::warning file=desk/a%2Cb%3Ac%25.txt,line=3,col=2,endLine=3,endColumn=8,"
        "title=copydesk attribution.weasel::50%25 said%0D%0Ano, really: yes"
    )


def test_github_severity_mapping_and_multiline_spans():
    findings = [_finding(severity="error"), _finding(severity="suggestion", line=4, end_line=6, end_column=2)]
    lines = render("github", _report(findings)).splitlines()
    assert lines[0].startswith("::error file=desk/a.txt,line=3,col=2,")
    assert lines[1] == "::notice file=desk/a.txt,line=4,endLine=6,title=copydesk attribution.weasel::Who says?"


def test_github_format_on_the_seed_and_automatic_in_actions():
    explicit = run_cli("check", "--format", "github", SEED)
    automatic = _in_actions("check", SEED)
    lines = explicit.stdout.decode().splitlines()
    assert explicit.returncode == 1
    assert lines and all(line.startswith("::warning file=tests/fixtures/seed.txt,line=") for line in lines)
    assert any("title=copydesk page-furniture.scraped-boilerplate" in line for line in lines)
    assert automatic.stdout == explicit.stdout


def _sarif(*args, cwd=ROOT):
    result = run_cli("check", "--format", "sarif", *args, cwd=cwd)
    return result, json.loads(result.stdout)


def test_sarif_validates_against_the_official_schema():
    result, payload = _sarif(SEED)
    assert result.returncode == 1
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator.check_schema(schema)
    errors = sorted(jsonschema.Draft4Validator(schema).iter_errors(payload), key=str)
    assert not errors, errors[0]
    run = payload["runs"][0]
    rules = {rule["id"]: rule for rule in run["tool"]["driver"]["rules"]}
    assert run["results"]
    for res in run["results"]:
        assert run["tool"]["driver"]["rules"][res["ruleIndex"]]["id"] == res["ruleId"]
        rule = rules[res["ruleId"]]
        assert rule["fullDescription"]["text"] and rule["shortDescription"]["text"]
        assert rule["defaultConfiguration"]["level"] in ("error", "warning", "note")
        location = res["locations"][0]["physicalLocation"]
        assert location["artifactLocation"] == {"uri": "tests/fixtures/seed.txt", "uriBaseId": "%SRCROOT%"}
        region = location["region"]
        assert {"startLine", "startColumn", "endLine", "endColumn"} <= set(region)
        assert res["partialFingerprints"]["copydeskFindingHash/v1"]


def test_sarif_empty_run_validates(tmp_path):
    article = tmp_path / "clean.txt"
    article.write_text("Talks resume in Geneva\n\nBy Jane Doe, Reuters\n\nThe talks resumed on Monday, officials said.\n")
    _, payload = _sarif("--select", "attribution.weasel", article, cwd=tmp_path)
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(payload)
    assert payload["runs"][0]["results"] == []


def test_sarif_fingerprints_survive_line_shifts(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(WEASEL)
    _, before = _sarif("--select", "attribution.weasel", "a.txt", cwd=tmp_path)
    article.write_text(WEASEL.replace("Critics say", "Lead paragraph, officials said.\n\nCritics say"))
    _, after = _sarif("--select", "attribution.weasel", "a.txt", cwd=tmp_path)
    [old], [new] = before["runs"][0]["results"], after["runs"][0]["results"]
    old_region = old["locations"][0]["physicalLocation"]["region"]
    new_region = new["locations"][0]["physicalLocation"]["region"]
    assert new_region["startLine"] == old_region["startLine"] + 2
    assert old["partialFingerprints"] == new["partialFingerprints"]


def test_fingerprints_are_unique_for_repeats_on_identical_lines():
    sources = {"desk/a.txt": ["Critics say so.", "Critics say so."]}
    findings = [_finding(line=1, end_line=1), _finding(line=2, end_line=2)]
    gitlab = json.loads(render("gitlab", _report(findings, sources)))
    assert len({issue["fingerprint"] for issue in gitlab}) == 2


def test_rdjson_shape_utf8_columns_and_suggestions():
    sources = {"desk/a.txt": ["Héadline", "", "Share on Facebook", "", "Body text, officials said.", ""]}
    findings = [
        _finding(line=1, column=3, end_line=1, end_column=5),
        _finding(line=3, column=1, end_line=3, end_column=18, rule="page-furniture.scraped-boilerplate",
                 category="page-furniture", severity="error", fix=((3, 3),)),
    ]
    payload = json.loads(render("rdjson", _report(findings, sources)))
    assert payload["source"] == {"name": "copydesk"}
    assert payload["severity"] == "ERROR"
    first, second = payload["diagnostics"]
    assert first["location"] == {
        "path": "desk/a.txt",
        "range": {"start": {"line": 1, "column": 4}, "end": {"line": 1, "column": 6}},  # é is two bytes
    }
    assert first["code"] == {"value": "attribution.weasel"} and first["severity"] == "WARNING"
    assert "suggestions" not in first
    assert second["suggestions"] == [
        {"range": {"start": {"line": 3, "column": 1}, "end": {"line": 5, "column": 1}}, "text": ""}
    ]


def test_rdjson_and_gitlab_on_the_seed():
    rd = json.loads(run_cli("check", "--format", "rdjson", SEED).stdout)
    furniture = [d for d in rd["diagnostics"] if d["code"]["value"].startswith("page-furniture")]
    assert furniture and furniture[0]["suggestions"]
    gitlab = json.loads(run_cli("check", "--format", "gitlab", SEED).stdout)
    assert gitlab and len({issue["fingerprint"] for issue in gitlab}) == len(gitlab)
    for issue in gitlab:
        assert issue["severity"] in ("info", "minor", "major", "critical", "blocker")
        assert issue["location"]["path"] == "tests/fixtures/seed.txt"
        assert isinstance(issue["location"]["lines"]["begin"], int)
        assert issue["description"] and issue["check_name"]


@pytest.mark.parametrize("fmt", ["json", "sarif", "rdjson", "gitlab", "github"])
def test_output_file_gets_the_report_and_stdout_the_text_summary(tmp_path, fmt):
    target = tmp_path / f"report.{fmt}"
    result = run_cli("check", "--format", fmt, "--output", target, SEED)
    assert result.returncode == 1
    out = result.stdout.decode()
    assert out.rstrip().endswith("in 1 file.\n1 fixable with --fix (marked [*]).") and "seed.txt:15:1: warning page-furniture" in out
    written = target.read_text(encoding="utf-8")
    if fmt != "github":
        json.loads(written)
    assert "page-furniture.scraped-boilerplate" in written


def test_output_in_actions_annotates_on_stdout(tmp_path):
    target = tmp_path / "copydesk.sarif"
    result = _in_actions("check", "--format", "sarif", "--output", target, SEED)
    lines = result.stdout.decode().splitlines()
    assert lines[0].startswith("::warning file=tests/fixtures/seed.txt,")
    assert lines[-1] == "2 findings (2 warnings) in 1 file."
    assert json.loads(target.read_text())["version"] == "2.1.0"


def test_statistics(tmp_path):
    result = run_cli("check", "--statistics", SEED)
    out = result.stdout.decode().splitlines()
    assert "    1  page-furniture.scraped-boilerplate  warning" in out
    assert out[-1].split() == ["2", "total"]
    machine = run_cli("check", "--statistics", "--format", "json", SEED)
    json.loads(machine.stdout)  # statistics never break a machine format on stdout
    assert "total" in machine.stderr.decode()
