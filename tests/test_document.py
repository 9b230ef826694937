"""The document model: decoding, newlines, front matter, Markdown masking, blocks, positions."""

import pytest

from lint.newsroom.document import Document, decode
from lint.errors import InputError


def test_bom_and_crlf_keep_line_numbers_exact():
    text, bom = decode("\ufeffTitle\r\n\r\nBody line.\r\nSecond\r".encode("utf-8"), "a.txt")
    doc = Document("a.txt", text)
    assert bom
    assert doc.lines == ["Title", "", "Body line.", "Second", ""]
    assert doc.position(doc.text.index("Second")) == (4, 1)


def test_cr_only_newlines():
    doc = Document("a.txt", "One\rTwo\rThree")
    assert doc.position(doc.text.index("Three")) == (3, 1)


def test_columns_count_code_points():
    doc = Document("a.txt", "Ünïcödé 😀 text")
    assert doc.position(doc.text.index("text")) == (1, 11)


def test_utf16_with_bom_is_decoded():
    text, _ = decode("Headline\n\nBody.".encode("utf-16"), "a.txt")
    assert text.startswith("Headline")


@pytest.mark.parametrize(
    "raw, words",
    [(b"ok \xff\xfe bad", "invalid UTF-8 at byte offset 3"), (b"bin\x00ary", "NUL byte at offset 3")],
)
def test_undecodable_input_names_the_offset(raw, words):
    with pytest.raises(InputError) as caught:
        decode(raw, "bad.txt")
    assert words in str(caught.value)


def test_front_matter_fields_and_lines():
    doc = Document("a.md", "---\ntitle: Talks\ncredit: AFP\n---\nHeadline\n\nBody text.\n")
    assert doc.front_matter == {"title": "Talks", "credit": "AFP"}
    assert doc.front_matter_lines == {"title": 2, "credit": 3}
    assert doc.headline.first_line == 5
    assert doc.prose.startswith(" " * 3 + "\n")


def test_malformed_front_matter_is_recorded_not_raised():
    doc = Document("a.md", "---\ntitle: [unclosed\n---\nBody.\n")
    assert doc.front_matter_error[0] in (2, 3)
    assert doc.front_matter == {}


def test_front_matter_cannot_construct_python_objects():
    doc = Document("a.md", "---\nx: !!python/object/apply:os.system ['echo hi']\n---\nBody.\n")
    assert doc.front_matter_error is not None


def test_markdown_code_comments_and_link_targets_are_not_prose():
    text = (
        "# Headline\n\n"
        "See [the report](https://example.com/critics-say) and `critics say`.\n\n"
        "```\ncritics say\n```\n\n"
        "<!-- critics say -->\n"
        "![critics say](img/critics-say.png)\n"
    )
    doc = Document("a.md", text)
    assert "critics" not in doc.prose
    assert len(doc.prose) == len(doc.text)
    assert "the report" in doc.prose


def test_plain_text_keeps_indented_lines_as_prose():
    doc = Document("a.txt", "Headline\n\n    Indented teaser summary.\n")
    assert "Indented teaser summary." in doc.prose


def test_blocks_headline_and_sentences():
    doc = Document("a.txt", "Headline here\n\nFirst sentence. Second one\nwraps here.\n\nThird.\n")
    assert [(b.first_line, b.last_line) for b in doc.blocks] == [(1, 1), (3, 4), (6, 6)]
    assert doc.headline.first_line == 1
    sentences = [doc.prose[s:e] for s, e, _ in doc.sentences]
    assert sentences == ["Headline here", "First sentence.", "Second one\nwraps here.", "Third."]


def test_markdown_heading_is_its_own_block():
    doc = Document("a.md", "# Title\nBody under it.\n")
    assert [b.kind for b in doc.blocks] == ["heading", "paragraph"]
