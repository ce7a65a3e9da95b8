"""Cross-article speaker identity: which stored speaker a new mention is, and the human overrides.

Rules (documented in docs/corpus.md, "Speaker identity"):

- a person is matched on the surname first (``speakers.match_key``), then on the given names:
  the same given names, or compatible ones (``J.`` and ``Jonas``, ``Jonas`` and ``Jonas Gahr``);
- a surname-only mention (``Støre``) attaches only when that is unambiguous: exactly one known
  person with that surname, or exactly one that shares its role, party or organisation;
- spelling variants of full names (``Zelenskyj``/``Zelensky``) merge when the whole names are
  very close (rapidfuzz ratio >= ``FUZZY_MIN``, also after folding the usual transliterations:
  ``Dmitrij``/``Dmitry``) and the first given names start with the same letter;
- the same name in different lines of work (role categories of roles.tsv: a Frp MP and a marine
  scientist, both ``Lars Berg``) is two people; offices of one kind (minister, then MP) are not;
- a party conflict blocks every merge; an organisation conflict blocks all but an exact full name;
  a role conflict blocks spelling-variant and ambiguous surname-only merges (roles change over time);
- organisations match on their name, any case, and the aliases in ``speakers/lexicon/organisations.tsv``.

The aliases file (``<db>.aliases.tsv``) overrides the rules: ``merge`` and ``split`` lines, applied
on every ingest and by ``sitat speakers merge|split|apply``.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz

from ..errors import Errors, StoreError
from .database import normalise_name

FUZZY_MIN = 90  # rapidfuzz ratio (0-100) of two full names for a spelling variant
FUZZY_GIVEN_MIN = 85  # and of their first given names ("Dmitrij"/"Dmitri")
DEFAULT_SPLIT_LABEL = "1"
ALIASES_SUFFIX = ".aliases.tsv"
ALIASES_HEADER = """\
# sitat speaker overrides, applied on every `sitat ingest` and by `sitat speakers merge|split|apply`.
# One rule per line, tab-separated; lines starting with # are comments. Names are matched in any case.
#
#   merge<TAB>NAME<TAB>TARGET              NAME (a mention or speaker name) is the same person as TARGET;
#                                          TARGET becomes the speaker's name.
#   split<TAB>NAME<TAB>ARTICLE[<TAB>LABEL] in ARTICLE (its corpus id, URL, source file or row id) the
#                                          speaker named NAME is someone else; split lines with the
#                                          same NAME and LABEL (default 1) are one other person.
#
# Example:
# merge\tJonas Støre\tJonas Gahr Støre
# split\tHansen\tntb-2024-0042
"""


@dataclass(frozen=True)
class Name:
    """A person's name cut into given names and surname, casefolded; ``display`` keeps the case."""

    given: tuple[str, ...]
    surname: str
    display: str

    @property
    def full(self) -> str:
        return " ".join((*self.given, self.surname))

    @property
    def weight(self) -> tuple[int, int]:
        """How full the name is: given names that are not initials, then length."""
        return (len(self.given) + sum(len(g) > 1 for g in self.given), len(self.display))


def person_name(name: str) -> Name | None:
    """Cut ``name``: a party in brackets and leading lower-case words (roles: "statsminister") go."""
    words = re.sub(r"\([^)]*\)", " ", name).split()
    while words and not words[0][:1].isupper():
        words.pop(0)
    if not words:
        return None
    folded = [w.casefold().rstrip(".,") for w in words]
    given = tuple(g for w in folded[:-1] for g in w.split("-") if g)
    return Name(given, folded[-1], " ".join(words))


def _same_token(a: str, b: str) -> bool:
    return a == b or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b))


def given_compatible(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """The shorter list of given names is an ordered subsequence of the longer (initials match)."""
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    rest = iter(long)
    return all(any(_same_token(s, t) for t in rest) for s in short)


def party_key(value: str | None) -> str | None:
    from ..speakers.lexicon import parties

    if not value:
        return None
    party = parties().get(value.strip().lower())
    return (party.abbreviation if party else value).casefold().strip()


def organisation_key(value: str | None) -> str | None:
    """An organisation's identity: its canonical name (aliases resolved), casefolded."""
    from ..speakers.lexicon import organisations

    if not value or not value.strip():
        return None
    org = organisations().get(" ".join(value.split()).lower())
    return normalise_name(org.name if org else value)


def role_key(value: str | None) -> str | None:
    """A role's lemma, any case (``Utenriksministeren`` -> ``utenriksminister``)."""
    from ..speakers.lexicon import role_of

    if not value or not value.strip():
        return None
    word = value.split()[-1]
    role = role_of(word) or role_of(word.lower())
    return (role.lemma if role else word).casefold()


def _conflict(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and a != b


@dataclass
class Mention:
    """What one article says about a speaker, as the matcher sees it."""

    name: str
    kind: str
    role: str | None = None
    party: str | None = None
    organisation: str | None = None


@dataclass
class Candidate:
    id: int
    name: Name
    party: str | None
    organisation: str | None
    roles: set[str] = field(default_factory=set)

    def agreement(self, m: Mention) -> int:
        """How many of role, party, organisation the mention shares with this speaker."""
        return ((role_key(m.role) is not None and role_key(m.role) in self.roles)
                + (party_key(m.party) is not None and party_key(m.party) == self.party)
                + (organisation_key(m.organisation) is not None and organisation_key(m.organisation) == self.organisation))


def match_key(name: str, kind: str) -> str:
    """The indexed key candidates are looked up by: a person's surname, an organisation's canonical name."""
    if kind == "person":
        parts = person_name(name)
        return parts.surname if parts else normalise_name(name)
    if kind == "organisation":
        return organisation_key(name) or normalise_name(name)
    return normalise_name(name)


def _candidates(conn: sqlite3.Connection, surname: str, *, variants: bool = False) -> list[Candidate]:
    """Stored persons with this surname, or (``variants``) with a surname that starts with its first three letters."""
    low, high = (surname[:3], surname[:3] + "\U0010ffff") if variants else (surname, surname)
    rows = conn.execute(
        "SELECT s.id, s.name, s.party, s.organisation, group_concat(DISTINCT ap.role) FROM speakers s "
        "LEFT JOIN article_speakers ap ON ap.speaker_id = s.id AND ap.role IS NOT NULL "
        "WHERE s.kind = 'person' AND s.split_key IS NULL AND s.match_key >= ? AND s.match_key <= ? "
        "GROUP BY s.id ORDER BY s.id", (low, high)).fetchall()
    found = []
    for sid, name, party, organisation, roles in rows:
        parts = person_name(name)
        if parts is not None:
            found.append(Candidate(sid, parts, party_key(party), organisation_key(organisation),
                                   {role_key(r) for r in (roles or "").split(",") if r.strip()}))
    return found


def _one(cands: list[Candidate], m: Mention) -> Candidate | None:
    """The single candidate, or the single one sharing the most with the mention; None when ambiguous."""
    if len(cands) == 1:
        return cands[0]
    scored = sorted(((c.agreement(m), c.id) for c in cands), reverse=True)
    if scored and scored[0][0] > 0 and (len(scored) == 1 or scored[1][0] < scored[0][0]):
        return next(c for c in cands if c.id == scored[0][1])
    return None


def _role_conflict(c: Candidate, m: Mention) -> bool:
    return bool(role_key(m.role) and c.roles and role_key(m.role) not in c.roles)


def role_categories(roles: set[str | None] | list[str | None], party: str | None) -> set[str]:
    """The kinds of work roles say a person does (roles.tsv categories; ``other`` says nothing);
    a party alone says politician."""
    from ..speakers.lexicon import role_of

    found = {r.category for r in (role_of(x) for x in roles if x) if r is not None and r.category != "other"}
    return found or ({"politician"} if party else set())


def _category_conflict(c: Candidate, m: Mention) -> bool:
    """Two people with one name in different lines of work (a Frp MP and a marine scientist, both
    Lars Berg) are two; a minister who changes office stays one (both roles are politician)."""
    mine = role_categories([m.role], m.party)
    theirs = role_categories(c.roles, c.party)
    return bool(mine and theirs and not mine & theirs)


def _translit(name: str) -> str:
    """Fold the usual spellings of Slavic names together for comparison: Dmitrij/Dmitry, Aleksej/Alexei."""
    folded = name.replace("j", "y").replace("ks", "x").replace("kh", "h")
    return re.sub(r"[iy]y|yi\b", "y", folded)


def match_person(conn: sqlite3.Connection, m: Mention) -> int | None:
    """The stored person ``m`` is, by the rules above; None when it is someone new (or ambiguous)."""
    parts = person_name(m.name)
    if parts is None:
        return None
    party, org = party_key(m.party), organisation_key(m.organisation)
    same = [c for c in _candidates(conn, parts.surname) if not _conflict(party, c.party) and c.name.surname == parts.surname]
    full = [c for c in same if c.name.given]
    bare = [c for c in same if not c.name.given]
    if parts.given:
        exact = [c for c in full if c.name.given == parts.given and not _category_conflict(c, m)]
        if exact and (hit := _one(exact, m) or min(exact, key=lambda c: c.id)):
            return hit.id
        compatible = [c for c in full if given_compatible(c.name.given, parts.given) and not _conflict(org, c.organisation)
                      and not _category_conflict(c, m)]
        if compatible:
            return hit.id if (hit := _one(compatible, m)) else None
        variants = [c for c in _candidates(conn, parts.surname, variants=True) if not _conflict(party, c.party)]
        fuzzy = [c for c in variants if c.name.given and c.name.given[0][:1] == parts.given[0][:1]
                 and not _conflict(org, c.organisation) and not _role_conflict(c, m)
                 and max(fuzz.ratio(c.name.full, parts.full), fuzz.ratio(_translit(c.name.full), _translit(parts.full))) >= FUZZY_MIN
                 and max(fuzz.ratio(c.name.given[0], parts.given[0]),
                         fuzz.ratio(_translit(c.name.given[0]), _translit(parts.given[0]))) >= FUZZY_GIVEN_MIN]
        if fuzzy:
            return hit.id if (hit := _one(fuzzy, m)) else None
        # A full name completes a surname-only speaker when no other person has that surname.
        bare = [c for c in bare if not _conflict(org, c.organisation)]
        if not full and len(bare) == 1:
            return bare[0].id
        return None
    full = [c for c in full if not _conflict(org, c.organisation)]
    if len(full) == 1:
        return full[0].id
    if len(full) > 1:
        hit = _one([c for c in full if not _role_conflict(c, m)], m)
        if hit:
            return hit.id
    bare = [c for c in bare if not _conflict(org, c.organisation)]
    return bare[0].id if len(bare) == 1 else None


def fuller(current: str, new: str) -> bool:
    """Whether ``new`` is a fuller form of a person's name than ``current``."""
    a, b = person_name(current), person_name(new)
    return b is not None and (a is None or b.weight > a.weight)


def display_name(name: str, kind: str) -> str:
    """The form stored as a speaker's name: roles and a bracketed party dropped from a person's name."""
    parts = person_name(name) if kind == "person" else None
    return parts.display if parts else " ".join(name.split())


# --- The aliases file ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Merge:
    name: str
    target: str


@dataclass(frozen=True)
class Split:
    name: str
    article: str
    label: str = DEFAULT_SPLIT_LABEL

    @property
    def key(self) -> str:
        return f"{normalise_name(self.name)}#{self.label}"


@dataclass
class Aliases:
    """The rules of one aliases file."""

    merges: list[Merge] = field(default_factory=list)
    splits: list[Split] = field(default_factory=list)

    def target(self, name: str) -> str | None:
        """The name ``name`` is merged into, following chains (A -> B -> C), if any."""
        seen: set[str] = set()
        found = None
        key = normalise_name(name)
        while key not in seen:
            seen.add(key)
            nxt = next((m.target for m in self.merges if normalise_name(m.name) == key), None)
            if nxt is None:
                break
            found, key = nxt, normalise_name(nxt)
        return found

    def split_for(self, name: str, article_refs: set[str]) -> Split | None:
        key = normalise_name(name)
        return next((s for s in self.splits if normalise_name(s.name) == key and s.article in article_refs), None)


def aliases_path(db: str | Path) -> Path:
    """The aliases file next to the database: ``<db>.aliases.tsv``."""
    db = Path(db)
    return db.with_name(db.name + ALIASES_SUFFIX)


def read_aliases(path: str | Path | None) -> Aliases:
    """Parse an aliases file (missing file: no rules); a bad line raises E058 with file and line."""
    rules = Aliases()
    if path is None or not Path(path).is_file():
        return rules
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cols = [c.strip() for c in line.split("\t")]
        if cols[0] == "merge" and len(cols) == 3 and all(cols[1:]):
            rules.merges.append(Merge(cols[1], cols[2]))
        elif cols[0] == "split" and len(cols) in (3, 4) and all(cols[1:]):
            rules.splits.append(Split(*cols[1:]))
        else:
            raise StoreError(Errors.E058.format(path=path, line=n, reason=(
                "expected 'merge<TAB>NAME<TAB>TARGET' or 'split<TAB>NAME<TAB>ARTICLE[<TAB>LABEL]'")))
    return rules


def append_rule(path: str | Path, fields: list[str]) -> None:
    """Add one rule line to the aliases file, creating it with its commented header."""
    path = Path(path)
    new = not path.is_file()
    with path.open("a", encoding="utf-8") as f:
        if new:
            f.write(ALIASES_HEADER)
        f.write("\t".join(fields) + "\n")


# --- Applying the rules to a stored corpus ------------------------------------------------------


def _move(conn: sqlite3.Connection, source: int, target: int) -> None:
    """Everything that points at speaker ``source`` points at ``target``; ``source`` is deleted."""
    for table in ("article_speakers", "quote_spans"):
        conn.execute(f"UPDATE {table} SET speaker_id = ? WHERE speaker_id = ?", (target, source))
    fields = ("gender", "party", "role", "organisation", "country")
    sets = ", ".join(f"{f} = coalesce({f}, (SELECT {f} FROM speakers WHERE id = :source))" for f in fields)
    conn.execute(f"UPDATE speakers SET {sets} WHERE id = :target", {"source": source, "target": target})
    conn.execute("DELETE FROM speakers WHERE id = ?", (source,))


def _repoint(conn: sqlite3.Connection, article_id: int, entity: str, old: int, new: int) -> None:
    """One article's speaker ``entity`` (its profile, quotes and mentions) moves from speaker ``old`` to ``new``."""
    conn.execute("UPDATE article_speakers SET speaker_id = ? WHERE article_id = ? AND entity = ?", (new, article_id, entity))
    conn.execute("UPDATE quote_spans SET speaker_id = ? WHERE article_id = ? AND speaker_id = ? "
                 "AND (speaker_entity = ? OR speaker_entity IS NULL)", (new, article_id, old, entity))


def refresh(conn: sqlite3.Connection, speaker_id: int, *, prefer: str | None = None) -> None:
    """Give a person speaker the fullest name seen, or ``prefer`` (a merge target); delete it if nothing refers to it."""
    row = conn.execute("SELECT name, kind FROM speakers WHERE id = ?", (speaker_id,)).fetchone()
    if row is None:
        return
    used = conn.execute("SELECT EXISTS (SELECT 1 FROM article_speakers WHERE speaker_id = :s) "
                        "OR EXISTS (SELECT 1 FROM quote_spans WHERE speaker_id = :s)", {"s": speaker_id}).fetchone()[0]
    if not used:  # its mentions were on its article_speakers rows, so none are left either
        conn.execute("DELETE FROM speakers WHERE id = ?", (speaker_id,))
        return
    name, kind = row
    if kind != "person":
        return
    best = prefer or name
    if prefer is None:
        for (form,) in conn.execute("SELECT DISTINCT name FROM article_speakers WHERE speaker_id = ?", (speaker_id,)).fetchall():
            if fuller(best, form):
                best = display_name(form, kind)
    if best != name:
        conn.execute("UPDATE speakers SET name = ?, norm_name = ?, match_key = ? WHERE id = ?",
                     (best, normalise_name(best), match_key(best, kind), speaker_id))


def split_speaker(conn: sqlite3.Connection, split: Split) -> int:
    """The speaker row that ``split`` sends its mentions to, created on first use."""
    row = conn.execute("SELECT id FROM speakers WHERE split_key = ?", (split.key,)).fetchone()
    if row:
        return row[0]
    name = display_name(split.name, "person")
    return conn.execute("INSERT INTO speakers (name, norm_name, kind, match_key, split_key) VALUES (?, ?, 'person', ?, ?)",
                        (name, normalise_name(name), match_key(name, "person"), split.key)).lastrowid


def apply_aliases(conn: sqlite3.Connection, rules: Aliases) -> int:
    """Make the store agree with ``rules``; call inside the caller's transaction. Idempotent.

    RETURNS (int): how many speakers rows were moved or re-pointed (0 when already applied).
    """
    changed = 0
    for merge in rules.merges:
        final = rules.target(merge.name) or merge.target
        a, b = normalise_name(merge.name), normalise_name(final)
        targets = [r[0] for r in conn.execute(
            "SELECT id FROM speakers WHERE split_key IS NULL AND norm_name = ? ORDER BY id", (b,))]
        whole = [r[0] for r in conn.execute(
            "SELECT id FROM speakers WHERE split_key IS NULL AND norm_name = ? ORDER BY id", (a,))]
        # Mentions named NAME move alone: the rest of their speaker (another Hansen) stays where it is.
        named = conn.execute(
            "SELECT ap.article_id, ap.entity, ap.speaker_id FROM article_speakers ap JOIN speakers s ON s.id = ap.speaker_id "
            "WHERE s.split_key IS NULL AND sitat_norm_name(ap.name) = ? ORDER BY ap.speaker_id", (a,)).fetchall()
        if not (whole or named):
            continue
        if targets or whole:
            target = (targets or whole)[0]
        else:  # TARGET is not stored yet: a new speaker of that name, of the kind of the first mention's speaker
            (kind,) = conn.execute("SELECT kind FROM speakers WHERE id = ?", (named[0][2],)).fetchone()
            shown = display_name(final, kind)
            target = conn.execute("INSERT INTO speakers (name, norm_name, kind, match_key) VALUES (?, ?, ?, ?)",
                                  (shown, normalise_name(shown), kind, match_key(shown, kind))).lastrowid
        touched = set()
        for source in whole:
            if source != target:
                _move(conn, source, target)
                changed += 1
        for article_id, entity, old in named:
            if old not in (target, *whole):
                _repoint(conn, article_id, entity, old, target)
                touched.add(old)
                changed += 1
        for sid in touched:
            refresh(conn, sid)
        refresh(conn, target, prefer=display_name(final, "person"))
    for split in rules.splits:
        n = normalise_name(split.name)
        articles = [r[0] for r in conn.execute(
            "SELECT id FROM articles WHERE ext_id = :r OR url = :r OR source = :r OR CAST(id AS TEXT) = :r", {"r": split.article})]
        if not articles:
            continue
        marks = ",".join("?" * len(articles))
        rows = conn.execute(
            f"SELECT ap.article_id, ap.entity, ap.speaker_id FROM article_speakers ap JOIN speakers s ON s.id = ap.speaker_id "
            f"WHERE ap.article_id IN ({marks}) AND (sitat_norm_name(ap.name) = ? OR s.norm_name = ?) "
            f"AND (s.split_key IS NULL OR s.split_key != ?)", (*articles, n, n, split.key)).fetchall()
        if not rows:
            continue
        new = split_speaker(conn, split)
        touched = set()
        for article_id, entity, old in rows:
            _repoint(conn, article_id, entity, old, new)
            touched.add(old)
            changed += 1
        for sid in touched:
            refresh(conn, sid)
        _fill(conn, new)
    return changed


def _fill(conn: sqlite3.Connection, speaker_id: int) -> None:
    """A split speaker's attributes, from its articles' profiles."""
    for f in ("gender", "party", "role", "organisation", "country"):
        conn.execute(f"UPDATE speakers SET {f} = coalesce({f}, (SELECT {f} FROM article_speakers WHERE speaker_id = :s "
                     f"AND {f} IS NOT NULL LIMIT 1)) WHERE id = :s", {"s": speaker_id})
