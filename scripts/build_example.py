"""Build the small example workspace shipped in ``src/pmiek/data/example``.

A hand-made miniature around Utrecht, Nieuwegein and Houten: enough of every table to show
the data contract and exercise every rule. Figures are rounded from
../shared/reference/utrecht-facts.md (population and dwellings 2023, station names, unit
parameters) and otherwise illustrative. Run ``python scripts/build_example.py``; the output
is deterministic.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
from dataset_files import write_dataset

from pmiek.domain.tables import HOURS_PER_YEAR
from pmiek.domain.workspace import Workspace

OUT = Path(__file__).resolve().parents[1] / "src" / "pmiek" / "data" / "example"


def square(x: float, y: float, half: float) -> str:
    return (f"POLYGON (({x - half:g} {y - half:g}, {x + half:g} {y - half:g}, "
            f"{x + half:g} {y + half:g}, {x - half:g} {y + half:g}, {x - half:g} {y - half:g}))")


def profiles() -> pd.DataFrame:
    hour = np.arange(HOURS_PER_YEAR)
    day = hour // 24
    hod = hour % 24
    winter = 0.5 * (1 + np.cos(2 * np.pi * (day - 15) / 365))  # 1 mid-January, 0 mid-July
    shapes = {
        "household": (0.45 + 0.35 * np.exp(-((hod - 19) ** 2) / 6)
                      + 0.1 * np.exp(-((hod - 8) ** 2) / 4)) * (0.75 + 0.25 * winter),
        "ev_evening": 0.1 + 0.9 * np.exp(-((hod - 20) ** 2) / 5),
        "solar": np.clip(np.sin(np.pi * (hod - 6) / 14), 0, None) * (1.2 - 0.7 * winter),
        "flat": np.full(HOURS_PER_YEAR, 0.9) + 0.1 * (hod == 12),
    }
    frames = [pd.DataFrame({"profile_id": name, "hour": hour, "value": np.round(v / v.max(), 6)})
              for name, v in shapes.items()]
    return pd.concat(frames, ignore_index=True)


def build() -> Workspace:
    areas = pd.DataFrame([
        ("PV26", "Provincie Utrecht", "province", None, 1387643, 593037, None),
        ("RES-U16", "RES-regio U16", "region", "PV26", 981913, None, None),
        ("GM0344", "Utrecht", "municipality", "RES-U16", 367947, 159409,
         square(136000, 456000, 5000)),
        ("GM0356", "Nieuwegein", "municipality", "RES-U16", 65426, 29444,
         square(134000, 447500, 3000)),
        ("GM0321", "Houten", "municipality", "RES-U16", 50581, 20672,
         square(141500, 446500, 3500)),
        ("HS-LW", "Lage Weide", "hotspot", "GM0344", None, None, square(132300, 457500, 1200)),
    ], columns=["id", "name", "kind", "parent_id", "population", "dwellings", "geometry"])
    # The squares are estimates, and so are the asset locations: maps say so.
    areas["geometry_source"] = np.where(areas["geometry"].notna(), "estimate", None)
    assets = pd.DataFrame([
        ("BKK380", "Breukelen-Kortrijk 380/150 kV", "electricity", "hv_station", "TenneT", 380,
         None, None, 1000, 800, None, "POINT (125500 464000)", False),
        ("LWD150", "Utrecht Lage Weide 150 kV", "electricity", "hv_station", "TenneT", 150,
         "BKK380", "HS-LW", 220, 180, None, "POINT (132300 458100)", False),
        ("ODR150", "Oudenrijn 150 kV", "electricity", "hv_station", "TenneT", 150, "BKK380",
         "GM0344", 160, 140, None, "POINT (131200 453700)", False),
        ("NWG150", "Nieuwegein 150 kV", "electricity", "hv_station", "TenneT", 150, "ODR150",
         "GM0356", 140, 110, None, "POINT (134400 450100)", False),
        ("LWD-MS", "Lage Weide MS", "electricity", "mv_station", "Stedin", 20, "LWD150",
         "HS-LW", 66, 50, None, "POINT (132200 458000)", True),
        ("UTC-MS", "Utrecht-Centrum MS", "electricity", "mv_station", "Stedin", 20, "ODR150",
         "GM0344", 66, 45, None, "POINT (136000 456000)", False),
        ("NWG-MS", "Nieuwegein MS", "electricity", "mv_station", "Stedin", 20, "NWG150",
         "GM0356", 60, 40, None, "POINT (134500 448000)", False),
        ("HTN-MS", "Houten MS", "electricity", "mv_station", "Stedin", 20, "NWG150", "GM0321",
         50, 40, None, "POINT (141500 446500)", False),
        ("BAT-LW", "Netbatterij Lage Weide", "electricity", "storage", "Stedin", 20, "LWD-MS",
         "HS-LW", 10, 10, 40, "POINT (132100 457900)", False),
        ("WN-UTR", "Warmtenet Utrecht", "heat", "heat_network", "Eneco", None, None, "GM0344",
         400, 0, None, "POINT (132100 457600)", False),
    ], columns=["id", "name", "carrier", "kind", "operator", "voltage_kv", "parent_id",
                "area_id", "capacity_demand_mw", "capacity_feedin_mw", "storage_energy_mwh",
                "geometry", "confidential"])
    assets["geometry_source"] = np.where(assets["geometry"].notna(), "estimate", None)
    developments = pd.DataFrame([
        ("D-MKZ", "Merwedekanaalzone", "housing", "GM0344", "UTC-MS", "electricity", 10000,
         "homes", None, None, None, 2025, 2035, 4, 0, "wonen", "woondeal", "POINT (134600 454600)"),
        ("D-UTC-W", "Woningbouw Utrecht overig", "housing", "GM0344", "UTC-MS", "electricity",
         8000, "homes", None, None, None, 2026, 2030, 3, 0, "wonen", "woondeal", None),
        ("D-NWG-W", "Woningbouw Nieuwegein", "housing", "GM0356", "NWG-MS", "electricity",
         3500, "homes", None, None, None, 2026, 2032, 3, 0, "wonen", "woondeal", None),
        ("D-HTN-W", "Woningbouw Houten", "housing", "GM0321", "HTN-MS", "electricity", 2500,
         "homes", None, None, None, 2027, 2031, 3, 0, "wonen", "woondeal", None),
        ("D-LW-BT", "Uitbreiding Lage Weide", "business_park", "HS-LW", "LWD-MS",
         "electricity", 30, "ha", None, None, None, 2026, 2029, 4, 0, "werk", "schatting",
         None),
        ("D-LW-IND", "Elektrificatie industrie Lage Weide", "industry", "HS-LW", "LWD150",
         "electricity", None, None, 45, None, "flat", 2027, 2030, 3, 0, "werk;co2",
         "schatting", None),
        ("D-UTC-EV", "Publieke laadpunten Utrecht", "mobility", "GM0344", "UTC-MS",
         "electricity", 6000, "charge_points", None, None, None, 2025, 2030, 4, 0, "mobiliteit",
         "NAL, geschaald", None),
        ("D-HTN-ZON", "Zonnepark Houten", "solar", "GM0321", "HTN-MS", "electricity", 35,
         "MWp", None, None, None, 2026, 2027, 4, 1, "res", "RES U16", None),
        ("D-NWG-ZON", "Zon op dak Nieuwegein", "solar", "GM0356", "NWG-MS", "electricity", 20,
         "MWp", None, None, None, 2025, 2030, 3, 0, "res", "RES U16", None),
        ("D-UMC", "Uitbreiding ziekenhuis", "utility", "GM0344", "UTC-MS", "electricity", None,
         None, 6, None, "flat", 2027, 2028, 5, 3, "zorg", "schatting", None),
        ("D-DC", "Datacenter Lage Weide", "data_center", "HS-LW", "LWD150", "electricity",
         None, None, 30, None, "flat", 2029, 2031, 2, 0, "werk", "schatting", None),
        ("D-WN", "Groei warmtenet Utrecht", "heat_network", "GM0344", "WN-UTR", "heat", 12000,
         "homes", None, None, None, 2026, 2035, 3, 0, "warmte", "schatting", None),
    ], columns=["id", "name", "sector", "area_id", "asset_id", "carrier", "quantity", "unit",
                "demand_mw", "feedin_mw", "profile", "start_year", "end_year", "certainty",
                "acm_priority", "policy_goals", "source", "geometry"])
    unit_parameters = pd.DataFrame([
        ("housing", "electricity", "homes", 2.0, 0.0, "household",
         "Planning peak all-electric new-build 1.5-2.0 kW (utrecht-facts T12, estimate)"),
        ("business_park", "electricity", "ha", 250.0, 0.0, "flat",
         "0.15-0.3 MW/ha (utrecht-facts T12, estimate)"),
        ("mobility", "electricity", "charge_points", 2.0, 0.0, "ev_evening",
         "Public charge point 1.5-3 kW at evening peak (utrecht-facts T12, estimate)"),
        ("solar", "electricity", "MWp", 0.0, 700.0, "solar",
         "Solar parks connected at 70% of peak power (utrecht-facts T12)"),
        ("heat_network", "heat", "homes", 5.0, 0.0, "household", "Estimate"),
    ], columns=["sector", "carrier", "unit", "demand_kw_per_unit", "feedin_kw_per_unit",
                "profile", "source"])
    projects = pd.DataFrame([
        ("P-ODR", "Pakket Oudenrijn", "TenneT", "electricity", "expansion", 120, 90, 180, 60,
         3, 5, 3, 2029, "in_ip", 2029, None, None, "GM0344", 4.0, False),
        ("P-UTN", "Nieuw station Utrecht-Noord", "TenneT", "electricity", "new_station", 200,
         150, 300, 90, 4, 7, 3, 2033, "in_ip", 2033, None, None, "GM0344", 6.5, False),
        ("P-LW-MS", "Uitbreiding MS Lage Weide", "Stedin", "electricity", "expansion", 15, 10,
         25, 12, 1, 3, 2, None, "candidate", None, "P-ODR", None, "HS-LW", 0.5, True),
        ("P-HTN-O", "Nieuw station Houten-Oost", "Stedin", "electricity", "new_station", 40,
         30, 60, 25, 2, 6, 3, None, "candidate", None, None, None, "GM0321", 1.5, False),
        ("P-BAT", "Buurtbatterijen Nieuwegein", "Stedin", "electricity", "storage", 8, 6, 12,
         3, 0, 2, 1, None, "candidate", None, None, "P-FLEX", "GM0356", 0.2, False),
        ("P-FLEX", "Flexcontract industrie Lage Weide", "Stedin", "electricity",
         "flex_contract", 1, 0.5, 2, 0.5, 0, 1, 1, None, "candidate", None, None, "P-BAT",
         "HS-LW", 0.0, False),
    ], columns=["id", "name", "operator", "carrier", "kind", "capex_meur", "capex_low_meur",
                "capex_high_meur", "fte_years", "transformers", "lead_time_years",
                "build_years", "earliest_year", "status", "ip_year", "requires", "excludes",
                "area_id", "spatial_claim_ha", "confidential"])
    project_effects = pd.DataFrame([
        ("P-ODR", "ODR150", 150.0, 100.0, None),
        ("P-UTN", "LWD150", 200.0, 150.0, None),
        ("P-LW-MS", "LWD-MS", 40.0, 30.0, None),
        ("P-HTN-O", "HTN-MS", 60.0, 60.0, "ODR150"),
        ("P-BAT", "NWG-MS", 8.0, 8.0, None),
        ("P-FLEX", "LWD150", 15.0, 0.0, None),
    ], columns=["project_id", "asset_id", "delta_demand_mw", "delta_feedin_mw",
                "new_parent_id"])
    years = range(2026, 2031)
    resources = pd.DataFrame(
        [(y, "TenneT", 150.0, 40.0, 3) for y in years]
        + [(y, "Stedin", 40.0, 25.0, 2) for y in years],
        columns=["year", "operator", "budget_meur", "fte", "transformers"])
    scenarios = pd.DataFrame([
        ("KM", "Koersvaste Middenweg", "II3050 v3 storyline", "Netbeheer Nederland II3050"),
        ("EV", "Eigen Vermogen", "II3050 v3 storyline", "Netbeheer Nederland II3050"),
    ], columns=["id", "name", "description", "source"])
    scenario_factors = pd.DataFrame([
        ("EV", "mobility", 2030, 1.2),
        ("EV", "solar", 2030, 1.3),
        ("KM", "industry", 2030, 0.9),
    ], columns=["scenario_id", "sector", "year", "factor"])
    scenario_parameters = pd.DataFrame([
        ("KM", "role_of_hydrogen", "limited", "Waterstof alleen voor industrie"),
        ("EV", "heat_supply", "individual", "Vooral individuele warmtepompen"),
    ], columns=["scenario_id", "parameter", "value", "description"])
    # The Energievisie's choices: the scenarios pick 'individual' and 'limited', which keep
    # the developments as they are; 'collective' splits new Utrecht homes' heat pumps.
    choice_rules = pd.DataFrame([
        ("HS-IND", "heat_supply", "individual", "keep", None, None, None, None, None, None,
         None, None, None, None, "Eigen warmtepompen", "Energievisie (voorbeeld)"),
        ("HS-COL-WN", "heat_supply", "collective", "split", "housing", "electricity", "GM0344",
         2024, 0.6, 0.7, "heat", "WN-UTR", 1.667, "flat", "Nieuwbouw op het warmtenet",
         "Voorbeeld [E]"),
        ("HS-COL-EL", "heat_supply", "collective", "split", "housing", "electricity", "GM0344",
         2024, 0.6, 0.3, None, None, None, None, "Nieuwbouw met eigen warmtepomp",
         "Voorbeeld [E]"),
        ("H2-LIM", "role_of_hydrogen", "limited", "keep", None, None, None, None, None, None,
         None, None, None, None, "Waterstof alleen voor industrie",
         "Energievisie (voorbeeld)"),
    ], columns=["id", "choice", "option", "action", "sector", "carrier", "area_id",
                "min_start_year", "portion", "share", "to_carrier", "to_asset", "conversion",
                "profile", "description", "source"])
    criteria = pd.DataFrame([
        ("MW", None, "Maatschappelijke waarde", "maatschappelijke_waarde", None, "benefit", None,
         "linear", 0.5, "Kern van het P-MIEK: ontwikkelingen mogelijk maken.",
         "Startnotitie P-MIEK 2.0", "provincie"),
        ("MW-WON", "MW", "Woningen tijdig aangesloten", "maatschappelijke_waarde",
         "homes_connected_2030", "benefit", "woningen", "linear", 0.6,
         "Woondeals: grootste maatschappelijke opgave in de provincie.", "Woondeal U10",
         "provincie"),
        ("MW-WRK", "MW", "Werklocaties mogelijk gemaakt", "maatschappelijke_waarde",
         "business_park_ha_2030", "benefit", "ha", "linear", 0.4,
         "Economische ontwikkeling en werkgelegenheid.", "Ruimtelijke agenda", "provincie"),
        ("RB", None, "Realiseerbaarheid", "realiseerbaarheid", None, "benefit", None, "linear",
         0.3, "Een project dat niet gebouwd kan worden, lost niets op.",
         "Startnotitie P-MIEK 2.0", "netbeheerders"),
        ("RB-FTE", "RB", "Beslag op technische menskracht", "realiseerbaarheid", "fte_years",
         "cost", "fte-jaar", "linear", 1.0, "Technici zijn de schaarste van dit decennium.",
         "Landelijk Actieprogramma Netcongestie", "netbeheerders"),
        ("ST", None, "Systeemtoets", "systeemtoets", None, "benefit", None, "linear", 0.2,
         "Past het project in het energiesysteem als geheel?", "Startnotitie P-MIEK 2.0",
         "netbeheerders"),
        ("ST-TEKORT", "ST", "Resterend tekort", "systeemtoets", "shortage_mw_years", "cost",
         "MW·jaar", "linear", 1.0, "Minder resterende congestie is beter.",
         "Netcode elektriciteit", "netbeheerders"),
    ], columns=["id", "parent_id", "name", "group", "indicator", "direction", "unit",
                "value_function", "weight", "motivation", "basis", "owner"])
    raw = {
        "areas": areas, "assets": assets, "developments": developments,
        "unit_parameters": unit_parameters, "profiles": profiles(), "projects": projects,
        "project_effects": project_effects, "resources": resources, "scenarios": scenarios,
        "scenario_factors": scenario_factors, "scenario_parameters": scenario_parameters,
        "choice_rules": choice_rules, "criteria": criteria,
    }
    from pmiek.adapters.files.text import column_text

    text = {name: frame.apply(lambda s: pd.Series(column_text(s.to_numpy(dtype=object)),
                                                  index=s.index))
            for name, frame in raw.items()}
    workspace, problems = Workspace.from_raw(text)
    if problems:
        raise SystemExit("\n".join(p.message("en") for p in problems))
    return workspace


if __name__ == "__main__":
    write_dataset(build(), OUT)
    print(f"wrote {OUT}")
