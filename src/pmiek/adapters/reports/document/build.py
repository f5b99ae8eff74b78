"""The programme document from its input: the chapters of the Startnotitie, filled with the
edition's tables, generated narratives and charts (:class:`~.model.Document`)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence

import pandas as pd

from pmiek.adapters.reports.document import charts as ch
from pmiek.adapters.reports.document.chart_maps import knelpunten_map
from pmiek.adapters.reports.document.collect import ReportInput
from pmiek.adapters.reports.document.model import (
    Chapter,
    Document,
    Table,
    anchored,
    formatted,
    meur,
    num,
    pct,
    slug,
    yr,
)
from pmiek.adapters.reports.document.texts import (
    BODIES,
    CHAPTERS,
    GLOSSARY,
    METHODS,
    STATES,
    STEPS,
    words,
)
from pmiek.domain.workspace import Workspace
from pmiek.errors import InputError, PmiekError, said
from pmiek.report import narrative, narrative_programme, numbers
from pmiek.report.facts import Fact, Paragraph
from pmiek.report.public import Hidden, prepare

MAP_YEARS = (2030, 2035)
"""The years of the knelpunten maps (those the results cover)."""
TOP_BOTTLENECKS = 12
SOURCE_INLINE = 25
"""A source table of at most this many rows is shown in the appendix (its columns used)."""
TWIN_INLINE = 15
"""A chart's table twin of at most this many rows stands under it; a longer one in the
appendix of the figures' tables."""


class Builder:
    """Builds the document of one input for one audience and language."""

    def __init__(self, source: ReportInput, *, lang: str = "nl", audience: str = "publiek",
                 province: str | None = None, today: dt.date | None = None,
                 years: Sequence[int] | None = None) -> None:
        self.source = source
        self.years = _map_years(source, years)
        self.lang = lang
        self.audience = audience
        self.province = province or _province(source.workspace)
        self.today = today or dt.date.today()
        self.w = words(lang)
        self.frames, self.hidden = prepare(source.frames, source.workspace, audience, lang)
        self.raw = source.frames
        self.facts: list[Fact] = []
        self.tables_out: dict[str, pd.DataFrame] = {}
        self.figures: list[ch.Chart] = []
        self.twins: list[dict[str, object]] = []
        self.labels = self._labels()

    # --- helpers ---------------------------------------------------------------------
    def _labels(self) -> dict[str, str]:
        comparison = self.frames.get("variants/comparison", pd.DataFrame())
        if comparison.empty:
            return {}
        return dict(zip(comparison["lens"].astype(str), comparison["label"].astype(str),
                        strict=True))

    def frame(self, key: str) -> pd.DataFrame:
        return self.frames.get(key, pd.DataFrame())

    def para(self, chapter: Chapter, paragraph: Paragraph) -> None:
        chapter.p(anchored(paragraph, self.frames, self.lang, self.facts), narrative=True)

    def table(self, key: str, caption: str, frame: pd.DataFrame,
              columns: Mapping[str, tuple[str, Callable[[object], str] | None]], *,
              csv: pd.DataFrame | None = None, note: str = "",
              details: tuple[str, ...] = (), nowrap: tuple[str, ...] = (),
              widths: tuple[int, ...] = ()) -> Table:
        shown, numeric = formatted(frame, columns)
        path = None
        if csv is not None:
            path = f"tabellen/{key}.csv"
            self.tables_out[key] = csv
        return Table(key, caption, shown, numeric, path, note, details,
                     frozenset(columns[c][0] for c in nowrap if c in columns),
                     widths if len(widths) == shown.shape[1] else ())

    def chapter(self, key: str, *, appendix: bool = False) -> Chapter:
        return Chapter(key, CHAPTERS[self.lang][key], appendix=appendix)

    def chart(self, chapter: Chapter, chart: ch.Chart) -> None:
        """Add ``chart`` with its number; a long table twin goes to the appendix of the
        figures' tables (linked from the caption)."""
        self.figures.append(chart)
        inline = len(chart.table) <= TWIN_INLINE
        entry = {"chart": chart, "n": len(self.figures), "inline": inline}
        chapter.add("chart", entry)
        if not inline:
            self.twins.append(entry)

    # --- the document ------------------------------------------------------------------
    def build(self) -> Document:
        chapters = [self.summary(), self.process(), self.insight(), self.vision(),
                    self.variants(), self.assessment(), self.priorities(), self.delivery(),
                    self.sources(), self.methods(), self.validation(), self.glossary()]
        chapters.append(self.source_tables())
        chapters.append(self.figure_tables())
        chapters.append(self.colophon_chapter())
        trail = self.source.trail
        state = trail.state if trail else None
        state_text = STATES[self.lang].get(state, str(state).upper())
        if trail is not None:
            title = self.w["title"].format(edition=trail.name.replace("P-MIEK", "").strip(),
                                           province=self.province)
        else:
            title = self.w["title_workspace"].format(workspace=self.source.workspace_name,
                                                     province=self.province)
        return Document(
            lang=self.lang, title=title,
            subtitle=self.w["subtitle"], state=state_text,
            state_line=self._state_line(),
            audience_line=self.w["public" if self.audience == "publiek" else "internal"],
            chapters=chapters, colophon=self.colophon(), tables_out=self.tables_out,
            facts=self.facts)

    def _state_line(self) -> str:
        """Who brought the edition into its state and when ("Gedeputeerde Staten, 9 september
        2025"); for a workspace without an edition the day the document was made."""
        trail = self.source.trail
        if trail is None or trail.decisions.empty:
            return self.w["made_on"].format(date=numbers.date(self.today, self.lang))
        d = trail.decisions
        taken = d[(d["to_state"] == trail.state) & (d["from_state"] != d["to_state"])]
        last = (taken if len(taken) else d).iloc[-1]
        body = BODIES[self.lang].get(str(last["body"]), str(last["body"]))
        return self.w["decided"].format(
            body=body, date=numbers.date(str(last["decided_on"])[:10], self.lang))

    # --- chapters ---------------------------------------------------------------------
    def summary(self) -> Chapter:
        c = self.chapter("samenvatting")
        c.p(self.w["why"])
        for paragraph in narrative.summary_paragraphs(self.frames, self.lang):
            self.para(c, paragraph)
        return c

    def process(self) -> Chapter:
        c = self.chapter("proces")
        c.p(self.w["bodies"])
        trail = self.source.trail
        if trail is None:
            c.p(self.w["no_edition"].format(workspace=self.source.workspace_name))
            return c
        from pmiek.programme.nota import consultation_counts
        from pmiek.programme.nota_texts import participation_paragraph

        bodies = BODIES[self.lang]
        decisions = trail.decisions.assign(
            body_name=trail.decisions["body"].map(lambda b: bodies.get(str(b), str(b))),
            day=trail.decisions["decided_on"].map(lambda d: numbers.date(str(d), self.lang)),
            state=[STEPS[self.lang].get(str(t) if f != t else "gehoord", str(t))
                   for f, t in zip(trail.decisions["from_state"], trail.decisions["to_state"],
                                   strict=True)])
        heads = {"nl": ("Datum", "Orgaan", "Stap", "Kenmerk", "Publicatie"),
                 "en": ("Date", "Body", "Step", "Reference", "Publication")}[self.lang]
        c.h3(self.w["decisions"])
        c.add("table", self.table("besluiten", self.w["decisions_of"].format(name=trail.name),
                                  decisions, {
            "day": (heads[0], None), "body_name": (heads[1], None), "state": (heads[2], None),
            "reference": (heads[3], None), "publication": (heads[4], None)}))
        c.h3(self.w["consultation"])
        if trail.zienswijzen.empty:
            c.p(self.w["no_consultation"])
        else:
            counts = consultation_counts(trail.zienswijzen, trail.points)
            count_frame = pd.DataFrame({"telling": list(counts), "aantal": list(counts.values())})
            self.tables_out["programma/zienswijzen_tellingen"] = count_frame
            self.frames["programma/zienswijzen_tellingen"] = count_frame
            self.para(c, narrative_programme.consultation_paragraph(self.frames, self.lang))
        c.h3(self.w["participation"])
        c.p(participation_paragraph(trail.decisions, trail.inzage, trail.zienswijzen,
                                    lang=self.lang))
        return c

    def insight(self) -> Chapter:
        c = self.chapter("inzicht")
        bottlenecks = self.raw.get("insight/bottlenecks", pd.DataFrame())
        if bottlenecks.empty:
            return c
        scenario = str(bottlenecks["scenario"].iloc[0])
        first = bottlenecks[bottlenecks["scenario"] == scenario]
        years = [y for y in self.years if (first["year"] == y).any()] or [
            int(first["year"].max())]
        c.h3(self.w["maps"])
        c.p(self.w["maps_intro"])
        for year in years:
            self.chart(c, knelpunten_map(self.source.workspace, first, year, self.lang,
                                         hidden_assets=self.hidden.assets))
        c.h3(self.w["bottlenecks"])
        c.add("table", self.bottleneck_table(first, years[-1], scenario))
        c.h3(self.w["over_time"])
        self.chart(c, ch.shortage_chart(bottlenecks, self.frame("insight/homes_blocked"),
                                        self.lang))
        return c

    def bottleneck_table(self, bottlenecks: pd.DataFrame, year: int, scenario: str) -> Table:
        assets = self.source.workspace.assets.set_index("id")
        rows = bottlenecks[(bottlenecks["year"] == year) & (bottlenecks["shortage_mw"] > 0)
                           & ~bottlenecks["asset_id"].isin(self.hidden.assets)]
        rows = rows.sort_values(["shortage_mw", "asset_id"], ascending=[False, True],
                                kind="stable").head(TOP_BOTTLENECKS)
        rows = rows.assign(name=rows["asset_id"].map(assets["name"]),
                           operator=rows["asset_id"].map(assets["operator"]))
        h = {"nl": ("Component", "Netbeheerder", "Richting", "Capaciteit [MW]", "Piek [MW]",
                    "Tekort [MW]", "Uren over", "Eerste jaar"),
             "en": ("Asset", "Operator", "Direction", "Capacity [MW]", "Peak [MW]",
                    "Shortage [MW]", "Hours over", "First year")}[self.lang]
        caption = {"nl": f"De grootste tekorten in {year}, scenario {scenario}",
                   "en": f"The largest shortages in {year}, scenario {scenario}"}[self.lang]
        return self.table(f"inzicht/knelpunten-{year}", caption, rows, {
            "name": (h[0], None), "operator": (h[1], None), "direction": (h[2], None),
            "capacity_mw": (h[3], num(0, self.lang)), "peak_mw": (h[4], num(0, self.lang)),
            "shortage_mw": (h[5], num(0, self.lang)), "hours_over": (h[6], num(0, self.lang)),
            "first_overload_year": (h[7], yr())},
            csv=rows.drop(columns=["name", "operator"]),
            note=self.w["confidential_note"] if self.hidden.assets else "")

    def vision(self) -> Chapter:
        c = self.chapter("energievisie")
        ws = self.source.workspace
        c.h3(self.w["scenarios"])
        h = {"nl": ("Scenario", "Naam", "Verhaallijn", "Bron"),
             "en": ("Scenario", "Name", "Storyline", "Source")}[self.lang]
        c.add("table", self.table("invoer/scenarios", self.w["scenarios"], ws.scenarios, {
            "id": (h[0], None), "name": (h[1], None), "description": (h[2], None),
            "source": (h[3], None)}))
        rules = ws.table("choice_rules")
        if len(rules):
            c.h3(self.w["choices"])
            first = rules.drop_duplicates(["choice", "option"])
            h2 = {"nl": ("Keuze", "Optie", "Omschrijving", "Bron"),
                  "en": ("Choice", "Option", "Description", "Source")}[self.lang]
            c.add("table", self.table("invoer/keuzes", self.w["choices"], first, {
                "choice": (h2[0], None), "option": (h2[1], None),
                "description": (h2[2], None), "source": (h2[3], None)}))
        framework = self.frame("assess/framework")
        if not framework.empty:
            c.h3(self.w["criteria"])
            h3 = {"nl": ("Criterium", "Naam", "Gewicht", "Globaal", "Eigenaar", "Status",
                         "Motivatie", "Basis"),
                  "en": ("Criterion", "Name", "Weight", "Global", "Owner", "Status",
                         "Motivation", "Basis")}[self.lang]
            why = framework.astype(object).where(framework.notna(), "")
            details = tuple(f"{h3[6]}: {m} {h3[7]}: {b}".strip() for m, b in zip(
                why.get("motivation", ""), why.get("basis", ""), strict=True))
            c.add("table", self.table("assess/framework", self.w["criteria"], framework, {
                "id": (h3[0], None), "name": (h3[1], None), "weight": (h3[2], pct(1, self.lang)),
                "global_weight": (h3[3], pct(1, self.lang)), "owner": (h3[4], None),
                "status": (h3[5], None)}, csv=framework, details=details, nowrap=("id",)))
            c.h3(self.w["weights"])
            p = self.source.parameters
            c.p(self.w["weights_how"].format(
                how=str(p.get("weights", "interval")),
                spread=numbers.percent(p.get("spread", 0.5), 0, self.lang),
                samples=numbers.number(p.get("samples", 0), 0, self.lang)))
            self.chart(c, ch.weights_chart(framework, self.lang))
        return c

    def variants(self) -> Chapter:
        from pmiek.adapters.files.lenses import load_lens

        c = self.chapter("varianten")
        for lens, label, paragraph in narrative.variant_paragraphs(self.frames, self.lang):
            c.h3(self.w["lens"].format(label=label))
            try:
                found = load_lens(lens)
                favours = found.description_en if self.lang == "en" else found.description_nl
                c.p(self.w["favours"].format(text=favours))
            except PmiekError:  # a lens of another folder: no description
                pass
            self.para(c, paragraph)
            schedule = self.raw.get(f"variants/{lens}/schedule", pd.DataFrame())
            if not schedule.empty:
                self.chart(c, ch.gantt_chart(schedule, self.source.workspace.projects, label,
                                             f"gantt-{lens}", self.lang,
                                             hidden_projects=self.hidden.projects,
                                             areas=self.source.workspace.areas))
            use = self.frame(f"variants/{lens}/resource_use")
            if not use.empty:
                self.chart(c, ch.resource_chart(use, label, f"middelen-{lens}", self.lang))
            summary = self.frame(f"variants/{lens}/summary")
            if not summary.empty:
                h = {"nl": ("Scenario", "Woningen 2030", "Gepland 2030", "Industrie 2030 [MW]",
                            "Aangesloten eind [MW]", "Gepland eind [MW]", "Projecten",
                            "Investering"),
                     "en": ("Scenario", "Homes 2030", "Planned 2030", "Industry 2030 [MW]",
                            "Connected end [MW]", "Planned end [MW]", "Projects",
                            "Investment")}[self.lang]
                c.add("table", self.table(f"variants/{lens}/summary",
                                          f"{self.w['connects']} – {label}", summary, {
                    "scenario": (h[0], None), "homes_connected_2030": (h[1], num(0, self.lang)),
                    "homes_planned_2030": (h[2], num(0, self.lang)),
                    "industry_mw_2030": (h[3], num(1, self.lang)),
                    "connected_mw_end": (h[4], num(0, self.lang)),
                    "planned_mw_end": (h[5], num(0, self.lang)),
                    "projects_built": (h[6], num(0, self.lang)),
                    "capex_meur": (h[7], meur(1, self.lang))}, csv=summary))
        return c

    def assessment(self) -> Chapter:
        c = self.chapter("afweging")
        scores = self.frame("assess/scores")
        if scores.empty:
            return c
        c.h3(self.w["scores"])
        h = {"nl": ("Variant", "Gewogen som", "Rang", "TOPSIS", "PROMETHEE II",
                    "Kans op eerste plaats", "Betrouwbaarheid"),
             "en": ("Variant", "Weighted sum", "Rank", "TOPSIS", "PROMETHEE II",
                    "Chance of first place", "Confidence")}[self.lang]
        c.add("table", self.table("assess/scores", self.w["scores"], scores, {
            "label": (h[0], None), "weighted_sum": (h[1], num(3, self.lang)),
            "rank": (h[2], num(0, self.lang)), "topsis": (h[3], num(3, self.lang)),
            "promethee_ii": (h[4], num(3, self.lang)),
            "rank1_acceptability": (h[5], pct(0, self.lang)),
            "confidence": (h[6], pct(0, self.lang))}, csv=scores))
        if "assess/partial_values" in self.frames:
            self.chart(c, ch.scores_chart(self.frame("assess/partial_values"),
                                          self.frame("assess/framework"), self.labels,
                                          self.lang))
        c.h3(self.w["smaa"])
        self.chart(c, ch.acceptability_chart(self.frame("assess/smaa"), self.labels, self.lang))
        self.tables_out["assess/smaa"] = self.frame("assess/smaa")
        c.h3(self.w["stability"])
        stability = self.frame("assess/stability")
        if not stability.empty:
            self.chart(c, ch.stability_chart(stability, self.lang))
            self.tables_out["assess/stability"] = stability
            c.h3(self.w["what_changes"])
            self.para(c, narrative.stability_paragraph(self.frames, self.lang))
        return c

    def priorities(self) -> Chapter:
        c = self.chapter("prioriteiten")
        priority = self.frame("assess/priority_list")
        if priority.empty:
            return c
        c.h3(self.w["tiers"])
        for _tier, paragraph in narrative.tier_paragraphs(self.frames, self.lang):
            self.para(c, paragraph)
        h = {"nl": ("Nr.", "Project", "Naam", "Netbeheerder", "Klasse", "In bedrijf",
                    "Investering", "Marginale waarde"),
             "en": ("No.", "Project", "Name", "Operator", "Tier", "In service", "Investment",
                    "Marginal value")}[self.lang]
        c.add("priority", self.table("assess/priority_list", CHAPTERS[self.lang]["prioriteiten"],
                                     priority, {
            "priority": (h[0], num(0, self.lang)), "project_id": (h[1], None),
            "name": (h[2], None), "operator": (h[3], None), "tier": (h[4], num(0, self.lang)),
            "in_service_year": (h[5], yr()), "capex_meur": (h[6], meur(1, self.lang)),
            "marginal_value_meur": (h[7], meur(1, self.lang))}, csv=priority,
            details=self._served(priority), nowrap=("project_id",),
            note=self.w["confidential_note"] if self.hidden.projects else ""))
        by_operator = self.frame("assess/priority_by_operator")
        if not by_operator.empty:
            self.tables_out["assess/priority_by_operator"] = by_operator
        return c

    def _served(self, priority: pd.DataFrame) -> tuple[str, ...]:
        """Per project: its motivation and the number of developments it serves."""
        served = priority.get("developments", pd.Series("", index=priority.index))
        counts = served.astype(object).fillna("").astype(str).str.count(";") + (
            served.astype(object).fillna("").astype(str).str.len() > 0)
        why = priority.get("rationale", pd.Series("", index=priority.index))
        why = why.astype(object).fillna("").astype(str)
        word = self.w["serves"]
        return tuple(f"{text} {word.format(n=numbers.number(n, 0, self.lang))}".strip()
                     for text, n in zip(why, counts, strict=True))

    def delivery(self) -> Chapter:
        c = self.chapter("borgen")
        trail = self.source.trail
        report = None if trail is None else trail.monitoring
        if report is None or report.empty:
            c.p(self.w["no_monitoring"])
            return c
        if self.hidden.projects:
            from pmiek.report.public import scrub
            report = scrub(report[~report["project_id"].isin(self.hidden.projects)],
                           self.hidden, self.lang).reset_index(drop=True)
        assert trail is not None
        c.h3(self.w["monitoring"].format(ip=trail.ip_edition))
        self.chart(c, ch.monitoring_chart(report, self.lang,
                                          hidden_projects=self.hidden.projects))
        self.tables_out["programma/monitoring"] = report
        self.frames["programma/monitoring"] = report
        self.para(c, narrative_programme.monitoring_paragraph(self.frames, self.lang))
        c.h3(self.w["signals"])
        signals = report[report["herijking"].astype(bool)]
        if signals.empty:
            c.p(self.w["no_signals"])
        else:
            h = {"nl": ("Project", "Naam", "Netbeheerder", "Klasse", "Nodig", "Gepland",
                        "Signaal"),
                 "en": ("Project", "Name", "Operator", "Tier", "Needed", "Planned",
                        "Signal")}[self.lang]
            c.add("table", self.table("programma/signalen", self.w["signals"], signals, {
                "project_id": (h[0], None), "name": (h[1], None), "operator": (h[2], None),
                "tier": (h[3], num(0, self.lang)), "needed_year": (h[4], yr()),
                "planned_year": (h[5], yr()), "signal": (h[6], None)}, nowrap=("project_id",)))
        return c

    # --- appendices ---------------------------------------------------------------------
    def sources(self) -> Chapter:
        c = self.chapter("bronnen", appendix=True)
        c.p(self.w["sources_intro"])
        rows = []
        for name, frame in self.source.workspace.items():
            if "source" not in frame.columns or frame.empty:
                continue
            counts = frame["source"].fillna("–").astype(str).value_counts().head(8)
            rows += [{"table": name, "source": s, "rows": int(n)} for s, n in counts.items()]
        if rows:
            from pmiek.report.public import scrub
            listed = scrub(pd.DataFrame(rows), self.hidden, self.lang)
            h = {"nl": ("Tabel", "Bron", "Rijen"), "en": ("Table", "Source", "Rows")}[self.lang]
            c.add("table", self.table("invoer/bronnen", CHAPTERS[self.lang]["bronnen"], listed, {
                "table": (h[0], None), "source": (h[1], None),
                "rows": (h[2], num(0, self.lang))}))
        return c

    def methods(self) -> Chapter:
        c = self.chapter("methoden", appendix=True)
        for title, text in METHODS[self.lang]:
            c.h3(title)
            c.p(text)
        return c

    def validation(self) -> Chapter:
        c = self.chapter("validatie", appendix=True)
        c.p(self.w["validation_intro"])
        counts = pd.DataFrame([{"table": n, "rows": len(f)}
                               for n, f in self.source.workspace.items()])
        h = {"nl": ("Tabel", "Rijen"), "en": ("Table", "Rows")}[self.lang]
        c.add("table", self.table("invoer/tabellen", h[0], counts, {
            "table": (h[0], None), "rows": (h[1], num(0, self.lang))}))
        runs = self.source.runs
        if len(runs):
            r = {"nl": ("Run", "Soort", "Hash van de uitkomsten"),
                 "en": ("Run", "Kind", "Hash of the results")}[self.lang]
            c.add("table", self.table("runs", "Runs", runs.assign(
                run=runs["run_id"].map(lambda v: "–" if pd.isna(v) else str(int(v)))), {
                "run": (r[0], None), "kind": (r[1], None), "output_hash": (r[2], None)}))
        return c

    def glossary(self) -> Chapter:
        c = self.chapter("begrippen", appendix=True)
        c.add("glossary", GLOSSARY[self.lang])
        return c

    def source_tables(self) -> Chapter:
        c = self.chapter("brontabellen", appendix=True)
        c.p(self.w["sourcetables_intro"])
        used: dict[str, set[str]] = {}
        for fact in self.facts:
            for cells in (fact.cells, fact.minus):
                if cells is not None:
                    used.setdefault(cells.table, set()).update(
                        [k for k, _ in cells.where] + ([cells.column] if cells.column else []))
        for table in sorted(used):
            frame = self.frames[table]
            self.tables_out.setdefault(table, frame)
            columns = [c for c in frame.columns if c in used[table] or c == frame.columns[0]]
            small = None
            if len(frame) <= SOURCE_INLINE:
                shown, numeric = formatted(frame, {c: (c, _exact(frame[c], c, self.lang))
                                                   for c in columns})
                shown.columns = [str(c).replace("_", "_\u200b") for c in shown.columns]
                small = Table(f"bron/{table}", table, shown,
                              frozenset(str(c).replace("_", "_\u200b") for c in numeric))
            c.add("source", {"id": f"bron-{slug(table)}", "table": table,
                             "file": f"tabellen/{table}.csv", "columns": columns,
                             "rows": len(frame), "small": small})
        return c

    def figure_tables(self) -> Chapter:
        c = self.chapter("figuurtabellen", appendix=True)
        c.p(self.w["figure_tables_intro"])
        for entry in self.twins:
            c.add("twin", entry)
        return c

    def colophon(self) -> dict[str, str]:
        src = self.source
        trail = src.trail
        out = {"edition": trail.name if trail else "–", "workspace": src.workspace_name,
               "version": "–" if src.version is None else str(src.version),
               "content_hash": src.content_hash,
               "software": ", ".join(f"{k} {v}" for k, v in sorted(src.software.items())),
               "made": self.w["made_by"].format(version=src.software.get("pmiek", "–"),
                                                date=numbers.date(self.today, self.lang)),
               "licences": self.w["licences"]}
        return out

    def colophon_chapter(self) -> Chapter:
        c = self.chapter("colofon", appendix=True)
        c.add("colophon", self.colophon())
        return c


def _map_years(source: ReportInput, years: Sequence[int] | None) -> tuple[int, ...]:
    """The years of the knelpunten maps: ``years`` (each within the insight's years, else
    refused), by default those of :data:`MAP_YEARS` the results cover."""
    bottlenecks = source.frames.get("insight/bottlenecks", pd.DataFrame())
    covered = set() if bottlenecks.empty else {int(y) for y in bottlenecks["year"].unique()}
    if years is None:
        return tuple(y for y in MAP_YEARS if y in covered)
    outside = sorted(set(years) - covered)
    if outside and covered:
        raise said(InputError,
                   nl=f"Geen resultaten voor de kaartjaren {outside}; de analyse loopt van "
                      f"{min(covered)} tot en met {max(covered)}.",
                   en=f"No results for the map years {outside}; the analysis runs from "
                      f"{min(covered)} to {max(covered)}.")
    return tuple(dict.fromkeys(int(y) for y in years))


def _exact(column: pd.Series, name: str, lang: str) -> Callable[[object], str] | None:
    """How a source table's column is shown: years as years, other numbers with up to three
    decimals (as many as they have), texts as they are."""
    if not pd.api.types.is_numeric_dtype(column) or pd.api.types.is_bool_dtype(column):
        return None
    if name == "year" or name.endswith("_year"):
        return yr()

    def shown(value: object) -> str:
        x = float(value)  # type: ignore[arg-type]
        digits = next((d for d in range(4) if abs(x - round(x, d)) < 1e-9), 3)
        return numbers.number(x, digits, lang)

    return shown


def _province(workspace: Workspace) -> str:
    """The name of the workspace's province (its area of kind province), without the word
    "Provincie"."""
    areas = workspace.areas
    names = areas.loc[areas["kind"] == "province", "name"].astype(str)
    if names.empty:
        return "–"
    return re.sub(r"^(provincie|province of)\s+", "", names.iloc[0], flags=re.IGNORECASE)


def build(source: ReportInput, *, lang: str = "nl", audience: str = "publiek",
          today: dt.date | None = None) -> Document:
    """The document of ``source`` for ``audience`` in ``lang``."""
    return Builder(source, lang=lang, audience=audience, today=today).build()


__all__ = ["Builder", "Hidden", "build"]
