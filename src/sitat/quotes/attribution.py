"""Find the reporting verb of a clause and the words that name its speaker."""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Token

from ..speakers.entities import name_end
from ..speakers.gender import gender_of_first_name
from ..speakers.lexicon import holding_verbs, pronoun_forms, role_of
from .cues import ReportingVerb, cues, function_words

# Punctuation ends a speaker phrase, and so do the function words that start what follows the
# name (function_words.tsv, group ends_speaker_phrase).
_PUNCTUATION = frozenset({",", ".", ":", ";", "!", "?", "(", ")", "«", "»", '"', "“", "”", "–", "-", "—"})
_NOMINAL_POS = frozenset({"PROPN", "NOUN", "ADJ", "DET", "NUM", "X"})


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    return _PUNCTUATION | function_words("ends_speaker_phrase")


def _ends_phrase(token: Token) -> bool:
    """A word that ends a speaker phrase; "DA" or "SÅ" in capitals is an abbreviation, a name."""
    return token.lower_ in _stop_words() and not _abbreviation(token)


def skippable_adverbs() -> frozenset[str]:
    """Adverbs between a verb and its subject or complement: ", sier også Støre"."""
    return function_words("adverb_between")


@lru_cache(maxsize=1)
def _skippable_before_subject() -> frozenset[str]:
    return skippable_adverbs() | {"ifølge", "da", "så"}


def verb_at(tokens: list[Token], i: int) -> tuple[ReportingVerb, int] | None:
    """The reporting verb starting at ``tokens[i]`` and how many tokens it takes, if any."""
    lexicon = cues()
    lower = tokens[i].lower_
    phrases = lexicon.verb_phrases.get(lower, ())
    if phrases:
        # The words ahead, read once for the longest phrase; each phrase compares its prefix.
        ahead = tuple(t.lower_ for t in tokens[i : i + max(len(words) for words, _verb in phrases)])
        for words, verb in phrases:
            n = len(words)
            if i + n <= len(tokens) and ahead[:n] == words:
                return verb, n
    verb = lexicon.verbs.get(lower)
    if verb is None:
        return None
    # "sa" and "tro" are also nouns/adverbs; trust the tagger when it says the word is no verb.
    if tokens[i].pos_ and tokens[i].pos_ not in ("VERB", "AUX", "") and tokens[i].tag_ not in ("verb",):
        if tokens[i].pos_ in ("NOUN", "PROPN", "ADP", "DET", "PRON"):
            return None
    return verb, 1


def is_pronoun(token: Token) -> bool:
    return token.lower_ in pronoun_forms()


def capitalised(token: Token) -> bool:
    """'Kari', 'Vinje-ordførar': a capital first letter ("Vinje-ordførar" is no title case to Python)."""
    return token.text[:1].isupper() and token.text[1:2].islower()


def _abbreviation(token: Token) -> bool:
    """'DA', 'SV', 'NRK': two or more capitals are a name, even where the tagger reads "da" or "så"."""
    return token.is_upper and token.is_alpha and len(token.text) > 1


def name_like(token: Token) -> bool:
    """'Støre', 'SV', 'KrF': a word with a capital first, either side of "og" between two names."""
    return token.text[:1].isupper()


def looks_nominal(token: Token) -> bool:
    if token.pos_ in _NOMINAL_POS or _abbreviation(token):
        return True
    # Without a tagger, a capitalised word is the best guess for a name.
    return not token.pos_ and (token.is_title or token.is_upper) and token.is_alpha


def mention_after(tokens: list[Token], i: int, *, max_len: int = 8) -> list[Token]:
    """The speaker phrase starting at ``tokens[i]`` (after an inverted verb: ", sier Støre")."""
    while i < len(tokens) and tokens[i].lower_ in _skippable_before_subject():
        i += 1
    if i >= len(tokens):
        return []
    if is_pronoun(tokens[i]):
        return [tokens[i]]
    phrase: list[Token] = []
    for k in range(i, min(len(tokens), i + max_len)):
        token = tokens[k]
        # "Natur og Ungdom", "Lars Sponheim og Dagfinn Høybråten": "og" between two names.
        joins_names = token.lower_ == "og" and phrase and name_like(phrase[-1]) and k + 1 < len(tokens) \
            and name_like(tokens[k + 1])
        # "ein trøytt og nøgd bonde": "og" between two adjectives.
        joins_names = joins_names or (token.lower_ == "og" and phrase and phrase[-1].pos_ == "ADJ"
                                      and k + 1 < len(tokens) and tokens[k + 1].pos_ == "ADJ")
        if _ends_phrase(token) and not joins_names and not (phrase and token.text == "-" and not token.whitespace_):
            named = _name_after_role_place(tokens, phrase, k)
            if named:
                phrase.extend(tokens[k:named])
            break
        if not (looks_nominal(token) or token.is_title or joins_names):
            break
        phrase.append(token)
    # "sier den tyske statsministeren" keeps its determiner; a lone determiner is no speaker.
    if phrase and all(t.pos_ == "DET" for t in phrase):
        return []
    return phrase


# How far past "sier litteraturkritiker i …" the person's name may stand: "lederen for landets
# største fagforbund Unión Nacional de Obreros (UNO), Pablo Herrera".
_MAX_ROLE_PLACE_WORDS = 12


def _name_after_role_place(tokens: list[Token], phrase: list[Token], k: int) -> int | None:
    """'sier musikkanmelder i svenske Göteborgs-Posten Lars Erik Lund': the name ends the phrase.

    After a role and a preposition ("i", "ved", "hos"), the words up to a person's name tell
    where the person works; the phrase runs to the end of that name (index past it), if there is one.
    A name set off by a comma wins over a name-like word inside the workplace ("lederen for
    fagforbundet Unión Nacional (UNO), Pablo Herrera").
    """
    if not phrase or role_of(phrase[-1].text) is None:
        return None
    if _name_set_off_at(tokens, k):
        return _name_end(tokens, k + 1)  # "sier kommunens helsesjef, Kari Lie, til avisen"
    if tokens[k].pos_ != "ADP":
        return None
    names: list[int] = []
    for j in range(k + 1, min(len(tokens), k + 1 + _MAX_ROLE_PLACE_WORDS)):
        token = tokens[j]
        if _name_set_off_at(tokens, j):
            return _name_end(tokens, j + 1)
        abbreviation = token.text in ("(", ")")  # "(CUT)"
        if (token.is_punct and not abbreviation) or token.pos_ in ("VERB", "AUX", "SCONJ", "CCONJ"):
            break
        if token.ent_type_ == "PER" and token.ent_iob_ == "B":
            names.append(j)
    return _name_end(tokens, names[0]) if names else None


def _name_set_off_at(tokens: list[Token], j: int) -> bool:
    """Does a comma at ``tokens[j]`` set off a person's name ("…, Pablo Herrera")?"""
    return tokens[j].text == "," and j + 1 < len(tokens) and (
        tokens[j + 1].ent_type_ == "PER" or (tokens[j + 1].pos_ == "PROPN" and gender_of_first_name(tokens[j + 1].text) is not None))


def _name_end(tokens: list[Token], j: int) -> int:
    """Index past the person's name that starts at ``tokens[j]``."""
    end = j + 1
    while end < len(tokens) and tokens[end].ent_type_ == "PER" and tokens[end].ent_iob_ == "I":
        end += 1
    return name_end(tokens, end)  # the surname the NER left out


def mention_before(tokens: list[Token], i: int, *, max_len: int = 8) -> list[Token]:
    """The speaker phrase ending just before ``tokens[i]`` (a verb in "Støre sier at")."""
    j = i - 1
    # "Støre (Ap) sier": step over a party in parentheses.
    if j >= 2 and tokens[j].text == ")" and tokens[j - 2].text == "(":
        j -= 3
    if j >= 0 and is_pronoun(tokens[j]):
        return [tokens[j]]
    phrase: list[Token] = []
    while j >= 0 and len(phrase) < max_len:
        token = tokens[j]
        # "Lars Sponheim og Dagfinn Høybråten sier": "og" between two names.
        joins_names = token.lower_ == "og" and phrase and name_like(phrase[0]) and j > 0 and name_like(tokens[j - 1])
        if (_ends_phrase(token) and not joins_names) or not (looks_nominal(token) or token.is_title or joins_names):
            break
        phrase.insert(0, token)
        j -= 1
    while phrase and phrase[0].pos_ == "ADJ" and not phrase[0].is_title and len(phrase) > 1 and phrase[0].i == tokens[0].i:
        phrase.pop(0)
    return phrase


def subject_of(verb: Token) -> Token | None:
    """The verb's subject according to the parser (NDT label SUBJ), if the parse has one."""
    for child in verb.children:
        if child.dep_ == "SUBJ":
            return child
    return None


def _after_preposition(tokens: list[Token], phrase: list[Token]) -> bool:
    """Does a preposition stand right before the phrase ("i VG TVs partilederdebatt")? Then it is no subject."""
    k = phrase[0].i - tokens[0].i if phrase else 0
    return k > 0 and tokens[k - 1].pos_ == "ADP" and tokens[k - 1].is_lower


def _subject_after_subordinator(tokens: list[Token], phrase: list[Token]) -> list[Token] | None:
    """The subject of a subordinate clause stands right after its subordinator: "når hun … sa at"."""
    for j in range(phrase[0].i - tokens[0].i - 1, 0, -1):
        if tokens[j].pos_ in ("VERB", "AUX") or tokens[j].is_punct:
            return None
        if tokens[j].pos_ == "SCONJ" and j + 1 < len(tokens):
            first = tokens[j + 1]
            if is_pronoun(first) or first.pos_ == "PROPN":
                return mention_after(tokens, j + 1)
            return None
    return None


def _joins_names_at(tokens: list[Token], k: int, limit: int) -> bool:
    """'Lars Sponheim og Dagfinn Høybråten sier': "og" between two capitalised words before the verb."""
    return tokens[k].lower_ == "og" and k + 1 < limit and name_like(tokens[k - 1]) and name_like(tokens[k + 1])


# How many verbs up a participle or infinitive may look for its subject.
MAX_VERB_CHAIN = 3


# How many adverbs may stand between "som" and the verb of its clause: "som heller ikkje legg".
MAX_ADVERBS_AFTER_SOM = 3


def _relative_antecedent(tokens: list[Token], verb_index: int) -> list[Token]:
    """'ordføraren i Askøy, Kari Lie, som seier at': the speaker is the name the relative clause hangs on.

    Without a comma the clause hangs on the speaker phrase right before "som": "påpeikar rektoren
    som heller ikkje er nøgd med at …" (a role or a name; "de som" is handled as "whoever").
    """
    j = verb_index - 1
    while j > verb_index - 1 - MAX_ADVERBS_AFTER_SOM and j > 0 and tokens[j].pos_ in ("ADV", "PART"):
        j -= 1
    if j < 2 or tokens[j].lower_ != "som":
        return []
    if tokens[j - 1].text == ",":
        phrase = mention_before(tokens, j - 1)
        return phrase if phrase and phrase[-1].pos_ == "PROPN" else []
    phrase = mention_before(tokens, j)
    return phrase if phrase and (phrase[-1].pos_ == "PROPN" or role_of(phrase[-1].text) is not None) else []


def mention_from_subject(tokens: list[Token], verb_index: int) -> list[Token]:
    """The speaker phrase for a verb, from the parse first, then from adjacent words."""
    verb = tokens[verb_index]
    antecedent = _relative_antecedent(tokens, verb_index)
    if antecedent:
        return antecedent
    subject = subject_of(verb)
    if subject is None and verb.dep_ == "KOORD":
        # "… er lei av at Venstre skylder på andre, og mener partiet må ta ansvar": the subject of
        # the first verb is the subject of both.
        subject = subject_of(verb.head)
    if subject is None and verb.pos_ == "NOUN" and verb.dep_ == "DOBJ" and verb.head.lower_ in holding_verbs():
        # "Politiet har en teori om at …": a noun cue's view belongs to the subject that has it.
        subject = subject_of(verb.head)
    head = verb
    for _ in range(MAX_VERB_CHAIN):
        # "SV har uttrykt at", "Larsen kommenterte rapporten med å seie at": a participle or an
        # infinitive takes the subject of the verb it hangs from.
        # Only through verb chains and the preposition before "å": a verb in an adverbial clause
        # ("når det sies at …, stusser jeg") has a subject of its own.
        chained = head.dep_ in ("INFV", "PUTFYLL") or (head.dep_ == "ADV" and head.pos_ == "ADP")
        if subject is not None or head.head is head or not chained:
            break
        head = head.head
        subject = subject_of(head)
    if subject is not None and subject.i >= tokens[0].i and subject.i <= tokens[-1].i:
        k = subject.i - tokens[0].i
        if is_pronoun(subject):
            return [subject]
        if subject.i > verb.i:
            phrase = mention_after(tokens, k)
        else:
            # Grow from the subject word to the right edge of its name, then back to its start.
            end = k
            while end + 1 < verb_index and (tokens[end + 1].pos_ == "PROPN" or tokens[end + 1].ent_iob_ == "I"
                                             or _joins_names_at(tokens, end + 1, verb_index)):
                end += 1
            phrase = mention_before(tokens, end + 1)
            if _after_preposition(tokens, phrase):
                # "når hun i kveldens debatt på radioen sa at": the parse took the place for the subject.
                phrase = _subject_after_subordinator(tokens, phrase) or []
                if phrase:
                    return phrase
        if phrase and subject in phrase or (phrase and any(t.head == subject or subject.head == t for t in phrase)):
            return phrase
    before = mention_before(tokens, verb_index)
    if before and before[0].i == verb.sent.start:
        # Verb-second: a noun phrase filling everything before the verb is its subject ("Dahls
        # sjef mener han er …"), whatever follows.
        return before
    if verb_index + 1 < len(tokens):
        after = tokens[verb_index + 1]
        if is_pronoun(after) or after.pos_ == "PROPN" or after.ent_type_ in ("PER", "ORG", "GPE_ORG"):
            return mention_after(tokens, verb_index + 1)
    return before
