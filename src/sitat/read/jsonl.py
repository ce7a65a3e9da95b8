"""JSON Lines corpora (``.jsonl``, ``.jsonl.gz``): one article per line, bad lines reported and skipped.

A record is a JSON object with ``text`` or ``html`` and any of ``id``, ``url``, ``title``,
``published`` (ISO 8601), ``outlet``, ``section`` and ``authors`` (a list, or one string with
names separated by ``;``). Missing metadata is fine; a field of the wrong type is an error.
"""

from __future__ import annotations

import gzip
import json
import zlib
from pathlib import Path
from typing import IO, Any, Iterator

from ..errors import Errors, InputError
from .html import html_to_input
from .inputs import MAX_BYTES, ArticleInput, iso_date, split_authors

# Field -> (accepted JSON types, how the message names them). ``null`` always means "unknown".
FIELDS: dict[str, tuple[tuple[type, ...], str]] = {
    "id": ((str, int), "a string or an integer"),
    "url": ((str,), "a string"),
    "title": ((str,), "a string"),
    "text": ((str,), "a string"),
    "html": ((str,), "a string"),
    "published": ((str,), "an ISO 8601 string"),
    "outlet": ((str,), "a string"),
    "section": ((str,), "a string"),
    "authors": ((list, str), "a list of names or a string"),
}
JSON_TYPES = {dict: "an object", list: "a list", str: "a string", int: "a number", float: "a number",
              bool: "true/false", type(None): "null"}
SNIFF_BYTES = 8192


def is_jsonl(path: str | Path) -> bool:
    """Whether ``path`` names a JSON Lines corpus (plain or gzipped)."""
    name = str(path).lower()
    return name.endswith(".jsonl") or name.endswith(".jsonl.gz")


def _open(path: Path) -> IO[bytes]:
    return gzip.open(path, "rb") if path.name.lower().endswith(".gz") else path.open("rb")


def _lines(stream: IO[bytes], max_bytes: int) -> Iterator[tuple[int, bytes | None, int]]:
    """``(line number, bytes or None when over max_bytes, size)`` for each line, reading at most
    ``max_bytes + 1`` bytes of any one line into memory."""
    number = 0
    while True:
        line = stream.readline(max_bytes + 2)
        if not line:
            return
        number += 1
        size = len(line)
        if size > max_bytes + 1 or (size == max_bytes + 1 and not line.endswith(b"\n")):
            while not line.endswith(b"\n"):  # skip the rest of the long line
                line = stream.readline(1 << 20)
                if not line:
                    break
                size += len(line)
            yield number, None, size
            continue
        yield number, line, size


def read_jsonl(path: str | Path, *, max_bytes: int = MAX_BYTES) -> Iterator[ArticleInput | InputError]:
    """Every record of a JSONL corpus as an ArticleInput; every bad record as its InputError.

    path (str | Path): a ``.jsonl`` or ``.jsonl.gz`` file.
    max_bytes (int): records longer than this are reported (E044), not parsed.
    RETURNS (Iterator[ArticleInput | InputError]): in file order; ``source`` is ``path:line``.
    """
    p, source = Path(path), str(path)
    if not p.exists():
        yield InputError(Errors.E010.format(path=source))
        return
    line = 0
    try:
        with _open(p) as stream:
            head = stream.peek(SNIFF_BYTES)[:SNIFF_BYTES]  # type: ignore[attr-defined]
            if b"\x00" in head:
                yield InputError(Errors.E012.format(path=source, pos=head.find(b"\x00")))
                return
            for line, data, size in _lines(stream, max_bytes):
                if data is None:
                    yield InputError(Errors.E044.format(path=source, line=line, size=size, limit=max_bytes))
                    continue
                if not data.strip():
                    continue
                try:
                    yield parse_record(data, path=source, line=line)
                except InputError as err:
                    yield err
    except (gzip.BadGzipFile, EOFError, zlib.error) as err:
        yield InputError(Errors.E046.format(path=source, line=line, reason=str(err) or type(err).__name__))
    except OSError as err:
        yield InputError(Errors.E014.format(path=source, reason=err.strerror or err))


def parse_record(data: bytes, *, path: str, line: int) -> ArticleInput:
    """One JSONL line -> ArticleInput, or an InputError naming ``path:line`` and what is wrong."""
    if b"\x00" in data:
        raise InputError(Errors.E049.format(path=path, line=line, reason="NUL byte"))
    try:
        record = json.loads(data.decode("utf-8").strip())
    except UnicodeDecodeError as err:
        raise InputError(Errors.E049.format(path=path, line=line, reason=f"not UTF-8 at byte {err.start}")) from None
    except json.JSONDecodeError as err:
        raise InputError(Errors.E040.format(path=path, line=line, reason=f"{err.msg.removesuffix(' at')} at column {err.colno}")) from None
    if not isinstance(record, dict):
        raise InputError(Errors.E041.format(path=path, line=line, got=JSON_TYPES.get(type(record), "a value")))
    return record_to_input(record, path=path, line=line)


def _check_types(record: dict[str, Any], *, path: str, line: int) -> dict[str, Any]:
    """The known fields of ``record`` that are set (not null), each checked for its type."""
    fields = {}
    for name, (types, expected) in FIELDS.items():
        value = record.get(name)
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, types):
            raise InputError(Errors.E042.format(path=path, line=line, field=name, expected=expected,
                                                got=JSON_TYPES.get(type(value), "a value")))
        if name == "authors" and isinstance(value, list) and not all(isinstance(a, str) for a in value):
            raise InputError(Errors.E042.format(path=path, line=line, field=name, expected=expected,
                                                got="a list with non-string items"))
        fields[name] = value
    return fields


def record_to_input(record: dict[str, Any], *, path: str, line: int) -> ArticleInput:
    """A parsed JSON object -> ArticleInput (``text`` wins over ``html``; no title line)."""
    fields = _check_types(record, path=path, line=line)
    source = f"{path}:{line}"
    meta: dict[str, Any] = {}
    if "id" in fields:
        meta["id"] = str(fields["id"])
    if "url" in fields:
        meta["url"] = fields["url"]
    text = fields.get("text")
    title = fields.get("title")
    if (text is None or not text.strip()) and fields.get("html", "").strip():
        page = html_to_input(fields["html"], source=source, url=meta.get("url"))
        text, title = page.text, title or page.title
        meta = page.meta | meta  # what the record says beats what the page says
    if text is None or not text.strip():
        raise InputError(Errors.E043.format(path=path, line=line))
    if "\x00" in text:  # an escaped "\u0000": as a raw NUL byte it would be binary data
        raise InputError(Errors.E049.format(path=path, line=line,
                                            reason=f"the text holds a NUL character at position {text.index(chr(0))}"))
    for name in ("outlet", "section"):
        if name in fields:
            meta[name] = fields[name]
    if "authors" in fields:
        authors = fields["authors"]
        meta["authors"] = split_authors(authors) if isinstance(authors, str) else [a.strip() for a in authors]
    if "published" in fields:
        try:
            meta["published"] = iso_date(fields["published"])
        except ValueError:
            raise InputError(Errors.E045.format(path=path, line=line, value=fields["published"])) from None
    return ArticleInput(text=text, source=source, title=title.strip() if title else None, title_line=False, meta=meta)
