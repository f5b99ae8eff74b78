"""The assessment on the terminal: the ranking (with a sentence where TOPSIS or PROMETHEE II
ranks another variant first, naming the criteria that cause it), the most sensitive weights,
the top of the priority list with the value of a connection it rests on (and how the list
changes over that value's range), a hotspot run's fixed context, the list per operator,
region and municipality, and a workshop's weight spread."""

from __future__ import annotations

import math
from collections.abc import Mapping

import pandas as pd
from rich.console import Console
from rich.table import Table
from rich.text import Text

from pmiek.adapters.cli.i18n import Markup, literal, text
from pmiek.adapters.cli.render import as_number, decimal, number, percent
from pmiek.assessment import Appraisal, tier_rule
from pmiek.assessment.value_range import ValueRange
from pmiek.domain.labels import label

RIGHT = {"col.rank", "col.score", "col.topsis", "col.promethee", "col.rank1",
         "col.confidence", "col.priority", "col.year", "col.tier", "col.marginal"}


def ranking_table(result: Appraisal, lang: str) -> Table:
    """One row per variant, best first, the chosen one marked."""
    scored = result.assessment
    spread = result.provenance.parameters.get("spread", 0.5)
    mode = text(f"assess.mode.{scored.weight_mode}", lang,
                spread=f"{100 * as_number(spread):.0f}")
    table = Table(title=text("assess.title" if len(scored.scenarios) != 1 else "assess.title_one",
                             lang, n=len(scored.scenarios)),
                  header_style="bold", caption=text("assess.caption", lang, mode=mode,
                                                    samples=number(scored.n_samples, lang)),
                  caption_justify="left")
    for key in ("col.rank", "col.variant", "col.score", "col.topsis", "col.promethee",
                "col.rank1", "col.confidence", "col.best_in"):
        table.add_column(text(key, lang), justify="right" if key in RIGHT else "left")
    for row in result.ranking():
        mark = " ◀" if row["variant"] == result.chosen else ""
        best_in = str(row["best_in_scenarios"]).replace(";", ", ") or "–"
        table.add_row(str(row["rank"]), literal(row["label"]) + mark,
                      decimal(row["weighted_sum"], lang, 3), str(row["topsis_rank"]),
                      str(row["promethee_rank"]),
                      percent(row["rank1_acceptability"], lang, 0),
                      percent(row["confidence"], lang, 0),
                      literal(best_in))
    return table


def sensitivity_line(result: Appraisal, lang: str) -> str:
    """The three weights whose stability interval is narrowest."""
    parts = [text("assess.stability_item", lang, name=r["name"] or r["criterion"],
                  weight=decimal(r["weight"], lang, 3), lower=decimal(r["lower"], lang, 3),
                  upper=decimal(r["upper"], lang, 3))
             for r in result.most_sensitive(3).to_dict("records")]
    return text("assess.stability", lang, items=Markup("; ".join(parts)))


def priority_table(result: Appraisal, lang: str, top: int = 10,
                   why: Mapping[str, str] | None = None) -> Table:
    """The first ``top`` projects of the priority list; with ``why`` (project id → sentence)
    a column saying why each is built."""
    listed = result.listed()
    table = Table(title=text("assess.priority_title", lang, lens=result.labels[result.chosen],
                             n=len(listed), projects=_projects(len(listed), lang)),
                  header_style="bold",
                  caption=literal(tier_rule(lang)), caption_justify="left")
    keys = ["col.priority", "col.project", "col.year", "col.tier", "col.marginal",
            "col.rationale"] + (["col.why"] if why is not None else [])
    for key in keys:
        table.add_column(text(key, lang), justify="right" if key in RIGHT else "left",
                         overflow="fold", max_width={"col.rationale": 90,
                                                     "col.why": 60}.get(key))
    for row in listed.head(top).to_dict("records"):
        value = float(row["marginal_value_meur"])
        shown = text("assess.indispensable", lang) if math.isinf(value) \
            else decimal(value, lang, 1)
        cells = [str(row["priority"]), literal(row["name"]), str(row["in_service_year"]),
                 literal(f"{row['tier']} {row['tier_name']}"), shown, literal(row["rationale"])]
        if why is not None:
            cells.append(literal(why.get(str(row["project_id"]), "")))
        table.add_row(*cells)
    return table


def _projects(n: int, lang: str) -> Markup:
    return text("assess.range_project" if n == 1 else "assess.range_projects", lang)


def _sum_value(row: Mapping[str, object], lang: str) -> Markup:
    """The sum of marginal values, and how many indispensable projects it leaves out."""
    shown = decimal(row["marginal_value_meur"], lang, 1)
    n = int(as_number(row["n_indispensable"]))
    return text("assess.plus_indispensable", lang, value=shown, n=n) if n else literal(shown)


def breakdown_table(result: Appraisal, lang: str, top: int = 5) -> Table:
    """The priority list per operator, per RES region and for the ``top`` municipalities
    with the highest capital cost (and the row of the projects above municipal level)."""
    listed = result.listed()
    years = result.variants.results()[result.chosen].instance.years
    table = Table(title=text("assess.breakdown_title", lang, n=len(listed),
                             projects=_projects(len(listed), lang)),
                  header_style="bold", caption_justify="left",
                  caption=text("assess.breakdown_caption", lang, top=top,
                               year=int(years[-1]) if len(years) else ""))
    for key in ("col.by", "col.name", "col.n_projects", "col.capex", "col.tiers",
                "col.value_sum", "col.enabled_mw", "col.homes"):
        table.add_column(text(key, lang), justify="left" if key in ("col.by", "col.name")
                         else "right")
    areas = result.by_area
    municipalities = areas[areas["level"] == "municipality"]
    named = municipalities[municipalities["area_id"].astype(str) != ""]
    groups = [(text("assess.operator", lang), result.by_operator.rename(
                  columns={"operator": "name"})),
              (literal(label("area_kind", "region", lang)), areas[areas["level"] == "region"]),
              (literal(label("area_kind", "municipality", lang)),
               pd.concat([named.head(top),
                          municipalities[municipalities["area_id"].astype(str) == ""]]))]
    for kind, rows in groups:
        if not len(rows):
            continue
        table.add_section()
        for row in rows.to_dict("records"):
            tiers = " / ".join(number(int(row[f"n_tier_{t}"]), lang) for t in (1, 2, 3))
            table.add_row(kind, literal(row["name"]), number(int(row["n_projects"]), lang),
                          decimal(row["capex_meur"], lang, 1), tiers, _sum_value(row, lang),
                          decimal(row["enabled_mw"], lang, 1),
                          decimal(row["homes_enabled"], lang, 0))
    return table


def context_table(result: Appraisal, lang: str, level: str) -> Table:
    """A hotspot run's fixed context (``level``: the hotspot as shown), one row a project."""
    context = result.fixed_context()
    table = Table(title=text("assess.context_title", lang, level=level, n=len(context),
                             projects=_projects(len(context), lang),
                             capex=decimal(context["capex_meur"].sum(), lang, 1)),
                  header_style="bold")
    for key in ("col.project", "col.year", "col.kind", "col.capex"):
        table.add_column(text(key, lang), justify="right" if key in ("col.year", "col.capex")
                         else "left")
    for row in context.to_dict("records"):
        table.add_row(literal(row["name"]), str(row["in_service_year"]),
                      literal(label("project_kind", str(row["kind"]), lang)),
                      decimal(row["capex_meur"], lang, 1))
    return table


def disagreement_lines(result: Appraisal, lang: str) -> list[Markup]:
    """One sentence per method that ranks another variant first, or second, than the
    weighted sum, naming the criteria that cause it (:mod:`pmiek.assessment.disagreement`)."""
    names = {c.id: c.name for c in result.framework.leaves()}
    labels = dict(result.labels)
    lines = []
    for found in result.disagreements():
        parts: list[str] = []
        for variant in (found.other, found.first, ""):
            criteria = [names.get(c, c) for c, ahead in zip(found.criteria, found.ahead,
                                                            strict=True) if ahead == variant]
            if not criteria:
                continue
            joined = literal(", ".join(criteria))
            parts.append(text("assess.disagree_ahead", lang, names=joined,
                              variant=labels.get(variant, variant)) if variant
                         else text("assess.disagree_equal", lang, names=joined))
        key = "assess.disagree" if found.place == 1 else "assess.disagree_second"
        lines.append(text(key, lang, method=_METHOD[found.method],
                          other=labels.get(found.other, found.other),
                          first=labels.get(found.first, found.first),
                          criteria=Markup(text("and", lang).join(parts)),
                          how=text(f"assess.disagree.{found.method}", lang)))
    return lines


_METHOD = {"topsis": "TOPSIS", "promethee_ii": "PROMETHEE II"}


def value_lines(result: Appraisal, lang: str) -> list[Markup]:
    """The value of a connection that the chosen variant's priority list rests on (central,
    range, source), and how the list changes over that range when it was computed (else how
    to compute it)."""
    lens = result.variants.lenses()[result.chosen]
    value, name = lens.value, result.labels[result.chosen]
    if value.sourced:
        lines = [text("assess.value", lang, lens=name, central=_value(value.central, lang),
                      low=_value(value.low, lang), high=_value(value.high, lang),
                      source=value.source_text(lang))]
    else:
        lines = [text("assess.value_unsourced", lang, lens=name,
                      central=_value(value.central, lang))]
    ranged = result.value_range
    if ranged is None:
        if value.has_range:
            lines.append(text("assess.value_hint", lang))
    elif not ranged.has_range:
        lines.append(text("assess.range_none", lang))
    else:
        lines += range_lines(ranged, lang)
    return lines


def range_lines(ranged: ValueRange, lang: str, top: int = 10) -> list[Markup]:
    """How the priority list changes from the low to the high value: how many projects are
    in every list, which come or go at an end, which change year, how the first ``top``
    hold."""
    table = ranged.table
    names = dict(zip(table["project_id"], table["name"], strict=True))
    counts = {point: len(ranged.chosen(point)) for point in ("low", "central", "high")}
    total = len(table)
    lines = [text("assess.range", lang, low=_value(ranged.values["low"], lang),
                  high=_value(ranged.values["high"], lang),
                  central=_value(ranged.values["central"], lang),
                  kept=len(ranged.everywhere()), total=total,
                  projects=text("assess.range_project" if total == 1
                                else "assess.range_projects", lang),
                  n_low=counts["low"], n_central=counts["central"], n_high=counts["high"])]
    changed = False
    for point in ("low", "high"):
        word = text(f"assess.point.{point}", lang)
        if not ranged.solved[point]:
            lines.append(text("assess.range_unsolved", lang, point=word,
                              termination=text(f"term.{ranged.termination[point]}", lang,
                                               gap="")))
            changed = True
            continue
        for key, ids in (("assess.range_gained", ranged.gained(point)),
                         ("assess.range_lost", ranged.lost(point))):
            if ids:
                lines.append(text(key, lang, point=word, names=_names(ids, names, lang)))
                changed = True
    moved = ranged.moved()
    if len(moved):
        items = [f"{names[r.project_id]} ({r.in_service_year_low}, {r.in_service_year_central}"
                 f", {r.in_service_year_high})" for r in moved.itertuples()]
        lines.append(text("assess.range_moved", lang, items=_listed(items, lang)))
    elif not changed:
        lines.append(text("assess.range_same", lang))
    shift = ranged.largest_shift()
    lines.append(text("assess.range_top", lang, top=min(top, counts["central"]),
                      kept=ranged.top_kept(top), shift=shift,
                      places=text("assess.range_place" if shift == 1
                                  else "assess.range_places", lang)))
    return lines


def _value(value: float, lang: str) -> str:
    """A value per MW-year: two decimals."""
    return decimal(value, lang, 2)


def _names(ids: list[str], names: dict[str, str], lang: str, k: int = 4) -> Markup:
    return _listed([names.get(i, i) for i in ids], lang, k)


def _listed(items: list[str], lang: str, k: int = 4) -> Markup:
    """The first ``k`` items, then how many more."""
    shown = literal(", ".join(items[:k]))
    if len(items) <= k:
        return shown
    return text("assess.range_more", lang, names=shown, n=len(items) - k)


def plain(line: Markup) -> str:
    """A line of markup as plain text (for a sheet)."""
    return Text.from_markup(line).plain


def print_appraisal(out: Console, result: Appraisal, lang: str,
                    why: Mapping[str, str] | None = None, level: str = "") -> None:
    """The framework's status, the ranking (and where the methods disagree, why), the
    sensitive weights, the priority list (with ``why``: project id → why it is built), the
    value of a connection it rests on, a hotspot run's fixed context (``level``: the hotspot
    as shown, default its id) and the list per operator, region and municipality."""
    out.print(literal(result.framework.status_text(lang)))
    out.print(ranking_table(result, lang))
    for line in disagreement_lines(result, lang):
        out.print(f"[yellow]{line}[/]")
    out.print(sensitivity_line(result, lang))
    out.print(priority_table(result, lang, why=why))
    for line in value_lines(result, lang):
        out.print(line)
    if result.hotspot:
        shown = level or literal(result.variants.level)
        out.print(context_table(result, lang, shown))
        out.print(text("assess.context_caption", lang, level=shown))
    if len(result.listed()):
        out.print(breakdown_table(result, lang))


def spread_table(result: Appraisal, lang: str) -> Table:
    """The workshop's weights per criterion: the framework's, the mean, min and max."""
    spread = result.weight_spread()
    names = {c.id: c.name for c in result.framework.leaves()}
    n_sets = 0 if result.weight_sets is None else len(result.weight_sets)
    table = Table(title=text("assess.spread_title", lang, n=n_sets), header_style="bold")
    for key in ("col.criterion", "col.framework", "col.mean", "col.min", "col.max"):
        table.add_column(text(key, lang), justify="left" if key == "col.criterion" else "right")
    for criterion, row in spread.iterrows():
        table.add_row(literal(names.get(str(criterion), str(criterion))),
                      *(decimal(row[c], lang, 3) for c in ("framework", "mean", "min", "max")))
    return table
