"""Credit-line rules through the CLI: where findings land, and house options."""

import json

from conftest import run_cli

STORY = "Talks resume in Geneva\n\nThe talks resumed on Monday, officials said.\n"


def _findings(tmp_path, text, config="", name="story.md"):
    (tmp_path / name).write_text(text, encoding="utf-8")
    if config:
        (tmp_path / ".copydesk.yaml").write_text(config, encoding="utf-8")
    result = run_cli("check", "--select", "credit-line", "--format", "json", name, cwd=tmp_path)
    return [(f["rule"], f["line"], f["column"]) for f in json.loads(result.stdout)["findings"]]


def test_no_credit_is_one_finding_at_line_1(tmp_path):
    assert _findings(tmp_path, STORY) == [("credit-line.missing", 1, 1)]


def test_front_matter_credit_counts_and_an_unaccepted_outlet_is_reported_at_its_field(tmp_path):
    text = "---\ntitle: Talks\ncredit: Reuters\n---\n" + STORY
    assert _findings(tmp_path, text) == []
    assert _findings(tmp_path, text, "house:\n  outlets: [AP]\n") == [("credit-line.unaccepted-outlet", 3, 1)]


def test_house_credit_fields_are_configurable(tmp_path):
    text = "---\nwire: AFP\n---\n" + STORY
    assert _findings(tmp_path, text) == [("credit-line.missing", 1, 1)]
    assert _findings(tmp_path, text, "house:\n  credit_fields: [wire]\n") == []
