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
