"""GitHub Actions workflow commands: one annotation per finding on the pull request diff."""

from lint.formats.common import relative_path

LEVELS = {"error": "error", "warning": "warning", "suggestion": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(report, finding) -> str:
    path, _ = relative_path(report, finding.path)
    props = [("file", path), ("line", str(finding.line))]
    if finding.end_line == finding.line:
        # GitHub columns are inclusive; the finding's end column is exclusive.
        props += [("col", str(finding.column)), ("endLine", str(finding.end_line))]
        props += [("endColumn", str(max(finding.end_column - 1, finding.column)))]
    else:
        props += [("endLine", str(finding.end_line))]  # columns only apply on one line
    props.append(("title", f"copydesk {finding.rule}"))
    joined = ",".join(f"{key}={escape_property(value)}" for key, value in props)
    return f"::{LEVELS[finding.severity]} {joined}::{escape_data(finding.message)}"


def render(report) -> str:
    return "".join(annotation(report, finding) + "\n" for finding in report.findings)
