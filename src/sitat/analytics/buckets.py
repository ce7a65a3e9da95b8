"""Put a quote's speaker into the buckets that are counted: gender, party, role type, country, outlet."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from ..lexicon import read_tsv
from ..speakers.lexicon import organisations, role_of

ROLE_TYPES = ("politician", "expert", "police", "business", "citizen", "media", "organisation", "other", "unknown")
GENDERS = ("f", "m", "unknown", "organisation")
UNKNOWN = "unknown"
NO_PARTY = "none"


@lru_cache(maxsize=1)
def role_type_table() -> dict[tuple[str, str], str]:
    """(source, value) -> role type, from role_types.tsv."""
    rows = read_tsv("sitat.analytics", "role_types.tsv", required=("source", "value", "role_type"))
    return {(r["source"], r["value"]): r["role_type"] for r in rows}


def gender_of(kind: str | None, gender: str | None) -> str:
    """``f``, ``m``, ``organisation`` or ``unknown`` (no gender known, or no speaker at all)."""
    if kind == "organisation":
        return "organisation"
    return gender if gender in ("f", "m") else UNKNOWN


def role_type_of(kind: str | None, role: str | None, party: str | None, organisation: str | None,
                 name: str | None) -> str:
    """The role type of a speaker: from its role noun, else its organisation's kind, else its party."""
    table = role_type_table()
    if kind == "organisation":
        for key in (organisation, name):
            org = organisations().get(key.lower()) if key else None
            if org is not None:
                return table.get(("organisations", org.kind), "other")
        return "politician" if party else "organisation"
    found = (role_of(role) or role_of(role.split()[-1])) if role and role.split() else None
    role_type = table.get(("roles", found.category), "other") if found is not None else None
    # News names a party in brackets after politicians only ("talsperson Eva Lie (H)"), so a party
    # outweighs a role that says nothing more specific.
    if party and role_type in (None, "other"):
        return "politician"
    return role_type or ("other" if role else UNKNOWN)


def buckets(row: dict) -> dict[str, str]:
    """Every counted dimension of one quote row (keys as in ``stats.DIMENSIONS``)."""
    kind = row.get("speaker_kind")
    # Only an organisation's name can decide its role type: persons with the same profile share
    # one cache entry, which is what makes this cheap over the groups of a large store.
    name = row.get("speaker") if kind == "organisation" else None
    return {
        "gender": gender_of(kind, row.get("gender")),
        "party": row.get("party") or NO_PARTY,
        "role_type": _role_type_cached(kind, row.get("role"), row.get("party"), row.get("organisation"), name),
        "country": row.get("country") or UNKNOWN,
        "outlet": row.get("outlet") or UNKNOWN,
    }


@lru_cache(maxsize=65536)
def _role_type_cached(kind: str | None, role: str | None, party: str | None, organisation: str | None,
                      name: str | None) -> str:
    return role_type_of(kind, role, party, organisation, name)


def fill_buckets(row: dict[str, Any]) -> dict[str, Any]:
    """``row`` with its raw gender, party, country and outlet replaced by their buckets, and its role type."""
    row.update(buckets(row))
    return row
