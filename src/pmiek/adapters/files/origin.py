"""Where the rows of a table came from, so that messages can name file, sheet and row."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from pmiek.domain.problems import Problem


@dataclass(frozen=True)
class Origin:
    """The file (and sheet or layer) a table was read from.

    ``lines[i]`` is the row number a person sees for row ``i`` of the table: the line in a
    CSV file or the row in a worksheet (the header is 1), or the feature id in a GeoPackage.
    """

    path: str
    sheet: str | None = None
    lines: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=int))

    def line(self, row: int | None) -> int | None:
        if row is None:
            return None
        return int(self.lines[row]) if row < len(self.lines) else row + 2


@dataclass(frozen=True)
class Located:
    """A problem with its place in the files: what a person needs to find and fix it."""

    problem: Problem
    path: str | None
    sheet: str | None
    line: int | None

    def to_dict(self, lang: str = "nl") -> dict[str, object]:
        record = self.problem.to_dict(lang)
        record.update(file=self.path, sheet=self.sheet, row=self.line)
        return record


def locate(problems: list[Problem], origins: dict[str, Origin]) -> list[Located]:
    """Attach file, sheet and row number to every problem."""
    located = []
    for p in problems:
        origin = origins.get(p.table)
        if origin is None:
            located.append(Located(p, None, None, p.line))
        else:
            located.append(Located(p, origin.path, origin.sheet, origin.line(p.row)))
    return located
