"""Properties over generated articles: linting never raises, every finding lies inside the
file, output is sorted and the same on every run, and newline style never moves a finding.

Python API, as the console script uses it: Runner().lint_text(name, bytes, folder).
"""

import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lint.errors import InputError
from lint.formats import Report, render
from lint.runner import Runner

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FOLDER = Path(tempfile.mkdtemp(prefix="copydesk-properties-"))  # no config above it but /tmp's

TOKENS = [
    " ", " ", "\n", "\n\n", "\r\n", "\r", "\t", ".", ",", "!", "?", ":", ";", "-", "—",
    '"', "'", "“", "”", "‘", "’", "«", "»", "„", "‹", "›", "`", "```", "~~~", "*", "#", ">", "[", "]", "(", ")",
    "<!--", "-->", "<!-- copydesk-disable-next-line -->", "<!-- copydesk-disable quote-balance -->",
    "<!-- copydesk-enable -->", "<!-- copydesk-disable-file credit-line -->", "<b>", "</b>", "http://example.com/x",
    "![img](a.png)", "[link](http://x)", "---\n", "...\n",
    "said", "told reporters", "according to", "Reuters", "AP", "AFP", "By Jane Doe", "By", "Reporting by",
    "Editing by", "seen by Reuters", "told Reuters", "critics say", "some experts", "reportedly", "allegedly",
    "officials", "a senior official", "who spoke on condition of anonymity", "killed", "percent", "%", "2024",
    "6'3\"", "rock 'n' roll", "'90s", "GENEVA (Reuters) -", "Share this article", "Read more", "Sign up",
    "Advertisement", "© 2024", "Related:", "•", "1.", "@handle",
    "مرحبا", "שלום", "\u202e", "\u200f", "\u200b", "\u200d", "\ufeff", "\u00ad", "e\u0301", "👩🏽‍⚖️", "🇨🇭", "\u2028", "\x85",
    "\x0c", "\x0b", "Zürich", "日本語", "한국어",
]

chars = st.text(st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",)), max_size=4)  # a NUL makes it binary; lone surrogates are not text
text_strategy = st.lists(st.one_of(st.sampled_from(TOKENS), chars), max_size=80).map("".join)

scalar = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=20))
fm_value = st.recursive(scalar, lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)), max_leaves=8)
fm_field = st.sampled_from(["title", "byline", "author", "credit", "source", "tags", "date"]) | st.text(max_size=8)
fm_valid = st.dictionaries(fm_field, fm_value, max_size=5).map(lambda d: yaml.safe_dump(d, allow_unicode=True) if d else "")
fm_raw = st.lists(st.one_of(st.sampled_from(["title: x", "byline: By Jane Doe, Reuters", "tags: [a", "  - b", "k: &a v", "j: *a",
                                             "x: !!python/name:os.system", "- item", "{", "'", '"', ": :", "---", "..."]),
                            chars), max_size=6).map(lambda lines: "\n".join(lines) + "\n")
front_matter = st.one_of(fm_valid, fm_raw)


@st.composite
def articles(draw):
    body = draw(text_strategy)
    if draw(st.booleans()):
        closer = draw(st.sampled_from(["---", "...", "--- "]))
        body = "---\n" + draw(front_matter) + closer + "\n" + body
    return body


names = st.sampled_from(["story.txt", "story.md", "desk/story.markdown", "STORY.MD"])

RUNNER = Runner()
OTHER_RUNNER = Runner()  # a second, independent runner: same findings


def lint(name: str, raw: bytes, runner: Runner = RUNNER):
    doc, findings, notices = runner.lint_text(name, raw, FOLDER)
    return doc, findings, notices


def check_invariants(doc, findings, name: str) -> None:
    lines = doc.text.split("\n")
    assert lines == doc.lines
    for f in findings:
        assert f.path == name
        assert 1 <= f.line <= len(lines), f
        assert 1 <= f.column <= len(lines[f.line - 1]) + 1, f
        assert f.line <= f.end_line <= len(lines), f
        assert 1 <= f.end_column <= len(lines[f.end_line - 1]) + 1, f
        assert (f.end_line, f.end_column) >= (f.line, f.column), f
        assert "\n" not in f.message or f.rule == "style.front-matter-syntax", f
    assert findings == sorted(findings)
    assert len(set(findings)) == len(findings)
    for output in ("json", "text"):  # the formats are pure functions of the findings: never raise
        render(output, Report(findings, 1, {name: lines}))


@SETTINGS
@given(name=names, text=articles())
def test_arbitrary_articles_lint_without_error_inside_bounds_sorted_and_stable(name, text):
    doc, findings, notices = lint(name, text.encode())
    check_invariants(doc, findings, name)
    assert notices == []
    assert lint(name, text.encode())[1] == findings  # same runner, again
    assert lint(name, text.encode(), OTHER_RUNNER)[1] == findings  # independent runner


@SETTINGS
@given(name=names, text=articles())
def test_newline_style_never_moves_a_finding(name, text):
    lf = text.replace("\r\n", "\n").replace("\r", "\n")
    expected = lint(name, lf.encode())[1]
    for newline in ("\r\n", "\r"):
        assert lint(name, lf.replace("\n", newline).encode())[1] == expected, repr(newline)


@SETTINGS
@given(name=names, text=articles(), encoding=st.sampled_from(["utf-8-sig", "utf-16", "utf-16-le-bom", "utf-16-be-bom"]))
def test_bom_encodings_lint_like_utf8(name, text, encoding):
    # a text that itself starts with U+FEFF would lose it as a BOM on the plain UTF-8 side
    text = text.replace("\x00", "").lstrip("\ufeff")
    if encoding.endswith("-bom"):
        raw = ("\ufeff" + text).encode(encoding[:-4], "surrogatepass")
    else:
        raw = text.encode(encoding, "surrogatepass")
    try:
        expected = lint(name, text.encode("utf-8", "surrogatepass"))[1]
    except InputError:
        return  # lone surrogates are not valid UTF-8; nothing to compare with
    try:
        got = lint(name, raw)[1]
    except InputError as exc:
        assert "UTF-16" in str(exc)  # lone surrogates in UTF-16: a clean input error
        return
    assert got == expected


@SETTINGS
@given(name=names, raw=st.binary(max_size=300) | st.builds(lambda a, b: a.encode() + b, st.text(max_size=50), st.binary(max_size=8)))
def test_arbitrary_bytes_lint_or_fail_with_a_one_line_input_error(name, raw):
    try:
        doc, findings, _ = lint(name, raw)
    except InputError as exc:
        message = str(exc)
        assert message.startswith(f"{name}: ") and "\n" not in message
        assert any(words in message for words in ("invalid UTF-8 at byte offset", "binary file", "invalid UTF-16"))
        return
    check_invariants(doc, findings, name)
