"""Build the embedded Utrecht dataset in ``src/pmiek/data/utrecht`` (CSV tables + SOURCES.md).

A province-sized demo of the data contract: the 26 municipalities of the province of Utrecht
with their 2023 population, dwellings and electricity use (ETM 2023), a schematic grid
(TenneT 150 kV stations, Stedin MV stations, heat networks, hydrogen and gas), the woondeal
housing programme, RES targets, charge points, business parks and other developments, the
known and candidate grid projects, scarce resources, the four II3050 storylines and a
proposed afwegingskader.

Every figure sits in a readable table below with its source; ``[S]`` = sourced, ``[D]`` =
derived from sourced figures (method stated), ``[E]`` = estimate (replace when a source is
found). The reference notes are ../shared/reference/utrecht-facts.md (tables T1-T12) and
dutch-practice.md. Geometry is schematic: Voronoi cells around the municipal centres, clipped
to a hand-drawn outline of the province.

Run ``python scripts/build_utrecht.py`` (add ``--check`` to print the checks and the station
peaks). The output is deterministic: no network, fixed random seed.
"""

from __future__ import annotations

import argparse
import math
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyproj
import shapely
from shapely.geometry import MultiPoint, Point, Polygon

from pmiek.adapters.files import read_workspace, write_workspace
from pmiek.adapters.files.text import column_text
from pmiek.domain.sizing import developed_mw
from pmiek.domain.tables import HOURS_PER_YEAR
from pmiek.domain.workspace import Workspace

OUT = Path(__file__).resolve().parents[1] / "src" / "pmiek" / "data" / "utrecht"
SEED = 2026_0301
"""Seed of every random draw (profiles only)."""

ETM = "ETM 2023 (Quintel ETSource, MIT)"

# =============================================================================================
# 1. Reference figures
# =============================================================================================

# T1 [S ETM 2023]: CBS code, name, RES region, population, dwellings, land km²; centre lat/lon
# [E] (main-town centre, ±0.02°).
MUNICIPALITIES: list[tuple[str, str, str, int, int, float, float, float]] = [
    ("GM0307", "Amersfoort", "RES-AMF", 160759, 68785, 62.5, 52.156, 5.388),
    ("GM0308", "Baarn", "RES-AMF", 25008, 11684, 32.5, 52.212, 5.287),
    ("GM0310", "De Bilt", "RES-U16", 43884, 19696, 66.2, 52.120, 5.190),
    ("GM0312", "Bunnik", "RES-U16", 16026, 6470, 36.9, 52.067, 5.198),
    ("GM0313", "Bunschoten", "RES-AMF", 22500, 8541, 30.4, 52.243, 5.375),
    ("GM0317", "Eemnes", "RES-AMF", 9598, 4079, 31.0, 52.254, 5.258),
    ("GM0321", "Houten", "RES-U16", 50581, 20672, 54.9, 52.028, 5.168),
    ("GM0353", "IJsselstein", "RES-U16", 33492, 14438, 21.0, 52.020, 5.043),
    ("GM0327", "Leusden", "RES-AMF", 31467, 13220, 58.5, 52.133, 5.431),
    ("GM0331", "Lopik", "RES-U16", 14704, 5822, 75.6, 51.972, 4.946),
    ("GM0335", "Montfoort", "RES-U16", 13929, 5746, 37.6, 52.046, 4.953),
    ("GM0356", "Nieuwegein", "RES-U16", 65426, 29444, 23.4, 52.029, 5.081),
    ("GM0589", "Oudewater", "RES-U16", 10232, 4315, 38.9, 52.025, 4.868),
    ("GM0339", "Renswoude", "RES-FV", 5747, 2149, 18.4, 52.074, 5.540),
    ("GM0340", "Rhenen", "RES-FV", 20329, 8269, 42.0, 51.959, 5.569),
    ("GM0736", "De Ronde Venen", "RES-U16", 45572, 18550, 99.7, 52.207, 4.863),
    ("GM0342", "Soest", "RES-AMF", 47439, 20935, 46.2, 52.173, 5.292),
    ("GM1904", "Stichtse Vecht", "RES-U16", 65771, 28716, 96.0, 52.160, 5.030),
    ("GM0344", "Utrecht", "RES-U16", 367947, 159409, 93.8, 52.090, 5.122),
    ("GM1581", "Utrechtse Heuvelrug", "RES-U16", 50429, 21833, 132.0, 52.040, 5.330),
    ("GM0345", "Veenendaal", "RES-FV", 68525, 28601, 19.4, 52.028, 5.559),
    ("GM1961", "Vijfheerenlanden", "RES-U16", 60052, 24175, 146.3, 51.940, 5.070),
    ("GM0352", "Wijk bij Duurstede", "RES-U16", 23995, 10238, 47.6, 51.974, 5.341),
    ("GM0632", "Woerden", "RES-U16", 53244, 22411, 88.6, 52.086, 4.883),
    ("GM0351", "Woudenberg", "RES-AMF", 14358, 5279, 36.5, 52.081, 5.416),
    ("GM0355", "Zeist", "RES-U16", 66629, 29560, 48.5, 52.089, 5.233),
]
PROVINCE = ("PV26", "Provincie Utrecht", 1387643, 593037)  # T1 [S ETM]

# RES regions (T1 [S]); Foodvalley is only its Utrecht part (Renswoude, Rhenen, Veenendaal).
REGIONS = [
    ("RES-U16", "RES-regio U16", "U16 = 16 gemeenten (T1)"),
    ("RES-AMF", "RES-regio Amersfoort", "7 gemeenten (T1)"),
    ("RES-FV", "RES-regio Foodvalley (Utrechts deel)", "3 van 8 gemeenten (T1)"),
]

# T2 [D from ETM graph values, 2023]: electricity GWh/yr by sector, PV MWp, wind MW, district
# heat for households GWh/yr.
#   (CBS, households, services, industry, agriculture, transport, rooftop PV MWp,
#    PV fields MWp, wind MW, district heat GWh)
BASELINE: list[tuple[str, float, float, float, float, float, float, float, float, float]] = [
    ("GM0307", 186, 224, 39, 2, 54, 146, 26, 0, 24),
    ("GM0308", 33, 24, 9, 1, 7, 18, 0, 0, 0),
    ("GM0310", 59, 58, 6, 3, 11, 33, 0, 0, 0),
    ("GM0312", 18, 27, 10, 4, 7, 24, 26, 0, 0),
    ("GM0313", 29, 32, 49, 9, 1, 38, 0, 0, 0),
    ("GM0317", 12, 12, 1, 1, 5, 17, 6, 0, 0),
    ("GM0321", 60, 57, 8, 21, 8, 91, 33, 5, 20),
    ("GM0353", 42, 28, 9, 1, 2, 28, 0, 0, 0),
    ("GM0327", 43, 38, 8, 3, 4, 41, 0, 0, 0),
    ("GM0331", 20, 16, 6, 5, 2, 25, 0, 4, 0),
    ("GM0335", 19, 19, 23, 3, 1, 28, 0, 0, 0),
    ("GM0356", 79, 162, 21, 1, 10, 75, 11, 9, 39),
    ("GM0589", 14, 11, 2, 3, 1, 15, 0, 0, 0),
    ("GM0339", 7, 7, 4, 3, 1, 13, 0, 0, 0),
    ("GM0340", 27, 18, 9, 3, 3, 24, 0, 0, 0),
    ("GM0736", 61, 43, 13, 19, 10, 48, 0, 2, 1),
    ("GM0342", 64, 66, 14, 1, 5, 43, 0, 0, 0),
    ("GM1904", 84, 56, 11, 12, 23, 56, 0, 0, 0),
    ("GM0344", 376, 592, 85, 4, 212, 222, 0, 0, 276),
    ("GM1581", 70, 68, 5, 5, 18, 52, 0, 0, 0),
    ("GM0345", 83, 98, 41, 1, 8, 67, 0, 0, 13),
    ("GM1961", 76, 66, 524, 9, 18, 86, 0, 10, 0),
    ("GM0352", 29, 25, 1, 3, 1, 66, 36, 0, 0),
    ("GM0632", 66, 69, 67, 86, 22, 62, 0, 0, 1),
    ("GM0351", 18, 19, 2, 4, 3, 20, 0, 0, 1),
    ("GM0355", 85, 109, 20, 2, 9, 48, 0, 0, 0),
]
# Existing district heat is modelled only where a heat network asset exists (Utrecht and
# Nieuwegein on the Eneco network, Amersfoort); Houten 20, Veenendaal 13 and three
# municipalities with 1 GWh are left out (no heat asset in this dataset).
HEAT_NETWORK_OF = {"GM0344": "WN-UTR", "GM0356": "WN-UTR", "GM0307": "WN-AMF"}

# Full-load hours of PV and wind (T12 [S ETM]): generation GWh = MWp × 900 / 1000 (solar),
# MW × 2,756 / 1000 (wind).
FLH_SOLAR = 900.0
FLH_WIND = 2756.0

# =============================================================================================
# 2. Schematic geometry (RD New, EPSG:28992)
# =============================================================================================

# Hand-drawn outline roughly around the province [E, schematic], clockwise from the north-west.
# Follows the province border only approximately (De Ronde Venen, Eemnes/Bunschoten on the
# Eemmeer, the Gelderland border east of Amersfoort and Veenendaal, the Nederrijn/Lek in the
# south, Vijfheerenlanden south of the Lek, the Zuid-Holland border west of Woerden).
OUTLINE_RD: list[tuple[int, int]] = [
    (112500, 470000), (117500, 476500), (124500, 479500), (131000, 476500),
    (137000, 470500), (142500, 472000), (145500, 478000), (151000, 478500),
    (155500, 477000), (160000, 471000), (162500, 464500), (161500, 458500),
    (168000, 457000), (171500, 449500), (172500, 441500), (166500, 437500),
    (156000, 438500), (146500, 440500), (142500, 442000), (142000, 436000),
    (139000, 429500), (128000, 430500), (125000, 437000), (122500, 441000),
    (117000, 441500), (113000, 446000), (110500, 455000), (112500, 462000),
]

# Hotspots (T8): id, name, municipality, lat, lon, radius km [E] (circle of about the site's
# area), source. Each hotspot centre also seeds a Voronoi cell of its municipality, so that the
# schematic municipality contains its hotspot.
HOTSPOTS: list[tuple[str, str, str, float, float, float, str]] = [
    ("HS-LW", "Lage Weide", "GM0344", 52.105, 5.072, 1.0,
     "T8: 308 ha, 900 bedrijven, 19.000 banen (urbanxchange.nl); ligging [E]"),
    ("HS-USP", "Utrecht Science Park", "GM0344", 52.085, 5.175, 1.0,
     "T8: >3 km², UU/HU/UMC/RIVM (rrradvice.nl); ligging [E]"),
    ("HS-MKZ", "Merwedekanaalzone", "GM0344", 52.076, 5.108, 0.5,
     "T7: 6.000-10.000 woningen (duurzaamgebouwd.nl); ligging [E]"),
    ("HS-PAP", "Papendorp/De Wetering", "GM0344", 52.069, 5.081, 0.7,
     "T8: ECUB-bedrijventerreinen (utrechtbusiness.nl); ligging [E]"),
    ("HS-RIJ", "Rijnenburg", "GM0344", 52.050, 5.060, 1.0,
     "T3: Stedin-station ×3 en nieuw TenneT-station (ustad.nl); ligging [E]"),
    ("HS-NWG", "Nieuwegein Liesbosch/Laagraven", "GM0356", 52.051, 5.113, 0.8,
     "T8: ECUB-bedrijventerreinen (utrechtbusiness.nl); ligging [E]"),
    ("HS-AMF", "Amersfoort De Hoef/Isselt", "GM0307", 52.165, 5.372, 0.9,
     "T8: niet in detail onderzocht; ligging [E]"),
    ("HS-VAT", "Amersfoort Vathorst", "GM0307", 52.1955, 5.4384, 1.0,
     "T8: WKK Vathorst in OSM (52.1955, 5.4384); omvang [E]"),
    ("HS-VND", "Veenendaal De Compagnie/'t Goeie Spoor", "GM0345", 52.020, 5.540, 0.9,
     "T8: niet onderzocht; ligging [E]"),
    ("HS-WRD", "Woerden Nieuw Middelland/Barwoutswaarder", "GM0632", 52.090, 4.900, 0.8,
     "T4: Nieuw Middelland als groeier (ANP/Stedin 2023); ligging [E]"),
    ("HS-LRD", "Leerdam (glasindustrie)", "GM1961", 51.893, 5.092, 0.8,
     "T2: 524 GWh industrie in Vijfheerenlanden (ETM; interpretatie [E]); ligging [E]"),
]

_TO_RD = pyproj.Transformer.from_crs("EPSG:4326", "EPSG:28992", always_xy=True)


def rd(lat: float, lon: float) -> tuple[float, float]:
    """WGS84 → RD New, rounded to whole metres."""
    x, y = _TO_RD.transform(lon, lat)
    return float(round(x)), float(round(y))


def point(lat: float, lon: float) -> Point:
    return Point(*rd(lat, lon))


def build_geometry() -> tuple[Polygon, dict[str, shapely.Geometry]]:
    """The outline and a polygon per municipality, region and hotspot."""
    outline = Polygon(OUTLINE_RD)
    seeds = [(m[0], point(m[6], m[7])) for m in MUNICIPALITIES]
    seeds += [(h[2], point(h[3], h[4])) for h in HOTSPOTS]
    for owner, seed in seeds:
        if not outline.contains(seed):
            raise SystemExit(f"seed of {owner} lies outside the outline")
    cells = shapely.voronoi_polygons(MultiPoint([s for _, s in seeds]), extend_to=outline,
                                     ordered=True)
    by_owner: dict[str, list[shapely.Geometry]] = {}
    for (owner, _), cell in zip(seeds, cells.geoms, strict=True):
        by_owner.setdefault(owner, []).append(
            shapely.set_precision(cell.intersection(outline), 1.0))
    shapes: dict[str, shapely.Geometry] = {
        owner: shapely.union_all(parts, grid_size=1.0) for owner, parts in by_owner.items()}
    region_of = {m[0]: m[2] for m in MUNICIPALITIES}
    for region, _, _ in REGIONS:
        members = [shapes[m] for m, r in region_of.items() if r == region]
        shapes[region] = shapely.union_all(members, grid_size=1.0)
    for hid, _, owner, lat, lon, radius, _ in HOTSPOTS:
        circle = point(lat, lon).buffer(radius * 1000, quad_segs=8)
        shapes[hid] = shapely.set_precision(circle.intersection(shapes[owner]), 1.0)
    for key, shape in shapes.items():
        if not shape.is_valid or shape.is_empty:
            raise SystemExit(f"bad schematic geometry for {key}")
    return outline, shapes


# =============================================================================================
# 3. Profiles: 8760 synthetic hours, hour 0 = 1 January 00:00 local standard time (CET, no
#    daylight saving), a non-leap year that starts on a Monday. Each is divided by its maximum.
# =============================================================================================

LAT = 52.1  # latitude of the solar geometry [°N]
LON = 5.1   # longitude [°E]


def _ar1(rng: np.random.Generator, n: int, phi: float, sd: float) -> np.ndarray:
    shocks = rng.normal(0.0, sd, n)
    out = np.empty(n)
    out[0] = shocks[0] / math.sqrt(1 - phi**2)
    for i in range(1, n):
        out[i] = phi * out[i - 1] + shocks[i]
    return out


def _bisect(f: Callable[[float], float], lo: float, hi: float, target: float,
            steps: int = 60) -> float:
    """The x in [lo, hi] with f(x) = target, f increasing."""
    for _ in range(steps):
        mid = 0.5 * (lo + hi)
        lo, hi = (mid, hi) if f(mid) < target else (lo, mid)
    return 0.5 * (lo + hi)


def build_profiles() -> dict[str, np.ndarray]:
    """The named hourly shapes, unnormalised."""
    rng = np.random.default_rng(SEED)
    hour = np.arange(HOURS_PER_YEAR)
    day = hour // 24
    hod = hour % 24
    weekend = (day % 7) >= 5
    winter = 0.5 * (1 + np.cos(2 * np.pi * (day - 15) / 365))  # 1 mid-January, 0 mid-July

    # Synthetic temperature year: seasonal sinusoid (3.3 °C late January, 17.3 °C late July),
    # autocorrelated day-to-day weather, daily cycle (max 15 h), hourly noise.
    weather = _ar1(rng, 366, 0.8, 2.0)
    t_day = 10.3 - 7.0 * np.cos(2 * np.pi * (np.arange(366) - 20) / 365) + weather
    temp = (np.interp(hour / 24, np.arange(366), t_day)
            + (2.5 + 2.5 * (1 - winter)) * np.cos(2 * np.pi * (hod - 15) / 24)
            + rng.normal(0.0, 0.5, HOURS_PER_YEAR))

    # Space heat ∝ max(0, 18 − T), with morning/evening use and a night setback; hot water.
    use = (1 + 0.25 * np.exp(-((hod - 7) ** 2) / 3) + 0.2 * np.exp(-((hod - 18) ** 2) / 6)
           - 0.25 * ((hod < 5) | (hod >= 23)))
    space = np.clip(18.0 - temp, 0.0, None) * use
    water = 0.9 * (0.4 + np.exp(-((hod - 7.5) ** 2) / 2) + 0.8 * np.exp(-((hod - 20) ** 2) / 3))
    space_heat = space + water
    cop = np.clip(3.2 + 0.09 * temp, 2.0, 5.0)  # air-water heat pump, COP falls with T
    heat_pump = space / cop + water / 2.8

    # Households (appliances, lighting): low at night, evening peak 18-20 h, winter evenings
    # higher (lighting); about 2,900 full-load hours, i.e. ~1 kW per dwelling at the peak
    # for 2.8 MWh/yr (T12: 0.8-1.2 kW).
    shape = np.array([0.30, 0.24, 0.21, 0.20, 0.20, 0.22, 0.30, 0.45, 0.50, 0.42, 0.38, 0.38,
                      0.40, 0.38, 0.37, 0.40, 0.50, 0.68, 0.85, 0.88, 0.80, 0.66, 0.52, 0.40])
    late = np.roll(shape, 1)  # weekends: mornings an hour later
    household = (np.where(weekend, late[hod], shape[hod]) * (0.70 + 0.30 * winter)
                 + 0.15 * winter * ((hod >= 16) & (hod <= 20))
                 + rng.normal(0.0, 0.01, HOURS_PER_YEAR))

    # All-electric new-build: appliances ~0.8 kW + heat pump ~1.2 kW at the peak (T12).
    allelectric = 0.4 * household / household.max() + 0.6 * heat_pump / heat_pump.max()

    # Evening charging (arrival at home), lower at weekends, slightly higher in winter.
    ev = np.array([0.30, 0.22, 0.15, 0.10, 0.08, 0.08, 0.10, 0.15, 0.20, 0.22, 0.22, 0.22,
                   0.22, 0.22, 0.24, 0.30, 0.45, 0.70, 0.90, 1.00, 0.95, 0.80, 0.60, 0.42])
    ev_evening = ev[hod] * np.where(weekend, 0.85, 1.0) * (0.92 + 0.08 * winter)

    # Offices, shops, services: weekdays 8-18.
    office = np.where((hod >= 8) & (hod < 18), 1.0,
                      np.where((hod == 7) | (hod == 18), 0.6,
                               np.where((hod == 19) | (hod == 20), 0.42, 0.30)))
    business_hours = (np.where(weekend, 0.32 + 0.08 * ((hod >= 10) & (hod < 17)), office)
                      * (0.9 + 0.1 * winter) + rng.normal(0.0, 0.01, HOURS_PER_YEAR))

    # Industry, data centres, hospitals: near-flat, day shift a little higher.
    flat = (np.where(weekend, 0.72, np.where((hod >= 6) & (hod < 22), 1.0, 0.82))
            + rng.normal(0.0, 0.01, HOURS_PER_YEAR))

    # Solar: clear sky ∝ sin(elevation) (declination and hour angle, solar time from CET via the
    # longitude and the equation of time), times a seeded cloudiness: autocorrelated daily
    # clearness (cloudier in winter) with hourly noise.
    doy = day + 1
    decl = np.radians(23.45) * np.sin(2 * np.pi * (284 + doy) / 365)
    b = 2 * np.pi * (doy - 81) / 364
    eot = 9.87 * np.sin(2 * b) - 7.53 * np.cos(b) - 1.5 * np.sin(b)  # minutes
    solar_time = hod + 0.5 + (LON - 15.0) / 15.0 + eot / 60.0
    omega = np.radians(15.0 * (solar_time - 12.0))
    phi = np.radians(LAT)
    sin_el = np.sin(phi) * np.sin(decl) + np.cos(phi) * np.cos(decl) * np.cos(omega)
    clear_sky = np.clip(sin_el, 0.0, None)
    daily = _ar1(rng, 365, 0.6, 0.18)[day]
    hourly = rng.normal(0.0, 0.08, HOURS_PER_YEAR)

    def solar_for(mean: float) -> np.ndarray:
        clearness = np.clip(mean - 0.15 * winter + daily + hourly, 0.05, 1.0)
        return clear_sky * clearness

    # Tune the mean clearness so that feed-in = 0.7 × MWp × profile yields 900 h (T12).
    target = FLH_SOLAR / 0.7
    mean = _bisect(lambda m: float((solar_for(m) / solar_for(m).max()).sum()), 0.2, 1.2, target)
    solar = solar_for(mean)

    # Wind: Rayleigh-distributed speed from two autocorrelated Gaussian components (hourly
    # persistence), stronger in winter; a cubic power curve (cut-in 3, rated 12, cut-out
    # 25 m/s). The speed scale is tuned so that MW × profile yields 2,756 h (T12).
    gx = _ar1(rng, HOURS_PER_YEAR, 0.97, math.sqrt(1 - 0.97**2))
    gy = _ar1(rng, HOURS_PER_YEAR, 0.97, math.sqrt(1 - 0.97**2))
    magnitude = np.sqrt(gx**2 + gy**2) / math.sqrt(2) * (0.8 + 0.4 * winter)

    def wind_for(scale: float) -> np.ndarray:
        v = scale * magnitude
        power = np.clip((v**3 - 27.0) / (12.0**3 - 27.0), 0.0, 1.0)
        return np.where(v > 25.0, 0.0, power)

    scale = _bisect(lambda s: float(wind_for(s).sum()), 2.0, 15.0, FLH_WIND)
    wind = wind_for(scale)

    return {
        "household": household,
        "heat_pump": heat_pump,
        "housing_allelectric": allelectric,
        "space_heat": space_heat,
        "ev_evening": ev_evening,
        "business_hours": business_hours,
        "flat": flat,
        "solar": solar,
        "wind": wind,
    }


def normalise(shapes: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Divide by the maximum, then round to 6 decimals (the maximum stays exactly 1)."""
    out = {}
    for name, values in shapes.items():
        v = np.round(np.clip(values, 0.0, None) / values.max(), 6)
        if v.max() != 1.0:
            raise SystemExit(f"profile {name} is not normalised")
        out[name] = v
    return out


PROFILE_NOTES = {
    "household": "huishoudelijk verbruik (apparaten, verlichting): avondpiek 18-19 u, "
                 "winter hoger [E, synthetisch]",
    "heat_pump": "lucht-waterwarmtepomp: ruimteverwarming ∝ max(0, 18 − T) / COP(T) plus "
                 "warm tapwater; synthetisch temperatuurjaar [E]",
    "housing_allelectric": "all-electric nieuwbouw: 0,4 × huishouden + 0,6 × warmtepomp "
                           "(≈0,8 + 1,2 kW op de piek, T12) [E]",
    "space_heat": "warmtevraag warmtenet: ruimteverwarming ∝ max(0, 18 − T) plus tapwater [E]",
    "ev_evening": "laden bij thuiskomst, piek 19-20 u; weekend lager [E, synthetisch]",
    "business_hours": "kantoren, winkels, diensten, scholen: werkdagen 8-18 u [E]",
    "flat": "industrie, datacenters, ziekenhuizen, elektrolyse: vrijwel vlak [E]",
    "solar": "zon: sin(zonshoogte) uit declinatie en uurhoek (52,1° N, 5,1° O), maal "
             "geseede bewolking; afgestemd op 900 vollasturen bij 0,7 × MWp (T12)",
    "wind": "wind: Rayleigh-verdeelde, autocorrelerende windsnelheid, winter sterker, "
            "vermogenskromme 3/12/25 m/s; afgestemd op 2.756 vollasturen (T12)",
}

# =============================================================================================
# 4. Unit parameters: contribution per unit to the coincident peak, after diversity.
# =============================================================================================

# (sector, carrier, unit, demand kW/unit, feed-in kW/unit, profile, source)
UNIT_PARAMETERS: list[tuple[str, str, str, float, float, str, str]] = [
    ("housing", "electricity", "homes", 2.0, 0.0, "housing_allelectric",
     "All-electric nieuwbouw 1,5-2,0 kW planningspiek (T12 [E]); bovenkant gekozen: "
     "warmtepomp 1,2 kW op de feederpiek (arXiv 2409.18105, T12 [S]) + ~0,8 kW apparaten. "
     "Thuisladen van EV's niet inbegrepen (laadpunten apart)"),
    ("mobility", "electricity", "charge_points", 1.5, 0.0, "ev_evening",
     "Laadpunt 1,5 kW op de avondpiek: publiek 1,5-3 kW (T12 [E]), EV 1,4 kW bijdrage aan "
     "de feederpiek (arXiv 2409.18105 [S]); onderkant gekozen want mix met privé-laadpunten"),
    ("business_park", "electricity", "ha", 250.0, 0.0, "business_hours",
     "0,15-0,3 MW/ha (T12 [D/E]: 4,7 TWh / 3.963 ha ÷ 4.000 h ≈ 0,3 MW/ha bovengrens); "
     "250 kW/ha gekozen voor nieuwe, deels geëlektrificeerde terreinen [E]"),
    ("solar", "electricity", "MWp", 0.0, 700.0, "solar",
     "Zonneparken op 70% van het piekvermogen aangesloten (tw.nl, T12 [S]); dak-pv "
     "0,6-0,7 na eigen verbruik (T12 [E]). Opwek = MWp × 900 h (ETM, T12 [S])"),
    ("wind", "electricity", "MW", 0.0, 1000.0, "wind",
     "Windturbine: invoeding = nominaal vermogen (T12 [E]). Opwek = MW × 2.756 h "
     "(ETM Utrecht, T12 [S])"),
    ("heat_network", "heat", "connections", 2.0, 0.0, "space_heat",
     "Per woningaansluiting op een warmtenet. [D] warmtenet Utrecht: 276 GWh / 51.000 "
     "woningen ≈ 5,4 MWh/woning/jaar (T2, T10) ÷ 2.644 vollasturen van profiel space_heat "
     "≈ 2,0 kW"),
]

# Full-load hours of the existing 2023 loads: the peak of a sector is its annual energy
# divided by the full-load hours of its profile (Σ of the normalised profile, printed in
# SOURCES.md), so the hourly engine reproduces the ETM annual energy exactly [E: the shapes].
BASELINE_SECTORS = [
    # (code, column in BASELINE, sector, profile, name, share key)
    ("HH", 1, "housing", "household", "huishoudens", "res"),
    ("DV", 2, "utility", "business_hours", "diensten (utiliteit)", "bus"),
    ("IND", 3, "industry", "flat", "industrie", "bus"),
    ("LB", 4, "agriculture", "business_hours", "landbouw", "bus"),
    ("MOB", 5, "mobility", "ev_evening", "vervoer (incl. spoor)", "res"),
]

# =============================================================================================
# 5. Assets
# =============================================================================================

# Electricity, 380/150 kV and 150 kV stations (T3). Capacities are ESTIMATES [E]: the firm
# (N-1) 150/MV transformation of n transformers of the stated size (T12: 40-80 MVA, 2-4 per
# station; cos φ ≈ 1), set so that the public picture is reproduced: TenneT demand and feed-in
# congestion across the province (T4) and a shortfall of the order of 250 MW around Utrecht
# and Amersfoort in 2026-2029 (T4). Feed-in capacity is lower where TenneT's 150 kV feed-in is
# full (T4, since Oct 2021). capacity 0 = planned station that gets its capacity from a project.
#   (id, name, operator, kV, parent, area, lat, lon, n trafos, MVA each, demand MW,
#    feed-in MW, source of the location)
HV_STATIONS: list[tuple[str, str, str, float, str | None, str | None, float, float, int, float,
                        float, float, str]] = [
    ("BKK380", "Breukelen-Kortrijk 380/150 kV", "TenneT", 380, None, "GM1904",
     52.165, 5.000, 3, 500, 1000, 680, "T3 ligging [E]; enige 380 kV-station in het gebied"),
    ("BKN150", "Breukelen 150 kV", "TenneT", 150, "BKK380", "GM1904",
     52.1884, 4.9929, 2, 66, 62, 33, "T3 OSM"),
    ("WRD150", "Woerden 150 kV", "TenneT", 150, "BKK380", "GM0632",
     52.0900, 4.9050, 3, 66, 82, 39, "T3: Woerden niet in OSM; ligging en bestaan [E]"),
    ("LWD150", "Utrecht Lage Weide 150 kV", "TenneT", 150, "BKK380", "HS-LW",
     52.1048, 5.0701, 2, 66, 49, 15, "T3 OSM"),
    ("UNO150", "Utrecht-Noordoost 150 kV", "TenneT", 150, "BKK380", "GM0344",
     52.1306, 5.1047, 3, 66, 118, 27, "T3 OSM-knoop zonder naam; naam [E]"),
    ("ULR150", "Utrecht Leidsche Rijn 150 kV", "TenneT", 150, "BKK380", "GM0344",
     52.0789, 5.0624, 2, 66, 58, 16, "T3 OSM-knoop zonder naam; naam [E]"),
    ("ODR150", "Oudenrijn 150 kV", "TenneT", 150, "BKK380", "GM0344",
     52.0651, 5.0553, 3, 66, 81, 52, "T3 OSM"),
    ("NWG150", "Nieuwegein 150 kV", "TenneT", 150, "BKK380", "GM0356",
     52.0507, 5.1211, 3, 66, 127, 150, "T3 OSM"),
    ("DBG150", "Driebergen 150 kV", "TenneT", 150, "BKK380", "GM1581",
     52.0574, 5.2650, 3, 66, 128, 134, "T3 OSM"),
    ("SST150", "Soest 150 kV", "TenneT", 150, "BKK380", "GM0342",
     52.1673, 5.3410, 3, 66, 96, 50, "T3 OSM"),
    ("BSC150", "Bunschoten 150 kV", "TenneT", 150, "BKK380", "GM0313",
     52.2490, 5.3932, 2, 66, 41, 57, "T3 OSM"),
    ("AMN150", "Amersfoort-Noord 150 kV", "TenneT", 150, "BKK380", "HS-AMF",
     52.1700, 5.3850, 2, 40, 25, 15, "T3: Amersfoort niet in OSM; naam en ligging [E]"),
    ("AMZ150", "Amersfoort-Zuid 150 kV", "TenneT", 150, "BKK380", "GM0307",
     52.1400, 5.3950, 3, 66, 85, 75, "T3: Amersfoort niet in OSM; naam en ligging [E]"),
    ("VNS150", "Veenendaal 't Goeie Spoor 150 kV", "TenneT", 150, "BKK380", "GM0345",
     52.0237, 5.5469, 2, 40, 39, 20, "T3 OSM"),
    ("VNW150", "Veenendaal Wageningselaan 150 kV", "TenneT", 150, "BKK380", "GM0345",
     52.0062, 5.5785, 2, 40, 40, 27, "T3 OSM"),
    ("ARK150", "Arkel 150 kV (voeding Leerdam)", "TenneT", 150, None, None,
     51.8717, 4.9906, 3, 80, 117, 15,
     "T3 OSM (buurstation in Zuid-Holland); voeding Vijfheerenlanden-Zuid [E]"),
    # Planned stations: capacity comes from their projects (project_effects).
    ("UTN150", "Utrecht-Noord 150 kV (gepland, Haarrijn)", "TenneT", 150, "BKK380", "GM0344",
     52.1000, 5.0400, 0, 0, 0, 0, "T3/T5: zoekgebied bij Haarrijn (duic.nl, juni 2025) [E]"),
    ("ODX150", "Oudenrijn nieuw 150 kV-station (gepland)", "TenneT", 150, "BKK380", "GM0344",
     52.0620, 5.0500, 0, 0, 0, 0, "T3: nieuw 150 kV-station 'bij Oudenrijn' (pen.nl) [E]"),
    ("RIJ150", "Rijnenburg 150 kV (gepland)", "TenneT", 150, "BKK380", "HS-RIJ",
     52.0480, 5.0620, 0, 0, 0, 0, "T3: nieuw TenneT-station naast Stedin (ustad.nl) [E]"),
    ("HTO150", "Houten-Oost HS/MS (gepland)", "Stedin", 150, "BKK380", "GM0321",
     52.0300, 5.1900, 0, 0, 0, 0, "T3: nieuw station Houten-Oost (ANP) [E]"),
    ("SBA150", "Soest-Baarn HS/MS (gepland, bij RWZI)", "Stedin", 150, "BKK380", "GM0342",
     52.1900, 5.2900, 0, 0, 0, 0, "T3: locatie bij RWZI tussen Soest en Baarn [E]"),
    ("AMF-OS1", "Amersfoort nieuw onderstation 1 (gepland)", "Stedin", 150, "BKK380",
     "GM0307", 52.1600, 5.4100, 0, 0, 0, 0, "T5: 'drie nieuwe onderstations' (regio "
     "Amersfoort, apr 2024); ligging [E]"),
    ("AMF-OS2", "Amersfoort nieuw onderstation 2 (gepland)", "Stedin", 150, "BKK380",
     "HS-VAT", 52.2000, 5.4300, 0, 0, 0, 0, "T5 idem; ligging [E]"),
    ("AMF-OS3", "Amersfoort nieuw onderstation 3 (gepland)", "Stedin", 150, "BKK380",
     "GM0327", 52.1300, 5.4200, 0, 0, 0, 0, "T5 idem; ligging [E]"),
]

# Stedin MV stations, one or more per municipality (aggregated: each stands for the MV
# distribution of its part of the municipality). res/bus = its share of the municipality's
# residential (households, transport, rooftop PV, new homes, charge points) and business
# (services, industry, agriculture) load [E]; 'fields' marks the station that takes the
# municipality's existing PV fields and wind. Capacities [E] (see HV_STATIONS).
#   (id, name, municipality, area, kV, parent, lat, lon, res, bus, fields, demand MW,
#    feed-in MW, confidential)
MV_STATIONS: list[tuple[str, str, str, str, float, str, float, float, float, float, bool,
                        float, float, bool]] = [
    ("MS-UTR-OVV", "Utrecht Overvecht/Noord MS", "GM0344", "GM0344", 10, "UNO150",
     52.1120, 5.1150, 0.20, 0.10, False, 48, 19, False),
    ("MS-UTR-CEN", "Utrecht Centrum/Oost MS", "GM0344", "GM0344", 10, "UNO150",
     52.0900, 5.1220, 0.25, 0.20, False, 71, 18, False),
    ("MS-UTR-USP", "Utrecht Science Park MS", "GM0344", "HS-USP", 20, "UNO150",
     52.0850, 5.1750, 0.02, 0.15, False, 27, 5, False),
    ("MS-UTR-LW", "Lage Weide MS", "GM0344", "HS-LW", 20, "LWD150",
     52.1040, 5.0740, 0.00, 0.20, False, 32, 5, True),
    ("MS-UTR-LR", "Utrecht Leidsche Rijn MS", "GM0344", "GM0344", 20, "ULR150",
     52.1000, 5.0450, 0.25, 0.10, False, 58, 25, False),
    ("MS-UTR-PAP", "Papendorp/De Wetering MS", "GM0344", "HS-PAP", 20, "ULR150",
     52.0690, 5.0810, 0.00, 0.10, False, 16, 5, False),
    ("MS-UTR-KAN", "Utrecht Zuid/Kanaleneiland MS", "GM0344", "GM0344", 10, "ODR150",
     52.0750, 5.1000, 0.28, 0.15, False, 69, 25, False),
    ("MS-UTR-RIJ", "Rijnenburg MS", "GM0344", "HS-RIJ", 20, "ODR150",
     52.0500, 5.0600, 0.00, 0.00, True, 20, 20, False),
    ("MS-AMF-CEN", "Amersfoort Centrum MS", "GM0307", "GM0307", 10, "AMZ150",
     52.1560, 5.3880, 0.35, 0.25, False, 38, 27, False),
    ("MS-AMF-HOE", "Amersfoort De Hoef/Isselt MS", "GM0307", "HS-AMF", 20, "AMN150",
     52.1650, 5.3720, 0.05, 0.45, False, 31, 5, True),
    ("MS-AMF-VAT", "Amersfoort Vathorst MS", "GM0307", "HS-VAT", 20, "BSC150",
     52.1955, 5.4384, 0.30, 0.10, True, 28, 46, False),
    ("MS-AMF-ZUI", "Amersfoort Zuid MS", "GM0307", "GM0307", 10, "AMZ150",
     52.1400, 5.3800, 0.30, 0.20, False, 31, 23, False),
    ("MS-NWG-JUT", "Nieuwegein Jutphaas 50 kV", "GM0356", "GM0356", 50, "NWG150",
     52.0400, 5.1000, 0.55, 0.30, False, 25, 23, False),
    ("MS-NWG-VRW", "Nieuwegein Vreeswijk 50 kV", "GM0356", "GM0356", 50, "NWG150",
     52.0100, 5.1000, 0.45, 0.20, True, 18, 38, False),
    ("MS-NWG-LIE", "Nieuwegein Liesbosch/Laagraven MS", "GM0356", "HS-NWG", 20, "NWG150",
     52.0510, 5.1130, 0.00, 0.50, False, 21, 5, False),
    ("MS-VND-N", "Veenendaal-Noord MS", "GM0345", "HS-VND", 20, "VNS150",
     52.0300, 5.5500, 0.50, 0.60, True, 34, 14, False),
    ("MS-VND-Z", "Veenendaal-Zuid MS", "GM0345", "GM0345", 10, "VNW150",
     52.0150, 5.5650, 0.50, 0.40, False, 28, 17, False),
    ("MS-VHL-VIA", "Vianen MS", "GM1961", "GM1961", 20, "NWG150",
     51.9920, 5.0920, 0.50, 0.20, True, 31, 28, False),
    ("MS-VHL-LRD", "Leerdam MS", "GM1961", "HS-LRD", 20, "ARK150",
     51.8930, 5.0920, 0.50, 0.80, False, 84, 5, True),
    ("MS-SV-MRS", "Maarssen MS", "GM1904", "GM1904", 10, "LWD150",
     52.1350, 5.0400, 0.60, 0.60, False, 32, 16, False),
    ("MS-SV-BKL", "Breukelen/Loenen MS", "GM1904", "GM1904", 20, "BKN150",
     52.1750, 5.0000, 0.40, 0.40, True, 21, 11, False),
    ("MS-DRV", "De Ronde Venen MS", "GM0736", "GM0736", 20, "BKN150",
     52.2070, 4.8630, 1.0, 1.0, True, 41, 26, False),
    ("MS-WRD", "Woerden MS", "GM0632", "GM0632", 20, "WRD150",
     52.0860, 4.8830, 1.0, 1.0, True, 65, 19, False),
    ("MS-OUD", "Oudewater MS", "GM0589", "GM0589", 10, "WRD150",
     52.0250, 4.8680, 1.0, 1.0, True, 9, 9, False),
    ("MS-MTF", "Montfoort MS", "GM0335", "GM0335", 10, "WRD150",
     52.0460, 4.9530, 1.0, 1.0, True, 16, 16, False),
    ("MS-LPK", "Lopik MS", "GM0331", "GM0331", 10, "ODR150",
     51.9720, 4.9460, 1.0, 1.0, True, 13, 19, False),
    ("MS-IJS", "IJsselstein MS", "GM0353", "GM0353", 10, "ODR150",
     52.0200, 5.0430, 1.0, 1.0, True, 23, 14, False),
    ("MS-HTN", "Houten MS", "GM0321", "GM0321", 20, "NWG150",
     52.0280, 5.1680, 1.0, 1.0, True, 44, 89, False),
    ("MS-BNK", "Bunnik MS", "GM0312", "GM0312", 10, "DBG150",
     52.0670, 5.1980, 1.0, 1.0, True, 18, 33, False),
    ("MS-ZST", "Zeist MS", "GM0355", "GM0355", 10, "DBG150",
     52.0890, 5.2330, 1.0, 1.0, True, 63, 17, False),
    ("MS-UHR", "Utrechtse Heuvelrug MS", "GM1581", "GM1581", 10, "DBG150",
     52.0400, 5.3300, 1.0, 1.0, True, 48, 26, False),
    ("MS-WBD", "Wijk bij Duurstede MS", "GM0352", "GM0352", 10, "DBG150",
     51.9740, 5.3410, 1.0, 1.0, True, 17, 75, False),
    ("MS-DBT", "De Bilt MS", "GM0310", "GM0310", 10, "SST150",
     52.1200, 5.1900, 1.0, 1.0, True, 39, 13, False),
    ("MS-SST", "Soest MS", "GM0342", "GM0342", 10, "SST150",
     52.1730, 5.2920, 1.0, 1.0, True, 42, 20, False),
    ("MS-BRN", "Baarn MS", "GM0308", "GM0308", 10, "SST150",
     52.2120, 5.2870, 1.0, 1.0, True, 21, 7, False),
    ("MS-EMN", "Eemnes MS", "GM0317", "GM0317", 10, "SST150",
     52.2540, 5.2580, 1.0, 1.0, True, 9, 15, False),
    ("MS-BSC", "Bunschoten MS", "GM0313", "GM0313", 20, "BSC150",
     52.2430, 5.3750, 1.0, 1.0, True, 29, 18, False),
    ("MS-LSD", "Leusden MS", "GM0327", "GM0327", 10, "AMZ150",
     52.1330, 5.4310, 1.0, 1.0, True, 27, 23, False),
    ("MS-WDB", "Woudenberg MS", "GM0351", "GM0351", 10, "AMZ150",
     52.0810, 5.4160, 1.0, 1.0, True, 13, 12, False),
    ("MS-RSW", "Renswoude MS", "GM0339", "GM0339", 10, "VNS150",
     52.0740, 5.5400, 1.0, 1.0, True, 6, 8, False),
    ("MS-RHN", "Rhenen MS", "GM0340", "GM0340", 10, "VNW150",
     51.9590, 5.5690, 1.0, 1.0, True, 16, 13, False),
]

# Other assets: storage, heat, hydrogen, methane [E unless stated].
#   (id, name, carrier, kind, operator, kV, parent, area, lat, lon, demand MW, feed-in MW,
#    storage MWh, confidential, source)
OTHER_ASSETS: list[tuple[str, str, str, str, str, float | None, str | None, str, float, float,
                         float, float, float | None, bool, str]] = [
    ("BAT-LW", "Netbatterij Lage Weide", "electricity", "storage", "Marktpartij", 20,
     "MS-UTR-LW", "HS-LW", 52.1030, 5.0760, 10, 10, 40, False,
     "[E] illustratief; 4 uur opslag"),
    ("BAT-AMF", "Buurtbatterijen Amersfoort", "electricity", "storage", "Stedin", 10,
     "MS-AMF-ZUI", "GM0307", 52.1420, 5.3820, 2, 2, 4, False, "[E] illustratief"),
    ("WN-UTR", "Warmtenet Utrecht-Nieuwegein (Eneco)", "heat", "heat_network", "Eneco", None,
     None, "GM0344", 52.1025, 5.0707, 150, 20, None, False,
     "T10: 51.000 woningen + 2.000 gebouwen (energiekaart.net); ligging centrale Lage Weide "
     "(OSM, T3); capaciteit [E]"),
    ("WB-UTR", "Warmtebuffers Lage Weide (Eneco)", "heat", "storage", "Eneco", None,
     "WN-UTR", "HS-LW", 52.1020, 5.0720, 40, 40, 1200, False,
     "T10: warmtebuffers + e-boilers Lage Weide (2024); omvang [E]"),
    ("WN-AMF", "Warmtenet Amersfoort", "heat", "heat_network", "Warmtebedrijf Amersfoort",
     None, None, "GM0307", 52.1800, 5.4100, 15, 5, None, False,
     "T10: net van Vathorst-Noord tot de Stadsring (destadamersfoort.nl); capaciteit [E]"),
    ("H2-BB", "Waterstofnetwerk: aftakking Utrecht (gepland)", "hydrogen", "pipeline",
     "Hynetwork", None, None, "GM0344", 52.1200, 5.0300, 0, 0, None, False,
     "T10: Utrecht is geen cluster; aansluiting op het landelijk netwerk niet gepland [E]"),
    ("H2-LW", "Waterstofleiding Lage Weide (lokaal)", "hydrogen", "pipeline", "Hynetwork",
     None, None, "HS-LW", 52.1060, 5.0680, 4, 10, None, False,
     "T10: convenant waterstof in mobiliteit 2021, elektrolyser Lage Weide gepland (duic.nl); "
     "capaciteit [E]"),
    ("H2-ELY", "Elektrolyser Lage Weide", "hydrogen", "converter", "Hynetwork", None,
     "H2-LW", "HS-LW", 52.1050, 5.0660, 0, 10, None, False,
     "T10: elektrolyser Lage Weide gepland (duic.nl); omvang [E]"),
    ("GAS-RNB", "Gasunie regionaal transportnet Utrecht", "methane", "pipeline", "Gasunie",
     None, None, "PV26", 52.1300, 5.0900, 4000, 50, None, False,
     "[E] schematisch; één knoop voor het RNB in de provincie"),
    ("GAS-STD", "Stedin gasdistributienet provincie Utrecht", "methane", "pipeline", "Stedin",
     None, "GAS-RNB", "PV26", 52.0900, 5.1100, 3000, 3, None, False,
     "[E] schematisch; invoeding groen gas beperkt door lage zomerafname"),
]

# =============================================================================================
# 6. Developments: programme figures
# =============================================================================================

# T7: woondeals. U10 (= the U16 municipalities) 61,000 homes to 2030 [S]; the Utrecht part of
# Amersfoort + Foodvalley 83,500 − 61,000 = 22,500 [D]; both allocated pro rata to 2023
# dwellings [E, as T7 suggests].
HOMES_TO_2030 = {"RES-U16": 61000, "RES-AMF+RES-FV": 22500}
# 2031-2040 tranche: the PPWW 2023 runs to 2040 in two time slots (T7) but gives no count
# here; 60,000 homes (≈6,000/yr, less than half the 2025-2030 pace) [E], pro rata dwellings.
HOMES_2031_2040 = 60000
# Tranches [E]: (suffix, first year, last year, share, certainty)
TRANCHES_TO_2030 = [("1", 2025, 2026, 0.30, 4), ("2", 2027, 2028, 0.35, 3),
                    ("3", 2029, 2030, 0.35, 3)]
TRANCHES_AFTER_2030 = [("4", 2031, 2035, 0.55, 2), ("5", 2036, 2040, 0.45, 2)]
# Large sites [E unless stated]: (id, name, municipality, hotspot, MV station, homes, first,
# last, certainty, source). Their homes count towards their municipality's allocation.
HOUSING_SITES = [
    ("WON-MKZ", "Merwedekanaalzone", "GM0344", "HS-MKZ", "MS-UTR-KAN", 10000, 2025, 2034, 4,
     "T7: 6.000-10.000 woningen (duurzaamgebouwd.nl); bovenkant, fasering 2025-2034 [E]"),
    ("WON-RIJ", "Rijnenburg", "GM0344", "HS-RIJ", "MS-UTR-RIJ", 7000, 2031, 2040, 2,
     "[E] omvang en fasering; deel van de tranche 2031-2040 van Utrecht"),
]

# T9: charge points. NAL 2030 ≈1.7 M points nationally, 518,000 in April 2023 [S]; province
# share by dwellings 593,037 / 7,931,940 (ETM nl2023 present_number_of_residences [S]) [D].
NAL_2030 = 1_700_000
NL_POINTS_2023 = 518_000
NL_DWELLINGS_2023 = 7_931_940
EV_TRANCHES = [("1", 2024, 2027, 0.5, 4), ("2", 2028, 2030, 0.5, 3)]
EV_AFTER_2030 = ("3", 2031, 2035, 0.5, 2)  # +50% of the 2024-2030 growth [E]

# Rooftop PV (small, not RES-counted) growth 2024-2030: +40% of the 2023 MWp [E].
ROOFTOP_GROWTH = 0.25

# T6: RES 2030 targets [S]; wind share of the target [E]; existing ETM PV fields and wind count
# towards the target, the rest is new.
#   (region, target GWh, wind share, field share of new solar, source)
RES_TARGETS = [
    ("RES-U16", 1800.0, 0.5, 0.65,
     "RES U16: 1,8 TWh wind+zon in 2030 (energieregioutrecht.nl, T6 [S]); 50/50 wind/zon [E]"),
    ("RES-AMF", 500.0, 0.4, 0.65,
     "RES Amersfoort: 0,5 TWh in 2030 (woudenberg.nl, T6 [S]); 40% wind [E]"),
    ("RES-FV", 0.0, 0.0, 0.65,
     "RES Foodvalley: ≥0,75 TWh (regiofoodvalley.nl, T6 [S]) × Utrechts aandeel [D]; alleen zon "
     "[E]"),
]
FOODVALLEY_TARGET_GWH = 750.0
FOODVALLEY_ALL_HH_GWH = 461.0  # T2: household electricity of all 8 Foodvalley municipalities
RES_TRANCHES = [("1", 2024, 2026, 0.4), ("2", 2027, 2030, 0.6)]
# Wind search areas [E]: (id, name, municipality, area, connection asset, share of the region's
# new wind, certainty). Parks of ≥20 MW connect at the 20 kV rail of a 150 kV station.
WIND_PARKS = [
    ("RES-W-RIJ", "Wind Rijnenburg/Reijerscop", "GM0344", "HS-RIJ", "MS-UTR-RIJ", 0.10, 3),
    ("RES-W-LPK", "Wind zoekgebied Lopik", "GM0331", "GM0331", "ODR150", 0.13, 2),
    ("RES-W-VHL", "Wind zoekgebied Vijfheerenlanden (A2/A27)", "GM1961", "GM1961", "NWG150",
     0.20, 3),
    ("RES-W-HTN", "Wind zoekgebied Houten (A27)", "GM0321", "GM0321", "HTO150", 0.10, 2),
    ("RES-W-WRD", "Wind zoekgebied Woerden/Oudewater", "GM0632", "GM0632", "WRD150", 0.13, 2),
    ("RES-W-DRV", "Wind zoekgebied De Ronde Venen", "GM0736", "GM0736", "BKN150", 0.10, 2),
    ("RES-W-WBD", "Wind zoekgebied Wijk bij Duurstede", "GM0352", "GM0352", "DBG150", 0.12, 2),
    ("RES-W-NWG", "Wind zoekgebied Nieuwegein/IJsselstein (A2)", "GM0356", "GM0356",
     "NWG150", 0.12, 3),
    ("RES-W-AMF", "Wind zoekgebied Amersfoort-Noord/Bunschoten (A1)", "GM0313", "GM0313",
     "BSC150", 0.5, 2),
    ("RES-W-LSD", "Wind zoekgebied Leusden/Woudenberg (A28)", "GM0327", "GM0327", "AMZ150",
     0.5, 2),
]
# Municipalities without solar fields (urban): their new RES solar is large roofs only [E].
NO_FIELDS = {"GM0344", "GM0356", "GM0353", "GM0345"}

# T7: 54 ha new business parks to 2030 (PPWW 2023 [S]); allocation [E].
#   (id, name, area, MV station, ha, first, last, certainty)
BUSINESS_PARKS = [
    ("BT-LW", "Uitbreiding en herstructurering Lage Weide", "HS-LW", "MS-UTR-LW", 8, 2025,
     2030, 4),
    ("BT-PAP", "Papendorp/De Wetering", "HS-PAP", "MS-UTR-PAP", 3, 2026, 2029, 3),
    ("BT-AMF", "Amersfoort De Hoef/Isselt", "HS-AMF", "MS-AMF-HOE", 6, 2026, 2030, 3),
    ("BT-VND", "Veenendaal De Compagnie", "HS-VND", "MS-VND-N", 6, 2026, 2030, 3),
    ("BT-WRD", "Woerden Barwoutswaarder", "HS-WRD", "MS-WRD", 6, 2026, 2030, 3),
    ("BT-NWG", "Nieuwegein Liesbosch", "HS-NWG", "MS-NWG-LIE", 4, 2025, 2028, 4),
    ("BT-HTN", "Houten Doornkade", "GM0321", "MS-HTN", 6, 2027, 2030, 3),
    ("BT-VHL", "Vijfheerenlanden (Lexmond/Leerdam)", "GM1961", "MS-VHL-VIA", 8, 2027, 2030, 2),
    ("BT-BSC", "Bunschoten Haarbrug", "GM0313", "MS-BSC", 4, 2026, 2029, 3),
    ("BT-IJS", "IJsselstein Over Oudland", "GM0353", "MS-IJS", 3, 2026, 2028, 3),
    # after 2030 [E]
    ("BT-A12", "Werklocatie A12-zone (na 2030)", "GM0345", "MS-VND-Z", 10, 2031, 2036, 2),
    ("BT-WRD2", "Woerden-Oost (na 2030)", "GM0632", "MS-WRD", 8, 2031, 2036, 1),
    ("BT-AMF2", "Amersfoort Vathorst-Noord (na 2030)", "HS-VAT", "MS-AMF-VAT", 10, 2031, 2037,
     2),
    ("BT-LR2", "Leidsche Rijn-West werklocatie (na 2030)", "GM0344", "MS-UTR-LR", 6, 2031,
     2035, 2),
]
BUSINESS_PARKS_TO_2030_HA = 54

# Other named developments [E sizes unless stated]: (id, name, sector, area, asset, carrier,
#   quantity, unit, demand MW, feed-in MW, profile, first, last, certainty, ACM priority,
#   goals, source, lat, lon)
Dev = tuple[str, str, str, str, str, str, float | None, str | None, float | None,
            float | None, str | None, int, int, int, int, str, str, float | None,
            float | None]
NAMED_DEVELOPMENTS: list[Dev] = [
    # (6) heat-network growth (T10)
    ("WN-MKZ", "Warmtenet Merwedekanaalzone", "heat_network", "HS-MKZ", "WN-UTR", "heat",
     6000, "connections", None, None, None, 2025, 2034, 3, 0, "warmte;wonen;co2",
     "T7/T10: MKZ 'moderne warmte' (duurzaamgebouwd.nl); aantal [E]", 52.076, 5.108),
    ("WN-LR", "Warmtenet Leidsche Rijn inbreiding", "heat_network", "GM0344", "WN-UTR", "heat",
     4000, "connections", None, None, None, 2025, 2030, 3, 0, "warmte;wonen",
     "T10: Leidsche Rijn op stadsverwarming (nrc.nl 1996); aantal [E]", None, None),
    ("WN-OVN", "Warmtenet Overvecht-Noord", "heat_network", "GM0344", "WN-UTR", "heat",
     8000, "connections", None, None, None, 2030, 2035, 1, 0, "warmte;co2",
     "T10: 8.000 woningen aardgasvrij; Eneco stopte het plan apr 2024 (duic.nl) [S] → "
     "zekerheid 1",
     52.115, 5.120),
    ("WN-UTR-O", "Warmtenet Utrecht overige wijken", "heat_network", "GM0344", "WN-UTR",
     "heat", 5000, "connections", None, None, None, 2028, 2035, 2, 0, "warmte;co2", "[E]", None,
     None),
    ("WN-NWG", "Warmtenet Nieuwegein uitbreiding", "heat_network", "GM0356", "WN-UTR", "heat",
     1500, "connections", None, None, None, 2027, 2032, 2, 0, "warmte;co2",
     "T2: 39 GWh stadswarmte Nieuwegein (ETM); uitbreiding [E]", None, None),
    ("WN-SHZ", "Warmtenet Amersfoort Schothorst-Zuid", "heat_network", "GM0307", "WN-AMF",
     "heat", 2500, "connections", None, None, None, 2026, 2031, 3, 0, "warmte;co2",
     "T10: uitbreiding Schothorst-Zuid (destadamersfoort.nl); aantal [E]", None, None),
    ("WN-LUI", "Warmtenet Amersfoort De Luiaard", "heat_network", "GM0307", "WN-AMF", "heat",
     1500, "connections", None, None, None, 2027, 2031, 2, 0, "warmte;co2",
     "T10: De Luiaard (duurzaamamersfoortzuid.nl); aantal [E]", None, None),
    ("WN-KAT", "Warmtenet Amersfoort Kattekampen", "heat_network", "GM0307", "WN-AMF", "heat",
     1000, "connections", None, None, None, 2027, 2032, 2, 0, "warmte;co2",
     "T10: Kattekampen, 70% deelname nodig (duurzaamamersfoortzuid.nl); aantal [E]", None,
     None),
    ("WN-DC-RW", "Restwarmte datacenter Lage Weide", "heat_network", "HS-LW", "WN-UTR", "heat",
     None, None, None, 5, "flat", 2029, 2031, 2, 0, "warmte;co2", "[E]", 52.108, 5.066),
    ("WN-EB-LW", "E-boilers warmtenet Lage Weide (congestieverzachter)", "heat_network",
     "HS-LW", "LWD150", "electricity", None, None, 30, None, "solar", 2024, 2024, 5, 1,
     "warmte;co2", "T10: e-boilers Lage Weide 2024 [S]; 30 MW en middagprofiel [E]",
     52.1025, 5.0707),
    # (7) industry electrification (Cluster 6, T10)
    ("IND-LW", "Elektrificatie industrie Lage Weide", "industry", "HS-LW", "LWD150",
     "electricity", None, None, 40, None, "flat", 2026, 2032, 3, 0, "werk;co2",
     "T8/T10: grootste werklocatie; Cluster 6 (cluster6.nl); omvang [E]", 52.106, 5.070),
    ("IND-LRD", "Elektrificatie glasindustrie Leerdam", "industry", "HS-LRD", "ARK150",
     "electricity", None, None, 50, None, "flat", 2027, 2033, 2, 0, "werk;co2",
     "T2: 524 GWh industrie Vijfheerenlanden (ETM); elektrificatie [E]", 51.893, 5.092),
    ("IND-BSC", "Elektrificatie voedingsmiddelenindustrie Bunschoten", "industry", "GM0313",
     "MS-BSC", "electricity", None, None, 10, None, "flat", 2027, 2031, 2, 0, "werk;co2",
     "T2: 49 GWh industrie Bunschoten (ETM); omvang [E]", None, None),
    ("IND-WRD", "Elektrificatie industrie Woerden", "industry", "HS-WRD", "MS-WRD",
     "electricity", None, None, 8, None, "flat", 2027, 2031, 2, 0, "werk;co2",
     "T2: 67 GWh industrie Woerden (ETM); omvang [E]", None, None),
    ("IND-VND", "Elektrificatie industrie Veenendaal", "industry", "HS-VND", "MS-VND-N",
     "electricity", None, None, 8, None, "flat", 2027, 2032, 2, 0, "werk;co2",
     "T2: 41 GWh industrie Veenendaal (ETM); omvang [E]", None, None),
    ("IND-AMF", "Elektrificatie industrie Amersfoort De Hoef/Isselt", "industry", "HS-AMF",
     "MS-AMF-HOE", "electricity", None, None, 10, None, "flat", 2026, 2031, 3, 0, "werk;co2",
     "T2: 39 GWh industrie Amersfoort (ETM); omvang [E]", None, None),
    ("IND-MTF", "Elektrificatie industrie Montfoort", "industry", "GM0335", "MS-MTF",
     "electricity", None, None, 5, None, "flat", 2028, 2032, 2, 0, "werk;co2",
     "T2: 23 GWh industrie Montfoort (ETM); omvang [E]", None, None),
    ("IND-NWG", "Elektrificatie bedrijven Nieuwegein", "industry", "HS-NWG", "MS-NWG-LIE",
     "electricity", None, None, 6, None, "flat", 2026, 2030, 3, 0, "werk;co2",
     "T2: 21 GWh industrie Nieuwegein (ETM); omvang [E]", None, None),
    # (8) electrolyser (T10) and hydrogen use
    ("H2-ELY-E", "Elektrolyser Lage Weide (stroomvraag)", "industry", "HS-LW", "LWD150",
     "electricity", None, None, 10, None, "flat", 2028, 2029, 2, 0, "co2;mobiliteit",
     "T10: elektrolyser Lage Weide gepland (duic.nl); 10 MW [E]", 52.105, 5.066),
    ("H2-ELY-H", "Elektrolyser Lage Weide (waterstofproductie)", "industry", "HS-LW", "H2-ELY",
     "hydrogen", None, None, None, 6.5, "flat", 2028, 2029, 2, 0, "co2;mobiliteit",
     "[D/E] 10 MW × 65% rendement", 52.105, 5.066),
    ("H2-TS-LW", "Waterstoftankstation Lage Weide", "mobility", "HS-LW", "H2-LW", "hydrogen",
     None, None, 2, None, "business_hours", 2027, 2028, 3, 0, "mobiliteit;co2",
     "T10: convenant waterstof in mobiliteit 2021 (duic.nl); omvang [E]", 52.104, 5.069),
    ("H2-TS-HR", "Waterstoftankstation Haarrijn", "mobility", "GM0344", "H2-LW", "hydrogen",
     None, None, 1.5, None, "business_hours", 2027, 2028, 3, 0, "mobiliteit;co2",
     "T10: idem; omvang [E]", 52.100, 5.045),
    ("H2-TS-AW", "Waterstoftankstation Atoomweg", "mobility", "HS-LW", "H2-LW", "hydrogen",
     None, None, 1.5, None, "business_hours", 2028, 2029, 2, 0, "mobiliteit;co2",
     "T10: idem; omvang [E]", 52.108, 5.083),
    ("H2-ZW", "Waterstof zwaar transport en bouw (regio Utrecht)", "mobility", "GM0344",
     "H2-BB", "hydrogen", None, None, 20, None, "business_hours", 2031, 2036, 1, 0,
     "mobiliteit;co2", "[E] hangt af van aansluiting op het landelijk netwerk (T10)", None,
     None),
    # (9) data centre
    ("DC-LW", "Datacenter Lage Weide", "data_center", "HS-LW", "LWD150", "electricity", None,
     None, 30, None, "flat", 2028, 2030, 2, 0, "werk", "[E] illustratief", 52.109, 5.064),
    # (10) health, education, safety (ACM priority 3 and 2)
    ("ZORG-UMC", "UMC Utrecht: elektrificatie en uitbreiding", "utility", "HS-USP",
     "MS-UTR-USP", "electricity", None, None, 8, None, "flat", 2026, 2029, 4, 3, "zorg;co2",
     "T8: UMC op Utrecht Science Park; omvang [E]", 52.087, 5.179),
    ("ZORG-ANT", "St. Antonius Ziekenhuis Nieuwegein: elektrificatie", "utility", "GM0356",
     "MS-NWG-JUT", "electricity", None, None, 4, None, "flat", 2027, 2029, 3, 3, "zorg;co2",
     "[E]", 52.036, 5.087),
    ("ZORG-DIA", "Diakonessenhuis Utrecht: elektrificatie", "utility", "GM0344", "MS-UTR-CEN",
     "electricity", None, None, 2.5, None, "flat", 2027, 2030, 3, 3, "zorg;co2", "[E]",
     52.083, 5.133),
    ("ZORG-MMC", "Meander Medisch Centrum Amersfoort: elektrificatie", "utility", "HS-AMF",
     "MS-AMF-HOE", "electricity", None, None, 4, None, "flat", 2027, 2030, 3, 3, "zorg;co2",
     "[E]", 52.168, 5.366),
    ("ONDW-UU", "Universiteit Utrecht en HU: campus elektrificatie", "utility", "HS-USP",
     "MS-UTR-USP", "electricity", None, None, 6, None, "business_hours", 2026, 2030, 3, 3,
     "onderwijs;co2", "T8: UU/HU op Utrecht Science Park; omvang [E]", 52.084, 5.172),
    ("VEIL-KRH", "Defensie Kromhout Kazerne: elektrificatie", "utility", "GM0344",
     "MS-UTR-CEN", "electricity", None, None, 3, None, "flat", 2027, 2030, 3, 2, "veiligheid",
     "[E]", 52.098, 5.143),
    ("VEIL-POL", "Politie en veiligheidsregio Utrecht: laadinfrastructuur", "mobility",
     "GM0344", "MS-UTR-LR", "electricity", None, None, 2, None, "ev_evening", 2026, 2029, 3, 2,
     "veiligheid;mobiliteit", "[E]", None, None),
    ("VEIL-AMF", "Defensie Amersfoort: elektrificatie kazernes", "utility", "GM0307",
     "MS-AMF-ZUI", "electricity", None, None, 2, None, "flat", 2027, 2030, 2, 2, "veiligheid",
     "[E]", None, None),
    ("MOB-SNL-A12", "Snellaadplein A12 (Bunnik)", "mobility", "GM0312", "MS-BNK",
     "electricity", None, None, 5, None, "ev_evening", 2026, 2028, 3, 0, "mobiliteit",
     "T12: snellader 50-350 kW × 0,5-0,8; omvang [E]", 52.066, 5.210),
    ("MOB-SNL-A1", "Snellaadplein A1 (Amersfoort-Vathorst)", "mobility", "HS-VAT", "MS-AMF-VAT",
     "electricity", None, None, 5, None, "ev_evening", 2027, 2029, 3, 0, "mobiliteit",
     "T12 idem; omvang [E]", 52.197, 5.432),
    ("MOB-SNL-A2", "Snellaadplein A2 (Nieuwegein/Vianen)", "mobility", "GM1961", "MS-VHL-VIA",
     "electricity", None, None, 4, None, "ev_evening", 2026, 2028, 3, 0, "mobiliteit",
     "T12 idem; omvang [E]", 51.998, 5.095),
    ("MOB-BUS-UTR", "Elektrische bussen Qbuzz/U-OV: remise Westraven", "mobility", "GM0344",
     "MS-UTR-KAN", "electricity", None, None, 6, None, "ev_evening", 2026, 2030, 4, 0,
     "mobiliteit;co2", "[E]", 52.068, 5.109),
    ("UTIL-NWM", "Nieuw Middelland Woerden (voorzieningen)", "utility", "HS-WRD", "MS-WRD",
     "electricity", None, None, 3, None, "business_hours", 2027, 2031, 3, 0, "wonen;werk",
     "T4: Nieuw Middelland als groeier (ANP/Stedin 2023); omvang [E]", None, None),
    # methane
    ("GAS-WKC", "Gasvraag warmtecentrales Eneco (Lage Weide, Merwedekanaal)", "other",
     "HS-LW", "GAS-RNB", "methane", None, None, 250, None, "space_heat", 2023, 2023, 5, 0,
     "bestaand", "[E] schematisch", None, None),
    ("GAS-GG-UTR", "Groengasinvoeding RWZI Utrecht", "utility", "GM0344", "GAS-STD",
     "methane", None, None, None, 1.5, "flat", 2026, 2027, 3, 0, "co2",
     "[E] illustratief", 52.118, 5.099),
    ("GAS-GG-LPK", "Groengasinvoeding vergister Lopik", "agriculture", "GM0331", "GAS-STD",
     "methane", None, None, None, 2.5, "flat", 2027, 2028, 2, 0, "co2",
     "[E] illustratief", None, None),
]

# Schools (PO/VO electrification, ACM 3): 15 W per inhabitant at the peak [E].
SCHOOL_W_PER_INHABITANT = 15.0

# =============================================================================================
# 7. Projects
# =============================================================================================

# ETM grid cost steps (T12 [S ETM nl2023]; €/kW [D]).
EUR_PER_KW = {"hv_net": 364.0, "mv_hv_trafo": 250.0, "mv_net": 690.0, "lv_mv_trafo": 200.0,
              "lv_net": 916.0}
BATTERY_EUR_PER_KWH = 425.0  # €400-450/kWh (Eneco 50 MW/200 MWh, dutch-practice (d) [S])
HEAT_EUR_PER_HOME = 15000.0  # [D/E] ETM nl2023: indoor €7-10k + ~5 m distribution × €1.8k/m
LOW, HIGH = 0.75, 1.6  # capex range around the best estimate [E; overruns more likely]
FTE_PER_MEUR = {"electricity": 0.5, "heat": 0.3, "hydrogen": 0.4, "methane": 0.4}  # [E]
FTE_FACTOR_KIND = {"storage": 0.3, "flex_contract": 1.0}  # × the carrier rate [E]

# Known projects (T5; years [S] unless marked, capex [E]). Effects: see KNOWN_EFFECTS.
#   (id, name, operator, carrier, kind, capex, fte, trafos, lead, build, status, ip year,
#    requires, area, ha, source)
KNOWN_PROJECTS: list[tuple[Any, ...]] = [
    ("P-BKK", "Uitbreiding Breukelen-Kortrijk (+3 × 380/150 kV)", "TenneT", "electricity",
     "expansion", 150, 90, 3, 5, 3, "under_construction", 2028, "", "GM1904", 3.0,
     "T5: +3 transformatoren, werk vanaf begin 2025 (tennet.eu) [S]; in bedrijf 2028 [E]"),
    ("P-ODR-150", "Nieuw 150 kV-station Oudenrijn", "TenneT", "electricity", "new_station",
     110, 70, 2, 6, 3, "in_ip", 2029, "", "GM0344", 4.0,
     "T5: pakket Oudenrijn, doel 2029 (pen.nl) [S]"),
    ("P-ODR-KBL", "150 kV-kabels Lage Weide–Oudenrijn–Nieuwegein", "TenneT", "electricity",
     "cable", 60, 35, 0, 6, 2, "in_ip", 2029, "", "GM0344", 0.0, "T5: idem [S]"),
    ("P-NWG-VERN", "Vernieuwing en uitbreiding 150 kV-station Nieuwegein", "TenneT",
     "electricity", "expansion", 55, 35, 2, 6, 3, "in_ip", 2029, "P-ODR-KBL", "GM0356", 1.0,
     "T5: idem [S]"),
    ("P-JUT-VRW", "Uitbreiding 50 kV-stations Jutphaas en Vreeswijk", "Stedin", "electricity",
     "expansion", 25, 15, 2, 5, 2, "in_ip", 2029, "P-NWG-VERN", "GM0356", 0.5,
     "T3/T5: idem (pen.nl) [S]"),
    ("P-UTN-150", "Nieuw 150 kV-station Utrecht-Noord (TenneT)", "TenneT", "electricity",
     "new_station", 150, 90, 0, 8, 3, "in_ip", 2033, "", "GM0344", 6.0,
     "T5: 6 ha, 2029 → 2033 (tweedekamer.nl 2025D34046; tennet.eu) [S]"),
    ("P-UTN-STD", "Stedin 150/50 kV-station Utrecht-Noord", "Stedin", "electricity",
     "new_station", 45, 25, 2, 7, 3, "in_ip", 2033, "P-UTN-150", "GM0344", 0.5,
     "T3: Stedin 0,5 ha, 3 kabelverbindingen (tennet.eu) [S]"),
    ("P-RIJ-STD", "Uitbreiding Stedin-station Rijnenburg (×3)", "Stedin", "electricity",
     "expansion", 20, 12, 2, 4, 2, "in_ip", 2029, "", "HS-RIJ", 0.5,
     "T3/T5: ×3, voorbereiding vanaf 2025 (ustad.nl) [S]; jaar [E]"),
    ("P-RIJ-150", "Nieuw TenneT-station Rijnenburg", "TenneT", "electricity", "new_station",
     90, 55, 2, 7, 3, "in_ip", 2032, "P-RIJ-STD", "HS-RIJ", 4.0,
     "T3/T5: nieuw TenneT-station naast Stedin (ustad.nl) [S]; jaar [E]"),
    ("P-HTO", "Nieuw HS/MS-station Houten-Oost", "Stedin", "electricity", "new_station", 45,
     25, 2, 7, 3, "in_ip", 2030, "", "GM0321", 1.5,
     "T3: Stedin zoekt plek voor 400 MW extra capaciteit (ANP) [S]; jaar [E]"),
    ("P-SBA", "Nieuw HS/MS-station Soest-Baarn (bij RWZI)", "Stedin", "electricity",
     "new_station", 40, 22, 2, 6, 3, "in_ip", 2030, "", "GM0342", 1.5,
     "T3/T5: locatie gekozen (soesterberg.nu) [S]; jaar [E]"),
    ("P-AMF-OS1", "Nieuw onderstation Amersfoort 1", "Stedin", "electricity", "new_station",
     35, 20, 2, 6, 3, "in_ip", 2029, "", "GM0307", 1.0,
     "T5: 'bouw van drie nieuwe onderstations' (bureauregioamersfoort.nl) [S]; jaar [E]"),
    ("P-AMF-OS2", "Nieuw onderstation Amersfoort 2", "Stedin", "electricity", "new_station",
     35, 20, 2, 6, 3, "in_ip", 2030, "", "HS-VAT", 1.0, "T5 idem [S]; jaar [E]"),
    ("P-AMF-OS3", "Nieuw onderstation Amersfoort 3", "Stedin", "electricity", "new_station",
     35, 20, 2, 7, 3, "in_ip", 2031, "", "GM0327", 1.0, "T5 idem [S]; jaar [E]"),
    ("P-WRD-TEN", "TenneT-maatregelen Woerden/Oudewater", "TenneT", "electricity", "expansion",
     30, 18, 1, 4, 2, "in_ip", 2028, "", "GM0632", 0.5,
     "T4: TenneT verwacht verlichting 2027-2029 (ov-oudewater.nl) [S]; jaar [E]"),
    ("P-WRD-STD", "Netuitbreiding Woerden (Stedin, tot 2030)", "Stedin", "electricity",
     "expansion", 25, 15, 1, 4, 3, "in_ip", 2030, "P-WRD-TEN", "GM0632", 0.3,
     "T3: uitbreiding tot 2030 (ANP 2023) [S]"),
    ("P-VND-KBL", "Verkabeling 150 kV Veenendaal (13 masten)", "TenneT", "electricity",
     "cable", 30, 15, 0, 3, 2, "done", 2025, "", "GM0345", 0.0,
     "T5: 2023-2025 (tennet.eu) [S]; geen capaciteitseffect"),
    ("P-L33-DLR", "Dynamic line rating lijn 33 Driebergen–Veenendaal", "TenneT", "electricity",
     "expansion", 2, 1, 0, 1, 1, "done", 2025, "", "GM0345", 0.0,
     "T3: +20-30% (hoogspan.nl) [S]; jaar en effect [E]"),
]
#   (project, asset, Δ demand MW, Δ feed-in MW, new parent)
KNOWN_EFFECTS: list[tuple[str, str, float, float, str | None]] = [
    ("P-BKK", "BKK380", 500, 600, None),
    ("P-ODR-150", "ODX150", 130, 100, None),
    ("P-ODR-150", "MS-UTR-KAN", 0, 0, "ODX150"),
    ("P-ODR-150", "MS-UTR-PAP", 0, 0, "ODX150"),
    ("P-ODR-KBL", "LWD150", 30, 30, None),
    ("P-ODR-KBL", "ODR150", 30, 30, None),
    ("P-NWG-VERN", "NWG150", 66, 50, None),
    ("P-JUT-VRW", "MS-NWG-JUT", 20, 15, None),
    ("P-JUT-VRW", "MS-NWG-VRW", 20, 15, None),
    ("P-UTN-150", "UTN150", 100, 100, None),
    ("P-UTN-STD", "UTN150", 100, 80, None),
    ("P-UTN-STD", "MS-UTR-OVV", 0, 0, "UTN150"),
    ("P-UTN-STD", "MS-UTR-LR", 0, 0, "UTN150"),
    ("P-UTN-STD", "MS-SV-MRS", 0, 0, "UTN150"),
    ("P-RIJ-STD", "MS-UTR-RIJ", 40, 40, None),
    ("P-RIJ-150", "RIJ150", 130, 130, None),
    ("P-RIJ-150", "MS-UTR-RIJ", 0, 0, "RIJ150"),
    ("P-HTO", "HTO150", 130, 130, None),
    ("P-HTO", "MS-HTN", 0, 0, "HTO150"),
    ("P-SBA", "SBA150", 100, 80, None),
    ("P-SBA", "MS-SST", 0, 0, "SBA150"),
    ("P-SBA", "MS-BRN", 0, 0, "SBA150"),
    ("P-AMF-OS1", "AMF-OS1", 66, 60, None),
    ("P-AMF-OS1", "MS-AMF-CEN", 0, 0, "AMF-OS1"),
    ("P-AMF-OS2", "AMF-OS2", 66, 60, None),
    ("P-AMF-OS2", "MS-AMF-VAT", 0, 0, "AMF-OS2"),
    ("P-AMF-OS3", "AMF-OS3", 66, 60, None),
    ("P-AMF-OS3", "MS-LSD", 0, 0, "AMF-OS3"),
    ("P-AMF-OS3", "MS-WDB", 0, 0, "AMF-OS3"),
    ("P-WRD-TEN", "WRD150", 40, 20, None),
    ("P-WRD-STD", "MS-WRD", 25, 15, None),
    ("P-VND-KBL", "VNS150", 0, 0, None),
    ("P-L33-DLR", "VNS150", 10, 10, None),
    ("P-L33-DLR", "VNW150", 8, 8, None),
]

# HV stations with a known shortage: their candidate transformer project needs TenneT work
# first (a 150 kV field), and the MV expansions below them need that transformer [E].
CONGESTED_HV = ["LWD150", "UNO150", "ULR150", "ODR150", "AMN150", "AMZ150", "BSC150",
                "WRD150", "NWG150", "SST150", "DBG150", "VNS150"]

# Hand-picked candidate projects [E]: (id, name, operator, carrier, kind, capex M€, trafos,
#   lead, build, earliest, requires, excludes, area, ha, confidential, effects as
#   [(asset, Δ demand, Δ feed-in, new parent)], source)
Cand = tuple[str, str, str, str, str, float, int, int, int, int | None, str, str, str, float,
             bool, list[tuple[str, float, float, str | None]], str]
CANDIDATES: list[Cand] = [
    # TenneT 380/150 kV and 150 kV links
    ("C-BKK2", "Tweede uitbreiding Breukelen-Kortrijk (verkenning)", "TenneT", "electricity",
     "expansion", 160, 2, 8, 3, 2032, "P-BKK", "C-UOS380", "GM1904", 3.0, False,
     [("BKK380", 500, 500, None)],
     "T3: TenneT onderzoekt verdere uitbreiding (rtvstichtsevecht.nl) [S]; omvang [E]"),
    ("C-UOS380", "Nieuw 380/150 kV-station Utrecht-Oost (zoekgebied)", "TenneT", "electricity",
     "new_station", 260, 2, 10, 4, 2034, "", "C-BKK2", "GM0307", 15.0, False,
     [("UOS380", 900, 700, None), ("SST150", 0, 0, "UOS380"), ("AMN150", 0, 0, "UOS380"),
      ("AMZ150", 0, 0, "UOS380"), ("BSC150", 0, 0, "UOS380")],
     "[E] idee; alternatief voor C-BKK2; vergelijk 3 TenneT-stations €219 M (rtvnoord.nl)"),
    ("C-KBL-SST-AMF", "150 kV-kabel Soest–Amersfoort", "TenneT", "electricity", "cable", 55,
     0, 6, 2, None, "", "", "GM0307", 0.0, False,
     [("AMN150", 40, 40, None), ("AMZ150", 30, 30, None)],
     "[E] €/kW uit ETM-hoogspanningsnet (T12)"),
    ("C-KBL-BSC-AMF", "Tweede 150 kV-circuit Bunschoten–Amersfoort", "TenneT", "electricity",
     "cable", 40, 0, 6, 2, None, "", "", "GM0313", 0.0, False,
     [("BSC150", 40, 40, None), ("AMN150", 20, 20, None)], "[E]"),
    ("C-KBL-DBG-VND", "Tweede 150 kV-circuit Driebergen–Veenendaal (lijn 33)", "TenneT",
     "electricity", "cable", 70, 0, 7, 3, None, "P-L33-DLR", "", "GM1581", 0.0, False,
     [("VNS150", 40, 40, None), ("VNW150", 30, 30, None), ("DBG150", 20, 20, None)],
     "T3: lijn 33, 20,9 km (hoogspan.nl) [S]; omvang [E]"),
    ("C-KBL-BKN-WRD", "150 kV-kabel Breukelen–Woerden", "TenneT", "electricity", "cable", 60,
     0, 7, 2, None, "", "", "GM0632", 0.0, False,
     [("WRD150", 50, 40, None), ("BKN150", 20, 20, None)], "[E]"),
    ("C-KBL-LWD-UNO", "150 kV-kabel Lage Weide–Utrecht-Noordoost", "TenneT", "electricity",
     "cable", 35, 0, 6, 2, None, "", "", "GM0344", 0.0, False,
     [("UNO150", 40, 40, None), ("LWD150", 20, 20, None)],
     "T3: OSM-lijn Lage Weide–knoop (52,13; 5,10)–Soest [S]; omvang [E]"),
    # new stations and re-parenting
    ("C-MS-LRW", "Nieuw MS-station Leidsche Rijn-West", "Stedin", "electricity",
     "new_station", 18, 1, 5, 3, None, "P-UTN-STD", "C-EXP-MS-UTR-LR", "GM0344", 0.3, False,
     [("MS-UTR-LR", 30, 20, None)], "[E] naast het bestaande station; neemt belasting over"),
    ("C-MS-VNDO", "Nieuw MS-station Veenendaal-Oost", "Stedin", "electricity", "new_station",
     15, 1, 5, 3, None, "C-HV-VNS150", "C-EXP-MS-VND-N", "GM0345", 0.3, False,
     [("MS-VND-N", 25, 20, None)], "[E]"),
    ("C-MS-VHLZ", "Nieuw MS-station Vijfheerenlanden-Zuid (Lexmond)", "Stedin", "electricity",
     "new_station", 15, 1, 5, 3, None, "", "", "GM1961", 0.3, False,
     [("MS-VHL-VIA", 25, 25, None)], "[E]"),
    ("C-MS-VATN", "Nieuw MS-station Vathorst-Noord", "Stedin", "electricity", "new_station",
     15, 1, 5, 3, None, "P-AMF-OS2", "", "HS-VAT", 0.3, False,
     [("MS-AMF-VAT", 25, 20, None)], "[E]"),
    ("C-MS-MKZ", "Nieuw MS-station Merwedekanaalzone", "Stedin", "electricity", "new_station",
     16, 1, 5, 3, None, "P-ODR-150", "", "HS-MKZ", 0.2, False,
     [("MS-UTR-KAN", 30, 15, None)], "[E]"),
    ("C-HS-WRDW", "Nieuw 150/20 kV-station Woerden-West", "Stedin", "electricity",
     "new_station", 40, 2, 7, 3, None, "P-WRD-TEN", "", "GM0632", 1.5, False,
     [("WRD150", 60, 60, None)], "[E]"),
    ("C-OMH-ZST", "Omhangen MS Zeist naar Utrecht-Noordoost", "Stedin", "electricity",
     "cable", 8, 0, 3, 1, None, "C-HV-UNO150", "", "GM0355", 0.0, False,
     [("MS-ZST", 0, 0, "UNO150")], "[E] MS-kabels; verschuift belasting van Driebergen"),
    ("C-OMH-DBT", "Omhangen MS De Bilt naar Utrecht-Noordoost", "Stedin", "electricity",
     "cable", 6, 0, 3, 1, None, "C-HV-UNO150", "", "GM0310", 0.0, False,
     [("MS-DBT", 0, 0, "UNO150")], "[E]"),
    ("C-OMH-IJS", "Omhangen MS IJsselstein naar Rijnenburg", "Stedin", "electricity", "cable",
     7, 0, 3, 1, None, "P-RIJ-150", "", "GM0353", 0.0, False,
     [("MS-IJS", 0, 0, "RIJ150")], "[E]"),
    ("C-OMH-LPK", "Omhangen MS Lopik naar Rijnenburg", "Stedin", "electricity", "cable", 9, 0,
     3, 1, None, "P-RIJ-150", "", "GM0331", 0.0, False,
     [("MS-LPK", 0, 0, "RIJ150")], "[E]"),
    ("C-KBL-USP", "MS-verbinding Utrecht Science Park–Bunnik", "Stedin", "electricity",
     "cable", 6, 0, 3, 1, None, "", "", "HS-USP", 0.0, False,
     [("MS-UTR-USP", 10, 5, None)], "[E] lastoverdracht naar Bunnik"),
    ("C-KBL-LW", "MS-verbinding Lage Weide–Maarssen", "Stedin", "electricity", "cable", 5, 0,
     3, 1, None, "", "", "HS-LW", 0.0, True, [("MS-UTR-LW", 10, 5, None)], "[E]"),
    # grid batteries (market parties, congestion-relieving contracts) [E]
    ("C-BAT-LW", "Netbatterij Lage Weide 20 MW / 80 MWh", "Marktpartij", "electricity",
     "storage", 0, 0, 2, 1, None, "", "C-FLEX-LW-IND", "HS-LW", 0.5, False,
     [("LWD150", 20, 20, None)], "dutch-practice (d): €400-450/kWh [S]; omvang [E]"),
    ("C-BAT-AMN", "Netbatterij Amersfoort-Noord 20 MW / 80 MWh", "Marktpartij", "electricity",
     "storage", 0, 0, 2, 1, None, "", "C-HV-AMN150", "HS-AMF", 0.5, False,
     [("AMN150", 20, 20, None)], "idem; sluit uit met extra trafo (zelfde ruimte) [E]"),
    ("C-BAT-UNO", "Netbatterij Utrecht-Noordoost 20 MW / 80 MWh", "Marktpartij",
     "electricity", "storage", 0, 0, 2, 1, None, "", "", "GM0344", 0.5, False,
     [("UNO150", 20, 20, None)], "idem [E]"),
    ("C-BAT-NWG", "Netbatterij Nieuwegein 15 MW / 60 MWh", "Marktpartij", "electricity",
     "storage", 0, 0, 2, 1, None, "", "", "HS-NWG", 0.4, False,
     [("NWG150", 15, 15, None)], "idem [E]"),
    ("C-BAT-WBD", "Netbatterij Wijk bij Duurstede 15 MW / 60 MWh (bij zonneparken)",
     "Marktpartij", "electricity", "storage", 0, 0, 2, 1, None, "", "", "GM0352", 0.4, False,
     [("MS-WBD", 5, 15, None)], "idem; vooral voor invoeding [E]"),
    # flex contracts (capacity-limiting / time-bound transport rights) [E]
    ("C-FLEX-LW-IND", "Capaciteitsbeperkend contract industrie Lage Weide", "Stedin",
     "electricity", "flex_contract", 1.5, 0, 1, 1, None, "", "C-BAT-LW", "HS-LW", 0.0, True,
     [("LWD150", 15, 0, None)], "Netcode: CBC/TDTR; omvang [E]"),
    ("C-FLEX-DC", "Non-firm transportrecht datacenter Lage Weide", "Stedin", "electricity",
     "flex_contract", 0.5, 0, 1, 1, None, "", "", "HS-LW", 0.0, True,
     [("LWD150", 10, 0, None)], "[E]"),
    ("C-FLEX-EB", "Tijdsduurgebonden transportrecht e-boilers Eneco", "Stedin", "electricity",
     "flex_contract", 0.3, 0, 1, 1, None, "", "", "HS-LW", 0.0, False,
     [("LWD150", 10, 10, None)], "[E]"),
    ("C-FLEX-EV-UTR", "Slim laden 16-21 u Utrecht (publieke laadpalen)", "Stedin",
     "electricity", "flex_contract", 2.0, 0, 1, 1, None, "", "", "GM0344", 0.0, False,
     [("MS-UTR-CEN", 4, 0, None), ("MS-UTR-OVV", 3, 0, None), ("MS-UTR-LR", 3, 0, None),
      ("MS-UTR-KAN", 3, 0, None)],
     "T4: Stedin vraagt laadpalen uit 16-21 u; elke laadpaal uit ≈ één woning (nieuws.nl) "
     "[S]; effect [E]"),
    ("C-FLEX-EV-AMF", "Slim laden 16-21 u Amersfoort", "Stedin", "electricity",
     "flex_contract", 1.0, 0, 1, 1, None, "", "", "GM0307", 0.0, False,
     [("MS-AMF-CEN", 3, 0, None), ("MS-AMF-ZUI", 2, 0, None), ("MS-AMF-VAT", 2, 0, None)],
     "T4 idem; effect [E]"),
    ("C-FLEX-GTO-NWG", "Groepstransportovereenkomst (energiehub) Liesbosch", "Stedin",
     "electricity", "flex_contract", 0.8, 0, 1, 1, None, "", "", "HS-NWG", 0.0, False,
     [("MS-NWG-LIE", 5, 3, None)], "[E]"),
    ("C-FLEX-GTO-AMF", "Groepstransportovereenkomst (energiehub) De Hoef/Isselt", "Stedin",
     "electricity", "flex_contract", 0.8, 0, 1, 1, None, "", "", "HS-AMF", 0.0, False,
     [("MS-AMF-HOE", 5, 3, None)], "[E]"),
    ("C-FLEX-GTO-VND", "Groepstransportovereenkomst (energiehub) De Compagnie", "Stedin",
     "electricity", "flex_contract", 0.6, 0, 1, 1, None, "", "", "HS-VND", 0.0, False,
     [("MS-VND-N", 4, 2, None)], "[E]"),
    ("C-FLEX-ZON-U16", "Non-firm ATO zonneparken U16 (70%-regel + curtailment)", "Stedin",
     "electricity", "flex_contract", 1.0, 0, 1, 1, None, "", "", "RES-U16", 0.0, False,
     [("DBG150", 0, 20, None), ("NWG150", 0, 15, None), ("ODR150", 0, 10, None)],
     "T12: >70% komt ~3% van de tijd voor (tw.nl) [S]; effect [E]"),
    ("C-FLEX-ZON-AMF", "Non-firm ATO zonneparken regio Amersfoort", "Stedin", "electricity",
     "flex_contract", 0.5, 0, 1, 1, None, "", "", "RES-AMF", 0.0, False,
     [("AMZ150", 0, 10, None), ("BSC150", 0, 10, None)], "idem [E]"),
    ("C-FLEX-TEN-UTR", "TenneT congestiemanagement (CSP/redispatch) Utrecht", "TenneT",
     "electricity", "flex_contract", 3.0, 0, 1, 1, None, "", "", "PV26", 0.0, False,
     [("BKK380", 60, 60, None)], "T4: congestiemanagement op invoeding (gpkl.nl) [S]; effect [E]"),
    ("C-AE-OVV", "All-electric Overvecht-Noord: netversterking i.p.v. warmtenet", "Stedin",
     "electricity", "expansion", 14, 0, 3, 2, None, "", "C-WN-OVN", "GM0344", 0.2, False,
     [("MS-UTR-OVV", 20, 10, None)], "T10: warmtenet Overvecht-Noord gestopt [S]; [E]"),
    # heat
    ("C-WN-TRL", "Warmtetransportleiding Lage Weide–Merwedekanaalzone", "Eneco", "heat",
     "heat_network", 45, 0, 4, 3, None, "", "", "GM0344", 0.5, False,
     [("WN-UTR", 40, 0, None)], "[E] ETM primaire leidingen €216-245/kW (nl2023) [S]"),
    ("C-WN-OVN", "Warmtenet Overvecht-Noord (herstart)", "Eneco", "heat", "heat_network", 0,
     0, 5, 4, 2029, "", "C-AE-OVV", "GM0344", 0.3, False,
     [("WN-UTR", 25, 0, None), ("MS-UTR-OVV", 8, 0, None)],
     "T10: 8.000 woningen, plan gestopt apr 2024 [S]; kosten per woning [D/E]"),
    ("C-WN-EB", "E-boiler 50 MW warmtenet Utrecht", "Eneco", "heat", "conversion", 25, 0, 3,
     2, None, "", "", "HS-LW", 0.3, False, [("WN-UTR", 50, 0, None)],
     "T10: e-boilers Lage Weide (2024) [S]; omvang [E]"),
    ("C-WN-AQT", "Aquathermie/riothermie Overvecht uitbreiding", "Eneco", "heat", "conversion",
     18, 0, 3, 2, None, "", "", "GM0344", 0.2, False, [("WN-UTR", 10, 0, None)],
     "T10: rioolwaterwarmtepomp Overvecht (2023) [S]; omvang [E]"),
    ("C-WB-HTO", "Seizoensopslag warmte (HTO) Utrecht", "Eneco", "heat", "storage", 30, 0, 5,
     3, None, "", "", "GM0344", 0.5, False, [("WN-UTR", 20, 0, None)], "[E]"),
    ("C-WN-AMF-SHZ", "Warmtenet Amersfoort Schothorst-Zuid", "Warmtebedrijf Amersfoort",
     "heat", "heat_network", 0, 0, 4, 3, None, "", "", "GM0307", 0.2, False,
     [("WN-AMF", 8, 0, None)], "T10 [S]; kosten per woning [D/E]"),
    ("C-WN-AMF-LUI", "Warmtenet Amersfoort De Luiaard en Kattekampen", "Warmtebedrijf Amersfoort",
     "heat", "heat_network", 0, 0, 4, 3, None, "C-WN-AMF-SHZ", "", "GM0307", 0.2, False,
     [("WN-AMF", 8, 0, None)], "T10 [S]; kosten per woning [D/E]"),
    ("C-WN-AMF-WP", "Warmtepomp RWZI Amersfoort", "Warmtebedrijf Amersfoort", "heat",
     "conversion", 12, 0, 3, 2, None, "", "", "GM0307", 0.2, False,
     [("WN-AMF", 10, 0, None)], "[E]"),
    # hydrogen and methane
    ("C-H2-BB", "Aansluiting Utrecht op het landelijk waterstofnetwerk", "Hynetwork",
     "hydrogen", "pipeline", 90, 0, 6, 3, 2031, "", "", "GM0344", 0.5, False,
     [("H2-BB", 100, 50, None), ("H2-LW", 0, 0, "H2-BB")],
     "T10: backbone verbindt 5 clusters, Utrecht niet [S]; ~30 km × €3 M/km (dutch-practice "
     "(d)) [D/E]"),
    ("C-H2-LW", "Waterstofleiding Lage Weide–Haarrijn", "Hynetwork", "hydrogen", "pipeline",
     12, 0, 4, 2, None, "", "", "GM0344", 0.0, False, [("H2-LW", 10, 10, None)],
     "[E] ~4 km × €3 M/km"),
    ("C-H2-ELY", "Uitbreiding elektrolyser Lage Weide (+20 MW)", "Hynetwork", "hydrogen",
     "conversion", 40, 0, 3, 2, None, "C-H2-LW", "", "HS-LW", 1.0, False,
     [("H2-ELY", 0, 13, None)], "[E] €2 M/MW"),
    ("C-GG-BOOST", "Groengas-booster Stedin → Gasunie RNB", "Stedin", "methane", "conversion",
     3, 0, 2, 1, None, "", "", "GM0344", 0.1, False, [("GAS-STD", 0, 10, None)],
     "[E] terugleveren van groen gas aan het RNB"),
    ("C-GAS-H2-LW", "Ombouw gasleiding Lage Weide naar waterstof", "Stedin", "hydrogen",
     "pipeline", 6, 0, 4, 2, None, "C-H2-BB", "", "HS-LW", 0.0, False,
     [("H2-LW", 20, 10, None)], "dutch-practice (d): hergebruik ~75% goedkoper [S]; [E]"),
]
# Neighbourhood batteries (buurtbatterijen, Stedin pilots) per MV station with many homes:
# 10 × 0.5 MW / 1 MWh each [E]; cost at €425/kWh + 50% installation [E].
NEIGHBOURHOOD_BATTERIES = ["MS-UTR-OVV", "MS-UTR-CEN", "MS-UTR-LR", "MS-UTR-KAN",
                           "MS-AMF-CEN", "MS-AMF-ZUI", "MS-AMF-VAT", "MS-NWG-JUT", "MS-ZST",
                           "MS-WRD", "MS-HTN", "MS-VND-Z", "MS-DRV", "MS-SST"]
# Exclusive alternatives among generated candidates [E]: a new MV station next to an existing
# one excludes that station's expansion (same site), see CANDIDATES excludes.

# =============================================================================================
# 8. Resources per year and operator [E]: the in-IP projects' spending in that year plus a
#    yearly amount for new candidates, so that only part of the candidate capex fits.
# =============================================================================================

YEARS = range(2026, 2041)
#   (operator, yearly budget for candidates M€, fte for candidates, transformers for
#    candidates, source)
RESOURCE_ALLOWANCE = [
    ("TenneT", 22, 10, 1, "T5: TenneT €180 M in Utrecht tot 2030 (2021); nu hoger [E]"),
    ("Stedin", 40, 20, 1, "T5: Stedin ≥€8 mrd tot 2030 (UT+ZH+ZL), 2024 €924 M [S]; "
                          "aandeel P-MIEK-projecten Utrecht [E]"),
    ("Eneco", 8, 3, 0, "[E]"),
    ("Warmtebedrijf Amersfoort", 3, 1, 0, "[E]"),
    ("Hynetwork", 5, 2, 0, "[E]"),
    ("Marktpartij", 5, 1, 0, "[E] batterijen op basis van congestieverzachtende contracten"),
]

# =============================================================================================
# 9. Scenarios: the four II3050 v3 storylines (dutch-practice (a)) [S names]. Factors on the
#    developments' contribution per sector are ILLUSTRATIVE [E], read from the qualitative
#    storylines, not from the II3050 figures; 1 in 2023, linear between the anchor years.
# =============================================================================================

SCENARIOS = [
    ("KM", "Koersvaste Middenweg",
     "II3050 v3: middenweg, centrale regie; de ontwikkelingen in deze dataset zijn de basis "
     "(factor 1)"),
    ("EV", "Eigen Vermogen",
     "II3050 v3: nationale zelfvoorziening; veel zon en wind op land, sterke elektrificatie"),
    ("GB", "Gezamenlijke Balans",
     "II3050 v3: Europese samenwerking; meer collectieve warmte en waterstof, gematigde "
     "elektrificatie"),
    ("HA", "Horizon Aanvoer",
     "II3050 v3: import van moleculen (waterstof, biobrandstof); minder elektrificatie en "
     "minder opwek op land"),
]
SCENARIO_SOURCE = ("Netbeheer Nederland II3050 v3 (2025), verhaallijnen; factoren [E] "
                   "illustratief")
ANCHOR_YEARS = (2030, 2035, 2040, 2050)
# (scenario, sector): factors in 2030, 2035, 2040, 2050 [E]
SCENARIO_FACTORS: dict[tuple[str, str], tuple[float, float, float, float]] = {
    ("EV", "solar"): (1.15, 1.30, 1.45, 1.60),
    ("EV", "wind"): (1.10, 1.25, 1.40, 1.50),
    ("EV", "mobility"): (1.10, 1.20, 1.30, 1.40),
    ("EV", "housing"): (1.05, 1.10, 1.15, 1.20),
    ("EV", "industry"): (1.10, 1.25, 1.40, 1.60),
    ("EV", "heat_network"): (0.90, 0.85, 0.80, 0.80),
    ("EV", "data_center"): (1.10, 1.20, 1.30, 1.40),
    ("GB", "heat_network"): (1.10, 1.25, 1.35, 1.50),
    ("GB", "industry"): (1.00, 1.10, 1.20, 1.30),
    ("GB", "solar"): (1.00, 1.05, 1.10, 1.15),
    ("GB", "wind"): (1.00, 1.10, 1.15, 1.20),
    ("GB", "mobility"): (1.00, 1.10, 1.15, 1.20),
    ("GB", "housing"): (0.95, 0.95, 0.95, 0.95),
    ("HA", "industry"): (0.90, 0.85, 0.80, 0.75),
    ("HA", "solar"): (0.90, 0.85, 0.85, 0.80),
    ("HA", "wind"): (0.90, 0.90, 0.85, 0.85),
    ("HA", "mobility"): (0.95, 1.00, 1.05, 1.10),
    ("HA", "housing"): (0.95, 0.90, 0.90, 0.85),
    ("HA", "business_park"): (0.95, 0.90, 0.90, 0.90),
}
FACTOR_YEARS = range(2023, 2051)
# Energievisie choices (structurerende keuzes, dutch-practice (b)9) [E].
SCENARIO_PARAMETERS = [
    ("KM", "role_of_hydrogen", "industry_and_heavy_transport",
     "Waterstof voor industrie en zwaar transport; geen waterstof in de gebouwde omgeving"),
    ("KM", "heat_supply", "mixed", "Warmtenetten in de stad, elders individuele warmtepompen"),
    ("KM", "solar_on_land", "medium", "Zon op land volgens RES 1.0"),
    ("KM", "electrification", "medium", "Middenweg"),
    ("EV", "role_of_hydrogen", "domestic_limited",
     "Binnenlandse productie uit eigen zon en wind; beperkte rol"),
    ("EV", "heat_supply", "individual", "Vooral individuele (all-electric) warmtepompen"),
    ("EV", "solar_on_land", "high", "Meer zon en wind op land dan de RES 1.0"),
    ("EV", "electrification", "high", "Sterke elektrificatie van industrie en mobiliteit"),
    ("GB", "role_of_hydrogen", "broad",
     "Waterstof uit Europese samenwerking, ook voor piekwarmte en zwaar transport"),
    ("GB", "heat_supply", "collective", "Warmtenetten waar mogelijk (collectief)"),
    ("GB", "solar_on_land", "medium", "Zon op land volgens RES 1.0"),
    ("GB", "electrification", "medium", "Gematigd, hybride warmtepompen"),
    ("HA", "role_of_hydrogen", "import_hub",
     "Grote rol voor geïmporteerde waterstof en groen gas, ook in gebouwen"),
    ("HA", "heat_supply", "individual_hybrid", "Hybride warmtepompen met groen gas/waterstof"),
    ("HA", "solar_on_land", "low", "Minder opwek op land; import"),
    ("HA", "electrification", "low", "Beperkte elektrificatie"),
]

# =============================================================================================
# 10. Criteria: a default afwegingskader — a PROPOSAL to calibrate with the kernteam
#     (dutch-practice (b): "proposed default, not sourced, to be calibrated").
# =============================================================================================

PROPOSAL = "Voorstel, te kalibreren met het kernteam."
#   (id, parent, name, group, indicator, direction, unit, value function, weight,
#    motivation, basis, owner)
CRITERIA = [
    # id, parent, name, group, indicator, direction, unit, value function, value points,
    # local weight, motivation, basis, owner (indicators: pmiek.assessment.indicators)
    ("MW", None, "Maatschappelijke waarde", "maatschappelijke_waarde", None, "benefit", None,
     "linear", None, 0.5,
     "Het P-MIEK bestaat om ruimtelijk-economische ontwikkelingen mogelijk te maken; daarom het "
     "grootste gewicht. " + PROPOSAL,
     "Startnotitie P-MIEK 2.0; Regeling investeringsplan art. 2.5 (hoog maatschappelijk "
     "belang)", "provincie"),
    ("MW-WON", "MW", "Woningbouw tijdig aangesloten", "maatschappelijke_waarde",
     "homes_connected_2030", "benefit", "woningen", "linear", None, 0.30,
     "Woondeals (83.500 woningen tot 2030) zijn de grootste opgave; woningbouw dreigt vast te "
     "lopen op netcongestie. " + PROPOSAL,
     "Woondeals U10, Amersfoort en Foodvalley (2022-2030); PPWW 2023", "provincie"),
    ("MW-WRK", "MW", "Werklocaties en economie", "maatschappelijke_waarde", "jobs_2030",
     "benefit", "banen", "linear", None, 0.15,
     "Bedrijven op de wachtrij (>1.500 in juni 2025) en 54 ha nieuwe werklocaties. "
     + PROPOSAL, "PPWW 2023; Ruimtelijke agenda", "provincie"),
    ("MW-KLM", "MW", "Klimaat: duurzame opwek", "maatschappelijke_waarde",
     "renewable_gwh_2030", "benefit", "GWh/jaar", "linear", None, 0.10,
     "RES-doelen (U16 1,8 TWh, Amersfoort 0,5 TWh): opwek die niet aangesloten wordt, telt "
     "niet. " + PROPOSAL, "RES 1.0; Klimaatakkoord", "provincie"),
    ("MW-CO2", "MW", "Klimaat: elektrificatie van de industrie", "maatschappelijke_waarde",
     "industry_co2_kt_2030", "benefit", "kt CO2/jaar", "linear", None, 0.05,
     "Elektrificatie van Cluster 6-bedrijven vraagt netcapaciteit; zonder aansluiting geen "
     "CO2-reductie. " + PROPOSAL, "Klimaatakkoord; CES Cluster 6 (2022)", "provincie"),
    ("MW-BAS", "MW", "Basisvoorzieningen (zorg, onderwijs, veiligheid)",
     "maatschappelijke_waarde", "acm3_share_2030", "benefit", "-", "step",
     "0:0; 0.9:0.5; 0.999:1", 0.15,
     "Sluit aan bij ACM-prioriteringscategorie 3 (basisbehoeften): pas als (vrijwel) alles "
     "aangesloten is, is het doel gehaald; daarom een trapfunctie. " + PROPOSAL,
     "Netcode elektriciteit art. 7.0a-d, ACM prioriteringskader (stcrt-2024-12928, "
     "stcrt-2025-42323)", "provincie"),
    ("MW-MOB", "MW", "Mobiliteit: laadinfrastructuur", "maatschappelijke_waarde",
     "charge_points_2030", "benefit", "laadpunten", "linear", None, 0.10,
     "NAL: ~1,7 mln laadpunten in 2030; laadpalen concurreren op het avondpiekmoment met "
     "woningen. " + PROPOSAL, "Nationale Agenda Laadinfrastructuur", "provincie"),
    ("MW-BET", "MW", "Betaalbaarheid (maatschappelijke kosten)", "maatschappelijke_waarde",
     "capex_meur", "cost", "M€", "linear", None, 0.10,
     "Netkosten komen via tarieven bij huishoudens en bedrijven; woonlasten ≤ 10% van het "
     "besteedbaar inkomen. " + PROPOSAL, "Handreiking betaalbaarheid (2023)", "provincie"),
    ("MW-RUI", "MW", "Ruimtelijke kwaliteit", "maatschappelijke_waarde", "spatial_claim_ha",
     "cost", "ha", "linear", None, 0.05,
     "Stations vragen ruimte (Utrecht-Noord ~6 ha, Waterlinie); ruimte reserveren is schaars. "
     + PROPOSAL, "Omgevingsvisie provincie Utrecht", "provincie"),
    ("RB", None, "Realiseerbaarheid", "realiseerbaarheid", None, "benefit", None, "linear",
     None, 0.25,
     "Een project dat niet gebouwd kan worden lost niets op; beoordeeld door de netbeheerders. "
     + PROPOSAL, "Startnotitie P-MIEK 2.0; Gelderse praktijk: technisch, juridisch, sociaal, "
     "financieel", "netbeheerders"),
    ("RB-DLT", "RB", "Doorlooptijdrisico", "realiseerbaarheid", "lead_time_risk", "cost",
     "projecten", "piecewise_linear", "0:1; 10:0.5; 40:0", 0.30,
     "Projecten zonder speling in hun planning (in hun vroegst mogelijke jaar) vertragen bij "
     "elke tegenvaller; stations kosten 3 jaar bouw en tot 7 jaar voorbereiding. De eerste "
     "tien tellen het zwaarst. " + PROPOSAL,
     "Stedin (ANP 2024-02-06); TenneT-doorlooptijden", "netbeheerders"),
    ("RB-FTE", "RB", "Beslag op technische menskracht", "realiseerbaarheid", "fte_years",
     "cost", "fte-jaar", "linear", None, 0.25,
     "Technici zijn de schaarste van dit decennium. " + PROPOSAL,
     "Landelijk Actieprogramma Netcongestie", "netbeheerders"),
    ("RB-MAT", "RB", "Beslag op transformatoren", "realiseerbaarheid", "transformers",
     "cost", "stuks", "linear", None, 0.15,
     "Vermogenstransformatoren hebben lange levertijden. " + PROPOSAL,
     "Landelijk Actieprogramma Netcongestie", "netbeheerders"),
    ("RB-VGN", "RB", "Ruimte en vergunningen", "realiseerbaarheid", "new_stations", "cost",
     "stations", "linear", None, 0.20,
     "Elk nieuw station vraagt inpassing (provinciaal inpassingsplan, Waterlinie); dat bepaalt "
     "vaak de planning. " + PROPOSAL, "Omgevingswet; inpassingsplan Breukelen-Kortrijk",
     "netbeheerders"),
    ("RB-CAP", "RB", "Kostenonzekerheid", "realiseerbaarheid", "capex_range_meur", "cost",
     "M€", "linear", None, 0.10,
     "De bandbreedte van de kostenramingen is een risico voor de investeringsruimte van de "
     "netbeheerders. " + PROPOSAL, "Investeringsplannen netbeheerders", "netbeheerders"),
    ("ST", None, "Systeemtoets", "systeemtoets", None, "benefit", None, "linear", None, 0.25,
     "Past het project in het energiesysteem als geheel, in elk scenario? Beoordeeld door de "
     "netbeheerders. " + PROPOSAL, "Startnotitie P-MIEK 2.0; advies netbeheerders na pMIEK "
     "1.0 (vemw.nl)", "netbeheerders"),
    ("ST-NRG", "ST", "Spijtvrij over de II3050-scenario's", "systeemtoets",
     "no_regret_share", "benefit", "-", "linear", "0:0; 1:1", 0.35,
     "Een project dat in alle vier verhaallijnen nodig is, is robuust. " + PROPOSAL,
     "II3050 v3 (Netbeheer Nederland); MIEK-criterium toekomstbestendigheid", "netbeheerders"),
    ("ST-TEK", "ST", "Resterend capaciteitstekort", "systeemtoets", "shortage_mw_years",
     "cost", "MW·jaar", "linear", None, 0.30,
     "Minder resterende congestie is beter; kern van de knelpuntanalyse. " + PROPOSAL,
     "Capaciteitskaart netbeheerders; Netcode", "netbeheerders"),
    ("ST-MCD", "ST", "Samenhang tussen energiedragers", "systeemtoets", "flex_mw",
     "benefit", "MW", "linear", None, 0.20,
     "Opslag, conversie en flexibiliteit ontlasten het elektriciteitsnet. " + PROPOSAL,
     "RVO integraal programmeren: alle energiedragers in scope", "netbeheerders"),
    ("ST-N1", "ST", "Reserve in het net (N-1)", "systeemtoets", "asset_utilisation", "cost",
     "-", "piecewise_linear", "0.5:1; 0.8:0.6; 1:0", 0.15,
     "Een station dat tot zijn capaciteit benut is, houdt geen enkelvoudige storingsreserve; "
     "tot 80% benutting is de reserve ruim. " + PROPOSAL,
     "Kwaliteitsnorm enkelvoudige storingsreserve (≥110 kV)", "netbeheerders"),
]


# =============================================================================================
# Helpers
# =============================================================================================


def split_int(total: int, weights: Sequence[float]) -> list[int]:
    """Integers proportional to ``weights`` that add up to ``total`` (largest remainder)."""
    w = np.asarray(weights, dtype=float)
    if total == 0 or w.sum() == 0:
        return [0] * len(w)
    exact = total * w / w.sum()
    base = np.floor(exact).astype(int)
    order = sorted(range(len(w)), key=lambda i: (-(exact[i] - base[i]), i))
    for i in order[: total - int(base.sum())]:
        base[i] += 1
    return [int(b) for b in base]


def r3(x: float) -> float:
    return float(round(x, 3))


def wkt_point(lat: float | None, lon: float | None) -> str | None:
    if lat is None or lon is None:
        return None
    x, y = rd(lat, lon)
    return f"POINT ({x:.0f} {y:.0f})"


def as_text(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.apply(lambda s: pd.Series(column_text(s.to_numpy(dtype=object)), index=s.index))


MUNI = {m[0]: m for m in MUNICIPALITIES}
BASE = {b[0]: b for b in BASELINE}
REGION_OF = {m[0]: m[2] for m in MUNICIPALITIES}
STATIONS_OF: dict[str, list[tuple[Any, ...]]] = {}
for _st in MV_STATIONS:
    STATIONS_OF.setdefault(_st[2], []).append(_st)


def short(station_id: str) -> str:
    return station_id.removeprefix("MS-")


# =============================================================================================
# Table builders
# =============================================================================================


def areas_table(outline: Polygon, shapes: dict[str, shapely.Geometry]) -> pd.DataFrame:
    rows: list[tuple[Any, ...]] = [
        (PROVINCE[0], PROVINCE[1], "province", None, PROVINCE[2], PROVINCE[3], outline)]
    for rid, name, _ in REGIONS:
        members = [m for m in MUNICIPALITIES if m[2] == rid]
        rows.append((rid, name, "region", PROVINCE[0], sum(m[3] for m in members),
                     sum(m[4] for m in members), shapes[rid]))
    for cbs, name, region, pop, dwell, *_ in MUNICIPALITIES:
        rows.append((cbs, name, "municipality", region, pop, dwell, shapes[cbs]))
    for hid, name, owner, *_ in HOTSPOTS:
        rows.append((hid, name, "hotspot", owner, None, None, shapes[hid]))
    frame = pd.DataFrame(rows, columns=["id", "name", "kind", "parent_id", "population",
                                        "dwellings", "geometry"])
    # Marks the geometry as schematic in the data itself; maps show a notice for it.
    frame["geometry_source"] = np.where(
        frame["kind"] == "hotspot", "schematisch: cirkel rond het zwaartepunt [E]",
        "schematisch: Voronoi-cellen rond de gemeentekernen, geknipt op een geschatte "
        "provinciegrens [E]")
    return frame


def assets_table() -> pd.DataFrame:
    rows: list[tuple[Any, ...]] = []
    kv: float | None
    for (aid, name, op, kv, parent, area, lat, lon, n, mva, cap_d, cap_f, _) in HV_STATIONS:
        if cap_d > (n - 1) * mva or cap_f > n * mva:
            raise SystemExit(f"{aid}: capacity above the transformer capacity")
        rows.append((aid, name, "electricity", "hv_station", op, kv, parent, area, cap_d,
                     cap_f, None, wkt_point(lat, lon), False))
    for (aid, name, _, area, kv, parent, lat, lon, _, _, _, cap_d, cap_f,
         conf) in MV_STATIONS:
        rows.append((aid, name, "electricity", "mv_station", "Stedin", kv, parent, area, cap_d,
                     cap_f, None, wkt_point(lat, lon), conf))
    rows.append(("UOS380", "Utrecht-Oost 380/150 kV (zoekgebied, idee)", "electricity",
                 "hv_station", "TenneT", 380, None, "GM0307", 0, 0, None,
                 wkt_point(52.1300, 5.4500), False))
    for (aid, name, carrier, kind, op, kv, parent, area, lat, lon, cap_d, cap_f, mwh, conf,
         _) in OTHER_ASSETS:
        rows.append((aid, name, carrier, kind, op, kv, parent, area, cap_d, cap_f, mwh,
                     wkt_point(lat, lon), conf))
    return pd.DataFrame(rows, columns=[
        "id", "name", "carrier", "kind", "operator", "voltage_kv", "parent_id", "area_id",
        "capacity_demand_mw", "capacity_feedin_mw", "storage_energy_mwh", "geometry",
        "confidential"])


DEV_COLUMNS = ["id", "name", "sector", "area_id", "asset_id", "carrier", "quantity", "unit",
               "demand_mw", "feedin_mw", "profile", "start_year", "end_year", "certainty",
               "acm_priority", "policy_goals", "source", "geometry"]


def municipal_homes() -> tuple[dict[str, int], dict[str, int]]:
    """Homes to 2030 and in 2031-2040 per municipality (pro rata 2023 dwellings)."""
    u16 = [m for m in MUNICIPALITIES if m[2] == "RES-U16"]
    rest = [m for m in MUNICIPALITIES if m[2] != "RES-U16"]
    to_2030: dict[str, int] = {}
    for group, total in ((u16, HOMES_TO_2030["RES-U16"]), (rest, HOMES_TO_2030["RES-AMF+RES-FV"])):
        for m, n in zip(group, split_int(total, [m[4] for m in group]), strict=True):
            to_2030[m[0]] = n
    after = dict(zip(MUNI, split_int(HOMES_2031_2040, [m[4] for m in MUNICIPALITIES]),
                     strict=True))
    return to_2030, after


def site_homes_by(year_from: int, year_to: int, site: tuple[Any, ...]) -> int:
    """Homes of a large site realised from ``year_from`` to ``year_to`` (linear phasing)."""
    _, _, _, _, _, homes, first, last, *_ = site
    years = last - first + 1
    inside = max(0, min(year_to, last) - max(year_from, first) + 1)
    return round(homes * inside / years)


def res_rows() -> tuple[list[tuple[Any, ...]], dict[str, dict[str, float]]]:
    """New RES solar and wind developments, and the derived MW per region."""
    rows: list[tuple[Any, ...]] = []
    derived: dict[str, dict[str, float]] = {}
    fv_target = FOODVALLEY_TARGET_GWH * sum(BASE[m[0]][1] for m in MUNICIPALITIES
                                            if m[2] == "RES-FV") / FOODVALLEY_ALL_HH_GWH
    for region, target, wind_share, field_share, source in RES_TARGETS:
        if region == "RES-FV":
            target = fv_target
        members = [m for m in MUNICIPALITIES if m[2] == region]
        fields_now = sum(BASE[m[0]][7] for m in members)
        wind_now = sum(BASE[m[0]][8] for m in members)
        wind_gwh = target * wind_share
        solar_gwh = target - wind_gwh
        new_wind_mw = max(0.0, wind_gwh - wind_now * FLH_WIND / 1000) * 1000 / FLH_WIND
        new_solar_mwp = max(0.0, solar_gwh - fields_now * FLH_SOLAR / 1000) * 1000 / FLH_SOLAR
        derived[region] = {"target_gwh": target, "existing_fields_mwp": fields_now,
                           "existing_wind_mw": wind_now, "new_wind_mw": new_wind_mw,
                           "new_solar_mwp": new_solar_mwp}
        # Solar: fields pro rata land area (rural municipalities), large roofs pro rata
        # services electricity [E].
        rural = [m for m in members if m[0] not in NO_FIELDS]
        fields = new_solar_mwp * field_share
        roofs = new_solar_mwp - fields
        land = sum(m[5] for m in rural)
        serv = sum(BASE[m[0]][2] for m in members)
        for m in members:
            stations = STATIONS_OF[m[0]]
            field_station = next((s for s in stations if s[10]), stations[0])
            roof_mwp = roofs * BASE[m[0]][2] / serv
            parts = [(f"RES-ZV-{m[0]}", f"Zonnevelden {m[1]}", field_station,
                      fields * m[5] / land if m in rural else 0.0)]
            parts += [(f"RES-ZD-{short(st[0])}", f"Zon op grote daken {m[1]}"
                       + ("" if len(stations) == 1 else f" ({st[1]})"), st,
                       roof_mwp * st[9] / sum(x[9] for x in stations)) for st in stations]
            for code, label, st, mwp in parts:
                if mwp <= 0:
                    continue
                for suffix, first, last, share in RES_TRANCHES:
                    rows.append((f"{code}-{suffix}", f"{label} {first}-{last}", "solar",
                                 st[3], st[0], "electricity", r3(mwp * share), "MWp", None,
                                 None, None, first, last, 3, 0, "res;co2", source, None))
        for wid, name, cbs, area, asset, share, cert in WIND_PARKS:
            if REGION_OF[cbs] != region:
                continue
            rows.append((wid, name, "wind", area, asset, "electricity",
                         r3(new_wind_mw * share), "MW", None, None, None, 2026, 2030, cert, 0,
                         "res;co2", source, None))
    return rows, derived


def developments_table(profile_flh: dict[str, float]) -> tuple[pd.DataFrame, dict[str, Any]]:
    rows: list[tuple[Any, ...]] = []
    notes: dict[str, Any] = {}
    profile: str | None
    # (1) existing 2023 load and generation per MV station
    for cbs, *_ in MUNICIPALITIES:
        base = BASE[cbs]
        name = MUNI[cbs][1]
        for st in STATIONS_OF[cbs]:
            sid, _, _, area, _, _, _, _, res, bus, fields, *_ = st
            for code, col, sector, profile, label, key in BASELINE_SECTORS:
                share = res if key == "res" else bus
                gwh = base[col] * share
                if gwh <= 0:
                    continue
                flh = profile_flh[profile]
                rows.append((f"B23-{short(sid)}-{code}", f"Bestaand 2023: {label} {name}"
                             + ("" if len(STATIONS_OF[cbs]) == 1 else f" ({st[1]})"),
                             sector, area, sid, "electricity", None, None,
                             r3(gwh * 1000 / flh), None, profile, 2023, 2023, 5, 0, "bestaand",
                             f"{ETM}: {gwh:.4g} GWh/jaar ÷ {flh:.0f} vollasturen van profiel "
                             f"{profile} [D/E]", None))
            if base[6] * res > 0:
                rows.append((f"B23-{short(sid)}-PVD", f"Bestaand 2023: zon op dak {name}"
                             + ("" if len(STATIONS_OF[cbs]) == 1 else f" ({st[1]})"),
                             "solar", area, sid, "electricity", r3(base[6] * res), "MWp", None,
                             None, None, 2023, 2023, 5, 0, "bestaand",
                             f"{ETM}: dak-pv {base[6] * res:.4g} MWp (T2) [S; D: naar "
                             "aandeel van het station]", None))
            if fields and base[7] > 0:
                rows.append((f"B23-{short(sid)}-PVV", f"Bestaand 2023: zonnevelden {name}",
                             "solar", area, sid, "electricity", float(base[7]), "MWp", None,
                             None, None, 2023, 2023, 5, 0, "bestaand;res",
                             f"{ETM}: zonnevelden {base[7]:g} MWp (T2) [S]", None))
            if fields and base[8] > 0:
                rows.append((f"B23-{short(sid)}-WND", f"Bestaand 2023: wind {name}", "wind",
                             area, sid, "electricity", float(base[8]), "MW", None, None, None,
                             2023, 2023, 5, 0, "bestaand;res",
                             f"{ETM}: wind {base[8]:g} MW (T2; ondergrens) [S]", None))
        if cbs in HEAT_NETWORK_OF and base[9] > 0:
            flh = profile_flh["space_heat"]
            rows.append((f"B23-{cbs}-WN", f"Bestaand 2023: stadswarmte huishoudens {name}",
                         "heat_network", cbs, HEAT_NETWORK_OF[cbs], "heat", None, None,
                         r3(base[9] * 1000 / flh), None, "space_heat", 2023, 2023, 5, 0,
                         "bestaand", f"{ETM}: {base[9]:g} GWh/jaar ÷ {flh:.0f} vollasturen "
                         "[D/E]", None))

    # (2) housing
    to_2030, after = municipal_homes()
    mkz = next(s for s in HOUSING_SITES if s[0] == "WON-MKZ")
    rij = next(s for s in HOUSING_SITES if s[0] == "WON-RIJ")
    notes["homes_to_2030"] = dict(to_2030)
    to_2030["GM0344"] -= site_homes_by(2025, 2030, mkz)
    after["GM0344"] -= site_homes_by(2031, 2040, mkz) + rij[5]
    for cbs, *_ in MUNICIPALITIES:
        stations = [s for s in STATIONS_OF[cbs] if s[8] > 0]
        for tranches, total in ((TRANCHES_TO_2030, to_2030[cbs]),
                                (TRANCHES_AFTER_2030, after[cbs])):
            per_tranche = split_int(total, [t[3] for t in tranches])
            for (suffix, first, last, _, cert), n in zip(tranches, per_tranche, strict=True):
                for st, k in zip(stations, split_int(n, [s[8] for s in stations]),
                                 strict=True):
                    if k == 0:
                        continue
                    woondeal = ("U10" if REGION_OF[cbs] == "RES-U16" else
                                "Amersfoort" if REGION_OF[cbs] == "RES-AMF" else "Foodvalley")
                    source = (f"Woondeal {woondeal} 2022-2030 (T7 [S]), pro rata woningen 2023 "
                              "[E]" if last <= 2030 else
                              "PPWW 2023 tot 2040 (T7); 60.000 woningen 2031-2040 pro rata "
                              "[E]")
                    rows.append((f"WON-{short(st[0])}-{suffix}",
                                 f"Woningbouw {MUNI[cbs][1]}"
                                 + ("" if len(stations) == 1 else f" ({st[1]})")
                                 + f" {first}-{last}", "housing", st[3], st[0], "electricity",
                                 float(k), "homes", None, None, None, first, last, cert, 0,
                                 "wonen", source, None))
    for sid, name, _, area, station, homes, first, last, cert, source in HOUSING_SITES:
        rows.append((sid, f"Woningbouw {name}", "housing", area, station, "electricity",
                     float(homes), "homes", None, None, None, first, last, cert, 0, "wonen",
                     source, wkt_point(*next((h[3], h[4]) for h in HOTSPOTS if h[0] == area))))

    # (3) business parks
    for bid, name, area, station, ha, first, last, cert in BUSINESS_PARKS:
        source = ("PPWW 2023: 54 ha nieuwe bedrijventerreinen tot 2030 (T7 [S]); verdeling [E]"
                  if last <= 2030 else "[E] na 2030")
        rows.append((bid, f"Bedrijventerrein {name}", "business_park", area, station,
                     "electricity", float(ha), "ha", None, None, None, first, last, cert, 0,
                     "werk", source, None))

    # (4) charge points
    new_points = (NAL_2030 - NL_POINTS_2023) * PROVINCE[3] / NL_DWELLINGS_2023
    notes["charge_points_2030"] = new_points
    per_muni = dict(zip(MUNI, split_int(round(new_points), [m[4] for m in MUNICIPALITIES]),
                        strict=True))
    notes["charge_points_by_municipality"] = per_muni
    for cbs, *_ in MUNICIPALITIES:
        stations = [s for s in STATIONS_OF[cbs] if s[8] > 0]
        tranches = [*EV_TRANCHES, EV_AFTER_2030]
        amounts = [*split_int(per_muni[cbs], [t[3] for t in EV_TRANCHES]),
                   round(per_muni[cbs] * EV_AFTER_2030[3])]
        for (suffix, first, last, _, cert), n in zip(tranches, amounts, strict=True):
            for st, k in zip(stations, split_int(n, [s[8] for s in stations]), strict=True):
                if k == 0:
                    continue
                source = ("NAL 2030 1,7 mln − 518.000 (2023) laadpunten (T9 [S]) × aandeel "
                          "woningen 593.037/7.931.940 (ETM nl2023) [D], pro rata woningen [E]"
                          if last <= 2030 else "[E] +50% van de groei 2024-2030")
                rows.append((f"LAD-{short(st[0])}-{suffix}",
                             f"Laadpunten {MUNI[cbs][1]}"
                             + ("" if len(stations) == 1 else f" ({st[1]})")
                             + f" {first}-{last}", "mobility", st[3], st[0], "electricity",
                             float(k), "charge_points", None, None, None, first, last, cert, 0,
                             "mobiliteit;co2", source, None))

    # rooftop PV growth (small, not RES-counted)
    for cbs, *_ in MUNICIPALITIES:
        for st in STATIONS_OF[cbs]:
            mwp = BASE[cbs][6] * st[8] * ROOFTOP_GROWTH
            if mwp <= 0:
                continue
            rows.append((f"PVD-{short(st[0])}", f"Groei zon op dak {MUNI[cbs][1]}"
                         + ("" if len(STATIONS_OF[cbs]) == 1 else f" ({st[1]})")
                         + " 2024-2030", "solar", st[3], st[0], "electricity", r3(mwp), "MWp",
                         None, None, None, 2024, 2030, 3, 0, "co2",
                         f"[E] +{ROOFTOP_GROWTH:.0%} op dak-pv 2023 (ETM, T2)", None))

    # (5) RES
    res, derived = res_rows()
    rows += res
    notes["res"] = derived

    # (6)-(10) named developments
    for (did, name, sector, area, asset, carrier, qty, unit, dem, feed, profile, first, last,
         cert, acm, goals, source, lat, lon) in NAMED_DEVELOPMENTS:
        rows.append((did, name, sector, area, asset, carrier, qty, unit, dem, feed, profile,
                     first, last, cert, acm, goals, source, wkt_point(lat, lon)))

    # schools (ACM 3)
    for cbs, name, _, pop, *_ in MUNICIPALITIES:
        st = max(STATIONS_OF[cbs], key=lambda s: (s[8], s[0]))
        mw = pop * SCHOOL_W_PER_INHABITANT / 1e6
        rows.append((f"ONDW-{cbs}", f"Scholen {name}: verduurzaming PO/VO", "utility", st[3],
                     st[0], "electricity", None, None, r3(mw), None, "business_hours", 2026,
                     2032, 3, 3, "onderwijs;co2",
                     f"[E] {SCHOOL_W_PER_INHABITANT:g} W per inwoner (inwoners T1)", None))
    return pd.DataFrame(rows, columns=DEV_COLUMNS), notes


def unit_parameters_table() -> pd.DataFrame:
    return pd.DataFrame(UNIT_PARAMETERS, columns=[
        "sector", "carrier", "unit", "demand_kw_per_unit", "feedin_kw_per_unit", "profile",
        "source"])


def profiles_table(profiles: dict[str, np.ndarray]) -> pd.DataFrame:
    hour = np.arange(HOURS_PER_YEAR)
    return pd.concat([pd.DataFrame({"profile_id": name, "hour": hour, "value": values})
                      for name, values in profiles.items()], ignore_index=True)


PROJECT_COLUMNS = ["id", "name", "operator", "carrier", "kind", "capex_meur", "capex_low_meur",
                   "capex_high_meur", "fte_years", "transformers", "lead_time_years",
                   "build_years", "earliest_year", "status", "ip_year", "requires", "excludes",
                   "area_id", "spatial_claim_ha", "confidential", "source"]


def _fte(carrier: str, kind: str, capex: float) -> float:
    return r3(capex * FTE_PER_MEUR[carrier] * FTE_FACTOR_KIND.get(kind, 1.0))


def projects_tables() -> tuple[pd.DataFrame, pd.DataFrame]:
    projects: list[tuple[Any, ...]] = []
    effects: list[tuple[Any, ...]] = []
    for (pid, name, op, carrier, kind, capex, fte, trafos, lead, build, status, ip, req, area,
         ha, source) in KNOWN_PROJECTS:
        projects.append((pid, name, op, carrier, kind, float(capex), r3(capex * 0.8),
                         r3(capex * HIGH), float(fte), trafos, lead, build, None, status, ip,
                         req or None, None, area, ha, False, source + "; kosten [E]"))
    for pid, asset, dd, df, parent in KNOWN_EFFECTS:
        effects.append((pid, asset, float(dd), float(df), parent))

    excludes_of: dict[str, set[str]] = {}
    for c in CANDIDATES:
        for other in filter(None, c[11].split(";")):
            excludes_of.setdefault(c[0], set()).add(other)
            excludes_of.setdefault(other, set()).add(c[0])

    hv = {h[0]: h for h in HV_STATIONS}
    mv = {m[0]: m for m in MV_STATIONS}
    generated: list[tuple[Any, ...]] = []
    # HV transformer expansions (Stedin; TenneT's 150 kV field included in the cost)
    for aid in [h[0] for h in HV_STATIONS if h[8] > 0 and h[2] == "TenneT" and h[4]]:
        mva = hv[aid][9]
        capex = r3(mva * (EUR_PER_KW["mv_hv_trafo"] + EUR_PER_KW["hv_net"]) / 1000)
        generated.append((f"C-HV-{aid}", f"Extra 150/MS-transformator {hv[aid][1]} "
                          f"(+{mva:g} MVA)", "Stedin", "electricity", "expansion", capex, 1, 4,
                          2, None, "", hv[aid][5] or "PV26", 0.3, False,
                          [(aid, mva, mva, None)],
                          "ETM-kostenstappen MS/HS-trafo €250/kW + HS-net €364/kW (T12) [D]; "
                          "T12: 150/20 kV 40-80 MVA"))
    # MV station expansions
    for st in MV_STATIONS:
        sid, name, _, area, kv, parent = st[:6]
        if sid == "MS-UTR-RIJ":
            continue  # covered by P-RIJ-STD
        delta = max(10.0, round(st[11] * 0.5 / 5) * 5)
        capex = r3(delta * EUR_PER_KW["mv_net"] / 1000)
        req = ""
        if parent in CONGESTED_HV:
            req = f"C-HV-{parent}"
        generated.append((f"C-EXP-{sid}", f"Uitbreiding {name} (+{delta:g} MW)", "Stedin",
                          "electricity", "expansion", capex, 1 if kv >= 50 else 0, 3, 2, None,
                          req, area, 0.1, st[13], [(sid, delta, delta, None)],
                          "ETM-kostenstap MS-net €690/kW (T12) [D]; omvang [E]"))
    # neighbourhood batteries
    for sid in NEIGHBOURHOOD_BATTERIES:
        st = mv[sid]
        capex = r3(10 * 1.0 * BATTERY_EUR_PER_KWH * 1.5 / 1000)  # 10 MWh
        generated.append((f"C-BB-{short(sid)}", f"Buurtbatterijen {st[1].removesuffix(' MS')} "
                          "(10 × 0,5 MW / 1 MWh)", "Stedin", "electricity", "storage", capex,
                          0, 1, 1, None, "", st[3], 0.05, False, [(sid, 4, 5, None)],
                          "dutch-practice (d): €400-450/kWh [S] + 50% installatie [E]; effect "
                          "op de piek 4-5 MW [E]"))
    for (pid, name, op, carrier, kind, capex, trafos, lead, build, earliest, req, area, ha,
         conf, effs, source) in generated:
        excl = ";".join(sorted(excludes_of.get(pid, set()))) or None
        projects.append((pid, name, op, carrier, kind, capex, r3(capex * LOW),
                         r3(capex * HIGH), _fte(carrier, kind, capex), trafos, lead, build,
                         earliest, "candidate", None, req or None, excl, area, ha, conf,
                         source))
        for asset, dd, df, parent in effs:
            effects.append((pid, asset, float(dd), float(df), parent))

    for (pid, name, op, carrier, kind, capex, trafos, lead, build, earliest, req, _, area,
         ha, conf, effs, source) in CANDIDATES:
        if kind == "storage" and capex == 0:  # grid battery: 4 h at €425/kWh
            capex = r3(effs[0][2] * 4 * BATTERY_EUR_PER_KWH / 1000 if effs[0][2] else 0)
            capex = max(capex, r3(max(e[1] for e in effs) * 4 * BATTERY_EUR_PER_KWH / 1000))
        if kind == "heat_network" and capex == 0:  # homes × €15,000
            homes = sum(d[6] or 0 for d in NAMED_DEVELOPMENTS  # connections = homes
                        if d[0] in HEAT_PROJECT_HOMES.get(pid, ()))
            capex = r3(homes * HEAT_EUR_PER_HOME / 1e6)
        excl_all = ";".join(sorted(excludes_of.get(pid, set()))) or None
        projects.append((pid, name, op, carrier, kind, float(capex), r3(capex * LOW),
                         r3(capex * HIGH), _fte(carrier, kind, capex), trafos, lead, build,
                         earliest, "candidate", None, req or None, excl_all, area, ha, conf,
                         source))
        for asset, dd, df, parent in effs:
            effects.append((pid, asset, float(dd), float(df), parent))
    return (pd.DataFrame(projects, columns=PROJECT_COLUMNS),
            pd.DataFrame(effects, columns=["project_id", "asset_id", "delta_demand_mw",
                                           "delta_feedin_mw", "new_parent_id"]))


# The developments whose homes a heat-network candidate connects (cost = homes × €15,000).
HEAT_PROJECT_HOMES = {"C-WN-OVN": ("WN-OVN",), "C-WN-AMF-SHZ": ("WN-SHZ",),
                      "C-WN-AMF-LUI": ("WN-LUI", "WN-KAT")}


def spend_by_year(projects: pd.DataFrame, column: str) -> pd.DataFrame:
    """Spending of in-IP and under-construction projects per operator and year."""
    rows = []
    fixed = projects[projects["status"].isin(["in_ip", "under_construction"])]
    for p in fixed.itertuples(index=False):
        years = range(int(p.ip_year) - int(p.build_years), int(p.ip_year))
        for y in years:
            rows.append((p.operator, y, float(getattr(p, column)) / int(p.build_years)))
    frame = pd.DataFrame(rows, columns=["operator", "year", "value"])
    return frame.groupby(["operator", "year"], as_index=False)["value"].sum()


def resources_table(projects: pd.DataFrame) -> pd.DataFrame:
    capex = spend_by_year(projects, "capex_meur")
    fte = spend_by_year(projects, "fte_years")
    trafo = spend_by_year(projects, "transformers")
    rows = []
    for op, budget, staff, trafos, _ in RESOURCE_ALLOWANCE:
        for y in YEARS:
            def fixed(frame: pd.DataFrame, op: str = op, y: int = y) -> float:
                hit = frame[(frame["operator"] == op) & (frame["year"] == y)]["value"]
                return float(hit.sum())
            rows.append((y, op, r3(budget + fixed(capex)), r3(staff + fixed(fte)),
                         int(trafos + math.ceil(fixed(trafo)))))
    return pd.DataFrame(rows, columns=["year", "operator", "budget_meur", "fte",
                                       "transformers"])


def scenario_tables() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    scenarios = pd.DataFrame([(sid, name, desc, SCENARIO_SOURCE) for sid, name, desc in
                              SCENARIOS], columns=["id", "name", "description", "source"])
    rows = []
    anchors_x = [2023, *ANCHOR_YEARS]
    for (sid, sector), values in SCENARIO_FACTORS.items():
        for y in FACTOR_YEARS:
            rows.append((sid, sector, y, r3(float(np.interp(y, anchors_x, [1.0, *values])))))
    factors = pd.DataFrame(rows, columns=["scenario_id", "sector", "year", "factor"])
    params = pd.DataFrame(SCENARIO_PARAMETERS,
                          columns=["scenario_id", "parameter", "value", "description"])
    return scenarios, factors, params


def criteria_table() -> pd.DataFrame:
    frame = pd.DataFrame(CRITERIA, columns=["id", "parent_id", "name", "group", "indicator",
                                            "direction", "unit", "value_function",
                                            "value_points", "weight", "motivation", "basis",
                                            "owner"])
    frame["version"] = "2.0"
    frame["status"] = "concept"
    return frame


# =============================================================================================
# Build
# =============================================================================================


def build() -> tuple[Workspace, dict[str, Any]]:
    outline, shapes = build_geometry()
    profiles = normalise(build_profiles())
    flh = {name: float(v.sum()) for name, v in profiles.items()}
    developments, notes = developments_table(flh)
    projects, effects = projects_tables()
    scenarios, factors, params = scenario_tables()
    raw = {
        "areas": areas_table(outline, shapes),
        "assets": assets_table(),
        "developments": developments,
        "unit_parameters": unit_parameters_table(),
        "profiles": profiles_table(profiles),
        "projects": projects,
        "project_effects": effects,
        "resources": resources_table(projects),
        "scenarios": scenarios,
        "scenario_factors": factors,
        "scenario_parameters": params,
        "criteria": criteria_table(),
    }
    workspace, problems = Workspace.from_raw({k: as_text(v) for k, v in raw.items()})
    if problems:
        raise SystemExit("\n".join(p.message("en") for p in problems))
    notes["flh"] = flh
    return workspace, notes


# =============================================================================================
# Checks and the station-peak estimate (a small version of the load engine, DESIGN.md)
# =============================================================================================


def share(start: np.ndarray, end: np.ndarray, year: int) -> np.ndarray:
    return np.clip((year - start + 1) / (end - start + 1), 0.0, 1.0)


def station_loads(ws: Workspace, years: Sequence[int], with_projects: bool = False
                  ) -> pd.DataFrame:
    """Per asset and year: the simple sum of demand and the hourly netted peaks.

    A small version of the load engine (DESIGN.md): linear phasing, no scenario factors, one
    matrix product per carrier and year, loads aggregated up the ``parent_id`` tree. With
    ``with_projects`` the projects that are done, under construction or in an investment plan
    count from their ``ip_year`` (added capacity and re-parenting); otherwise today's tree.
    """
    dev = ws.developments
    size = developed_mw(ws)
    up = ws.unit_parameters.drop_duplicates(["sector", "carrier", "unit"]).set_index(
        ["sector", "carrier", "unit"])["profile"]
    names = sorted(ws.profiles["profile_id"].unique())
    index = {n: i for i, n in enumerate(names)}
    matrix = np.vstack([ws.profiles[ws.profiles["profile_id"] == n].sort_values("hour")
                        ["value"].to_numpy() for n in names])
    k_of = np.array([index[p if isinstance(p, str) else up[(s, c, u)]] for p, s, c, u in
                     zip(dev["profile"], dev["sector"], dev["carrier"], dev["unit"],
                         strict=True)])
    assets = ws.assets
    ids = list(assets["id"])
    pos = {a: i for i, a in enumerate(ids)}
    base_parent = dict(zip(assets["id"], assets["parent_id"], strict=True))
    base_cap = assets.set_index("id")[["capacity_demand_mw", "capacity_feedin_mw"]]
    fixed = ws.projects[ws.projects["status"].isin(["done", "under_construction", "in_ip"])]
    ip_year = dict(zip(fixed["id"], fixed["ip_year"], strict=True))
    effects = ws.project_effects[ws.project_effects["project_id"].isin(ip_year)]
    start = dev["start_year"].to_numpy(dtype=float)
    end = dev["end_year"].to_numpy(dtype=float)
    dem = size["demand_mw"].to_numpy()
    feed = size["feedin_mw"].to_numpy()
    rows = []
    for year in years:
        parent = dict(base_parent)
        cap = base_cap.copy()
        if with_projects:
            live = effects[effects["project_id"].map(ip_year) <= year]
            for e in live.itertuples(index=False):
                cap.loc[e.asset_id, "capacity_demand_mw"] += e.delta_demand_mw
                cap.loc[e.asset_id, "capacity_feedin_mw"] += e.delta_feedin_mw
                if isinstance(e.new_parent_id, str):
                    parent[e.asset_id] = e.new_parent_id
        phased = share(start, end, year)
        a_net = np.zeros((len(ids), len(names)))
        a_sum = np.zeros(len(ids))
        for i, asset in enumerate(dev["asset_id"]):
            node = asset
            while isinstance(node, str) and node in pos:
                a_net[pos[node], k_of[i]] += (dem[i] - feed[i]) * phased[i]
                a_sum[pos[node]] += dem[i] * phased[i]
                node = parent.get(node)
        load = a_net @ matrix
        for a in ids:
            row = load[pos[a]]
            rows.append((a, year, a_sum[pos[a]], max(row.max(), 0.0), max(-row.min(), 0.0),
                         float(cap.at[a, "capacity_demand_mw"]),
                         float(cap.at[a, "capacity_feedin_mw"])))
    return pd.DataFrame(rows, columns=["asset", "year", "sum_demand_mw", "peak_demand_mw",
                                       "peak_feedin_mw", "capacity_demand_mw",
                                       "capacity_feedin_mw"])


def checks(ws: Workspace, notes: dict[str, Any]) -> list[str]:
    """The figures the dataset must reproduce; returns lines to print (raises on failure)."""
    lines = []
    dev = ws.developments
    start = dev["start_year"].to_numpy(dtype=float)
    end = dev["end_year"].to_numpy(dtype=float)
    s2030 = share(start, end, 2030)
    homes = dev["unit"] == "homes"
    assert (dev.loc[homes, "sector"] == "housing").all()  # heat connections use 'connections'
    housing = homes & (dev["start_year"] <= 2030)
    homes_2030 = float((dev["quantity"].fillna(0) * s2030)[housing].sum())
    lines.append(f"homes (unit homes, start ≤ 2030) realised by 2030: {homes_2030:,.0f} "
                 "(target 83,500)")
    assert abs(homes_2030 - 83500) <= 0.02 * 83500
    region = {a: r for a, r in zip(ws.areas["id"], ws.areas["parent_id"], strict=True)}

    def region_of(area: str) -> str:
        while area in region and not str(area).startswith("RES-"):
            area = region[area]
        return area

    goals = dev["policy_goals"].fillna("")
    res = goals.str.split(";").apply(lambda g: "res" in g)
    flh = np.where(dev["sector"] == "wind", FLH_WIND, FLH_SOLAR)
    gwh = dev["quantity"].fillna(0).to_numpy() * s2030 * flh / 1000
    by_region = pd.Series(gwh[res.to_numpy()], index=dev["area_id"][res].map(region_of)).groupby(
        level=0).sum()
    for reg, target in (("RES-U16", 1800.0), ("RES-AMF", 500.0),
                        ("RES-FV", notes["res"]["RES-FV"]["target_gwh"])):
        got = float(by_region.get(reg, 0.0))
        lines.append(f"RES generation 2030 {reg}: {got:,.1f} GWh (target {target:,.1f})")
        assert abs(got - target) <= 0.02 * target
    cp = dev["unit"] == "charge_points"
    cp_2030 = float((dev["quantity"].fillna(0) * s2030)[cp].sum())
    utr = float((dev["quantity"].fillna(0) * s2030)[cp & dev["area_id"].map(
        lambda a: a == "GM0344" or region.get(a) == "GM0344")].sum())
    lines.append(f"new charge points by 2030: {cp_2030:,.0f} (scaled "
                 f"{notes['charge_points_2030']:,.0f}); Utrecht city {utr:,.0f} (≥10,000)")
    assert abs(cp_2030 - notes["charge_points_2030"]) <= 2 and utr >= 10000
    areas = ws.areas.set_index("id")
    for cbs, _, _, pop, dwell, *_ in MUNICIPALITIES:
        assert int(areas.at[cbs, "population"]) == pop and int(areas.at[cbs, "dwellings"]) == dwell
    assert int(areas.at["PV26", "population"]) == PROVINCE[2]
    assert int(areas.at["PV26", "dwellings"]) == PROVINCE[3]
    lines.append("population and dwellings: exact per T1 (26 municipalities, province)")
    n_el = int((ws.assets["carrier"] == "electricity").sum())
    lines.append(f"developments {len(dev)}, electricity assets {n_el}, projects "
                 f"{len(ws.projects)}, project effects {len(ws.project_effects)}")
    assert len(dev) >= 400 and n_el >= 30 and len(ws.projects) >= 120
    assert set(ws.projects["id"]) <= set(ws.project_effects["project_id"])
    munis_with_mv = set(ws.assets.loc[ws.assets["kind"] == "mv_station", "area_id"])
    assert munis_with_mv >= set(MUNI)  # every municipality has an MV station of its own
    cap = ws.projects[ws.projects["status"] == "candidate"].groupby("operator")[
        "capex_meur"].sum()
    budget = ws.resources.groupby("operator")["budget_meur"].sum()
    fixed = ws.projects[ws.projects["status"].isin(["in_ip", "under_construction"])].groupby(
        "operator")["capex_meur"].sum()
    for op in cap.index:
        lines.append(f"  {op}: candidate capex {cap[op]:,.0f} M€, in-IP {fixed.get(op, 0):,.0f}"
                     f" M€, budget 2026-2040 {budget.get(op, 0):,.0f} M€")
    assert cap.sum() + fixed.sum() > budget.sum()
    candidates = ws.projects[ws.projects["status"] == "candidate"].groupby("operator")
    fte_need, trafo_need = candidates["fte_years"].sum(), candidates["transformers"].sum()
    in_ip = ws.projects[ws.projects["status"].isin(["in_ip", "under_construction"])]
    fte_fixed = in_ip.groupby("operator")["fte_years"].sum()
    trafo_fixed = in_ip.groupby("operator")["transformers"].sum()
    fte_have = ws.resources.groupby("operator")["fte"].sum()
    trafo_have = ws.resources.groupby("operator")["transformers"].sum()
    for op in ("TenneT", "Stedin"):
        lines.append(f"  {op}: fte-years candidates {fte_need[op]:,.0f} + in-IP "
                     f"{fte_fixed.get(op, 0):,.0f} vs {fte_have[op]:,.0f} available; "
                     f"transformers {trafo_need[op]} + {trafo_fixed.get(op, 0)} vs "
                     f"{trafo_have[op]}")
    return lines


SHORTFALL_GROUPS = {"Utrecht": ["LWD150", "UNO150", "ULR150", "ODR150", "UTN150", "ODX150",
                                  "RIJ150"],
                    "Amersfoort": ["AMN150", "AMZ150", "BSC150", "AMF-OS1", "AMF-OS2",
                                   "AMF-OS3"]}
REPORT_YEARS = [2023, 2026, 2027, 2028, 2029, 2030, 2035]


def peak_report(ws: Workspace) -> tuple[list[str], dict[Any, Any]]:
    """Station peaks versus capacity, without and with the in-IP projects."""
    bare = station_loads(ws, REPORT_YEARS)
    ip = station_loads(ws, REPORT_YEARS, with_projects=True)
    both = bare.merge(ip, on=["asset", "year"], suffixes=("", "_ip"))
    lines = ["HV stations: simple sum of demand (no diversity beyond the unit parameters), "
             "hourly netted peak, capacity and shortage [MW]; 'IP' = with the projects "
             "in investment plans from their ip_year.",
             "asset     year   sum  peak   cap short |  IPcap IPpeak IPshort | feedin  cap"]
    hv = [a for a in ws.assets.loc[ws.assets["kind"] == "hv_station", "id"]]
    for r in both[both["asset"].isin(hv)].itertuples(index=False):
        if r.capacity_demand_mw_ip == 0 and r.peak_demand_mw_ip == 0 and r.peak_demand_mw == 0:
            continue
        lines.append(
            f"{r.asset:9s} {r.year} {r.sum_demand_mw:5.0f} {r.peak_demand_mw:5.0f} "
            f"{r.capacity_demand_mw:5.0f} {max(0, r.peak_demand_mw - r.capacity_demand_mw):5.0f}"
            f" | {r.capacity_demand_mw_ip:6.0f} {r.peak_demand_mw_ip:6.0f} "
            f"{max(0, r.peak_demand_mw_ip - r.capacity_demand_mw_ip):7.0f} | "
            f"{r.peak_feedin_mw:6.0f} {r.capacity_feedin_mw:4.0f}")
    summary: dict[Any, Any] = {}
    for name, members in SHORTFALL_GROUPS.items():
        for year in REPORT_YEARS:
            sub = both[both["asset"].isin(members) & (both["year"] == year)]
            row = {
                "sum": float((sub["sum_demand_mw"] - sub["capacity_demand_mw"]).clip(
                    lower=0).sum()),
                "peak": float((sub["peak_demand_mw"] - sub["capacity_demand_mw"]).clip(
                    lower=0).sum()),
                "ip": float((sub["peak_demand_mw_ip"] - sub["capacity_demand_mw_ip"]).clip(
                    lower=0).sum()),
                "cap": float(sub["capacity_demand_mw"].sum()),
                "load_sum": float(sub["sum_demand_mw"].sum()),
                "load_peak": float(sub["peak_demand_mw"].sum()),
            }
            summary[(name, year)] = row
            lines.append(f"{name:10s} {year}: capacity {row['cap']:4.0f}, simple sum "
                         f"{row['load_sum']:4.0f} (short {row['sum']:4.0f}), netted peak "
                         f"{row['load_peak']:4.0f} (short {row['peak']:4.0f}), short with IP "
                         f"projects {row['ip']:4.0f}")
    for kind in ("mv_station", "heat_network", "pipeline"):
        of_kind = set(ws.assets.loc[ws.assets["kind"] == kind, "id"])
        sub = bare[bare["asset"].isin(of_kind) & (bare["year"] == 2029)]
        over_d = int((sub["peak_demand_mw"] > sub["capacity_demand_mw"] + 1e-9).sum())
        over_f = int((sub["peak_feedin_mw"] > sub["capacity_feedin_mw"] + 1e-9).sum())
        lines.append(f"{kind}: {over_d} of {len(sub)} over demand capacity and {over_f} over "
                     "feed-in capacity in 2029 (no projects)")
        summary[(kind, "over")] = (over_d, over_f, len(sub))
    summary["table"] = both
    return lines, summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="print checks and station peaks")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    workspace, notes = build()
    write_workspace(workspace, args.out, overwrite=True)
    (args.out / "SOURCES.md").write_text(sources_md(workspace, notes), encoding="utf-8")
    result = read_workspace(args.out)
    if not result.ok or result.problems:
        raise SystemExit("\n".join(p.message("en") for p in result.problems))
    print(f"wrote {args.out}")
    if args.check:
        print("\n".join(checks(result.workspace, notes) + peak_report(result.workspace)[0]))


def _table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> list[str]:
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return out


def sources_md(ws: Workspace, notes: dict[str, Any]) -> str:
    """SOURCES.md: the source of every figure, estimates marked [E]."""
    _, summary = peak_report(ws)
    table = summary["table"]
    flh = notes["flh"]
    dev = ws.developments
    md: list[str] = []
    add = md.append
    add("# Utrecht demo dataset: sources and estimates")
    add("")
    add("*Bronnen en schattingen van de ingebouwde Utrecht-dataset. Gegenereerd door "
        "`scripts/build_utrecht.py`; niet met de hand bewerken.*")
    add("")
    add("Generated by `scripts/build_utrecht.py` (deterministic: fixed seed "
        f"{SEED}, no network). Do not edit by hand: change the tables in the script and run "
        "`python scripts/build_utrecht.py --check`. Markers: **[S]** sourced, **[D]** derived "
        "from sourced figures (method stated), **[E]** estimate — replace when a source is "
        "found. T1…T12 refer to the compiled reference notes `utrecht-facts.md` (tables T1-T12, "
        "each row with its URL); (a)-(d) to `dutch-practice.md`. Every row of "
        "`developments.csv` and `projects.csv` carries its own `source` cell with the same "
        "markers; `unit_parameters.csv` cites per row.")
    add("")
    add("Key sources: **ETM** = Quintel ETSource datasets (MIT licence), "
        "https://github.com/quintel/etsource, analysis year 2023 (per municipality "
        "`datasets/GMxxxx_*`; national `datasets/nl2023/nl2023.full.ad`). **OSM grid** = "
        "OpenStreetMap-derived NL power graph, https://github.com/ComplexNetTSP/Power_grids "
        "(© OpenStreetMap contributors, ODbL; snapshot ≈2016-17).")
    add("")
    add("## Tables")
    add("")
    add("\n".join(_table(["table", "rows"], [(n, len(f)) for n, f in ws.items() if len(f)])))
    add("")
    add("## Geometry is SCHEMATIC [E]")
    add("")
    add("No municipal boundaries are shipped. The shapes in `areas.csv` are schematic:")
    add("")
    add("- **province** = a hand-drawn polygon roughly around the 26 municipal centres, in RD "
        "New (EPSG:28992), following the province border only approximately [E];")
    add("- **municipalities** = Voronoi cells (`shapely.voronoi_polygons`) around the municipal "
        "centres of T1 (lat/lon [E] ±0.02°, converted to RD New with pyproj) and around the "
        "hotspot centres (each counted to its municipality, so that a municipality contains "
        "its hotspots), clipped to the outline and rounded to 1 m;")
    add("- **RES regions** = the union of their municipalities; **hotspots** = circles of "
        "0.5-1 km around their T8 coordinates [E], clipped to their municipality.")
    add("")
    add("Areas and lengths are therefore not real; maps must say *schematisch*. Asset and "
        "development points use the coordinates named in their rows (OSM where stated, else "
        "[E]).")
    add("")
    add("## areas")
    add("")
    add("- Population and dwellings 2023 of the 26 municipalities and the province: ETM 2023 "
        "(CBS-based) [S], exactly as T1. Region totals are sums of their members [D] (U16 "
        "981,913 and Amersfoort 311,129 equal ETM's region totals, T1).")
    add("- RES region membership [S] (T1): U16 = 16 municipalities; Amersfoort = 7; "
        "`RES-FV` = only the Utrecht part of Foodvalley (Renswoude, Rhenen, Veenendaal).")
    add("- Hotspots (T8 and others):")
    add("")
    add("\n".join(_table(["id", "name", "municipality", "radius km", "source"],
                         [(h[0], h[1], MUNI[h[2]][1], h[5], h[6]) for h in HOTSPOTS])))
    add("")
    add("## assets")
    add("")
    add("**Capacities are estimates [E]**, chosen so that the public picture is reproduced: "
        "TenneT demand congestion across the province since Nov 2022 and feed-in congestion "
        "since Oct 2021 (T4), and a shortfall of the order of 250 MW in 2026-2029 around "
        "Utrecht and Amersfoort (T4, Stedin). Rules, applied to the 2023 hourly netted peak "
        "of the existing load under each station (see *developments*):")
    add("")
    add("- HV stations serving Utrecht (Lage Weide, Utrecht-Noordoost, Leidsche Rijn, "
        "Oudenrijn) and Amersfoort (Amersfoort-Noord/-Zuid, Bunschoten): demand capacity "
        "0.9 × the 2023 peak (already operated with congestion management); Woerden 0.97 "
        "('nagenoeg vol', June 2023, T3); others 1.03-1.25; Breukelen-Kortrijk (the root, "
        "standing for all 380/150 kV infeed of the province) = its firm capacity (3 − 1) × "
        "500 MVA, just below the 2023 province peak.")
    add("- Each HV row states n transformers × MVA (T12: 150/MV 40-80 MVA, 2-4 per station); "
        "demand capacity ≤ the firm (N-1) capacity (n − 1) × MVA (cos φ ≈ 1), feed-in "
        "capacity ≈ the 2023 feed-in peak (full since 2021), at least 15 MW.")
    add("- MV stations (Stedin, one or more per municipality; each stands for the MV "
        "distribution of its part of the municipality): demand 1.1 × the 2023 peak in Utrecht "
        "and Amersfoort, 1.05 in Nieuwegein/Vijfheerenlanden, 1.0 in Woerden, 1.25 elsewhere; "
        "feed-in 1.15 × the 2023 feed-in peak, at least 5 MW. Their split of a municipality's "
        "load (columns res/bus in the script) is [E].")
    add("- Capacities in `assets.csv` are as before every project in `projects.csv`; each "
        "project, including status `done`, changes them from its `ip_year` via "
        "`project_effects.csv`. Planned stations (Utrecht-Noord, Oudenrijn nieuw, Rijnenburg, "
        "Houten-Oost, Soest-Baarn, three Amersfoort onderstations, Utrecht-Oost 380 kV idea) "
        "exist with capacity 0 and receive capacity and children from their projects.")
    add("- Topology [E]: a tree. All 150 kV stations hang under Breukelen-Kortrijk except "
        "Arkel (Zuid-Holland, feeding Leerdam, a second root); in reality Veenendaal is also "
        "fed from Dodewaard and Bunschoten from Zeewolde/Lelystad (T3 OSM links).")
    add("")
    hv_rows = []
    t23 = table[table["year"] == 2023].set_index("asset")
    for h in HV_STATIONS:
        if h[8] == 0:
            continue
        hv_rows.append((h[0], h[1], f"{h[8]} × {h[9]:g}", f"{h[10]:g}", f"{h[11]:g}",
                        f"{t23.at[h[0], 'peak_demand_mw']:.0f}",
                        f"{t23.at[h[0], 'peak_feedin_mw']:.0f}", f"{h[6]:g}, {h[7]:g}", h[12]))
    add("\n".join(_table(["id", "name", "trafos × MVA [E]", "cap. demand MW [E]",
                          "cap. feed-in MW [E]", "2023 peak demand", "2023 peak feed-in",
                          "lat, lon", "location source"], hv_rows)))
    add("")
    add("Other assets:")
    add("")
    add("\n".join(_table(["id", "name", "operator", "source"],
                         [(o[0], o[1], o[4], o[14]) for o in OTHER_ASSETS])))
    add("")
    add("Operators: TenneT for the 150/380 kV stations (T3 names TenneT/Stedin), Stedin for "
        "MV and the gas distribution grid (all of the province assumed Stedin [E]); heat "
        "Eneco (Utrecht-Nieuwegein) and Warmtebedrijf Amersfoort (T10); hydrogen Hynetwork "
        "(Gasunie) [E]; grid batteries 'Marktpartij' [E].")
    add("")
    add("## developments")
    add("")
    counts = dev.assign(group=dev["id"].str.extract(r"^([A-Z0-9]+)", expand=False)).groupby(
        "group").size()
    add("Row groups (id prefix): " + ", ".join(f"`{k}` {v}" for k, v in counts.items()) + ".")
    add("")
    add("### (1) Existing 2023 load and generation (`B23-…`), certainty 5, `bestaand`")
    add("")
    add("Source: ETM 2023 graph values per municipality (T2, [D]): electricity GWh/yr by "
        "sector, rooftop PV MWp, PV fields MWp, wind MW (a lower bound: the Lage Weide "
        "turbines are not in ETM), district heat for households. Each sector's GWh becomes "
        "a peak MW = GWh × 1000 / the full-load hours of its profile (Σ of the normalised "
        "8760-hour profile), so the hourly engine reproduces ETM's annual energy exactly; "
        "the shapes are [E]:")
    add("")
    add("\n".join(_table(["ETM sector", "sector", "profile", "full-load hours"],
                         [(label, sector, prof, f"{flh[prof]:,.0f}")
                          for _, _, sector, prof, label, _ in BASELINE_SECTORS]
                         + [("district heat (households)", "heat_network", "space_heat",
                             f"{flh['space_heat']:,.0f}")])))
    add("")
    add(f"Province: households {sum(b[1] for b in BASELINE):,.0f} GWh → "
        f"{sum(b[1] for b in BASELINE) * 1000 / flh['household']:,.0f} MW, i.e. "
        f"{sum(b[1] for b in BASELINE) * 1e6 / flh['household'] / PROVINCE[3]:.2f} kW per "
        "dwelling at the peak (T12: 0.8-1.2 kW [D/E]). Transport includes rail [E: all on "
        "the evening profile]. District heat is modelled only where a heat asset exists "
        "(Utrecht, Nieuwegein, Amersfoort); Houten 20 GWh, Veenendaal 13 GWh and 3 × 1 GWh "
        "are left out. Existing PV fields and wind carry the goal `res` (they count towards "
        "the RES targets); rooftop PV does not.")
    add("")
    add("### (2) Housing (`WON-…`), unit homes, sized by `unit_parameters`")
    add("")
    to_2030 = notes["homes_to_2030"]
    _, after = municipal_homes()
    add("Woondeals (T7 [S]): U10 = the 16 U16 municipalities 61,000 homes to 2030; the "
        "Utrecht parts of Amersfoort + Foodvalley 83,500 − 61,000 = 22,500 [D]; both "
        "allocated pro rata to 2023 dwellings [E, as T7 suggests; replace by the woondeal "
        "annex]. The woondeal period 2022-2030 is phased 2025-2030 in three tranches "
        "(2025-26 30%, 2027-28 35%, 2029-30 35%) [E]. 2031-2040: 60,000 homes [E] (PPWW 2023 "
        "runs to 2040 but no count was found), pro rata dwellings, two tranches. Within a "
        "municipality homes are split over its MV stations by their residential share [E]. "
        "Merwedekanaalzone: 10,000 homes (upper end of 6,000-10,000, T7 [S]) phased "
        "2025-2034 [E], 6,000 of them by 2030 count towards Utrecht's woondeal share; "
        "Rijnenburg 7,000 homes 2031-2040 [E] within Utrecht's 2031-2040 share.")
    add("")
    add("\n".join(_table(["municipality", "homes to 2030", "homes 2031-2040"],
                         [(MUNI[c][1], f"{to_2030[c]:,}", f"{after[c]:,}") for c in MUNI]
                         + [("**total**", f"{sum(to_2030.values()):,}",
                             f"{sum(after.values()):,}")])))
    add("")
    add("### (3) Business parks (`BT-…`), unit ha")
    add("")
    add(f"PPWW 2023: {BUSINESS_PARKS_TO_2030_HA} ha new business parks to 2030 (T7 [S]); the "
        "split over sites, their names as sites and the post-2030 rows are [E]. 250 kW/ha "
        "(unit parameters).")
    add("")
    add("### (4) Charge points (`LAD-…`), unit charge_points")
    add("")
    add(f"NAL: ~{NAL_2030:,} charge points nationally in 2030, {NL_POINTS_2023:,} in April "
        f"2023 (T9 [S]). Province share by dwellings {PROVINCE[3]:,} / {NL_DWELLINGS_2023:,} "
        "(ETM nl2023 `present_number_of_residences` [S]) = "
        f"{PROVINCE[3] / NL_DWELLINGS_2023:.4%} [D] → new points 2024-2030 = "
        f"({NAL_2030:,} − {NL_POINTS_2023:,}) × share = "
        f"{notes['charge_points_2030']:,.0f} [D]; per municipality pro rata dwellings [E] "
        f"(Utrecht city {notes['charge_points_by_municipality']['GM0344']:,}, above its own "
        "goal of ≥10,000 public points by 2030, T9 — ours include private points). Two "
        "tranches 2024-27/2028-30; 2031-2035 +50% of that growth [E].")
    add("")
    add("### Rooftop PV growth (`PVD-…`)")
    add("")
    add(f"+{ROOFTOP_GROWTH:.0%} on the 2023 rooftop MWp, 2024-2030 [E]; not counted in the RES.")
    add("")
    add("### (5) RES solar and wind (`RES-…`), goal `res`")
    add("")
    add(f"Full-load hours (T12 [S ETM]): PV **{FLH_SOLAR:g} h**, wind **{FLH_WIND:g} h**. "
        "Generation GWh = MWp × 900 / 1000 (solar), MW × 2,756 / 1000 (wind). The RES "
        "generation of a region in year y = Σ over its developments with goal `res` "
        "(including the existing ETM PV fields and wind) of quantity × phasing share(y) × "
        "full-load hours. New amounts = target − existing:")
    add("")
    res_rows_md = []
    for region, _, wind_share, _, source in RES_TARGETS:
        d = notes["res"][region]
        res_rows_md.append((region, f"{d['target_gwh']:,.1f}", f"{wind_share:.0%}",
                            f"{d['existing_fields_mwp']:g}", f"{d['existing_wind_mw']:g}",
                            f"{d['new_solar_mwp']:,.1f}", f"{d['new_wind_mw']:,.1f}", source))
    add("\n".join(_table(["region", "target 2030 GWh", "wind share [E]", "existing fields MWp",
                          "existing wind MW", "new solar MWp", "new wind MW", "source"],
                         res_rows_md)))
    add("")
    add("Foodvalley: ≥0.75 TWh for 8 municipalities (T6 [S]) × the Utrecht part's share of "
        f"household electricity {sum(BASE[m[0]][1] for m in MUNICIPALITIES if m[2] == 'RES-FV'):g}"
        f" / {FOODVALLEY_ALL_HH_GWH:g} GWh (T2) [D]. New solar: 65% fields (pro rata land "
        "area of the rural municipalities) and 35% large roofs (pro rata services "
        "electricity) [E]; tranches 2024-26 40%, 2027-30 60% [E]. Wind parks are search "
        "areas named by municipality with shares of the region's new wind [E]; parks of "
        "≥20 MW connect at a 150 kV station (T12: TenneT direct from ~80 MW).")
    add("")
    add("### (6)-(10) Named developments")
    add("")
    add("Heat-network growth (`WN-…`, T10; unit `connections` = homes connected, so they "
        "are not counted again as new homes), industry electrification (`IND-…`, Cluster 6), "
        "the Lage Weide electrolyser (`H2-ELY-E` electricity demand, `H2-ELY-H` hydrogen "
        "feed-in on the electrolyser asset) and hydrogen filling stations (T10), a data "
        "centre (`DC-LW`), hospitals and campus (`ZORG-…`, `ONDW-UU`, ACM priority 3), "
        "safety (`VEIL-…`, ACM 2), fast-charging hubs and bus depot (`MOB-…`), green gas "
        "(`GAS-…`): the sites are named in public sources where the row says [S]; **all "
        "sizes are [E]**. Schools (`ONDW-GM…`, ACM 3): "
        f"{SCHOOL_W_PER_INHABITANT:g} W per inhabitant [E]. The e-boilers at Lage Weide "
        "(T10, 2024) are ACM priority 1 (congestion relief) on the solar profile [E]. "
        "Housing is ACM priority 0: small connections are not queued; the ACM category "
        "'huisvesting' concerns large connections [E, interpretation of (b)3].")
    add("")
    add("Certainty (1 idea … 5 adopted, after the public Workboard scale, (b)7) [E]: 5 for "
        "2023, 4 for the first woondeal tranche and adopted plans, 3 for later tranches and "
        "concrete RES projects, 2 for post-2030 and most estimated sites, 1 for cancelled or "
        "speculative items (Overvecht-Noord heat network).")
    add("")
    add("## unit_parameters")
    add("")
    add("\n".join(_table(["sector", "carrier", "unit", "demand kW", "feed-in kW", "profile",
                          "source"], UNIT_PARAMETERS)))
    add("")
    add("## profiles")
    add("")
    add("Synthetic 8760-hour shapes generated with numpy (seed "
        f"{SEED}): hour 0 = 1 January 00:00 local standard time (CET, no daylight saving), a "
        "non-leap year starting on a Monday. Each is divided by its maximum and rounded to 6 "
        "decimals afterwards, so the peak is exactly 1. A synthetic temperature year drives "
        "heat (seasonal sinusoid 3.3-17.3 °C, autocorrelated day-to-day weather, daily "
        "cycle, noise). All shapes are [E]; the solar and wind shapes are tuned to the ETM "
        "full-load hours.")
    add("")
    add("\n".join(_table(["profile", "full-load hours (Σ)", "description"],
                         [(n, f"{flh[n]:,.0f}", PROFILE_NOTES[n]) for n in flh])))
    add("")
    add("## projects and project_effects")
    add("")
    add("- Known projects (T5 and T3 [S] for scope and year; **capex [E]**): Breukelen-"
        "Kortrijk expansion (under construction), the Oudenrijn/Nieuwegein package (2029), "
        "Utrecht-Noord (2033), Rijnenburg, Houten-Oost, Soest-Baarn, three Amersfoort "
        "onderstations, Woerden, Veenendaal undergrounding and line 33 DLR (done). Years "
        "marked [E] in their rows are estimates.")
    add("- Candidates [E] of every kind. Costs from the ETM cost steps (T12 [S ETM nl2023], "
        "€/kW [D]): MV net €690/kW (MV station expansions), MV/HV transformer €250/kW + HV "
        "net €364/kW (extra 150/MV transformer), batteries €425/kWh (€400-450/kWh, (d) "
        "[S]) — neighbourhood batteries + 50% installation [E], heat networks €15,000 per "
        "home [D/E from ETM nl2023 indoor €7-10k + distribution pipes], hydrogen pipelines "
        "~€3 M/km ((d) [S]). Reference: 3 TenneT stations €219 M ((d) [S]).")
    add(f"- Capex ranges: low = {LOW:g} ×, high = {HIGH:g} × the best estimate [E] (skewed: "
        "overruns are likelier, cf. the hydrogen network €1.5 → 3.8 bn, (c)); known "
        "projects 0.8 × / 1.6 ×.")
    add("- FTE-years [E]: 0.5 per M€ (electricity), 0.3 (heat), 0.4 (hydrogen, methane); "
        "storage × 0.3. Lead times (T12 [S]: Stedin station ~3 yr build, up to 7 yr "
        "preparation; (d): TenneT station ~8 yr procedures + 2 yr build): MV expansion 3, "
        "new MV station 5, extra HV transformer 4, new HV/MV station 6-7, 150 kV cable 6-7, "
        "new 380 kV station 10, batteries 1-2, flex contracts 1, heat 3-5, pipelines 4-6.")
    add("- Precedence [E]: an MV expansion below a congested HV station requires that "
        "station's extra transformer (`C-HV-…`); new stations and re-parenting require their "
        "upstream project. `excludes` pairs mark alternatives for the same need or site "
        "(e.g. a new MV station vs expanding the existing one, a grid battery vs an extra "
        "transformer, the Overvecht-Noord heat network vs all-electric reinforcement, "
        "Utrecht-Oost 380 kV vs a second Breukelen-Kortrijk expansion).")
    add("- Effects [E]: added demand/feed-in capacity; new stations also re-parent MV "
        "stations (`new_parent_id`). Flex contracts, batteries and heat projects are "
        "expressed as capacity equivalents at the asset they relieve.")
    add("")
    add("## resources")
    add("")
    add("Per operator and year 2026-2040 [E]: budget, FTE and transformers = what the in-IP "
        "and under-construction projects need in that year (capex and FTE spread over the "
        "build years before `ip_year`) **plus** a yearly allowance for candidates, set so that "
        "only about half of the candidate capex fits (scarcity binds):")
    add("")
    add("\n".join(_table(["operator", "M€/yr for candidates", "fte/yr", "transformers/yr",
                          "source"], RESOURCE_ALLOWANCE)))
    add("")
    add("## scenarios, scenario_factors, scenario_parameters")
    add("")
    add("The four II3050 v3 storylines (Netbeheer Nederland, 2025; names [S], (a)). The "
        "sector factors are **illustrative [E]**, read from the qualitative storylines, not "
        "the II3050 figures: 1 in 2023, anchors in 2030/2035/2040/2050, linear in between, "
        "one row per year 2023-2050; KM (the basis of this dataset) has none (factor 1). "
        "Note that a factor applies to all developments of its sector, including the 2023 "
        "baseline rows. The Energievisie choices (role of hydrogen, heat supply, solar on "
        "land, electrification) are named parameters per scenario [E].")
    add("")
    add("## criteria")
    add("")
    add("A default afwegingskader — **a proposal, to be calibrated with the kernteam** "
        "(\"voorstel, te kalibreren\"; no published provincial weights were found, (b)). "
        "Groups maatschappelijke waarde (owner province), realiseerbaarheid and systeemtoets "
        "(owner: grid operators). Every row has a motivation and a basis (Regeling "
        "investeringsplan art. 2.5, ACM prioriteringskader, MIEK criteria, Handreiking "
        "betaalbaarheid, II3050); the weights are [E]. Each leaf is scored on an indicator "
        "of pmiek.assessment.indicators (computed from the variants); the value points of "
        "the step and piecewise-linear functions (ACM priority 3 share, lead-time risk, grid "
        "utilisation) are [E] as well. Version 2.0, status concept: nothing is adopted yet.")
    add("")
    add("## Checks reproduced by the build")
    add("")
    add("```")
    md.extend(checks(ws, notes))
    add("```")
    add("")
    add("Shortfall around Utrecht (Lage Weide, Utrecht-Noordoost, Leidsche Rijn, Oudenrijn + "
        "planned Utrecht stations) and Amersfoort (Amersfoort-Noord/-Zuid, Bunschoten + "
        "planned onderstations), MW, no scenario factor. *Simple sum* = Σ demand × phasing "
        "share (no diversity beyond the unit parameters); *netted* = hourly netted peak with "
        "the profiles; *with IP* = netted, with the projects in investment plans from their "
        "ip_year:")
    add("")
    srows = []
    for year in REPORT_YEARS:
        u = summary[("Utrecht", year)]
        a_ = summary[("Amersfoort", year)]
        srows.append((year, f"{u['sum'] + a_['sum']:.0f}", f"{u['peak'] + a_['peak']:.0f}",
                      f"{u['ip'] + a_['ip']:.0f}", f"{u['peak']:.0f} / {a_['peak']:.0f}"))
    add("\n".join(_table(["year", "short, simple sum", "short, netted", "short, netted with IP",
                          "netted Utrecht / Amersfoort"], srows)))
    add("")
    add("## Estimates that deserve a better source")
    add("")
    for item in [
        "Station capacities, transformer counts and the MV split of each municipality "
        "(Stedin/TenneT station data; the capaciteitskaart is live-only).",
        "Woerden, Amersfoort (two 150 kV stations) and the two unnamed Utrecht OSM nodes: "
        "names, existence and locations.",
        "Per-municipality woondeal figures (woondeal annexes) and the 2031-2040 housing "
        "tranche (PPWW 2023).",
        "Charge points per municipality (RAL Midden-Nederland) and the private/public mix.",
        "RES split wind/solar, fields/roofs and the wind search areas (RES 2.0 documents).",
        "Sizes of industry electrification, data centre, electrolyser, hospitals, schools, "
        "heat-network extensions and green gas.",
        "Capex, FTE and lead times of candidate projects; the operators' budgets.",
        "Scenario factors (II3050 v3 regional figures) and criteria weights (kernteam).",
        "Municipal centres (±0.02°) and all geometry (CBS/PDOK gebiedsindelingen, CC BY).",
    ]:
        add(f"- {item}")
    add("")
    return "\n".join(md)


if __name__ == "__main__":
    main()
