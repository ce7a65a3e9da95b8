"""Offsets index the text exactly as given, whatever its line endings and spacing."""

from pathlib import Path

import pytest

import sitat

ARTICLES = Path(__file__).parent.parent / "articles"


def variants(text: str) -> dict[str, str]:
    return {
        "as written": text,
        "windows line endings": text.replace("\n", "\r\n"),
        "indented paragraphs": text.replace("\n\n", "\n\n   "),
        "single newlines": text.replace("\n\n", "\n"),
        "leading blank lines": "\n\n\n" + text,
    }


@pytest.mark.parametrize("name", ["flaum_voss.txt", "statsbudsjett.txt"])
def test_offsets_survive_layout_changes(name):
    text = (ARTICLES / name).read_text(encoding="utf-8")
    baseline = None
    for label, variant in variants(text).items():
        article = sitat.extract(variant, title_line=not label.startswith("leading"))
        assert article.quotes, label
        for quote in article.quotes:
            assert variant[quote.start : quote.end] == quote.text, label
            if quote.speaker.mention:
                m = quote.speaker.mention
                assert variant[m.start : m.end] == m.text, label
        texts = [q.text.replace("\r", "") for q in article.quotes]
        if label == "as written":
            baseline = texts
        elif label in ("windows line endings", "indented paragraphs"):
            assert texts == baseline, label


def test_text_without_statements_gives_no_quotes():
    article = sitat.extract("Været i morgen\n\nDet blir sol på Østlandet og regn i vest. Temperaturen ligger rundt ti grader.")
    assert article.quotes == [] and article.speakers == []


def test_empty_text():
    article = sitat.extract("")
    assert article.quotes == [] and article.lang == "nb"
