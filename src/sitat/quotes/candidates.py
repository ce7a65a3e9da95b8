"""The shapes the quote rules work on: paragraphs of tokens, and the quotes they propose."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

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

    @cached_property
    def token_list(self) -> list[Token]:
        """The paragraph's tokens as a list, built once: every rule reads them, and each
        ``doc[i]`` makes a new Token object (do not change the list)."""
        return list(self.tokens)

    def sentences(self) -> list[list[Token]]:
        """The tokens of each sentence, cut at the paragraph's edges.

        In a whole-article Doc (the spaCy component) the parser may run a sentence over a
        paragraph break; a statement never does, so the rules see only this paragraph's part.
        """
        tokens, first = self.token_list, self.tokens.start
        cut = [tokens[max(s.start, first) - first : min(s.end, first + len(tokens)) - first] for s in self.tokens.sents]
        return [sentence for sentence in cut if sentence]

    def tokens_of(self, span: Span) -> list[Token]:
        """``list(span)`` for a span of this paragraph's Doc, as a slice of ``token_list``
        (no new Token objects) where the span lies inside the paragraph."""
        tokens, first = self.token_list, self.tokens.start
        if first <= span.start and span.end <= first + len(tokens):
            return tokens[span.start - first : span.end - first]
        return list(span)  # a whole sentence (Span.sents) may reach outside a paragraph span

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
