"""The synthetic hourly profiles of the Utrecht dataset (``profiles.csv``) [E].

8760 synthetic hours, hour 0 = 1 January 00:00 local standard time (CET, no daylight saving),
a non-leap year that starts on a Monday: a seeded synthetic temperature year drives heat pumps
and space heat; households, charging, business hours and flat loads follow daily and weekly
shapes (those of ``profiles.toml`` where given); solar follows the sun's elevation times a
seeded cloudiness, wind a seeded Rayleigh speed through a power curve. Solar and wind are tuned
to the full-load hours of ``parameters.toml``. Every shape is divided by its maximum and
rounded to 6 decimals; the output is deterministic (fixed seed).
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
from utrecht_data import FLH_SOLAR, FLH_WIND, PROFILES

from pmiek.domain.tables import HOURS_PER_YEAR

SEED = 2026_0301
"""Seed of every random draw (profiles only)."""


def _ar1(rng: np.random.Generator, n: int, phi: float, sd: float) -> np.ndarray:
    shocks = rng.normal(0.0, sd, n)
    out = np.empty(n)
    out[0] = shocks[0] / math.sqrt(1 - phi**2)
    for i in range(1, n):
        out[i] = phi * out[i - 1] + shocks[i]
    return out


def _bisect(f: Callable[[float], float], lo: float, hi: float, target: float) -> float:
    """The x in [lo, hi] with f(x) = target, f increasing (60 halvings)."""
    for _ in range(60):
        mid = 0.5 * (lo + hi)
        lo, hi = (mid, hi) if f(mid) < target else (lo, mid)
    return 0.5 * (lo + hi)


def build_profiles() -> dict[str, np.ndarray]:
    """The named hourly shapes, each divided by its maximum and rounded to 6 decimals."""
    rng = np.random.default_rng(SEED)
    hour = np.arange(HOURS_PER_YEAR)
    day, hod = hour // 24, hour % 24
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
    cop = np.clip(3.2 + 0.09 * temp, 2.0, 5.0)  # air-water heat pump, COP falls with T
    heat_pump = space / cop + water / 2.8
    # Households: the hourly shape of profiles.toml (weekends: mornings an hour later),
    # winter evenings higher (lighting).
    shape = np.array(PROFILES["hourly"]["household"])
    household = (np.where(weekend, np.roll(shape, 1)[hod], shape[hod]) * (0.70 + 0.30 * winter)
                 + 0.15 * winter * ((hod >= 16) & (hod <= 20))
                 + rng.normal(0.0, 0.01, HOURS_PER_YEAR))
    # Evening charging, lower at weekends, slightly higher in winter.
    ev_evening = (np.array(PROFILES["hourly"]["ev_evening"])[hod] * np.where(weekend, 0.85, 1.0)
                  * (0.92 + 0.08 * winter))
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
    solar_time = hod + 0.5 + (PROFILES["longitude"] - 15.0) / 15.0 + eot / 60.0
    omega = np.radians(15.0 * (solar_time - 12.0))
    phi = np.radians(PROFILES["latitude"])
    sin_el = np.sin(phi) * np.sin(decl) + np.cos(phi) * np.cos(decl) * np.cos(omega)
    clear_sky = np.clip(sin_el, 0.0, None)
    daily = _ar1(rng, 365, 0.6, 0.18)[day]
    hourly = rng.normal(0.0, 0.08, HOURS_PER_YEAR)

    def solar_for(mean: float) -> np.ndarray:
        return clear_sky * np.clip(mean - 0.15 * winter + daily + hourly, 0.05, 1.0)

    # Tune the mean clearness so that feed-in = 0.7 × MWp × profile yields 900 h (T12).
    mean = _bisect(lambda m: float((solar_for(m) / solar_for(m).max()).sum()), 0.2, 1.2,
                   FLH_SOLAR / 0.7)
    # Wind: Rayleigh-distributed speed from two autocorrelated Gaussian components (hourly
    # persistence), stronger in winter; a cubic power curve (cut-in 3, rated 12, cut-out
    # 25 m/s). The speed scale is tuned so that MW × profile yields 2,756 h (T12).
    gx = _ar1(rng, HOURS_PER_YEAR, 0.97, math.sqrt(1 - 0.97**2))
    gy = _ar1(rng, HOURS_PER_YEAR, 0.97, math.sqrt(1 - 0.97**2))
    magnitude = np.sqrt(gx**2 + gy**2) / math.sqrt(2) * (0.8 + 0.4 * winter)

    def wind_for(scale: float) -> np.ndarray:
        v = scale * magnitude
        return np.where(v > 25.0, 0.0, np.clip((v**3 - 27.0) / (12.0**3 - 27.0), 0.0, 1.0))

    shapes = {"household": household, "heat_pump": heat_pump,
              # all-electric new-build: appliances ~0.8 kW + heat pump ~1.2 kW at the peak (T12)
              "housing_allelectric": 0.4 * household / household.max()
              + 0.6 * heat_pump / heat_pump.max(),
              "space_heat": space + water, "ev_evening": ev_evening,
              "business_hours": business_hours, "flat": flat, "solar": solar_for(mean),
              "wind": wind_for(_bisect(lambda s: float(wind_for(s).sum()), 2.0, 15.0, FLH_WIND))}
    out = {n: np.round(np.clip(v, 0.0, None) / v.max(), 6) for n, v in shapes.items()}
    if any(v.max() != 1.0 for v in out.values()):
        raise SystemExit("a profile is not normalised")
    return out
