"""Vendoring the web application's front-end libraries from ``frontend/node_modules``.

The libraries come from the npm registry at the exact versions pinned in
``frontend/package.json`` and ``frontend/package-lock.json`` (which records each tarball's
sha512 integrity). This script copies the few distribution files the application needs, and
each package's licence text, into ``src/pmiek/adapters/web/static/vendor/<package>/`` and
writes ``static/vendor/MANIFEST.json``: per package its name, version, SPDX licence, the
lock file's integrity, and every vendored file with its SHA-256. The application serves
these files itself; nothing is loaded from a CDN at run time.

    cd frontend && npm ci --ignore-scripts && cd ..
    python scripts/vendor_frontend.py           # rewrite static/vendor/ and MANIFEST.json
    python scripts/vendor_frontend.py --check   # only compare; exit 1 when anything differs

The output is deterministic: the same ``node_modules`` gives byte-identical files and
manifest. The script owns ``static/vendor/`` entirely and removes anything else in it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FRONTEND = REPO / "frontend"
NODE_MODULES = FRONTEND / "node_modules"
VENDOR = REPO / "src" / "pmiek" / "adapters" / "web" / "static" / "vendor"
MANIFEST_NAME = "MANIFEST.json"


@dataclass(frozen=True)
class Bundled:
    """A package whose code is bundled inside another package's distribution file."""

    name: str
    licence_file: str
    """The licence text inside the bundled package's folder."""


@dataclass(frozen=True)
class Package:
    """One npm package to vendor: which of its files go where."""

    name: str
    files: tuple[tuple[str, str], ...]
    """(path inside the npm package, path under ``vendor/<name>/``)."""
    licence_file: str
    """The licence text inside the npm package; vendored as ``vendor/<name>/LICENSE``."""
    bundled: tuple[Bundled, ...] = ()


LEAFLET_IMAGES = (
    "layers.png",
    "layers-2x.png",
    "marker-icon.png",
    "marker-icon-2x.png",
    "marker-shadow.png",
)

PACKAGES: tuple[Package, ...] = (
    Package(
        "@utrecht/component-library-css",
        # The package publishes no minified build; index.css is used as published.
        files=(("dist/index.css", "index.css"),),
        licence_file="LICENSE.md",
    ),
    Package("htmx.org", files=(("dist/htmx.min.js", "htmx.min.js"),), licence_file="LICENSE"),
    Package(
        "leaflet",
        # leaflet.css refers to images/layers*.png and images/marker-icon.png; Leaflet's
        # default icon (not used by map.js, but part of the CSS contract) to the others.
        files=(
            ("dist/leaflet.js", "leaflet.js"),
            ("dist/leaflet.css", "leaflet.css"),
            *((f"dist/images/{image}", f"images/{image}") for image in LEAFLET_IMAGES),
        ),
        licence_file="LICENSE",
    ),
    Package(
        "proj4",
        files=(("dist/proj4.js", "proj4.js"),),
        licence_file="LICENSE.md",
        # dist/proj4.js is a bundle that contains these two packages' code.
        bundled=(Bundled("mgrs", "license.md"), Bundled("wkt-parser", "LICENSE.md")),
    ),
    Package(
        "proj4leaflet",
        # The package publishes only its source (7 KB); it is used as published.
        files=(("src/proj4leaflet.js", "proj4leaflet.js"),),
        licence_file="LICENSE",
    ),
)


class VendorError(Exception):
    """The installed packages do not match the pins, or a needed file is missing."""


def sha256(path: Path) -> str:
    """The hex SHA-256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _read_json(path: Path) -> dict[str, object]:
    if not path.is_file():
        raise VendorError(f"{path.relative_to(REPO)} is missing (run `npm ci` in frontend/)")
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise VendorError(f"{path.relative_to(REPO)}: expected a JSON object")
    return data


def _installed(name: str, lock: dict[str, object]) -> dict[str, str]:
    """The installed package's version, licence and lock integrity, checked against the lock."""
    meta = _read_json(NODE_MODULES / name / "package.json")
    locked = lock.get(f"node_modules/{name}")
    if not isinstance(locked, dict):
        raise VendorError(f"{name} is not in frontend/package-lock.json")
    version, licence = str(meta.get("version", "")), str(meta.get("license", ""))
    if version != locked.get("version"):
        raise VendorError(
            f"{name}: node_modules has {version}, package-lock.json {locked.get('version')};"
            " run `npm ci --ignore-scripts` in frontend/"
        )
    if not licence:
        raise VendorError(f"{name}: its package.json names no licence")
    return {"version": version, "licence": licence, "integrity": str(locked.get("integrity"))}


def _pins() -> tuple[dict[str, str], dict[str, object]]:
    """frontend/package.json's dependencies (exact versions only) and the lock's packages."""
    pins = _read_json(FRONTEND / "package.json").get("dependencies")
    lock = _read_json(FRONTEND / "package-lock.json").get("packages")
    if not isinstance(pins, dict) or not isinstance(lock, dict):
        raise VendorError("frontend/package.json or package-lock.json has no dependencies")
    for name, pin in pins.items():
        if not all(part.isdigit() for part in str(pin).split(".")):
            raise VendorError(f"frontend/package.json: {name} is pinned as {pin!r}, not exact")
    wanted = {package.name for package in PACKAGES}
    if set(pins) != wanted:
        raise VendorError(
            f"frontend/package.json lists {sorted(pins)}, this script vendors {sorted(wanted)}"
        )
    return {str(name): str(pin) for name, pin in pins.items()}, lock


def plan() -> tuple[dict[str, Path], list[dict[str, object]]]:
    """What to vendor: {path under vendor/: source file} and the manifest (without hashes)."""
    pins, lock = _pins()
    copies: dict[str, Path] = {}
    manifest: list[dict[str, object]] = []
    for package in PACKAGES:
        info = _installed(package.name, lock)
        if info["version"] != pins[package.name]:
            raise VendorError(
                f"{package.name}: installed {info['version']}, pinned {pins[package.name]}"
            )
        # (path under node_modules/, path under vendor/<package>/)
        pairs = [
            (f"{package.name}/{source}", target)
            for source, target in (*package.files, (package.licence_file, "LICENSE"))
        ]
        bundled: list[dict[str, str]] = []
        for extra in package.bundled:
            extra_info = _installed(extra.name, lock)
            target = f"LICENSE-{extra.name}"
            pairs.append((f"{extra.name}/{extra.licence_file}", target))
            bundled.append(
                {
                    "name": extra.name,
                    "version": extra_info["version"],
                    "licence": extra_info["licence"],
                    "licence_file": f"{package.name}/{target}",
                }
            )
        for source, target in pairs:
            path = NODE_MODULES / source
            if not path.is_file():
                raise VendorError(f"node_modules/{source} is missing (run `npm ci` in frontend/)")
            copies[f"{package.name}/{target}"] = path
        entry: dict[str, object] = {
            "name": package.name,
            "version": info["version"],
            "licence": info["licence"],
            "integrity": info["integrity"],
            "licence_file": f"{package.name}/LICENSE",
            "files": [
                {"path": f"{package.name}/{target}", "source": source} for source, target in pairs
            ],
        }
        if bundled:
            entry["bundled"] = bundled
        manifest.append(entry)
    return copies, manifest


def _with_hashes(manifest: list[dict[str, object]], copies: dict[str, Path]) -> str:
    for entry in manifest:
        files = entry["files"]
        assert isinstance(files, list)
        for item in files:
            item["sha256"] = sha256(copies[item["path"]])
    return json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _existing_files() -> set[str]:
    if not VENDOR.is_dir():
        return set()
    return {
        path.relative_to(VENDOR).as_posix()
        for path in VENDOR.rglob("*")
        if path.is_file() and path.name != MANIFEST_NAME
    }


def check() -> list[str]:
    """The differences between static/vendor/ and what this script would write."""
    copies, manifest = plan()
    text = _with_hashes(manifest, copies)
    problems = []
    manifest_path = VENDOR / MANIFEST_NAME
    if not manifest_path.is_file() or manifest_path.read_text(encoding="utf-8") != text:
        problems.append(f"{MANIFEST_NAME} differs")
    for target, source in sorted(copies.items()):
        path = VENDOR / target
        if not path.is_file() or path.read_bytes() != source.read_bytes():
            problems.append(f"{target} differs or is missing")
    problems.extend(f"{extra} is not vendored" for extra in sorted(_existing_files() - set(copies)))
    return problems


def write() -> list[str]:
    """Rewrite static/vendor/ from node_modules; returns the vendored paths."""
    copies, manifest = plan()
    text = _with_hashes(manifest, copies)
    if VENDOR.is_dir():
        shutil.rmtree(VENDOR)
    for target, source in sorted(copies.items()):
        path = VENDOR / target
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(source.read_bytes())
    (VENDOR / MANIFEST_NAME).write_text(text, encoding="utf-8")
    return sorted(copies)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--check", action="store_true", help="compare only; exit 1 when anything differs"
    )
    arguments = parser.parse_args(argv)
    try:
        if arguments.check:
            problems = check()
            for problem in problems:
                print(f"vendor_frontend: {problem}", file=sys.stderr)
            return 1 if problems else 0
        paths = write()
    except VendorError as error:
        print(f"vendor_frontend: {error}", file=sys.stderr)
        return 1
    total = sum((VENDOR / path).stat().st_size for path in paths)
    print(f"vendored {len(paths)} files ({total / 1024:.0f} KiB) into static/vendor/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
