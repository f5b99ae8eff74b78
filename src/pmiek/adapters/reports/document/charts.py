"""The charts of the programme document as inline SVG, each with a text alternative and a table
twin (:class:`Chart`).

:func:`to_svg` turns a matplotlib figure into markup that can be pasted into an HTML page
beside others: text stays text (``svg.fonttype`` ``none``), every id is prefixed with the
chart's key, the image has a ``<title>`` and a ``<desc>`` (the text alternative) and scales to
the width of the page. The output is byte-identical from run to run.

The charts of step 1 that are maps live in :mod:`pmiek.adapters.reports.document.chart_maps`.
Every number shown (alt texts, tables) is formatted by :mod:`pmiek.report.numbers`; colour is
never the only carrier of meaning: line styles, markers, hatches and labels tell the classes
apart too.
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import dataclass

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.axis import Axis
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.text import Text
from matplotlib.ticker import FuncFormatter, MaxNLocator

from pmiek.adapters.reports.assess_charts import (
    GROUP_COLOURS,
    acceptability_figure,
    acceptability_table,
    score_table,
    scores_figure,
    stability_figure,
    stability_table,
)
from pmiek.adapters.reports.monitoring_chart import CLASS_STYLE, monitoring_figure
from pmiek.adapters.reports.style import CARRIER_COLOURS
from pmiek.adapters.reports.variant_charts import BINDING, LIMIT, PALETTE, USED
from pmiek.assessment.breakdown import area_levels
from pmiek.domain.headers import header
from pmiek.domain.labels import capitalised, label, localised
from pmiek.domain.tables import CRITERION_GROUPS
from pmiek.programme.monitoring import CLASSIFICATION_LABELS
from pmiek.report.numbers import MISSING, meur, number, percent, year
from pmiek.variants.projects import FIXED_STATUSES

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
KEY = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
"""A chart key: lower-case letters and digits in words joined by hyphens."""
HASH_SALT = "pmiek-document"
"""The salt of matplotlib's hashed ids (clip paths, markers, hatches): fixed, so the same
figure gives the same SVG."""
_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")
_URL = re.compile(r"url\(#([^)]+)\)")
INK = "#343a40"
GRID = "#e9ecef"
WIDTH = 7.5
"""Figure width [inch] of a full-width chart: an A4 page (17 cm of text) shows it at about
0.9 of its size."""


@dataclass(frozen=True)
class Chart:
    """One chart or map of the document."""

    key: str
    """Stable and unique in the document, ``[a-z0-9-]``: ``knelpunten-2030``."""
    title: str
    """The caption title, in the document's language."""
    svg: str
    """Inline ``<svg>`` markup (no XML declaration, no DOCTYPE)."""
    alt: str
    """The text alternative generated from the data (two to four sentences)."""
    table: pd.DataFrame
    """The table twin: the data shown, localised headers, numbers formatted as strings."""


# --- SVG -------------------------------------------------------------------------------------


def _plain_names(root: ET.Element) -> None:
    """Tags and attributes without ElementTree's ``{namespace}`` (xlink as ``xlink:``)."""
    svg, xlink = f"{{{SVG_NS}}}", f"{{{XLINK_NS}}}"
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.startswith(svg):
            element.tag = element.tag[len(svg):]
        for name in [n for n in element.attrib if n.startswith(xlink)]:
            element.set("xlink:" + name[len(xlink):], element.attrib.pop(name))


def _drop_document_parts(root: ET.Element) -> None:
    """Without the metadata (creator) and the global ``<style>`` (``*{…}`` would style the
    whole HTML page); its properties go on the root, from which they are inherited."""
    for element in list(root):
        if element.tag == "metadata":
            root.remove(element)
        elif element.tag == "defs":
            for style in [e for e in element if e.tag == "style"]:
                element.remove(style)
            if not len(element):
                root.remove(element)


def _prefix_ids(root: ET.Element, key: str, taken: set[str]) -> None:
    """Every id as ``key-…`` (unique, also where matplotlib repeats a gid), every reference
    to it (``url(#…)``, ``href``, ``xlink:href``) along."""
    renamed: dict[str, str] = {}
    for element in root.iter():
        old = element.get("id")
        if old is None:
            continue
        base = f"{key}-{_UNSAFE.sub('-', old).strip('-') or 'id'}"
        new, n = base, 2
        while new in taken:
            new, n = f"{base}-{n}", n + 1
        taken.add(new)
        renamed.setdefault(old, new)
        element.set("id", new)
    for element in root.iter():
        for name, value in list(element.attrib.items()):
            if name in ("href", "xlink:href") and value.startswith("#"):
                element.set(name, "#" + renamed.get(value[1:], value[1:]))
            elif "url(#" in value:
                element.set(name, _URL.sub(
                    lambda m: f"url(#{renamed.get(m.group(1), m.group(1))})", value))


def _text_as_text(fig: Figure) -> None:
    """Texts without path effects: matplotlib draws a text with a path effect (the white
    halo of map labels) as glyph outlines, which is neither searchable nor small. A text that
    had one gets a light box instead."""
    for item in fig.findobj(Text):
        if isinstance(item, Text) and item.get_path_effects():
            item.set_path_effects([])
            if item.get_bbox_patch() is None:
                item.set_bbox({"facecolor": "white", "alpha": 0.7, "edgecolor": "none",
                               "boxstyle": "square,pad=0.1"})


def to_svg(fig: Figure, key: str, title: str, alt: str) -> str:
    """``fig`` as inline SVG markup (the figure is closed): text as text, every id prefixed
    with ``key``, ``role="img"`` labelled by a ``<title>`` (first child) and described by a
    ``<desc>`` holding ``alt``, 100 % wide with the height following the viewBox."""
    if not KEY.fullmatch(key):
        raise ValueError(f"chart key {key!r} is not [a-z0-9-] words")
    buffer = io.StringIO()
    _text_as_text(fig)
    try:
        with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": HASH_SALT,
                                    "svg.id": None}):
            fig.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    finally:
        plt.close(fig)
    root = ET.fromstring(buffer.getvalue())
    _plain_names(root)
    _drop_document_parts(root)
    title_id, desc_id = f"{key}-title", f"{key}-desc"
    _prefix_ids(root, key, {title_id, desc_id})
    for name in ("width", "height"):
        root.attrib.pop(name, None)
    root.set("width", "100%")
    root.set("style", "height: auto; stroke-linejoin: round; stroke-linecap: butt")
    root.set("role", "img")
    root.set("aria-labelledby", title_id)
    root.set("aria-describedby", desc_id)
    root.set("xmlns", SVG_NS)
    root.set("xmlns:xlink", XLINK_NS)
    heading = ET.Element("title", {"id": title_id})
    heading.text = title
    heading.tail = "\n"
    description = ET.Element("desc", {"id": desc_id})
    description.text = alt
    description.tail = "\n"
    root.insert(0, description)
    root.insert(0, heading)
    return ET.tostring(root, encoding="unicode")


# --- shared ----------------------------------------------------------------------------------

TEXTS = {
    "nl": {
        "and": "en", "year": "jaar",
        "shortage_title": "Geblokkeerde woningen en tekort aan netcapaciteit",
        "homes_panel": "Geblokkeerde woningen per scenario", "homes_y": "woningen",
        "shortage_panel": "Tekort per energiedrager en richting, scenario {scenario}",
        "shortage_y": "tekort [MW]", "homes_col": "Geblokkeerde woningen, {scenario}",
        "shortage_col": "Tekort {carrier}, {direction}, {scenario} [MW]",
        "no_homes": "In geen enkel jaar en scenario zijn woningen geblokkeerd.",
        "most_homes": "De meeste geblokkeerde woningen: {homes} in {year} (scenario "
                      "{scenario}).",
        "homes_at": "In {year} zijn in scenario {scenario} {homes} woningen geblokkeerd.",
        "no_shortage": "Er is in scenario {scenario} in geen enkel jaar een tekort aan "
                       "netcapaciteit.",
        "most_shortage": "Het grootste tekort in scenario {scenario} is {mw} MW "
                         "({carrier}, {direction}) in {year}.",
        "shortage_span": "De grafiek loopt van {first} tot {last}.",
        "gantt_title": "Planning van projecten: {lens}",
        "gantt_x": "jaar (balk: bouwperiode tot het jaar van ingebruikname)",
        "committed": "in investeringsplan (vast)", "confidential": "vertrouwelijk, per gemeente",
        "hidden_row": "Vertrouwelijke projecten ({municipality})",
        "unknown_municipality": "gemeente onbekend", "several": "meerdere netbeheerders",
        "none_built": "In variant {lens} wordt geen project gebouwd.",
        "built": "Variant {lens} bouwt {n} projecten, van {operators}.",
        "built_years": "Het eerste gaat in {first} in bedrijf, het laatste in {last}; samen "
                       "kosten ze {capex}.",
        "hidden_note": "{n} vertrouwelijke projecten zijn per gemeente samengevoegd.",
        "hidden_note_one": "Eén vertrouwelijk project is per gemeente samengevoegd.",
        "first_build": "Begin bouw", "projects": "Aantal projecten",
        "resources_title": "Middelen per netbeheerder en jaar: {lens}",
        "used": "gebruikt", "binding": "volledig benut", "limit": "beschikbaar (limiet)",
        "no_limit": "geen limiet",
        "idle": "Zonder gebruik van middelen: {operators}.",
        "no_use": "Variant {lens} gebruikt geen middelen.",
        "use_peak": "Het hoogste gebruik ten opzichte van wat beschikbaar is: {operator}, "
                    "{resource}, in {year}: {used} van {available} {unit} ({share}).",
        "of": "{used}\u00a0van\u00a0{available}",
        "use_binding": "Combinaties van jaar, netbeheerder en middel waarin het middel "
                       "volledig benut is: {n}.",
        "use_free": "Nergens is een middel volledig benut.",
        "use_parts": "De grafiek toont het gebruik van {resources} door {operators} van "
                     "{first} tot {last}.",
        "weights_title": "Gewichten van de criteria (globaal)",
        "weights_x": "globaal gewicht [%]",
        "weights_count": "Het afwegingskader telt {n} criteria in {groups} hoofdcriteria.",
        "weights_extremes": "Het zwaarst weegt {top} ({top_w}), het lichtst {low} ({low_w}).",
        "weights_groups": "Per hoofdcriterium: {parts}.",
        "group": "Hoofdcriterium", "criterion": "Criterium", "local": "Gewicht binnen "
        "hoofdcriterium [%]", "global": "Globaal gewicht [%]",
        "scores_title": "Gewogen som per variant", "total": "Gewogen som [0–1]",
        "scores_best": "{best} heeft de hoogste gewogen som: {score}.",
        "scores_low": "De laagste heeft {low}: {score}.",
        "scores_equal": "Alle {n} varianten hebben dezelfde gewogen som: {score}.",
        "scores_groups": "Bij {best} komt {share} van de som uit {group}.",
        "acceptability_title": "Rangacceptatie (SMAA-2)", "rank_col": "Rang {rank} [%]",
        "accept_best": "{best} staat in {share} van de gewichtensteekproeven op de eerste "
                       "plaats.",
        "accept_others": "Daarna volgt {second} met {share}.",
        "accept_n": "{n} varianten zijn vergeleken.",
        "stability_title": "Gewichtsstabiliteit: waar de rangorde gelijk blijft",
        "stab_narrow": "Het gevoeligste criterium is {name}: bij een gewicht tussen {lower} "
                       "en {upper} (nu {weight}) blijft de rangorde gelijk.",
        "stab_all": "Bij {n} van de {total} criteria blijft de rangorde gelijk over het hele "
                    "bereik van 0 tot 100%.",
        "top_lower": "Ondergrens, zelfde beste variant [%]",
        "top_upper": "Bovengrens, zelfde beste variant [%]",
        "monitoring_title": "Monitoring: gepland in het IP tegen nodig volgens de variant",
        "mon_count": "Van de {n} projecten: {parts}.",
        "mon_signals": "Projecten met een herijkingssignaal: {n}.",
        "mon_no_signals": "Geen project geeft een herijkingssignaal.",
        "mon_hidden": "Vertrouwelijke projecten, niet afzonderlijk getoond: {n}.",
        "needed": "Nodig in [jaar]", "planned": "Gepland in het IP [jaar]",
        "classification": "Classificatie", "herijking": "Herijkingssignaal",
        "yes": "ja", "no": "nee",
    },
    "en": {
        "and": "and", "year": "year",
        "shortage_title": "Homes blocked and shortage of grid capacity",
        "homes_panel": "Homes blocked per scenario", "homes_y": "homes",
        "shortage_panel": "Shortage per carrier and direction, scenario {scenario}",
        "shortage_y": "shortage [MW]", "homes_col": "Homes blocked, {scenario}",
        "shortage_col": "Shortage {carrier}, {direction}, {scenario} [MW]",
        "no_homes": "No homes are blocked in any year or scenario.",
        "most_homes": "Most homes blocked: {homes} in {year} (scenario {scenario}).",
        "homes_at": "In {year}, {homes} homes are blocked in scenario {scenario}.",
        "no_shortage": "In scenario {scenario} there is no shortage of grid capacity in any "
                       "year.",
        "most_shortage": "The largest shortage in scenario {scenario} is {mw} MW "
                         "({carrier}, {direction}) in {year}.",
        "shortage_span": "The chart runs from {first} to {last}.",
        "gantt_title": "Project schedule: {lens}",
        "gantt_x": "year (bar: construction until the year in service)",
        "committed": "in investment plan (fixed)", "confidential": "confidential, per "
        "municipality", "hidden_row": "Confidential projects ({municipality})",
        "unknown_municipality": "municipality unknown", "several": "several operators",
        "none_built": "Variant {lens} builds no project.",
        "built": "Variant {lens} builds {n} projects, of {operators}.",
        "built_years": "The first enters service in {first}, the last in {last}; together "
                       "they cost {capex}.",
        "hidden_note": "{n} confidential projects are combined per municipality.",
        "hidden_note_one": "One confidential project is combined per municipality.",
        "first_build": "Construction starts", "projects": "Number of projects",
        "resources_title": "Resources per operator and year: {lens}",
        "used": "used", "binding": "fully used", "limit": "available (limit)",
        "no_limit": "no limit",
        "idle": "Using no resources: {operators}.",
        "no_use": "Variant {lens} uses no resources.",
        "use_peak": "The highest use relative to what is available: {operator}, {resource}, "
                    "in {year}: {used} of {available} {unit} ({share}).",
        "of": "{used}\u00a0of\u00a0{available}",
        "use_binding": "Combinations of year, operator and resource in which the resource is "
                       "fully used: {n}.",
        "use_free": "No resource is fully used anywhere.",
        "use_parts": "The chart shows the use of {resources} by {operators} from {first} to "
                     "{last}.",
        "weights_title": "Weights of the criteria (global)",
        "weights_x": "global weight [%]",
        "weights_count": "The framework has {n} criteria in {groups} main criteria.",
        "weights_extremes": "The heaviest is {top} ({top_w}), the lightest {low} ({low_w}).",
        "weights_groups": "Per main criterion: {parts}.",
        "group": "Main criterion", "criterion": "Criterion", "local": "Weight within main "
        "criterion [%]", "global": "Global weight [%]",
        "scores_title": "Weighted sum per variant", "total": "Weighted sum [0–1]",
        "scores_best": "{best} has the highest weighted sum: {score}.",
        "scores_low": "The lowest is {low}: {score}.",
        "scores_equal": "All {n} variants have the same weighted sum: {score}.",
        "scores_groups": "For {best}, {share} of the sum comes from {group}.",
        "acceptability_title": "Rank acceptability (SMAA-2)", "rank_col": "Rank {rank} [%]",
        "accept_best": "{best} ranks first in {share} of the weight samples.",
        "accept_others": "Next is {second} with {share}.",
        "accept_n": "{n} variants are compared.",
        "stability_title": "Weight stability: where the ranking holds",
        "stab_narrow": "The most sensitive criterion is {name}: with a weight between {lower} "
                       "and {upper} (now {weight}) the ranking holds.",
        "stab_all": "For {n} of the {total} criteria the ranking holds over the whole range "
                    "from 0 to 100%.",
        "top_lower": "Lower bound, same best variant [%]",
        "top_upper": "Upper bound, same best variant [%]",
        "monitoring_title": "Monitoring: planned in the IP against needed by the variant",
        "mon_count": "Of the {n} projects: {parts}.",
        "mon_signals": "Projects raising a herijking signal: {n}.",
        "mon_no_signals": "No project raises a herijking signal.",
        "mon_hidden": "Confidential projects, not shown individually: {n}.",
        "needed": "Needed in [year]", "planned": "Planned in the IP [year]",
        "classification": "Classification", "herijking": "Herijking signal",
        "yes": "yes", "no": "no",
    },
}
"""The texts of the document's charts, by language."""


def text(key: str, lang: str, **values: object) -> str:
    """The chart text ``key`` in ``lang`` (Dutch for an unknown language)."""
    return localised(TEXTS, lang)[key].format(**values)


def listed(items: list[str], lang: str) -> str:
    """"a", "a en b", "a, b en c"."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {text('and', lang)} {items[-1]}"


def column(table: str, name: str, lang: str) -> str:
    """The localised header of ``name`` in ``table`` (the name itself when it has none)."""
    return header(table, name, lang) or name


def formatted(values: pd.Series, digits: int, lang: str) -> list[str]:
    """``values`` as Dutch (or English) number strings."""
    return [number(v, digits, lang) for v in pd.to_numeric(values, errors="coerce")]


def percents(values: pd.Series, lang: str, digits: int = 0) -> list[str]:
    """Shares (0–1) as percent numbers without the sign: a ``[%]`` header says it."""
    return formatted(pd.to_numeric(values, errors="coerce") * 100, digits, lang)


def _tick_digits(value: float) -> int:
    """The decimals a tick value needs (at most 2): 0,25 → 2, 10 → 0."""
    return next((d for d in range(3) if abs(value - round(value, d)) < 1e-9), 2)


def axis_numbers(axis: Axis, lang: str, share: bool = False) -> None:
    """Tick labels in the language's number format with the decimals each needs (percent
    when ``share``)."""
    axis.set_major_formatter(FuncFormatter(
        lambda x, _pos: percent(x, _tick_digits(100 * x), lang) if share
        else number(x, _tick_digits(x), lang)))


def year_axis(axis: Axis) -> None:
    """Whole years, without a thousands separator."""
    axis.set_major_locator(MaxNLocator(integer=True))
    axis.set_major_formatter(FuncFormatter(lambda x, _pos: year(x)))


def fitted(fig: Figure) -> Figure:
    """``fig`` no wider than :data:`WIDTH` (its texts keep their size), laid out again."""
    width, height = fig.get_size_inches()
    if width > WIDTH:
        fig.set_size_inches(WIDTH, height)
        fig.tight_layout()
    return fig


GROUP_HATCHES = dict(zip(CRITERION_GROUPS, ("", "....", "///"), strict=True))
"""The hatch of each criterion group: its colour is not its only mark."""
RANK_HATCHES = ("", "//", "..", "xx", "\\\\", "+", "o", "-")
"""The hatch of rank 1, 2, … in the rank acceptability chart."""


def hatched(fig: Figure, hatches: Mapping[str, str]) -> Figure:
    """The bars of ``fig`` whose gid ``hatches`` names hatched so, the legend drawn again so
    that it shows the hatches too (for the figures of ``assess_charts``: one axes, its legend
    outside on the right)."""
    ax = fig.axes[0]
    for patch in ax.patches:
        hatch = hatches.get(str(patch.get_gid()))
        if hatch:
            patch.set_hatch(hatch)
    if ax.get_legend() is not None:
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8)
    return fig


def _digits(value: float) -> int:
    return 0 if abs(value) >= 100 else 1


# --- step 1: blocked homes and shortage over time --------------------------------------------

CARRIER_MARKERS = {"electricity": "o", "heat": "s", "methane": "D", "hydrogen": "p"}
DIRECTION_STYLES = {"afname": "-", "invoeding": "--"}
SCENARIO_STYLES = (("-", "o"), ("--", "s"), (":", "^"), ("-.", "D"), ((0, (5, 1, 1, 1)), "v"),
                   ((0, (1, 3)), "P"))
"""Line style and marker per scenario, in order: never colour alone."""
_DIRECTION_KEY = {"afname": "demand", "invoeding": "feedin"}


def _homes_panel(ax: Axes, homes: pd.DataFrame, scenarios: list[str], lang: str) -> None:
    for i, scenario in enumerate(scenarios):
        style, marker = SCENARIO_STYLES[i % len(SCENARIO_STYLES)]
        ax.plot(homes["year"], homes[scenario], linestyle=style, marker=marker, markersize=3.5,
                color=PALETTE[i % len(PALETTE)], label=scenario)
    ax.set_title(text("homes_panel", lang), fontsize=9)
    ax.set_ylabel(text("homes_y", lang), fontsize=8)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    axis_numbers(ax.yaxis, lang)
    if scenarios:
        ax.legend(fontsize=6.5, loc="upper center", bbox_to_anchor=(0.5, -0.2), ncols=2,
                  frameon=False)


def _shortage_totals(bottlenecks: pd.DataFrame, scenario: str) -> pd.DataFrame:
    """Year × (carrier, direction) of the summed shortage [MW] in ``scenario``."""
    rows = bottlenecks[bottlenecks["scenario"].astype(str) == scenario]
    return rows.pivot_table(index="year", columns=["carrier", "direction"],
                            values="shortage_mw", aggfunc="sum").fillna(0.0)


def _shortage_panel(ax: Axes, totals: pd.DataFrame, scenario: str, lang: str) -> None:
    for carrier, direction in totals.columns:
        ax.plot(totals.index, totals[(carrier, direction)],
                linestyle=DIRECTION_STYLES.get(str(direction), ":"),
                marker=CARRIER_MARKERS.get(str(carrier), "x"), markersize=3.5,
                color=CARRIER_COLOURS.get(str(carrier), INK),
                label=f"{label('carrier', str(carrier), lang)}, "
                      f"{label('direction', _DIRECTION_KEY.get(str(direction), ''), lang)}")
    ax.set_title(text("shortage_panel", lang, scenario=scenario), fontsize=9)
    ax.set_ylabel(text("shortage_y", lang), fontsize=8)
    axis_numbers(ax.yaxis, lang)
    if len(totals.columns):
        ax.legend(fontsize=6.5, loc="upper center", bbox_to_anchor=(0.5, -0.2), ncols=2,
                  frameon=False)


def _shortage_alt(homes: pd.DataFrame, scenarios: list[str], totals: pd.DataFrame,
                  scenario: str, lang: str) -> str:
    sentences = []
    values = homes[scenarios].to_numpy(dtype=float) if scenarios else np.zeros((0, 0))
    if values.size and np.nanmax(values) > 0:
        row, col = np.unravel_index(np.nanargmax(values), values.shape)
        sentences.append(text("most_homes", lang, homes=number(values[row, col], 0, lang),
                              year=year(homes["year"].iloc[row]), scenario=scenarios[col]))
        if 2030 in set(homes["year"].astype(int)):
            at = homes[homes["year"].astype(int) == 2030]
            sentences.append(text("homes_at", lang, year="2030", scenario=scenarios[col],
                                  homes=number(at[scenarios[col]].iloc[0], 0, lang)))
    else:
        sentences.append(text("no_homes", lang))
    shortage = totals.to_numpy(dtype=float)
    if shortage.size and shortage.max() > 0:
        row, col = np.unravel_index(np.argmax(shortage), shortage.shape)
        carrier, direction = totals.columns[col]
        sentences.append(text(
            "most_shortage", lang, scenario=scenario, mw=number(shortage[row, col], 1, lang),
            carrier=label("carrier", str(carrier), lang), year=year(totals.index[row]),
            direction=label("direction", _DIRECTION_KEY.get(str(direction), ""), lang)))
    else:
        sentences.append(text("no_shortage", lang, scenario=scenario))
    years = homes["year"] if len(homes) else pd.Series(totals.index)
    if len(years):
        sentences.append(text("shortage_span", lang, first=year(years.min()),
                              last=year(years.max())))
    return " ".join(sentences)


def _shortage_table(homes: pd.DataFrame, scenarios: list[str], totals: pd.DataFrame,
                    scenario: str, lang: str) -> pd.DataFrame:
    years = sorted({int(y) for y in homes["year"]} | {int(y) for y in totals.index})
    table = pd.DataFrame({column("homes_blocked", "year", lang): [year(y) for y in years]})
    by_year = homes.set_index(homes["year"].astype(int))
    for name in scenarios:
        table[text("homes_col", lang, scenario=name)] = formatted(
            by_year[name].reindex(years), 0, lang)
    for carrier, direction in totals.columns:
        heading = text("shortage_col", lang, carrier=label("carrier", str(carrier), lang),
                       scenario=scenario, direction=label(
                           "direction", _DIRECTION_KEY.get(str(direction), ""), lang))
        table[heading] = formatted(totals[(carrier, direction)].reindex(years), 1, lang)
    return table


def shortage_chart(bottlenecks: pd.DataFrame, homes_blocked: pd.DataFrame,
                   lang: str = "nl") -> Chart:
    """Two panels: the homes blocked per scenario over the years (``insight/homes_blocked``:
    ``year`` and a column per scenario; line style and marker per scenario) and the summed
    shortage [MW] per carrier (marker) and direction (line style) over the years in the first
    scenario of ``bottlenecks`` (``insight/bottlenecks``)."""
    scenarios = [str(c) for c in homes_blocked.columns if c != "year"]
    homes = homes_blocked.rename(columns=str).sort_values("year")
    firsts = bottlenecks["scenario"].astype(str).unique() if len(bottlenecks) else []
    scenario = str(firsts[0]) if len(firsts) else ""
    totals = _shortage_totals(bottlenecks, scenario)
    fig, axes = plt.subplots(1, 2, figsize=(WIDTH, 4.2), dpi=100, sharex=True)
    _homes_panel(axes[0], homes, scenarios, lang)
    _shortage_panel(axes[1], totals, scenario, lang)
    for ax in axes:
        year_axis(ax.xaxis)
        ax.set_xlabel(text("year", lang), fontsize=8)
        ax.tick_params(labelsize=7)
        ax.grid(color=GRID)
        ax.set_ylim(bottom=0)
    title = text("shortage_title", lang)
    fig.tight_layout()
    alt = _shortage_alt(homes, scenarios, totals, scenario, lang)
    return Chart("tekort-en-woningen", title, to_svg(fig, "tekort-en-woningen", title, alt),
                 alt, _shortage_table(homes, scenarios, totals, scenario, lang))


# --- step 3: Gantt and resources -------------------------------------------------------------


def _municipality_names(areas: pd.DataFrame | None) -> pd.Series:
    """Area id → the name of its municipality (empty when none)."""
    if areas is None or not len(areas):
        return pd.Series(dtype=object)
    levels = area_levels(areas)
    names = pd.Series(areas["name"].astype(str).to_numpy(), index=areas["id"].astype(str))
    return levels["municipality"].map(names).fillna("")


def gantt_rows(schedule: pd.DataFrame, projects: pd.DataFrame, lang: str = "nl",
               hidden_projects: frozenset[str] = frozenset(),
               areas: pd.DataFrame | None = None) -> pd.DataFrame:
    """The built projects (``in_service_year`` set) with ``first_build_year`` (in service
    minus the project's ``build_years``, at least 1), sorted by in-service year; the hidden
    ones as one row per municipality (``project_id`` empty, ``projects`` their number)."""
    built = schedule[pd.to_numeric(schedule["in_service_year"], errors="coerce").notna()]
    info = projects.set_index(projects["id"].astype(str))
    ids = built["project_id"].astype(str)
    build = pd.to_numeric(info["build_years"], errors="coerce").reindex(ids).fillna(1)
    rows = pd.DataFrame({
        "project_id": ids.to_numpy(), "name": built["name"].astype(str).to_numpy(),
        "operator": built["operator"].astype(object).fillna("").astype(str).to_numpy(),
        "status": built["status"].astype(object).fillna("").astype(str).to_numpy(),
        "in_service_year": pd.to_numeric(built["in_service_year"]).astype(int).to_numpy(),
        "capex_meur": pd.to_numeric(built["capex_meur"], errors="coerce").to_numpy(),
        "projects": 1})
    rows["first_build_year"] = rows["in_service_year"] - np.maximum(build.to_numpy(), 1)
    hidden = rows["project_id"].isin(hidden_projects).to_numpy()
    if hidden.any():
        where = info["area_id"].astype(object).reindex(rows["project_id"][hidden]).fillna("")
        town = where.astype(str).map(_municipality_names(areas)).fillna("").to_numpy()
        secret = rows[hidden].assign(municipality=np.where(
            town == "", text("unknown_municipality", lang), town))
        grouped = secret.groupby("municipality", sort=True).agg(
            operator=("operator", lambda s: s.iloc[0] if s.nunique() == 1
                      else text("several", lang)),
            in_service_year=("in_service_year", "max"),
            first_build_year=("first_build_year", "min"),
            capex_meur=("capex_meur", "sum"), projects=("projects", "sum")).reset_index()
        grouped["name"] = [text("hidden_row", lang, municipality=m)
                           for m in grouped["municipality"]]
        grouped["project_id"] = ""
        grouped["status"] = "confidential"
        rows = pd.concat([rows[~hidden], grouped.drop(columns="municipality")],
                         ignore_index=True)
    return rows.sort_values(["in_service_year", "project_id", "name"],
                            kind="stable").reset_index(drop=True)


def operator_colours(operators: list[str]) -> dict[str, str]:
    """A colour per operator, by sorted name."""
    return {o: PALETTE[i % len(PALETTE)] for i, o in enumerate(sorted(set(operators)))}


def _gantt_alt(rows: pd.DataFrame, lens: str, lang: str) -> str:
    if not len(rows):
        return text("none_built", lang, lens=lens)
    counts = rows.groupby("operator")["projects"].sum()
    operators = listed([f"{o} ({number(n, 0, lang)})" for o, n in counts.items()], lang)
    sentences = [text("built", lang, lens=lens, n=number(rows["projects"].sum(), 0, lang),
                      operators=operators),
                 text("built_years", lang, first=year(rows["in_service_year"].min()),
                      last=year(rows["in_service_year"].max()),
                      capex=meur(rows["capex_meur"].sum(), 1, lang))]
    secret = rows.loc[rows["status"] == "confidential", "projects"].sum()
    if secret:
        sentences.append(text("hidden_note_one" if secret == 1 else "hidden_note", lang,
                              n=number(secret, 0, lang)))
    return " ".join(sentences)


def _gantt_table(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    return pd.DataFrame({
        column("schedule", "project_id", lang): rows["project_id"].tolist(),
        column("schedule", "name", lang): rows["name"].tolist(),
        column("schedule", "operator", lang): rows["operator"].tolist(),
        text("projects", lang): formatted(rows["projects"], 0, lang),
        text("first_build", lang): [year(y) for y in rows["first_build_year"]],
        column("schedule", "in_service_year", lang): [year(y) for y in rows["in_service_year"]],
        column("schedule", "capex_meur", lang): formatted(rows["capex_meur"], 1, lang)})


def _gantt_bars(ax: Axes, rows: pd.DataFrame, palette: dict[str, str]) -> None:
    n = len(rows)
    y = np.arange(n)
    start = rows["first_build_year"].to_numpy(dtype=float)
    end = rows["in_service_year"].to_numpy(dtype=float)
    hatches = np.where(rows["status"] == "confidential", "xxx",
                       np.where(rows["status"].isin(FIXED_STATUSES), "///", ""))
    for yy, s, e, operator, hatch in zip(y, start, end, rows["operator"], hatches,
                                         strict=True):
        ax.barh(yy, e - s, left=s, height=0.7, color=palette[operator], edgecolor=INK,
                linewidth=0.4, hatch=hatch or None)
        ax.annotate(f"{year(e)} · {operator}", (e, yy), xytext=(3, 0),
                    textcoords="offset points", va="center", fontsize=6, color=INK)
    names = [f"{pid}  {name}".strip() for pid, name in zip(rows["project_id"], rows["name"],
                                                          strict=True)]
    ax.set_yticks(y, [n if len(n) <= 60 else n[:59] + "…" for n in names], fontsize=6)
    ax.set_ylim(n - 0.5, -0.5)
    ax.set_xlim(float(start.min()) - 0.5, float(end.max()) + 3.5)


def gantt_chart(schedule: pd.DataFrame, projects: pd.DataFrame, label: str, key: str,
                lang: str = "nl", *, hidden_projects: frozenset[str] = frozenset(),
                areas: pd.DataFrame | None = None) -> Chart:
    """The projects a lens builds (``variants/<lens>/schedule``) as bars from the start of
    construction to the year in service, coloured by operator (named at each bar too),
    hatched when committed in an investment plan. ``projects`` is the workspace's project
    table (``build_years``, ``area_id``); ``hidden_projects`` are drawn only as one bar per
    municipality (``areas``: the workspace's areas) without id or name."""
    rows = gantt_rows(schedule, projects, lang, hidden_projects, areas)
    palette = operator_colours(rows["operator"].tolist())
    title = text("gantt_title", lang, lens=label)
    fig, ax = plt.subplots(figsize=(WIDTH, max(2.4, 1.3 + 0.16 * len(rows))), dpi=100)
    if len(rows):
        _gantt_bars(ax, rows, palette)
        handles: list[Patch] = [Patch(facecolor=c, edgecolor=INK, label=o)
                                for o, c in palette.items()]
        if rows["status"].isin(FIXED_STATUSES).any():
            handles.append(Patch(facecolor="white", edgecolor=INK, hatch="///",
                                 label=text("committed", lang)))
        if (rows["status"] == "confidential").any():
            handles.append(Patch(facecolor="white", edgecolor=INK, hatch="xxx",
                                 label=text("confidential", lang)))
        ax.legend(handles=handles, loc="lower left", bbox_to_anchor=(0.0, 1.0), fontsize=6.5,
                  ncols=min(len(handles), 4), frameon=False)
    else:
        ax.set_yticks([])
        ax.text(0.5, 0.5, text("none_built", lang, lens=label), transform=ax.transAxes,
                ha="center")
    year_axis(ax.xaxis)
    ax.tick_params(axis="x", labelsize=7)
    ax.grid(axis="x", color=GRID)
    ax.set_axisbelow(True)
    ax.set_xlabel(text("gantt_x", lang), fontsize=8)
    fig.tight_layout()
    alt = _gantt_alt(rows, label, lang)
    return Chart(key, title, to_svg(fig, key, title, alt), alt, _gantt_table(rows, lang))


RESOURCE_NAMES = {"nl": {"budget": ("budget", "M€"), "fte": ("technisch personeel", "fte"),
                         "transformers": ("transformatoren", "stuks")},
                  "en": {"budget": ("budget", "M€"), "fte": ("technical staff", "FTE"),
                         "transformers": ("transformers", "units")}}
"""The name and unit of each resource, by language."""


def _resource_name(resource: str, lang: str, unit: bool = True) -> str:
    """``budget [M€]`` (or without the unit); an unknown resource as it is named."""
    name, measure = localised(RESOURCE_NAMES, lang).get(resource, (resource, ""))
    return f"{name} [{measure}]" if unit and measure else name


def _resource_frame(resource_use: pd.DataFrame) -> pd.DataFrame:
    use = resource_use.assign(
        operator=resource_use["operator"].astype(object).fillna("").astype(str),
        resource=resource_use["resource"].astype(str),
        year=pd.to_numeric(resource_use["year"]).astype(int),
        used=pd.to_numeric(resource_use["used"], errors="coerce").fillna(0.0),
        available=pd.to_numeric(resource_use["available"], errors="coerce"))
    use["binding"] = (use["available"].notna() & (use["used"] > 0)
                      & (use["used"] >= use["available"] * (1 - 1e-9)))
    return use.sort_values(["operator", "resource", "year"]).reset_index(drop=True)


def _resource_panel(ax: Axes, rows: pd.DataFrame, lang: str) -> None:
    years = rows["year"].to_numpy(dtype=int)
    used = rows["used"].to_numpy(dtype=float)
    limit = rows["available"].to_numpy(dtype=float)
    tight = rows["binding"].to_numpy(dtype=bool)
    ax.bar(years[~tight], used[~tight], width=0.7, color=USED, edgecolor="none")
    ax.bar(years[tight], used[tight], width=0.7, color=BINDING, edgecolor="white",
           hatch="///")
    if np.isfinite(limit).any():
        edges = np.append(years - 0.5, years[-1] + 0.5)
        ax.step(edges, np.append(limit, limit[-1]), where="post", color=LIMIT, linewidth=1.4)
    else:
        ax.text(0.98, 0.92, text("no_limit", lang), transform=ax.transAxes, ha="right",
                va="top", fontsize=6.5, color="#868e96")
    top = np.nanmax(np.concatenate([used, limit, [0.0]]))
    ax.set_ylim(0, top * 1.1 if top > 0 else 1.0)
    axis_numbers(ax.yaxis, lang)
    ax.grid(axis="y", color=GRID)
    ax.set_axisbelow(True)
    ax.tick_params(labelsize=6.5)


def _resource_alt(use: pd.DataFrame, lens: str, lang: str) -> str:
    if not len(use):
        return text("no_use", lang, lens=lens)
    names = [_resource_name(r, lang, unit=False) for r in RESOURCE_NAMES["nl"]
             if (use["resource"] == r).any()]
    names += sorted(set(use["resource"]) - set(RESOURCE_NAMES["nl"]))
    sentences = [text("use_parts", lang, operators=listed(sorted(set(use["operator"])), lang),
                      resources=listed(names, lang), first=year(use["year"].min()),
                      last=year(use["year"].max()))]
    share = use["used"] / use["available"].where(use["available"] > 0)
    if share.notna().any():
        top = use.loc[share.idxmax()]
        resource = str(top["resource"])
        sentences.append(text(
            "use_peak", lang, operator=top["operator"], year=year(top["year"]),
            resource=_resource_name(resource, lang, unit=False),
            used=number(top["used"], _digits(top["used"]), lang),
            available=number(top["available"], _digits(top["available"]), lang),
            unit=localised(RESOURCE_NAMES, lang).get(resource, ("", ""))[1],
            share=percent(share.max(), 0, lang)))
    n = int(use["binding"].sum())
    sentences.append(text("use_binding", lang, n=number(n, 0, lang)) if n
                     else text("use_free", lang))
    return " ".join(sentences)


def _resource_table(use: pd.DataFrame, resources: list[str], lang: str) -> pd.DataFrame:
    """One row per operator and year, a column per resource: ``used van available``."""
    keys = use[["operator", "year"]].drop_duplicates().reset_index(drop=True)
    table = pd.DataFrame({column("resource_use", "operator", lang): keys["operator"].tolist(),
                          column("resource_use", "year", lang): [year(y) for y in keys["year"]]})
    for resource in resources:
        rows = keys.merge(use[use["resource"] == resource], on=["operator", "year"],
                          how="left")
        table[capitalised(_resource_name(resource, lang))] = [
            text("of", lang, used=number(u, 1, lang), available=number(a, 1, lang))
            for u, a in zip(rows["used"], rows["available"], strict=True)]
    return table


def resource_chart(resource_use: pd.DataFrame, label: str, key: str,
                   lang: str = "nl") -> Chart:
    """Per operator (row) and resource (column) the use each year as bars (dark and hatched
    where the resource is used to its limit) and what is available as a red step line
    (``variants/<lens>/resource_use``). Operators that use nothing are named below the chart
    and left out of the table."""
    use = _resource_frame(resource_use)
    total = use.groupby("operator")["used"].sum()
    shown = [str(o) for o in total.index if total[o] > 0]
    idle = [str(o) for o in total.index if total[o] <= 0]
    resources = [r for r in RESOURCE_NAMES["nl"] if (use["resource"] == r).any()]
    resources += sorted(set(use["resource"]) - set(resources))
    title = text("resources_title", lang, lens=label)
    n_rows, n_cols = max(len(shown), 1), max(len(resources), 1)
    fig, axes = plt.subplots(n_rows, n_cols, figsize=(WIDTH, 1.0 + 1.9 * n_rows), dpi=100,
                             squeeze=False, sharex=True)
    for i, operator in enumerate(shown):
        for j, resource in enumerate(resources):
            rows = use[(use["operator"] == operator) & (use["resource"] == resource)]
            if len(rows):
                _resource_panel(axes[i, j], rows, lang)
            axes[i, j].set_title(f"{operator}: {_resource_name(resource, lang)}", fontsize=8)
            year_axis(axes[i, j].xaxis)
    if not shown:
        for ax in axes.ravel():
            ax.set_axis_off()
        axes[0, 0].text(0.0, 0.5, text("no_use", lang, lens=label),
                        transform=axes[0, 0].transAxes)
    handles = [Patch(color=USED, label=text("used", lang)),
               Patch(facecolor=BINDING, edgecolor="white", hatch="///",
                     label=text("binding", lang)),
               Line2D([], [], color=LIMIT, linewidth=1.4, label=text("limit", lang))]
    legend = fig.legend(handles=handles, loc="lower center", ncols=3, fontsize=7,
                        bbox_to_anchor=(0.5, 0.0), frameon=False)
    bottom = legend.get_window_extent(
        fig.canvas.get_renderer()).y1 / fig.bbox.height  # type: ignore[attr-defined]
    if idle and shown:
        fig.text(0.01, bottom, text("idle", lang, operators=listed(idle, lang)), fontsize=7,
                 color="#495057")
        bottom += 1.4 * 7 / 72 / fig.get_figheight()
    fig.tight_layout(rect=(0, bottom, 1, 1))
    shown_use = use[use["operator"].isin(shown)]
    alt = _resource_alt(shown_use, label, lang)
    return Chart(key, title, to_svg(fig, key, title, alt), alt,
                 _resource_table(shown_use, resources, lang))


# --- step 2 and 4: weights, scores, acceptability, stability ---------------------------------


def leaf_weights(framework: pd.DataFrame) -> pd.DataFrame:
    """The leaf criteria of ``assess/framework`` (no criterion names them as parent) with
    their group, local and global weight, by group in the standard order, then the heaviest
    first."""
    parents = set(framework["parent_id"].dropna().astype(str)) - {""}
    leaves = framework[~framework["id"].astype(str).isin(parents)].copy()
    order = {g: i for i, g in enumerate(CRITERION_GROUPS)}
    leaves["_order"] = leaves["group"].map(order).fillna(len(order))
    leaves["global_weight"] = pd.to_numeric(leaves["global_weight"], errors="coerce")
    return leaves.sort_values(["_order", "global_weight"], ascending=[True, False],
                              kind="stable").drop(columns="_order").reset_index(drop=True)


def _group_name(group: str, lang: str) -> str:
    return capitalised(label("criterion_group", group, lang))


def _weights_alt(leaves: pd.DataFrame, lang: str) -> str:
    heavy = leaves.loc[leaves["global_weight"].idxmax()]
    light = leaves.loc[leaves["global_weight"].idxmin()]
    groups = leaves.groupby("group", sort=False)["global_weight"].sum()
    return " ".join([
        text("weights_count", lang, n=number(len(leaves), 0, lang),
             groups=number(len(groups), 0, lang)),
        text("weights_extremes", lang, top=heavy["name"], low=light["name"],
             top_w=percent(heavy["global_weight"], 0, lang),
             low_w=percent(light["global_weight"], 0, lang)),
        text("weights_groups", lang, parts=listed(
            [f"{_group_name(str(g), lang)} {percent(w, 0, lang)}" for g, w in groups.items()],
            lang))])


def weights_chart(framework: pd.DataFrame, lang: str = "nl") -> Chart:
    """The global weight of every leaf criterion (``assess/framework``) as a horizontal bar,
    grouped by main criterion (a bold heading row per group, a colour and a hatch per group),
    the percentage at each bar."""
    leaves = leaf_weights(framework)
    labels: list[str] = []
    heads: list[int] = []
    y_of: list[int] = []
    for group, part in leaves.groupby("group", sort=False):
        heads.append(len(labels))
        labels.append(_group_name(str(group), lang))
        for name in part["name"]:
            y_of.append(len(labels))
            labels.append(f"   {name}")
    fig, ax = plt.subplots(figsize=(WIDTH, max(2.4, 1.2 + 0.27 * len(labels))), dpi=100)
    weights = leaves["global_weight"].to_numpy(dtype=float)
    for y, w, group in zip(y_of, weights, leaves["group"], strict=True):
        ax.barh(y, w, height=0.62, color=GROUP_COLOURS.get(str(group), INK),
                edgecolor="white", hatch=GROUP_HATCHES.get(str(group)) or None)
        ax.annotate(percent(w, 0, lang), (w, y), xytext=(3, 0), textcoords="offset points",
                    va="center", fontsize=7.5, color=INK)
    ax.set_yticks(np.arange(len(labels)), labels, fontsize=7.5)
    for i in heads:
        ax.get_yticklabels()[i].set_fontweight("bold")
    ax.set_ylim(len(labels) - 0.5, -0.5)
    ax.set_xlim(0, max(float(np.nanmax(weights)) * 1.18, 0.05) if len(weights) else 1)
    axis_numbers(ax.xaxis, lang, share=True)
    ax.tick_params(axis="x", labelsize=7)
    ax.grid(axis="x", color=GRID)
    ax.set_axisbelow(True)
    ax.set_xlabel(text("weights_x", lang), fontsize=8)
    fig.tight_layout()
    title = text("weights_title", lang)
    alt = _weights_alt(leaves, lang)
    table = pd.DataFrame({
        text("group", lang): [_group_name(str(g), lang) for g in leaves["group"]],
        text("criterion", lang): leaves["name"].astype(str).tolist(),
        text("local", lang): percents(leaves["weight"], lang),
        text("global", lang): percents(leaves["global_weight"], lang)})
    return Chart("gewichten", title, to_svg(fig, "gewichten", title, alt), alt, table)


def group_contributions(partial_values: pd.DataFrame, framework: pd.DataFrame,
                        labels: Mapping[str, str],
                        probability: Mapping[str, float] | None = None) -> pd.DataFrame:
    """Per variant (by label) and criterion group: the contribution to the weighted sum,
    expected over the scenarios (equally likely unless ``probability`` says otherwise) —
    what ``pmiek assess`` draws, from its ``partial_values`` and ``framework`` tables."""
    scenarios = partial_values["scenario"].astype(str)
    names = sorted(set(scenarios))
    chance = ({s: 1.0 / len(names) for s in names} if probability is None
              else {str(k): float(v) for k, v in probability.items()})
    group = framework.set_index(framework["id"].astype(str))["group"]
    frame = pd.DataFrame({
        "variant": partial_values["variant"].astype(str).to_numpy(),
        "group": partial_values["criterion"].astype(str).map(group).to_numpy(),
        "contribution": (pd.to_numeric(partial_values["contribution"]).to_numpy(dtype=float)
                         * scenarios.map(chance).to_numpy(dtype=float))})
    grouped = frame.groupby(["variant", "group"], as_index=False, sort=False)[
        "contribution"].sum()
    grouped["variant"] = grouped["variant"].map(lambda v: labels.get(v, v))
    return grouped


def _scores_alt(table: pd.DataFrame, lang: str) -> str:
    totals = table.sum(axis=1)
    best, top, bottom = str(totals.index[0]), totals.iloc[0], totals.iloc[-1]
    if len(totals) > 1 and number(top, 3, lang) == number(bottom, 3, lang):
        sentences = [text("scores_equal", lang, n=number(len(totals), 0, lang),
                          score=number(top, 3, lang))]
    else:
        sentences = [text("scores_best", lang, best=best, score=number(top, 3, lang))]
        if len(totals) > 1:
            sentences.append(text("scores_low", lang, low=str(totals.index[-1]),
                                  score=number(bottom, 3, lang)))
    if top > 0:
        share = table.iloc[0] / top
        sentences.append(text("scores_groups", lang, best=best, share=percent(
            share.max(), 0, lang), group=label("criterion_group", str(share.idxmax()), lang)))
    return " ".join(sentences)


def scores_chart(partial_values: pd.DataFrame, framework: pd.DataFrame,
                 labels: Mapping[str, str], lang: str = "nl",
                 probability: Mapping[str, float] | None = None) -> Chart:
    """The weighted sum per variant stacked by criterion group (``scores_figure`` of
    :mod:`~pmiek.adapters.reports.assess_charts` on :func:`group_contributions`)."""
    contributions = group_contributions(partial_values, framework, labels, probability)
    table = score_table(contributions)
    title = text("scores_title", lang)
    alt = _scores_alt(table, lang)
    twin = pd.DataFrame({column("scores", "variant", lang): [str(v) for v in table.index]})
    for group in table.columns:
        twin[_group_name(str(group), lang)] = formatted(table[group], 3, lang)
    twin[text("total", lang)] = formatted(table.sum(axis=1), 3, lang)
    fig = fitted(hatched(scores_figure(contributions, lang), GROUP_HATCHES))
    return Chart("gewogen-som", title, to_svg(fig, "gewogen-som", title, alt), alt, twin)


def acceptability_chart(smaa: pd.DataFrame, labels: Mapping[str, str],
                        lang: str = "nl") -> Chart:
    """The SMAA-2 rank acceptabilities (``assess/smaa``) as 100 % stacked bars per variant
    (``labels``: variant → its name)."""
    named = smaa.assign(variant=smaa["variant"].astype(str).map(lambda v: labels.get(v, v)))
    table = acceptability_table(named)
    title = text("acceptability_title", lang)
    first = table.iloc[:, 0] if table.shape[1] else pd.Series(dtype=float)
    sentences = [text("accept_n", lang, n=number(len(table), 0, lang))]
    if len(first):
        sentences.append(text("accept_best", lang, best=str(first.index[0]),
                              share=percent(first.iloc[0], 0, lang)))
    if len(first) > 1:
        sentences.append(text("accept_others", lang, second=str(first.index[1]),
                              share=percent(first.iloc[1], 0, lang)))
    alt = " ".join(sentences)
    twin = pd.DataFrame({column("smaa", "variant", lang): [str(v) for v in table.index]})
    for rank in table.columns:
        twin[text("rank_col", lang, rank=int(rank))] = percents(table[rank], lang)
    ranks = {f"rank{int(r)}": RANK_HATCHES[i % len(RANK_HATCHES)]
             for i, r in enumerate(table.columns)}
    fig = fitted(hatched(acceptability_figure(named, lang), ranks))
    for share in fig.axes[0].texts:  # shares inside hatched bars: dark on a light box
        share.set_color("#1b1b1b")
        share.set_bbox({"boxstyle": "round,pad=0.15", "facecolor": "white",
                        "edgecolor": "none", "alpha": 0.9})
    return Chart("rangacceptatie", title, to_svg(fig, "rangacceptatie", title, alt), alt,
                 twin)


def stability_chart(stability: pd.DataFrame, lang: str = "nl") -> Chart:
    """Per criterion the weight interval in which the ranking holds (``assess/stability``;
    ``stability_figure``), the most sensitive criterion on top."""
    table = stability_table(stability)
    title = text("stability_title", lang)
    narrow = table.iloc[0]
    whole = int(((table["lower"] <= 0) & (table["upper"] >= 1)).sum())
    sentences = [text("stab_narrow", lang, name=narrow["name"],
                      lower=percent(narrow["lower"], 1, lang),
                      upper=percent(narrow["upper"], 1, lang),
                      weight=percent(narrow["weight"], 1, lang)),
                 text("stab_all", lang, n=number(whole, 0, lang),
                      total=number(len(table), 0, lang))]
    alt = " ".join(sentences)
    twin = pd.DataFrame({
        column("stability", "criterion", lang): table["criterion"].astype(str).tolist(),
        column("stability", "name", lang): table["name"].astype(str).tolist(),
        column("stability", "weight", lang): percents(table["weight"], lang, 1),
        column("stability", "lower", lang): percents(table["lower"], lang, 1),
        column("stability", "upper", lang): percents(table["upper"], lang, 1),
        text("top_lower", lang): percents(table["top_lower"], lang, 1),
        text("top_upper", lang): percents(table["top_upper"], lang, 1)})
    fig = stability_figure(stability, lang)  # bars told apart by width, the weight a diamond
    return Chart("stabiliteit", title, to_svg(fig, "stabiliteit", title, alt), alt, twin)


# --- step 5: monitoring ----------------------------------------------------------------------


def monitoring_chart(report: pd.DataFrame, lang: str = "nl", *,
                     hidden_projects: frozenset[str] = frozenset()) -> Chart:
    """Planned year in the IP against the year the chosen variant needs each project (the
    monitoring report; ``monitoring_figure``): classes by marker shape and colour. Projects
    in ``hidden_projects`` are left out and counted in the text alternative."""
    hidden = report["project_id"].astype(str).isin(hidden_projects).to_numpy()
    shown = report[~hidden].reset_index(drop=True)
    names = localised(CLASSIFICATION_LABELS, lang)
    counts = shown["classification"].value_counts()
    parts = [f"{number(counts[c], 0, lang)} {names[c]}" for c in CLASS_STYLE if c in counts]
    signals = int(shown["herijking"].astype(bool).sum())
    sentences = [text("mon_count", lang, n=number(len(shown), 0, lang),
                      parts=listed(parts, lang) or MISSING),
                 text("mon_signals", lang, n=number(signals, 0, lang)) if signals
                 else text("mon_no_signals", lang)]
    if hidden.any():
        sentences.append(text("mon_hidden", lang, n=number(int(hidden.sum()), 0, lang)))
    alt = " ".join(sentences)
    title = text("monitoring_title", lang)
    yes, no = text("yes", lang), text("no", lang)
    twin = pd.DataFrame({
        column("monitoring", "project_id", lang): shown["project_id"].astype(str).tolist(),
        column("monitoring", "name", lang): shown["name"].astype(str).tolist(),
        column("monitoring", "operator", lang): shown["operator"].astype(str).tolist(),
        text("needed", lang): [year(y) for y in shown["needed_year"]],
        text("planned", lang): [year(y) for y in shown["planned_year"]],
        text("classification", lang): [names.get(str(c), str(c))
                                       for c in shown["classification"]],
        text("herijking", lang): [yes if f else no for f in shown["herijking"].astype(bool)]})
    fig = monitoring_figure(shown, lang)
    return Chart("monitoring", title, to_svg(fig, "monitoring", title, alt), alt, twin)


__all__ = [
    "Chart",
    "acceptability_chart",
    "gantt_chart",
    "group_contributions",
    "monitoring_chart",
    "resource_chart",
    "scores_chart",
    "shortage_chart",
    "stability_chart",
    "to_svg",
    "weights_chart",
]
