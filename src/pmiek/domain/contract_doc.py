"""The data contract as a Markdown document, rendered from the schema (no I/O).

``docs/data-contract.md`` is this text; ``make docs`` writes it and a test fails when the
file and the schema disagree.
"""

from __future__ import annotations

from pmiek.domain.defaults import AREA_TOLERANCE_M, EARLIEST_YEAR, LOAD_HORIZON
from pmiek.domain.schema import Column, Table
from pmiek.domain.tables import HOURS_PER_YEAR, TABLES

_HEAD = """# Datacontract / data contract

<!-- Generated from src/pmiek/domain/tables.py by `make docs`; do not edit by hand. -->

Een werkruimte bestaat uit de tabellen hieronder: als map met CSV-bestanden (één bestand per
tabel, `assets.csv`), als Excel-werkmap (één werkblad per tabel; `pmiek template` maakt het
sjabloon) of als GeoPackage (één laag per tabel). Geometrie is WKT in EPSG:28992 (RD New), of
met `SRID=4326;` ervoor in WGS84; een GeoPackage- of GeoJSON-laag mag elk bekend stelsel hebben.
Lijsten (`requires`, `policy_goals`) scheiden items met `;`. Lege cellen krijgen de standaardwaarde.
Controleer met `pmiek validate PAD`.

A workspace consists of the tables below: as a folder of CSV files (one file per table), an
Excel workbook (one sheet per table; `pmiek template` writes the template) or a GeoPackage (one
layer per table). Geometry is WKT in EPSG:28992 (RD New), or prefixed with `SRID=4326;` in
WGS84; a GeoPackage or GeoJSON layer may use any known CRS. Lists (`requires`,
`policy_goals`) separate items with `;`. Empty cells take the default. Check with
`pmiek validate PATH`.

Kolommen / columns: **vet** = verplicht / required. Typen / types: `string`, `integer`,
`float`, `boolean` (true/false, ja/nee), `year`, `enum` (one of the allowed values),
`id_list` (ids separated by `;`), `geometry` (WKT).
"""

_TOLERANCE = f"{AREA_TOLERANCE_M:g}"

_RULES = f"""## Regels over tabellen heen / cross-table rules

| regel / rule | code |
|---|---|
| Sleutels zijn uniek / keys are unique (`id`, or the composite key named per table) | `duplicate_key` |
| Verwijzingen bestaan / references exist (`parent_id`, `area_id`, `asset_id`, `profile`, `project_id`, `requires`, `excludes`, …) | `dangling_reference` |
| Geen kringen in `parent_id` (areas, assets, criteria) en `requires` / no cycles | `cycle`, `self_reference` |
| Een project vereist en sluit niet hetzelfde project uit / no project both required and excluded | `excludes_required` |
| Een project vereist of sluit zichzelf niet uit / no project requires or excludes itself | `self_reference` |
| Geen kringen in de componenten na het omhangen door de projecten (`new_parent_id`) / no cycles in the assets after the projects' re-parenting | `reparent_cycle` |
| Een ontwikkeling is niet gekoppeld aan haar eigen aansluitpunt (`coupled_asset_id` ≠ `asset_id`) / no development is coupled to its own connection point | `coupled_to_own_asset` |
| Elk getal binnen het fysieke bereik van zijn kolom (zie de kolommen; geen 1e308 of oneindig) / every number inside its column's physical range | `out_of_range` |
| Jaren binnen de planhorizon (standaard {EARLIEST_YEAR}–{LOAD_HORIZON}, `--horizon`) / years inside the horizon | `outside_horizon` |
| `start_year` ≤ `end_year` | `start_after_end` |
| Profielen: precies {HOURS_PER_YEAR} uren 0…{HOURS_PER_YEAR - 1}, piek 1 / profiles: exactly {HOURS_PER_YEAR} hours, peak 1 | `profile_length`, `profile_not_normalised` |
| Geldige geometrie binnen Nederland (RD New) / valid geometry inside the Netherlands | `invalid_geometry`, `unknown_crs`, `geometry_outside_rd` |
| Elk criterium heeft een motivatie / every criterion has a motivation | `missing_motivation` |
| `capex_low_meur` ≤ `capex_meur` ≤ `capex_high_meur` | `capex_range` |
| Elke ontwikkeling heeft een omvang: `demand_mw`/`feedin_mw`, of `quantity` + kengetal / every development has a size | `no_size` |
| Energiedrager van ontwikkeling en aansluitpunt gelijk / carrier of development and asset agree | `carrier_mismatch` |
| Waarschuwing: een ontwikkeling zonder aansluitpunt of uurprofiel telt niet mee in de belastingberekening / warning: a development without connection point or hourly profile is left out of the load projection | `not_connected`, `no_profile` |
| Waarschuwing: een component ligt in zijn gebied (`area_id`), een ontwikkeling ook (haar punt; bij een vlak een punt binnen het vlak), een gebied in het omvattende gebied (`parent_id`, elk punt), elk binnen {_TOLERANCE} m / warning: an asset lies in its area, a development too (its point; for a polygon a point inside it), an area in its parent (every point), each within {_TOLERANCE} m | `asset_outside_area`, `development_outside_area`, `area_outside_parent` |
"""


def _rules(column: Column) -> str:
    parts = []
    if column.allowed:
        parts.append(", ".join(f"`{a}`" for a in column.allowed))
    if column.range_text:
        parts.append(column.range_text)
    if column.references:
        parts.append(f"→ `{column.references}`")
    if column.default is not None:
        default = str(column.default).lower() if isinstance(column.default, bool) else (
            f"{column.default:g}" if isinstance(column.default, float) else column.default)
        parts.append(f"standaard/default `{default}`")
    return "; ".join(parts)


def _table(schema: Table) -> str:
    key = ", ".join(f"`{k}`" for k in schema.key)
    lines = [
        f"## `{schema.name}`",
        "",
        f"{schema.nl}  ",
        f"*{schema.en}*",
        "",
        f"Sleutel / key: {key}",
        "",
        "| kolom / column | type | eenheid / unit | regels / rules | omschrijving | description |",
        "|---|---|---|---|---|---|",
    ]
    for c in schema.columns:
        name = f"**`{c.name}`**" if c.required else f"`{c.name}`"
        lines.append(f"| {name} | {c.dtype.value} | {c.unit} | {_rules(c)} | {c.nl} | {c.en} |")
    return "\n".join(lines) + "\n"


def render_data_contract() -> str:
    """The whole data contract as Markdown (Dutch and English side by side)."""
    parts = [_HEAD, "## Tabellen / tables\n"]
    parts.append("\n".join(f"- [`{t.name}`](#{t.name}) — {t.nl}" for t in TABLES)
                 + "\n")
    parts += [_table(t) for t in TABLES]
    parts.append(_RULES)
    return "\n".join(parts)
