"""What a map says about its geometry: the attribution lines and the notice of what is
estimated, derived from tiny hand-built areas and assets."""

from __future__ import annotations

import pandas as pd
import pytest
from shapely import Point

from pmiek.adapters.reports.map_notes import (
    GeometryNotes,
    attribution_lines,
    estimate_notice,
    geometry_notes,
    is_estimate,
)

CBS_NL = ("Gemeentegrenzen: CBS / Kadaster, gebiedsindelingen 2025 via PDOK, gegeneraliseerd "
          "(cartomap/nl)")
CBS_EN = ("Municipal boundaries: CBS / Kadaster, gebiedsindelingen 2025 via PDOK, generalised "
          "(cartomap/nl)")
SHAPE = Point(0, 0).buffer(1)


def _areas(rows: list[tuple[str, str | None]], *, with_geometry: bool = True) -> pd.DataFrame:
    """Areas of (kind, geometry_source)."""
    return pd.DataFrame({
        "kind": [k for k, _ in rows],
        "geometry": [SHAPE if with_geometry else None] * len(rows),
        "geometry_source": pd.array([s for _, s in rows], dtype="string"),
    })


def _assets(rows: list[tuple[str, str | None]], *, with_geometry: bool = True) -> pd.DataFrame:
    """Assets of (kind, geometry_source)."""
    return pd.DataFrame({
        "kind": [k for k, _ in rows],
        "geometry": [Point(1, 1) if with_geometry else None] * len(rows),
        "geometry_source": pd.array([s for _, s in rows], dtype="string"),
    })


NO_ASSETS = _assets([])


def test_estimate_codes_and_legacy_text() -> None:
    sources = pd.Series(["estimate", " Estimate ", "geschat", "schematisch: cirkel [E]",
                         "Schematic outline", "cbs-2025", "union", "osm", "eigen schets",
                         "", None], dtype="string")
    assert is_estimate(sources).tolist() == [True, True, True, True, True, False, False,
                                             False, False, False, False]


def test_estimated_areas_are_counted_by_kind_in_contract_order() -> None:
    areas = _areas([("hotspot", "estimate"), ("municipality", "cbs-2025"),
                    ("hotspot", "schematisch: cirkel"), ("municipality", "estimate"),
                    ("province", "union"), ("region", "estimate")])
    notes = geometry_notes(areas, NO_ASSETS)
    assert notes.estimated_areas == (("region", 1), ("municipality", 1), ("hotspot", 2))
    assert notes.sources == ("cbs-2025",)  # union has no line; estimates are in the notice
    assert notes.estimated


def test_only_drawn_geometry_counts() -> None:
    areas = _areas([("hotspot", "estimate"), ("municipality", "eigen schets")],
                   with_geometry=False)
    assets = _assets([("mv_station", "estimate"), ("cable", "osm")], with_geometry=False)
    assert geometry_notes(areas, assets) == GeometryNotes()
    assert not GeometryNotes().estimated


def test_estimated_assets_are_stations_or_others() -> None:
    assets = _assets([("hv_station", "estimate"), ("mv_station", "estimate"),
                      ("mv_station", "osm"), ("storage", "estimate"), ("cable", None)])
    notes = geometry_notes(_areas([]), assets)
    assert (notes.estimated_stations, notes.estimated_other) == (2, 1)
    assert notes.estimated_areas == ()
    assert notes.sources == ("osm",)


def test_sources_known_codes_first_then_free_text_once_each() -> None:
    areas = _areas([("municipality", "Eigen intekening"), ("municipality", " CBS-2025 "),
                    ("municipality", "Eigen intekening"), ("hotspot", "")])
    assets = _assets([("mv_station", "osm"), ("cable", "Liander GIS 2024")])
    notes = geometry_notes(areas, assets)
    assert notes.sources == ("cbs-2025", "osm", "Eigen intekening", "Liander GIS 2024")
    assert attribution_lines(notes, "nl") == [
        CBS_NL, "Ligging: © OpenStreetMap-bijdragers (ODbL)",
        "Geometrie: Eigen intekening; Liander GIS 2024"]
    assert attribution_lines(notes, "en") == [
        CBS_EN, "Locations: © OpenStreetMap contributors (ODbL)",
        "Geometry: Eigen intekening; Liander GIS 2024"]


def test_frames_without_a_source_column_have_no_source() -> None:
    areas = _areas([("municipality", "cbs-2025")]).drop(columns="geometry_source")
    assets = _assets([("mv_station", "estimate")]).drop(columns="geometry_source")
    assert geometry_notes(areas, assets) == GeometryNotes()


def test_many_and_long_free_texts_are_shortened() -> None:
    notes = GeometryNotes(sources=("a", "b", "c", "d", "e", "x" * 100))
    assert attribution_lines(notes, "nl") == ["Geometrie: a; b; c en 3 andere"]
    assert attribution_lines(notes, "en") == ["Geometry: a; b; c and 3 more"]
    long = attribution_lines(GeometryNotes(sources=("y" * 100,)), "nl")[0]
    assert long == "Geometrie: " + "y" * 79 + "…"


@pytest.mark.parametrize(("notes", "nl", "en"), [
    (GeometryNotes(estimated_areas=(("hotspot", 6),), estimated_stations=9),
     "Geschat: omtrek van 6 hotspots; ligging van 9 stations",
     "Estimated: outline of 6 hotspots; location of 9 stations"),
    (GeometryNotes(estimated_areas=(("hotspot", 1),), estimated_stations=1),
     "Geschat: omtrek van 1 hotspot; ligging van 1 station",
     "Estimated: outline of 1 hotspot; location of 1 station"),
    (GeometryNotes(estimated_areas=(("province", 1), ("region", 4), ("municipality", 26))),
     "Geschat: omtrek van 1 provincie, 4 regio's en 26 gemeenten",
     "Estimated: outline of 1 province, 4 regions and 26 municipalities"),
    (GeometryNotes(estimated_stations=2, estimated_other=1),
     "Geschat: ligging van 2 stations en 1 ander netcomponent",
     "Estimated: location of 2 stations and 1 other grid asset"),
    (GeometryNotes(estimated_other=3),
     "Geschat: ligging van 3 netcomponenten",
     "Estimated: location of 3 grid assets"),
])
def test_the_notice_says_what_is_estimated(notes: GeometryNotes, nl: str, en: str) -> None:
    assert estimate_notice(notes, "nl") == nl
    assert estimate_notice(notes, "en") == en


def test_no_notice_without_estimates() -> None:
    assert estimate_notice(GeometryNotes(sources=("cbs-2025",)), "nl") is None
