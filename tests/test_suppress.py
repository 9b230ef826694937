"""Inline suppression comments (issue 16.2): same-line and next-line directives, and comments
that would fail silently (an unknown directive or rule id, a comment that suppresses nothing)
reported as findings."""

import json
import textwrap

from conftest import run_cli, write_file

HEAD = "Talks resume\n\nBy Jane Doe, Reuters\n\n"


def _findings(result) -> list[tuple]:
    return [(f["line"], f["column"], f["rule"], f["message"]) for f in json.loads(result.stdout)["findings"]]


def test_disable_line_covers_its_own_line_only(tmp_path):
    article = write_file(tmp_path, "a.md", HEAD + textwrap.dedent(
        """\
        Critics say one thing. <!-- copydesk-disable-line attribution.weasel -->

        Critics say two things.
        """
    ))
    result = run_cli("check", "--select", "attribution.weasel", "--format", "json", article)
    assert [(line, rule) for line, _, rule, _ in _findings(result)] == [(7, "attribution.weasel")]


def test_disable_next_line_and_a_reason_after_two_dashes(tmp_path):
    article = write_file(tmp_path, "a.txt", HEAD + textwrap.dedent(
        """\
        <!-- copydesk-disable-next-line attribution.weasel -- quoted from the ruling -->
        Critics say one thing.
        Critics say two things.
        """
    ))
    result = run_cli("check", "--select", "attribution.weasel", "--format", "json", article)
    assert [(line, rule) for line, _, rule, _ in _findings(result)] == [(7, "attribution.weasel")]


def test_misspelt_rule_id_is_a_finding_at_the_comment_with_a_suggestion(tmp_path):
    article = write_file(tmp_path, "a.md", HEAD + textwrap.dedent(
        """\
        <!-- copydesk-disable-next-line attribution.weasle -->
        Critics say one thing.
        """
    ))
    result = run_cli("check", "--select", "attribution.weasel", "--format", "json", article)
    found = _findings(result)
    assert (5, 33, "copydesk.bad-suppression",
            "'attribution.weasle' is not a rule id or category; did you mean 'attribution.weasel'?") in found
    assert any(rule == "attribution.weasel" and line == 6 for line, _, rule, _ in found)  # not suppressed
    payload = json.loads(result.stdout)["findings"]
    assert {f["severity"] for f in payload if f["rule"] == "copydesk.bad-suppression"} == {"warning"}
    assert result.returncode == 1


def test_unknown_directive_is_a_finding_and_never_a_whole_file_switch(tmp_path):
    article = write_file(tmp_path, "a.md", HEAD + textwrap.dedent(
        """\
        <!-- copydesk-disabel-line attribution.weasel -->
        Critics say one thing.

        Critics say two things.
        """
    ))
    found = _findings(run_cli("check", "--select", "attribution.weasel", "--format", "json", article))
    assert [(line, rule) for line, _, rule, _ in found] == [
        (5, "copydesk.bad-suppression"), (6, "attribution.weasel"), (8, "attribution.weasel")]
    assert "did you mean 'copydesk-disable-line'" in found[0][3]


def test_a_name_of_a_rule_not_selected_is_not_unknown(tmp_path):
    article = write_file(tmp_path, "a.md", HEAD + "<!-- copydesk-disable-line quote-balance -->\nCritics say so.\n")
    found = _findings(run_cli("check", "--select", "attribution.weasel", "--format", "json", article))
    assert [rule for _, _, rule, _ in found] == ["attribution.weasel"]


def test_bad_suppression_can_be_ignored(tmp_path):
    article = write_file(tmp_path, "a.md", HEAD + "<!-- copydesk-disable-line nonesuch -->\nThe talks resumed, officials said.\n")
    result = run_cli("check", "--ignore", "copydesk.bad-suppression", "--format", "json", article)
    assert [rule for _, _, rule, _ in _findings(result)] == []


def test_report_unused_suppressions(tmp_path):
    article = write_file(tmp_path, "a.md", HEAD + textwrap.dedent(
        """\
        <!-- copydesk-disable-next-line attribution.weasel -->
        Critics say one thing.

        <!-- copydesk-disable-next-line attribution.weasel, unsourced-claim -->
        The talks resumed on Monday, officials said.

        Critics say two things. <!-- copydesk-disable-line -->
        """
    ))
    quiet = run_cli("check", "--select", "attribution.weasel", "--format", "json", article)
    assert _findings(quiet) == []
    loud = run_cli("check", "--select", "attribution.weasel", "--report-unused-suppressions", "--format", "json", article)
    found = [(line, column, rule) for line, column, rule, _ in _findings(loud)]
    assert found == [(8, 33, "copydesk.unused-suppression"), (8, 53, "copydesk.unused-suppression")]
    messages = [message for *_, message in _findings(loud)]
    assert "has no finding to suppress" in messages[0] and "did not run" in messages[1]
    assert loud.returncode == 1
