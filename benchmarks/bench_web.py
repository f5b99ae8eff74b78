"""Benchmark: the web application under 25 concurrent users on 127.0.0.1 (issue 19, done-when 6).

Usage::

    .venv/bin/python benchmarks/bench_web.py [--workspace utrecht|example] [--db URL]
        [--users 25] [--seconds 60] [--keep DIR]

Prepares a store (the embedded workspace with its insight run and one gemeente account per
municipality) in a temporary folder, or uses the prepared store ``--db`` (it must hold the
workspace with an insight run and the accounts ``bench-<area id>`` with the password
:data:`PASSWORD`, as this script makes them; ``--keep DIR`` keeps the store it made in DIR for
a next run). Starts ``pmiek serve --db URL`` as a subprocess on 127.0.0.1 and a free port,
then runs ``--users`` simulated users for ``--seconds`` seconds: every second user logs in as
a municipality, the others stay anonymous; each repeats, with a think time of 0–200 ms:

- ``map``: the map page (``/werkruimte/W/kaart`` with a random year and direction);
- ``stations``: the stations of the map (``kaart/stations.geojson``) for that year;
- ``panel``: the station panel of a random non-confidential station, as htmx asks for it;
- ``table``: a page of the table of bottlenecks (``tabellen/inzicht:bottlenecks``);
- ``static``: ``/static/pmiek.css``, the baseline: a file served by the same server.

The clock starts when every user has logged in, after one warm-up request of each page.
Reports per page the requests, errors, p50 and p95 [ms] and the p95 against the static file's
p95 in the same run. Exit code 1 when any request failed or any page's p95 is 250 ms or more.
Load is bounded (fixed users, think time) and stays on the loopback address. The load
generator shares the machine's cores with the server, so compare runs only with each other.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import numpy as np

PASSWORD = "bench-wachtwoord-2026"
HOST = "127.0.0.1"
P95_LIMIT_MS = 250.0
PAGES = ("map", "stations", "panel", "table", "static")
YEARS = tuple(range(2026, 2051))
DIRECTIONS = ("afname", "invoeding")


# --- the store ----------------------------------------------------------------------------


def prepare_store(url: str, workspace: str) -> None:
    """Migrate ``url``, import ``workspace``, store its insight run and make one gemeente
    account per municipality (password :data:`PASSWORD`)."""
    from pmiek import read_workspace
    from pmiek.adapters.store import accounts, migrate
    from pmiek.adapters.store.store import Store
    from pmiek.adapters.web.passwords import hasher
    from pmiek.adapters.web.runs import compute_and_store

    with Store(url) as store:
        migrate.upgrade(store.engine)
        store.import_workspace(read_workspace(workspace).workspace, workspace,
                               source="benchmarks/bench_web.py")
        compute_and_store(store, workspace, kinds=("insight",))
        digest = hasher("standard").hash(PASSWORD)
        for town in municipalities(store, workspace):
            accounts.create_account(store, f"bench-{town}", "gemeente", organisation=town,
                                    password_hash=digest, by="benchmarks",
                                    by_role="beheerder")


def municipalities(store: object, workspace: str) -> list[str]:
    areas = store.load(workspace).areas  # type: ignore[attr-defined]
    return sorted(str(i) for i in areas.loc[areas["kind"] == "municipality", "id"])


def stations(url: str, workspace: str) -> list[str]:
    """The non-confidential assets in the stored bottlenecks (what a panel can show to
    anyone)."""
    from pmiek.adapters.store.store import Store
    from pmiek.adapters.web.results import Results

    with Store(url) as store:
        results = Results(store)
        info = results.version(workspace)
        run = results.run(workspace, info.number, "insight")
        if run is None:
            raise SystemExit(f"the store has no insight run on {workspace} version "
                             f"{info.number}; prepare it first (run without --db)")
        bottlenecks = results.table(run.id, "bottlenecks")
        assets = results.workspace(workspace, info.number).assets
    secret = set(assets.loc[assets["confidential"].fillna(False).astype(bool), "id"])
    return sorted(set(bottlenecks["asset_id"].astype(str)) - secret)


# --- the server ---------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def start_server(url: str, port: int, log: Path) -> subprocess.Popen[bytes]:
    """``pmiek serve --db URL`` on 127.0.0.1:``port`` (output into ``log``)."""
    env = {**os.environ, "PMIEK_DATABASE_URL": url}
    with log.open("wb") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "pmiek.adapters.cli.main", "serve", "--db", url,
             "--host", HOST, "--port", str(port)], stdout=out, stderr=subprocess.STDOUT,
            env=env)


def wait_until_up(base: str, server: subprocess.Popen[bytes], seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server stopped (exit code {server.returncode})")
        try:
            if httpx.get(base + "/static/pmiek.css", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.25)
    raise SystemExit("the server did not come up")


# --- the users ----------------------------------------------------------------------------


@dataclass
class Tally:
    """Latencies [ms] and errors per page."""

    times: dict[str, list[float]] = field(default_factory=lambda: {p: [] for p in PAGES})
    errors: dict[str, int] = field(default_factory=lambda: {p: 0 for p in PAGES})
    examples: list[str] = field(default_factory=list)
    server_cpu: float = float("nan")
    """CPU seconds the server process used while the clock ran."""
    client_cpu: float = float("nan")
    """CPU seconds this process (the simulated users) used meanwhile."""


def process_cpu(pid: int) -> float:
    """CPU seconds (user + system) process ``pid`` has used (NaN where /proc is missing)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def login(client: httpx.AsyncClient, name: str) -> None:
    form = await client.get("/inloggen")
    form.raise_for_status()
    token = client.cookies.get("pmiek_csrf") or ""
    done = await client.post("/inloggen", data={"naam": name, "wachtwoord": PASSWORD,
                                                "csrf_token": token},
                             headers={"Origin": str(client.base_url).rstrip("/")})
    if done.status_code != 303:
        raise SystemExit(f"login of {name} failed: {done.status_code}")


def request_for(page: str, workspace: str, ids: list[str],
                rng: random.Random) -> tuple[str, dict[str, str]]:
    """The path and headers of one request of ``page``."""
    view = f"year={rng.choice(YEARS)}&direction={rng.choice(DIRECTIONS)}"
    base = f"/werkruimte/{workspace}"
    if page == "map":
        return f"{base}/kaart?{view}", {}
    if page == "stations":
        return f"{base}/kaart/stations.geojson?{view}", {}
    if page == "panel":
        return f"{base}/station/{rng.choice(ids)}?{view}", {"HX-Request": "true"}
    if page == "table":
        return f"{base}/tabellen/inzicht:bottlenecks?year={rng.choice(YEARS)}", {}
    return "/static/pmiek.css", {}


@dataclass
class Start:
    """The common start: every user has logged in, then the clock runs for ``seconds``."""

    users: int
    seconds: float
    server: int = 0
    ready: int = 0
    go: asyncio.Event = field(default_factory=asyncio.Event)
    until: float = 0.0
    cpu: tuple[float, float] = (0.0, 0.0)

    async def wait(self) -> None:
        self.ready += 1
        if self.ready == self.users:
            self.until = time.monotonic() + self.seconds
            self.cpu = (process_cpu(self.server), time.process_time())
            self.go.set()
        await self.go.wait()


async def user(number: int, base: str, workspace: str, ids: list[str], account: str | None,
               start: Start, tally: Tally, pages: tuple[str, ...]) -> None:
    rng = random.Random(number)
    async with httpx.AsyncClient(base_url=base, timeout=30, follow_redirects=False) as client:
        if account is not None:
            await login(client, account)
        await start.wait()
        while time.monotonic() < start.until:
            page = pages[rng.randrange(len(pages))]
            path, headers = request_for(page, workspace, ids, rng)
            began = time.perf_counter()
            try:
                response = await client.get(path, headers=headers)
                await response.aread()
                ok = response.status_code == 200
                status = str(response.status_code)
            except httpx.HTTPError as error:
                ok, status = False, type(error).__name__
            tally.times[page].append((time.perf_counter() - began) * 1000)
            if not ok:
                tally.errors[page] += 1
                if len(tally.examples) < 10:
                    tally.examples.append(f"{status} {path}")
            await asyncio.sleep(rng.uniform(0, 0.2))


async def warm_up(base: str, workspace: str, ids: list[str]) -> None:
    """One request of each page before the clock starts (the first request of a page
    loads and compiles what later ones reuse)."""
    rng = random.Random(0)
    async with httpx.AsyncClient(base_url=base, timeout=60) as client:
        for page in PAGES:
            path, headers = request_for(page, workspace, ids, rng)
            (await client.get(path, headers=headers)).raise_for_status()


async def load(base: str, workspace: str, ids: list[str], towns: list[str], users: int,
               seconds: float, pages: tuple[str, ...] = PAGES, server: int = 0) -> Tally:
    """Every second user a municipality's account, the others anonymous."""
    await warm_up(base, workspace, ids)
    tally = Tally()
    start = Start(users, seconds, server)
    accounts = [f"bench-{towns[i // 2 % len(towns)]}" if i % 2 == 0 else None
                for i in range(users)]
    await asyncio.gather(*(user(i, base, workspace, ids, accounts[i], start, tally, pages)
                           for i in range(users)))
    tally.server_cpu = process_cpu(server) - start.cpu[0]
    tally.client_cpu = time.process_time() - start.cpu[1]
    return tally


async def sequential(base: str, workspace: str, ids: list[str], repeat: int) -> str:
    """One anonymous user asking for each page ``repeat`` times in turn: the first request
    and the median of the others [ms], as a Markdown table."""
    rng = random.Random(1)
    lines = ["| page | first [ms] | median of the rest [ms] |", "|---|---:|---:|"]
    async with httpx.AsyncClient(base_url=base, timeout=60) as client:
        for page in PAGES:
            times = []
            for _ in range(repeat):
                path, headers = request_for(page, workspace, ids, rng)
                began = time.perf_counter()
                (await client.get(path, headers=headers)).raise_for_status()
                times.append((time.perf_counter() - began) * 1000)
            lines.append(f"| {page} | {times[0]:.1f} | {float(np.median(times[1:])):.1f} |")
    return "\n".join(lines)


# --- the report ---------------------------------------------------------------------------


def report(tally: Tally) -> tuple[str, bool]:
    """The Markdown table of the run and whether it passed."""
    static_p95 = float(np.percentile(tally.times["static"], 95)) if tally.times["static"] \
        else float("nan")
    lines = ["| page | requests | errors | p50 [ms] | p95 [ms] | p95 × static |",
             "|---|---:|---:|---:|---:|---:|"]
    passed = True
    for page in PAGES:
        times = np.asarray(tally.times[page])
        if not len(times) and not tally.errors[page]:
            continue
        if not len(times):
            lines.append(f"| {page} | 0 | {tally.errors[page]} | – | – | – |")
            passed = False
            continue
        p50, p95 = float(np.percentile(times, 50)), float(np.percentile(times, 95))
        lines.append(f"| {page} | {len(times):,} | {tally.errors[page]} | {p50:.1f} | "
                     f"{p95:.1f} | {p95 / static_p95:.1f} |")
        passed &= tally.errors[page] == 0 and p95 < P95_LIMIT_MS
    return "\n".join(lines), passed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--workspace", default="utrecht")
    parser.add_argument("--db", help="a store prepared by this script (else one is made)")
    parser.add_argument("--keep", type=Path, help="keep the store made in this folder")
    parser.add_argument("--users", type=int, default=25)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--sequential", type=int, metavar="N",
                        help="instead of the load: one user, each page N times in turn")
    parser.add_argument("--pages", default=",".join(PAGES),
                        help="the pages the users ask for (comma-separated; 'static' always)")
    args = parser.parse_args()
    chosen = tuple(p for p in PAGES if p in {*args.pages.split(","), "static"})
    with tempfile.TemporaryDirectory(prefix="pmiek-bench-web-") as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        url = args.db
        if url is None:
            url = f"sqlite:///{(folder / f'bench-{args.workspace}.db').resolve()}"
            started = time.perf_counter()
            prepare_store(url, args.workspace)
            print(f"store prepared in {time.perf_counter() - started:.1f} s: {url}")
        ids = stations(url, args.workspace)
        from pmiek.adapters.store.store import Store

        with Store(url) as store:
            towns = municipalities(store, args.workspace)
        load_before = f"{os.getloadavg()[0]:.1f}"
        port = free_port()
        base = f"http://{HOST}:{port}"
        server = start_server(url, port, Path(scratch) / "server.log")
        try:
            wait_until_up(base, server)
            if args.sequential:
                print(asyncio.run(sequential(base, args.workspace, ids, args.sequential)))
                return
            tally = asyncio.run(load(base, args.workspace, ids, towns, args.users,
                                     args.seconds, chosen, server.pid))
        finally:
            server.terminate()
            try:
                server.wait(30)
            except subprocess.TimeoutExpired:
                server.kill()
    table, passed = report(tally)
    passed &= all(tally.times[page] for page in chosen)
    print(f"\n{args.users} users, {args.seconds:.0f} s, workspace {args.workspace}, "
          f"{len(ids)} stations; load average before/after: {load_before} / "
          f"{os.getloadavg()[0]:.1f}\n")
    print(table)
    print(f"\nCPU while the clock ran: server {tally.server_cpu:.1f} s "
          f"({tally.server_cpu / args.seconds:.0%} of one core), simulated users "
          f"{tally.client_cpu:.1f} s ({tally.client_cpu / args.seconds:.0%})")
    for example in tally.examples:
        print("error:", example)
    sys.exit(0 if passed else 1)


if __name__ == "__main__":
    main()
