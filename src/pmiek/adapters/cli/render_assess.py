"""The assessment on the terminal: the ranking, the most sensitive weights, the top of the
priority list, and a workshop's weight spread."""

from __future__ import annotations

import math
from collections.abc import Mapping

from rich.console import Console
from rich.table import Table

from pmiek.adapters.cli.i18n import Markup, literal, text
from pmiek.adapters.cli.render import as_number, decimal, number, percent
from pmiek.assessment import Appraisal, tier_rule

RIGHT = {"col.rank", "col.score", "col.topsis", "col.promethee", "col.rank1",
         "col.confidence", "col.priority", "col.year", "col.tier", "col.marginal"}


def ranking_table(result: Appraisal, lang: str) -> Table:
    """One row per variant, best first, the chosen one marked."""
    scored = result.assessment
    spread = result.provenance.parameters.get("spread", 0.5)
    mode = text(f"assess.mode.{scored.weight_mode}", lang,
                spread=f"{100 * as_number(spread):.0f}")
    table = Table(title=text("assess.title", lang, n=len(scored.scenarios)),
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
    table = Table(title=text("assess.priority_title", lang, lens=result.labels[result.chosen],
                             n=len(result.priority)), header_style="bold",
                  caption=literal(tier_rule(lang)), caption_justify="left")
    keys = ["col.priority", "col.project", "col.year", "col.tier", "col.marginal",
            "col.rationale"] + (["col.why"] if why is not None else [])
    for key in keys:
        table.add_column(text(key, lang), justify="right" if key in RIGHT else "left",
                         overflow="fold", max_width={"col.rationale": 90,
                                                     "col.why": 60}.get(key))
    for row in result.priority.head(top).to_dict("records"):
        value = float(row["marginal_value_meur"])
        shown = text("assess.indispensable", lang) if math.isinf(value) \
            else decimal(value, lang, 1)
        cells = [str(row["priority"]), literal(row["name"]), str(row["in_service_year"]),
                 literal(f"{row['tier']} {row['tier_name']}"), shown, literal(row["rationale"])]
        if why is not None:
            cells.append(literal(why.get(str(row["project_id"]), "")))
        table.add_row(*cells)
    return table


def print_appraisal(out: Console, result: Appraisal, lang: str,
                    why: Mapping[str, str] | None = None) -> None:
    """The framework's status, the ranking, the sensitive weights and the priority list
    (with ``why``: project id → why it is built)."""
    out.print(literal(result.framework.status_text(lang)))
    out.print(ranking_table(result, lang))
    out.print(sensitivity_line(result, lang))
    out.print(priority_table(result, lang, why=why))


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
