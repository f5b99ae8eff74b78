"""The public names of pmiek, and the boundary that keeps the core free of I/O and frameworks."""

from __future__ import annotations

import ast
import importlib
import importlib.metadata
from pathlib import Path
from types import ModuleType

import pytest

import pmiek
import pmiek.adapters.files
import pmiek.domain
import pmiek.errors

SRC = Path(pmiek.__file__).resolve().parent


# --- __all__ -----------------------------------------------------------------------------


@pytest.mark.parametrize("module", [pmiek, pmiek.domain, pmiek.adapters.files],
                         ids=lambda m: m.__name__)
def test_all_names_exist_once(module: ModuleType) -> None:
    names = module.__all__
    assert len(names) == len(set(names))
    missing = [name for name in names if not hasattr(module, name)]
    assert missing == []


def test_star_import_gives_exactly_all() -> None:
    for module in (pmiek, pmiek.domain):
        namespace: dict[str, object] = {}
        exec(f"from {module.__name__} import *", namespace)
        assert sorted(k for k in namespace if k != "__builtins__") == sorted(module.__all__)


def test_top_level_offers_what_a_user_needs() -> None:
    needed = {"Workspace", "read_workspace", "write_workspace", "validate", "Problem",
              "ValidationOptions", "__version__"}
    assert needed <= set(pmiek.__all__)
    assert pmiek.Workspace is pmiek.domain.Workspace
    assert pmiek.validate is pmiek.domain.validate
    assert pmiek.read_workspace is pmiek.adapters.files.read_workspace


def test_domain_offers_what_a_user_needs() -> None:
    needed = {"Workspace", "validate", "assert_valid", "merge", "errors", "ValidationOptions",
              "Problem", "Code", "Severity", "Table", "Column", "Dtype", "TABLES",
              "TABLE_NAMES", "table"}
    assert needed <= set(pmiek.domain.__all__)


def test_files_adapter_offers_what_a_user_needs() -> None:
    needed = {"read_workspace", "write_workspace", "ReadResult", "write_geojson"}
    assert needed <= set(pmiek.adapters.files.__all__)


def test_version_matches_the_installed_distribution() -> None:
    assert pmiek.__version__ == importlib.metadata.version("pmiek")


def test_error_tree() -> None:
    e = pmiek.errors
    assert issubclass(e.InputError, e.PmiekError)
    for error in (e.ReadError, e.ValidationError, e.UnknownWorkspace):
        assert issubclass(error, e.InputError)
    for error in (e.WriteError, e.MissingExtraError):
        assert issubclass(error, e.PmiekError) and not issubclass(error, e.InputError)


def test_unknown_workspace_is_an_error_of_pmiek() -> None:
    with pytest.raises(pmiek.errors.UnknownWorkspace):
        pmiek.read_workspace("no-such-workspace-anywhere")


# --- architecture ------------------------------------------------------------------------

PURE_PACKAGES = ("domain", "insight", "framework", "variants", "assessment")
"""The core: computation on typed data, no files, no frameworks (DESIGN.md)."""

FORBIDDEN_IMPORTS = {"sqlalchemy", "fastapi", "typer", "rich", "openpyxl", "pyogrio"}
FORBIDDEN_CALLS = {"open", "read_csv", "to_csv", "read_excel", "to_excel", "read_text",
                   "write_text", "read_bytes", "write_bytes"}


def violations(source: str) -> list[str]:
    """What in ``source`` breaks the boundary: forbidden imports and file I/O calls."""
    found: list[str] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            modules = [node.module or ""] if node.level == 0 else []
        else:
            modules = []
        for module in modules:
            if module.split(".")[0] in FORBIDDEN_IMPORTS or module.startswith("pmiek.adapters"):
                found.append(f"line {node.lineno}: import {module}")
        if isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else (
                func.attr if isinstance(func, ast.Attribute) else None)
            if name in FORBIDDEN_CALLS:
                found.append(f"line {node.lineno}: call {name}()")
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and \
                node.func.id == "__import__":
            found.append(f"line {node.lineno}: __import__()")
    return found


def pure_modules() -> list[Path]:
    return sorted(path for package in PURE_PACKAGES if (SRC / package).is_dir()
                  for path in (SRC / package).rglob("*.py"))


def test_the_boundary_check_catches_what_it_should() -> None:
    bad = """
import typer
from rich.console import Console
import openpyxl.styles
from pyogrio import raw
import sqlalchemy as sa
from fastapi import FastAPI
from pmiek.adapters.files import read_workspace
def f(path, frame):
    open(path)
    frame.to_csv(path)
    pd.read_csv(path)
    path.write_text("x")
"""
    assert len(violations(bad)) == 11
    good = """
import numpy as np
from pmiek.domain.schema import Table
from pmiek.errors import ValidationError
def f(frame):
    return frame.to_numpy(), "open".upper()
"""
    assert violations(good) == []


def test_domain_modules_are_found() -> None:
    names = {path.name for path in pure_modules()}
    assert {"__init__.py", "coerce.py", "validation.py", "workspace.py"} <= names


@pytest.mark.parametrize("path", pure_modules(), ids=lambda p: str(p.relative_to(SRC)))
def test_core_does_no_io_and_uses_no_framework(path: Path) -> None:
    assert violations(path.read_text(encoding="utf-8")) == []


LOADED_BY_DOMAIN = """
import sys
import pmiek.domain, pmiek.domain.validation, pmiek.domain.workspace
{extra}
top = {{m.split(".")[0] for m in sys.modules}} & set({forbidden!r})
adapters = {{"pmiek.adapters" for m in sys.modules if m.startswith("pmiek.adapters")}}
print(",".join(sorted(top | adapters)))
"""


def loaded_by_domain(extra: str = "") -> str:
    import subprocess
    import sys

    code = LOADED_BY_DOMAIN.format(extra=extra, forbidden=sorted(FORBIDDEN_IMPORTS))
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True).stdout.strip()


def test_importing_the_domain_loads_no_adapter_or_framework() -> None:
    assert loaded_by_domain() == ""
    assert loaded_by_domain("import openpyxl") == "openpyxl"  # the check itself works


def test_every_pure_module_is_importable() -> None:
    for path in pure_modules():
        parts = path.relative_to(SRC.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        assert importlib.import_module(name) is not None


# --- the public API of DESIGN.md ---------------------------------------------------------

SUBPACKAGES = ("pmiek.domain", "pmiek.insight", "pmiek.framework", "pmiek.variants",
               "pmiek.assessment")
DESIGN_API = {
    "pmiek.insight": {"project_loads", "find_bottlenecks", "queue", "explain", "analyse",
                      "InsightResult"},
    "pmiek.variants": {"design", "design_variants", "VariantSet", "VariantResult",
                       "SolverOptions", "Instance"},
    "pmiek.framework": {"Framework", "Criterion", "ValueFunction", "Direction"},
    "pmiek.assessment": {"weighted_sum", "topsis", "promethee_ii", "smaa", "appraise",
                         "priority_list", "Appraisal"},
}


def bound_names(module: ModuleType) -> set[str]:
    """The public names a package's ``__init__`` binds: imported or assigned at top level."""
    tree = ast.parse(Path(str(module.__file__)).read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module != "__future__":
            names |= {alias.asname or alias.name for alias in node.names}
        elif isinstance(node, ast.Import):
            names |= {(alias.asname or alias.name).split(".")[0] for alias in node.names}
        elif isinstance(node, ast.Assign):
            names |= {t.id for t in node.targets if isinstance(t, ast.Name)}
    return {name for name in names if not name.startswith("_")}


@pytest.mark.parametrize("name", SUBPACKAGES)
def test_all_is_complete_and_exists(name: str) -> None:
    module = importlib.import_module(name)
    names = list(module.__all__)
    assert len(names) == len(set(names))
    assert [n for n in names if not hasattr(module, n)] == []
    assert sorted(bound_names(module) - set(names)) == []  # nothing public left out


def test_the_completeness_check_catches_a_missing_name(tmp_path: Path) -> None:
    init = tmp_path / "__init__.py"
    init.write_text("from os import path, sep\nLIMIT = 3\n__all__ = ['path']\n")
    fake = ModuleType("fake")
    fake.__file__ = str(init)
    assert bound_names(fake) - {"path"} == {"sep", "LIMIT"}


@pytest.mark.parametrize("name", sorted(DESIGN_API))
def test_design_api_is_offered(name: str) -> None:
    module = importlib.import_module(name)
    assert DESIGN_API[name] <= set(module.__all__)


HEAVY = ("openpyxl", "pyogrio", "matplotlib", "sqlalchemy", "typer")

LOADED = """
import sys
import {module}
print(",".join(sorted({{m.split(".")[0] for m in sys.modules}} & set({heavy!r}))))
"""


def loaded_by(module: str) -> str:
    import subprocess
    import sys

    code = LOADED.format(module=module, heavy=sorted(HEAVY))
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True).stdout.strip()


@pytest.mark.parametrize("module", ["pmiek", "pmiek.domain", "pmiek.insight"])
def test_importing_the_core_loads_nothing_heavy(module: str) -> None:
    assert loaded_by(module) == ""


def test_the_heavy_import_check_works() -> None:
    assert loaded_by("pmiek.adapters.files") != ""  # openpyxl and pyogrio


def test_top_level_names_are_lazy_but_real() -> None:
    import subprocess
    import sys

    code = ("import sys, pmiek; before = 'pmiek.adapters.files' in sys.modules; "
            "f = pmiek.read_workspace; print(before, 'pmiek.adapters.files' in sys.modules)")
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           check=True).stdout.split()
    assert shown == ["False", "True"]


# --- the CLI is a thin shell, and one module talks to the solver ---------------------------

CLI = SRC / "adapters" / "cli"


def imported_modules(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


@pytest.mark.parametrize("path", sorted(CLI.glob("*.py")), ids=lambda p: p.name)
def test_cli_imports_no_numerics_or_solver(path: Path) -> None:
    assert imported_modules(path) & {"numpy", "highspy", "linopy", "scipy", "xarray"} == set()


@pytest.mark.parametrize("path", sorted(CLI.glob("*.py")), ids=lambda p: p.name)
def test_cli_functions_are_short(path: Path) -> None:
    long = [f"{node.name}: {node.end_lineno - node.lineno + 1} lines"
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
            and (node.end_lineno or 0) - node.lineno + 1 > 60]
    assert long == []


def test_one_module_talks_to_the_solver() -> None:
    sources = {path.relative_to(SRC).as_posix(): path.read_text(encoding="utf-8")
               for path in SRC.rglob("*.py")}
    assert sorted(name for name, text in sources.items() if "highspy" in text) == [
        "variants/solver.py"]
    assert sorted(name for name, text in sources.items()
                  if "solver_name=" in text or "solver_model" in text) == ["variants/solver.py"]
