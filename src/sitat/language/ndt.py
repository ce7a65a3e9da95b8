"""Read the NDT/NorNE chunk files: sentences, splits and reconstructed running text.

The treebank has no whitespace information, so spaces are guessed from
punctuation (see ``guess_spaces``). Training, evaluation and the gold quote
annotations all read the corpus through this module, so the reconstructed text
is the same everywhere.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from spacy.tokens import Doc
from spacy.vocab import Vocab

# NDT tag (with proper nouns told apart) -> Universal POS; the attribute_ruler applies the same table.
UPOS = {tag: attrs["POS"] for tag, attrs in json.loads((Path(__file__).parent / "tag_map.json").read_text()).items()}

HEADLINE_MARK = "|"
HEADLINE_FEATURE = "<overskrift>"

# Split membership, from ../shared/data/README.md ("Split membership of ndt/ chunk files").
# Each range is inclusive on chunk names; everything not listed belongs to train.
SPLIT_RANGES: dict[str, dict[str, list[tuple[str, str]]]] = {
    "nb": {
        "dev": [
            ("ap012_0003", "ap014_0002"), ("bt005_0002", "bt005_0005"),
            ("db013_0005", "db014_0002"), ("kk006_0001", "kk007_0000"),
            ("sp-bm002_0000", "sp-bm002_0001"), ("vg002_0004", "vg002_0004"),
            ("blogg-bm003_0001", "blogg-bm003_0002"), ("nou004_0001", "nou004_0001"),
            ("st005_0001", "st005_0002"),
        ],
        "test": [
            ("ap014_0003", "ap015_0002"), ("bt005_0006", "bt006_0001"),
            ("db014_0003", "db014_0007"), ("kk007_0001", "kk008_0000"),
            ("sp-bm003_0000", "sp-bm003_0001"), ("vg002_0005", "vg002_0005"),
            ("blogg-bm003_0003", "blogg-bm003_0004"), ("nou004_0002", "nou004_0002"),
            ("st005_0003", "st005_0004"),
        ],
    },
    "nn": {
        "dev": [
            ("blogg-nn003_0002", "blogg-nn003_0002"), ("dot014_0008", "dot015_0002"),
            ("firda-nn004_0006", "firda-nn005_0002"), ("kk-nn006_0003", "kk-nn007_0002"),
            ("mom003_0005", "mom003_0005"), ("st-nn002_0001", "st-nn002_0001"),
            ("vtb-nn006_0005", "vtb-nn007_0001"),
        ],
        "test": [
            ("blogg-nn003_0003", "blogg-nn003_0003"), ("dot015_0003", "dot016_0004"),
            ("firda-nn005_0003", "firda-nn005_0006"), ("kk-nn007_0003", "kk-nn007_0006"),
            ("mom003_0006", "mom003_0006"), ("st-nn002_0002", "st-nn002_0002"),
            ("vtb-nn007_0002", "vtb-nn007_0004"),
        ],
    },
}

NEWS_PREFIXES = {
    "nb": ("ap", "bt", "db", "kk", "sp-bm", "vg"),
    "nn": ("dot", "firda-nn", "kk-nn", "vtb-nn"),
}

# Tokens glued to the token before them / after them when the text is rebuilt.
NO_SPACE_BEFORE = {",", ".", ":", ";", "!", "?", ")", "»", "...", "…", "%"}
NO_SPACE_AFTER = {"(", "«"}
STRAIGHT_QUOTES = {'"', "''", "``"}

_CHUNK_RE = re.compile(r"^(?P<source>.+?)(?P<unit>\d{3}[a-z]?)_(?P<part>\d{4})$")


@dataclass
class Token:
    form: str
    lemma: str
    pos: str
    feats: str
    head: int  # 1-based head inside the sentence, 0 for the root
    deprel: str
    ner: str  # IOB2 tag such as "B-PER" or "O"

    @property
    def tag(self) -> str:
        """The tag the shipped tagger learns: NDT POS, proper nouns told apart."""
        if self.pos == "subst" and "prop" in self.feats.split("|"):
            return "subst_prop"
        return self.pos


@dataclass
class Sentence:
    chunk: str  # chunk file name without extension, e.g. "ap014_0003"
    index: int  # 0-based sentence number inside the chunk file
    tokens: list[Token] = field(default_factory=list)
    headline: bool = False

    @property
    def sent_id(self) -> str:
        return f"{self.chunk}:{self.index}"

    @property
    def words(self) -> list[str]:
        return [t.form for t in self.tokens]


def data_dir(explicit: str | os.PathLike | None = None) -> Path:
    """Where the shared corpora live: ``explicit``, ``$SITAT_DATA`` or ``../shared/data``."""
    if explicit:
        return Path(explicit)
    if os.environ.get("SITAT_DATA"):
        return Path(os.environ["SITAT_DATA"])
    here = Path.cwd()
    for base in (here, *here.parents):
        candidate = base / ".." / "shared" / "data"
        if (candidate / "norne-nb").is_dir():
            return candidate.resolve()
        candidate = base / "shared" / "data"
        if (candidate / "norne-nb").is_dir():
            return candidate.resolve()
    return (here / ".." / "shared" / "data").resolve()


def chunk_dir(lang: str, data: Path) -> Path:
    return data / f"norne-{lang}" / "ndt"


def split_of(lang: str, chunk: str) -> str:
    """Return "train", "dev" or "test" for a chunk file name."""
    for split, ranges in SPLIT_RANGES[lang].items():
        for first, last in ranges:
            if _chunk_key(first) <= _chunk_key(chunk) <= _chunk_key(last) and _same_source(first, chunk):
                return split
    return "train"


def _chunk_key(name: str) -> tuple[str, str, int]:
    match = _CHUNK_RE.match(name)
    if not match:
        raise ValueError(f"not an NDT chunk name: {name!r}")
    return (match["source"], match["unit"], int(match["part"]))


def _same_source(a: str, b: str) -> bool:
    return _chunk_key(a)[0] == _chunk_key(b)[0]


def is_news(lang: str, chunk: str) -> bool:
    return _chunk_key(chunk)[0] in NEWS_PREFIXES[lang]


def chunks(lang: str, split: str | None, data: Path) -> list[Path]:
    """Chunk files of one written standard (and split), in text order."""
    files = sorted(chunk_dir(lang, data).glob("*.conll"), key=lambda p: _chunk_key(p.stem))
    if split is None:
        return files
    return [f for f in files if split_of(lang, f.stem) == split]


def read_chunk(path: Path) -> Iterator[Sentence]:
    """Sentences of one chunk file; the ``|`` headline marker is dropped and kept as a flag."""
    sentence = Sentence(path.stem, 0)
    with path.open(encoding="utf-8") as f:
        for line_no, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip():
                if sentence.tokens:
                    yield sentence
                    sentence = Sentence(path.stem, sentence.index + 1)
                continue
            cols = line.split("\t")
            if len(cols) != 10:
                raise ValueError(f"{path}:{line_no}: expected 10 tab-separated columns, got {len(cols)}")
            if cols[1] == HEADLINE_MARK and HEADLINE_FEATURE in cols[5]:
                sentence.headline = True
                continue
            lemma = cols[2][1:] if cols[2].startswith("$") and len(cols[2]) > 1 else cols[2]
            ner = cols[9].split("=", 1)[1] if cols[9].startswith("name=") else "O"
            sentence.tokens.append(
                Token(cols[1], lemma, cols[3], cols[5], int(cols[6]), cols[7], ner)
            )
    if sentence.tokens:
        yield sentence


def guess_spaces(words: list[str]) -> list[bool]:
    """Guess whether each token is followed by a space (NDT stores no whitespace)."""
    spaces = [True] * len(words)
    quote_open = False
    for i, word in enumerate(words):
        if word in STRAIGHT_QUOTES:
            if quote_open:  # closing quote: glue to the word before
                if i > 0:
                    spaces[i - 1] = False
            else:  # opening quote: glue to the word after
                spaces[i] = False
            quote_open = not quote_open
        if word in NO_SPACE_BEFORE and i > 0:
            spaces[i - 1] = False
        if word in NO_SPACE_AFTER:
            spaces[i] = False
    return spaces


def sentence_text(sentence: Sentence) -> str:
    words = sentence.words
    return "".join(w + (" " if s else "") for w, s in zip(words, guess_spaces(words))).rstrip()


def sentences_to_doc(vocab: Vocab, sentences: Iterable[Sentence]) -> Doc:
    """A gold Doc of NDT sentences: tags, lemmas, heads (roots relabelled ROOT), entities."""
    words, spaces, lemmas, tags, pos, heads, deps, ents, sent_starts = [], [], [], [], [], [], [], [], []
    for sentence in sentences:
        offset = len(words)
        sent_words = sentence.words
        words.extend(sent_words)
        sent_spaces = guess_spaces(sent_words)
        sent_spaces[-1] = True
        spaces.extend(sent_spaces)
        for i, token in enumerate(sentence.tokens):
            lemmas.append(token.lemma)
            tags.append(token.tag)
            pos.append(UPOS.get(token.tag, "X"))
            if token.head == 0:
                heads.append(offset + i)
                deps.append("ROOT")
            else:
                heads.append(offset + token.head - 1)
                deps.append(token.deprel)
            ents.append(token.ner)
            sent_starts.append(i == 0)
    spaces[-1] = False
    return Doc(
        vocab, words=words, spaces=spaces, lemmas=lemmas, tags=tags, pos=pos,
        heads=heads, deps=deps, ents=ents, sent_starts=sent_starts,
    )
