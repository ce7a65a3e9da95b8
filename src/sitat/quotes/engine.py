"""Run every quote rule over an article's paragraphs and settle where they disagree."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ..read.paragraphs import Paragraph
from .candidates import DIRECT, MIXED, Candidate, Para
from .cues import function_words
from .direct import dash_quotes, marked_quotes
from .indirect import indirect_quotes
from ..speakers.lexicon import pronouns


FIRST_AND_SECOND_PERSON = frozenset(p.form for p in pronouns().values() if p.person in ("1", "2"))


def paras_from_docs(text: str, paragraphs: list[Paragraph], docs: list[Doc]) -> list[Para]:
    """One Para per paragraph, each parsed as its own Doc."""
    return [
        Para(n, doc[:], p.start, p.start, p.end, text[p.start : p.end], headline=p.headline)
        for n, (p, doc) in enumerate(zip(paragraphs, docs))
    ]


def paras_from_doc(doc: Doc, paragraphs: list[Paragraph]) -> list[Para]:
    """Paras as spans of one whole-article Doc (what the spaCy component sees)."""
    paras = []
    for n, p in enumerate(paragraphs):
        span = doc.char_span(p.start, p.end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        paras.append(Para(n, span, 0, p.start, p.end, doc.text[p.start : p.end], headline=p.headline))
    return paras


def find_candidates(paras: list[Para]) -> list[Candidate]:
    """Every statement the rules find, with overlaps settled, in text order."""
    direct = dash_quotes(paras)
    taken = [(c.start, c.end) for c in direct]
    for candidate in marked_quotes(paras):
        if not any(s <= candidate.start < e or s < candidate.end <= e for s, e in taken):
            direct.append(candidate)
    indirect = indirect_quotes(paras)
    for quote in direct:
        if quote.speaker_from == "previous" and quote.rule.startswith("dash"):
            _end_before_narrated_speech(quote, indirect)
    kept: list[Candidate] = []
    for candidate in indirect:
        # "Jeg mener …" outside any quote is the writer of an opinion piece, not a source.
        if candidate.mention is not None and len(candidate.mention.tokens) == 1 and \
                candidate.mention.tokens[0].lower_ in FIRST_AND_SECOND_PERSON:
            continue
        # Speech reported inside a direct quote belongs to that quote ("– Han sa at …, sier Moe").
        if any(candidate.overlaps(d) and d.type == DIRECT and _mostly_inside(candidate, d) for d in direct):
            continue
        if any(c.start == candidate.start and c.end == candidate.end for c in kept):
            continue
        kept.append(candidate)
    # "Han mente X, noe han mente …" / "fortel at han ikkje trur Y": the same speaker's opinion
    # inside their own reported speech is part of it. A new named speaker inside ("… at
    # statsminister Shamir sa at …") is a statement of its own.
    kept = [c for c in kept if not (_speaker_is_pronoun(c) and any(_strictly_inside(c, o) for o in kept))]
    # Words inside the «…» of a mixed quote are part of it, not a statement of their own.
    kept = [c for c in kept if not any(o is not c and o.type == MIXED and o.start < c.start and c.end <= o.end
                                       and _inside_marks(c, o) for o in kept)]
    result = []
    for d in direct:
        # A marked fragment inside an indirect clause is part of a mixed quote, not its own.
        if d.rule.startswith("quote marks") and any(d.inside(c.start, c.end + 1) and c is not d for c in kept):
            continue
        result.append(d)
    result.extend(kept)
    return sorted(result, key=lambda c: (c.start, -c.end))


def _end_before_narrated_speech(quote: Candidate, indirect: list[Candidate]) -> None:
    """End an unattributed dash quote where the reporter's narration reports someone else's speech.

    In text without paragraph breaks the reporter's next sentence runs into the quote:
    "– Nei, det er for mye. Hverven mener likevel at boka kan diskuteres." A later sentence whose
    reporting verb has a third-person speaker, with no first- or second-person word, is narration.
    """
    for candidate in sorted(indirect, key=lambda c: c.start):
        if not (quote.start < candidate.start < quote.end) or candidate.cue is None or candidate.mention is None:
            continue
        if not _names_a_third_party(candidate.mention.tokens):
            continue  # "Man kan si at …" inside the quote is still the speaker talking
        sentence = _sentence_at(quote.para, candidate.cue[0])
        if sentence is None or quote.para.char(sentence[0]) <= quote.start:
            continue
        if any(t.lower_ in function_words("speaker_person") for t in sentence):
            continue
        before = sentence[0].nbor(-1)
        quote.end = quote.para.char_end(before)
        return


def _strictly_inside(inner: Candidate, outer: Candidate) -> bool:
    return outer is not inner and outer.start <= inner.start and inner.end <= outer.end \
        and outer.end - outer.start > inner.end - inner.start


def _names_a_third_party(tokens: list[Token]) -> bool:
    # A name or "han"/"hun"; a common noun ("Regjeringen har fastslått at …") is often the speaker's own topic.
    return any(t.pos_ == "PROPN" or t.lower_ in function_words("third_person") for t in tokens)


def _speaker_is_pronoun(candidate: Candidate) -> bool:
    mention = candidate.mention
    if mention is None or len(mention.tokens) != 1:
        return False
    return mention.tokens[0].lower_ in function_words("third_person")


def _sentence_at(para: Para, char: int) -> Span | None:
    for token in para.tokens:
        if para.char(token) == char:
            return token.sent
    return None


def _mostly_inside(inner: Candidate, outer: Candidate) -> bool:
    overlap = min(inner.end, outer.end) - max(inner.start, outer.start)
    return overlap >= 0.5 * (inner.end - inner.start)


def _inside_marks(inner: Candidate, outer: Candidate) -> bool:
    """Does ``inner`` lie between an opening and a closing quote mark of ``outer``'s text?"""
    text = outer.para.text
    base = outer.para.start
    opened = text.rfind("«", outer.start - base, inner.start - base)
    if opened < 0:
        return False
    closed = text.find("»", opened, outer.end - base + 1)
    return closed < 0 or closed + base >= inner.end - 1
