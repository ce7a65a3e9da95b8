"""Indirect and mixed speech: reporting verbs with a complement, "ifølge X", frames and naming."""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Token

from ..speakers.lexicon import document_noun_of
from .attribution import is_pronoun, mention_after, mention_from_subject, skippable_adverbs, verb_at
from .candidates import INDIRECT, MIXED, Candidate, Mention, Para
from .cues import ReportingVerb, cues, function_words

_END_PUNCT = {".", "!", "?", ":", "…"}
_QUOTE_CHARS = "«»\"“”„"
# A bare complement ("Hun mener skatten er for høy") has its finite verb within this many words.
MAX_WORDS_BEFORE_VERB = 6
# Between a verb and its "at": the interviewing medium, a place, an adverb ("sier til NTB at").
MAX_GAP_BEFORE_AT = 8

def _two_words(sentence: list[Token], i: int) -> str:
    return f"{sentence[i].lower_} {sentence[i + 1].lower_}" if i + 1 < len(sentence) else sentence[i].lower_


def _starts_verb_phrase(sentence: list[Token], i: int) -> bool:
    """Does a multiword reporting phrase ("ser ikke bort fra") start at ``sentence[i]``?"""
    found = verb_at(sentence, i)
    return found is not None and found[1] > 1


def _sentences(para: Para) -> list[list[Token]]:
    return para.sentences()


def _clause_end(sentence: list[Token], start: int) -> int:
    """Index one past the last token of the complement starting at ``start``."""
    end = len(sentence)
    listing = False  # inside a list of infinitives ("å dra ned, ripe en bil, bli oppdaget")
    for k in range(start + 1, len(sentence) - 1):
        if sentence[k].text != "," or _has_open(sentence[start:k]):
            continue  # a comma inside «…» belongs to the quoted words
        # A media frame closing the sentence is not part of the complement: "…, skriver CNN."
        found = verb_at(sentence, k + 1)
        if found and found[0].direct and mention_after(sentence, k + 1 + found[1]):
            end = k
            break
        # Nor is a second speaker's clause: "…, mens hun påpekte at …", nor the main clause after
        # a fronted one ("Når hun sier at X, er ikke Solberg …"), nor a new predicate ("…, og beskylder").
        after = sentence[k + 1]
        # After "men" the complement goes on: a verb without a subject shares its subject ("var ikke
        # en tyv, men hadde tatt …") unless it is a verb of saying ("men mener …"); a new subject
        # goes on too ("men det blir rart") unless it reports speech (_second_speaker_clause).
        new_clause = after.lower_ in _CLAUSE_JOINERS and k + 3 < len(sentence) and (
            (_is_finite_verb(sentence[k + 2]) and (after.lower_ != "men" or verb_at(sentence, k + 2)))
            # "…, men først vil han sjå": an adverb before the finite verb is a main clause (verb second).
            or (sentence[k + 2].pos_ == "ADV" and _is_finite_verb(sentence[k + 3]))
            or (sentence[k + 2].pos_ in ("PRON", "PROPN", "NOUN") and _is_finite_verb(sentence[k + 3])
                and sentence[k + 2].lower_ not in ("at", "om") and after.lower_ != "men")
        )
        # "…, mens flere dommere støttet ham": "mens" (whereas) always opens a contrasting clause.
        # "…, ifølge lokalavisen" names the source of the whole sentence, not of the complement.
        contrast = after.lower_ in function_words("contrast_conjunction") or after.lower_ in cues().according_to
        # "at alt som kan hjelpe, er bra": the comma closes a relative clause; the verb after it
        # is the complement's own.
        # Once a list of infinitives has begun, each verb after a comma is its next item.
        listing = _is_finite_verb(after) and after.lower_ not in function_words("finite_auxiliary") and (
            listing or _continues_verb_list(after, sentence[start:k]))
        main_verb = _is_finite_verb(after) and not _closes_relative_clause(sentence, start, k) and not listing
        if _second_speaker_clause(sentence, k + 1) or main_verb or new_clause or contrast \
                or _gapped_at(sentence, k + 1) is not None:
            end = k
            break
    for k in range(start + 1, end - 1):
        # Without a comma: "Obduksjonen synte at X og fylkeslegen meinte Y" — a second speaker.
        if sentence[k].lower_ in _CLAUSE_JOINERS and not _has_open(sentence[start:k]) \
                and (_second_speaker_clause(sentence, k + 1) or _reporting_predicate(sentence, k + 1)):
            end = k
            break
    while end > start and sentence[end - 1].text in _END_PUNCT:
        end -= 1
    while end > start and sentence[end - 1].text in ("»", '"', "”") and not _has_open(sentence[start:end - 1]):
        end -= 1
    return end


# Conjunctions that may join a new clause to the complement ("…, og beskylder", "X og fylkeslegen meinte").
_CLAUSE_JOINERS = ("og", "men", "mens")


def _continues_verb_list(verb: Token, complement: list[Token]) -> bool:
    """Is ``verb`` the next in a list of infinitives ("vil utsette X, endre Y, fjerne Z")?

    The parse says it is co-ordinated (or set off by commas), and the complement so far has an
    infinitive (after a modal or "å") for it to go with; the parser often hangs the list on the
    wrong verb, so where it hangs does not matter.
    """
    if verb.dep_ not in ("KOORD", "PAR") or verb.head.pos_ not in ("VERB", "AUX"):
        return False
    if verb.lower_ in function_words("finite_auxiliary"):
        return False  # "…, kan virke defensiv": a finite auxiliary heads the main clause
    return any(t.pos_ in ("VERB", "AUX") and t.i > t.sent.start and
               (t.nbor(-1).lower_ == "å" or t.nbor(-1).pos_ in ("VERB", "AUX")) for t in complement)


def _closes_relative_clause(sentence: list[Token], start: int, comma: int) -> bool:
    """Does the comma at ``comma`` end a "som" clause opened after the complement's first word?"""
    for k in range(comma - 1, start, -1):
        if sentence[k].text == ",":
            return False
        if sentence[k].lower_ == "som":
            return True
    return False


def _ends_attribution(sentence: list[Token], k: int) -> bool:
    """After ", sier Støre" only the end of the sentence or the medium may follow ("til NTB")."""
    while k < len(sentence) and sentence[k].text == "(":  # "(Ap)"
        k += 3
    if any(t.lower_ == "at" for t in sentence[k : k + 3]):
        return False  # "…, konkluderte Wik med at …": the verb takes a clause after all
    if k >= len(sentence) or sentence[k].text in _END_PUNCT | {",", "«", "–", "-"}:
        return True
    return sentence[k].lower_ in cues().to_medium or sentence[k].pos_ == "ADP" and sentence[k].lower_ != "at"


def _is_finite_verb(token: Token) -> bool:
    """A verb that can head a clause: not an infinitive after "å" or a verb after another verb.

    The tagger gives no tense, and the ending cannot tell: "hadde", "kunne" and "trodde" are
    finite, "komme" after "vil" is not.
    """
    if token.pos_ not in ("VERB", "AUX") or token.tag_ != "verb":
        return False
    before = token.nbor(-1) if token.i > token.sent.start else None
    return before is None or (before.lower_ != "å" and before.pos_ not in ("VERB", "AUX"))


def _second_speaker_clause(sentence: list[Token], first: int) -> bool:
    """Does a new subject + reporting verb start at ``first`` ("mens hun påpekte at")?

    Not after "som": "…, som ho meiner forgiftar debatten" is a relative clause of the
    complement with the speaker's own view inside it.
    """
    if first < len(sentence) and sentence[first].lower_ == "som":
        return False
    for k in range(first, min(len(sentence), first + 5)):
        found = verb_at(sentence, k)
        if found and k > first and (is_pronoun(sentence[k - 1]) or sentence[k - 1].pos_ in ("PROPN", "NOUN")):
            return not _about_a_topic(sentence, k + found[1])
        if sentence[k].text in (",", "."):
            return False
    return False


def _reporting_predicate(sentence: list[Token], k: int) -> bool:
    """"… at de har sett opptakene og beskriver seansen": a second verb of saying without a
    subject of its own shares the main clause's speaker, so it ends the complement."""
    return k < len(sentence) and _is_finite_verb(sentence[k]) and verb_at(sentence, k) is not None


def _about_a_topic(sentence: list[Token], k: int) -> bool:
    """"fordi ho skriv om mat": the verb names a topic ("om" without "at"), not a statement."""
    return k + 1 < len(sentence) and sentence[k].lower_ == "om" and sentence[k + 1].lower_ != "at"


def _has_open(tokens: list[Token]) -> bool:
    text = "".join(t.text_with_ws for t in tokens)
    return text.count("«") > text.count("»") or text.count('"') % 2 == 1


def _span_type(tokens: list[Token]) -> str:
    text = "".join(t.text for t in tokens)  # the marks are single characters: none spans two tokens
    return MIXED if any(ch in text for ch in _QUOTE_CHARS) else INDIRECT


def _make(para: Para, sentence: list[Token], first: int, last: int, *, cue: tuple[Token, Token],
          mention: list[Token], rule: str, confidence: float = 0.85) -> Candidate | None:
    if last <= first:
        return None
    tokens = sentence[first:last]
    candidate = Candidate(
        para.char(tokens[0]), para.char_end(tokens[-1]), _span_type(tokens), para, rule=rule,
        cue=(para.char(cue[0]), para.char_end(cue[1])), confidence=confidence,
    )
    candidate.mention = Mention(para, mention) if mention else None
    if _has_open(tokens):
        # 'Han hevder at Moen «ofte glemmer møtene. Jeg har selv sett …»': the quoted words
        # run past the sentence the parser closed; the complement ends with them.
        close = _closing_mark(para.text, candidate.end - para.start, para.text[para.char(tokens[0]) - para.start : candidate.end - para.start])
        if close is not None:
            candidate.end = para.start + close
    return candidate


def _closing_mark(text: str, offset: int, opened: str) -> int | None:
    """Offset just past the mark that closes what ``opened`` left open, searching ``text`` from ``offset``."""
    mark = "»" if opened.count("«") > opened.count("»") else '"'
    found = text.find(mark, offset)
    return found + 1 if found >= 0 else None


def _find_at(sentence: list[Token], start: int) -> int | None:
    """Index of the complementiser "at" within a short gap after ``start``."""
    for k in range(start, min(len(sentence), start + MAX_GAP_BEFORE_AT)):
        text = sentence[k].lower_
        if text == "at":
            # "etter at", "uten at": a conjunction, not the verb's complement; so is "så lenge at".
            joined = k > 0 and sentence[k - 1].lower_ in function_words("joins_at")
            consecutive = k > 1 and sentence[k - 2].lower_ in function_words("degree_before_at")
            return None if joined or consecutive else k
        if text == "," and k == start and (after_aside := _at_after_aside(sentence, k)) is not None:
            return after_aside  # "har sagt, slik hun gjorde i vår, at …"
        if text == "," and _topic_then_at(sentence, start, k):
            return k + 2  # "har skrevet om inneklimaet, og at elever har sett mus": the second object is reported
        if text in _END_PUNCT or text in ("«", "–", "-") or (text == "," and k > start + 1):
            return None
        if text in function_words("says_nothing"):
            return None  # "står det ingenting om at …": the clause is denied, not reported
        if k > start and (verb_at(sentence, k) or sentence[k].pos_ in ("VERB", "AUX")):
            return None  # past the verb of a clause without "at": "mente saken var tjent med at …"
    return None


# "sa, slik hun gjorde på landsmøtet i vår, at …": an aside between the verb and "at" is short.
MAX_ASIDE_WORDS = 12


def _at_after_aside(sentence: list[Token], comma: int) -> int | None:
    """Index of "at" right after an aside opened by "slik"/"som" at ``comma`` and closed by the next comma."""
    if comma + 1 >= len(sentence) or sentence[comma + 1].lower_ not in function_words("aside_opener"):
        return None
    for k in range(comma + 2, min(len(sentence) - 1, comma + 2 + MAX_ASIDE_WORDS)):
        if sentence[k].text in _END_PUNCT:
            return None
        if sentence[k].text == ",":
            return k + 1 if sentence[k + 1].lower_ == "at" else None
    return None


def _topic_then_at(sentence: list[Token], start: int, comma: int) -> bool:
    """", og at" after "om" + a topic: "skrive om X, og at Y" reports Y."""
    return comma + 2 < len(sentence) and sentence[comma + 1].lower_ == "og" and sentence[comma + 2].lower_ == "at" \
        and any(t.lower_ == "om" for t in sentence[start:comma])


def _verb_candidate(para: Para, sentence: list[Token], i: int, verb: ReportingVerb, length: int) -> Candidate | None:
    after = i + length
    cue = (sentence[i], sentence[after - 1])
    if verb.naming:
        return _naming(para, sentence, i, length, cue, needs_som=verb.kind == "naming_as")
    if _opens_sentence(sentence, i):
        # Verb first is a question or a condition, not a report: "Mener han at laget er for svakt, …"
        return None
    inverted_mention = mention_after(sentence, after) if i > 0 and sentence[i - 1].text == "," else []
    if inverted_mention and _ends_attribution(sentence, inverted_mention[-1].i - sentence[0].i + 1):
        # "…, sier Støre." / "To er skadd, opplyser politiet." — inverted after the clause.
        mention = inverted_mention
        if not verb.direct:
            return None
        first = 0
        while first < i and sentence[first].text in _QUOTE_CHARS + "–-—":
            first += 1
        last = i - 1
        if last - first < 2:
            return None
        return _make(para, sentence, first, last, cue=cue, mention=mention,
                     rule=f"inverted '{sentence[i].text}' after the clause", confidence=0.8)
    som = _som_speaker_before(sentence, i, after)
    if som is not None and verb.direct:
        # "Tvert om har det vakse fram eit klima, som ho seier.": the sentence before the comma is hers.
        first = 0
        while first < som and sentence[first].text in _QUOTE_CHARS + "–-—":
            first += 1
        if som - 1 - first < 3:
            return None
        return _make(para, sentence, first, som - 1, cue=cue, mention=sentence[som + 1 : i],
                     rule=f"'…, som X {sentence[i].text}' after the clause", confidence=0.75)
    aside = _som_aside_before(sentence, i, after)
    if aside is not None and verb.direct:
        # "Det er ikke lett, som hun skriver i boka, å …": the whole sentence is his;
        # "Men, som han sa, dette blir …": a lone conjunction before the aside is not.
        som, close = aside
        first = close + 1 if all(t.pos_ in ("CCONJ", "ADV") for t in sentence[: som - 1]) else 0
        last = len(sentence)
        while last > som and sentence[last - 1].text in _END_PUNCT:
            last -= 1
        return _make(para, sentence, first, last, cue=cue, mention=sentence[som + 1 : i],
                     rule=f"', som X {sentence[i].text},' inside the clause", confidence=0.7)
    mention = mention_from_subject(sentence, i)
    if not mention and i > 0 and sentence[i - 1].lower_ == "å":
        return None  # "det er viktig å understreke at …": nobody in particular says it
    inverted = bool(mention) and mention[0].i > sentence[i].i
    look_from = (mention[-1].i - sentence[0].i + 1) if inverted else after
    at = _find_at(sentence, look_from)
    if at is not None:
        last = _clause_end(sentence, at + 1)
        return _make(para, sentence, at + 1, last, cue=cue, mention=mention,
                     rule=f"'{sentence[i].text} at'", confidence=0.9)
    exclaimed = _how_exclamative(sentence, look_from, verb)
    if exclaimed is not None:
        # "Han understreka kor viktig sjukehuset er": stressing how it is states that it is.
        return _make(para, sentence, exclaimed, _clause_end(sentence, exclaimed), cue=cue, mention=mention,
                     rule=f"'{sentence[i].text} hvor/kor …'", confidence=0.75)
    if verb.kind in ("opinion", "report") or verb.lemma in ("si", "seie", "skrive", "hevde", "mene", "meine"):
        # "Hun mener skatten er for høy." — the complement follows without "at".
        first = look_from
        while first < len(sentence) and sentence[first].lower_ in skippable_adverbs():
            first += 1
        if first >= len(sentence) or sentence[first].text in _END_PUNCT | {",", "«", "–", "-"}:
            return None
        if sentence[first].lower_ in function_words("question_word"):
            return None  # indirect questions are not statements
        last = _clause_end(sentence, first)
        rest = sentence[first:last]
        # A clause: it opens with a subject-like word and has its finite verb right after it.
        opens_clause = rest and (rest[0].pos_ in ("PRON", "PROPN", "NOUN", "DET", "NUM", "ADJ")
                                 or (rest[0].is_upper and len(rest[0]) > 1)) and rest[0].lower_ != "å"  # "DA går …"
        words = [t for t in rest[1:] if not t.is_punct]
        has_verb = _finite_verb_before_subordinator(words[:MAX_WORDS_BEFORE_VERB])
        if _takes_clause_object(sentence[i], rest):
            # The parser found the clause even where the tagger misread a word ("håper ranere stjeler").
            opens_clause = has_verb = True
        if len(rest) < 3 or not opens_clause or not has_verb or not (mention or _has_subject(sentence, i)):
            return None
        return _make(para, sentence, first, last, cue=cue, mention=mention,
                     rule=f"'{sentence[i].text}' with a bare clause", confidence=0.75)
    return None


# "…, som statsministeren Kari Dahl sa": the speaker phrase inside such a clause is short.
MAX_SOM_SPEAKER_WORDS = 4


def _som_speaker_before(sentence: list[Token], i: int, after: int) -> int | None:
    """Index of "som" in ", som ho seier." closing a sentence: the verb's speaker between them."""
    for som in range(i - 2, max(0, i - 1 - MAX_SOM_SPEAKER_WORDS), -1):
        if sentence[som].lower_ == "som":
            speaker = sentence[som + 1 : i]
            if som > 0 and sentence[som - 1].text == "," and mention_after(sentence, som + 1) == speaker \
                    and _ends_attribution(sentence, after) and (after >= len(sentence) or sentence[after].text in _END_PUNCT):
                return som
            return None
    return None


def _finite_verb_before_subordinator(words: list[Token]) -> bool:
    """A finite verb of the clause itself, not of a clause inside a noun phrase.

    "frykter dårligere forhold dersom skolen blir …", "si ting som spillere reagerer på": the
    verb after "dersom"/"som" belongs to a clause inside the object, which is no clause.
    """
    for token in words:
        if token.pos_ == "SCONJ":
            return False
        if _is_finite_verb(token):
            return True
    return False


def _opens_sentence(sentence: list[Token], i: int) -> bool:
    return all(t.is_punct for t in sentence[:i])


def _takes_clause_object(verb: Token, rest: list[Token]) -> bool:
    """Does the parse give ``verb`` a clause as its object, inside ``rest``?"""
    if not rest or rest[0].lower_ in function_words("finite_auxiliary"):
        return False  # "det han mener er feil": a relative clause, the verb has no clause of its own
    return any(c.dep_ == "DOBJ" and c.pos_ in ("VERB", "AUX") and rest[0].i <= c.i <= rest[-1].i
               for c in verb.children)


def _has_subject(sentence: list[Token], i: int) -> bool:
    """A subject the speaker-phrase rules cannot name: "begge hevder", "folk som mener"."""
    verb = sentence[i]
    return any(c.dep_ == "SUBJ" for c in verb.children) or (i > 0 and sentence[i - 1].lower_ == "som")


def _naming(para: Para, sentence: list[Token], i: int, length: int, cue: tuple[Token, Token], *,
            needs_som: bool = False) -> Candidate | None:
    """'Hun kalte forslaget en skandale' -> 'en skandale' (the object predicative).

    needs_som (bool): the verb names only with "som" ("beskrev møtet som konstruktivt" ->
        "konstruktivt"); without it ("beskriver problemene") it is no statement.
    """
    verb = sentence[i]
    if _after_passive_auxiliary(sentence, i):
        return None  # "det som vert kalla Fjellstien": a name in use, nobody's statement
    if _opens_sentence(sentence, i):
        return None  # "Kalte han deg ikke …?": the reporter's question
    predicative = [c for c in verb.children if c.dep_ in ("OPRED", "SPRED")]
    mention = mention_from_subject(sentence, i)
    if needs_som:
        som = _som_after(sentence, i + length)
        if som is None or _opens_relative_clause(sentence, som):
            return None  # "vurderer tiltak som kan hjelpe": a relative clause, not what X is called
        first = som + 1
        last = _clause_end(sentence, first)
    elif predicative:
        first = predicative[0].left_edge.i - sentence[0].i
        last = _clause_end(sentence, first)
    else:
        # Without a parse: skip one noun phrase (the object) after the verb.
        k = i + length
        if k < len(sentence) and is_pronoun(sentence[k]) and sentence[k].lower_ in ("han", "hun", "ho"):
            mention = mention or []
        if k < len(sentence) and sentence[k].pos_ == "DET":
            k += 1
        k += 1
        first = k
        last = _clause_end(sentence, first)
    if not needs_som:
        first = _after_naming_for(sentence, first, last)
    if first <= i or last - first < 1:
        return None
    return _make(para, sentence, first, last, cue=cue, mention=mention, rule="naming ('kalle X Y')", confidence=0.75)


# "kaller vindkraft på land for «naturødeleggende»": how far "for" may follow the object.
MAX_WORDS_BEFORE_NAMING_FOR = 4


def _after_naming_for(sentence: list[Token], first: int, last: int) -> int:
    """Where the name starts in "kalle X for Y": just after "for", if the object ends with it.

    A determiner before "for" opens the name itself ("kalte forslaget et svik for bygda"), so
    "for" is then inside the name and nothing moves.
    """
    for k in range(first, min(last - 1, first + MAX_WORDS_BEFORE_NAMING_FOR)):
        if sentence[k].pos_ == "DET" or sentence[k].text in _END_PUNCT or sentence[k].text == ",":
            return first
        if sentence[k].lower_ == "for":
            return k + 1
    return first


def _after_passive_auxiliary(sentence: list[Token], i: int) -> bool:
    """Is ``sentence[i]`` a participle after "blir"/"vert", or after a comma and an adverb ("…, populært kalla")?

    A comma right before the verb is no sign: "Gruppeleder Ingrid Solheim, kaller …" is finite.
    """
    k = i - 1
    while k >= 0 and i - k <= 2 and sentence[k].pos_ in ("ADV", "ADJ"):
        k -= 1
    if k < 0:
        return False
    return sentence[k].lower_ in function_words("passive_auxiliary") or (sentence[k].text == "," and k < i - 1)


# How far "som" may follow the verb in "beskriver situasjonen i byen som kaotisk".
MAX_WORDS_BEFORE_SOM = 10


def _how_exclamative(sentence: list[Token], k: int, verb: ReportingVerb) -> int | None:
    """Index of "kor"/"hvor" + adjective after a verb that stresses a point ("understreket hvor viktig …").

    Such verbs never ask, so the "how" clause is an exclamation, not an indirect question.
    """
    while k < len(sentence) and sentence[k].lower_ in skippable_adverbs():
        k += 1
    if k + 2 >= len(sentence) or verb.lemma not in function_words("stresses_a_point"):
        return None
    if sentence[k].lower_ in function_words("how_degree") and sentence[k + 1].pos_ == "ADJ":
        return k
    return None


def _som_aside_before(sentence: list[Token], i: int, after: int) -> tuple[int, int] | None:
    """Indexes of "som" and the closing comma of an aside: "…, som hun skriver i boka, å bli …".

    The aside is closed by a comma with more of the sentence after it; a verb about a topic
    ("som NRK skrev om i går") is no attribution.
    """
    som = i - 2
    while som > 0 and i - som <= MAX_SOM_SPEAKER_WORDS and sentence[som].lower_ != "som":
        som -= 1
    if som < 2 or sentence[som].lower_ != "som" or sentence[som - 1].text != ",":
        return None
    mention = mention_after(sentence, som + 1)
    if not mention or i - (som + 1) - len(mention) > 1 or _about_a_topic(sentence, after):
        return None  # one word may follow the speaker: "som han selv skriver"
    for k in range(after, min(len(sentence) - 2, after + MAX_SOM_SPEAKER_WORDS)):
        if sentence[k].text == ",":
            rest = sentence[k + 1 :]
            return (som, k) if _ends_attribution(sentence, after) and any(not t.is_punct for t in rest) else None
        if sentence[k].text in _END_PUNCT or sentence[k].pos_ in ("VERB", "AUX"):
            return None
    return None


def _opens_relative_clause(sentence: list[Token], som: int) -> bool:
    """Does a finite verb follow "som", past any adverbs ("som ikke kan", "som bedre vil")?"""
    k = som + 1
    while k < len(sentence) and (sentence[k].pos_ == "ADV" or sentence[k].dep_ == "ADV"):
        k += 1
    return k < len(sentence) and _is_finite_verb(sentence[k])


def _som_after(sentence: list[Token], start: int) -> int | None:
    """Index of the "som" of "beskrive X som Y" within a short object after ``start``."""
    for k in range(start + 1, min(len(sentence) - 1, start + MAX_WORDS_BEFORE_SOM)):
        if sentence[k].text in _END_PUNCT or sentence[k].text == ",":
            return None
        if sentence[k].lower_ == "som":
            return k
    return None


def _according_to(para: Para, sentence: list[Token], i: int, length: int) -> Candidate | None:
    """'Ifølge politiet er to skadd.' / 'To er skadd, ifølge politiet.'"""
    source = mention_after(sentence, i + length)
    if not source or all(t.pos_ in ("DET", "NUM", "PRON") for t in source):
        source = _part_of(sentence, i + length) or source
    mention_end = i + length + len(source)
    if source and (document_noun_of(source[-1].lower_) is not None or document_noun_of(source[0].lower_) is not None):
        k = mention_end
        if k < len(sentence) and sentence[k].lower_ in ("fra", "frå"):
            issuer = mention_after(sentence, k + 1)
            if issuer:
                source, mention_end = issuer, k + 1 + len(issuer)
    if not source:
        return None
    cue = (sentence[i], sentence[i + length - 1])
    if i > 0 and sentence[i - 1].text == ",":
        return _make(para, sentence, 0, i - 1, cue=cue, mention=source, rule="'…, ifølge X'", confidence=0.85)
    first = mention_end
    if i > 0 and sentence[i - 1].lower_ == "som" and first < len(sentence) and _is_finite_verb(sentence[first]):
        # "Hansen, som ifølge vitner kjørte bilen, nekter": the source vouches for the relative clause only.
        return _make(para, sentence, first, _clause_end(sentence, first), cue=cue, mention=source,
                     rule="'som ifølge X' relative clause", confidence=0.8)
    # "…, men ifølge flere medier skal besøket ha åpnet en kanal": a new main clause opens with it.
    opens_clause_after_conjunction = (i >= 2 and sentence[i - 1].lower_ in _CLAUSE_JOINERS
                                      and sentence[i - 2].text == ",")
    if i == 0 or all(t.pos_ == "ADV" for t in sentence[:i]) or opens_clause_after_conjunction:
        # Norwegian is verb-second: "Ifølge fiskeriminister Kari Holm (Sp) må kjedene …"
        # puts the finite verb right after the whole source phrase, however long it is.
        verbs = [k for k in range(i + length, min(len(sentence), i + length + 16)) if _is_finite_verb(sentence[k])]
        after_comma = _verb_after_source_comma(sentence, i + length, verbs)
        # "Ifølge politiet er to skadd, opplyste vaktsjefen": a reporting verb after the comma
        # attributes the whole sentence; the comma ends the statement, not the source.
        attributes = after_comma is not None and (found := verb_at(sentence, after_comma)) is not None \
            and found[0].direct
        if after_comma is not None and not attributes:
            # "I følgje eit vitne avisa har snakka med, skal nokre ha reist": the relative
            # clause in the source has its own verb; the comma closes the source.
            verbs = [after_comma]
        if verbs and verbs[0] >= mention_end:
            source = [t for t in sentence[i + length : verbs[0]] if not t.is_punct] or source
            first = verbs[0]
        while first < len(sentence) and sentence[first].text == ",":
            first += 1
        last = _clause_end(sentence, first)
        return _make(para, sentence, first, last, cue=cue, mention=source, rule="'ifølge X, …'", confidence=0.85)
    while first < len(sentence) and sentence[first].text == ",":
        first += 1
    # "Det er ifølge politiet to skadde": the sentence without its source.
    return _make(para, sentence, 0, _clause_end(sentence, 0), cue=cue, mention=source,
                 rule="'ifølge X' inside the clause", confidence=0.7)


def _part_of(sentence: list[Token], k: int) -> list[Token]:
    """'ifølge en av Mbekis livvakter': the source phrase through "av", or nothing."""
    if k + 1 < len(sentence) and sentence[k + 1].lower_ == "av" and sentence[k].pos_ in ("DET", "NUM", "PRON"):
        rest = mention_after(sentence, k + 2)
        return sentence[k : k + 2] + rest if rest else []
    return []


# How far the comma that closes an "ifølge" source may stand ("Ifølge et vitne NRK har snakket med, …").
MAX_SOURCE_WORDS = 12


def _verb_after_source_comma(sentence: list[Token], first: int, verbs: list[int]) -> int | None:
    """Index of the finite verb right after the first comma of an "ifølge X, …" source, if that is the shape."""
    for k in range(first, min(len(sentence) - 1, first + MAX_SOURCE_WORDS)):
        if sentence[k].text == ",":
            nxt = k + 1
            return nxt if _is_finite_verb(sentence[nxt]) and any(v < k for v in verbs) else None
    return None


def _frame_back(para: Para, sentence: list[Token], previous: list[Token] | None) -> Candidate | None:
    """'Det opplyser politiet.' after a narrative sentence reports that sentence."""
    if previous is None or len(sentence) < 3 or sentence[0].lower_ not in ("det", "dette"):
        return None
    found = verb_at(sentence, 1)
    # "Det viser en ny prognose fra NVE." frames a finding just as "Det melder NTB." frames news.
    if not found or not (found[0].direct or found[0].kind == "report"):
        return None
    mention = mention_after(sentence, 1 + found[1])
    if not mention or previous[0].text in "–-—«\"" or is_pronoun(mention[0]) and not found[0].direct:
        return None  # "Det viser seg …" is no frame
    last = _clause_end(previous, 0)
    cue = (sentence[1], sentence[found[1]])
    return _make(para, previous, 0, last, cue=cue, mention=mention, rule="'Det sier X' after the statement", confidence=0.75)


@lru_cache(maxsize=1)
def _trigger_words() -> frozenset[str]:
    """Every lower-case word at which a rule of the token loop in ``indirect_quotes`` can fire.

    Most words are none of these (nine in ten of our benchmark's), and skipping them spares every
    rule's lexicon lookups (speed only: the loop does nothing at any other word).
    """
    lexicon = cues()
    words = set(lexicon.according_to) | set(lexicon.verbs) | set(lexicon.verb_phrases)
    words |= {phrase[0] for phrase in lexicon.according_to_phrases}
    for form in lexicon.not_statements:  # "ser", or two words "viste seg" matched as "<word> <next>"
        words.add(form)
        words.update(form[:k] for k, char in enumerate(form) if char == " ")
    return frozenset(words)


def indirect_quotes(paras: list[Para]) -> list[Candidate]:
    """Candidates from reporting verbs, 'ifølge', 'Det sier X' frames and naming verbs."""
    lexicon = cues()
    triggers = _trigger_words()
    found: list[Candidate] = []
    for para in paras:
        if para.headline:
            continue
        previous: list[Token] | None = None
        reported: Candidate | None = None  # the last speech reported in the previous sentence
        for sentence in _sentences(para):
            frame = _frame_back(para, sentence, previous)
            if frame is not None:
                found.append(frame)
                previous, reported = sentence, None
                continue
            continued = _continued_complement(para, sentence, reported)
            if continued is not None:
                found.append(continued)
            before = len(found)
            for i in range(len(sentence)):
                lower = sentence[i].lower_
                if lower not in triggers:
                    continue  # no rule below can fire on this word: skip their lookups
                if lower in lexicon.according_to:
                    candidate = _according_to(para, sentence, i, 1)
                elif i + 1 < len(sentence) and (lower, sentence[i + 1].lower_) in lexicon.according_to_phrases:
                    candidate = _according_to(para, sentence, i, 2)
                elif (lower in lexicon.not_statements or _two_words(sentence, i) in lexicon.not_statements) \
                        and not _starts_verb_phrase(sentence, i):
                    continue  # "ser" perceives, but "ser ikkje vekk frå at" states; "viste seg at" is no report
                else:
                    hit = verb_at(sentence, i) or phrase_around_adverbs(sentence, i)
                    if hit is None:
                        candidate = _split_phrase_candidate(para, sentence, i)
                        if candidate is not None:
                            found.append(candidate)
                        continue
                    if not (hit[0].indirect or hit[0].naming):
                        continue
                    if i == 1 and sentence[0].lower_ in ("det", "dette", "slik"):
                        continue  # a frame for the quote before it, handled with that quote
                    candidate = _verb_candidate(para, sentence, i, hit[0], hit[1])
                if candidate is not None:
                    found.append(candidate)
            found.extend(_gapped_complements(para, sentence, found[before:]))
            previous = sentence
            reported = found[-1] if len(found) > before and found[-1].rule.startswith("'") else None
    return found


# "peker også på at", "slo likevel fast at": one adverb inside a two-word phrase (the cue
# prefilter in extract.cue_filter lists each phrase with one adverb).
MAX_ADVERBS_INSIDE_PHRASE = 1


def phrase_around_adverbs(sentence: list[Token], i: int) -> tuple[ReportingVerb, int] | None:
    """A two-word phrase with adverbs inside it and an at-clause after ("peikar òg på at …").

    Returns the verb and the tokens it takes, through the particle, like ``verb_at``.
    """
    for words, verb in cues().verb_phrases.get(sentence[i].lower_, ()):
        if len(words) != 2:
            continue
        k = i + 1
        while k < len(sentence) and k - i <= MAX_ADVERBS_INSIDE_PHRASE and sentence[k].lower_ in skippable_adverbs():
            k += 1
        if k > i + 1 and k + 1 < len(sentence) and sentence[k].lower_ == words[1] and sentence[k + 1].lower_ == "at":
            return verb, k + 1 - i
    return None


# The subject between the verb and the rest of a phrase is short: "la ordførar Haugen vekt på".
MAX_INNER_SUBJECT_WORDS = 4
# Only phrases of three words or more ("la … vekt på", "fikk … beskjed om"): their tail is distinctive
# enough for the cue prefilter (extract.cue_filter), where "legger … til" would pass every "til".
MIN_SPLIT_PHRASE_WORDS = 3


def _split_phrase_candidate(para: Para, sentence: list[Token], i: int) -> Candidate | None:
    """'I tala si la ordførar Haugen vekt på at …': a phrase with its subject inside it (verb second).

    The first word of the phrase, then the subject, then the rest of the phrase and an at-clause.
    """
    phrases = _splittable_phrases().get(sentence[i].lower_, ())
    if i == 0 or not phrases:
        return None
    # Each phrase goes on after the subject: without its second word later in the sentence, no
    # phrase can match, and the subject need not be read.
    later = {t.lower_ for t in sentence[i + 2 :]}
    if not any(words[1] in later for words, _verb in phrases):
        return None
    longest = mention_after(sentence, i + 1, max_len=MAX_INNER_SUBJECT_WORDS)
    for words, verb in phrases:
        # The subject phrase may swallow the noun of the phrase ("47-åringen beskjed"): try each length.
        for size in range(len(longest), 0, -1):
            rest = i + 1 + size
            after = rest + len(words) - 1
            if tuple(t.lower_ for t in sentence[rest:after]) != words[1:]:
                continue
            if after >= len(sentence) or sentence[after].lower_ != "at":
                continue
            return _make(para, sentence, after + 1, _clause_end(sentence, after + 1),
                         cue=(sentence[i], sentence[after - 1]), mention=longest[:size],
                         rule=f"'{' '.join(words)} at' with the subject inside", confidence=0.85)
    return None


@lru_cache(maxsize=1)
def _splittable_phrases() -> dict[str, list[tuple[tuple[str, ...], ReportingVerb]]]:
    """By first word, in lexicon order, the phrases that may hold their subject (indirect, long
    enough): filtered once, not at every word that starts a phrase."""
    by_first: dict[str, list[tuple[tuple[str, ...], ReportingVerb]]] = {}
    for first, found in cues().verb_phrases.items():
        for words, verb in found:
            if verb.indirect and len(words) >= MIN_SPLIT_PHRASE_WORDS:
                by_first.setdefault(first, []).append((words, verb))
    return by_first


# "…, 26 prosent at …": the noun phrase of a gapped clause is short.
MAX_GAPPED_SUBJECT_WORDS = 4


def _gapped_at(sentence: list[Token], k: int) -> int | None:
    """Index of "at" in a gapped clause from ``k``: "(svarer 51 prosent at X), 26 prosent at Y"."""
    for j in range(k, min(len(sentence), k + MAX_GAPPED_SUBJECT_WORDS + 1)):
        if sentence[j].lower_ == "at":
            return j if j > k else None
        if sentence[j].pos_ not in ("NUM", "NOUN", "PROPN", "DET", "ADJ") and sentence[j].text != "%":
            return None
    return None


def _gapped_complements(para: Para, sentence: list[Token], found: list[Candidate]) -> list[Candidate]:
    """"I år svarer 51 prosent at X, 26 prosent at Y": the verb is left out of the second clause.

    Each ", NP at …" right after an at-complement reports one more clause with the same verb,
    said by that noun phrase.
    """
    extra: list[Candidate] = []
    for candidate in found:
        if not candidate.rule.endswith(" at'") or candidate.cue is None:
            continue
        while True:
            comma = next((k for k, t in enumerate(sentence) if para.char(t) >= candidate.end), None)
            if comma is None or sentence[comma].text != ",":
                break
            at = _gapped_at(sentence, comma + 1)
            if at is None:
                break
            mention = sentence[comma + 1 : at]
            gapped = _make(para, sentence, at + 1, _clause_end(sentence, at + 1), cue=(mention[0], mention[-1]),
                           mention=mention, rule="gapped ', NP at' after a reported clause", confidence=0.75)
            if gapped is None:
                break
            gapped.cue = candidate.cue  # the left-out verb is the first clause's
            extra.append(gapped)
            candidate = gapped
    return extra


def _continued_complement(para: Para, sentence: list[Token], reported: Candidate | None) -> Candidate | None:
    """'Han mener X. At Y.': a sentence of its own that opens with "at" goes on with the same speech.

    Right after reported speech, such a sentence is the rest of that speech, commas and all
    ("At sjefene, i sin iver, har brukt skitne triks."), so it runs to the sentence end.
    """
    if reported is None or reported.cue is None or len(sentence) < 3 or sentence[0].lower_ != "at":
        return None
    last = len(sentence)
    while last > 1 and sentence[last - 1].text in _END_PUNCT:
        last -= 1
    if last < 3:
        return None
    candidate = Candidate(para.char(sentence[1]), para.char_end(sentence[last - 1]), _span_type(sentence[1:last]), para,
                          rule="'at' continuing the previous statement", cue=reported.cue,
                          mention=reported.mention, confidence=0.7)
    return candidate
