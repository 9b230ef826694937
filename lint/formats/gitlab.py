"""GitLab Code Quality report: a JSON array of issues for the merge-request widget."""

import json

from lint.formats.common import fingerprints, relative_path

SEVERITIES = {"error": "critical", "warning": "major", "suggestion": "info"}


def build(report) -> list:
    issues = []
    for finding, fingerprint in zip(report.findings, fingerprints(report)):
        path, _ = relative_path(report, finding.path)
        issues.append(
            {
                "type": "issue",
                "description": f"{finding.rule}: {finding.message}",
                "check_name": finding.rule,
                "categories": ["Style"],
                "fingerprint": fingerprint,
                "severity": SEVERITIES[finding.severity],
                "location": {
                    "path": path,
                    "lines": {"begin": finding.line, "end": max(finding.end_line, finding.line)},
                },
            }
        )
    return issues


def render(report) -> str:
    return json.dumps(build(report), ensure_ascii=False, indent=2) + "\n"
