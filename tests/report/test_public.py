"""The public view of an edition's tables (pmiek.report.public): confidential projects taken
together per municipality and tier with every total kept, ids and names of confidential assets
and projects replaced in every text cell, nothing hidden for the internal version."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from pmiek.adapters.cli.common import _read
from pmiek.domain.workspace import Workspace
from pmiek.report.public import hidden, leaks, prepare, scrub


@pytest.fixture(scope="module")
def utrecht() -> Workspace:
    return _read("utrecht", 2035).workspace


def _priority(ws: Workspace) -> pd.DataFrame:
    """A priority list over every project of ``ws`` (values that differ per project)."""
    projects = ws.projects.reset_index(drop=True)
    n = len(projects)
    rng = np.random.default_rng(7)
    return pd.DataFrame({
        "priority": np.arange(1, n + 1), "variant": "evenwichtig",
        "project_id": projects["id"], "name": projects["name"],
        "operator": projects["operator"], "in_service_year": rng.integers(2026, 2036, n),
        "tier": rng.integers(1, 4, n), "capex_meur": rng.uniform(1, 50, n),
        "marginal_value_meur": rng.uniform(-5, 90, n),
        "rationale": "serves " + projects["name"].astype(str)})


def test_confidential_projects_are_grouped_with_every_total_kept(utrecht: Workspace) -> None:
    priority = _priority(utrecht)
    frames, hide = prepare({"assess/priority_list": priority}, utrecht, "publiek")
    shown = frames["assess/priority_list"]
    secret = utrecht.projects.loc[utrecht.projects["confidential"].fillna(False).astype(bool)]
    assert hide.projects == set(secret["id"]) and len(secret) == 6
    assert not shown["project_id"].isin(secret["id"]).any()
    for tier in (1, 2, 3):
        before = priority[priority["tier"] == tier]
        after = shown[shown["tier"] == tier]
        assert after["projects"].sum() == len(before)
        assert after["capex_meur"].sum() == pytest.approx(before["capex_meur"].sum())
    grouped = shown[shown["project_id"] == ""]
    # one row per municipality and tier of the confidential projects, earliest year kept
    towns = secret["area_id"].map(dict(zip(utrecht.areas["id"], utrecht.areas["parent_id"],
                                           strict=True)))
    assert grouped["projects"].sum() == len(secret)
    keys = priority[priority["project_id"].isin(secret["id"])].assign(
        town=priority["project_id"].map(dict(zip(secret["id"], towns, strict=True))))
    assert len(grouped) == keys.groupby(["town", "tier"]).ngroups
    assert grouped["in_service_year"].min() == keys["in_service_year"].min()
    text = " ".join(map(str, shown.to_numpy().ravel()))
    for value in (*secret["id"], *secret["name"]):  # as a whole word: C-KBL-LWD-UNO is open
        assert not re.search(rf"(?<![\w-]){re.escape(value)}(?![\w-])", text), value


def test_scrub_replaces_names_inside_other_texts_only_as_whole_words(utrecht: Workspace
                                                                    ) -> None:
    hide = hidden(utrecht)
    asset = sorted(hide.assets)[0]
    name = utrecht.assets.set_index("id").loc[asset, "name"]
    frame = pd.DataFrame({"text": [f"Woningbouw ({name}) 2027", f"bij {asset}.",
                                   f"{asset}X blijft", None], "n": [1, 2, 3, 4]})
    out = scrub(frame, hide)
    assert out["text"].tolist()[:3] == ["Woningbouw (vertrouwelijk) 2027", "bij vertrouwelijk.",
                                        f"{asset}X blijft"]
    assert pd.isna(out["text"].iloc[3]) and out["n"].tolist() == [1, 2, 3, 4]
    assert leaks({"a.csv": f"iets over {name.lower()}"}, hide) == [("a.csv", "name", name)]
    assert leaks({"a.csv": " ".join(out["text"].dropna())}, hide) == []


def test_the_internal_version_hides_nothing(utrecht: Workspace) -> None:
    priority = _priority(utrecht)
    frames, hide = prepare({"assess/priority_list": priority}, utrecht, "intern")
    assert hide.empty
    assert frames["assess/priority_list"]["project_id"].tolist() == priority[
        "project_id"].tolist()
    assert (frames["assess/priority_list"]["projects"] == 1).all()
    with pytest.raises(ValueError, match="audience"):
        hidden(utrecht, "iedereen")
