"""The JSON contract other tools parse: keep its keys stable."""

import json

from lint import __version__


def render(report) -> str:
    payload = {
        "version": __version__,
        "files": report.files,
        "findings": [finding.as_dict() for finding in report.findings],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
