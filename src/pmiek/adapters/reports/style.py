"""Shared colours, markers and labels of every map and chart, so they read the same."""

from __future__ import annotations

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

LABELS = {
    "nl": {
        "electricity": "elektriciteit", "heat": "warmte", "hydrogen": "waterstof",
        "methane": "methaan (gas)", "hv_station": "hoogspanningsstation",
        "mv_station": "middenspanningsstation", "cable": "kabel", "pipeline": "leiding",
        "heat_network": "warmtenet", "storage": "opslag", "converter": "conversie",
        "municipality": "gemeente", "hotspot": "hotspot", "region": "regiogrens",
        "developments": "nieuwe vraag per gebied [MW]", "map_title": "Gebieden en netcomponenten",
        "hierarchy_title": "Hiërarchie van netcomponenten (belasting telt op naar links)",
        "schematic": "Schematische gebiedsgrenzen, geen officiële grenzen",
        "capacity": "capaciteit afname [MW]", "connection": "verbinding met bovenliggend component",
        "no_geometry": "geen geometrie in deze werkruimte",
        "planned": "gepland component (nog geen capaciteit)",
    },
    "en": {
        "electricity": "electricity", "heat": "heat", "hydrogen": "hydrogen",
        "methane": "methane (gas)", "hv_station": "HV station", "mv_station": "MV station",
        "cable": "cable", "pipeline": "pipeline", "heat_network": "heat network",
        "storage": "storage", "converter": "conversion", "municipality": "municipality",
        "hotspot": "hotspot", "region": "region border",
        "developments": "new demand per area [MW]", "map_title": "Areas and grid assets",
        "hierarchy_title": "Hierarchy of grid assets (load aggregates to the left)",
        "schematic": "Schematic area boundaries, not official boundaries",
        "capacity": "demand capacity [MW]", "connection": "link to upstream asset",
        "no_geometry": "no geometry in this workspace",
        "planned": "planned asset (no capacity yet)",
    },
}


def label(key: str, lang: str) -> str:
    """The label ``key`` in ``lang`` (the key itself when there is none)."""
    return LABELS["en" if lang == "en" else "nl"].get(key, key)
