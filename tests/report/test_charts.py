"""The document's charts and maps as inline SVG with a text alternative and a table twin
(pmiek.adapters.reports.document.charts and .chart_maps), on the example workspace's frames."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

import matplotlib.pyplot as plt
import pandas as pd
import pypdf
import pytest
import weasyprint

from pmiek.adapters.cli.common import _read
from pmiek.adapters.compute.cycle import run_cycle
from pmiek.adapters.reports.document.chart_maps import knelpunten_map
from pmiek.adapters.reports.document.charts import (
    Chart,
    acceptability_chart,
    gantt_chart,
    group_contributions,
    monitoring_chart,
    resource_chart,
    scores_chart,
    shortage_chart,
    stability_chart,
    to_svg,
    weights_chart,
)
from pmiek.domain.workspace import Workspace
from pmiek.programme.monitoring import monitor

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"
YEAR = 2030
LENS = "evenwichtig"


def dutch(value: float, digits: int) -> str:
    """The test's own Dutch number format: 1.234,5."""
    return f"{value:,.{digits}f}".translate(str.maketrans(",.", ".,"))


@dataclass
class Example:
    ws: Workspace
    frames: dict[str, pd.DataFrame]
    hidden_asset: pd.Series  # the confidential asset's row
    hidden_project: pd.Series
    bottlenecks: pd.DataFrame  # one scenario; the hidden asset congested in YEAR
    schedule: pd.DataFrame  # the lens' schedule with the hidden project built
    report: pd.DataFrame  # a monitoring report, the hidden project in it
    labels: dict[str, str]


def _congested(frames: dict[str, pd.DataFrame], hidden: str, other: str) -> pd.DataFrame:
    """The first scenario's rows, the hidden asset congested and another asset scarce in
    YEAR, so that the map draws every class."""
    rows = frames["insight/bottlenecks"]
    rows = rows[rows["scenario"] == rows["scenario"].iloc[0]].copy()
    at = (rows["year"] == YEAR).to_numpy()
    mine = at & (rows["asset_id"] == hidden).to_numpy()
    rows.loc[mine, ["class", "shortage_mw", "utilisation"]] = ["congestie", 12.5, 1.25]
    scarce = at & (rows["asset_id"] == other).to_numpy()
    rows.loc[scarce, ["class", "utilisation"]] = ["dreigende_schaarste", 0.95]
    return rows


@pytest.fixture(scope="module")
def ex() -> Example:
    ws = _read("example", 2035).workspace
    frames = {f"{r.kind}/{name}": t for r in run_cycle(ws) for name, t in r.frames.items()}
    assets, projects = ws.assets, ws.projects
    hidden_asset = assets[assets["confidential"].astype(bool)].iloc[0]
    hidden_project = projects[projects["confidential"].astype(bool)].iloc[0]
    visible = assets[~assets["confidential"].astype(bool) & assets["geometry"].notna()]
    other = str(visible["id"].iloc[0])
    schedule = frames[f"variants/{LENS}/schedule"].copy()
    schedule["in_service_year"] = schedule["in_service_year"].astype("Int64")
    schedule.loc[schedule["project_id"] == hidden_project["id"], "in_service_year"] = 2031
    priority = frames["assess/priority_list"]
    extra = priority.iloc[[0]].assign(project_id=hidden_project["id"],
                                      name=hidden_project["name"], priority=99)
    priority = pd.concat([priority, extra], ignore_index=True)
    ip = pd.DataFrame({"operator": [priority["operator"].iloc[0]], "ip_reference": ["R-1"],
                       "name": ["x"], "station": [""], "planned_year": [2034],
                       "status": ["gepland"], "cost_band": [""], "miek_label": [""]})
    mapping = pd.DataFrame({"project_id": [priority["project_id"].iloc[0]],
                            "operator": [priority["operator"].iloc[0]],
                            "ip_reference": ["R-1"]})
    scores = frames["assess/scores"]
    return Example(ws, frames, hidden_asset, hidden_project,
                   _congested(frames, str(hidden_asset["id"]), other), schedule,
                   monitor(priority, ip, mapping),
                   dict(zip(scores["variant"], scores["label"], strict=True)))


def _hidden(ex: Example) -> tuple[frozenset[str], frozenset[str]]:
    return frozenset({str(ex.hidden_asset["id"])}), frozenset({str(ex.hidden_project["id"])})


@pytest.fixture(scope="module")
def charts(ex: Example) -> list[Chart]:
    """Every chart of the document, public (confidential items hidden)."""
    assets, projects = _hidden(ex)
    f = ex.frames
    return [
        knelpunten_map(ex.ws, ex.bottlenecks, YEAR, hidden_assets=assets),
        shortage_chart(f["insight/bottlenecks"], f["insight/homes_blocked"]),
        gantt_chart(ex.schedule, ex.ws.projects, "Evenwichtig", f"gantt-{LENS}",
                    hidden_projects=projects, areas=ex.ws.areas),
        resource_chart(f[f"variants/{LENS}/resource_use"], "Evenwichtig", f"middelen-{LENS}"),
        weights_chart(f["assess/framework"]),
        scores_chart(f["assess/partial_values"], f["assess/framework"], ex.labels),
        acceptability_chart(f["assess/smaa"], ex.labels),
        stability_chart(f["assess/stability"]),
        monitoring_chart(ex.report, hidden_projects=projects),
    ]


def _root(chart: Chart) -> ET.Element:
    return ET.fromstring(chart.svg)


def _texts(chart: Chart) -> list[str]:
    return ["".join(t.itertext()) for t in _root(chart).iter(f"{SVG}text")]


def _everything(chart: Chart) -> str:
    return "\n".join([chart.svg, chart.alt, chart.title, chart.table.to_csv()]).casefold()


def test_every_chart_is_an_accessible_svg(charts: list[Chart]) -> None:
    for chart in charts:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", chart.key)
        assert chart.svg.startswith("<svg") and "<?xml" not in chart.svg
        assert "DOCTYPE" not in chart.svg
        root = _root(chart)
        assert root.tag == f"{SVG}svg"
        assert root.get("role") == "img"
        assert root.get("width") == "100%" and root.get("height") is None
        assert len(root.get("viewBox", "").split()) == 4
        first, second = root[0], root[1]
        assert first.tag == f"{SVG}title" and first.text == chart.title
        assert root.get("aria-labelledby") == first.get("id")
        assert second.tag == f"{SVG}desc" and second.text == chart.alt
        assert 2 <= chart.alt.count(". ") + 1 <= 5, chart.alt
        assert len(chart.table.columns) and len(chart.table), chart.key
        cells = chart.table.to_numpy().ravel()
        assert all(isinstance(c, str) for c in cells), chart.key  # formatted, not numbers


def test_ids_are_unique_across_all_charts_and_every_reference_resolves(
        charts: list[Chart]) -> None:
    seen: list[str] = []
    for chart in charts:
        root = _root(chart)
        ids = [e.get("id") for e in root.iter() if e.get("id") is not None]
        assert all(str(i).startswith(f"{chart.key}-") for i in ids)
        seen += [str(i) for i in ids]
        own = set(map(str, ids))
        targets = re.findall(r"url\(#([^)]+)\)", chart.svg) + [
            v[1:] for e in root.iter() for k, v in e.attrib.items()
            if k in ("href", f"{XLINK}href") and v.startswith("#")]
        assert targets, chart.key  # clip paths and markers are referenced
        assert set(targets) <= own, chart.key
    assert len(seen) == len(set(seen))
    assert len({c.key for c in charts}) == len(charts)


def test_text_stays_text(ex: Example, charts: list[Chart]) -> None:
    towns = ex.ws.areas.loc[ex.ws.areas["kind"] == "municipality", "name"].astype(str)
    assert set(towns) & set(_texts(charts[0]))  # the map names municipalities
    built = ex.schedule.dropna(subset=["in_service_year"])
    shown = built[built["project_id"] != ex.hidden_project["id"]]
    gantt = " ".join(_texts(charts[2]))
    assert all(pid in gantt for pid in shown["project_id"])
    leaves = ex.frames["assess/framework"]
    leaves = leaves[~leaves["id"].isin(leaves["parent_id"].dropna())]
    weights = " ".join(_texts(charts[4]))
    assert all(name in weights for name in leaves["name"])
    assert "<path" in charts[0].svg and "glyph" not in charts[0].svg


def test_confidential_assets_appear_nowhere(ex: Example, charts: list[Chart]) -> None:
    asset_id = str(ex.hidden_asset["id"]).casefold()
    name = str(ex.hidden_asset["name"]).casefold()
    public = _everything(charts[0])
    assert asset_id not in public and name not in public
    control = knelpunten_map(ex.ws, ex.bottlenecks, YEAR)
    assert name in control.svg.casefold()  # labelled: the worst asset of the year
    assert name in control.table.to_csv().casefold()
    assert name in control.alt.casefold()


def test_confidential_projects_are_combined_per_municipality(
        ex: Example, charts: list[Chart]) -> None:
    project = ex.hidden_project
    areas = ex.ws.areas.set_index("id")
    area = str(project["area_id"])
    while areas.loc[area, "kind"] != "municipality":
        area = str(areas.loc[area, "parent_id"])
    town = str(areas.loc[area, "name"])
    for public in (charts[2], charts[8]):
        text = _everything(public)
        assert str(project["id"]).casefold() not in text, public.key
        assert str(project["name"]).casefold() not in text, public.key
    assert f"({town})" in " ".join(_texts(charts[2]))
    row = charts[2].table[charts[2].table.iloc[:, 0] == ""]
    assert len(row) == 1 and town in row.iloc[0, 1]
    control = gantt_chart(ex.schedule, ex.ws.projects, "Evenwichtig", f"gantt-{LENS}",
                          areas=ex.ws.areas)
    assert str(project["id"]) in control.svg and str(project["name"]) in control.svg
    assert str(project["id"]) in control.table.to_csv()
    assert str(project["id"]) in monitoring_chart(ex.report).table.to_csv()


def test_alt_texts_state_numbers_of_the_data(ex: Example, charts: list[Chart]) -> None:
    rows = ex.bottlenecks[(ex.bottlenecks["year"] == YEAR)
                          & (ex.bottlenecks["direction"] == "afname")]
    hidden = rows["asset_id"] == ex.hidden_asset["id"]
    congested = rows[~hidden & (rows["class"] == "congestie")]["asset_id"].nunique()
    available = rows[~hidden & (rows["class"] == "beschikbaar")]["asset_id"].nunique()
    assert f"{available} met capaciteit beschikbaar" in charts[0].alt
    assert ("met congestie" in charts[0].alt) == bool(congested)  # the hidden one not counted
    built = ex.schedule.dropna(subset=["in_service_year"])
    assert f"{dutch(built['capex_meur'].sum(), 1)}\u00a0M€" in charts[2].alt
    framework = ex.frames["assess/framework"]
    leaves = framework[~framework["id"].isin(framework["parent_id"].dropna())]
    top = leaves.loc[leaves["global_weight"].idxmax()]
    assert f"{top['name']} ({dutch(100 * top['global_weight'], 0)}%)" in charts[4].alt
    scores = ex.frames["assess/scores"]
    best = scores.loc[scores["weighted_sum"].idxmax()]
    assert dutch(best["weighted_sum"], 3) in charts[5].alt


def test_the_score_contributions_add_up_to_the_weighted_sum(ex: Example) -> None:
    parts = group_contributions(ex.frames["assess/partial_values"],
                                ex.frames["assess/framework"], ex.labels)
    totals = parts.groupby("variant")["contribution"].sum()
    scores = ex.frames["assess/scores"].set_index("label")["weighted_sum"]
    assert set(parts["group"]) <= set(ex.frames["assess/framework"]["group"])
    pd.testing.assert_series_equal(totals.sort_index(), scores.sort_index(),
                                   check_names=False)


def test_the_same_chart_twice_is_byte_identical(ex: Example, charts: list[Chart]) -> None:
    assets, projects = _hidden(ex)
    again = knelpunten_map(ex.ws, ex.bottlenecks, YEAR, hidden_assets=assets)
    assert again.svg == charts[0].svg
    gantt = gantt_chart(ex.schedule, ex.ws.projects, "Evenwichtig", f"gantt-{LENS}",
                        hidden_projects=projects, areas=ex.ws.areas)
    assert gantt.svg == charts[2].svg


def _shape(d: str) -> str:
    """The commands of a path without its numbers: the shape, whatever its size."""
    return re.sub(r"[^A-Za-z]", "", d)


def _marker_shapes(group: ET.Element, defs: dict[str, str]) -> list[tuple[str, str]]:
    """(legend text, shape of the last marker before it) in document order."""
    out, last = [], ""
    for element in group.iter():
        href = element.get(f"{XLINK}href")
        if element.tag == f"{SVG}use" and href:
            last = _shape(defs[href[1:]])
        elif element.tag == f"{SVG}text":
            out.append(("".join(element.itertext()), last))
            last = ""
    return out


def _drawn_shapes(chart: Chart) -> tuple[dict[str, str], set[str]]:
    """The marker definitions of ``chart`` and the shapes drawn in its panels."""
    root = _root(chart)
    defs = {str(e.get("id")): str(e.get("d")) for e in root.iter(f"{SVG}path")
            if e.get("id")}
    panels = [g for g in root.iter(f"{SVG}g")
              if str(g.get("id")).startswith(f"{chart.key}-axes")]
    drawn = {_shape(defs[str(u.get(f"{XLINK}href"))[1:]])
             for g in panels for u in g.iter(f"{SVG}use")}
    return defs, drawn | {_shape(str(p.get("d"))) for g in panels for p in g.iter(f"{SVG}path")}


def test_capacity_classes_differ_by_marker_shape(ex: Example, charts: list[Chart]) -> None:
    root = _root(charts[0])
    defs = _drawn_shapes(charts[0])[0]
    legend = next(g for g in root.iter(f"{SVG}g")
                  if str(g.get("id")).startswith(f"{charts[0].key}-legend"))
    entries = dict(_marker_shapes(legend, defs))
    classes = ["capaciteit beschikbaar", "dreigende schaarste", "congestie"]
    shapes = [next(s for t, s in entries.items() if t.startswith(c)) for c in classes]
    assert all(shapes) and len(set(shapes)) == 3
    drawn = _drawn_shapes(charts[0])[1]
    assert {shapes[0], shapes[1]} <= drawn
    assert shapes[2] not in drawn  # the only congested asset is the hidden one
    assert shapes[2] in _drawn_shapes(knelpunten_map(ex.ws, ex.bottlenecks, YEAR))[1]


def test_bars_carry_a_pattern_besides_their_colour(charts: list[Chart]) -> None:
    weights, scores, acceptability = charts[4], charts[5], charts[6]
    for chart, kinds in ((weights, 2), (scores, 2), (acceptability, 3)):
        patterns = {e.get("id") for e in _root(chart).iter(f"{SVG}pattern")}
        used = set(re.findall(r"fill: url\(#([^)]+)\)", chart.svg))
        assert len(patterns & used) >= kinds, chart.key  # a hatch per group or rank


def test_an_svg_chart_renders_with_its_text_in_a_pdf(ex: Example, charts: list[Chart]) -> None:
    html = ("<html lang='nl'><body>" + "".join(
        f"<figure>{c.svg}<figcaption>{c.title}</figcaption></figure>"
        for c in (charts[0], charts[4])) + "</body></html>")
    pdf = weasyprint.HTML(string=html).write_pdf()
    text = " ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    legend = [t for t in _texts(charts[0]) if t.startswith("congestie")]
    assert legend and "congestie" in text
    towns = set(ex.ws.areas.loc[ex.ws.areas["kind"] == "municipality", "name"].astype(str))
    drawn = towns & set(_texts(charts[0]))
    assert drawn and all(town in text for town in drawn)
    assert "Maatschappelijke waarde" in text


def test_english_and_key_checks(ex: Example) -> None:
    chart = knelpunten_map(ex.ws, ex.bottlenecks, YEAR, lang="en", key="bottlenecks-2030")
    assert chart.title.startswith("Bottlenecks 2030")
    assert "Demand" in " ".join(_texts(chart))
    assert chart.svg.count('id="bottlenecks-2030-title"') == 1
    fig = plt.figure()
    try:
        with pytest.raises(ValueError, match="chart key"):
            to_svg(fig, "Not A Key", "t", "a")
    finally:
        plt.close(fig)
