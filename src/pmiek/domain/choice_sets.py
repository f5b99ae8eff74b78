"""Choice sets: a scenario made of a storyline and the options it picks (pure).

A choice set names the storyline whose factors and other options it takes, and its own
options of the Energievisie's choices (:mod:`pmiek.domain.choice_rules`); :func:`parse_choice_set`
checks one against a workspace, :func:`with_choice_set` adds it as a scenario. The adapter
:mod:`pmiek.adapters.files.choice_files` reads them from TOML files.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from pmiek.domain.problems import Code, Place, Problem, closest
from pmiek.domain.workspace import Workspace
from pmiek.errors import ValidationError

CHOICE_SET_KEYS = ("name", "label", "storyline", "options")
"""The keys of a choice set (a TOML file): the scenario's id and name, the storyline whose
factors and other options it takes, and the options it picks."""


@dataclass(frozen=True)
class ChoiceSet:
    """A scenario made of a storyline and chosen options (:func:`parse_choice_set`).

    ``digest`` is the SHA-256 of the file it was read from ('' when none): the scenario's
    description records it, so the run's input hash covers the file."""

    name: str
    label: str
    storyline: str
    options: dict[str, str]
    source: str = ""
    digest: str = ""


def _storyline_problems(place: Place, storyline: object, storylines: list[str]
                        ) -> list[Problem]:
    if not isinstance(storyline, str) or not storyline:
        example = storylines[0] if storylines else "KM"
        return [place.problem(Code.MISSING_KEY, "storyline",
                              expected=f"storyline = \"{example}\"")]
    if storyline not in storylines:
        return [place.problem(Code.NOT_ALLOWED, "storyline", got=storyline,
                              expected=", ".join(storylines) or "-",
                              close=closest(storyline, storylines))]
    return []


def _option_problems(place: Place, chosen: Mapping[str, Any], rules: pd.DataFrame
                     ) -> list[Problem]:
    known = {str(c): sorted(set(rules.loc[rules["choice"] == c, "option"].astype(str)))
             for c in rules["choice"].dropna().unique()}
    problems = []
    for choice, option in chosen.items():
        if choice not in known:
            problems.append(place.problem(Code.UNKNOWN_KEY, f"options.{choice}",
                                          expected=", ".join(sorted(known)) or "-",
                                          close=closest(str(choice), sorted(known))))
        elif option not in known[choice]:
            problems.append(place.problem(Code.UNKNOWN_OPTION, f"options.{choice}",
                                          got=str(option), expected=", ".join(known[choice]),
                                          choice=str(choice)))
    return problems


def parse_choice_set(data: Mapping[str, Any], source: str, workspace: Workspace,
                     digest: str = "") -> ChoiceSet:
    """The choice set in ``data`` (read from ``source``), checked against the storylines and
    choice rules of ``workspace``; a :class:`~pmiek.errors.ValidationError` listing every
    problem (file, key, what was expected) otherwise."""
    place = Place(source)
    problems = [place.problem(Code.UNKNOWN_KEY, key, expected=", ".join(CHOICE_SET_KEYS),
                              close=closest(key, list(CHOICE_SET_KEYS)))
                for key in sorted(set(data) - set(CHOICE_SET_KEYS))]
    storylines = [str(s) for s in workspace.scenarios["id"]]
    storyline = data.get("storyline")
    problems += _storyline_problems(place, storyline, storylines)
    stem = source.rsplit("/", 1)[-1].removesuffix(".toml")
    name = data.get("name", stem)
    if not isinstance(name, str) or not name.strip():
        problems.append(place.problem(Code.WRONG_TYPE, "name", got=repr(name),
                                      expected="a text", expected_nl="een tekst"))
        name = stem
    elif name in storylines:
        problems.append(place.problem(Code.DUPLICATE_KEY, "name", got=name,
                                      expected="a new scenario id",
                                      expected_nl="een nieuwe scenariocode"))
    chosen = data.get("options", {})
    if not isinstance(chosen, Mapping):
        problems.append(place.problem(Code.WRONG_TYPE, "options", got=repr(chosen),
                                      expected="a table [options]",
                                      expected_nl="een tabel [options]"))
        chosen = {}
    problems += _option_problems(place, chosen, workspace.choice_rules)
    if problems:
        raise ValidationError(problems, source=source)
    label = data.get("label", name)
    return ChoiceSet(str(name), str(label), str(storyline),
                     {str(k): str(v) for k, v in chosen.items()}, source, digest)


def with_choice_set(workspace: Workspace, choice: ChoiceSet) -> Workspace:
    """``workspace`` with one more scenario, ``choice.name``: the storyline's factors and
    options, with the options of ``choice`` in their place."""
    scenarios = workspace.scenarios
    base = scenarios[scenarios["id"] == choice.storyline].iloc[[0]].copy()
    picked = ", ".join(f"{k} = {v}" for k, v in sorted(choice.options.items())) or "-"
    recorded = f"; {choice.source}, sha256 {choice.digest}" if choice.digest else ""
    base["id"], base["name"] = choice.name, choice.label
    base["description"] = f"{choice.storyline} met {picked}{recorded}"
    factors = workspace.scenario_factors
    factors = factors[factors["scenario_id"] == choice.storyline].assign(
        scenario_id=choice.name)
    params = workspace.scenario_parameters
    inherited = params[(params["scenario_id"] == choice.storyline)
                       & ~params["parameter"].isin(list(choice.options))]
    own = pd.DataFrame({"scenario_id": choice.name, "parameter": list(choice.options),
                        "value": list(choice.options.values()),
                        "description": f"keuzeset {choice.source or choice.name}"})
    made = pd.concat([inherited.assign(scenario_id=choice.name),
                      own.astype(params.dtypes.to_dict())], ignore_index=True)
    return workspace.with_tables(
        scenarios=pd.concat([scenarios, base.astype(scenarios.dtypes.to_dict())],
                            ignore_index=True),
        scenario_factors=pd.concat([workspace.scenario_factors, factors], ignore_index=True),
        scenario_parameters=pd.concat([params, made], ignore_index=True))


__all__ = ["CHOICE_SET_KEYS", "ChoiceSet", "parse_choice_set", "with_choice_set"]
