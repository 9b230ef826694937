"""SARIF 2.1.0, for GitHub code scanning and other static-analysis dashboards."""

import json
from urllib.parse import quote

from lint import __version__
from lint.commands.describe import rule_title, rule_title_of
from lint.formats.common import fingerprints, relative_path, rules_by_id

LEVELS = {"error": "error", "warning": "warning", "suggestion": "note"}
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
URL_LABELS = ("homepage", "repository", "source")  # [project.urls] keys, in order of preference


def information_uri() -> str | None:
    """The project's URL as declared in pyproject.toml's [project.urls] (installed metadata),
    or None: SARIF's informationUri is optional, and a made-up address is worse than none."""
    from lint.commands.distribution import project_urls

    urls = project_urls()
    return next((urls[label] for label in URL_LABELS if urls.get(label)), None)


def _file_uri(path: str) -> str:
    return "file://" + quote(path if path.startswith("/") else "/" + path)


def _descriptor(rule) -> dict:
    description = " ".join((rule.description or rule.message).split())
    return {
        "id": rule.id,
        "name": "".join(part.capitalize() for part in rule.id.replace(".", "-").split("-")),
        "shortDescription": {"text": rule_title(rule)},
        "fullDescription": {"text": description or rule.id},
        "help": {"text": f"{description}\n\nRun `copydesk explain {rule.id}` for examples."},
        "defaultConfiguration": {"level": LEVELS.get(rule.severity, "warning")},
        "properties": {"category": rule.category, "tags": [rule.category]},
    }


def _artifact(report, path: str) -> dict:
    relative, inside = relative_path(report, path)
    if inside:
        return {"uri": quote(relative), "uriBaseId": "%SRCROOT%"}
    if relative.startswith("/"):
        return {"uri": _file_uri(relative)}
    return {"uri": quote(relative)}


def build(report) -> dict:
    known = rules_by_id(report)
    ids = sorted(known.keys() | {f.rule for f in report.findings})
    index = {rule_id: i for i, rule_id in enumerate(ids)}
    descriptors = []
    for rule_id in ids:
        rule = known.get(rule_id)
        descriptors.append(_descriptor(rule) if rule else {"id": rule_id, "shortDescription": {"text": rule_title_of(rule_id)}})
    results = []
    for finding, fingerprint in zip(report.findings, fingerprints(report)):
        region = {
            "startLine": finding.line,
            "startColumn": finding.column,
            "endLine": max(finding.end_line, finding.line),
            "endColumn": max(finding.end_column, 1),
        }
        results.append(
            {
                "ruleId": finding.rule,
                "ruleIndex": index[finding.rule],
                "level": LEVELS[finding.severity],
                "message": {"text": finding.message},
                "locations": [
                    {"physicalLocation": {"artifactLocation": _artifact(report, finding.path), "region": region}}
                ],
                "partialFingerprints": {"copydeskFindingHash/v1": fingerprint},
            }
        )
    driver = {"name": "copydesk", "version": __version__, "semanticVersion": __version__}
    uri = information_uri()
    if uri:
        driver["informationUri"] = uri
    driver["rules"] = descriptors
    run = {
        "tool": {"driver": driver},
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    if report.root:
        run["originalUriBaseIds"] = {"%SRCROOT%": {"uri": _file_uri(report.root.rstrip("/") + "/")}}
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def render(report) -> str:
    return json.dumps(build(report), ensure_ascii=False, indent=2) + "\n"
