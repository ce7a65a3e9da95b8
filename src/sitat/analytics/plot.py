"""Stacked bar charts of gender share and role-type share per outlet, month or section."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import Errors, StoreError
from ..store.export import atomic_path
from .buckets import GENDERS, ROLE_TYPES

PLOT_SUFFIXES = (".png", ".svg")
# Colour-blind-safe (Okabe-Ito); a value keeps its colour in every chart, unknown is always grey.
GREY = "#BBBBBB"
COLOURS = {
    "gender": {"f": "#E69F00", "m": "#56B4E9", "unknown": GREY, "organisation": "#009E73"},
    "role_type": {"politician": "#E69F00", "expert": "#56B4E9", "police": "#0072B2", "business": "#009E73",
                  "citizen": "#F0E442", "media": "#CC79A7", "organisation": "#D55E00", "other": "#666666",
                  "unknown": GREY},
}
GENDER_LABELS = {"f": "women", "m": "men", "unknown": "unknown", "organisation": "organisations"}


def _shares(groups: list[dict[str, Any]], dim: str, order: tuple[str, ...]) -> dict[str, list[float]]:
    table = {v: [] for v in order}
    for group in groups:
        by_value = {d["value"]: d["quote_share"] for d in group["dimensions"][dim]}
        for value in order:
            table[value].append(by_value.get(value, 0.0))
    return {v: s for v, s in table.items() if any(s)}


def plot_stats(result: dict[str, Any], path: str | Path) -> Path:
    """Write two stacked bar charts (gender and role type, share of quotes per group) to ``path``.

    result (dict): ``stats(..., by=...)``; without groups the whole store is one bar.
    path (str | Path): a ``.png`` or ``.svg`` file, written atomically.
    RETURNS (Path): the file written.
    DOCS: docs/analytics.md
    """
    path = Path(path)
    if path.suffix.lower() not in PLOT_SUFFIXES:
        raise StoreError(Errors.E063.format(path=path))
    try:
        import matplotlib
    except ImportError:
        raise StoreError(Errors.E064.format(format="--plot", package="matplotlib")) from None
    matplotlib.use("Agg")  # files only: no display, no network
    from matplotlib.figure import Figure

    groups = result.get("groups") or [{"key": "all", **result}]
    labels = [g["key"] for g in groups]
    fig = Figure(figsize=(max(6.0, 1.0 + 0.8 * len(labels)), 7.5), layout="constrained")
    axes = fig.subplots(2, 1, sharex=True)
    for ax, dim, order, title in ((axes[0], "gender", GENDERS, "Gender (share of quotes)"),
                                  (axes[1], "role_type", ROLE_TYPES, "Role type (share of quotes)")):
        bottom = [0.0] * len(labels)
        for value, shares in _shares(groups, dim, order).items():
            name = GENDER_LABELS.get(value, value) if dim == "gender" else value
            ax.bar(labels, shares, bottom=bottom, label=name, color=COLOURS[dim].get(value, GREY))
            bottom = [b + s for b, s in zip(bottom, shares)]
        ax.set_ylim(0, 1)
        ax.set_title(title)
        if any(bottom):
            ax.legend(loc="center left", bbox_to_anchor=(1.0, 0.5), fontsize="small")
    by = (result.get("filters") or {}).get("by")
    axes[1].set_xlabel(by or "")
    axes[1].tick_params(axis="x", labelrotation=45)
    with atomic_path(path) as tmp:
        fig.savefig(tmp, format=path.suffix.lower()[1:])
    return path
