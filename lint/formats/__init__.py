"""Output formats: pure functions from a Report to the text written on standard output."""

from dataclasses import dataclass, field

from lint.finding import Finding


@dataclass(frozen=True)
class Report:
    """Everything a report format renders: findings, the lines they point at, and run metadata."""

    findings: list[Finding]
    files: int
    sources: dict = field(default_factory=dict)  # path -> list of lines, for the text format
    color: bool = False
    rules: tuple = ()  # the rules that ran (objects with id, category, severity, description, message)
    root: str = ""  # absolute folder that report paths are made relative to (git top level or cwd)
    cwd: str = ""  # absolute folder the finding paths are relative to
    not_checked: int = 0  # files that could not be linted (errors on standard error)
    errored: bool = False  # the run failed (exit 2): the summary never reads "No findings"


def render(name: str, report: Report) -> str:
    if name == "json":
        from lint.formats import json_format

        return json_format.render(report)
    if name == "github":
        from lint.formats import github

        return github.render(report)
    if name == "sarif":
        from lint.formats import sarif

        return sarif.render(report)
    if name == "rdjson":
        from lint.formats import rdjson

        return rdjson.render(report)
    if name == "gitlab":
        from lint.formats import gitlab

        return gitlab.render(report)
    if name == "statistics":
        from lint.formats import statistics

        return statistics.render(report)
    from lint.formats import text

    return text.render(report)


FORMATS = ("text", "json", "github", "sarif", "rdjson", "gitlab")
