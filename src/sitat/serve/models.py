"""Request and response bodies of the API, as Pydantic models (they make the OpenAPI schema)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

QuoteType = Literal["direct", "indirect", "mixed"]


def _iso_day(value: str) -> date:
    return date.fromisoformat(value)  # a ValueError ("month must be in 1..12") becomes a 422


# A calendar day as YYYY-MM-DD, nothing else (pydantic's date would also take 0 as 1970-01-01).
Day = Annotated[str, StringConstraints(pattern=r"^\d{4}-\d{2}-\d{2}$"), AfterValidator(_iso_day),
                Field(json_schema_extra={"format": "date"})]


class ErrorOut(BaseModel):
    """Every error but a validation error (422): one clear message."""

    detail: str = Field(examples=["E062 no speaker with id 4711"])


# --- POST /api/extract ------------------------------------------------------------------------

class ExtractIn(BaseModel):
    """One article: its plain text, or an HTML page whose main text is read with trafilatura."""

    # One of text and html is required (said in the schema too); null is not a value for either.
    model_config = ConfigDict(extra="forbid", json_schema_extra={"anyOf": [{"required": ["text"]}, {"required": ["html"]}]})

    text: str = Field(None, pattern=r"\S", description="The article text; offsets in the result index it exactly.",
                      examples=["– Vi er klare, sier ordfører Kari Nordvik (Sp)."])
    html: str = Field(None, pattern=r"\S", description="An article page, used when `text` is not given.")
    title: str | None = Field(None, description="The headline (metadata; not searched for quotes).")
    lang: Literal["nb", "nn"] | None = Field(None, description="Written standard; detected when left out.")

    @model_validator(mode="after")
    def _one_text(self) -> ExtractIn:
        if not (self.text and self.text.strip()) and not (self.html and self.html.strip()):
            raise ValueError("give the article as a non-empty 'text' or 'html' field")
        return self


class Span(BaseModel):
    text: str
    start: int
    end: int


class SpeakerOut(BaseModel):
    name: str | None
    mention: Span | None = None
    entity: str | None = None
    role: str | None = None
    organisation: str | None = None
    party: str | None = None
    country: str | None = None
    gender: str | None = None
    kind: str | None = None


class QuoteOut(BaseModel):
    text: str
    start: int
    end: int
    type: QuoteType
    cue: Span | None
    speaker: SpeakerOut
    confidence: float


class ProfileOut(BaseModel):
    entity: str
    name: str
    kind: str
    role: str | None = None
    organisation: str | None = None
    party: str | None = None
    country: str | None = None
    gender: str | None = None
    mentions: int
    quotes: int


class ExtractOut(BaseModel):
    """As one article of `sitat extract --format json`."""

    source: str | None
    lang: str
    title: str | None
    quotes: list[QuoteOut]
    speakers: list[ProfileOut]


# --- POST /api/articles -----------------------------------------------------------------------

class ArticleIn(BaseModel):
    """One article to store, with the fields of a JSONL corpus record (docs/corpus.md)."""

    id: str | int | None = Field(None, description="The corpus' own id; re-sending it replaces or skips the article.")
    url: str | None = None
    title: str | None = None
    text: str | None = None
    html: str | None = None
    published: str | None = Field(None, description="ISO 8601 date or date-time.", examples=["2024-10-03T09:12:00+02:00"])
    outlet: str | None = None
    section: str | None = None
    authors: list[str] | str | None = None


class IngestOut(BaseModel):
    """What the store did with the articles sent; a bad one is reported in `errors`, the rest are stored."""

    ingested: int = Field(description="New articles stored.")
    replaced: int = Field(description="Stored articles whose content changed.")
    skipped: int = Field(description="Articles stored before with the same content.")
    failed: int
    errors: list[str] = Field(description="One message per failed article, naming it as `request:N` (1-based).")
    article_ids: list[int | None] = Field(description="The stored row id of each article sent, in order; null when it failed.")


# --- GET /api/quotes --------------------------------------------------------------------------

class QuoteHit(BaseModel):
    quote_id: int
    article_id: int
    type: QuoteType
    text: str
    highlighted: str = Field(description="`text` HTML-escaped, the matched words in `<mark>`; safe to insert as HTML.")
    matches: list[tuple[int, int]] = Field(description="Matched words as [start, end) offsets into `text`.")
    start: int
    end: int
    speaker_id: int | None
    speaker: str | None
    speaker_kind: str | None
    party: str | None
    role: str | None
    mention: str | None
    cue: str | None
    confidence: float | None
    title: str | None
    outlet: str | None
    published: str | None
    url: str | None


class QuotePage(BaseModel):
    items: list[QuoteHit]
    limit: int
    offset: int
    next_offset: int | None = Field(description="The offset of the next page; null on the last one.")


# --- speakers ---------------------------------------------------------------------------------

class SpeakerSummary(BaseModel):
    speaker_id: int
    name: str
    kind: str
    gender: str = Field(description="`f`, `m`, `organisation` or `unknown`.")
    party: str | None
    role: str | None
    role_type: str
    organisation: str | None
    country: str | None
    quotes: int
    articles: int
    first_quoted: str | None
    last_quoted: str | None


class SpeakerPage(BaseModel):
    items: list[SpeakerSummary]
    limit: int
    offset: int
    next_offset: int | None


class RoleSpan(BaseModel):
    role: str
    first_seen: str | None
    last_seen: str | None
    articles: int


class Affiliation(BaseModel):
    role: str | None
    organisation: str | None
    party: str | None
    articles: int
    first: str | None
    last: str | None


class OutletCount(BaseModel):
    outlet: str
    quotes: int


class MonthCount(BaseModel):
    month: str
    quotes: int


class SpeakerQuote(BaseModel):
    quote_id: int
    article_id: int
    published: str | None
    outlet: str | None
    title: str | None
    type: QuoteType
    text: str


class SpeakerDetail(SpeakerSummary):
    roles: list[RoleSpan] = Field(description="Each role the speaker was given, with the first and last day.")
    affiliations: list[Affiliation]
    outlets: list[OutletCount]
    timeline: list[MonthCount]
    latest_quotes: list[SpeakerQuote]


# --- GET /api/articles/{id} -------------------------------------------------------------------

class StoredQuote(BaseModel):
    id: int
    start: int
    end: int
    text: str
    type: QuoteType
    cue: Span | None
    mention: Span | None
    speaker_id: int | None
    speaker_entity: str | None
    confidence: float | None


class ArticleSpeaker(BaseModel):
    entity: str
    speaker_id: int
    name: str = Field(description="The name as this article gives it.")
    speaker_name: str = Field(description="The stored speaker's name (the fullest form seen in the store).")
    kind: str
    role: str | None
    organisation: str | None
    party: str | None
    country: str | None
    gender: str | None
    quotes: int


class StoredMention(BaseModel):
    speaker_id: int
    start: int
    end: int
    text: str


class ArticleDetail(BaseModel):
    id: int
    ext_id: str | None
    url: str | None
    source: str
    title: str | None
    outlet: str | None
    section: str | None
    authors: list[str]
    published: str | None
    lang: str | None
    text: str = Field(description="The text the engine read; every offset indexes it.")
    quotes: list[StoredQuote]
    speakers: list[ArticleSpeaker]
    mentions: list[StoredMention]


# --- GET /api/stats ---------------------------------------------------------------------------

class Totals(BaseModel):
    quotes: int
    sources: int
    anonymous_quotes: int
    articles: int


class Share(BaseModel):
    value: str
    quotes: int
    quote_share: float
    sources: int
    source_share: float


class StatsGroup(BaseModel):
    key: str
    totals: Totals
    dimensions: dict[str, list[Share]]


class StatsFilters(BaseModel):
    since: str | None
    until: str | None
    by: str | None


class StatsOut(BaseModel):
    """As `sitat stats --json` (docs/analytics.md)."""

    filters: StatsFilters
    totals: Totals
    dimensions: dict[str, list[Share]]
    groups: list[StatsGroup] | None = None
