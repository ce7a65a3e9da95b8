"""The shapes the quote rules work on: paragraphs of tokens, and the quotes they propose."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

DIRECT, INDIRECT, MIXED = "direct", "indirect", "mixed"


@dataclass
class Para:
    """One paragraph: its tokens and where they sit in the article text.

    ``offset`` turns a token's ``idx`` into an article offset: for a Doc made from the
    paragraph alone it is the paragraph's start; for a paragraph span of a whole-article
    Doc it is 0.
    """

    index: int
    tokens: Span
    offset: int
    start: int
    end: int
    text: str  # the article text of the paragraph (article_text[start:end])
    headline: bool = False

    def char(self, token: Token) -> int:
        return self.offset + token.idx

    def char_end(self, token: Token) -> int:
        return self.offset + token.idx + len(token.text)


@dataclass
class Mention:
    """The words naming a speaker, in one paragraph (tokens in text order)."""

    para: Para
    tokens: list[Token]

    @property
    def start(self) -> int:
        return self.para.char(self.tokens[0])

    @property
    def end(self) -> int:
        return self.para.char_end(self.tokens[-1])


@dataclass
class Candidate:
    """A statement found by one rule, before its speaker is resolved to an entity."""

    start: int
    end: int
    type: str
    para: Para
    rule: str
    cue: tuple[int, int] | None = None
    mention: Mention | None = None
    # Where to look for the speaker when the rule found no mention in place:
    # "previous" (continues the last speaker), "next" (named in the next paragraph).
    speaker_from: str | None = None
    confidence: float = 0.9
    explanation: list[str] = field(default_factory=list)

    def overlaps(self, other: "Candidate") -> bool:
        return self.start < other.end and other.start < self.end

    def inside(self, start: int, end: int) -> bool:
        return start <= self.start and self.end <= end
