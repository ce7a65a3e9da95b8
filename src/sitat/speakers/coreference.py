"""Resolve each quote's speaker mention to a person or organisation of the article."""

from __future__ import annotations

import re

from spacy.tokens import Token

from ..article import Quote, Speaker, SpeakerProfile, TextSpan
from ..quotes.candidates import Candidate, Mention
from ..quotes.cues import function_words
from .gender import gender_of_first_name
from .entities import GROUP, PERSON, Entity, Registry, name_bounds, read_profile, read_qualifier, with_country_adjective
from .lexicon import (
    by_compound_tail, countries, document_noun_of, looks_like_organisation, organisation_noun_kinds, organisations, parties, pronouns,
    role_of,
)

_ORG_LABELS = {"ORG", "GPE_ORG"}
# How far back (in characters) a pronoun or a continued quote may reach for its antecedent.
MAX_PRONOUN_DISTANCE = 1500
# How many of the most recently mentioned people a gendered pronoun prefers a gender match among.
RECENT_PEOPLE = 3
# How many opening words of the sentence before an unattributed quote may name its speaker.
SUBJECT_WORDS = 5
_SENTENCE_END = re.compile(r"[.!?:]\s+|\n\s*\n")
# How far after a role phrase with no one before it the person given that role may be named.
MAX_CATAPHORA_DISTANCE = 1000
# A bare role ("sier teatersjefen") falls back to a person named this close before it.
MAX_ROLE_FALLBACK_DISTANCE = 800


def _name_tokens(tokens: list[Token]) -> list[Token]:
    """The person-name part of a mention: NER PER tokens, else trailing capitalised proper nouns."""
    per = [t for t in tokens if t.ent_type_ == "PER"]
    if per:
        # The last name of the phrase is the speaker's: "lederen for Central Única (CUT), Cristian Cuevas".
        last = tokens.index(per[-1])
        first = last
        while first > 0 and tokens[first - 1].ent_type_ == "PER" and tokens[first].ent_iob_ == "I":
            first -= 1
        # "Jon Helt Haarder" tagged only up to "Helt": a capitalised proper noun right after goes with it.
        while last + 1 < len(tokens) and tokens[last + 1].is_title and tokens[last + 1].pos_ == "PROPN":
            last += 1
        return tokens[first : last + 1]
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

    def __init__(self, registry: Registry) -> None:
        self.registry = registry

    def resolve(self, mention: Mention) -> tuple[Entity | None, list[str]]:
        tokens = mention.tokens
        # "Lars Peder Brekk (Sp)": the party in parentheses is no part of the name.
        opened = [k for k, t in enumerate(tokens) if k > 0 and (t.text == "(" or (t.i > 0 and t.nbor(-1).text == "("))]
        if opened and len(tokens) - opened[0] <= 2:  # only a closing "(Sp)", not "(CUT), Cristian Cuevas"
            tokens = tokens[: opened[0]]
            mention = Mention(mention.para, tokens)
        if _vague_source(tokens):
            return None, [f"'{' '.join(t.text for t in tokens)}' is a vague source: no speaker"]
        joint = self._joint(tokens, mention)
        if joint is not None:
            return joint
        why: list[str] = []
        text = mention.para.text[mention.start - mention.para.start : mention.end - mention.para.start]
        lower = text.lower()
        if len(tokens) == 1 and tokens[0].lower_ in pronouns():
            return self._pronoun(tokens[0], mention.start)
        known = self._known_person(tokens, mention.start)
        if known is not None:
            known.mentions.append((mention.start, mention.end))
            why.append(f"'{text}' names a person seen before -> {known.id} '{known.name}'")
            return known, why
        names = _name_tokens(tokens)
        first, last, _ = name_bounds([t.text for t in names])
        names = names[first:last]
        if names:
            name_start = mention.para.char(names[0])
            name_end = mention.para.char_end(names[-1])
            name = mention.para.text[name_start - mention.para.start : name_end - mention.para.start]
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
            steps = ("role",)  # "Bertelsens sjef" is his boss, not an organisation called "Bertelsens"
        for step in steps:
            if step == "role":
                entity = self._role(tokens, mention.start)
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
        if len(joins) != 1 or not tokens[joins[0] - 1].is_title or not tokens[joins[0] + 1].is_title:
            return None
        k = joins[0]
        halves = [self.resolve(Mention(mention.para, part))[0] for part in (tokens[:k], tokens[k + 1 :])]
        if any(h is None for h in halves) or halves[0] is halves[1] or GROUP in (halves[0].kind, halves[1].kind):
            return None
        group = self.registry.group(halves, mention.start, mention.end)
        return group, [f"two speakers joined by '{tokens[k].text}' -> {group.id} '{group.name}'"]

    def _owned_by_person(self, tokens: list[Token], offset: int) -> bool:
        """Is one of these words the genitive of a person named before ("Bertelsens")?"""
        genitives = {t.text[:-1] for t in tokens if t.is_title and t.text.endswith("s") and len(t.text) > 2}
        return any(e.surname in genitives or e.words[0] in genitives for e in self.registry.people_before(offset))

    def _pronoun(self, token: Token, offset: int) -> tuple[Entity | None, list[str]]:
        pronoun = pronouns()[token.lower_]
        if pronoun.number == "pl":
            orgs = [e for e in self.registry.organisations_before(offset) if offset - e.last_before(offset) < MAX_PRONOUN_DISTANCE]
            if orgs:
                return orgs[0], [f"plural pronoun '{token.text}' -> most recent organisation {orgs[0].id} '{orgs[0].name}'"]
            return None, [f"plural pronoun '{token.text}' with no organisation before it"]
        if pronoun.person != "3":
            return None, [f"first/second person pronoun '{token.text}' is not resolved"]
        people = [e for e in self.registry.people_before(offset) if offset - e.last_before(offset) < MAX_PRONOUN_DISTANCE]
        if pronoun.gender in ("m", "f"):
            # A person known to have the pronoun's gender among the last few wins over a more
            # recent name of unknown gender (often a misread organisation or title).
            known = [e for e in people[:RECENT_PEOPLE] if e.gender == pronoun.gender]
            people = known + [e for e in people if e not in known]
        for entity in people:
            if pronoun.gender in ("m", "f") and entity.gender not in (None, pronoun.gender):
                continue
            if entity.gender is None and pronoun.gender in ("m", "f"):
                entity.gender, entity.gender_from = pronoun.gender, "pronoun"
            entity.mentions.append((offset, offset + len(token.text)))
            return entity, [f"pronoun '{token.text}' ({pronoun.gender or '?'}) -> most recent matching person {entity.id} '{entity.name}'"]
        return None, [f"pronoun '{token.text}' has no matching person before it"]

    def _known_person(self, tokens: list[Token], offset: int) -> Entity | None:
        """A capitalised word of the mention that is a name of a person already in the article.

        Catches what the NER misses after the first mention: "sier Bertelsen", "kunngjorde Diarra",
        and keeps "Anne Viken" a person even though Viken is also a county.
        """
        names = [t.text for t in tokens if t.is_title and role_of(t.text) is None]
        whole = " ".join(t.text for t in tokens)
        if not names or looks_like_organisation(whole) or (len(names) > 1 and looks_like_organisation(" ".join(names))):
            return None  # "Statens vegvesen", "Vinje kommune"
        last = tokens[-1]
        if last.is_lower and any(t.is_title and t.text.endswith("s") for t in tokens[:-1]):
            return None  # "Bertelsens advokat" is somebody else
        genitives = {n[:-1] for n in names if n.endswith("s")}
        for entity in self.registry.people_before(offset):
            # Every name word must belong to the entity: "Darius Jasmantavicius" is not "Beata
            # Jasmantavicius", but "Bertelsen" and "Tor Holger Bertelsens" are "Tor Holger Bertelsen".
            if entity.surname in names or entity.surname in genitives:
                if all(n in entity.words or n[:-1] in entity.words for n in names):
                    return entity
        return None

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
        for strict in (True, False):
            for part in parts:
                start, end = para.char(part[0]), para.char_end(part[-1])
                text = para.text[start - para.start : end - para.start]
                if strict:
                    found = all(t.ent_type_ in _ORG_LABELS for t in part) or text.lower() in organisations()
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
        word = nouns[-1].lower_
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
        if owner is not None and owner.is_title and owner.text.endswith("s") and len(owner.text) > 2:
            # "Sentios undersøkelse viser …": the genitive before the document names its issuer.
            start = mention.para.char(owner)
            return self.registry.organisation(owner.text[:-1], start, start + len(owner.text) - 1)
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

    def _role(self, tokens: list[Token], offset: int) -> Entity | None:
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
        # A lead often names the role before the person: "…, mener dansk litteraturkritiker." with
        # "litteraturkritiker i Jyllands-Posten Jon Helt Haarder" a paragraph later.
        later = [e for e in self.registry.people_after(offset, MAX_CATAPHORA_DISTANCE)
                 if e.role_lemma == role.lemma and (probe.country is None or e.country in (None, probe.country))]
        if later:
            return later[0]
        # "sier teatersjefen" right after the theatre's head was introduced without a title: the
        # most recent person whose role the article has not told us.
        for entity in people[:2]:
            if entity.role_lemma is None and _named_person(entity) \
                    and offset - entity.last_before(offset) < MAX_ROLE_FALLBACK_DISTANCE:
                return entity
        return None


def build_quotes(candidates: list[Candidate], registry: Registry) -> tuple[list[Quote], list[SpeakerProfile]]:
    """Resolve every candidate's speaker; continued and headline quotes borrow theirs."""
    resolver = Resolver(registry)
    quotes: list[Quote] = []
    resolved: list[tuple[Candidate, Entity | None, Quote]] = []
    for candidate in candidates:
        entity, why = None, []
        if candidate.mention is not None:
            entity, why = resolver.resolve(candidate.mention)
        elif candidate.speaker_from == "previous" and not candidate.para.headline:
            entity, why = _previous_speaker(candidate, resolved, registry)
        quote = _quote(candidate, entity, why)
        resolved.append((candidate, entity, quote))
    for n, (candidate, entity, quote) in enumerate(resolved):
        if entity is None and candidate.speaker_from == "previous" and not candidate.para.headline:
            # An opening quote with nobody named before it: "– Fortvilande. ¶ …, seier Hugøy."
            # The next attributed quote, close by, is usually the same voice.
            following = _next_speaker(candidate, resolved[n + 1 :])
            if following is not None:
                quote.speaker = _speaker(following, None)
                quote.explanation.append(f"no speaker before it: the speaker of the next quote, {following.id} '{following.name}'")
                entity = following
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


def _vague_source(tokens: list[Token]) -> bool:
    """'En kilde nær regjeringen', 'et vitne': an indefinite source noun names nobody."""
    return len(tokens) >= 2 and tokens[0].lower_ in ("en", "ei", "et", "ein", "eit") \
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
    # speaker: "Venninnen Noreen Walsh er overhodet ikke enig. ¶ – Jeg elsker røyken min."
    # An answer after an interview question: the narration before the question introduced the
    # person answering ("Petter Løvik (H) har motsatt syn. ¶ – Er du overrasket? ¶ – Nei, …").
    anchor = _question_before(candidate, registry) or candidate.start
    since = max([q.end for c, _, q in resolved if not c.para.headline and q.end <= anchor] or [0])
    since = max(since, _last_sentence_start(registry.text, anchor))
    # Only as the topic of that sentence (among its first words): "Agnes er enig.", "Venninnen
    # Noreen Walsh er ikke enig." — not a name the sentence merely mentions at its end.
    opening = since + len(" ".join(registry.text[since:anchor].split()[:SUBJECT_WORDS]))
    introduced = [(pos, e) for e in registry.entities if e.kind == PERSON and not e.members and _named_person(e)
                  for pos, _ in e.mentions if since <= pos < min(opening, anchor)]
    if introduced:
        entity = max(introduced, key=lambda p: p[0])[1]
        return entity, [f"no attribution: the person named in the narration just before, {entity.id} '{entity.name}'"]
    subject = _narration_subject(registry, since, anchor)
    if subject is not None:
        return subject, [f"no attribution: the subject of the narration just before, {subject.id} '{subject.name}'"]
    for earlier, entity, _ in reversed(resolved):
        if entity is not None and earlier.para.index >= candidate.para.index - 2 and not earlier.para.headline:
            return entity, [f"no attribution: continues the speaker of the quote before, {entity.id} '{entity.name}'"]
        if earlier.para.index < candidate.para.index - 2:
            break
    # An interview: the person quoted most so far is the one talking.
    spoken = [entity for _, entity, _ in resolved if entity is not None and entity.kind == PERSON]
    if spoken:
        main = max({id(e): e for e in spoken}.values(), key=lambda e: (spoken.count(e), -spoken[::-1].index(e)))
        return main, [f"no attribution: the person quoted most so far, {main.id} '{main.name}'"]
    people = registry.people_before(candidate.start)
    if people and candidate.start - people[0].last_before(candidate.start) < MAX_PRONOUN_DISTANCE:
        return people[0], [f"no attribution: the person named just before, {people[0].id} '{people[0].name}'"]
    return None, ["no attribution and no speaker before it"]


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

    "Om det ikke blir seier, er landslagssjef Marius Arnesen fornøyd." names its subject late;
    the parse finds it where a fixed number of opening words would not.
    """
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
