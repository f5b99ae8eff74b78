"""The fuzz suite's hypothesis profile and case budget.

Profile ``fuzz`` (registered here and applied by each fuzz test through :func:`fuzz_settings`,
so that no other test's settings change): derandomised always — the same cases on every run
and machine, so a red run means a real change — with no example database, no deadline (the
per-case limit is the harness's 10 s alarm), no "explain" phase (it reruns failing cases under
a tracer) and the health checks that slow, file-heavy cases trip switched off. Locally,
``PMIEK_FUZZ_EXAMPLES=N`` spreads N cases over the tests (deeper runs; the stage commands stay
at most :data:`STAGES_MOST`) and ``PMIEK_FUZZ_RANDOM=1`` draws new cases each run.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, Phase, settings

BUDGET: dict[str, int] = {
    "csv": 800, "csv-convert": 350, "store": 350, "paths": 220, "xlsx": 150, "gpkg": 110,
    "show": 6, "variants": 9, "assess": 5,
}
"""Generated cases per fuzz test in a default (CI) run: 2,000 in all. Most go where a case
is cheap: a CSV folder, a store reference; a workbook or GeoPackage costs two to five times as
much to read, a stage command a second or more."""

STAGES = ("variants", "assess")
STAGES_MOST = 100
"""At most this many cases go through variants and assess together."""

DEFAULT_TOTAL = sum(BUDGET.values())

settings.register_profile(
    "fuzz",
    derandomize=not os.environ.get("PMIEK_FUZZ_RANDOM"),
    database=None,
    deadline=None,
    print_blob=True,
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.target, Phase.shrink],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                           HealthCheck.data_too_large, HealthCheck.filter_too_much,
                           HealthCheck.large_base_example],
)


def budget(key: str) -> int:
    """The cases of fuzz test ``key`` in this run (``PMIEK_FUZZ_EXAMPLES`` scales them)."""
    total = int(os.environ.get("PMIEK_FUZZ_EXAMPLES") or DEFAULT_TOTAL)
    scaled = max(1, round(BUDGET[key] * total / DEFAULT_TOTAL))
    if key in STAGES:
        share = BUDGET[key] / sum(BUDGET[s] for s in STAGES)
        scaled = min(scaled, int(STAGES_MOST * share))
    return scaled


def fuzz_settings(key: str) -> settings:
    """The ``fuzz`` profile with the budget of ``key``."""
    return settings(settings.get_profile("fuzz"), max_examples=budget(key))
