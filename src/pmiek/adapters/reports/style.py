"""Shared colours, markers and map texts of every map and chart, so they read the same."""

from __future__ import annotations

from pmiek.domain.labels import localised

CARRIER_COLOURS = {
    "electricity": "#1f5fa8",
    "heat": "#d9480f",
    "hydrogen": "#2b8a3e",
    "methane": "#6c757d",
}
KIND_MARKERS = {
    "hv_station": "^",
    "mv_station": "o",
    "cable": "_",
    "pipeline": "s",
    "heat_network": "h",
    "storage": "P",
    "converter": "D",
}
AREA_FILL = {"municipality": "#f1f3f5", "hotspot": "#ffe8cc"}

TEXTS = {
    "nl": {
        "region_border": "regiogrens",
        "developments": "nieuwe vraag per gebied [MW]", "map_title": "Gebieden en netcomponenten",
        "hierarchy_title": "Hiërarchie van netcomponenten (belasting telt op naar links)",
        "schematic": "Schematische gebiedsgrenzen, geen officiële grenzen",
        "capacity": "capaciteit afname [MW]", "connection": "verbinding met bovenliggend component",
        "no_geometry": "geen geometrie in deze werkruimte",
        "planned": "gepland component (nog geen capaciteit)",
    },
    "en": {
        "region_border": "region border",
        "developments": "new demand per area [MW]", "map_title": "Areas and grid assets",
        "hierarchy_title": "Hierarchy of grid assets (load aggregates to the left)",
        "schematic": "Schematic area boundaries, not official boundaries",
        "capacity": "demand capacity [MW]", "connection": "link to upstream asset",
        "no_geometry": "no geometry in this workspace",
        "planned": "planned asset (no capacity yet)",
    },
}
"""The texts of the maps, by language; the names of carriers, kinds and other values of the
data contract come from :mod:`pmiek.domain.labels`."""


def text(key: str, lang: str) -> str:
    """The map text ``key`` in ``lang`` (the key itself when there is none)."""
    return localised(TEXTS, lang).get(key, key)
