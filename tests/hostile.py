"""Generators of hostile and odd input for copydesk, shared by the generated-input tests
(tests/test_reliability_generated.py, driven by hypothesis through `st.randoms()`) and the
long run (bench/hostile_inputs.py, driven by `random.Random(seed)`).

Every generator takes a `random.Random` and returns what to write: articles (text with odd
characters, newlines, Markdown, furniture, quotes), front matter with values YAML cannot build,
configs and rule files with wrong or hostile values, and filesystem oddities. All text here is
invented for the tests.
"""

import json
import os
import random
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

from lint.files import walk

SENTENCES = [
    "The talks resumed on Monday in Geneva, officials said.",
    "Critics say the plan will fail.",
    "Some experts believe it could cost 3 billion dollars.",
    "Shares fell 5% after the announcement, traders said.",
    "\u201cWe are not there yet,\u201d the minister told reporters.",
    "A senior official, who spoke on condition of anonymity, said the text was still being drafted.",
    "According to a document seen by Reuters, the deal would cut tariffs by 40 percent.",
    "She said: \u201cThe ministers will meet again \u2018as soon as possible\u2019.\u201d",
    "\u201cUnclosed quotation that runs on, he said.",
    "Police claimed the crowd was peaceful.",
    "The council will meet again next week.",
    "12 people were killed in the storm, the highest ever recorded in the region.",
]
FURNITURE = [
    "Share this article", "Advertisement", "Sign up for our newsletter", "Read more:",
    "Follow us on Twitter", "Most read", "Related:", "Skip to main content", "Accept cookies",
    "\u00a9 2024 Example News. All rights reserved.", "Key changes:", "@examplenews",
]
TEASERS = ["* [Universities review collections](https://example.com/1)", "1. Storm warning issued for the coast",
           "- Council tax to rise by five percent", "* Auction house withdraws disputed masks"]
CREDITS = ["By Jane Doe, Reuters", "By Sam Whitfield", "GENEVA (AP) \u2014", "Reporting by Jane Doe; Editing by John Smith",
           "AFP", "By \u0416\u0430\u043d\u043d\u0430 \u0414\u043e\u0443"]
# Characters that are a line break to someone: Python's str.splitlines, Unicode, or git.
ODD = ["\u2028", "\u2029", "\x0c", "\x0b", "\x85", "\x1c", "\x1d", "\x1e", "\r", "\u200b", "\u200d", "\ufeff",
       "\u202e", "\u0301", "\U0001F600", "\t", "\x01", "\x7f", "\u00ad", "\ufffd", "\U0010FFFF"]
MARKUP = ["```", "~~~", "<!--", "-->", "# ", "> ", "`", "![img](x.png)", "[link](http://x/(y))", "<b>", "</b>",
          "<!-- copydesk-disable attribution -->", "<!-- copydesk-disable-next-line attribution.weasel -->",
          "<!-- copydesk-enable -->", "<!-- copydesk-disable-file page-furniture -->", "[ref]: http://x"]
QUOTES = list("\"'\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e\u201a\u2039\u203a")

# Front-matter and config values PyYAML's safe loader cannot build, or that are the wrong type.
HOSTILE_VALUES = [
    "2024-13-45", "!!int 1.5", "!!map [a]", "!!timestamp 'not a date'", "1" * 5000, "!!float abc",
    "!!bool maybe", "!!binary 3", "!!set [a]", "!!omap {a: 1}", "!!python/name:os.system ''", "2024-02-30",
    "[unclosed", "{a: [b", "'unclosed", "&a [*a]", "*undefined", "!!str [a]", "!!null abc", ".nan", "-.inf",
    "1e999999", "0x", "0o9", "~", "[]", "{}", "[[[[[[[[[[[[]]]]]]]]]]]]", "2024-01-01T25:00:00", "\"\\x00\"",
    "!!timestamp 2024-01-01", "? [a]\n  : b", "|\n  block\n  text", ">-\n  folded", "!custom tag",
    "\"\\uD800\"", "Jane Doe, Reuters", "[Jane, Doe]", "{name: Jane}", "12", "true", "null", "2024-05-01",
]
FIELDS = ["title", "byline", "credit", "author", "source", "date", "tags", "x", "2024-01-01", "'quoted key'"]


def pick(rng: random.Random, items: list):
    return items[rng.randrange(len(items))]


def _sentence(rng: random.Random) -> str:
    text = pick(rng, SENTENCES)
    for _ in range(rng.choice([0, 0, 0, 1, 2, 4])):
        where = rng.randrange(len(text) + 1)
        insert = pick(rng, ODD + MARKUP + QUOTES) if rng.random() < 0.8 else pick(rng, FURNITURE)
        text = text[:where] + insert + text[where:]
    return text


def _paragraph(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.15:
        return pick(rng, FURNITURE)
    if roll < 0.22:
        return "\n".join([pick(rng, FURNITURE)] + [pick(rng, TEASERS) for _ in range(rng.randint(1, 4))])
    if roll < 0.27:
        return pick(rng, MARKUP) + "\n" + _sentence(rng)
    if roll < 0.30:
        return " ".join(pick(rng, SENTENCES) for _ in range(rng.randint(20, 60)))  # a long line
    return " ".join(_sentence(rng) for _ in range(rng.randint(1, 4)))


def front_matter(rng: random.Random) -> str:
    """A front-matter block: ordinary fields and hostile values, sometimes unclosed or not a mapping."""
    lines = []
    for _ in range(rng.randint(1, 4)):
        value = pick(rng, HOSTILE_VALUES)
        lines.append(f"{pick(rng, FIELDS)}: {value}")
    if rng.random() < 0.1:
        lines = ["- a list", "- not a mapping"]
    closing = pick(rng, ["---", "---", "...", "--- ", ""])
    return "---\n" + "\n".join(lines) + "\n" + closing + "\n"


def article(rng: random.Random) -> str:
    """An article: maybe front matter, a headline, maybe a credit, paragraphs with furniture,
    odd characters, Markdown and quotation marks; sometimes empty or only blank lines."""
    if rng.random() < 0.03:
        return pick(rng, ["", "\n\n\n", " ", "---\n---\n", "\ufeff", "Headline only"])
    parts = []
    if rng.random() < 0.3:
        parts.append(front_matter(rng).rstrip("\n"))
    if rng.random() < 0.2:
        parts += [pick(rng, FURNITURE) for _ in range(rng.randint(1, 3))]
    parts.append(pick(rng, ["Talks resume in Geneva", "Museum returns statues", "Storm hits coast", "# Council votes"]))
    if rng.random() < 0.6:
        parts.append(pick(rng, CREDITS))
    parts += [_paragraph(rng) for _ in range(rng.randint(1, 8))]
    text = "\n\n".join(parts) + pick(rng, ["\n", "\n", "", "\n\n\n", " "])
    newline = rng.random()
    if newline < 0.1:
        text = text.replace("\n", "\r\n")
    elif newline < 0.13:
        text = text.replace("\n", "\r")
    elif newline < 0.18:
        text = "".join(ch + ("\r" if ch == "\n" and rng.random() < 0.3 else "") for ch in text)
    return text


def encode(rng: random.Random, text: str) -> bytes:
    """The article's bytes: mostly UTF-8, sometimes with a BOM, UTF-16, or broken."""
    roll = rng.random()
    raw = text.encode("utf-8", "surrogatepass")
    if roll < 0.05:
        return b"\xef\xbb\xbf" + raw
    if roll < 0.07:
        return "\ufeff".encode("utf-16-le") + text.encode("utf-16-le", "surrogatepass")
    if roll < 0.08:
        return raw[: max(len(raw) - 1, 0)] + b"\xe9"  # invalid UTF-8
    if roll < 0.085:
        return raw + b"\x00binary"
    return raw


CONFIG_VALUES = {
    "select": ["[attribution, credit-line]", "[2024-02-30]", "[no-such-rule]", "attribution", "[1, null]", "[]"],
    "ignore": ["[attribution.loaded-verb]", "[2024-01-01]", "{a: b}", "[page-furniture]"],
    "severity": ["{unsourced-claim: suggestion}", "{credit-line.missing: fatal}", "[a]", "{attribution: !!int 1.5}"],
    "exclude": ["['archive/**']", "['[z-a]']", "['!']", "['\\\\']", "[1]", "['[[:alpha:]]']"],
    "fail_on": ["warning", "error", "!!float abc", "bogus", "suggestion"],
    "house": ["{quote_style: uk}", "{quote_style: 2024-01-01}", "{outlets: [AP, Reuters]}", "{outlets: [1]}",
              "{credit_fields: [byline, 2024-13-45]}", "{bogus: 1}", "[a]"],
    "options": ["{unsourced-claim.statistic: {window: [sentence]}}", "{attribution.weasel: {terms: [2024-01-01]}}",
                "{no.such: {}}", "{attribution.weasel: 3}"],
    "rules": ["[missing-folder]", "[.]", "[2024-01-01]"],
    "bogus": ["1"],
}


def config(rng: random.Random) -> str:
    """A .copydesk.yaml: a few keys with good, wrong-type and unbuildable values."""
    keys = rng.sample(sorted(CONFIG_VALUES), rng.randint(0, 3))
    if rng.random() < 0.05:
        return pick(rng, ["- not a mapping\n", "a: [unclosed\n", "\x00\n", "select: &a [*a]\n", ""])
    return "".join(f"{key}: {pick(rng, CONFIG_VALUES[key])}\n" for key in keys)


RULE = {
    "id": "style.generated-probe",
    "category": "style",
    "severity": "warning",
    "message": "'Probe {match}'",
    "description": "A generated rule.",
    "kind": "existence",
    "options": "{terms: [utilise, talks resumed]}",
    "examples": "{fail: ['We utilise it.'], pass: ['We use it.']}",
}
RULE_MUTATIONS = {
    "id": ["style.Bad_ID", "other.generated-probe", "2024-13-45", "[a]", "style.generated-probe\x00"],
    "category": ["styles", "!!int 1.5", "[style]"],
    "severity": ["fatal", "2024-01-01", "~"],
    "message": ["'{match.__class__}'", "'{match!r}'", "'{nope}'", "'{'", "\"bad\\0word\"", "'{match:>99999}'"],
    "description": ["2024-13-45", "!!binary 3", "|\n  multi\n  line", "[a]"],
    "kind": ["nope", "existence\x01", "furniture", "credit", "[existence]"],
    "options": ["{terms: ['(']}", "{terms: [2024-01-01]}", "{patterns: ['(a']}", "{patterns: ['(?<=a+)b']}",
                "{bogus: 1}", "[terms]", "{terms: []}", "{patterns: ['\\\\']}"],
    "examples": ["{fail: [1]}", "[a]", "{fail: [{text: 1}]}", "{pass: ['We utilise it.']}"],
    "enabled": ["maybe", "!!bool yes", "false"],
}


def rule_file(rng: random.Random) -> str:
    """A rule file: the probe rule with one to three fields made hostile."""
    fields = dict(RULE)
    for key in rng.sample(sorted(RULE_MUTATIONS), rng.randint(1, 3)):
        fields[key] = pick(rng, RULE_MUTATIONS[key])
    text = "".join(f"{key}: {value}\n" for key, value in fields.items())
    if rng.random() < 0.05:
        text = text.replace("\n", "\n  ", 1)  # broken indentation
    return text


ODDITIES = ["fifo", "dev-zero", "dangling", "loop", "outside", "folder-named-article", "hard-link", "read-only",
            "empty", "sparse-huge", "odd-name", "gitignore", "hidden", "dev-null", "socket"]


def oddity(rng: random.Random, folder: Path, index: int) -> str:
    """Make one filesystem oddity in `folder` (named after `index`); returns its kind."""
    kind = pick(rng, ODDITIES)
    path = folder / f"odd{index}.txt"
    if kind == "fifo" and hasattr(os, "mkfifo"):
        os.mkfifo(path)
    elif kind == "dev-zero":
        path.symlink_to("/dev/zero")
    elif kind == "dev-null":
        path.symlink_to("/dev/null")
    elif kind == "dangling":
        path.symlink_to(folder / f"missing{index}.txt")
    elif kind == "loop":
        (folder / f"loop{index}").symlink_to(folder, target_is_directory=True)
    elif kind == "outside":
        target = folder.parent / f"outside{index}.txt"
        target.write_bytes(encode(rng, article(rng)).replace(b"\x00", b""))
        path.symlink_to(target)
    elif kind == "folder-named-article":
        path.mkdir()
        (path / "inner.md").write_text(article(rng), encoding="utf-8", errors="surrogatepass")
    elif kind == "hard-link":
        path.write_text(article(rng), encoding="utf-8", errors="surrogatepass")
        os.link(path, folder / f"odd{index}-link.txt")
    elif kind == "read-only":
        path.write_text(article(rng), encoding="utf-8", errors="surrogatepass")
        path.chmod(0o444)
    elif kind == "empty":
        path.write_bytes(b"")
    elif kind == "sparse-huge":
        with open(path, "wb") as handle:
            handle.truncate(257 * 1024 * 1024)
    elif kind == "odd-name":
        name = pick(rng, ["new\nline", "quote\"s", "back\\slash", "-dash", "sp ace", "\u00e9t\u00e9", "tab\there"])
        (folder / f"{name}{index}.md").write_text(article(rng), encoding="utf-8", errors="surrogatepass")
    elif kind == "gitignore":
        (folder / ".gitignore").write_text(pick(rng, ["[z-a]\n", "!\n", "\\\n", "*.log\n[[:alpha:]]\n"]), encoding="utf-8")
    elif kind == "hidden":
        (folder / f".hidden{index}").mkdir()
        (folder / f".hidden{index}" / "a.txt").write_text("x", encoding="utf-8")
    elif kind == "socket":
        import socket

        sock = socket.socket(socket.AF_UNIX)
        try:
            sock.bind(str(path))
        except OSError:
            kind = "socket-unsupported"
        finally:
            sock.close()
    return kind


# ---------------------------------------------------------------- folders through the console script

SUMMARY = re.compile(r"(?:(\d+) findings?|No findings|0 findings)(?: \([^)]*\))? in (\d+) files?|(\d+) files? not checked")


def copydesk() -> list[str]:
    script = Path(sys.executable).parent / "copydesk"
    return [str(script)] if script.exists() else [sys.executable, "-m", "lint"]


class Tally:
    """What the run found, by check."""

    def __init__(self):
        self.inputs = Counter()
        self.problems = Counter()
        self.examples: dict[str, list] = {}
        self.runs = 0

    def fail(self, check: str, example) -> None:
        self.problems[check] += 1
        self.examples.setdefault(check, [])
        if len(self.examples[check]) < 5:
            self.examples[check].append(example)


def build(folder: Path, seed: int, size: int, tally: Tally | None) -> dict:
    """A folder of `size` inputs from `seed`: articles, config subfolders and oddities.
    The same seed builds the same folder (the check, fix and diff copies). Returns
    {relative path: oddity kind} for the oddities."""
    rng = random.Random(seed)
    folder.mkdir(parents=True)
    desks = [folder] + [folder / f"desk{n}" for n in range(rng.randint(1, 4))]
    for desk in desks[1:]:
        desk.mkdir()
        (desk / ".copydesk.yaml").write_text(config(rng), encoding="utf-8", errors="surrogatepass")
        if tally:
            tally.inputs["configs"] += 1
    odd = {}
    for index in range(size):
        desk = pick(rng, desks)
        roll = rng.random()
        if roll < 0.04:
            odd[str((desk / f"odd{index}.txt").relative_to(folder))] = oddity(rng, desk, index)
            kind = "filesystem oddities"
        else:
            suffix = pick(rng, [".txt", ".md", ".md", ".markdown"])
            (desk / f"a{index}{suffix}").write_bytes(encode(rng, article(rng)))
            kind = "articles"
        if tally:
            tally.inputs[kind] += 1
    return odd


def run(args: list, cwd: Path, timeout: float, tally: Tally, what: str):
    """Run the console script; None when it hung (killed after `timeout`)."""
    tally.runs += 1
    try:
        result = subprocess.run(copydesk() + args, cwd=cwd, capture_output=True, timeout=timeout,
                                env={**os.environ, "NO_COLOR": "1"})
    except subprocess.TimeoutExpired:
        tally.fail("hangs", f"{what}: {' '.join(args)} in {cwd}")
        return None
    err = result.stderr.decode("utf-8", "replace")
    if "Traceback" in err or "internal error" in err:
        tally.fail("tracebacks", f"{what} in {cwd}: {err[-600:]}")
    if result.returncode not in (0, 1, 2):
        tally.fail("exit codes", f"{what} in {cwd}: exit {result.returncode}")
    return result


def check_reports(folder: Path, timeout: float, tally: Tally, jobs: bool) -> None:
    """Every article file is reported: checked, not checked, or skipped with a notice."""
    expected = len(walk(folder))
    result = run(["check", "--no-cache", "."], folder, timeout, tally, "check")
    if result is None:
        return
    out = result.stdout.decode("utf-8", "replace").splitlines()
    summary = next((line for line in reversed(out) if "fixable with --fix" not in line), "")
    checked = not_checked = 0
    for match in SUMMARY.finditer(summary):
        if match.group(2):
            checked = int(match.group(2))
        if match.group(3):
            not_checked = int(match.group(3))
    skipped = sum(line.endswith("(skipped)") for line in result.stderr.decode("utf-8", "replace").splitlines())
    if checked + not_checked + skipped != expected:
        tally.fail("files without a report", f"{folder}: {checked} checked + {not_checked} not + {skipped} skipped "
                                             f"!= {expected} files; summary {summary!r}")
    if result.returncode == 2 and summary.startswith("No findings"):
        tally.fail("'No findings' on exit 2", f"{folder}: {summary}")
    if jobs:
        parallel = run(["check", "--no-cache", "--format", "json", "--jobs", "2", "."], folder, timeout, tally, "jobs")
        if parallel is not None and parallel.returncode != result.returncode:
            tally.fail("--jobs differs", f"{folder}: exit {parallel.returncode} with --jobs 2, {result.returncode} without")
        elif parallel is not None and json.loads(parallel.stdout)["files"] != checked:
            tally.fail("--jobs differs", f"{folder}: --jobs 2 checked {json.loads(parallel.stdout)['files']}, serial {checked}")


def snapshot(folder: Path) -> dict:
    """Bytes of every regular file (not through links), by relative path."""
    found = {}
    for top, dirs, files in os.walk(folder):
        for name in files:
            path = Path(top) / name
            if path.is_file() and not path.is_symlink() and path.stat().st_size < 64 * 1024 * 1024:
                found[str(path.relative_to(folder))] = path.read_bytes()
    return found


def check_fixes(fixed: Path, patched: Path, odd: dict, timeout: float, tally: Tally) -> None:
    """--fix twice equals once; the --diff patch applies and does what --fix did."""
    before = snapshot(fixed)
    if run(["check", "--no-cache", "--fix", "."], fixed, timeout, tally, "fix") is None:
        return
    once = snapshot(fixed)
    if run(["check", "--no-cache", "--fix", "."], fixed, timeout, tally, "fix again") is None:
        return
    twice = snapshot(fixed)
    for name in sorted(once):
        if twice.get(name) != once[name]:
            tally.fail("--fix twice differs from once", f"{fixed / name}")
    patch = run(["check", "--no-cache", "--diff", "."], patched, timeout, tally, "diff")
    if patch is None or not patch.stdout:
        return
    tally.inputs["patches"] += 1
    applied = subprocess.run(["git", "apply", "-"], input=patch.stdout, cwd=patched, capture_output=True)
    if applied.returncode != 0:
        tally.fail("patches git apply refuses", f"{patched}: {applied.stderr.decode()[:300]}")
        return
    result = snapshot(patched)
    for name in sorted(once):
        utf16 = before.get(name, b"").startswith((b"\xff\xfe", b"\xfe\xff"))  # --diff shows no patch for it
        if once[name] != before.get(name) and result.get(name) != once[name] and name not in odd and not utf16:
            tally.fail("patch differs from --fix", f"{patched / name}")
