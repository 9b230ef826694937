"""reviewdog's Diagnostic Format (rdjson), with suggestions where a safe fix exists."""

import json

from lint import fix as fixes
from lint.formats.common import relative_path, utf8_column

SEVERITIES = {"error": "ERROR", "warning": "WARNING", "suggestion": "INFO"}


def _position(report, path, line, column) -> dict:
    # rdjson columns are 1-based UTF-8 byte offsets
    return {"line": line, "column": utf8_column(report, path, line, column)}


def _suggestions(report, finding) -> list:
    lines = report.sources.get(finding.path)
    if not finding.fix or not lines:
        return []
    removed = fixes.removal_lines(lines, finding.fix)
    out = []
    for first, last in fixes.runs(removed):
        if last < len(lines):
            start, end = (first, 1), (last + 1, 1)
        elif first > 1:  # the block ends a file without a final newline: take the newline before it
            start, end = (first - 1, len(lines[first - 2]) + 1), (last, len(lines[last - 1]) + 1)
        else:
            start, end = (first, 1), (last, len(lines[last - 1]) + 1)
        out.append(
            {
                "range": {
                    "start": _position(report, finding.path, *start),
                    "end": _position(report, finding.path, *end),
                },
                "text": "",
            }
        )
    return out


def build(report) -> dict:
    diagnostics = []
    for finding in report.findings:
        path, _ = relative_path(report, finding.path)
        diagnostic = {
            "message": finding.message,
            "location": {
                "path": path,
                "range": {
                    "start": _position(report, finding.path, finding.line, finding.column),
                    "end": _position(report, finding.path, finding.end_line, finding.end_column),
                },
            },
            "severity": SEVERITIES[finding.severity],
            "code": {"value": finding.rule},
        }
        suggestions = _suggestions(report, finding)
        if suggestions:
            diagnostic["suggestions"] = suggestions
        diagnostics.append(diagnostic)
    present = {f.severity for f in report.findings}
    worst = next((SEVERITIES[s] for s in ("error", "warning", "suggestion") if s in present), "INFO")
    return {"source": {"name": "copydesk"}, "severity": worst, "diagnostics": diagnostics}


def render(report) -> str:
    return json.dumps(build(report), ensure_ascii=False, indent=2) + "\n"
