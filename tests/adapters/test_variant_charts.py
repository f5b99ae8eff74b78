"""The Gantt chart and the resource chart of a variant: what is drawn, not just that a file is."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from matplotlib.colors import to_hex
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from pmiek.adapters.files import read_workspace
from pmiek.adapters.files.lenses import load_lens
from pmiek.adapters.reports.variant_charts import (
    BINDING,
    USED,
    build_years,
    draw_gantt,
    draw_resources,
    gantt_rows,
)
from pmiek.domain.workspace import Workspace
from pmiek.variants.instance import Instance, build_instance
from pmiek.variants.result import Termination, VariantResult

# example: P-ODR (TenneT, in_ip, 3 build years), P-UTN (TenneT, in_ip, 3), P-LW-MS (Stedin,
# 2), P-HTN-O (Stedin, 3), P-BAT (Stedin, 1), P-FLEX (Stedin, 1)
BUILT = {"P-BAT": 2028, "P-ODR": 2029, "P-LW-MS": 2030, "P-UTN": 2033}


@pytest.fixture(scope="module")
def instance(example: Workspace) -> Instance:
    # TenneT's budget in 2027 is cut to what P-ODR (120 M€ over 2026–2028) spends in it
    resources = example.resources.copy()
    tight = (resources["operator"] == "TenneT") & (resources["year"] == 2027)
    resources.loc[tight, "budget_meur"] = 40.0
    workspace = example.with_tables(resources=resources)
    return build_instance(workspace, load_lens("evenwichtig"), ["KM"], horizon=2034)


def result_of(instance: Instance, years: dict[str, int]) -> VariantResult:
    """A variant with the projects in ``years`` in service from those years, nothing else."""
    start = np.full(instance.n_projects, -1)
    for pid, year in years.items():
        start[list(instance.project_ids).index(pid)] = int(np.flatnonzero(instance.years ==
                                                                         year)[0])
    n_s, n_d, n_y = instance.value.shape
    return VariantResult(instance, "test", Termination.HEURISTIC, 0.0, float("nan"), 0.0, start,
                         np.zeros((n_s, n_d, n_y)), np.zeros((n_s, len(instance.row_asset))))


def texts(fig: Figure) -> list[str]:
    found = [t.get_text() for t in fig.texts]
    for ax in fig.axes:
        found += [t.get_text() for t in ax.texts] + [ax.get_title(), ax.get_xlabel()]
        found += [t.get_text() for t in ax.get_yticklabels()]
        legend = ax.get_legend()
        if legend is not None:
            found += [t.get_text() for t in legend.get_texts()]
    for legend in fig.legends:
        found += [t.get_text() for t in legend.get_texts()]
    return found


def bars(ax) -> list[Rectangle]:
    return [p for p in ax.patches if isinstance(p, Rectangle)]


def test_build_years_are_read_back_from_the_spending(instance: Instance) -> None:
    years = dict(zip(instance.project_ids, build_years(result_of(instance, {})), strict=True))
    assert years == {"P-ODR": 3, "P-UTN": 3, "P-LW-MS": 2, "P-HTN-O": 3, "P-BAT": 1,
                     "P-FLEX": 1}


def test_gantt_has_one_bar_per_built_project_in_order(tmp_path: Path, instance: Instance) -> None:
    path = tmp_path / "gantt.png"
    fig = draw_gantt(result_of(instance, BUILT), path)
    ax = fig.axes[0]
    drawn = bars(ax)
    assert len(drawn) == len(BUILT)
    rows = gantt_rows(result_of(instance, BUILT))
    assert list(rows["project_id"]) == ["P-BAT", "P-ODR", "P-LW-MS", "P-UTN"]
    # each bar runs from the first year of construction to the in-service year
    spans = [(bar.get_x(), bar.get_x() + bar.get_width()) for bar in drawn]
    assert spans == [(2027, 2028), (2026, 2029), (2028, 2030), (2030, 2033)]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert [label.split()[0] for label in labels] == list(rows["project_id"])
    assert "P-ODR  Pakket Oudenrijn" in labels
    found = texts(fig)
    assert "Planning van projecten: Evenwichtig" in found
    assert {"Stedin", "TenneT", "in investeringsplan (vast)"} <= set(found)  # legend
    assert {"2028", "2029", "2030", "2033"} <= set(found)  # in-service year at each bar
    assert ax.get_xlabel().startswith("jaar")
    # the commitments of the investment plans are hatched, the candidates are not
    assert [bool(bar.get_hatch()) for bar in drawn] == [False, True, False, True]
    # colour by operator: both TenneT bars alike, unlike Stedin's
    colours = [to_hex(bar.get_facecolor()) for bar in drawn]
    assert colours[1] == colours[3] != colours[0] == colours[2]
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_gantt_in_english_and_by_kind(instance: Instance) -> None:
    fig = draw_gantt(result_of(instance, BUILT), lang="en", colour_by="kind")
    found = texts(fig)
    assert "Project schedule: Balanced" in found
    assert {"storage", "expansion", "new station"} <= set(found)


def test_gantt_without_built_projects_says_so(instance: Instance) -> None:
    fig = draw_gantt(result_of(instance, {}))
    assert bars(fig.axes[0]) == []
    assert "geen projecten gebouwd" in texts(fig)


def test_gantt_grows_with_the_number_of_projects() -> None:
    workspace = read_workspace("utrecht").workspace
    instance = build_instance(workspace, load_lens("evenwichtig"), ["KM"], horizon=2040)
    first = np.where(instance.allowed.any(axis=1), instance.allowed.argmax(axis=1), -1)
    years = {pid: int(instance.years[y]) for pid, y in zip(instance.project_ids, first,
                                                          strict=True) if y >= 0}
    assert len(years) > 60
    fig = draw_gantt(result_of(instance, years))
    assert len(bars(fig.axes[0])) == len(years)
    assert len(fig.axes[0].get_yticklabels()) == len(years)
    assert fig.get_figheight() * fig.dpi / len(years) >= 25  # pixels per project


def test_resources_draw_use_and_limit_per_operator_and_resource(tmp_path: Path,
                                                               instance: Instance) -> None:
    result = result_of(instance, BUILT)
    fig = draw_resources(result, tmp_path / "resources.png")
    axes = {ax.get_title(): ax for ax in fig.axes}
    assert set(axes) == {f"{o}: {r}" for o in ("Stedin", "TenneT") for r in (
        "budget [M€]", "technisch personeel [fte]", "transformatoren [stuks]")}
    use = result.resource_use()
    n_years = len(instance.years)
    for title, ax in axes.items():
        operator = title.split(":")[0]
        resource = {"budget": "budget", "technisch": "fte", "transformatoren":
                    "transformers"}[title.split(": ")[1].split()[0]]
        rows = use[(use["operator"] == operator) & (use["resource"] == resource)]
        drawn = bars(ax)
        assert len(drawn) == n_years
        assert np.allclose([bar.get_height() for bar in drawn], rows["used"])
        limits = [line for line in ax.get_lines() if line.get_gid() == "limit"]
        assert len(limits) == 1  # the limit, as a step line
        level = np.asarray(limits[0].get_ydata(), dtype=float)[:-1]
        assert np.allclose(level, rows["available"], equal_nan=True)
    # TenneT's 2027 budget is used to its limit: that bar is dark, the others light
    budget = bars(axes["TenneT: budget [M€]"])
    tight = [to_hex(bar.get_facecolor()) for bar in budget]
    assert tight[1] == BINDING and tight[0] == USED
    found = texts(fig)
    assert "Middelen per partij en jaar: Evenwichtig" in found
    assert {"gebruikt", "volledig benut", "beschikbaar (limiet)"} <= set(found)
    assert (tmp_path / "resources.png").stat().st_size > 0


def test_resources_name_operators_without_use(instance: Instance) -> None:
    fig = draw_resources(result_of(instance, {"P-BAT": 2028}), lang="en")
    assert {ax.get_title().split(":")[0] for ax in fig.axes} == {"Stedin"}
    assert "No projects in this variant (nothing used): TenneT." in texts(fig)
    empty = draw_resources(result_of(instance, {}))
    assert "deze variant gebruikt geen middelen" in texts(empty)
