"""Roles, parties, countries, organisations and pronouns: the data files here and their loaders."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ...lexicon import read_tsv

LEXICON = "sitat.speakers.lexicon"


@dataclass(frozen=True)
class Pronoun:
    form: str
    person: str
    gender: str  # m, f, n or ""
    number: str  # sg or pl


@dataclass(frozen=True)
class Role:
    form: str
    lemma: str
    category: str
    gender: str


@dataclass(frozen=True)
class Party:
    abbreviation: str
    name: str
    country: str


@dataclass(frozen=True)
class Country:
    name: str
    iso: str


@dataclass(frozen=True)
class Organisation:
    name: str
    kind: str
    country: str


@lru_cache(maxsize=1)
def pronouns() -> dict[str, Pronoun]:
    rows = read_tsv(LEXICON, "pronouns.tsv", required=("form",))
    return {r["form"].lower(): Pronoun(r["form"].lower(), r["person"], r["gender"], r["number"]) for r in rows}


@lru_cache(maxsize=1)
def pronoun_forms() -> frozenset[str]:
    # Asked for every token of a speaker phrase: build the set once.
    return frozenset(pronouns())


@lru_cache(maxsize=1)
def roles() -> dict[str, Role]:
    """Role nouns by lower-case form ("statsministeren" -> lemma "statsminister")."""
    table: dict[str, Role] = {}
    for r in read_tsv(LEXICON, "roles.tsv", required=("form", "lemma")):
        table.setdefault(r["form"].lower(), Role(r["form"], r["lemma"].lower(), r["category"] or "other", r["gender"]))
    return table


# The shortest known role that may end a compound ("vaktsjefen" ends in "sjefen"). Four letters
# was measured worse: short tails such as "lege" end too many words that name no role.
MIN_ROLE_TAIL = 5


# Words whose role is remembered: the same words are asked for again and again (every speaker
# phrase, every name), and the compound search tries every split of the word.
ROLE_CACHE_SIZE = 1 << 16


@lru_cache(maxsize=ROLE_CACHE_SIZE)
def role_of(word: str) -> Role | None:
    """The role a word names, also as the last part of a compound ("Nato-sjef", "partileiar")."""
    lower = word.lower()
    table = roles()
    if lower in table:
        return table[lower]
    if "-" in lower:
        head = lower.rsplit("-", 1)[1]
        if head in table:
            return table[head]
    # Norwegian compounds: "forsvarsministeren" ends in a known role "ministeren".
    found = _compound_role(word, lower, table)
    if found is None and word[:1].islower():
        # A definite form the table does not list: "litteraturkritikeren" is "litteraturkritiker" +
        # "-en". Only for lower-case words: "Jensen" and "Larsen" are names, not roles.
        for ending in DEFINITE_ENDINGS:
            stem = lower[: -len(ending)]
            if lower.endswith(ending) and len(stem) >= MIN_ROLE_TAIL:
                base = table.get(stem) or _compound_role(stem, stem, table)
                if base is not None and base.lemma.endswith(stem[-MIN_ROLE_TAIL:]):
                    return Role(word, base.lemma, base.category, base.gender)
    return found


# Definite singular endings of role nouns ("-en" bokmål and nynorsk masculine, "-a" feminine).
DEFINITE_ENDINGS = ("en", "a")


# Short heads that still name a role at the end of any compound: "forlagssjef", "vaktsjefen".
SHORT_ROLE_HEADS = frozenset({"sjef", "sjefen"})


def _compound_role(word: str, lower: str, table: dict[str, Role]) -> Role | None:
    for cut in range(1, len(lower) - 3):
        tail = lower[cut:]
        if tail in table and (len(tail) >= MIN_ROLE_TAIL or (tail in SHORT_ROLE_HEADS and cut >= 4)):
            return Role(word, lower[:cut] + table[tail].lemma, table[tail].category, table[tail].gender)
    return None


@lru_cache(maxsize=1)
def parties() -> dict[str, Party]:
    """Parties by every abbreviation, name and alias (lower case)."""
    table: dict[str, Party] = {}
    for r in read_tsv(LEXICON, "parties.tsv", required=("abbreviation",)):
        party = Party(r["abbreviation"], r["name_nb"] or r["abbreviation"], r["country"])
        for alias in [r["abbreviation"], r["name_nb"], r["name_nn"], *r["aliases"].split("|")]:
            if alias.strip():
                table.setdefault(alias.strip().lower(), party)
    return table


@lru_cache(maxsize=1)
def countries() -> dict[str, Country]:
    """Countries by name, genitive, adjective (base and -e form) and demonym, lower case."""
    table: dict[str, Country] = {}
    for r in read_tsv(LEXICON, "countries.tsv", required=("name_nb",)):
        country = Country(r["name_nb"], r["iso"])
        keys = [r["name_nb"], r["name_nn"], *r["genitive"].split("|"), *r["demonym"].split("|")]
        for adjective in [*r["adjective_nb"].split("|"), *r["adjective_nn"].split("|")]:
            adjective = adjective.strip()
            if adjective:
                keys += [adjective, adjective + "e" if not adjective.endswith("e") else adjective]
        for key in keys:
            if key.strip():
                table.setdefault(key.strip().lower(), country)
    return table


@lru_cache(maxsize=1)
def organisations() -> dict[str, Organisation]:
    """Organisations and media by name and alias, lower case."""
    table: dict[str, Organisation] = {}
    for r in read_tsv(LEXICON, "organisations.tsv", required=("name",)):
        org = Organisation(r["name"], r["kind"] or "organisation", r["country"])
        for alias in [r["name"], *r["aliases"].split("|")]:
            if alias.strip():
                table.setdefault(alias.strip().lower(), org)
    return table


def organisation_aliases(organisation: Organisation) -> list[str]:
    """Every lower-case name and alias of ``organisation`` in ``organisations()``, in table order."""
    # An index built once: finding them by scanning the whole table cost a scan per mention.
    return list(_aliases_by_organisation().get(organisation, ()))


@lru_cache(maxsize=1)
def _aliases_by_organisation() -> dict[Organisation, list[str]]:
    index: dict[Organisation, list[str]] = {}
    for alias, organisation in organisations().items():
        index.setdefault(organisation, []).append(alias)
    return index


def _forms(name: str) -> frozenset[str]:
    """The ``form`` column of one lexicon file, lower case."""
    return frozenset(r["form"].lower() for r in read_tsv(LEXICON, name, required=("form",)))


@lru_cache(maxsize=1)
def both_words() -> frozenset[str]:
    """Speaker phrases meaning the two people named last ("begge to", "båe to"), lower case."""
    return _forms("both_words.tsv")


@lru_cache(maxsize=1)
def document_frame_verbs() -> frozenset[str]:
    """Verbs of "«…», heter det i rapporten": the quote comes from a document (lower case)."""
    return _forms("document_frames.tsv")


@lru_cache(maxsize=1)
def holding_verbs() -> frozenset[str]:
    """Forms of verbs whose subject holds a noun cue's view ("har en teori om at"), lower case."""
    return _forms("holding_verbs.tsv")


@lru_cache(maxsize=1)
def intensifiers() -> frozenset[str]:
    """Words that stress a speaker and name no one else ("han selv"), lower case."""
    return _forms("intensifiers.tsv")


@lru_cache(maxsize=1)
def told_cues() -> frozenset[tuple[str, str]]:
    """(first word, noun) of cues whose subject is told ("fikk beskjed"), lower case."""
    rows = read_tsv(LEXICON, "told_cues.tsv", required=("verb", "noun"))
    return frozenset((r["verb"].lower(), r["noun"].lower()) for r in rows)


@lru_cache(maxsize=1)
def time_genitives() -> frozenset[str]:
    """Genitives of time words ("dagens", "årets"): they date a document, they do not issue it."""
    return _forms("time_genitives.tsv")


@lru_cache(maxsize=1)
def document_nouns() -> dict[str, str]:
    """Nouns for reports and figures ("tall", "rapporten"), lower case -> "indefinite"/"definite"."""
    return {r["form"].lower(): r["definiteness"] for r in read_tsv(LEXICON, "document_nouns.tsv", required=("form",))}


def document_noun_of(word: str) -> str | None:
    """The definiteness of a document noun, also at the end of a compound ("meningsmålingen")."""
    return by_compound_tail(word, document_nouns(), MIN_ROLE_TAIL)


def by_compound_tail(word: str, table: dict[str, str], min_tail: int) -> str | None:
    """``table``'s value for ``word``, or for the longest end of the compound it is in the table
    with at least ``min_tail`` letters ("meningsmålingen" -> "målingen", "lokalavisen" -> "avisen")."""
    lower = word.lower()
    if lower in table:
        return table[lower]
    return next((table[lower[cut:]] for cut in range(1, len(lower) - min_tail + 1) if lower[cut:] in table), None)


@lru_cache(maxsize=1)
def country_names_by_iso() -> dict[str, str]:
    """ISO code -> the country's Bokmål name ("NO" -> "Norge"), to give every profile one form."""
    return {r["iso"].upper(): r["name_nb"] for r in read_tsv(LEXICON, "countries.tsv", required=("name_nb",)) if r["iso"]}


def country_name(value: str | None) -> str | None:
    if not value:
        return None
    return country_names_by_iso().get(value.upper(), value)


@lru_cache(maxsize=1)
def organisation_suffixes() -> tuple[str, ...]:
    return tuple(r["suffix"].lower() for r in read_tsv(LEXICON, "organisation_suffixes.tsv", required=("suffix",)))


def looks_like_organisation(name: str) -> bool:
    """'Norges Fotballforbund', 'Sky News', 'Vestland fylkeskommune': an organisation, not a person."""
    lower = name.lower()
    if lower in organisations() or is_country_name(lower):
        return True
    last = lower.split()[-1] if lower.split() else ""
    whole, endings = _organisation_suffix_tests()
    return last in whole or last.endswith(endings)


@lru_cache(maxsize=1)
def _organisation_suffix_tests() -> tuple[frozenset[str], tuple[str, ...]]:
    """The suffixes a last word may equal, and those longer than four letters it may end with
    ("fylkeskommune", "Fotballforbund"): one set lookup and one ``endswith`` instead of a loop."""
    suffixes = organisation_suffixes()
    return frozenset(suffixes), tuple(s for s in suffixes if len(s) > 4)


def is_country_name(word: str) -> bool:
    """'Russland' speaks as a state; 'russiske', 'Russlands' and 'russer' do not name one."""
    country = countries().get(word.lower())
    return country is not None and word.lower() == country.name.lower()


@lru_cache(maxsize=1)
def organisation_noun_kinds() -> dict[str, str]:
    """Definite nouns that refer back to an organisation of a kind: "nyhetsbyrået" -> "wire"."""
    rows = read_tsv(LEXICON, "organisation_suffixes.tsv", required=("suffix",))
    return {r["suffix"].lower(): r["kind"] for r in rows if r.get("kind")}
