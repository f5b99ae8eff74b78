"""The corpus of found cases: failures the fuzz suite found, kept as regression tests.

Each entry is the minimal case hypothesis reported (or a hand-shrunk equivalent), in the data
form the strategies draw, with what went wrong on the commit where it was found and the module
the failure pointed at. :mod:`tests.fuzz.test_fuzz_found` runs every one through the same
harness as the generated cases, so each must pass the same rules.
"""

from __future__ import annotations

from dataclasses import dataclass

from tests.fuzz.harness import Case
from tests.fuzz.strategies import Long
from tests.fuzz.worlds import PathCase, StoreCase


@dataclass(frozen=True)
class Found:
    """A case, and what it did when it was found (commit, symptom, module)."""

    id: str
    case: Case | PathCase | StoreCase
    found: str


FOUND: tuple[Found, ...] = (
    Found("csv-duplicate-header-after-trimming",
          Case("csv", "network", (("header", 1, "duplicate", 0, 1), ("header", 1, "pad", 0, 0))),
          "35a3706: traceback, AttributeError 'DataFrame' object has no attribute 'str' in "
          "domain/coerce.py _text (two columns named 'id' once trimmed; csvfolder.py let "
          "them through)"),
    Found("csv-short-row-silently-accepted",
          Case("csv", "criteria", (("row", 0, "short", 0),)),
          "35a3706: exit 0 for a criteria.csv whose first data row has one field too few "
          "(adapters/files/csvfolder.py read_csv_table: pandas fills the missing field)"),
    Found("csv-headerless-data-column-silently-accepted",
          Case("csv", "network", (("header", 1, "add", 0, 1),)),
          "35a3706: exit 0 (a warning only) for assets.csv with data in a column without a "
          "header (adapters/files/csvfolder.py)"),
    Found("csv-named-pipe-as-table-file",
          Case("csv", "network", (("fifo", 1),)),
          "35a3706: hang (no answer in 10 s): assets.csv is a named pipe and "
          "adapters/files/csvfolder.py read_csv_table opens it and waits for a writer"),
    Found("csv-to-xlsx-cell-past-excel-limit",
          Case("csv", "network", (("cell", 1, 0, 1, Long(70_000)),), "convert-xlsx"),
          "35a3706: exit 0, but the workbook read back differs in 'assets' (the 70,000 "
          "characters were cut at Excel's 32,767; adapters/files/xlsx.py)"),
    Found("xlsx-content-types-truncated",
          Case("xlsx", "criteria", (("zmember", 0, "truncate", 0),)),
          "35a3706: traceback, xml.etree.ElementTree.ParseError 'no element found' from "
          "openpyxl, not caught by adapters/files/xlsx_reader.py read_xlsx"),
    Found("convert-overwrite-replaces-foreign-file",
          PathCase("convert", "csv", "criteria", "uit", "existing_file", "uit", "", True),
          "35a3706: exit 0; the file 'uit' that pmiek did not write was replaced by the "
          "export (adapters/files/__init__.py write_workspace)"),
    Found("convert-output-name-too-long",
          PathCase("convert", "csv", "criteria", "uit", "new", Long(300), "", False),
          "35a3706: traceback; after it exit 4: OSError [Errno 36] 'File name too long' from "
          "Path.exists in adapters/files/outputs.py _ours (a name the file system refuses is "
          "an output that cannot be written: exit 1 or 2 with a message)"),
    Found("template-output-name-too-long",
          PathCase("template", "csv", "criteria", "uit", "new", Long(300), ".xlsx", False),
          "35a3706: traceback; after it exit 4: OSError [Errno 36] from Path.is_symlink in "
          "adapters/files/__init__.py write_workspace"),
    Found("show-output-folder-name-too-long",
          PathCase("show", "csv", "network", "uit", "new", Long(300), "", False),
          "35a3706: traceback; after it exit 4: OSError [Errno 36] from Path.exists in "
          "adapters/files/outputs.py _ours"),
    Found("store-missing-file-is-created-by-a-read",
          StoreCase("net", None, "missing"),
          "35a3706: 'validate db:net' without a store file creates an empty pmiek.db (and "
          "exits 1); a read may not write (adapters/store/migrate.py make_engine)"),
    Found("csv-assets-without-id-column",
          Case("csv", "projects", (("header_text", 1, 0, "hd"),)),
          "in-progress tree after 35a3706: exit 4, IndexError 'index 0 is out of bounds for "
          "axis 0 with size 0' in domain/rules_tables.py _check_reparenting (assets.csv whose "
          "'id' header reads 'hd': no asset ids, and the re-parenting check indexes them)"),
    Found("gpkg-z-flag-and-damaged-header",
          Case("gpkg", "criteria", (("gsql", 0, "z_flag", 0, 0, "=1+2"), ("gflip", 18, 1))),
          "35a3706: traceback (then exit 4 on the tree in progress), "
          "pyogrio.errors.GeometryError 'Geometry type is not supported: 2147483648' from "
          "pyogrio.raw.read, not caught by adapters/files/geo_reader.py _read_layer (a layer "
          "flagged 3D in gpkg_geometry_columns)"),
    Found("store-truncated-file",
          StoreCase("net", None, "truncated"),
          "35a3706: traceback, sqlalchemy.exc.DatabaseError 'database disk image is "
          "malformed' (adapters/store/store.py, not mapped to a message by the CLI)"),
    Found("csv-areas-without-id-column-geometry-rules",
          Case("csv", "developments", (("header", 0, "duplicate", 0, 0),)),
          "3abdf46: exit 4, IndexError 'index 0 is out of bounds for axis 0 with size 0' in "
          "domain/rules_geometry.py _check_in_area (areas.csv whose first header is "
          "duplicated: no area ids, and the new consistency rules indexed them)"),
)
