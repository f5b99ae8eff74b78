"""The whole P-MIEK cycle on the embedded Utrecht dataset, through pmiek's public API.

Run it as a script (``python docs/examples/api.py [OUT]``) or cell by cell in a notebook. It
reads the workspace, finds the knelpunten (step 1), designs two variants (step 3), weighs them
on the afwegingskader and makes the priority list (steps 2 and 4), and writes every table with
its provenance to ``OUT`` (default ``out/api-example``). The test suite runs it.
"""

# %% Read the workspace: the only adapter used, apart from writing the results at the end.
import sys
from pathlib import Path

import pmiek
from pmiek.assessment import WeightChoice, appraise
from pmiek.insight import analyse
from pmiek.variants import SolverOptions, design_variants, parse_lens

out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("out/api-example")
read = pmiek.read_workspace("utrecht")
assert read.ok, "the embedded dataset validates"
workspace = read.workspace

# %% Step 1, inzicht: loads, knelpunten and blocked developments in one scenario.
insight = analyse(workspace, "KM", horizon=2035)
largest = insight.largest(top=5)
print("Grootste knelpunten:")
print(largest[["asset_id", "direction", "year", "shortage_mw"]].to_string(index=False))

# %% Step 3, ontwikkelvarianten: two policy lenses, a short horizon, reproducible limits.
housing = parse_lens({"name": "wonen-eerst", "label_nl": "Wonen eerst",
                      "sector_weights": {"housing": 3.0}}, "wonen-eerst (in code)")
balanced = parse_lens({"name": "evenwichtig", "label_nl": "Evenwichtig"},
                      "evenwichtig (in code)")
variants = design_variants(workspace, [housing, balanced], "KM", horizon=2030,
                           options=SolverOptions(mip_gap=0.01, node_limit=200))
print(variants.comparison()[["lens", "termination", "objective_meur", "projects_built"]]
      .to_string(index=False))

# %% Steps 2 and 4: scores, robustness and the priority list of the best variant.
appraisal = appraise(workspace, variants, weights=WeightChoice(samples=2_000, seed=1))
for row in appraisal.ranking():
    print(f"{row['rank']}. {row['label']}: {row['weighted_sum']:.3f} "
          f"(kans op rang 1: {row['rank1_acceptability']:.0%})")
print(appraisal.priority[["priority", "name", "in_service_year", "tier_name"]]
      .head(5).to_string(index=False))

# %% Write every stage's tables: the CSVs, resultaten.xlsx for people and metadata.json.
for name, result in (("inzicht", insight), ("varianten", variants),
                     ("afweging", appraisal)):
    pmiek.write_outputs(result, out / name)
print(f"Geschreven in {out}")
