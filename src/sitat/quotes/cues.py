"""The reporting verbs, cue phrases and quote marks, read once from the lexicon files."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..lexicon import read_tsv

LEXICON = "sitat.quotes.lexicon"


@dataclass(frozen=True)
class ReportingVerb:
    form: str
    lemma: str
    standard: str
    use: str  # direct, indirect or both
    kind: str  # speech, writing, opinion, report, naming or naming_as

    @property
    def direct(self) -> bool:
        return self.use in ("direct", "both")

    @property
    def indirect(self) -> bool:
        return self.use in ("indirect", "both")

    @property
    def naming(self) -> bool:
        """Names what something is: "kalle X Y", or with "som": "beskrive X som Y"."""
        return self.kind in ("naming", "naming_as")


@dataclass(frozen=True)
class Cues:
    verbs: dict[str, ReportingVerb]  # single-word forms, lower case
    verb_phrases: dict[str, list[tuple[tuple[str, ...], ReportingVerb]]]  # first word -> multiword forms
    according_to: frozenset[str]  # "ifølge", "ifølgje", "iflg."
    according_to_phrases: frozenset[tuple[str, ...]]  # ("i", "følge")
    refer: frozenset[tuple[str, ...]]  # ("viser", "til", "at")
    to_medium: frozenset[str]  # "til", "overfor": the interviewing medium follows
    not_statements: frozenset[str]
    quote_marks: dict[str, frozenset[str]]  # opening mark -> closing marks
    dashes: frozenset[str]


@lru_cache(maxsize=1)
def cues() -> Cues:
    """All cue knowledge, loaded once per process."""
    verbs: dict[str, ReportingVerb] = {}
    phrases: dict[str, list[tuple[tuple[str, ...], ReportingVerb]]] = {}
    for row in read_tsv(LEXICON, "reporting_verbs.tsv", required=("form", "lemma", "use")):
        verb = ReportingVerb(row["form"].lower(), row["lemma"], row["standard"], row["use"], row["kind"] or "speech")
        words = tuple(verb.form.split())
        if len(words) == 1:
            verbs.setdefault(verb.form, verb)
        else:
            phrases.setdefault(words[0], []).append((words, verb))
    according, according_phrases, refer, to_medium = set(), set(), set(), set()
    for row in read_tsv(LEXICON, "cue_phrases.tsv", required=("phrase", "kind")):
        words = tuple(row["phrase"].lower().split())
        if row["kind"] == "according_to":
            (according.add(words[0]) if len(words) == 1 else according_phrases.add(words))
        elif row["kind"] == "refer":
            refer.add(words)
        elif row["kind"] == "to_medium":
            to_medium.update(words)
    not_statements = {
        row["form"].lower() for row in read_tsv(LEXICON, "not_statements.tsv", required=("form",))
    }
    marks: dict[str, set[str]] = {}
    for row in read_tsv(LEXICON, "quote_marks.tsv", required=("open", "close")):
        marks.setdefault(row["open"], set()).add(row["close"])
    dashes = {row["dash"] for row in read_tsv(LEXICON, "dashes.tsv", required=("dash",))}
    return Cues(
        verbs=verbs,
        # Longest phrase first, so "legger ikke skjul på" wins over a shorter one.
        verb_phrases={k: sorted(v, key=lambda p: -len(p[0])) for k, v in phrases.items()},
        according_to=frozenset(according),
        according_to_phrases=frozenset(according_phrases),
        refer=frozenset(refer),
        to_medium=frozenset(to_medium),
        not_statements=frozenset(not_statements),
        quote_marks={k: frozenset(v) for k, v in marks.items()},
        dashes=frozenset(dashes),
    )


@lru_cache(maxsize=None)
def function_words(group: str) -> frozenset[str]:
    """The words of one group in function_words.tsv ("frame_opener", "speaker_person", …)."""
    rows = read_tsv(LEXICON, "function_words.tsv", required=("word", "group"))
    words = frozenset(r["word"].lower() for r in rows if r["group"] == group)
    if not words:
        raise KeyError(f"no function words in group {group!r}")
    return words
