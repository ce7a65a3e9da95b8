"""Which paragraphs need a dependency parse: a cheap test on words and punctuation.

Most paragraphs of a news article hold no statement. The quote rules only ever look at the
parse of a paragraph that has a reporting verb, an "according to" word, a quotation mark or a
dialogue dash; everywhere else the speaker resolver needs names (NER), tags and sentences, not
dependencies. The cue words themselves belong to the quote stage, so this module takes them as
arguments and knows nothing about quotes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from spacy.tokens import Doc


@dataclass(frozen=True)
class CueFilter:
    """Says whether a paragraph may hold a statement, so that it must be parsed.

    words (frozenset[str]): lower-case token forms that are a cue on their own ("sier", "ifølge").
    phrases (dict[str, frozenset[tuple[str, ...]]]): multiword cues by their first word
        ("legger" -> ("legger", "vekt", "på")); their first words ("i", "er", "har") are far
        too common to count alone.
    marks (frozenset[str]): characters that open or close a quotation ("«", "»", '"').
    dashes (frozenset[str]): characters that open dash dialogue ("–", "-", "—").
    """

    words: frozenset[str]
    phrases: dict[str, frozenset[tuple[str, ...]]]
    marks: frozenset[str]
    dashes: frozenset[str]

    @classmethod
    def build(cls, *, words: Iterable[str], phrases: Iterable[Iterable[str]] = (), marks: Iterable[str],
              dashes: Iterable[str]) -> "CueFilter":
        """A filter from the cue lexicon (forms are lower-cased; empty strings are dropped)."""
        by_first: dict[str, set[tuple[str, ...]]] = {}
        for phrase in phrases:
            forms = tuple(w.lower() for w in phrase if w)
            if len(forms) == 1:
                words = [*words, forms[0]]
            elif forms:
                by_first.setdefault(forms[0], set()).add(forms)
        return cls(
            words=frozenset(w.lower() for w in words if w),
            phrases={first: frozenset(found) for first, found in by_first.items()},
            marks=frozenset(m for m in marks if m),
            dashes=frozenset(d for d in dashes if d),
        )

    @property
    def _dash_after_colon(self) -> re.Pattern[str]:
        # "Støre sier: – Vi er klare." opens dialogue in mid-paragraph; a hyphen anywhere else
        # ("Nato-sjef", "2-1") is no cue, which keeps most paragraphs out.
        return _colon_dash(self.dashes)

    def needs_parse(self, doc: Doc) -> bool:
        """True when the quote rules could find a statement in ``doc`` (one paragraph).

        A superset of what the rules match: every paragraph they could use passes, some
        that yield nothing pass too.
        """
        text = doc.text.lstrip()
        if not text:
            return False
        if text[0] in self.dashes or not self.marks.isdisjoint(text):
            return True
        if self.dashes and self._dash_after_colon.search(text):
            return True
        words, phrases = self.words, self.phrases
        lowers = [token.lower_ for token in doc]
        for i, lower in enumerate(lowers):
            if lower in words:
                return True
            for phrase in phrases.get(lower, ()):
                if tuple(lowers[i : i + len(phrase)]) == phrase:
                    return True
        return False


_PATTERNS: dict[frozenset[str], re.Pattern[str]] = {}


def _colon_dash(dashes: frozenset[str]) -> re.Pattern[str]:
    pattern = _PATTERNS.get(dashes)
    if pattern is None:
        pattern = re.compile(":\\s*[" + "".join(re.escape(d) for d in sorted(dashes)) + "]")
        _PATTERNS[dashes] = pattern
    return pattern
