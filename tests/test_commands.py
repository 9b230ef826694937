"""The commands a newsroom uses to understand and extend copydesk (issue 16, points 5-7):
`copydesk test` on a house pack, kinds documented from their option schemas, `rules`,
`explain` and `config` showing the effective settings, and `explain` written for an editor."""

import re

from conftest import ROOT, SEED, run_cli, write_file
from lint.commands import kinds as kind_docs
from lint import kinds

HOUSE_RULE = """\
id: style.house-word
category: style
severity: warning
message: "Use 'use', not '{match}'"
description: House style prefers plain words; utilise reads as jargon in news copy.
kind: existence
options:
  terms: [utilise, utilised]
examples:
  fail: ["Police utilised tear gas.", "Officers utilise drones."]
  pass: ["Police used tear gas."]
"""


# --- 5. house packs -----------------------------------------------------------------------

def test_copydesk_test_names_each_broken_example_and_exits_1(tmp_path):
    broken = HOUSE_RULE.replace('"Officers utilise drones."', '"Officers deploy drones."').replace(
        '["Police used tear gas."]', '["Police used tear gas.", "They utilise it."]')
    write_file(tmp_path, "house/house-word.yaml", broken)
    result = run_cli("test", "house", cwd=tmp_path)
    out = result.stdout.decode()
    assert result.returncode == 1, out + result.stderr.decode()
    assert "house-word.yaml: style.house-word: examples.fail 2 is not flagged" in out
    assert "Officers deploy drones." in out
    assert "house-word.yaml: style.house-word: examples.pass 2 is flagged: line 1: Use 'use', not 'utilise'" in out
    assert out.rstrip().endswith("2 of 4 examples broken in 1 rule.")


def test_copydesk_test_passes_a_sound_pack_and_the_built_in_rules(tmp_path):
    write_file(tmp_path, "house/house-word.yaml", HOUSE_RULE)
    result = run_cli("test", "house", cwd=tmp_path)
    assert result.returncode == 0 and result.stdout.decode().strip() == "All 3 examples of 1 rule hold."
    everything = run_cli("test", cwd=tmp_path)
    assert everything.returncode == 0 and "examples of" in everything.stdout.decode()


def test_copydesk_test_of_a_pack_that_does_not_load_is_exit_2(tmp_path):
    write_file(tmp_path, "house/house-word.yaml", HOUSE_RULE.replace("kind: existence", "kind: existance"))
    result = run_cli("test", "house", cwd=tmp_path)
    assert result.returncode == 2 and "house-word.yaml:6" in result.stderr.decode()
    assert run_cli("test", "no-such-folder", cwd=tmp_path).returncode == 2


def test_every_kind_option_is_documented_once_and_explained():
    for name, module in kinds.KINDS.items():
        text = run_cli("explain", "--kind", name).stdout.decode()
        assert text.startswith(f"kind: {name}\n")
        for key, option in module.OPTIONS.items():
            assert option.help, f"{name}.{key} has no help"
            assert f"  {key}: " in text and option.help.split()[0] in text, (name, key)
    unknown = run_cli("explain", "--kind", "existance")
    assert unknown.returncode == 2 and "did you mean 'existence'" in unknown.stderr.decode()


def test_readme_kinds_table_is_generated_from_the_kinds():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert kind_docs.readme_table() in readme, "regenerate with `python -m lint.commands.kinds`"


def test_invalid_regex_error_shows_the_pattern_as_written(tmp_path):
    write_file(tmp_path, "rules/house.yaml", HOUSE_RULE.replace("terms: [utilise, utilised]", r"patterns: ['\butili[sz]e(']"))
    article = write_file(tmp_path, "a.txt", "Headline\n\nText.\n")
    err = run_cli("check", "--rules", "rules", article, cwd=tmp_path).stderr.decode()
    assert r"has an invalid regex `\butili[sz]e(`" in err, err
    assert "\\\\b" not in err


# --- 6. effective settings ----------------------------------------------------------------

CONFIG = "severity: {attribution.weasel: error}\nignore: [attribution.hedge]\n"


def test_rules_shows_the_folder_settings(tmp_path):
    write_file(tmp_path, ".copydesk.yaml", CONFIG)
    listing = run_cli("rules", cwd=tmp_path).stdout.decode()
    assert listing.splitlines()[0] == f"# settings: {tmp_path / '.copydesk.yaml'}"
    assert re.search(r"^attribution\.weasel +attribution +error +conditional +\(default warning\)$", listing, re.M)
    assert "attribution.hedge" not in listing
    everything = run_cli("rules", "--all", cwd=tmp_path).stdout.decode()
    assert re.search(r"^attribution\.hedge .*\(ignored \('ignore' in .*\.copydesk\.yaml\)\)$", everything, re.M)
    elsewhere = tmp_path.parent / f"{tmp_path.name}-other"
    elsewhere.mkdir()
    with_flag = run_cli("rules", "--config", tmp_path / ".copydesk.yaml", cwd=elsewhere).stdout.decode()
    assert "attribution.hedge" not in with_flag and re.search(r"^attribution\.weasel +attribution +error", with_flag, re.M)


def test_explain_shows_the_effective_severity_and_state(tmp_path):
    write_file(tmp_path, ".copydesk.yaml", CONFIG)
    weasel = run_cli("explain", "attribution.weasel", cwd=tmp_path).stdout.decode()
    assert f"Severity: error (set in {tmp_path / '.copydesk.yaml'}; default warning)" in weasel
    hedge = run_cli("explain", "attribution.hedge", cwd=tmp_path).stdout.decode()
    assert "Runs here: no, ignored ('ignore' in" in hedge


def test_config_prints_the_effective_configuration_for_a_file(tmp_path):
    import yaml

    write_file(tmp_path, ".copydesk.yaml", CONFIG + "exclude: ['archive/**']\n")
    article = write_file(tmp_path, "desk/a.md", "Headline\n")
    result = run_cli("config", article, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    data = yaml.safe_load(result.stdout)
    assert data["config_file"] == str(tmp_path / ".copydesk.yaml")
    assert data["severity"] == {"attribution.weasel": "error"} and data["fail_on"] == "warning"
    assert data["house"]["quote_style"] == "us" and data["linted"] == "yes"
    assert data["rules_that_run"]["attribution.weasel"] == "error"
    assert "attribution.hedge" not in data["rules_that_run"]
    assert data["rules_that_do_not_run"]["unsourced-claim.market-move"] == "off by default"
    archived = yaml.safe_load(run_cli("config", write_file(tmp_path, "archive/old.md", "x\n"), cwd=tmp_path).stdout)
    assert archived["linted"].startswith("no: matches 'exclude'")
    assert run_cli("config", tmp_path / "missing.md").returncode == 2


# --- 7. explain for an editor; fixable findings ---------------------------------------------

def test_explain_labels_examples_fix_and_suppression():
    text = run_cli("explain", "attribution.weasel").stdout.decode()
    assert text.startswith("attribution.weasel: Attribution: weasel\n")
    assert "Safe fix: no" in text
    assert re.search(r"^Flagged: \d+ examples?, each linted as a separate article\n  Example 1\n    \S", text, re.M)
    assert re.search(r"^Not flagged: \d+ examples?, each linted as a separate article\n  Example 1\n", text, re.M)
    assert "<!-- copydesk-disable-line attribution.weasel -->" in text
    assert "<!-- copydesk-disable-next-line attribution.weasel -->" in text
    assert "`ignore: [attribution.weasel]` in .copydesk.yaml" in text
    furniture = run_cli("explain", "page-furniture.scraped-boilerplate").stdout.decode()
    assert "Safe fix: yes: `copydesk check --fix`" in furniture


def test_explain_says_how_to_turn_on_a_rule_off_by_default():
    text = run_cli("explain", "unsourced-claim.market-move").stdout.decode()
    assert "Runs here: no, off by default" in text
    assert re.search(r"Turn it on in \.copydesk\.yaml: `select: \[.*unsourced-claim\.market-move\]`", text)
    assert "copydesk check --select " in text


def test_explain_unknown_rule_says_did_you_mean():
    result = run_cli("explain", "attribution.weasle")
    assert result.returncode == 2
    assert "no rule 'attribution.weasle'; did you mean 'attribution.weasel'" in result.stderr.decode()


def test_text_report_marks_fixable_findings_and_counts_them():
    lines = run_cli("check", SEED).stdout.decode().splitlines()
    assert lines[-1] == "1 fixable with --fix (marked [*])."
    furniture = next(line for line in lines if "page-furniture.scraped-boilerplate" in line)
    provenance = next(line for line in lines if "credit-line.provenance" in line)
    assert "scraped-boilerplate [*] Page furniture" in furniture
    assert "[*]" not in provenance
