"""The people and organisations of one article: names clustered, with what the text says of them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Token

from ..quotes.candidates import Para
from .gender import gender_of_first_name
from .lexicon import (
    countries,
    country_name,
    looks_like_organisation,
    organisation_aliases,
    organisations,
    parties,
    role_of,
)

PERSON, ORGANISATION = "person", "organisation"
# The speakers of one joint statement ("Lars Sponheim og Dagfinn Høybråten"): a kind of its own, so
# that neither the article's coreference nor the store's identity takes it for one of its members.
GROUP = "group"
_ORG_LABELS = {"ORG", "GPE_ORG"}


@dataclass
class Entity:
    id: str
    kind: str
    name: str  # the fullest form the article uses
    mentions: list[tuple[int, int]] = field(default_factory=list)  # article offsets
    role: str | None = None
    role_lemma: str | None = None
    role_category: str | None = None
    organisation: str | None = None
    party: str | None = None
    country: str | None = None
    gender: str | None = None
    gender_from: str | None = None  # "pronoun", "first name" or "role"
    members: list["Entity"] = field(default_factory=list)  # the speakers of a joint statement

    @property
    def words(self) -> list[str]:
        return self.name.split()

    @property
    def surname(self) -> str:
        return self.words[-1]

    def last_before(self, offset: int) -> int | None:
        before = [s for s, _ in self.mentions if s < offset]
        return max(before) if before else None


def name_end(tokens, end: int) -> int:
    """Index past the capitalised proper nouns from ``tokens[end]`` on that still belong to a name.

    The NER often stops a name early ("Lars Erik Lund" tagged only up to "Erik"); a capitalised
    proper noun right after it that the NER gave no label of its own is the rest of the name.
    ``tokens`` is a list of tokens or a Doc.
    """
    while end < len(tokens) and tokens[end].is_title and tokens[end].pos_ == "PROPN" and not tokens[end].ent_type_:
        end += 1
    return end


def strip_genitive(name: str, known: set[str]) -> str:
    """'Støres' -> 'Støre' when the article knows Støre (Norwegian genitive -s)."""
    if name.endswith("s") and name[:-1] in known:
        return name[:-1]
    return name


def name_bounds(words: list[str]) -> tuple[int, int, str | None]:
    """Where the person's name lies in words the NER tagged PER: (start, end, role word).

    "Keeper Sondre Vik" -> (1, 3, "Keeper"); "Göteborgs-Posten Lars Erik Lund" -> (1, 4, None);
    "Egypt" or "Norges Fotballforbund" -> (0, 0, None): not a person at all.
    """
    start, end, role = 0, len(words), None
    roles = [k for k, word in enumerate(words[:-1]) if role_of(word) is not None]
    if roles:  # "Slovenias ambassadør Ana Novak": the name follows the last role
        role, start = words[roles[-1]], roles[-1] + 1
    while start < end and not words[start][:1].isupper():
        start += 1
    if end - start > 2 and gender_of_first_name(words[start]) is None:
        # Start at the first word that is a known first name.
        firsts = [k for k in range(start, end - 1) if gender_of_first_name(words[k]) is not None]
        start = firsts[0] if firsts else start
    # "Svindal Dagbladet.no": a web address or a known organisation after the name is no part of it.
    while end - start > 1 and ("." in words[end - 1] or words[end - 1].lower() in organisations()):
        end -= 1
    name = " ".join(words[start:end])
    single = end - start == 1 and (name.lower() in countries() or name.lower() in organisations())
    single = single or (name.endswith("s") and name[:-1].lower() in organisations())  # "Branns", "Tønsbergs Blads"
    if start >= end or single or looks_like_organisation(name):
        return 0, 0, role  # "Chiles", "Branns": a country's or a club's genitive
    return start, end, role


class Registry:
    """Entities of one article, built in text order from NER names and resolved mentions."""

    def __init__(self, text: str = "") -> None:
        self.entities: list[Entity] = []
        self.text = text
        self.paras: list[Para] = []  # the parsed paragraphs, for what a speaker rule must read off the parse
        # _full_name per surname: it scans the whole text, and a surname recurs in many mentions.
        self._full_names: dict[str, str] = {}

    def _new(self, kind: str, name: str) -> Entity:
        entity = Entity(f"e{len(self.entities) + 1}", kind, name)
        self.entities.append(entity)
        return entity

    def person(self, name: str, start: int, end: int) -> Entity:
        """The person called ``name`` here, matched on full name or surname, or a new one."""
        words = name.split()
        match = None
        for entity in reversed(self.entities):
            if entity.kind != PERSON or entity.members:
                continue
            seen_words = entity.words  # split once here: the loop runs over every person for every mention
            if entity.name == name or (len(words) > 1 and seen_words[0] == words[0] and seen_words[-1] == words[-1]):
                match = entity
                break
            # "Barth Eide" after "Espen Barth Eide", or the other way round.
            shorter, longer = sorted((words, seen_words), key=len)
            if len(shorter) > 1 and longer[-len(shorter):] == shorter:
                match = entity
                break
            if len(words) == 1 and words[0] in (seen_words[-1], seen_words[0]):
                match = entity
                break
            if len(words) > 1 and len(seen_words) == 1 and seen_words[-1] == words[-1]:
                match = entity  # "Støre" was seen first, "Jonas Gahr Støre" now
                break
        if match is None:
            match = self._new(PERSON, name)
        if len(words) > len(match.words):
            match.name = name
        if len(match.words) == 1 or gender_of_first_name(match.words[0]) is None:
            # "Ceskeviciute" or "Bekkemellem Orheim": no first name yet; the article may write it.
            match.name = self._full_name(match.name)
        match.mentions.append((start, end))
        if match.gender is None:
            guess = gender_of_first_name(match.words[0]) if len(match.words) > 1 else None
            if guess:
                match.gender, match.gender_from = guess, "first name"
        return match

    def _full_name(self, surname: str) -> str:
        """'Ceskeviciute' -> 'Neringa Ceskeviciute' when the article writes the first name anywhere."""
        if surname not in self._full_names:
            self._full_names[surname] = self._full_name_in_text(surname)
        return self._full_names[surname]

    def _full_name_in_text(self, surname: str) -> str:
        pattern = re.compile(r"((?:[A-ZÆØÅ][\w-]+ ){1,3})" + re.escape(surname) + r"(?![\w-])")
        best = surname
        for match in pattern.finditer(self.text):
            words = match.group(1).split()
            while words and gender_of_first_name(words[0]) is None:
                words = words[1:]  # "Vertinna Neringa": start at the first name
            if words and len(words) + len(surname.split()) > len(best.split()):
                best = " ".join(words + [surname])
        return best

    def organisation(self, name: str, start: int, end: int) -> Entity:
        known = organisations().get(name.lower())
        for entity in reversed(self.entities):
            if entity.kind != ORGANISATION or entity.members:
                continue
            same = _same_name_but_linking_s(entity.name.lower(), name.lower())
            if not same and known is not None:
                same = organisations().get(entity.name.lower()) == known
            if same:
                if len(name) > len(entity.name):
                    entity.name = name
                entity.mentions.append((start, end))
                return entity
        short_for = self._abbreviated(name) if known is None else None
        if short_for is not None:
            short_for.mentions.append((start, end))
            return short_for
        entity = self._new(ORGANISATION, name)
        entity.mentions.append((start, end))
        if known is None:
            entity.name = spelled_out(self.text, name) or name
        if known is not None:
            entity.organisation = known.name
            entity.country = country_name(known.country)
            entity.role_category = known.kind
            # The fullest form the article uses: "NVE" is "Norges vassdrags- og energidirektorat"
            # when the article spells it out anywhere.
            forms = organisation_aliases(known)
            used = [self.text[m.start() : m.end()] for alias in forms
                    for m in [_find_word(self.text, alias)] if m is not None]
            if used:
                entity.name = max(used + [name], key=len)
        return entity

    def _abbreviated(self, name: str) -> Entity | None:
        """'UP' after 'Utrykningspolitiet': an organisation named before, of which this is the abbreviation."""
        if not _is_abbreviation(name):
            return None
        return next((e for e in reversed(self.entities) if e.kind == ORGANISATION and not e.members
                     and len(e.name) > len(name) + 3 and e.name[0].lower() == name[0].lower()
                     and _letters_in_order(name, e.name)), None)

    def group(self, members: list[Entity], start: int, end: int) -> Entity:
        """Speakers of one joint statement ("A og B"): an entity of its own, named after both."""
        name = " og ".join(m.name for m in members)
        entity = next((e for e in self.entities if e.name == name and e.kind == GROUP), None)
        if entity is None:
            entity = self._new(GROUP, name)
            entity.members = list(members)
            shared = {m.party for m in members}
            entity.party = shared.pop() if len(shared) == 1 else None
            genders = {m.gender for m in members}
            entity.gender = genders.pop() if len(genders) == 1 else None
        entity.mentions.append((start, end))
        return entity

    def person_at(self, start: int, end: int) -> Entity | None:
        """The person one of whose mentions overlaps [start, end)."""
        for entity in self.entities:
            if entity.kind == PERSON and not entity.members and any(s < end and start < e for s, e in entity.mentions):
                return entity
        return None

    def people_before(self, offset: int) -> list[Entity]:
        """People mentioned before ``offset``, the most recently mentioned first."""
        # A joint speaker ("A og B") is no antecedent of "han" or "Sponheim".
        seen = [(e.last_before(offset), e) for e in self.entities if e.kind == PERSON and not e.members]
        return [e for pos, e in sorted((p for p in seen if p[0] is not None), key=lambda p: -p[0])]

    def people_after(self, offset: int, within: int) -> list[Entity]:
        """People first mentioned after ``offset`` and no more than ``within`` characters later, nearest first."""
        seen = [(min(s for s, _ in e.mentions), e) for e in self.entities
                if e.kind == PERSON and not e.members and e.mentions]
        return [e for pos, e in sorted(seen, key=lambda p: p[0]) if offset < pos <= offset + within]

    def organisations_before(self, offset: int) -> list[Entity]:
        seen = [(e.last_before(offset), e) for e in self.entities if e.kind == ORGANISATION and not e.members]
        return [e for pos, e in sorted((p for p in seen if p[0] is not None), key=lambda p: -p[0])]


def _same_name_but_linking_s(a: str, b: str) -> bool:
    """'Domstolsadministrasjonen' and 'Domstoladministrasjonen': one compound, with and without the linking s."""
    if a == b:
        return True
    shorter, longer = sorted((a, b), key=len)
    if len(longer) != len(shorter) + 1 or " " in longer:
        return False
    cut = next((k for k in range(len(shorter)) if shorter[k] != longer[k]), len(shorter))
    return longer[cut] == "s" and longer[cut + 1 :] == shorter[cut:] and 3 <= cut <= len(shorter) - 4


def _known_organisation_misread(registry: Registry, para: Para, ent) -> None:
    """'Tønsbergs Blads nettutgave' tagged PER: a known organisation, also in the genitive, is registered as one."""
    name = ent.text
    if name.lower() not in organisations() and name.endswith("s") and name[:-1].lower() in organisations():
        name = name[:-1]
    if name.lower() in organisations() and len(ent) > 1:
        start = para.char(ent[0])
        registry.organisation(name, start, start + len(name))


def _followed_by_age(ent) -> bool:
    """'Aysel (31) satt helt stille': a name with an age in parentheses is a person's, whatever the NER says."""
    doc = ent.doc
    if ent.end + 2 >= len(doc) or not ent[0].is_title:
        return False
    opening, age, closing = doc[ent.end], doc[ent.end + 1], doc[ent.end + 2]
    return opening.text == "(" and closing.text == ")" and age.text.isdigit() and len(age.text) <= 2


def _is_title_in_quotes(ent) -> bool:
    """«Mein Kampf», «Skal vi danse»: a title in quote marks that the NER took for a person."""
    before = ent.doc[ent.start - 1] if ent.start > 0 else None
    after = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    if before is None or before.text not in ("«", '"', "“"):
        return False
    # Marks on both sides enclose a title even when its first word is also a first name ("Mein").
    return (after is not None and after.text in ("»", '"', "”")) or gender_of_first_name(ent[0].text) is None


# An abbreviation the article may spell out: "UP", "Klif", "SIRUS".
_ABBREVIATION = re.compile(r"[A-ZÆØÅ][A-ZÆØÅa-zæøå]{1,5}")
# Web addresses that name a news site or an outlet: "TMZ.com".
_DOMAIN_ENDINGS = ("com", "no", "net", "org")


def spelled_out(text: str, name: str) -> str | None:
    """The fullest form of an organisation's short name that the article gives.

    "Klima- og ureiningsdirektoratet (KLIF)" spells out "KLIF"; "TMZ.com" is the site "TMZ" stands for.
    """
    if not _is_abbreviation(name):
        return None
    # Both searches need the name written literally ("TMZ.", "(KLIF)"); testing that first skips
    # the regex scans, the slow one over every start position, for most names.
    site = name + "." in text and re.search(r"(?<!\w)" + re.escape(name) + r"\.(?:" + "|".join(_DOMAIN_ENDINGS) + r")(?!\w)", text)
    if site:
        return site.group(0)
    if f"({name})" not in text:
        return None
    for m in re.finditer(r"([^.!?():;,«»\n]+?)\s*\(" + re.escape(name) + r"\)", text):
        words = m.group(1).split()
        capitalised = [k for k, w in enumerate(words) if w[:1].isupper()]
        if not capitalised:
            continue
        full = " ".join(words[capitalised[-1]:])
        if full[0].lower() == name[0].lower() and (looks_like_organisation(full) or _letters_in_order(name, full)):
            return full
    return None


def _is_abbreviation(name: str) -> bool:
    return bool(_ABBREVIATION.fullmatch(name)) and sum(c.isupper() for c in name) >= 2


def _letters_in_order(abbreviation: str, full: str) -> bool:
    """'UP' in 'Utrykningspolitiet', 'Sirus' in 'Statens institutt for rusmiddelforskning'."""
    rest = iter(full.lower())
    return all(c in rest for c in abbreviation.lower())


def _find_word(text: str, phrase: str):
    """The first whole-word, case-insensitive occurrence of ``phrase`` in ``text``."""
    return re.search(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)", text, flags=re.IGNORECASE)


def collect(paras: list[Para], text: str = "") -> Registry:
    """Every PER/ORG name the NER finds, in text order, with the profile its context gives."""
    registry = Registry(text)
    registry.paras = paras
    for para in paras:
        for ent in para.tokens.ents:
            if ent.label_ == "PER" or _followed_by_age(ent):
                first, last, _ = name_bounds([t.text for t in ent])
                if first == last or _is_title_in_quotes(ent):
                    _known_organisation_misread(registry, para, ent)
                    continue
                tokens = ent[first:last]
                doc = ent.doc
                stop = tokens.end
                if last == len(ent):
                    stop = name_end(doc, stop)
                    tokens = doc[tokens.start : stop]
                start, end = para.char(tokens[0]), para.char_end(tokens[-1])
                known = {e.name.split()[-1] for e in registry.entities if e.kind == PERSON}
                name = strip_genitive(para.text[start - para.start : end - para.start], known)
                following = ent.doc[ent.end] if ent.end < len(ent.doc) else None
                if name == ent.text and name.endswith("s") and following is not None and following.is_lower \
                        and following.pos_ in ("NOUN", "ADJ") and len(tokens[-1]) > 3:
                    name = name[:-1]  # "Adolf Hitlers tekst": a genitive, the name is "Adolf Hitler"
                entity = registry.person(name, start, end)
                sentence = ent.sent  # a Span built anew at each call
                read_profile(entity, para.tokens_of(sentence), tokens[0].i - sentence.start, tokens[-1].i - sentence.start)
                continue
            span = with_country_adjective(ent) if ent.label_ in _ORG_LABELS else ent
            start, end = para.char(span[0]), para.char_end(span[-1])
            if ent.label_ in _ORG_LABELS and not ent.text.endswith("s"):
                registry.organisation(para.text[start - para.start : end - para.start], start, end)
    return registry


def with_country_adjective(ent):
    """'Det nordkoreanske utenriksdepartementet': a common-noun organisation keeps its country.

    The NER tags only "utenriksdepartementet"; the article's name for it, and the one a reader
    needs, includes the country adjective and its determiner.
    """
    doc = ent.doc
    first = ent.start
    if not ent[0].is_lower or first == 0 or doc[first - 1].lower_ not in countries():
        return ent
    first -= 1
    if first > 0 and doc[first - 1].lower_ in ("den", "det", "de", "dei"):
        first -= 1
    return doc[first : ent.end]


def read_profile(entity: Entity, sentence: list[Token], first: int, last: int) -> None:
    """Role, organisation, party and country from the words around one mention of a person.

    Reads "Tysklands statsminister Olaf Scholz", "Nato-sjef Jens Stoltenberg",
    "Jonas Gahr Støre (Ap)", "Frp-leder Sylvi Listhaug" and "Kari Holm, professor ved UiO,".
    """
    k = first - 1
    workplace: list[Token] = []
    if k >= 0 and role_of(sentence[k].text) is None:
        k, workplace = _role_before_workplace(sentence, first)
    if workplace and entity.organisation is None:
        names = [t for t in workplace if t.is_title or t.is_upper]
        if names:
            entity.organisation = " ".join(t.text for t in names)
    if k >= 0:
        role = role_of(sentence[k].text)
        if role is not None and not sentence[k].is_punct:
            _set_role(entity, sentence[k].text, role)
            read_qualifier(entity, sentence[k].text)
            if k - 1 >= 0:
                read_qualifier(entity, sentence[k - 1].text)
    if last + 3 < len(sentence) and sentence[last + 1].text == "(" and sentence[last + 3].text == ")":
        party = parties().get(sentence[last + 2].text.lower())
        if party is not None:
            entity.party = party.abbreviation
            entity.country = entity.country or country_name(party.country)
    if entity.role is None and last + 2 < len(sentence) and sentence[last + 1].text == ",":
        role = role_of(sentence[last + 2].text)
        if role is not None:
            _set_role(entity, sentence[last + 2].text, role)
            for token in sentence[last + 3 : last + 8]:
                if token.text in (",", "."):
                    break
                if token.ent_type_ in _ORG_LABELS or token.lower_ in organisations():
                    entity.organisation = entity.organisation or _org_name(token)
                    break


# How many words of workplace may stand between a role and the name: "litteraturkritiker i danske
# Göteborgs-Posten Lars Erik Lund".
_MAX_WORKPLACE_WORDS = 5


def _role_before_workplace(sentence: list[Token], first: int) -> tuple[int, list[Token]]:
    """The role in "ROLE i/ved/hos WORKPLACE[,] NAME": (its index or -1, the workplace words)."""
    end = first - 1 if first > 0 and sentence[first - 1].text == "," else first
    for k in range(end - 2, max(-1, end - 2 - _MAX_WORKPLACE_WORDS), -1):
        token = sentence[k]
        if token.pos_ == "ADP" and k > 0 and role_of(sentence[k - 1].text) is not None:
            between = sentence[k + 1 : end]
            if between and all(t.pos_ in ("ADJ", "PROPN", "NOUN", "DET") and not t.is_punct for t in between):
                return k - 1, between
            return -1, []
        if token.is_punct or token.pos_ in ("VERB", "AUX"):
            return -1, []
    return -1, []


def _set_role(entity: Entity, text: str, role) -> None:
    # "Utenriksminister Espen Barth Eide" opens a sentence; the role itself is "utenriksminister".
    # Compounds with a name in them keep their capital: "Nato-sjef", "Frp-leder".
    if text[:1].isupper() and "-" not in text and not text[1:2].isupper():
        text = text[0].lower() + text[1:]
    if entity.role is None:
        entity.role, entity.role_lemma, entity.role_category = text, role.lemma, role.category
        if entity.gender is None and role.gender:
            entity.gender, entity.gender_from = role.gender, "role"


def read_qualifier(entity: Entity, word: str) -> None:
    """'Tysklands', 'tyske', 'Natos', 'Nato-sjef', 'Frp-leder': country, organisation or party."""
    lower = word.lower()
    stem = lower[:-1] if lower.endswith("s") else lower
    parts = [lower, stem]
    if "-" in lower:
        parts.insert(0, lower.split("-", 1)[0])
    for part in parts:
        if part in countries() and entity.country is None:
            entity.country = countries()[part].name
            return
        if part in parties() and entity.party is None and len(part) <= 4:
            entity.party = parties()[part].abbreviation
            return
        if part in organisations() and entity.organisation is None:
            entity.organisation = organisations()[part].name
            return


def _org_name(token: Token) -> str:
    known = organisations().get(token.lower_)
    return known.name if known else token.text
