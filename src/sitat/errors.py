"""Every message sitat prints, with a code and the next step to take."""

from __future__ import annotations


class SitatError(Exception):
    """An error a user can act on; the CLI prints it as one line."""


class LexiconError(SitatError):
    """A bad row in one of the linguistic data files."""


class InputError(SitatError):
    """An article that cannot be read: missing, empty, binary or badly encoded."""


class ModelError(SitatError):
    """The shipped language pipeline is missing or cannot be loaded."""


class StoreError(SitatError):
    """The SQLite store cannot be opened, migrated, written or searched."""


class Errors:
    E001 = "E001 {path}:{line}: expected {expected} tab-separated columns ({header}), got {got}"
    E002 = "E002 {path}:{line}: empty value in column '{column}'"
    E003 = "E003 {path}:{line}: column '{column}' must be one of {allowed}, got '{value}'"
    E010 = "E010 {path}: file not found"
    E011 = "E011 {path}: file is empty (nothing to extract)"
    E012 = "E012 {path}: looks like a binary file, not text (NUL byte at position {pos})"
    E013 = "E013 {path}: not valid UTF-8 at byte {pos}; re-save it as UTF-8"
    E014 = "E014 {path}: not a readable file ({reason})"
    E015 = "E015 {path}:{line}: {reason}"
    E020 = (
        "E020 no language pipeline found at {path}; reinstall sitat "
        "(`pip install .`) or build one with `python training/train.py`"
    )
    E021 = "E021 unknown written standard '{lang}': use 'nb' (Bokmål) or 'nn' (Nynorsk)"
    E030 = (
        "E030 the data directory {path} has no NorNE/NDT files; pass --data or set SITAT_DATA "
        "to the folder holding norne-nb/ and norne-nn/"
    )
    E031 = "E031 {path}: gold file is invalid: {reason}"
    E032 = (
        "E032 no gold annotations found under {path}; run from the repository root "
        "or pass --gold to the folder holding own/ and ndt/"
    )
    # Corpus input: one record of a JSONL file or one HTML page (E040-E049).
    E040 = "E040 {path}:{line}: not valid JSON ({reason}); fix or remove the line"
    E041 = "E041 {path}:{line}: a record must be a JSON object, got {got}"
    E042 = "E042 {path}:{line}: field '{field}' must be {expected}, got {got}"
    E043 = "E043 {path}:{line}: record has no article text; give a non-empty 'text' or 'html' field"
    E044 = "E044 {path}:{line}: record is {size} bytes, over the limit of {limit}; split the article or raise max_bytes"
    E045 = "E045 {path}:{line}: field 'published' is not an ISO 8601 date or time: '{value}' (use e.g. 2024-10-03T09:12:00+02:00)"
    E046 = "E046 {path}: not a readable gzip file after line {line} ({reason}); re-compress it with gzip"
    E047 = "E047 {path}: no article text found in the HTML page; is it an article page?"
    E048 = "E048 {path}: file is {size} bytes, over the limit of {limit}; split it or raise max_bytes"
    E049 = "E049 {path}:{line}: not text ({reason}); the line must be UTF-8 JSON"
    # The SQLite store (E050-E059).
    E050 = "E050 {path}: no sitat database here; run `sitat ingest PATH --db {path}` first"
    E051 = "E051 {path}: not a sitat database or damaged ({reason})"
    E052 = (
        "E052 {path}: the database has migrations this sitat does not know ({names}); "
        "upgrade sitat (`pip install -U sitat`)"
    )
    E053 = "E053 {path}: the database is busy (another writer holds it); wait for it to finish and run again"
    E054 = "E054 search query '{query}' is not valid FTS5 syntax ({reason}); drop --raw to search plain words"
    E055 = "E055 '{value}' is not a date for {option}; use YYYY-MM-DD"
    E056 = "E056 --type must be one of direct, indirect, mixed; got '{value}'"
    E057 = "E057 {source}: extraction failed ({reason}); the article was skipped, please report it"
    E058 = "E058 {path}:{line}: not an aliases rule: {reason}; fix or comment out the line"
    E059 = "E059 no stored speaker or mention named '{name}'{where}; check the spelling with `sitat speakers`"
    # Analytics and export: read-only over the store (E060-E069).
    E060 = "E060 {path}: no sitat database to read; build one with `sitat ingest tests/articles/ --db {path}` or pass --db FILE"
    E061 = "E061 '{value}' is not one of {allowed}"
    E062 = "E062 no speaker named like '{name}'; list them with `sitat speakers`"
    E063 = "E063 {path}: a plot must be a .png or .svg file"
    E064 = "E064 {format} needs {package}, which is not installed; install it with `pip install 'sitat[analytics]'`"
    E065 = "E065 parquet is binary: give a file with -o FILE"
    E066 = "E066 {path}: cannot write ({reason})"
    E067 = "E067 no {what} with id {id} in this store; find ids with `sitat search` or `sitat reuse`"
    # Live feeds: `sitat watch` and /api/feeds (E080-E089). Each names the file, feed or URL.
    E080 = "E080 {path}: not a valid feeds file ({reason})"
    E081 = "E081 {path}: feed {n} ({url}): {reason}"
    E082 = "E082 {path}: [watch] {key}: {reason}"
    E083 = "E083 {url}: could not fetch ({reason}); it is tried again on the next poll"
    E084 = "E084 {url}: over the size limit of {limit} bytes; skipped (raise max_page_bytes or max_feed_bytes in [watch])"
    E085 = "E085 {url}: not an HTML page (content type '{ctype}'); skipped"
    E086 = "E086 {url}: {reason} ({chain}); skipped"
    E087 = "E087 {url}: robots.txt of {host} disallows it for sitat; skipped"
    E088 = "E088 {url}: not a readable RSS/Atom feed ({reason})"
    E089 = "E089 {path}: no feeds to watch; add [[feeds]] entries with url, outlet and language"
