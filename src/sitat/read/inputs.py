"""What every reader produces: ``ArticleInput``, plus the checks they share (size, bytes, dates)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ..errors import Errors, InputError

# Largest file or JSONL record we read, in bytes. News articles are a few kB and article pages
# rarely pass 2 MB; anything bigger is almost always a dump or a binary file by mistake.
MAX_BYTES = 10 * 1024 * 1024


@dataclass
class ArticleInput:
    """One article to process: its text exactly as decoded, and what we know about it.

    ``meta`` holds the corpus metadata readers find: ``id``, ``url``, ``outlet``, ``section``,
    ``authors`` (list of str) and ``published`` (ISO 8601), each only when known.
    """

    text: str
    source: str
    title: str | None = None
    title_line: bool = False  # the first line of ``text`` is the title
    meta: dict[str, Any] = field(default_factory=dict)


def decode(data: bytes, source: str) -> str:
    """UTF-8 text of a file's bytes, or an InputError saying why not."""
    if not data.strip():
        raise InputError(Errors.E011.format(path=source))
    nul = data.find(b"\x00")
    if nul != -1:
        raise InputError(Errors.E012.format(path=source, pos=nul))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise InputError(Errors.E013.format(path=source, pos=err.start)) from None
    # A byte-order mark is not part of the article; dropping it keeps offsets at the first letter.
    return text[1:] if text.startswith("\ufeff") else text


def read_file_bytes(path: str | Path, *, max_bytes: int = MAX_BYTES) -> bytes:
    """The bytes of one article file, or an InputError (missing, unreadable, too large)."""
    source = str(path)
    p = Path(path)
    if not p.exists():
        raise InputError(Errors.E010.format(path=source))
    try:
        size = p.stat().st_size
        if size > max_bytes:
            raise InputError(Errors.E048.format(path=source, size=size, limit=max_bytes))
        return p.read_bytes()
    except OSError as err:
        raise InputError(Errors.E014.format(path=source, reason=err.strerror or err)) from None


def iso_date(value: str) -> str:
    """``value`` as a normalised ISO 8601 date or date-time string; ValueError if it is neither.

    Dates stay dates (``2024-10-03``); times keep their offset (``2024-10-03T09:12:00+02:00``),
    so the first ten characters are always the calendar date the outlet printed.
    """
    value = value.strip()
    if len(value) == 10:
        return date.fromisoformat(value).isoformat()
    return datetime.fromisoformat(value).isoformat()


def split_authors(value: str) -> list[str]:
    """Names from a byline string: ``"Kari Nordvik; Ola Berg"`` -> two names."""
    return [name.strip() for name in value.split(";") if name.strip()]
