"""Resolve each quote's speaker mention to a person or organisation of the article."""

from __future__ import annotations

import re

from spacy.tokens import Token

from ..article import Quote, Speaker, SpeakerProfile, TextSpan
from ..quotes.attribution import mention_after, name_like
from ..quotes.candidates import Candidate, Mention
from ..quotes.cues import function_words
from .gender import gender_of_first_name
from .entities import (
    GROUP, PERSON, Entity, Registry, name_bounds, name_end, read_profile, read_qualifier, spelled_out,
    with_country_adjective,
)
from .lexicon import (
    both_words, by_compound_tail, countries, document_frame_verbs, document_noun_of, document_nouns, intensifiers,
    looks_like_organisation, organisation_noun_kinds, organisations, parties, pronouns, role_of, time_genitives,
    told_cues,
)

_ORG_LABELS = {"ORG", "GPE_ORG"}
# How far back (in characters) a pronoun or a continued quote may reach for its antecedent.
MAX_PRONOUN_DISTANCE = 1500
# How far back (in characters) "de"/"dei" may reach for an organisation: "de" is more often a group
# of people the article never names than an organisation named several sentences before.
MAX_PLURAL_DISTANCE = 300
# How many of the most recently mentioned people a gendered pronoun prefers a gender match among.
RECENT_PEOPLE = 3
# How many opening words of the sentence before an unattributed quote may name its speaker.
SUBJECT_WORDS = 5
_SENTENCE_END = re.compile(r"[.!?:]\s+|\n\s*\n")
# How far after a role phrase with no one before it the person given that role may be named.
MAX_CATAPHORA_DISTANCE = 1000
# With no one named before a role phrase, a person without a title named this soon after it is the one.
MAX_ROLE_CATAPHORA_UNTITLED = 150
# A bare role ("sier teatersjefen") falls back to a person named this close before it.
MAX_ROLE_FALLBACK_DISTANCE = 800
# How far before "vedkommende" the anonymous source it stands for ("en kilde") may be brought in.
MAX_SOURCE_DISTANCE = 800
# Paragraphs ending further than this before a pronoun's sentence hold no sentence right before it.
MAX_SENTENCE_GAP = 200


def _name_tokens(tokens: list[Token]) -> list[Token]:
    """The person-name part of a mention: NER PER tokens, else trailing capitalised proper nouns."""
    per = [t for t in tokens if t.ent_type_ == "PER"]
    if per:
        # The last name of the phrase is the speaker's: "lederen for Unión Nacional (UNO), Pablo Herrera".
        last = tokens.index(per[-1])
        first = last
        while first > 0 and tokens[first - 1].ent_type_ == "PER" and tokens[first].ent_iob_ == "I":
            first -= 1
        return tokens[first : name_end(tokens, last + 1)]
    run: list[Token] = []
    for token in reversed(tokens):
        if token.is_title and token.is_alpha and (token.pos_ in ("PROPN", "") or token.ent_type_ == "PER") \
                and role_of(token.text) is None and token.lower_ not in organisations() \
                and token.lower_ not in countries():
            run.insert(0, token)
        else:
            break
    return run


class Resolver:
    """Turns candidates into Quotes, resolving speakers against the article's entities."""

    def __init__(self, registry: Registry, quotes: list[tuple[int, int]] | None = None) -> None:
        self.registry = registry
        self.quotes = quotes or []  # (start, end) of every quote found: narration lies outside them
        self.spoken: list[tuple[int, Entity]] = []  # (quote start, speaker) of the quotes resolved so far

    def resolve(self, mention: Mention, quote_start: int | None = None) -> tuple[Entity | None, list[str]]:
        """The entity a speaker mention names; ``quote_start`` is where its quote begins, if known."""
        tokens = mention.tokens
        # "Lars Peder Brekk (Sp)": the party in parentheses is no part of the name.
        opened = [k for k, t in enumerate(tokens) if k > 0 and (t.text == "(" or (t.i > 0 and t.nbor(-1).text == "("))]
        if opened and len(tokens) - opened[0] <= 2:  # only a closing "(Sp)", not "(UNO), Pablo Herrera"
            tokens = tokens[: opened[0]]
            mention = Mention(mention.para, tokens)
        if len(tokens) > 1 and tokens[-1].lower_ in intensifiers():
            # "som han selv skriver": the pronoun or name before "selv" is the speaker.
            tokens = tokens[:-1]
            mention = Mention(mention.para, tokens)
        if _vague_source(tokens):
            return None, [f"'{' '.join(t.text for t in tokens)}' is a vague source: no speaker"]
        joint = self._joint(tokens, mention)
        if joint is not None:
            return joint
        why: list[str] = []
        # Sliced from the article: in a whole-article Doc (the spaCy component) a parsed sentence
        # can run past a paragraph break, so a mention may end outside the paragraph it starts in.
        text = self.registry.text[mention.start : mention.end]
        lower = text.lower()
        if " ".join(t.lower_ for t in tokens) in both_words():
            return self._both(mention)
        if len(tokens) == 1 and tokens[0].lower_ in pronouns():
            sentence_start = mention.para.char(tokens[0].sent[0])
            before = min(sentence_start, quote_start) if quote_start is not None else sentence_start
            return self._pronoun(tokens[0], mention.start, before)
        known = self._known_person(tokens, mention.start)
        if known is not None:
            known.mentions.append((mention.start, mention.end))
            why.append(f"'{text}' names a person seen before -> {known.id} '{known.name}'")
            return known, why
        names = [] if _owned_by_name(tokens) else _name_tokens(tokens)
        first, last, _ = name_bounds([t.text for t in names])
        names = names[first:last]
        if names:
            name_start = mention.para.char(names[0])
            name_end = mention.para.char_end(names[-1])
            name = self.registry.text[name_start:name_end]
            org = organisations().get(name.lower())
            if org is None and not any(t.ent_type_ in _ORG_LABELS for t in names):
                entity = self.registry.person(name, name_start, name_end)
                sentence = list(names[0].sent)
                read_profile(entity, sentence, names[0].i - sentence[0].i, names[-1].i - sentence[0].i)
                why.append(f"name '{name}' -> {entity.id} '{entity.name}'")
                return entity, why
        issuer = self._issuer(tokens, mention)
        if issuer is not None:
            why.append(f"'{text}' is a document; its issuer -> {issuer.id} '{issuer.name}'")
            return issuer, why
        # "Natos generalsekretær" is a person with a role at an organisation: the role decides.
        head_is_role = role_of(tokens[-1].text) is not None
        steps = ("role", "organisation") if head_is_role else ("organisation", "role")
        if head_is_role and self._owned_by_person(tokens[:-1], mention.start):
            steps = ("role",)  # "Dahls sjef" is his boss, not an organisation called "Dahls"
        for step in steps:
            if step == "role":
                entity = self._role(tokens, mention.start, quote_start)
                if entity is not None:
                    why.append(f"role phrase '{text}' -> {entity.id} '{entity.name}'")
                    return entity, why
            else:
                entity = self._organisation(tokens, mention)
                if entity is not None:
                    why.append(f"organisation '{text}' -> {entity.id} '{entity.name}'")
                    return entity, why
        why.append(f"'{lower}' names no known person or organisation: speaker left unnamed")
        return None, why

    def _joint(self, tokens: list[Token], mention: Mention) -> tuple[Entity, list[str]] | None:
        """'Lars Sponheim og Dagfinn Høybråten': one statement, two speakers, one joint entity.

        Only when both sides are names of people or organisations; "Natur og Ungdom" is one name.
        """
        joins = [k for k, t in enumerate(tokens) if t.lower_ in ("og", "and") and 0 < k < len(tokens) - 1]
        if len(joins) != 1 or not name_like(tokens[joins[0] - 1]) or not name_like(tokens[joins[0] + 1]):
            return None
        k = joins[0]
        halves = [self.resolve(Mention(mention.para, part))[0] for part in (tokens[:k], tokens[k + 1 :])]
        if any(h is None for h in halves) or halves[0] is halves[1] or GROUP in (halves[0].kind, halves[1].kind):
            return None
        group = self.registry.group(halves, mention.start, mention.end)
        return group, [f"two speakers joined by '{tokens[k].text}' -> {group.id} '{group.name}'"]

    def _both(self, mention: Mention) -> tuple[Entity | None, list[str]]:
        """'Båe to seier at …': the two people named last speak together, in the order the article met them."""
        people = [e for e in self.registry.people_before(mention.start)
                  if mention.start - e.last_before(mention.start) < MAX_PRONOUN_DISTANCE][:2]
        if len(people) < 2:
            return None, [f"'{mention.tokens[0].text}' with fewer than two people before it"]
        pair = sorted(people, key=lambda e: min(s for s, _ in e.mentions))
        group = self.registry.group(pair, mention.start, mention.end)
        return group, [f"'both' -> the two people named last, {group.id} '{group.name}'"]

    def _owned_by_person(self, tokens: list[Token], offset: int) -> bool:
        """Is one of these words the genitive of a person named before ("Dahls")?"""
        genitives = {t.text[:-1] for t in tokens if _name_genitive(t) and len(t.text) > 2}
        return any(e.surname in genitives or e.words[0] in genitives for e in self.registry.people_before(offset))

    def _pronoun(self, token: Token, offset: int, before: int | None = None) -> tuple[Entity | None, list[str]]:
        pronoun = pronouns()[token.lower_]
        if pronoun.number == "pl" and token.i + 1 < len(token.doc) and token.nbor(1).lower_ == "som":
            return None, [f"'{token.text} som …' means whoever does so, no one named"]  # "De som liker ham, sier at"
        if pronoun.number == "pl":
            orgs = [e for e in self.registry.organisations_before(offset) if offset - e.last_before(offset) < MAX_PLURAL_DISTANCE]
            if orgs:
                return orgs[0], [f"plural pronoun '{token.text}' -> most recent organisation {orgs[0].id} '{orgs[0].name}'"]
            return None, [f"plural pronoun '{token.text}' with no organisation before it"]
        if pronoun.person != "3":
            return None, [f"first/second person pronoun '{token.text}' is not resolved"]
        if pronoun.gender in ("m", "f") and before is not None:
            topic = self._topic_before(before, pronoun.gender)
            if topic is not None:
                topic.mentions.append((offset, offset + len(token.text)))
                return topic, [f"pronoun '{token.text}' ({pronoun.gender}) -> the subject of the sentence before, {topic.id} '{topic.name}'"]
        if not pronoun.gender and self._unnamed_source_before(offset):
            # "Avisa har snakket med en kilde … – …, sier vedkommende": the source the article does not name.
            return None, [f"'{token.text}' is the unnamed source brought in just before"]
        if pronoun.gender in ("m", "f"):
            speaker = self._speaker_earlier_in_paragraph(offset, pronoun.gender)
            if speaker is not None:
                speaker.mentions.append((offset, offset + len(token.text)))
                why = f"pronoun '{token.text}' ({pronoun.gender}) -> the speaker quoted earlier in the paragraph"
                return speaker, [f"{why}, {speaker.id} '{speaker.name}'"]
        entity = _antecedent(self.registry, offset, pronoun.gender)
        if entity is None:
            return None, [f"pronoun '{token.text}' has no matching person before it"]
        if entity.gender is None and pronoun.gender in ("m", "f"):
            entity.gender, entity.gender_from = pronoun.gender, "pronoun"
        entity.mentions.append((offset, offset + len(token.text)))
        return entity, [f"pronoun '{token.text}' ({pronoun.gender or '?'}) -> most recent matching person {entity.id} '{entity.name}'"]

    def teller(self, candidate: Candidate) -> tuple[Entity | None, list[str]]:
        """Who told the subject of "fikk beskjed om at …": an organisation in the same sentence, or nobody."""
        told = candidate.mention
        sentence = list(told.tokens[0].sent)
        for k, token in enumerate(sentence):
            # Any name but a person's: the NER often calls a hospital or a court a place.
            if token.ent_iob_ == "B" and token.ent_type_ != "PER":
                end = k + 1
                while end < len(sentence) and sentence[end].ent_iob_ == "I":
                    end += 1
                entity = self._organisation(sentence[k:end], Mention(told.para, sentence[k:end]))
                if entity is not None:
                    return entity, [f"'{told.tokens[0].text}' was told: the message came from {entity.id} '{entity.name}'"]
        return None, [f"'{told.tokens[0].text}' was told, by nobody the sentence names"]

    def _speaker_earlier_in_paragraph(self, offset: int, gender: str) -> Entity | None:
        """'– Vi har ikke fått svar, sier Avløyp. … Hun peker på at …': the paragraph's speaker.

        A paragraph that quotes someone goes on about that person: a pronoun later in it is the
        speaker of the quote before it, even when the narration between names someone else of the
        same gender ("… møtt med døve ører hos arbeidsminister Hanne Bjurstrøm").
        """
        para = next((p for p in self.registry.paras if p.start <= offset < p.end), None)
        if para is None:
            return None
        return next((e for start, e in reversed(self.spoken) if para.start <= start < offset
                     and e.kind == PERSON and not e.members and e.gender in (None, gender)), None)

    def _unnamed_source_before(self, offset: int) -> bool:
        """Did the text just before bring in an anonymous source ("en kilde", "et vitne")?"""
        window = self.registry.text[max(0, offset - MAX_SOURCE_DISTANCE) : offset]
        return any(_introduced_unnamed(window, noun) for noun in function_words("vague_source"))

    def _topic_before(self, before: int, gender: str, depth: int = 2) -> Entity | None:
        """The person 'han'/'hun' continues: the subject of the narration sentence right before.

        "Moen er uenig i at Dahl er inhabil. Der hevder han at …" is Moen, not the more
        recently named Dahl: the subject of one sentence is the topic the next one goes on
        with. A pronoun subject there hands the question one sentence further back.
        """
        found = _sentence_before(self.registry, before)
        if found is None or any(s < found[2] and found[1] < e for s, e in self.quotes):
            return None  # no narration sentence right before, or a quote's own words
        para, span, _ = found
        if span[-1].text not in (".", "!") or not any(t.pos_ in ("VERB", "AUX") for t in span):
            return None  # a crosshead ("Mindreverdskompleks") is no sentence with a subject
        subject = _sentence_subject(span)
        if subject is None:
            return None
        if subject.lower_ in pronouns():
            pronoun = pronouns()[subject.lower_]
            if pronoun.gender != gender or pronoun.number != "sg" or depth <= 1:
                return None
            return self._topic_before(para.char(span[0]), gender, depth - 1) or _antecedent(self.registry, para.char(subject), gender)
        entity = self.registry.person_at(para.char(subject), para.char_end(subject))
        if entity is None and subject.is_title:
            # "Hole er uenig …": a surname the NER missed, of a person named before.
            entity = next((e for e in self.registry.people_before(para.char(subject))
                           if subject.text in (e.surname, e.words[0])), None)
        if entity is None or entity.gender not in (None, gender):
            return None
        return entity

    def _known_person(self, tokens: list[Token], offset: int) -> Entity | None:
        """A capitalised word of the mention that is a name of a person already in the article.

        Catches what the NER misses after the first mention: "sier Dahl", "kunngjorde Mbeki",
        and keeps "Anne Viken" a person even though Viken is also a county.
        """
        names = [t.text for t in tokens if t.is_title and role_of(t.text) is None]
        whole = " ".join(t.text for t in tokens)
        if not names or looks_like_organisation(whole) or (len(names) > 1 and looks_like_organisation(" ".join(names))):
            return None  # "Statens vegvesen", "Vinje kommune"
        if _owned_by_name(tokens):
            return None  # "Dahls advokat" is somebody else
        genitives = {n[:-1] for n in names if n.endswith("s")}
        # Every name word must belong to the entity: "Darius Petrauskas" is not "Beata
        # Kazlauskas", but "Dahl" and "Tor Henrik Dahls" are "Tor Henrik Dahl".
        matching = [e for e in self.registry.people_before(offset)
                    if (e.surname in names or e.surname in genitives)
                    and all(n in e.words or n[:-1] in e.words for n in names)]
        roles = {r.lemma for r in (role_of(t.text) for t in tokens) if r is not None}
        # "pappa Svindal" after "sønnen Aksel Lund Svindal": the role tells which Svindal.
        return next((e for e in matching if e.role_lemma in roles), matching[0] if matching else None)

    def _organisation(self, tokens: list[Token], mention: Mention) -> Entity | None:
        """The organisation a mention names: NER-tagged or known names first, then name shapes.

        "Lokalavisa Firda" is Firda (tagged ORG), not "Lokalavisa"; "Departementet" alone is the
        department named earlier, when there is one.
        """
        definite = self._definite_organisation(tokens, mention)
        if definite is not None:
            return definite
        para = mention.para
        parts = [tokens[first : first + size] for size in range(len(tokens), 0, -1)
                 for first in range(0, len(tokens) - size + 1)]
        seen = {e.name.lower() for e in self.registry.organisations_before(mention.start)}
        for part in parts:
            # "ifølge TMZ.com planer": an organisation the article named before, whatever the NER says now.
            start, end = para.char(part[0]), para.char_end(part[-1])
            text = para.text[start - para.start : end - para.start]
            if text.lower() in seen:
                return self.registry.organisation(text, start, end)
        for strict in (True, False):
            for part in parts:
                start, end = para.char(part[0]), para.char_end(part[-1])
                text = para.text[start - para.start : end - para.start]
                if strict:
                    # "DA hevder at" after "Domstolsadministrasjonen (DA)": the article spells it out.
                    found = all(t.ent_type_ in _ORG_LABELS for t in part) or text.lower() in organisations() \
                        or (len(part) == 1 and spelled_out(self.registry.text, text) is not None)
                else:
                    found = part[0].is_title and looks_like_organisation(text)
                if found:
                    # "Det nordkoreanske utenriksdepartementet" is not Norway's.
                    span = with_country_adjective(part[0].doc[part[0].i : part[-1].i + 1])
                    start = para.char(span[0])
                    entity = self.registry.organisation(para.text[start - para.start : end - para.start], start, end)
                    if span.start < part[0].i and entity.country is None:
                        entity.country = countries()[span[-len(part) - 1].lower_].name
                    return entity
        return None

    def _definite_organisation(self, tokens: list[Token], mention: Mention) -> Entity | None:
        """'kommunen', 'departementet', 'lagmannsretten': the organisation of that kind named last."""
        nouns = [t for t in tokens if (t.is_lower or t.is_sent_start) and t.pos_ in ("NOUN", "")
                 and t.ent_type_ not in _ORG_LABELS and looks_like_organisation(t.lower_)]
        if not nouns or len(tokens) > 3:
            return None
        entity = self._organisation_of_kind(nouns[-1].lower_, mention)
        if entity is None and len(tokens) == 1 and nouns[-1].is_lower:
            # "ifølge militærregimet" with no regime named before: an institution keeps the name the
            # article gives it (docs/annotation.md: "politiet", "fylkeskommunen"). A capitalised
            # word may be the organisation's own name ("Skogsadministrasjonen mener"): left to the
            # name rules.
            start = mention.para.char(nouns[-1])
            entity = self.registry.organisation(nouns[-1].lower_, start, start + len(nouns[-1].text))
        return entity

    def _organisation_of_kind(self, word: str, mention: Mention) -> Entity | None:
        """The organisation named before that a definite noun ("kommunen") stands for, if any."""
        # "lokalavisen" is an "avisen": the compound's last part gives the kind.
        kind = by_compound_tail(word, organisation_noun_kinds(), 4)
        for entity in self.registry.organisations_before(mention.start):
            last = entity.name.lower().split()[-1]
            same_kind = kind is not None and entity.role_category == kind
            if same_kind or word.startswith(last[: max(4, len(last) - 2)]) or last.endswith(word[: max(4, len(word) - 2)]):
                entity.mentions.append((mention.start, mention.end))
                return entity
        # No organisation of that kind registered: look for its name written out earlier,
        # "Bergen kommune" for "kommunen", "Justisdepartementet" for "departementet".
        stem = word[:-2] if word.endswith(("en", "et")) else word[:-1] if word.endswith("a") else word
        pattern = re.compile(r"(?:[A-ZÆØÅ][\w-]* )*[A-ZÆØÅ][\w-]*" + re.escape(stem) + r"\w*|(?:[A-ZÆØÅ][\w-]* )+" + re.escape(stem) + r"\w*")
        found = [m for m in pattern.finditer(self.registry.text, 0, mention.start) if m.group(0).lower() != word]
        if found:
            named = found[-1]
            start, name = named.start(), named.group(0)
            # "Då politiet kom": a capitalised sentence opener is no part of the name.
            while " " in name and name.split(" ", 1)[0].lower() in function_words("sentence_opener"):
                first = name.split(" ", 1)[0]
                start, name = start + len(first) + 1, name[len(first) + 1 :]
            if name.lower() == word:
                return None
            return self.registry.organisation(name, start, start + len(name))
        return None

    def _issuer(self, tokens: list[Token], mention: Mention) -> Entity | None:
        """'Nye tall fra SSB viser …' -> SSB; 'Rapporten viser …' -> the last organisation named."""
        nouns = [t for t in tokens if document_noun_of(t.lower_) is not None]
        if not nouns:
            return None
        owner = nouns[-1].nbor(-1) if nouns[-1].i > nouns[-1].sent.start else None
        if owner is not None and _name_genitive(owner) and len(owner.text) > 2 \
                and owner.lower_ not in time_genitives():
            # "Sentios undersøkelse viser …": the genitive before the document names its issuer.
            start = mention.para.char(owner)
            return self.registry.organisation(owner.text[:-1], start, start + len(owner.text) - 1)
        if owner is not None and owner.is_lower and owner.lower_.endswith("s") \
                and looks_like_organisation(owner.lower_[:-1]):
            # "departementets vurdering": the genitive of an organisation the article named before.
            entity = self._organisation_of_kind(owner.lower_[:-1], mention)
            if entity is not None:
                return entity
        issuer = _issuer_in_compound(nouns[-1].lower_)
        if issuer is not None:
            start = mention.para.char(nouns[-1])
            return self.registry.organisation(issuer, start, start + len(nouns[-1].text))
        sentence = list(nouns[-1].sent)
        k = nouns[-1].i - sentence[0].i + 1
        while k < len(sentence) and sentence[k].pos_ in ("ADJ",):
            k += 1
        if k < len(sentence) and sentence[k].lower_ in ("fra", "frå", "for"):
            # The issuer runs from "fra" (or "for": "en talsmann for Forsvaret") to the verb.
            issuer: list[Token] = []
            for token in sentence[k + 1 : k + 7]:
                if token.is_punct or token.pos_ in ("VERB", "AUX") or token.lower_ in ("at", "om"):
                    break
                issuer.append(token)
            if issuer and (issuer[0].is_title or issuer[0].is_upper):
                part = Mention(mention.para, issuer)
                return self._organisation(part.tokens, part) or self.resolve(part)[0]
        definiteness = document_noun_of(nouns[-1].lower_)
        if definiteness in ("definite", "spokesperson"):
            orgs = self.registry.organisations_before(mention.start)
            if definiteness == "definite":
                # A party is what a poll measures, seldom who issues a report: "Målingen viser at SV …".
                orgs = [e for e in orgs if e.name.lower() not in parties()]
            return orgs[0] if orgs else None
        return None

    def _role(self, tokens: list[Token], offset: int, quote_start: int | None = None) -> Entity | None:
        """'den tyske statsministeren' / 'Natos generalsekretær' -> the person given that role."""
        roles = [(t, role_of(t.text)) for t in tokens]
        roles = [(t, r) for t, r in roles if r is not None]
        if not roles:
            return None
        token, role = roles[-1]
        probe = Entity("probe", PERSON, "")
        for t in tokens:
            if t is not token:
                read_qualifier(probe, t.text)
        read_qualifier(probe, token.text)
        people = self.registry.people_before(offset)
        for entity in people:
            if entity.role_lemma == role.lemma and (probe.country is None or entity.country == probe.country):
                return entity
        for entity in people:
            # "framholder forskeren" after "Tobakksforskeren ser flere argumenter": a compound
            # role ends in the bare one, and the bare one points back to its holder.
            if entity.role_lemma and entity.role_lemma.endswith(role.lemma) and probe.party is None \
                    and (probe.country is None or entity.country == probe.country):
                return entity
        if probe.party is not None:
            # "Ap-sekretæren" after "Aps partisekretær Raymond Johansen": the party's holder of a
            # role whose name ends in this one.
            for entity in people:
                if entity.party == probe.party and entity.role_lemma and entity.role_lemma.endswith(role.lemma):
                    return entity
        prefix = token.text.split("-", 1)[0] if "-" in token.text and token.text[:1].isupper() else None
        if probe.organisation is None and prefix:
            # "Oktober-sjefen": the person the article placed at Oktober ("forlagssjef i Oktober").
            for entity in people:
                if entity.organisation and entity.organisation.casefold() == prefix.casefold():
                    return entity
        for entity in people:
            if (probe.organisation and entity.organisation == probe.organisation) or (
                probe.country and entity.country == probe.country and entity.role_category == role.category
            ):
                return entity
        if _introduced_unnamed(self.registry.text[:offset], role.lemma):
            return None  # "Eit vitne … Vitnet fortel at …": the witness the article never names
        # A lead often names the role before the person: "…, mener dansk litteraturkritiker." with
        # "musikkanmelder i Göteborgs-Posten Lars Erik Lund" a paragraph later.
        later = [e for e in self.registry.people_after(offset, MAX_CATAPHORA_DISTANCE)
                 if e.role_lemma == role.lemma and (probe.country is None or e.country in (None, probe.country))]
        if later:
            return later[0]
        if not people:
            # "…, sier spissen. Kari Lie er lagets store stjerne": the opening quote's speaker is named next.
            nearby = [e for e in self.registry.people_after(offset, MAX_ROLE_CATAPHORA_UNTITLED)
                      if e.role_lemma is None and _named_person(e)]
            if nearby:
                return nearby[0]
        if _indefinite_role(tokens, token, role.lemma):
            return None  # "hver fjerde Høyre-velger" is one of many, no one the article named
        # "sier teatersjefen" right after the theatre's head was introduced without a title: the
        # most recent person whose role the article has not told us, but not one the quote itself
        # talks about ("Dommeren slo fast at ingenting tyder på at Gabriele hadde medsammensvorne").
        quoted = " ".join(self.registry.text[s:e] for s, e in self.quotes if s == quote_start)
        for entity in people[:2]:
            if entity.role_lemma is None and _named_person(entity) \
                    and offset - entity.last_before(offset) < MAX_ROLE_FALLBACK_DISTANCE \
                    and not re.search(rf"\b{re.escape(entity.surname)}\b", quoted):
                return entity
        return None


def build_quotes(candidates: list[Candidate], registry: Registry) -> tuple[list[Quote], list[SpeakerProfile]]:
    """Resolve every candidate's speaker; continued and headline quotes borrow theirs."""
    resolver = Resolver(registry, [(c.start, c.end) for c in candidates])
    quotes: list[Quote] = []
    resolved: list[tuple[Candidate, Entity | None, Quote]] = []
    framed: set[int] = set()  # quotes a document frame ("heter det i rapporten") has attributed
    for candidate in candidates:
        entity, why = None, []
        if candidate.mention is not None and _told(candidate):
            entity, why = resolver.teller(candidate)
        elif candidate.mention is not None:
            entity, why = resolver.resolve(candidate.mention, candidate.start)
        elif candidate.speaker_from == "previous" and not candidate.para.headline and not _crosshead(candidate):
            document = _document_frame(candidate)
            if document is not None:
                framed.add(id(candidate))
                entity, why = resolver.resolve(document, candidate.start)
                named = document.para.text[document.start - document.para.start : document.end - document.para.start]
                why = [f"'{named}' is the document the quote comes from", *why]
            else:
                entity, why = _previous_speaker(candidate, resolved, registry)
        quote = _quote(candidate, entity, why)
        resolved.append((candidate, entity, quote))
        if entity is not None:
            resolver.spoken.append((candidate.start, entity))
    for n, (candidate, entity, quote) in enumerate(resolved):
        if candidate.speaker_from == "previous" and not candidate.para.headline and _crosshead(candidate):
            echoed = _echoed_speaker(candidate, resolved)
            if echoed is not None:
                quote.speaker = _speaker(echoed, None)
                quote.explanation.append(
                    f"a crosshead quote: the speaker whose quote repeats its words, {echoed.id} '{echoed.name}'")
                entity = echoed
                resolved[n] = (candidate, echoed, quote)
        if entity is None and candidate.speaker_from == "previous" and not candidate.para.headline \
                and id(candidate) not in framed:
            # An opening quote with nobody named before it: "– Fortvilande. ¶ …, seier Hugøy."
            # The next attributed quote, close by, is usually the same voice.
            following = _next_speaker(candidate, resolved[n + 1 :])
            crosshead = _crosshead(candidate)
            if following is not None:
                quote.speaker = _speaker(following, None)
                reason = "a crosshead quote" if crosshead else "no speaker before it"
                quote.explanation.append(f"{reason}: the speaker of the next quote, {following.id} '{following.name}'")
                entity = following
            elif crosshead:
                # No attributed quote follows close by: the crosshead goes on with the voice before it.
                entity, why = _previous_speaker(candidate, resolved[:n], registry)
                quote.speaker = _speaker(entity, None)
                quote.explanation.extend(why)
        if candidate.para.headline and entity is None:
            borrowed = _headline_speaker(candidate, resolved)
            if borrowed is None:
                continue  # a headline quote counts only when the body names its speaker
            quote.speaker = _speaker(borrowed, None)
            quote.explanation.append(f"headline quote: speaker of the matching body quote, {borrowed.id} '{borrowed.name}'")
        quotes.append(quote)
    counts: dict[str, int] = {}
    for quote in quotes:
        if quote.speaker.entity:
            counts[quote.speaker.entity] = counts.get(quote.speaker.entity, 0) + 1
    profiles = [
        SpeakerProfile(
            entity=e.id, name=e.name, kind=e.kind, role=e.role, organisation=e.organisation,
            party=e.party, country=e.country, gender=e.gender if e.kind == PERSON else None,
            mentions=[TextSpan(registry.text[s:t], s, t) for s, t in sorted(set(e.mentions))], quotes=counts[e.id],
        )
        for e in registry.entities
        if e.id in counts
    ]
    return quotes, profiles


def _antecedent(registry: Registry, offset: int, gender: str) -> Entity | None:
    """The most recently named person a third-person pronoun of this gender ("m", "f" or "") can be."""
    people = [e for e in registry.people_before(offset) if offset - e.last_before(offset) < MAX_PRONOUN_DISTANCE]
    if gender in ("m", "f"):
        # A person known to have the pronoun's gender among the last few wins over a more
        # recent name of unknown gender (often a misread organisation or title).
        known = [e for e in people[:RECENT_PEOPLE] if e.gender == gender]
        people = known + [e for e in people if e not in known]
    return next((e for e in people if gender not in ("m", "f") or e.gender in (None, gender)), None)


# What may stand between a narration sentence and the quote or sentence after it: space, the
# quote's opening dash or mark.
_BETWEEN_SENTENCES = re.compile(r"[\s–—«\"“-]*")


def _sentence_before(registry: Registry, before: int):
    """(para, sentence, end offset) of the sentence that ends right before ``before``, if any."""
    best = None
    for para in registry.paras:
        if para.start >= before or para.end < before - MAX_SENTENCE_GAP:
            continue
        for sentence in para.tokens.sents:
            end = para.char_end(sentence[-1])
            if end <= before and (best is None or end > best[2]):
                best = (para, sentence, end)
    if best is None or not _BETWEEN_SENTENCES.fullmatch(registry.text[best[2] : before]):
        return None
    return best


def _sentence_subject(sentence) -> Token | None:
    """The main-clause subject of a sentence: from the parse, else its first word if a name or pronoun."""
    if any(t.dep_ for t in sentence):
        return next((t for t in sentence if t.dep_ == "SUBJ" and t.head.dep_ == "ROOT"), None)
    first = next((t for t in sentence if not t.is_punct), None)
    if first is not None and (first.ent_type_ == "PER" or first.lower_ in pronouns()):
        return first
    return None


# Indefinite articles of both written standards: "en", "ei", "et" (nb), "ein", "ei", "eit" (nn).
_INDEFINITE_ARTICLES = ("en", "ei", "et", "ein", "eit")


def _introduced_unnamed(before: str, lemma: str) -> bool:
    """Did the text bring in someone with this role by an indefinite article ("eit vitne", "en ny kilde")?"""
    pattern = rf"\b(?:{'|'.join(_INDEFINITE_ARTICLES)})\s+(?:\w+\s+)?{re.escape(lemma)}\b"
    return re.search(pattern, before, flags=re.IGNORECASE) is not None


# Words before a role noun that make it definite: "den nye", "Aps partisekretær", "hans advokat".
_DEFINITE_DETERMINERS = frozenset({"den", "det", "de", "dei", "hans", "hennes", "deres", "dets", "sin", "si", "sitt", "sine"})


def _name_genitive(token: Token) -> bool:
    """'Dahls', 'Sentios': a capitalised word in -s, read as a name's genitive."""
    return token.is_title and token.text.endswith("s")


def _indefinite_role(tokens: list[Token], role_token: Token, lemma: str) -> bool:
    """'Høyre-velger', 'en velger': a role word in its indefinite form, with no genitive or determiner before it."""
    if not role_token.lower_.endswith(lemma):
        return False  # "teatersjefen", "velgerne"
    before = tokens[: tokens.index(role_token)]
    return not any(t.lower_ in _DEFINITE_DETERMINERS or _name_genitive(t) for t in before)


def _owned_by_name(tokens: list[Token]) -> bool:
    """'Dahls advokat', 'en av Mbekis livvakter': a noun owned by a name names someone else."""
    return tokens[-1].is_lower and any(_name_genitive(t) for t in tokens[:-1])


def _vague_source(tokens: list[Token]) -> bool:
    """'En kilde nær regjeringen', 'et vitne': an indefinite source noun names nobody."""
    return len(tokens) >= 2 and tokens[0].lower_ in _INDEFINITE_ARTICLES \
        and tokens[1].lower_ in function_words("vague_source")


def _last_sentence_start(text: str, before: int) -> int:
    """Start of the sentence that ends just before ``before`` (the narration right before a quote)."""
    # Skip the quote's own opening dash or mark, the paragraph break and the full stop that end
    # the sentence itself.
    head = text[:before].rstrip(" \t\n–—-«\"“").rstrip(".!?:")
    ends = [m.end() for m in _SENTENCE_END.finditer(head)]
    return ends[-1] if ends else 0


def _previous_speaker(candidate: Candidate, resolved, registry: Registry) -> tuple[Entity | None, list[str]]:
    # Narration between the last quote and this one that names a person introduces the next
    # speaker: "Venninnen Grete Sund er overhodet ikke enig. ¶ – Jeg elsker kaffen min."
    # An answer after an interview question: the narration before the question introduced the
    # person answering ("Petter Løvik (H) har motsatt syn. ¶ – Er du overrasket? ¶ – Nei, …").
    anchor = _question_before(candidate, registry) or candidate.start
    since = max([q.end for c, _, q in resolved if not c.para.headline and q.end <= anchor] or [0])
    since = max(since, _last_sentence_start(registry.text, anchor), _title_end(registry, anchor))
    # Only as the topic of that sentence (among its first words): "Agnes er enig.", "Venninnen
    # Grete Sund er ikke enig." — not a name the sentence merely mentions at its end.
    opening = since + len(" ".join(registry.text[since:anchor].split()[:SUBJECT_WORDS]))
    introduced = [(pos, e) for e in registry.entities if e.kind == PERSON and not e.members and _named_person(e)
                  for pos, _ in e.mentions if since <= pos < min(opening, anchor)]
    if introduced:
        entity = max(introduced, key=lambda p: p[0])[1]
        return entity, [f"no attribution: the person named in the narration just before, {entity.id} '{entity.name}'"]
    named = _surname_among(registry, registry.text[since:min(opening, anchor)], anchor)
    if named is not None:
        return named, [f"no attribution: the narration just before names {named.id} '{named.name}' by surname"]
    subject = _narration_subject(registry, since, anchor)
    if subject is not None:
        return subject, [f"no attribution: the subject of the narration just before, {subject.id} '{subject.name}'"]
    for earlier, entity, quote in reversed(resolved):
        if quote.start >= anchor:
            continue  # a quote found inside the interviewer's question is not the answer's voice
        if entity is not None and earlier.para.index >= candidate.para.index - 2 and not earlier.para.headline:
            return entity, [f"no attribution: continues the speaker of the quote before, {entity.id} '{entity.name}'"]
        if earlier.para.index < candidate.para.index - 2:
            break
    # An interview: the person quoted most so far is the one talking.
    spoken = [entity for _, entity, quote in resolved if entity is not None and entity.kind == PERSON and quote.start < anchor]
    if spoken:
        main = max({id(e): e for e in spoken}.values(), key=lambda e: (spoken.count(e), -spoken[::-1].index(e)))
        return main, [f"no attribution: the person quoted most so far, {main.id} '{main.name}'"]
    # A name in the title alone is who the story is about, not who speaks: "Bush «knivstukket» på
    # barne-TV" over "– Jeg må ta hevn" (a puppet speaking).
    title_end = _title_end(registry, candidate.start)
    people = [e for e in registry.people_before(candidate.start)
              if any(title_end <= s < candidate.start for s, _ in e.mentions)]
    if people and candidate.start - people[0].last_before(candidate.start) < MAX_PRONOUN_DISTANCE:
        return people[0], [f"no attribution: the person named just before, {people[0].id} '{people[0].name}'"]
    return None, ["no attribution and no speaker before it"]


# The shortest first part of a compound that may name a document's issuer ("politi-rapporten").
MIN_ISSUER_PREFIX = 4


def _issuer_in_compound(word: str) -> str | None:
    """'politirapporten' -> Politiet: the first part of a document compound names its issuer."""
    for cut in range(MIN_ISSUER_PREFIX, len(word) - 3):
        if word[cut:] in document_nouns():
            prefix = word[:cut].rstrip("s-")  # "skattedirektoratsrapporten", "Nav-rapporten"
            known = next((organisations()[f] for f in (prefix, prefix + "et", prefix + "en") if f in organisations()), None)
            return known.name if known else None
    return None


def _told(candidate: Candidate) -> bool:
    """Is the quote's cue one whose subject is told ("fikk 52-åringen beskjed om")?"""
    if candidate.cue is None or candidate.mention is None:
        return False
    para = candidate.mention.para
    words = para.text[candidate.cue[0] - para.start : candidate.cue[1] - para.start].lower().split()
    return bool(words) and any(words[0] == verb and noun in words for verb, noun in told_cues())


# Marks and the comma between a quote and the frame after it: "«…», heter det i rapporten".
_BEFORE_FRAME = frozenset({"»", '"', "”", ","})


def _document_frame(candidate: Candidate) -> Mention | None:
    """The document named by "heter det i rapporten" right after a quote, if the quote has one.

    The frame attributes the quote to a document, not to the voice of the quote before it: the
    speaker is the document's issuer, or nobody when the article does not say who made it.
    """
    para = candidate.para
    tokens = para.token_list
    k = next((i for i, t in enumerate(tokens) if para.char(t) >= candidate.end), len(tokens))
    while k < len(tokens) and tokens[k].text in _BEFORE_FRAME:
        k += 1
    if k + 3 >= len(tokens) or tokens[k].lower_ not in document_frame_verbs() \
            or tokens[k + 1].lower_ != "det" or tokens[k + 2].lower_ not in ("i", "på"):
        return None
    phrase = mention_after(tokens, k + 3)
    if not phrase or document_noun_of(phrase[-1].lower_) is None:
        return None  # "står det i brevet" is the letter's writer, whom the voice before may well be
    return Mention(para, phrase)


# The most words a crosshead quote has: "– Gleder oss", "– Stein for stein".
MAX_CROSSHEAD_WORDS = 6


def _crosshead(candidate: Candidate) -> bool:
    """'– Gleder oss' alone in its paragraph, with no full stop: a crosshead quoting the next speaker.

    Such a line heads the section it opens; the narration after it introduces who said it, so the
    speaker of the next attributed quote is its speaker, not the one before it.
    """
    text = candidate.para.text.strip()
    words = text.lstrip("–—- ").split()
    return text[:1] in "–—-" and 0 < len(words) <= MAX_CROSSHEAD_WORDS and text[-1:] not in ".!?:»\"”" \
        and candidate.end - candidate.start >= len(" ".join(words)) - 1


# Words shorter than this carry no content a crosshead could echo ("må", "det", "vil").
MIN_ECHO_WORD = 4
# Words that share this many opening letters count as one ("dårlig"/"dårlige", "bevar"/"bevare").
ECHO_STEM = 5


def _echo_stems(text: str) -> set[str]:
    return {w[:ECHO_STEM] for w in re.findall(r"\w+", text.lower()) if len(w) >= MIN_ECHO_WORD and not w.isdigit()}


def _echoed_speaker(candidate: Candidate, resolved) -> Entity | None:
    """The speaker whose quote in the body repeats the crosshead's words: "– Strålande arbeid" and
    later "Ho meinte dei frivillige har gjort ein god jobb".

    Crossheads and a lead's bullet points pick a phrase out of a quote further down, often many
    paragraphs away from it and with other voices between. The speaker whose quote shares most of
    the crosshead's words is the one; a tie goes to the speaker quoted most, the article's main voice.
    """
    words = _echo_stems(candidate.para.text)
    if not words:
        return None
    shared: dict[int, tuple[int, int, Entity]] = {}
    for other, entity, quote in resolved:
        if other is candidate or entity is None or other.para.headline or _crosshead(other):
            continue
        overlap = len(words & _echo_stems(quote.text))
        best, count, _ = shared.get(id(entity), (0, 0, entity))
        shared[id(entity)] = (max(best, overlap), count + 1, entity)
    ranked = sorted(shared.values(), key=lambda s: (s[0], s[1]), reverse=True)
    if not ranked or ranked[0][0] == 0:
        return None
    return ranked[0][2]


def _surname_among(registry: Registry, words: str, before: int) -> Entity | None:
    """A person named before whose surname, or its genitive, is one of ``words``: "Holes konklusjon var:".

    The NER often misses a surname alone, above all in the genitive; the article has named the
    person in full before.
    """
    people = [e for e in registry.people_before(before) if len(e.words) > 1]
    for word in re.findall(r"[A-ZÆØÅ][\w-]+", words):
        for entity in people:
            if word in (entity.surname, entity.surname + "s"):
                return entity
    return None


def _title_end(registry: Registry, before: int) -> int:
    """End of the title paragraphs that open the article, if they end before ``before`` (else 0)."""
    end = 0
    for para in sorted(registry.paras, key=lambda p: p.start):
        if not para.headline or para.end > before:
            break
        end = para.end
    return end


def _named_person(entity: Entity) -> bool:
    """A full name or a first name: "Hustadmarmor" or "Sentio" alone is more often a misread company."""
    return len(entity.words) > 1 or gender_of_first_name(entity.name) is not None


def _question_before(candidate: Candidate, registry: Registry) -> int | None:
    """Start of the interview question right before this quote's paragraph, if there is one."""
    before = [p for p in registry.paras if p.index == candidate.para.index - 1]
    if not before or candidate.start - candidate.para.start > 2:
        return None
    question = before[0]
    text = question.text.strip()
    if text[:1] in "–-—" and text.endswith("?"):
        return question.start
    return None


def _narration_subject(registry: Registry, since: int, before: int) -> Entity | None:
    """The person who is the main-clause subject of the last narration sentence before a quote.

    "Om det ikke blir seier, er landslagssjef Per Gran fornøyd." names its subject late;
    the parse finds it where a fixed number of opening words would not.
    """
    opening = registry.text[since:before].split()[:1]
    pronoun = pronouns().get(opening[0].lower()) if opening else None
    if pronoun is not None and pronoun.person == "3" and pronoun.number == "sg" and pronoun.gender in ("m", "f"):
        # "Petter Løvik (H) har motsatt syn: Han vil bygge …": the sentence is about the person "han" is.
        return _antecedent(registry, since, pronoun.gender)
    sentences = [(para, sent) for para in registry.paras if para.start <= before and para.end > since
                 for sent in para.tokens.sents
                 if since <= para.char(sent[0]) and para.char_end(sent[-1]) <= before]
    if not sentences:
        return None
    para, sentence = sentences[-1]
    if any(t.lower_ in function_words("speaker_person") for t in sentence):
        return None  # somebody speaking, not the reporter
    for token in sentence:
        if token.dep_ == "SUBJ" and token.head.dep_ == "ROOT" and token.ent_type_ == "PER":
            return registry.person_at(para.char(token), para.char_end(token))
        if token.dep_ == "SUBJ" and token.head.dep_ == "ROOT" and token.lower_ in pronouns():
            # "Der avslører han detaljer": the person that "han" is.
            pronoun = pronouns()[token.lower_]
            if pronoun.person == "3" and pronoun.number == "sg" and pronoun.gender in ("m", "f"):
                return _antecedent(registry, para.char(token), pronoun.gender)
    return None


def _next_speaker(candidate: Candidate, later) -> Entity | None:
    for other, entity, _ in later:
        if other.para.index > candidate.para.index + 2:
            return None
        if entity is not None and entity.kind == PERSON and other.mention is not None:
            return entity
    return None


def _headline_speaker(candidate: Candidate, resolved) -> Entity | None:
    words = set(candidate.para.text.lower().split())
    best, best_overlap = None, -1
    for other, entity, quote in resolved:
        if other.para.headline or entity is None or entity.kind != PERSON:
            continue
        overlap = len(words & set(quote.text.lower().split()))
        if overlap > best_overlap:
            best, best_overlap = entity, overlap
    return best


def _speaker(entity: Entity | None, mention: TextSpan | None) -> Speaker:
    if entity is None:
        return Speaker(name=None, mention=mention)
    return Speaker(
        name=entity.name, mention=mention, entity=entity.id, role=entity.role,
        organisation=entity.organisation, party=entity.party, country=entity.country,
        gender=entity.gender if entity.kind == PERSON else None, kind=entity.kind,
    )


def _quote(candidate: Candidate, entity: Entity | None, why: list[str]) -> Quote:
    text = candidate.para.text
    base = candidate.para.start
    mention = None
    if candidate.mention is not None:
        m = candidate.mention
        mention = TextSpan(m.para.text[m.start - m.para.start : m.end - m.para.start], m.start, m.end)
    cue = None
    if candidate.cue is not None:
        cue_para = candidate.mention.para if candidate.mention is not None else candidate.para
        s, e = candidate.cue
        cue = TextSpan(cue_para.text[s - cue_para.start : e - cue_para.start], s, e)
    speaker = _speaker(entity, mention)
    if mention is not None and entity is None:
        role = role_of(mention.text.split()[-1]) if mention.text.split() else None
        speaker.role = role.form if role else None
    # An unresolved speaker makes the whole finding less certain.
    confidence = candidate.confidence * (1.0 if entity is not None else 0.8)
    return Quote(
        text=text[candidate.start - base : candidate.end - base], start=candidate.start, end=candidate.end,
        type=candidate.type, cue=cue, speaker=speaker, confidence=round(confidence, 2),
        explanation=[f"found by rule: {candidate.rule}", *why],
    )
