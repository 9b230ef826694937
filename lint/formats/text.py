"""The format a reporter reads in a terminal: location, rule, message, the line and a caret."""

from collections import Counter

_COLORS = {"error": "\033[31m", "warning": "\033[33m", "suggestion": "\033[36m"}
_BOLD, _DIM, _RESET = "\033[1m", "\033[2m", "\033[0m"
FIXABLE_MARK = "[*]"  # before the message of a finding `--fix` can fix (as ruff marks them)


def _paint(text: str, code: str, color: bool) -> str:
    return f"{code}{text}{_RESET}" if color else text


def _caret(finding, line: str) -> str:
    start = finding.column - 1
    end = finding.end_column - 1 if finding.end_line == finding.line else len(line)
    width = max(end - start, 1)
    prefix = "".join(ch if ch == "\t" else " " for ch in line[:start])
    return prefix + "^" * width


def summary(report) -> str:
    files = f"{report.files} file" + ("" if report.files == 1 else "s")
    if not report.findings:
        return f"No findings in {files}."
    counts = Counter(f.severity for f in report.findings)
    parts = [f"{counts[s]} {s}" + ("" if counts[s] == 1 else "s") for s in ("error", "warning", "suggestion") if counts[s]]
    total = len(report.findings)
    return f"{total} finding{'' if total == 1 else 's'} ({', '.join(parts)}) in {files}."


def render(report) -> str:
    out = []
    color = report.color
    for f in report.findings:
        where = _paint(f"{f.path}:{f.line}:{f.column}:", _BOLD, color)
        severity = _paint(f.severity, _COLORS[f.severity], color)
        marker = f" {FIXABLE_MARK}" if f.fix else ""
        out.append(f"{where} {severity} {f.rule}{marker} {f.message}")
        lines = report.sources.get(f.path)
        if lines and 0 < f.line <= len(lines) and lines[f.line - 1].strip():
            source = lines[f.line - 1].rstrip("\n")
            out.append("  " + source)
            out.append("  " + _paint(_caret(f, source), _COLORS[f.severity], color))
    out.append(summary(report))
    fixable = sum(1 for f in report.findings if f.fix)
    if fixable:
        out.append(f"{fixable} fixable with --fix (marked {FIXABLE_MARK}).")
    return "\n".join(out) + "\n"
