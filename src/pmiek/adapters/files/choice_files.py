"""Choice sets from TOML files: a scenario made of a storyline and chosen options (adapter).

A choice file names the storyline whose factors and other options it takes, and the options it
picks; wherever a scenario is expected (``--scenario``), a path ending in ``.toml`` is read as
one and added to the workspace as a scenario of its own::

    name = "WARM"                       # the scenario's id (default: the file's name)
    label = "Collectieve warmte"        # its name on charts (default: the id)
    storyline = "KM"                    # the storyline: its factors and other options
    [options]
    heat_supply = "collective"

The scenario's description records the file's SHA-256, so the run's input hash covers the
file even though it lies outside the workspace.
"""

from __future__ import annotations

import hashlib
import tomllib
from pathlib import Path

from pmiek.adapters.files.limits import ReadLimits, read_bytes
from pmiek.domain.choice_sets import ChoiceSet, parse_choice_set, with_choice_set
from pmiek.domain.problems import Code, Place
from pmiek.domain.workspace import Workspace
from pmiek.errors import ValidationError

SUFFIX = ".toml"
MAX_BYTES = 1 << 20
"""A choice file is a few lines; more than 1 MiB is not one."""


def is_choice_file(text: str) -> bool:
    """Whether a ``--scenario`` value names a choice file rather than a scenario id."""
    return text.lower().endswith(SUFFIX)


def choice_source(scenario: str) -> str | None:
    """The choice file a ``--scenario`` value names (an input no output may overwrite)."""
    return scenario if is_choice_file(scenario) else None


def read_choice_set(path: Path, workspace: Workspace) -> ChoiceSet:
    """The choice set in the TOML file ``path``, checked against ``workspace``; a
    :class:`~pmiek.errors.ValidationError` naming the file and key otherwise."""
    data, problem = read_bytes(path, path.name, ReadLimits(file_bytes=MAX_BYTES))
    if problem is not None or data is None:
        raise ValidationError([problem] if problem else [], source=path.name)
    try:
        parsed = tomllib.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ValidationError([Place(path.name).problem(
            Code.UNREADABLE, reason=str(exc), expected="a TOML file (https://toml.io)",
            expected_nl="een TOML-bestand (https://toml.io)")], source=path.name) from exc
    return parse_choice_set(parsed, path.name, workspace, hashlib.sha256(data).hexdigest())


def scenario_with_choices(workspace: Workspace, scenario: str) -> tuple[Workspace, str]:
    """``workspace`` and ``scenario`` as given, or, when ``scenario`` names a choice file,
    the workspace with the file's scenario added and that scenario's id."""
    if not is_choice_file(scenario):
        return workspace, scenario
    choice = read_choice_set(Path(scenario), workspace)
    return with_choice_set(workspace, choice), choice.name


__all__ = ["choice_source", "is_choice_file", "read_choice_set", "scenario_with_choices"]
