"""Where a map's geometry comes from: the attribution under every map, and a red notice that
says what is only estimated.

The ``geometry_source`` of areas and assets holds a short code or a free text:

- ``cbs-2025``: a municipality with the generalised CBS / Kadaster outline (an attribution
  line);
- ``union``: the province and the regions, merged from their municipalities (no line of its
  own: the municipalities' line covers it);
- ``osm``: an asset located from OpenStreetMap (an attribution line);
- ``estimate``: an estimated outline or location (counted in the notice). Text containing
  "schemat" ("schematisch", "schematic": older workspaces) counts as an estimate too;
- any other text: shown as it is, "Geometrie: <text>".

:func:`geometry_notes` derives what a map must say from the areas and assets it draws (pure,
vectorised); :func:`attribution_lines` and :func:`estimate_notice` word it;
:func:`draw_geometry_notes` puts both at the bottom of a figure.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from pmiek.adapters.reports.style import text
from pmiek.domain.labels import counted
from pmiek.domain.tables import AREA_KINDS

CBS_2025 = "cbs-2025"
UNION = "union"
OSM = "osm"
ESTIMATE = "estimate"
KNOWN_SOURCES = (CBS_2025, OSM)
"""The codes with an attribution line of their own, in the order the lines are shown."""
ESTIMATE_CODES = frozenset({ESTIMATE, "geschat", "schatting"})
LEGACY_MARK = "schemat"
"""Older workspaces mark estimated outlines with free text containing this."""
STATION_KINDS = ("hv_station", "mv_station")
MAX_FREE_TEXTS = 3
"""Free-text sources shown by name; more are counted."""
MAX_TEXT_CHARS = 80


@dataclass(frozen=True)
class GeometryNotes:
    """What a map says about its geometry.

    ``sources``: the known codes (``cbs-2025``, ``osm``) and free texts of the drawn geometry
    that is not estimated, codes first, texts in order of appearance. ``estimated_areas``:
    ``(kind, count)`` of the areas with an estimated outline, in the order of
    :data:`~pmiek.domain.tables.AREA_KINDS`. ``estimated_stations`` / ``estimated_other``:
    located assets with an estimated location, stations (HV, MV) and the others.
    """

    sources: tuple[str, ...] = ()
    estimated_areas: tuple[tuple[str, int], ...] = ()
    estimated_stations: int = 0
    estimated_other: int = 0

    @property
    def estimated(self) -> bool:
        """Whether anything drawn is estimated."""
        return bool(self.estimated_areas) or self.estimated_stations + self.estimated_other > 0


def _cleaned(values: pd.Series) -> pd.Series:
    """The sources as stripped strings, empty text as missing."""
    stripped = values.astype("string").str.strip()
    return stripped.mask(stripped == "")


def is_estimate(sources: pd.Series) -> np.ndarray:
    """Per row: whether the geometry source means an estimate (``estimate``, or text
    containing "schemat")."""
    low = _cleaned(sources).str.lower()
    marked = low.isin(ESTIMATE_CODES) | low.str.contains(LEGACY_MARK, regex=False)
    return marked.fillna(False).to_numpy(dtype=bool)


def _sources(values: pd.Series) -> tuple[str, ...]:
    """The distinct named sources: known codes in their fixed order, then free texts."""
    present = _cleaned(values).dropna()
    low = present.str.lower()
    present = present[~low.isin([UNION, *ESTIMATE_CODES]) & ~low.str.contains(
        LEGACY_MARK, regex=False)]
    low = present.str.lower()
    codes = tuple(c for c in KNOWN_SOURCES if (low == c).any())
    free = present[~low.isin(KNOWN_SOURCES)]
    return codes + tuple(str(v) for v in pd.unique(free.to_numpy(dtype=object)))


def geometry_notes(areas: pd.DataFrame, assets: pd.DataFrame) -> GeometryNotes:
    """What a map drawing ``areas`` and ``assets`` must say about their geometry.

    Only rows with a geometry count (a map draws nothing for the others). Frames without a
    ``geometry_source`` column count as having no source.
    """
    drawn_areas = areas[areas["geometry"].notna()]
    drawn_assets = assets[assets["geometry"].notna()]
    area_sources = _source_column(drawn_areas)
    asset_sources = _source_column(drawn_assets)
    estimated_area = is_estimate(area_sources)
    estimated_asset = is_estimate(asset_sources)
    kinds = drawn_areas["kind"].to_numpy(dtype=object)[estimated_area]
    per_kind = tuple((k, int(np.sum(kinds == k))) for k in AREA_KINDS if np.any(kinds == k))
    station = np.isin(drawn_assets["kind"].to_numpy(dtype=object), STATION_KINDS)
    return GeometryNotes(
        sources=_sources(pd.concat([area_sources, asset_sources], ignore_index=True)),
        estimated_areas=per_kind,
        estimated_stations=int(np.sum(estimated_asset & station)),
        estimated_other=int(np.sum(estimated_asset & ~station)),
    )


def _source_column(frame: pd.DataFrame) -> pd.Series:
    if "geometry_source" in frame:
        return frame["geometry_source"].reset_index(drop=True)
    return pd.Series(pd.NA, index=range(len(frame)), dtype="string")


def _short(value: str) -> str:
    one_line = " ".join(value.split())
    if len(one_line) <= MAX_TEXT_CHARS:
        return one_line
    return one_line[:MAX_TEXT_CHARS - 1].rstrip() + "…"


def attribution_lines(notes: GeometryNotes, lang: str) -> list[str]:
    """One line per known source, then one line naming the free-text sources."""
    lines = [text(f"source_{code}", lang) for code in KNOWN_SOURCES if code in notes.sources]
    free = [s for s in notes.sources if s not in KNOWN_SOURCES]
    if free:
        shown = "; ".join(_short(s) for s in free[:MAX_FREE_TEXTS])
        if len(free) > MAX_FREE_TEXTS:
            shown = text("more_sources", lang).format(shown=shown,
                                                      count=len(free) - MAX_FREE_TEXTS)
        lines.append(text("source_other", lang).format(sources=shown))
    return lines


def _listed(items: list[str], lang: str) -> str:
    """"a", "a en b", "a, b en c"."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {text('and', lang)} {items[-1]}"


def _count(count: int, key: str, lang: str) -> str:
    return f"{count} {text(f'{key}_one' if count == 1 else f'{key}_many', lang)}"


def estimate_notice(notes: GeometryNotes, lang: str) -> str | None:
    """"Geschat: omtrek van 6 hotspots; ligging van 9 stations", or None when nothing drawn
    is estimated."""
    if not notes.estimated:
        return None
    parts = []
    if notes.estimated_areas:
        outlines = [counted("area_kind", kind, n, lang) for kind, n in notes.estimated_areas]
        parts.append(text("outline_of", lang).format(items=_listed(outlines, lang)))
    located = []
    if notes.estimated_stations:
        located.append(_count(notes.estimated_stations, "station", lang))
    if notes.estimated_other:
        key = "other_asset" if notes.estimated_stations else "asset"
        located.append(_count(notes.estimated_other, key, lang))
    if located:
        parts.append(text("location_of", lang).format(items=_listed(located, lang)))
    return text("estimated", lang).format(what="; ".join(parts))


ATTRIBUTION_COLOUR = "#6c757d"
NOTICE_COLOUR = "#c92a2a"
NOTICE_SIZE = 10.0
NOTICE_PAD = 0.3
"""The padding of the notice's box, in font sizes (matplotlib's default for "round")."""
MARGIN = 0.006
GAP = 0.01
"""Space below the attribution and between the texts and what is above them [figure height]."""


def draw_geometry_notes(fig: Figure, notes: GeometryNotes, lang: str) -> float:
    """The attribution (small, grey, bottom left) and above it, when something is estimated,
    the red notice (centred). Returns the height they take from the bottom of the figure
    [fraction of its height], for ``fig.tight_layout(rect=(0, that, 1, 1))``.

    The texts are drawn literally: a ``$`` in a source is no mathematics.
    """
    height = fig.bbox.height
    top = MARGIN
    lines = attribution_lines(notes, lang)
    if lines:
        attribution = fig.text(0.01, top, "\n".join(lines), ha="left", va="bottom",
                               fontsize=7, color=ATTRIBUTION_COLOUR, parse_math=False)
        top += attribution.get_window_extent().height / height + GAP
    notice = estimate_notice(notes, lang)
    if notice is not None:
        pad = NOTICE_PAD * NOTICE_SIZE * fig.dpi / 72 / height
        shown = fig.text(0.5, top + pad, notice, ha="center", va="bottom",
                         fontsize=NOTICE_SIZE, color=NOTICE_COLOUR, fontweight="bold",
                         parse_math=False, bbox={"facecolor": "white",
                                                 "edgecolor": NOTICE_COLOUR,
                                                 "boxstyle": f"round,pad={NOTICE_PAD}"})
        top += shown.get_window_extent().height / height + 2 * pad + GAP
    return top
