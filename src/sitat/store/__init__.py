"""The SQLite store: schema and named migrations, FTS5 search, the single writer, the Corpus API."""

from .corpus import Corpus, IngestReport
from .search import SearchHit

__all__ = ["Corpus", "IngestReport", "SearchHit"]
