"""Pair up quotation marks in a paragraph: «…», "…", “…”, „…“."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .cues import cues


@dataclass(frozen=True)
class MarkedSegment:
    """``text[open_at]`` is the opening mark; ``close_at`` the closing one (None if unclosed)."""

    open_at: int
    close_at: int | None
    mark: str

    @property
    def content_start(self) -> int:
        return self.open_at + 1

    def content_end(self, text_length: int) -> int:
        return self.close_at if self.close_at is not None else text_length


def marked_segments(text: str) -> list[MarkedSegment]:
    """Top-level quoted segments of ``text`` (quotes inside quotes are part of their parent).

    A straight ``"`` opens when it follows whitespace, an opening bracket or the start of the
    text, and closes otherwise. An unclosed quote runs to the end of the paragraph: in news a
    quote that goes on in the next paragraph often leaves this one open.
    """
    pairs = cues().quote_marks
    closers = {c for closes in pairs.values() for c in closes}
    segments: list[MarkedSegment] = []
    stack: list[tuple[int, str]] = []
    for found in _any_mark().finditer(text):
        i, ch = found.start(), found.group()
        if ch == '"':
            if stack and '"' in pairs.get(stack[-1][1], ()):
                if not (i > 0 and text[i - 1].isspace() and i + 1 < len(text) and text[i + 1].isalnum()):
                    _close(stack, segments, i)
                    continue
            if i == 0 or text[i - 1].isspace() or text[i - 1] in "([{–-—:":
                stack.append((i, ch))
            continue
        if ch in closers and stack and ch in pairs.get(stack[-1][1], ()):
            _close(stack, segments, i)
            continue
        if ch in pairs and ch != '"':
            stack.append((i, ch))
    if stack:
        open_at, mark = stack[0]
        segments.append(MarkedSegment(open_at, None, mark))
    return sorted(segments, key=lambda s: s.open_at)


@lru_cache(maxsize=1)
def _any_mark() -> re.Pattern[str]:
    """Any character that opens or closes a quote: the loop in ``marked_segments`` acts on
    nothing else, so it visits only these instead of every character of the paragraph."""
    pairs = cues().quote_marks
    marks = {'"', *pairs, *(c for closes in pairs.values() for c in closes)}
    # One character each, as the loop compares them (a longer entry could never match there).
    return re.compile("[" + "".join(re.escape(m) for m in sorted(marks) if len(m) == 1) + "]")


def _close(stack: list[tuple[int, str]], segments: list[MarkedSegment], i: int) -> None:
    open_at, mark = stack.pop()
    if not stack:  # only top-level quotes become segments
        segments.append(MarkedSegment(open_at, i, mark))
