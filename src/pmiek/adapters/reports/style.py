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
        "source_cbs-2025": "Gemeentegrenzen: CBS / Kadaster, gebiedsindelingen 2025 via PDOK, "
                           "gegeneraliseerd (cartomap/nl)",
        "source_osm": "Ligging: © OpenStreetMap-bijdragers (ODbL)",
        "source_other": "Geometrie: {sources}", "more_sources": "{shown} en {count} andere",
        "estimated": "Geschat: {what}", "outline_of": "omtrek van {items}",
        "location_of": "ligging van {items}", "and": "en",
        "station_one": "station", "station_many": "stations",
        "asset_one": "netcomponent", "asset_many": "netcomponenten",
        "other_asset_one": "ander netcomponent", "other_asset_many": "andere netcomponenten",
        "capacity": "capaciteit afname [MW]", "connection": "verbinding met bovenliggend component",
        "no_geometry": "geen geometrie in deze werkruimte",
        "planned": "gepland component (nog geen capaciteit)",
    },
    "en": {
        "region_border": "region border",
        "developments": "new demand per area [MW]", "map_title": "Areas and grid assets",
        "hierarchy_title": "Hierarchy of grid assets (load aggregates to the left)",
        "source_cbs-2025": "Municipal boundaries: CBS / Kadaster, gebiedsindelingen 2025 via "
                           "PDOK, generalised (cartomap/nl)",
        "source_osm": "Locations: © OpenStreetMap contributors (ODbL)",
        "source_other": "Geometry: {sources}", "more_sources": "{shown} and {count} more",
        "estimated": "Estimated: {what}", "outline_of": "outline of {items}",
        "location_of": "location of {items}", "and": "and",
        "station_one": "station", "station_many": "stations",
        "asset_one": "grid asset", "asset_many": "grid assets",
        "other_asset_one": "other grid asset", "other_asset_many": "other grid assets",
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
