"""Inline suppression with HTML comments, invisible in rendered Markdown and honoured in .txt.

    <!-- copydesk-disable-next-line attribution.weasel -->   the next non-blank line
    <!-- copydesk-disable quote-balance --> ... <!-- copydesk-enable quote-balance -->
    <!-- copydesk-disable-file page-furniture -->             the whole file
Targets are rule ids or categories, separated by spaces or commas; none means every rule.
"""

import re
from dataclasses import dataclass

_DIRECTIVE = re.compile(
    r"<!--\s*copydesk-(disable-next-line|disable-file|disable|enable)\b([^>]*?)\s*-->"
)
ALL = "*"


@dataclass
class Suppressions:
    file: set
    lines: dict  # line -> set of targets

    def covers(self, line: int, rule: str, category: str) -> bool:
        for targets in (self.file, self.lines.get(line, ())):
            if ALL in targets or rule in targets or category in targets:
                return True
        return False


def _targets(raw: str) -> set:
    names = {name for name in re.split(r"[\s,]+", raw.strip()) if name}
    return names or {ALL}


def parse(doc) -> Suppressions:
    found = Suppressions(set(), {})
    if "copydesk-" not in doc.text:
        return found
    open_ranges: dict[str, int] = {}
    last_line = len(doc.lines)
    for match in _DIRECTIVE.finditer(doc.text):
        action, targets = match.group(1), _targets(match.group(2))
        line = doc.line_of(match.end() - 1)
        if action == "disable-file":
            found.file |= targets
        elif action == "disable-next-line":
            following = line + 1
            while following <= last_line and not doc.lines[following - 1].strip():
                following += 1
            found.lines.setdefault(following, set()).update(targets)
        elif action == "disable":
            for target in targets:
                open_ranges.setdefault(target, line)
        else:
            for target in targets:
                closing = [t for t in open_ranges if target in (ALL, t)]
                for name in closing:
                    _mark(found, open_ranges.pop(name), line, name)
    for name, start in open_ranges.items():
        _mark(found, start, last_line, name)
    return found


def _mark(found: Suppressions, first: int, last: int, target: str) -> None:
    for line in range(first, last + 1):
        found.lines.setdefault(line, set()).add(target)
