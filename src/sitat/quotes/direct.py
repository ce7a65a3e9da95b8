"""Direct quotes: dash dialogue and text in quotation marks, with their attribution."""

from __future__ import annotations

from spacy.tokens import Span, Token

from ..speakers.lexicon import role_of
from .attribution import is_pronoun, mention_after, mention_from_subject, verb_at
from .candidates import DIRECT, Candidate, Mention, Para
from .cues import cues, function_words
from .marks import marked_segments

_TRAILING = " \t\n,;:"
# Punctuation that may end the quote right before an inverted attribution: "– Nei! sier han."
_BEFORE_ATTRIBUTION = {",", "!", "?", "…", "...", "»", '"', "”", "“"}
# Quotes this short, with no speech verb near them, are scare quotes or titles: «pakka».
MIN_UNATTRIBUTED_WORDS = 5


def dash_opening(para: Para) -> int | None:
    """Article offset where a dash-dialogue quote's words begin, if the paragraph is one."""
    text = para.text
    if not text or text[0] not in cues().dashes:
        return None
    rest = text[1:]
    stripped = rest.lstrip()
    if not stripped or (text[0] == "-" and rest[:1].isdigit()):
        return None  # "-5 grader" is a number, not dialogue
    return para.start + 1 + (len(rest) - len(stripped))


def attribution_after(tokens: list[Token], first: int, *, within: int | None = None) -> tuple[int, int, list[Token], int] | None:
    """Find ", sier Støre" in ``tokens[first:]``: (verb index, verb length, mention, end-of-quote index).

    within (int | None): the verb must start at most this many tokens after ``first``.
    """
    last = len(tokens) if within is None else min(len(tokens), first + within)
    for k in range(max(first, 1), last):
        if tokens[k - 1].text not in _BEFORE_ATTRIBUTION:
            continue
        found = verb_at(tokens, k)
        if found and found[0].direct:
            length, mention = found[1], _speaker_phrase_after(tokens, k, found[1])
        elif (split := _verb_around_subject(tokens, k)) is not None:
            length, mention = split
        else:
            continue
        if mention and not _speaks_in_first_person(mention) and not _told_to_the_speaker(tokens, mention):
            return k, length, mention, k - 1
    return None


def _speaker_phrase_after(tokens: list[Token], verb: int, length: int) -> list[Token]:
    """The speaker after an inverted verb, also as one of a group: "– …, sier en av beboerne"."""
    k = verb + length
    mention = mention_after(tokens, k)
    if mention or k + 1 >= len(tokens):
        return mention
    if tokens[k + 1].lower_ in function_words("part_of") and tokens[k].pos_ in ("DET", "NUM", "PRON"):
        group = mention_after(tokens, k + 2)
        return tokens[k : k + 2] + group if group else []
    return []


def _text_frame_after(tokens: list[Token], first: int) -> int | None:
    """Index of the comma before ", heter det i uttalelsen" / ", står det i brevet" in ``tokens[first:]``.

    The impersonal frame names the text the quote comes from; the quote ends before it. Who
    wrote the text is the speakers' business (the issuer, or the voice before the quote).
    """
    for k in range(max(first, 1), len(tokens) - 1):
        if tokens[k - 1].text not in _BEFORE_ATTRIBUTION:
            continue
        found = verb_at(tokens, k)
        if not found or not found[0].direct or k + found[1] >= len(tokens):
            continue
        impersonal = tokens[k + found[1] - 1].lower_ in function_words("impersonal_subject")
        if impersonal and tokens[k + found[1]].lower_ in function_words("names_the_text"):
            return k - 1
    return None


# The subject inside an inverted attribution is short: "legger kommunedirektør Hansen til".
MAX_INNER_SUBJECT_WORDS = 4


def _verb_around_subject(tokens: list[Token], k: int) -> tuple[int, list[Token]] | None:
    """'…, legger hun til.' / '…, skal han ha sagt.': the subject stands inside the attribution.

    Verb second puts the subject right after the finite word, so a particle verb ("legge til",
    "slå fast") or a hearsay modal with a perfect ("skal ha sagt") wraps around it.
    RETURNS: (tokens from ``k`` through the last word of the verb, the subject), or None.
    """
    lower = tokens[k].lower_
    mention = mention_after(tokens, k + 1, max_len=MAX_INNER_SUBJECT_WORDS)
    if not mention:
        return None
    rest = mention[-1].i - tokens[0].i + 1
    for words, verb in cues().verb_phrases.get(lower, ()):
        tail = words[1:]
        if verb.direct and tuple(t.lower_ for t in tokens[rest : rest + len(tail)]) == tail:
            return rest + len(tail) - k, mention
    if lower in function_words("hearsay_modal") and rest + 1 < len(tokens) \
            and tokens[rest].lower_ in function_words("perfect_auxiliary"):
        found = verb_at(tokens, rest + 1)
        if found and found[0].direct:
            return rest + 1 + found[1] - k, mention
    return None


def _told_to_the_speaker(tokens: list[Token], mention: list[Token]) -> bool:
    """'«Der er ho», seier folk til meg': speech told to the speaker, reported inside their own quote."""
    k = mention[-1].i - tokens[0].i + 1
    return k + 1 < len(tokens) and tokens[k].lower_ in cues().to_medium \
        and tokens[k + 1].lower_ in function_words("speaker_person")


def _speaks_in_first_person(mention: list[Token]) -> bool:
    """", sa eg at det ikkje hasta" inside a quote: the speaker reporting her own words, no attribution."""
    return len(mention) == 1 and mention[0].lower_ in function_words("speaker_person")


MAX_WORDS_BEFORE_MIDDLE_ATTRIBUTION = 12


def _continues_quote(tokens: list[Token], after: int, verb: int, first: int) -> bool:
    """Is "– Dette, sier han, er galt." the shape here: the quote goes on after the attribution?"""
    if after >= len(tokens) - 1 or tokens[after].text != ",":
        return False
    nxt = tokens[after + 1]
    if nxt.sent != tokens[verb].sent or nxt.lower_ in function_words("narration_start") or nxt.pos_ in ("ADP", "SCONJ"):
        return False
    if _lists_more_speakers(tokens, after + 1):
        return False  # "…, hevdar læraren, foreldre og elevar i grenda.": more speakers, not more quote
    before = tokens[first:verb]
    return len(before) <= MAX_WORDS_BEFORE_MIDDLE_ATTRIBUTION and all(t.sent == tokens[verb].sent for t in before)


def _lists_more_speakers(tokens: list[Token], k: int) -> bool:
    """Does a verbless noun phrase run from ``tokens[k]`` to the end of its sentence?

    After ", seier X," the rest of a quote is a clause or an answer word ("er galt", "absolutt
    ikkje"); nouns with no verb before the full stop name more speakers ("foreldre og elevar").
    """
    if tokens[k].pos_ not in ("NOUN", "PROPN"):
        return False
    rest = [t for t in tokens[k:] if t.sent == tokens[k].sent]
    return not any(t.pos_ in ("VERB", "AUX") for t in rest)


def _strip_span(text: str, start: int, end: int, base: int) -> tuple[int, int]:
    """Shrink [start, end) (article offsets, ``text`` starts at ``base``) past spaces and commas."""
    while end > start and text[end - 1 - base] in _TRAILING:
        end -= 1
    while start < end and text[start - base].isspace():
        start += 1
    return start, end


def _frame_at(tokens: list[Token], i: int) -> tuple[int, int, list[Token]] | None:
    """'Det sier Støre til NTB.' starting at ``tokens[i]``: (verb index, verb length, mention)."""
    if len(tokens) < i + 3 or tokens[i].lower_ not in function_words("frame_opener"):
        return None
    found = verb_at(tokens, i + 1)
    if not found or not found[0].direct:
        return None
    mention = mention_after(tokens, i + 1 + found[1])
    # "Det sier mye om laget" is no frame: its "speaker" must look like a name, pronoun or role.
    if not mention or not any(t.is_title or t.is_upper or is_pronoun(t) or role_of(t.text) for t in mention):
        return None
    return (i + 1, found[1], mention)


def _frame_in_next(next_para: Para | None) -> tuple[int, int, list[Token]] | None:
    """A frame opening the next paragraph names the speaker of this one."""
    return _frame_at(next_para.token_list, 0) if next_para is not None else None


def _frame_inside(tokens: list[Token], first: int) -> tuple[int, int, list[Token], int] | None:
    """'– Vi gir oss ikke. Det sa Vallejo til Reuters.': a frame sentence later in the paragraph.

    RETURNS: (verb index, verb length, mention, index of the frame's first token).
    """
    for k in range(max(first, 1), len(tokens) - 2):
        if tokens[k].is_sent_start and tokens[k - 1].text in (".", "!", "?", "…"):
            frame = _frame_at(tokens, k)
            if frame:
                return (*frame, k)
    return None


def _narration_start(tokens: list[Token], first: int) -> int | None:
    """Where narration takes over in a dash paragraph with no attribution, if it does.

    Text without paragraph breaks (as rebuilt from a treebank, or flattened web copy) runs the
    reporter's next sentence into the quote: "– Jeg prøvde. Jeg så latterlig ut. Så ler Signy." A
    sentence that names a person and has no first- or second-person word is the reporter's. A
    pronoun alone ("han", "de") is no sign: speakers talk about others all the time.
    """
    # The sentences from the one holding tokens[first] on (Token.sent builds a Span per token).
    begin, last = tokens[first].i, tokens[-1].i
    sentences = [s for s in tokens[0].doc.sents if s.end > begin and s.start <= last]
    for sentence in sentences[1:]:
        opener = sentence[0]
        words = {t.lower_ for t in sentence}
        speaking = words & function_words("speaker_person")
        names_someone = any(t.ent_type_ == "PER" for t in sentence)
        if not speaking and (names_someone or _opens_with_label(sentence)):
            k = opener.i - tokens[0].i
            return k if k > first else None
    return None


def _opens_with_label(sentence: Span) -> bool:
    """'Status: Det er usikkert …' / 'Vinterkos: Lunde går på ski …': a caption or subheading run into the text."""
    words = list(sentence)
    colon = next((k for k, t in enumerate(words[:3]) if t.text == ":"), None)
    return colon is not None and colon > 0 and all(t.is_alpha and t.is_title for t in words[:colon])


# An interviewer's question is short; a speaker's rhetorical question ends a longer answer.
MAX_QUESTION_SENTENCES = 3


def _is_interview_question(para: Para, next_para: Para | None) -> bool:
    """A short dash paragraph ending in "?" that the next dash paragraph answers, or that asks "du"."""
    text = para.text.rstrip()
    if not text.endswith("?"):
        return False
    sentences = list(para.tokens.sents)
    if len(sentences) <= 2 and next_para is not None and dash_opening(next_para) is not None:
        return True
    asks_you = any(t.lower_ in function_words("addressee") for t in sentences[-1])
    return len(sentences) <= MAX_QUESTION_SENTENCES and asks_you


def dash_quotes(paras: list[Para]) -> list[Candidate]:
    """One candidate per dash-dialogue paragraph (or dash after "Støre sier:")."""
    found: list[Candidate] = []
    for n, para in enumerate(paras):
        tokens = para.token_list
        if not tokens:
            continue
        start = dash_opening(para)
        first = 1
        lead_mention: list[Token] = []
        lead_cue = None
        if start is None and ":" in para.text:  # no colon, no "Støre sier: –" (spares the token loop)
            # "Støre sier: – Vi er klare."
            for k in range(1, len(tokens) - 1):
                if tokens[k].text in cues().dashes and tokens[k - 1].text == ":":
                    clause = tokens[: k - 1]
                    for v in range(len(clause)):
                        verb = verb_at(clause, v)
                        if verb and verb[0].direct:
                            lead_mention = mention_from_subject(clause, v)
                            lead_cue = (para.char(clause[v]), para.char_end(clause[v + verb[1] - 1]))
                            break
                    if lead_mention or para.headline:
                        # A headline "Flaumen på Voss: – Verre enn i 2014" quotes someone the
                        # body names; the speaker is borrowed from the body later.
                        start = para.char(tokens[k + 1])
                        first = k + 2
                    break
        if start is None:
            continue
        next_para = paras[n + 1] if n + 1 < len(paras) else None
        end = para.end
        candidate = Candidate(start, end, DIRECT, para, rule="dash")
        attribution = attribution_after(tokens, first)
        if lead_mention:
            candidate.mention = Mention(para, lead_mention)
            candidate.cue = lead_cue
            candidate.rule = "dash after 'X sier:'"
        elif attribution:
            k, length, mention, quote_end = attribution
            end = para.char(tokens[quote_end]) if tokens[quote_end].text == "," else para.char_end(tokens[quote_end])
            # Past the subject, or past the particle that follows it ("legger hun til, …").
            after = max(mention[-1].i - tokens[0].i + 1, k + length)
            # "– Dette, sier han, er galt." keeps both halves in one quote.
            if _continues_quote(tokens, after, k, first):
                end = para.end
                candidate.rule = "dash, attribution in the middle"
            else:
                candidate.rule = "dash, attribution after"
            candidate.end = end
            candidate.mention = Mention(para, mention)
            candidate.cue = (para.char(tokens[k]), para.char_end(tokens[k + length - 1]))
        elif (inside := _frame_inside(tokens, first)) is not None:
            k, length, mention, frame_start = inside
            candidate.end = para.char_end(tokens[frame_start - 1])
            candidate.mention = Mention(para, mention)
            candidate.cue = (para.char(tokens[k]), para.char_end(tokens[k + length - 1]))
            candidate.rule = "dash, 'Det sier X' after the quote"
        else:
            frame = _frame_in_next(next_para)
            if frame:
                k, length, mention = frame
                ntoks = next_para.token_list
                candidate.mention = Mention(next_para, mention)
                candidate.cue = (next_para.char(ntoks[k]), next_para.char_end(ntoks[k + length - 1]))
                candidate.rule = "dash, speaker in the next paragraph ('Det sier X')"
            elif _is_interview_question(para, next_para):
                continue
            else:
                candidate.speaker_from = "previous"
                candidate.rule = "dash, no attribution: continues the previous speaker"
                candidate.confidence = 0.7
                framed = _text_frame_after(tokens, first)
                narration = _narration_start(tokens, first)
                if framed is not None:
                    candidate.end = para.char(tokens[framed]) if tokens[framed].text == "," else para.char_end(tokens[framed])
                elif narration is not None:
                    candidate.end = para.char_end(tokens[narration - 1])
        candidate.start, candidate.end = _strip_span(para.text, candidate.start, candidate.end, para.start)
        if not candidate.end > candidate.start:
            continue
        found.append(candidate)
    return found


def _som_attribution(tokens: list[Token], k: int) -> tuple[int, int, list[Token], int] | None:
    """'«…», som Hansen sa til lokalavisa': the speaker and verb in a "som" clause after the marks.

    RETURNS: like ``attribution_after``: (verb index, verb length, mention, index before the clause).
    """
    if k + 2 >= len(tokens) or tokens[k].text != "," or tokens[k + 1].lower_ != "som":
        return None
    mention = mention_after(tokens, k + 2, max_len=4)
    verb = k + 2 + len(mention)
    found = verb_at(tokens, verb) if mention and verb < len(tokens) else None
    if not found or not found[0].direct or _speaks_in_first_person(mention):
        return None
    return verb, found[1], mention, k - 1


def _token_at(tokens: list[Token], para: Para, char: int) -> int | None:
    """The token holding article offset ``char``, else the first after it (None past the end)."""
    # Tokens end in increasing order, so the first that ends after ``char`` is found by bisection.
    lo, hi = 0, len(tokens)
    while lo < hi:
        mid = (lo + hi) // 2
        if para.char_end(tokens[mid]) > char:
            hi = mid
        else:
            lo = mid + 1
    return lo if lo < len(tokens) else None


def marked_quotes(paras: list[Para]) -> list[Candidate]:
    """Candidates for text in quotation marks, attributed after, before, or by context."""
    found: list[Candidate] = []
    for para in paras:
        tokens = para.token_list
        for segment in marked_segments(para.text):
            start = para.start + segment.content_start
            end = para.start + segment.content_end(len(para.text))
            start, end = _strip_span(para.text, start, end, para.start)
            if end <= start:
                continue
            candidate = Candidate(start, end, DIRECT, para, rule="quote marks")
            words = len(para.text[start - para.start : end - para.start].split())
            close_k = _token_at(tokens, para, para.start + segment.close_at) if segment.close_at is not None else None
            open_k = _token_at(tokens, para, para.start + segment.open_at)
            if open_k and tokens[open_k - 1].lower_ in function_words("title_noun"):
                continue  # 'I diktet «Om å vokse» skriver …': a title, not a quote
            attribution = None
            if close_k is not None:
                attribution = attribution_after(tokens, close_k + 1, within=3) if close_k + 1 < len(tokens) else None
                attribution = attribution or _som_attribution(tokens, close_k + 1)
            if attribution:
                k, length, mention, _ = attribution
                candidate.mention = Mention(para, mention)
                candidate.cue = (para.char(tokens[k]), para.char_end(tokens[k + length - 1]))
                candidate.rule = "quote marks, attribution after"
            elif open_k and tokens[open_k - 1].text == ":":
                # The words of the quote's sentence (by index: Token.sent builds a Span per call).
                opening = tokens[open_k].sent
                sentence = [t for t in tokens[: open_k - 1] if opening.start <= t.i < opening.end] or tokens[: open_k - 1]
                for v in range(len(sentence)):
                    verb = verb_at(sentence, v)
                    if verb and verb[0].direct:
                        candidate.mention = Mention(para, mention_from_subject(sentence, v))
                        candidate.cue = (para.char(sentence[v]), para.char_end(sentence[v + verb[1] - 1]))
                        candidate.rule = "quote marks after 'X sier:'"
                        break
            if candidate.mention is None or not candidate.mention.tokens:
                candidate.mention = None
                # Standing on its own: it opens the paragraph, a sentence, or follows a colon
                # ("Konklusjonen var: «…»"); inside a sentence it is a term, title or scare quote.
                stands_alone = segment.open_at == 0 or (
                    open_k is not None and open_k > 0 and tokens[open_k - 1].text in (".", "!", "?", ":", "…")
                )
                if words < MIN_UNATTRIBUTED_WORDS or not stands_alone:
                    continue
                candidate.speaker_from = "previous"
                candidate.confidence = 0.6
                candidate.rule = "quote marks, no attribution: speaker from context"
            found.append(candidate)
    return found
