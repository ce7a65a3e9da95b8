"""Find paragraphs in article text without changing it."""

from __future__ import annotations

import re
from dataclasses import dataclass

_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")


@dataclass(frozen=True)
class Paragraph:
    """``text[start:end]`` is one paragraph (stripped of surrounding whitespace)."""

    start: int
    end: int
    headline: bool = False


def split_paragraphs(text: str, *, title_line: bool = False) -> list[Paragraph]:
    """Paragraph offsets in ``text``.

    Paragraphs are separated by blank lines; a text without any blank line is
    split at every line break instead (JSONL corpora often use single newlines).

    text (str): the article text, as given.
    title_line (bool): the first line is the title, a paragraph of its own.
    RETURNS (list[Paragraph]): non-empty paragraphs in text order.
    """
    spans: list[tuple[int, int]] = []
    body_start = 0
    if title_line:
        first_break = text.find("\n")
        title_end = len(text) if first_break == -1 else first_break
        spans.append((0, title_end))
        body_start = title_end
    separator = _BLANK_LINE if _BLANK_LINE.search(text, body_start) else re.compile(r"\n")
    position = body_start
    for match in separator.finditer(text, body_start):
        spans.append((position, match.start()))
        position = match.end()
    spans.append((position, len(text)))
    paragraphs = []
    for index, (start, end) in enumerate(spans):
        chunk = text[start:end]
        stripped = chunk.strip()
        if not stripped:
            continue
        lead = len(chunk) - len(chunk.lstrip())
        begin = start + lead
        paragraphs.append(Paragraph(begin, begin + len(stripped), headline=title_line and index == 0))
    return paragraphs
