"""The public names of pmiek.framework, and what it imports."""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
from pathlib import Path

import pytest

import pmiek.framework

SRC = Path(pmiek.framework.__file__).resolve().parents[1]  # src/pmiek
LIGHT = {"numpy", "pandas", "scipy"}
"""The third-party packages the framework may import."""
HEAVY = ("openpyxl", "matplotlib", "sqlalchemy", "typer", "pyogrio")
"""File formats, charts, databases and the CLI: none of them is loaded by the core (shapely and
pyproj are: the domain validates geometry)."""


def test_all_names_exist_once_and_star_import_gives_them() -> None:
    names = pmiek.framework.__all__
    assert len(names) == len(set(names))
    assert [n for n in names if not hasattr(pmiek.framework, n)] == []
    namespace: dict[str, object] = {}
    exec("from pmiek.framework import *", namespace)
    assert sorted(k for k in namespace if k != "__builtins__") == sorted(names)


def test_the_framework_offers_what_a_user_needs() -> None:
    needed = {"Framework", "Criterion", "ValueFunction", "Direction", "direct_weights",
              "swing_weights", "aggregate_weights", "global_weights", "WeightSummary", "ahp",
              "aggregate_ahp", "inconsistent_pairs", "AhpResult", "ahp_from_pairs",
              "check_pairs", "PairIssue"}
    assert needed <= set(pmiek.framework.__all__)


@pytest.mark.parametrize("module", ["tree", "enums", "value_function", "weights", "ahp",
                                    "ahp_matrix", "ahp_pairs"])
def test_the_package_offers_every_public_name_of_its_modules(module: str) -> None:
    names = importlib.import_module(f"pmiek.framework.{module}").__all__
    assert set(names) - set(pmiek.framework.__all__) == set()


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def _module_file(name: str) -> Path:
    relative = Path(*name.split(".")[1:])
    as_file = SRC / relative.with_suffix(".py")
    return as_file if as_file.is_file() else SRC / relative / "__init__.py"


def test_the_framework_and_what_it_imports_need_only_numpy_pandas_scipy() -> None:
    """The modules the framework imports, followed through pmiek (not through the package
    ``__init__`` files, see the next test), import no third-party package but these."""
    todo = [f"pmiek.framework.{p.stem}" for p in (SRC / "framework").glob("*.py")]
    seen: set[str] = set()
    third_party: dict[str, str] = {}
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        for imported in _imports(_module_file(name)):
            top = imported.split(".")[0]
            if top == "pmiek":
                todo.append(imported)
            elif top not in sys.stdlib_module_names:
                third_party.setdefault(top, name)
    assert {k: v for k, v in third_party.items() if k not in LIGHT} == {}
    assert not any(m.startswith(("pmiek.adapters", "pmiek.assessment", "pmiek.variants"))
                   for m in seen)


def test_importing_the_framework_loads_nothing_heavy() -> None:
    code = ("import sys, pmiek.framework; "
            f"print([m for m in {HEAVY!r} if m in sys.modules])")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True).stdout.strip()
    assert loaded == "[]"
