"""The results sitat returns: articles, quotes, speakers, as plain dataclasses."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class TextSpan:
    """A piece of the article: ``text == article.text[start:end]``."""

    text: str
    start: int
    end: int


@dataclass
class Speaker:
    """Who said a quote: the mention in the text and the entity it resolves to."""

    name: str | None
    mention: TextSpan | None = None
    entity: str | None = None
    role: str | None = None
    organisation: str | None = None
    party: str | None = None
    country: str | None = None
    gender: str | None = None
    kind: str | None = None  # "person", "organisation", "group" (a joint statement: "A og B") or None


@dataclass
class Quote:
    """One statement: what was said (``text``), how (``type``, ``cue``) and by whom."""

    text: str
    start: int
    end: int
    type: str  # "direct", "indirect" or "mixed"
    cue: TextSpan | None
    speaker: Speaker
    confidence: float = 1.0
    explanation: list[str] = field(default_factory=list)

    def to_dict(self, *, explain: bool = False) -> dict[str, Any]:
        data = asdict(self)
        if not explain:
            data.pop("explanation")
        return data


@dataclass
class SpeakerProfile:
    """An entity of one article that is quoted, with what the article says about it."""

    entity: str
    name: str
    kind: str
    role: str | None = None
    organisation: str | None = None
    party: str | None = None
    country: str | None = None
    gender: str | None = None
    mentions: list[TextSpan] = field(default_factory=list)
    quotes: int = 0


@dataclass
class Article:
    """An article and every statement found in it."""

    text: str
    lang: str
    title: str | None = None
    source: str | None = None
    quotes: list[Quote] = field(default_factory=list)
    speakers: list[SpeakerProfile] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)

    def to_dict(self, *, explain: bool = False, include_text: bool = False) -> dict[str, Any]:
        data: dict[str, Any] = {"source": self.source}
        data.update({k: v for k, v in self.meta.items() if k in ("id", "url")})
        data["lang"] = self.lang
        data["title"] = self.title
        if include_text:
            data["text"] = self.text
        data["quotes"] = [q.to_dict(explain=explain) for q in self.quotes]
        data["speakers"] = [
            {k: v for k, v in asdict(s).items() if k != "mentions"} | {"mentions": len(s.mentions)}
            for s in self.speakers
        ]
        return data
