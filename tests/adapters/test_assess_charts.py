"""The charts of the assessment (step 4): what is drawn, in which order and language."""

from __future__ import annotations

from pathlib import Path

import matplotlib.image as mpimg
import numpy as np
import pandas as pd
import pytest
from matplotlib.axes import Axes
from matplotlib.colors import to_hex, to_rgb
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.typing import ColorType

from pmiek.adapters.reports.assess_charts import (
    GROUP_COLOURS,
    TIER_COLOURS,
    acceptability_figure,
    draw_acceptability,
    draw_priority,
    draw_scores,
    draw_stability,
    priority_figure,
    scores_figure,
    stability_figure,
)
from pmiek.errors import InputError, WriteError

LONG = "Een heel erg lange naam van een variant die nooit op de as past zonder inkorten"


def texts(fig: Figure) -> list[str]:
    """Every text of the figure: titles, axis labels, tick labels, annotations, legends."""
    found = [t.get_text() for t in fig.texts]
    for ax in fig.axes:
        found += [t.get_text() for t in ax.texts] + [ax.get_title(), ax.get_xlabel()]
        found += [t.get_text() for t in ax.get_yticklabels()]
        legend = ax.get_legend()
        if legend is not None:
            found += [t.get_text() for t in legend.get_texts()]
    return found


def legend_texts(ax: Axes) -> list[str]:
    legend = ax.get_legend()
    assert legend is not None
    return [t.get_text() for t in legend.get_texts()]


def rows(ax: Axes) -> list[str]:
    """The y tick labels from the top of the chart down."""
    ticks = sorted(zip(ax.get_yticks(), ax.get_yticklabels(), strict=True),
                   key=lambda pair: pair[0], reverse=ax.yaxis_inverted() is False)
    return [label.get_text() for _, label in ticks]


def bars(ax: Axes, gid: str) -> list[Rectangle]:
    """The bars of one series (gid), in row order (row 0 first)."""
    found = [p for c in ax.containers for p in c if isinstance(p, Rectangle)
             and p.get_gid() == gid]
    return sorted(found, key=lambda bar: bar.get_y())


def luminance(colour: ColorType) -> float:
    r, g, b = to_rgb(colour)
    return 0.299 * r + 0.587 * g + 0.114 * b


def png_shape(path: Path) -> tuple[int, ...]:
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    return tuple(mpimg.imread(path).shape)


# --- weighted sum --------------------------------------------------------------------------

SCORES = pd.DataFrame([
    ("Evenwichtig", "maatschappelijke_waarde", 0.30),
    ("Evenwichtig", "realiseerbaarheid", 0.15),
    ("Evenwichtig", "systeemtoets", 0.05),
    ("Woningbouw eerst", "maatschappelijke_waarde", 0.45),
    ("Woningbouw eerst", "realiseerbaarheid", 0.25),
    ("Woningbouw eerst", "systeemtoets", 0.10),
    (LONG, "maatschappelijke_waarde", 0.40),
    (LONG, "realiseerbaarheid", 0.15),
    (LONG, "systeemtoets", 0.10),
], columns=["variant", "group", "contribution"])


def test_scores_stack_the_groups_best_total_on_top() -> None:
    fig = scores_figure(SCORES)
    ax = fig.axes[0]
    labels = rows(ax)
    assert labels[:1] == ["Woningbouw eerst"] and labels[2] == "Evenwichtig"
    assert labels[1].endswith("…") and len(labels[1]) <= 40  # the long name, shortened
    society = bars(ax, "maatschappelijke_waarde")
    feasible = bars(ax, "realiseerbaarheid")
    check = bars(ax, "systeemtoets")
    assert np.allclose([b.get_width() for b in society], [0.45, 0.40, 0.30])
    # each group starts where the previous one ends
    assert np.allclose([b.get_x() for b in feasible], [0.45, 0.40, 0.30])
    assert np.allclose([b.get_x() + b.get_width() for b in check], [0.80, 0.65, 0.50])
    assert {to_hex(b.get_facecolor()) for b in society} == {GROUP_COLOURS[
        "maatschappelijke_waarde"]}
    totals = [t.get_text() for t in ax.texts if t.get_gid() == "total"]
    assert totals == ["0,800", "0,650", "0,500"]  # Dutch decimal comma, in row order
    assert legend_texts(ax) == ["Maatschappelijke waarde", "Realiseerbaarheid", "Systeemtoets"]
    assert ax.get_title() == "Gewogen som per variant"
    assert ax.get_xlabel() == "Gewogen score (0–1)"
    assert ax.xaxis.get_major_formatter()(0.4, 0) == "0,4"


def test_scores_in_english() -> None:
    fig = scores_figure(SCORES, lang="en")
    ax = fig.axes[0]
    assert legend_texts(ax) == ["Societal value", "Feasibility", "System check"]
    assert ax.get_title() == "Weighted sum per variant"
    assert ax.get_xlabel() == "Weighted score (0–1)"
    assert "0.800" in texts(fig)
    assert ax.xaxis.get_major_formatter()(0.4, 0) == "0.4"


def test_scores_show_only_the_groups_given_summed_per_variant() -> None:
    frame = pd.DataFrame({"variant": ["A", "A", "B"], "group": ["systeemtoets"] * 3,
                          "contribution": [0.1, 0.2, 0.6]})
    ax = scores_figure(frame).axes[0]
    assert legend_texts(ax) == ["Systeemtoets"]
    assert rows(ax) == ["B", "A"]
    assert np.allclose([b.get_width() for b in bars(ax, "systeemtoets")], [0.6, 0.3])


def test_draw_scores_writes_a_png_that_grows_with_the_variants(tmp_path: Path) -> None:
    few = tmp_path / "few.png"
    draw_scores(SCORES, few)
    many = pd.concat([SCORES.assign(variant=SCORES["variant"] + f" {i}") for i in range(6)])
    more = tmp_path / "many.png"
    draw_scores(many, more, lang="en")
    height, width, _ = png_shape(few)
    assert 250 < height < 600 and 700 < width < 1400
    assert png_shape(more)[0] > height + 300  # 18 rows instead of 3
    assert sorted(p.name for p in tmp_path.iterdir()) == ["few.png", "many.png"]  # no leftovers


@pytest.mark.parametrize(("frame", "message"), [
    (SCORES.iloc[:0], "Geen gegevens"),
    (SCORES.drop(columns="group"), "group"),
    (SCORES.assign(group="kosten"), "kosten"),
    (SCORES.assign(contribution=np.nan), "contribution"),
])
def test_scores_refuse_unusable_input(frame: pd.DataFrame, message: str,
                                      tmp_path: Path) -> None:
    with pytest.raises(InputError, match=message):
        draw_scores(frame, tmp_path / "scores.png")
    assert not list(tmp_path.iterdir())


def test_a_missing_folder_is_a_write_error(tmp_path: Path) -> None:
    with pytest.raises(WriteError, match="bestaat niet"):
        draw_scores(SCORES, tmp_path / "missing" / "scores.png")


def test_an_existing_png_is_replaced(tmp_path: Path) -> None:
    path = tmp_path / "scores.png"
    path.write_bytes(b"old")
    draw_scores(SCORES, path)
    assert png_shape(path)[0] > 100


# --- rank acceptability --------------------------------------------------------------------

SHARES = {"A": [0.20, 0.50, 0.30], "B": [0.75, 0.20, 0.05], "C": [0.05, 0.30, 0.65]}
ACCEPTABILITY = pd.DataFrame(
    [(v, r + 1, s) for v, shares in SHARES.items() for r, s in enumerate(shares)],
    columns=["variant", "rank", "acceptability"]).sample(frac=1.0, random_state=3)


def test_acceptability_stacks_ranks_most_often_first_on_top(tmp_path: Path) -> None:
    fig = acceptability_figure(ACCEPTABILITY)
    ax = fig.axes[0]
    assert rows(ax) == ["B", "A", "C"]
    first, second, third = (bars(ax, f"rank{r}") for r in (1, 2, 3))
    assert np.allclose([b.get_width() for b in first], [0.75, 0.20, 0.05])
    assert np.allclose([b.get_x() for b in second], [0.75, 0.20, 0.05])  # rank 2 after 1
    assert np.allclose([b.get_x() + b.get_width() for b in third], 1.0)  # 100 % stacked
    # a sequential map from dark (rank 1) to light
    shades = [luminance(group[0].get_facecolor()) for group in (first, second, third)]
    assert shades[0] < shades[1] < shades[2]
    assert legend_texts(ax) == ["Rang 1", "Rang 2", "Rang 3"]
    assert ax.get_title() == "Rangacceptatie (SMAA-2)"
    # percent labels only in segments of at least 8 %: not the 5 % ones
    labels = sorted(t.get_text() for t in ax.texts)
    assert labels == sorted(["75%", "20%", "20%", "50%", "30%", "30%", "65%"])
    draw_acceptability(ACCEPTABILITY, tmp_path / "acceptability.png")
    assert png_shape(tmp_path / "acceptability.png")[0] > 200


def test_acceptability_in_english_and_ties_broken_by_the_next_rank() -> None:
    frame = pd.DataFrame({"variant": ["X", "X", "Y", "Y"], "rank": [1, 2, 1, 2],
                          "acceptability": [0.5, 0.5, 0.5, 0.5]})
    tied = pd.DataFrame({"variant": ["P", "P", "P", "Q", "Q", "Q"],
                         "rank": [1, 2, 3, 1, 2, 3],
                         "acceptability": [0.4, 0.1, 0.5, 0.4, 0.5, 0.1]})
    assert rows(acceptability_figure(tied).axes[0]) == ["Q", "P"]
    ax = acceptability_figure(frame, lang="en").axes[0]
    assert legend_texts(ax) == ["Rank 1", "Rank 2"]
    assert ax.get_title() == "Rank acceptability (SMAA-2)"
    assert rows(ax) == ["X", "Y"]  # a full tie keeps the given order


def test_acceptability_refuses_an_empty_frame() -> None:
    with pytest.raises(InputError, match="acceptability"):
        acceptability_figure(ACCEPTABILITY.iloc[:0])


# --- weight stability ----------------------------------------------------------------------

STABILITY = pd.DataFrame({
    "criterion": ["C1", "C2", "C3", "C4"],
    "name": ["Woningen aangesloten", "Kosten", "CO2-reductie bij de industrie", ""],
    "weight": [0.30, 0.25, 0.25, 0.20],
    "lower": [0.10, 0.20, np.nan, 0.15],
    "upper": [0.60, 0.28, 0.35, 0.45],
    "top_lower": [0.0, 0.10, 0.0, 0.05],
    "top_upper": [1.0, 0.50, np.nan, 0.70],
})


def test_stability_rows_sorted_by_interval_width(tmp_path: Path) -> None:
    fig = stability_figure(STABILITY)
    ax = fig.axes[0]
    # widths: C1 0.50, C2 0.08, C3 0.35 (lower NaN: from 0), C4 0.30; C4 has no name
    assert rows(ax) == ["Kosten", "C4", "CO2-reductie bij de industrie", "Woningen aangesloten"]
    ranking = bars(ax, "ranking")
    assert np.allclose([(b.get_x(), b.get_x() + b.get_width()) for b in ranking],
                       [(0.20, 0.28), (0.15, 0.45), (0.0, 0.35), (0.10, 0.60)])
    top = bars(ax, "top")
    assert np.allclose([(b.get_x(), b.get_x() + b.get_width()) for b in top],
                       [(0.10, 0.50), (0.05, 0.70), (0.0, 1.0), (0.0, 1.0)])
    # the top interval is drawn thicker, behind the ranking interval
    assert top[0].get_height() > ranking[0].get_height()
    assert top[0].get_zorder() < ranking[0].get_zorder()
    (marker,) = [line for line in ax.get_lines() if line.get_gid() == "weight"]
    assert np.allclose(np.asarray(marker.get_xdata(), dtype=float), [0.25, 0.20, 0.25, 0.30])
    assert np.allclose(np.asarray(marker.get_ydata(), dtype=float), [0, 1, 2, 3])
    assert ax.get_xlim() == (0.0, 1.0)
    assert ax.get_xlabel() == "Gewicht"
    assert ax.get_title() == "Gewichtsstabiliteit: waar de rangorde gelijk blijft"
    assert ax.xaxis.get_major_formatter()(0.5, 0) == "0,5"
    draw_stability(STABILITY, tmp_path / "stability.png", lang="en")
    assert png_shape(tmp_path / "stability.png")[1] > 600


def test_stability_in_english_with_thirty_criteria() -> None:
    many = pd.DataFrame({"criterion": [f"K{i}" for i in range(30)],
                         "name": [f"Criterium {i}" for i in range(30)],
                         "weight": np.full(30, 1 / 30),
                         "lower": np.zeros(30), "upper": np.linspace(0.9, 0.1, 30),
                         "top_lower": np.zeros(30), "top_upper": np.ones(30)})
    fig = stability_figure(many, lang="en")
    ax = fig.axes[0]
    assert rows(ax) == [f"Criterium {i}" for i in reversed(range(30))]
    assert fig.get_figheight() * fig.dpi / 30 >= 25  # pixels per criterion
    assert ax.get_xlabel() == "Weight"
    assert ax.get_title() == "Weight stability: where the ranking holds"
    assert legend_texts(ax) == ["best variant stays the best", "full ranking unchanged",
                                "current weight"]


def test_stability_refuses_an_empty_frame() -> None:
    with pytest.raises(InputError, match="stability"):
        stability_figure(STABILITY.iloc[:0])


# --- priority list -------------------------------------------------------------------------

PRIORITY = pd.DataFrame({
    "priority": [3, 1, 2, 4, 5],
    "project_id": ["P-C", "P-A", "P-B", "P-D", "P-E"],
    "name": ["Kabel Noord", "Station Oudenrijn", "Batterij Lage Weide",
             "Een project met een naam die veel te lang is voor het label op de as", None],
    "in_service_year": [2030, 2029, 2028, 2033, 2031],
    "tier": [2, 1, 1, 3, 3],
    "marginal_value_meur": [12.5, np.inf, 40.0, 4.0, 0.8],
    "cost_meur": [5.0, 80.0, 10.0, 3.0, 1.0],
})


def test_priority_bars_in_priority_order_indispensable_to_the_axis_end(tmp_path: Path) -> None:
    fig = priority_figure(PRIORITY)
    ax = fig.axes[0]
    labels = rows(ax)
    assert labels[:3] == ["Station Oudenrijn (2029)", "Batterij Lage Weide (2028)",
                          "Kabel Noord (2030)"]
    assert labels[3].endswith("… (2033)")
    assert labels[4] == "P-E (2031)"  # no name: the id
    drawn = bars(ax, "value")
    ends = [b.get_x() + b.get_width() for b in drawn]
    assert ends[0] == pytest.approx(ax.get_xlim()[1])  # indispensable: to the axis maximum
    assert np.allclose(ends[1:], [40.0, 12.5, 4.0, 0.8])
    assert [t.get_text() for t in ax.texts if t.get_gid() == "indispensable"] == ["onmisbaar"]
    assert {"40,0", "12,5", "0,80"} <= set(texts(fig))
    assert [to_hex(b.get_facecolor()) for b in drawn] == [TIER_COLOURS[t] for t in
                                                           (1, 1, 2, 3, 3)]
    assert legend_texts(ax) == ["1 spijtvrij", "2 robuust", "3 scenario-afhankelijk"]
    assert ax.get_xscale() == "linear"  # 0.8 … 40: less than two orders of magnitude
    draw_priority(PRIORITY, tmp_path / "priority.png")
    assert png_shape(tmp_path / "priority.png")[0] > 200


def test_priority_uses_a_log_scale_only_for_a_wide_span() -> None:
    narrow = PRIORITY.assign(marginal_value_meur=[12.5, np.inf, 40.0, 4.0, 1.0])
    assert priority_figure(narrow).axes[0].get_xscale() == "linear"  # 1 … 40
    wide = PRIORITY.assign(marginal_value_meur=[12.5, np.inf, 400.0, 4.0, 1.0])
    ax = priority_figure(wide).axes[0]
    assert ax.get_xscale() == "log"  # 1 … 400
    assert ax.get_xlim()[1] >= 400
    negative = PRIORITY.assign(marginal_value_meur=[12.5, np.inf, 400.0, 4.0, -1.0])
    assert priority_figure(negative).axes[0].get_xscale() == "linear"


def test_priority_in_english_and_only_the_first_top() -> None:
    fig = priority_figure(PRIORITY, lang="en", top=2)
    ax = fig.axes[0]
    assert rows(ax) == ["Station Oudenrijn (2029)", "Batterij Lage Weide (2028)"]
    assert ax.get_title() == "Priority list: marginal value per project (first 2 of 5)"
    assert ax.get_xlabel() == "Value of connections, lens-weighted (central estimate) [M€]"
    assert legend_texts(ax) == ["1 no-regret"]
    assert "indispensable" in texts(fig)
    assert "40.0" in texts(fig)
    nl = priority_figure(PRIORITY, top=2).axes[0]
    assert nl.get_title() == "Prioriteitenlijst: marginale waarde per project (de eerste 2 van 5)"
    assert nl.get_xlabel() == "Waarde aansluitingen, lensgewogen (centrale schatting) [M€]"


@pytest.mark.parametrize(("frame", "top", "message"), [
    (PRIORITY.iloc[:0], 25, "Geen gegevens"),
    (PRIORITY.assign(tier=[1, 2, 4, 1, 1]), 25, "4"),
    (PRIORITY.drop(columns="marginal_value_meur"), 25, "marginal_value_meur"),
    (PRIORITY, 0, "top"),
])
def test_priority_refuses_unusable_input(frame: pd.DataFrame, top: int, message: str) -> None:
    with pytest.raises(InputError, match=message):
        priority_figure(frame, top=top)
