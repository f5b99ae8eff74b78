"""The generated narratives of the programme document: per variant, per tier of the priority
list, the summary and what would change the ranking — Dutch by default, English with
``lang="en"``.

Every number a sentence states is a :class:`~pmiek.report.facts.Fact` that names its table,
rows and column; the plain text between them holds no digit at all (not even a year or a
name with a digit in it: such a name is replaced by a code without digits or by a generic
phrase), so that a reader can follow every digit of the narrative back to a cell. A clause
whose number is missing (an infeasible variant, a confidence that SMAA gives only for the
chosen variant) is left out rather than shown as a dash.

The sentences are templates per language (:data:`TEXTS`) whose fields are filled with facts
or with names; the module reads the frames only to decide which clause and which word fits
(``meer dan`` or ``minder dan``, singular or plural, which lens to compare with). It does no
I/O.
"""

from __future__ import annotations

import math
import re
import string
from collections.abc import Mapping

import numpy as np
import pandas as pd

from pmiek.domain.labels import label as vocabulary_label
from pmiek.report import numbers
from pmiek.report.facts import Cells, Fact, Paragraph, Segment, cells
from pmiek.report.narrative_texts import TEXTS

LANGS = ("nl", "en")
COMPARISON = "variants/comparison"
PRIORITY = "assess/priority_list"
SCORES = "assess/scores"
STABILITY = "assess/stability"
HOMES_BLOCKED = "insight/homes_blocked"
MOST_SENSITIVE = 3
"""The stability paragraph names at most this many criteria."""
TIERS = (1, 2, 3)

_DIGIT = re.compile(r"\d")
_FORMATTER = string.Formatter()


def _texts(lang: str) -> dict[str, str]:
    if lang not in LANGS:
        raise ValueError(f"narratives exist in {' and '.join(LANGS)}; got lang={lang!r}")
    return TEXTS[lang]


def _compose(template: str, **slots: Segment | Paragraph) -> list[Segment]:
    """``template`` with each ``{field}`` replaced by its fact, text or segments."""
    out: list[Segment] = []
    for literal, field, _, _ in _FORMATTER.parse(template):
        if literal:
            out.append(literal)
        if field is not None:
            value = slots[field]
            out.extend(value if isinstance(value, tuple) else (value,))
    return out


def _paragraph(sentences: list[list[Segment]]) -> Paragraph:
    """Sentences joined with a full stop and a space; adjacent texts merged. Raises
    ``ValueError`` when a text holds a digit (a name that slipped past :func:`_name`)."""
    flat: list[Segment] = []
    for k, sentence in enumerate(sentences):
        if k:
            flat.append(" ")
        flat.extend(sentence)
        flat.append(".")
    merged: list[Segment] = []
    for segment in flat:
        if isinstance(segment, str) and merged and isinstance(merged[-1], str):
            merged[-1] += segment
        else:
            merged.append(segment)
    for segment in merged:
        if isinstance(segment, str) and _DIGIT.search(segment):
            raise ValueError(f"narrative text holds a digit outside a fact: {segment!r}")
    return tuple(merged)


def _listed(items: list[list[Segment]], t: dict[str, str]) -> list[Segment]:
    """``a, b and c``."""
    out: list[Segment] = []
    for k, item in enumerate(items):
        if k:
            out.append(t["and"] if k == len(items) - 1 else t["list_sep"])
        out.extend(item)
    return out


def _present(value: object) -> bool:
    return value is not None and not (isinstance(value, float) and math.isnan(value))


def _clean(text: object) -> str | None:
    """``text`` when it is a non-empty name without digits, else None."""
    if not _present(text):
        return None
    value = str(text).strip()
    return value if value and not _DIGIT.search(value) else None


def _name(t: dict[str, str], *candidates: object, generic: str) -> str:
    """The first candidate without digits, quoted; else the generic phrase ``generic``."""
    for candidate in candidates:
        value = _clean(candidate)
        if value is not None:
            return t["quote"].format(value)
    return t[generic]


def _finite(fact: Fact | Cells, frames: Mapping[str, pd.DataFrame]) -> bool:
    return math.isfinite(fact.value(frames))


def _shown(fact: Fact, frames: Mapping[str, pd.DataFrame]) -> float:
    """The value as the sentence shows it (rounded to the fact's digits)."""
    x = fact.value(frames)
    return round(x * 100, fact.digits) if fact.kind == "percent" else round(x, fact.digits)


def _count(frames: Mapping[str, pd.DataFrame], **where: object) -> Fact:
    """The number of projects of the priority list rows ``where``: the sum of the column
    ``projects`` the report adds (one per project, more for an aggregated public row)."""
    aggregate = "sum" if "projects" in frames[PRIORITY].columns else "count"
    return Fact(cells(PRIORITY, "projects", aggregate, **where))


def _labels(frames: Mapping[str, pd.DataFrame]) -> dict[str, object]:
    """Lens id → label, from the comparison (empty without it)."""
    if COMPARISON not in frames:
        return {}
    comparison = frames[COMPARISON]
    return dict(zip(comparison["lens"].astype(str), comparison["label"], strict=True))


# --- per variant -----------------------------------------------------------------------------

def variant_paragraphs(frames: Mapping[str, pd.DataFrame], lang: str = "nl"
                       ) -> list[tuple[str, str, Paragraph]]:
    """One (lens, label, paragraph) per row of ``variants/comparison``, in its order: homes
    connected of those planned by the housing deals' target year and the difference to the
    best other lens, industry connected, projects built, capital cost and remaining overload.
    Empty without a comparison."""
    t = _texts(lang)
    if COMPARISON not in frames:
        return []
    comparison = frames[COMPARISON]
    homes = pd.to_numeric(comparison["homes_connected_2030"], errors="coerce").to_numpy(
        dtype=float)
    out: list[tuple[str, str, Paragraph]] = []
    for k, (lens, label) in enumerate(zip(comparison["lens"].astype(str), comparison["label"],
                                          strict=True)):
        other = _best_other(homes, k)
        out.append((lens, str(label) if _present(label) else lens,
                    _variant(frames, t, lens, label,
                             None if other is None else comparison.iloc[other])))
    return out


def _variant(frames: Mapping[str, pd.DataFrame], t: dict[str, str], lens: str, label: object,
             other: pd.Series | None) -> Paragraph:
    """The paragraph of ``lens``; ``other``: the comparison row to compare the homes with."""
    def fact(column: str, kind: str = "number", digits: int = 0) -> Fact:
        return Fact(cells(COMPARISON, column, lens=lens), kind, digits)

    name = _name(t, label, lens, generic="variant")
    subject = t["subject"].format(name) if name != t["variant"] else t["this_variant"]
    sentences: list[list[Segment]] = []
    connected, planned = fact("homes_connected_2030"), fact("homes_planned_2030")
    if _finite(connected, frames) and _finite(planned, frames):
        first = _compose(t["variant_homes"], subject=subject, homes=connected, planned=planned)
        if other is not None:
            first += _difference(frames, t, lens, str(other["lens"]), other["label"])
        industry = fact("industry_mw_2030", digits=1)
        if _finite(industry, frames):
            first += _compose(t["variant_industry"], mw=industry)
        sentences.append(first)
    built, capex = fact("projects_built"), fact("capex_meur", "meur", 1)
    if _finite(capex, frames) and _finite(built, frames):
        key = "variant_build_one" if _shown(built, frames) == 1 else "variant_build_many"
        sentences.append(_compose(t[key], n=built, capex=capex))
    elif _finite(capex, frames):
        sentences.append(_compose(t["variant_build_capex"], capex=capex))
    overload = fact("overload_mw_years")
    if _finite(overload, frames):
        sentences.append(_compose(t["variant_overload"], overload=overload))
    if not sentences:
        sentences.append(_compose(t["variant_none"], subject=subject))
    return _paragraph(sentences)


def _best_other(values: np.ndarray, k: int) -> int | None:
    """The row with the highest finite value other than ``k`` (the first of equals), or
    None when there is none."""
    others = np.isfinite(values)
    others[k] = False
    if not others.any():
        return None
    masked = np.where(others, values, -np.inf)
    return int(np.argmax(masked))


def _difference(frames: Mapping[str, pd.DataFrame], t: dict[str, str], lens: str,
                other: str, other_label: object) -> list[Segment]:
    """``, 9.900 meer dan ‘Werk en industrie’``: the word from the sign as shown."""
    ours = cells(COMPARISON, "homes_connected_2030", lens=lens)
    theirs = cells(COMPARISON, "homes_connected_2030", lens=other)
    diff = Fact(ours, minus=theirs, absolute=True)
    signed = round(ours.value(frames) - theirs.value(frames))
    name = _name(t, other_label, other, generic="variant")
    if signed == 0:
        return _compose(t["variant_homes_same"], other=name)
    return _compose(t["variant_homes_diff"], diff=diff, other=name,
                    word=t["more"] if signed > 0 else t["less"])


# --- per tier --------------------------------------------------------------------------------

def tier_paragraphs(frames: Mapping[str, pd.DataFrame], lang: str = "nl"
                    ) -> list[tuple[int, Paragraph]]:
    """One (tier, paragraph) per tier present in ``assess/priority_list``, ascending: what
    the tier means, its projects and their capital cost, the years they come into service,
    the projects per operator (most first) and their total marginal value. Empty without a
    priority list."""
    t = _texts(lang)
    if PRIORITY not in frames:
        return []
    priority = frames[PRIORITY]
    tiers = pd.to_numeric(priority["tier"], errors="coerce")
    out: list[tuple[int, Paragraph]] = []
    for tier in TIERS:
        if not (tiers == tier).any():
            continue
        name = vocabulary_label("tier", str(tier), lang)
        sentences = [_compose(t["tier_head"], name=name[:1].upper() + name[1:],
                              meaning=t[f"tier{tier}"])]
        n = _count(frames, tier=tier)
        capex = Fact(cells(PRIORITY, "capex_meur", "sum", tier=tier), "meur", 1)
        key = "tier_count_one" if _shown(n, frames) == 1 else "tier_count_many"
        count = _compose(t[key], n=n, capex=capex)
        first = Fact(cells(PRIORITY, "in_service_year", "min", tier=tier), "year")
        last = Fact(cells(PRIORITY, "in_service_year", "max", tier=tier), "year")
        if _finite(first, frames) and _finite(last, frames):
            same = numbers.year(first.value(frames)) == numbers.year(last.value(frames))
            count += (_compose(t["tier_years_one"], first=first) if same else
                      _compose(t["tier_years_range"], first=first, last=last))
        sentences.append(count)
        operators = _operators(frames, priority[(tiers == tier).to_numpy()], tier, t)
        if operators:
            sentences.append(_compose(t["tier_operators"], list=tuple(operators)))
        value = Fact(cells(PRIORITY, "marginal_value_meur", "sum", tier=tier), "meur", 1)
        if "marginal_value_meur" in priority.columns and priority.loc[
                (tiers == tier).to_numpy(), "marginal_value_meur"].notna().any():
            sentences.append(_compose(t["tier_value"], value=value))
        out.append((tier, _paragraph(sentences)))
    return out


def _operators(frames: Mapping[str, pd.DataFrame], rows: pd.DataFrame, tier: int,
               t: dict[str, str]) -> list[Segment]:
    """``35 bij Stedin, 7 bij TenneT``: most projects first, ties by name; operators whose
    name is empty or holds a digit are left out."""
    if "operator" not in rows.columns or rows.empty:
        return []
    names = rows["operator"].where(rows["operator"].map(_clean).notna()).astype(object)
    weight = (pd.to_numeric(rows["projects"], errors="coerce") if "projects" in rows.columns
              else pd.Series(1.0, index=rows.index))
    counts = weight[names.notna()].groupby(names[names.notna()]).sum()
    if counts.empty:
        return []
    order = pd.DataFrame({"operator": counts.index, "n": counts.to_numpy()}).sort_values(
        ["n", "operator"], ascending=[False, True], kind="stable")
    items = [_compose(t["tier_operator"], n=_count(frames, tier=tier, operator=op),
                      operator=op) for op in order["operator"]]
    return _listed(items, t)


# --- summary ---------------------------------------------------------------------------------

def summary_paragraphs(frames: Mapping[str, pd.DataFrame], lang: str = "nl"
                       ) -> list[Paragraph]:
    """The paragraphs of the samenvatting, each of one or two sentences: the chosen variant
    with its first-rank acceptability and confidence; the priority list's projects, their
    capital cost and how many are no-regret; the homes waiting at the peak per scenario.
    A paragraph whose table is missing is left out."""
    t = _texts(lang)
    out: list[Paragraph] = []
    chosen = _chosen(frames, t)
    if chosen:
        out.append(_paragraph([chosen]))
    if PRIORITY in frames:
        n = _count(frames)
        key = "summary_list_one" if _shown(n, frames) == 1 else "summary_list_many"
        sentence = _compose(t[key], n=n,
                            capex=Fact(cells(PRIORITY, "capex_meur", "sum"), "meur", 1))
        tier1 = _count(frames, tier=1)
        key = "summary_tier1_one" if _shown(tier1, frames) == 1 else "summary_tier1_many"
        out.append(_paragraph([sentence + _compose(t[key], n=tier1)]))
    blocked = _blocked(frames, t)
    if blocked:
        out.append(_paragraph([blocked]))
    return out


def _chosen(frames: Mapping[str, pd.DataFrame], t: dict[str, str]) -> list[Segment]:
    if SCORES not in frames:
        return []
    scores = frames[SCORES]
    chosen = scores[scores["chosen"].astype(str).str.lower().isin(("true", "1", "1.0"))]
    if chosen.empty:
        return []
    variant = str(chosen["variant"].iloc[0])
    label = chosen["label"].iloc[0] if "label" in chosen.columns else None
    name = _name(t, label, _labels(frames).get(variant), variant, generic="variant")
    sentence = _compose(t["summary_chosen"], lens=name)
    acceptability = Fact(cells(SCORES, "rank1_acceptability", variant=variant), "percent")
    if _finite(acceptability, frames):
        sentence += _compose(t["summary_acceptability"], share=acceptability)
        confidence = Fact(cells(SCORES, "confidence", variant=variant), "percent")
        if "confidence" in scores.columns and _finite(confidence, frames):
            sentence += _compose(t["summary_confidence"], share=confidence)
    return sentence


def _blocked(frames: Mapping[str, pd.DataFrame], t: dict[str, str]) -> list[Segment]:
    """The homes waiting at the peak: per scenario when every scenario has a name without
    digits, else the lowest and the highest peak."""
    if HOMES_BLOCKED not in frames:
        return []
    table = frames[HOMES_BLOCKED]
    scenarios = [str(c) for c in table.columns if str(c) != "year"]
    peaks = [Fact(cells(HOMES_BLOCKED, s, "max")) for s in scenarios]
    peaks = [p for p in peaks if _finite(p, frames)]
    if not peaks:
        return []
    shown = np.array([_shown(p, frames) for p in peaks])
    if (shown == 0).all():
        return _compose(t["summary_blocked_none"])
    if len(peaks) > 1 and (shown == shown[0]).all():
        return _compose(t["summary_blocked_all"], n=peaks[0])
    names = [_clean(p.cells.column) for p in peaks]
    if all(n is not None for n in names):
        items = [_compose(t["summary_blocked_one" if k == 0 else "summary_blocked_next"],
                          n=p, scenario=str(n)) for k, (p, n) in enumerate(zip(
                              peaks, names, strict=True))]
        return _compose(t["summary_blocked"], list=tuple(_listed(items, t)))
    return _compose(t["summary_blocked_range"], low=peaks[int(np.argmin(shown))],
                    high=peaks[int(np.argmax(shown))])


# --- stability -------------------------------------------------------------------------------

def _swaps(column: pd.Series) -> np.ndarray:
    """A swap column as stripped texts ("" where empty; an all-empty column reads as NaN)."""
    return np.asarray(column.astype(object).fillna("").astype(str).str.strip().to_numpy())


def stability_paragraph(frames: Mapping[str, pd.DataFrame], lang: str = "nl") -> Paragraph:
    """What would change the ranking: the (at most three) criteria whose weight can move
    least before two variants swap, each with its weight, the interval within which the
    ranking holds, and who overtakes whom at a bound. Only a bound where a pair swaps counts
    (a bound of 0 or 1 without a swap is the end of the range, not a margin). The shares are
    shown as whole percentages, with one or two decimals where a bound would otherwise look
    equal to the weight."""
    t = _texts(lang)
    if STABILITY not in frames:
        return _paragraph([_compose(t["stability_missing"])])
    stability = frames[STABILITY]
    weight = pd.to_numeric(stability["weight"], errors="coerce").to_numpy(dtype=float)
    lower = pd.to_numeric(stability["lower"], errors="coerce").to_numpy(dtype=float)
    upper = pd.to_numeric(stability["upper"], errors="coerce").to_numpy(dtype=float)
    at_lower = _swaps(stability["swap_at_lower"])
    at_upper = _swaps(stability["swap_at_upper"])
    margin = np.fmin(np.where(at_lower != "", weight - lower, np.nan),
                     np.where(at_upper != "", upper - weight, np.nan))
    candidates = np.flatnonzero(np.isfinite(margin))
    if not len(candidates):
        return _paragraph([_compose(t["stability_none"])])
    chosen = candidates[np.argsort(margin[candidates], kind="stable")][:MOST_SENSITIVE]
    labels = _labels(frames)
    sentences = [_compose(t["stability_intro"])]
    for row in chosen:
        criterion = str(stability["criterion"].iloc[row])
        name = _name(t, stability["name"].iloc[row] if "name" in stability.columns else None,
                     criterion, generic="criterion")
        digits = _digits(weight[row], [b for b, s in ((lower[row], at_lower[row]),
                                                      (upper[row], at_upper[row])) if s], lang)

        def share(column: str, criterion: str = criterion, digits: int = digits) -> Fact:
            return Fact(cells(STABILITY, column, criterion=criterion), "percent", digits)

        sentence = _compose(t["stability_criterion"], criterion=name, weight=share("weight"),
                            lower=share("lower"), upper=share("upper"))
        swaps = [_compose(t["stability_swap"], at=t["stability_at"],
                          bound=share(side), **_pair(pair, labels, t))
                 for side, pair in (("lower", at_lower[row]), ("upper", at_upper[row]))
                 if pair]
        for swap in swaps:
            sentence += ["; ", *swap]
        sentences.append(sentence)
    return _paragraph(sentences)


def _digits(weight: float, bounds: list[float], lang: str) -> int:
    """The fewest decimals (0, 1 or 2) at which every swapping bound looks different from
    the weight as a percentage."""
    for digits in (0, 1):
        shown = numbers.percent(weight, digits, lang)
        if all(numbers.percent(b, digits, lang) != shown for b in bounds):
            return digits
    return 2


def _pair(pair: str, labels: Mapping[str, object], t: dict[str, str]) -> dict[str, str]:
    """``ahead > behind`` (lens ids) as names: the one ahead now and the one behind."""
    ahead, _, behind = (part.strip() for part in pair.partition(">"))
    return {"ahead": _name(t, labels.get(ahead), ahead, generic="variant"),
            "behind": _name(t, labels.get(behind), behind, generic="variant")}


__all__ = ["LANGS", "TEXTS", "stability_paragraph", "summary_paragraphs", "tier_paragraphs",
           "variant_paragraphs"]
