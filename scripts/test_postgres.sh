#!/usr/bin/env bash
# A throw-away PostgreSQL server for the test suite.
#
#   scripts/test_postgres.sh        start (or reuse) the server; print its SQLAlchemy URL
#   scripts/test_postgres.sh stop   stop it (the cluster directory stays, for a quick restart)
#   scripts/test_postgres.sh status say whether it runs and where
#
# stdout carries exactly one line, the URL
#     postgresql+psycopg://postgres@127.0.0.1:PORT/pmiek_test
# so callers can write URL=$(scripts/test_postgres.sh); all other output goes to stderr.
#
# When PMIEK_TEST_POSTGRES_URL is already set, that server is used: the URL is printed
# unchanged and nothing is started.
#
# The server binaries are Debian's (/usr/lib/postgresql/<version>/bin). When they are
# missing and the script runs as root, Debian's `postgresql` package is installed with
# apt-get; as another user the script says so and exits with status 3.
#
# The cluster lives in ${TMPDIR:-/tmp}/pmiek-pgtest-<uid>-<checksum of the checkout path>
# (override: PMIEK_PGTEST_DIR). It is owned by the invoking user, or by the `postgres`
# system user when run as root (PostgreSQL refuses to run as root). Authentication is
# `trust`, on 127.0.0.1 only; the unix socket lies inside the (mode 0700) cluster
# directory. fsync is off: the data are disposable.
#
# Other overrides:
#   PMIEK_PG_BINDIR   directory holding initdb/pg_ctl (default: newest /usr/lib/postgresql/*/bin)
#   PMIEK_PG_PORT     first port to try (default 54329; the next ones are tried when taken)
#
# Exit status: 0 ok, 1 the server could not be started, 3 PostgreSQL missing and not root.
set -euo pipefail

ACTION="${1:-start}"
DBNAME=pmiek_test
SUPERUSER=postgres          # the cluster's superuser name (initdb -U), whoever runs it
FIRST_PORT="${PMIEK_PG_PORT:-54329}"
PORT_TRIES=20

log() { printf 'test_postgres: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

case "$ACTION" in
    start | stop | status) ;;
    *) die "usage: $0 [start|stop|status]" ;;
esac

# An externally configured server wins: nothing to do.
if [ "$ACTION" = start ] && [ -n "${PMIEK_TEST_POSTGRES_URL:-}" ]; then
    log "using PMIEK_TEST_POSTGRES_URL from the environment"
    printf '%s\n' "$PMIEK_TEST_POSTGRES_URL"
    exit 0
fi

REPO="$(cd "$(dirname "$0")/.." && pwd -P)"
IS_ROOT=0
[ "$(id -u)" -eq 0 ] && IS_ROOT=1

# --- where the cluster lives ------------------------------------------------------------
# One cluster per checkout and user, so two checkouts never share (or stop) a server.
REPO_KEY="$(printf '%s' "$REPO" | cksum | cut -d' ' -f1)"
default_base() {
    local tmp="${TMPDIR:-/tmp}"
    # As root the `postgres` user must reach the directory; a private TMPDIR would not do.
    if [ "$IS_ROOT" -eq 1 ] && ! as_pg test -x "$tmp" 2>/dev/null; then
        tmp=/tmp
    fi
    printf '%s/pmiek-pgtest-%s-%s' "${tmp%/}" "$(id -u)" "$REPO_KEY"
}

# Run a command as the cluster owner: ourselves, or `postgres` when we are root. The
# command runs from / because the checkout (e.g. under /root) may be closed to `postgres`.
as_pg() {
    if [ "$IS_ROOT" -eq 1 ]; then
        (cd / && runuser -u postgres -- "$@")
    else
        "$@"
    fi
}

# --- finding (or installing) the server binaries -----------------------------------------
# Newest Debian-packaged version first (sort -V orders 9 < 15 < 16).
find_bindir_standard() {
    local d
    for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -rV); do
        if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && [ -x "$d/postgres" ] \
            && [ -x "$d/psql" ] && [ -x "$d/pg_isready" ]; then
            printf '%s\n' "$d"
            return 0
        fi
    done
    return 1
}

find_bindir() {
    if [ -n "${PMIEK_PG_BINDIR:-}" ]; then
        # An explicit directory is the only place looked at (also lets one test the
        # install branch: PMIEK_PG_BINDIR=/nonexistent).
        [ -x "$PMIEK_PG_BINDIR/initdb" ] && [ -x "$PMIEK_PG_BINDIR/pg_ctl" ] \
            && printf '%s\n' "$PMIEK_PG_BINDIR"
        return
    fi
    find_bindir_standard
}

install_postgres() {
    local apt=(apt-get install -y --no-install-recommends -o Dpkg::Use-Pty=0 postgresql)
    log "PostgreSQL server binaries not found; installing Debian's package 'postgresql'"
    # stdout of apt goes to stderr: stdout is reserved for the URL.
    if ! DEBIAN_FRONTEND=noninteractive "${apt[@]}" >&2; then
        # A fresh container has no package lists yet.
        log "install failed; running apt-get update and retrying"
        DEBIAN_FRONTEND=noninteractive apt-get update >&2
        DEBIAN_FRONTEND=noninteractive "${apt[@]}" >&2
    fi
}

# The `postgres` system user normally comes with the package (postgresql-common).
ensure_postgres_user() {
    if ! id -u postgres >/dev/null 2>&1; then
        log "creating system user 'postgres'"
        useradd --system --user-group --home-dir /var/lib/postgresql --shell /bin/sh postgres
    fi
}

# --- server state ------------------------------------------------------------------------
BASE="${PMIEK_PGTEST_DIR:-}"
case "$BASE" in
    "" | /*) ;;
    *) BASE="$PWD/$BASE" ;;   # as_pg runs from /, so make it absolute
esac
PGDATA_DIR=""
set_paths() {
    [ -n "$BASE" ] || BASE="$(default_base)"
    PGDATA_DIR="$BASE/data"
}

is_running() {
    [ -f "$PGDATA_DIR/postmaster.pid" ] && as_pg "$BINDIR/pg_ctl" status -D "$PGDATA_DIR" >/dev/null 2>&1
}

# The port of a running server: line 4 of postmaster.pid.
running_port() {
    as_pg sed -n 4p "$PGDATA_DIR/postmaster.pid"
}

# Something answers on 127.0.0.1:$1 (bash's /dev/tcp; a plain connect, nothing sent).
port_taken() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Client tools: beside the server, else on PATH (for a PMIEK_PG_BINDIR without them).
client() {
    if [ -x "$BINDIR/$1" ]; then printf '%s\n' "$BINDIR/$1"; else command -v "$1"; fi
}

wait_ready() {
    local port="$1" i
    for i in $(seq 1 60); do
        if "$(client pg_isready)" -q -h 127.0.0.1 -p "$port" -d postgres -U "$SUPERUSER" 2>/dev/null; then
            return 0
        fi
        sleep 0.5
    done
    return 1
}

init_cluster() {
    log "creating cluster in $PGDATA_DIR ($("$BINDIR/postgres" --version))"
    mkdir -p "$BASE"
    if [ "$IS_ROOT" -eq 1 ]; then
        chown postgres: "$BASE"
    fi
    chmod 0700 "$BASE"
    rm -rf "$PGDATA_DIR"
    as_pg "$BINDIR/initdb" -D "$PGDATA_DIR" -U "$SUPERUSER" -A trust -E UTF8 --no-locale --no-sync \
        --no-instructions >&2
    # TCP on 127.0.0.1 only, trust; no unix-socket logins.
    as_pg sh -c 'cat > "$1"' sh "$PGDATA_DIR/pg_hba.conf" <<'EOF'
# pmiek test cluster (scripts/test_postgres.sh): trust, 127.0.0.1 only
# TYPE  DATABASE  USER  ADDRESS       METHOD
host    all       all   127.0.0.1/32  trust
EOF
    as_pg sh -c 'cat >> "$1"' sh "$PGDATA_DIR/postgresql.conf" <<'EOF'

# --- pmiek test cluster (scripts/test_postgres.sh) ---
listen_addresses = '127.0.0.1'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
EOF
}

# Start on the first free port from FIRST_PORT; prints the port.
start_server() {
    local port=$FIRST_PORT i seen
    for i in $(seq 1 "$PORT_TRIES"); do
        if port_taken "$port"; then
            log "port $port is taken; trying $((port + 1))"
        else
            log "starting server on 127.0.0.1:$port"
            # Lines of server.log so far: only the new ones tell why this attempt failed.
            seen="$(as_pg sh -c 'cat "$1" 2>/dev/null | wc -l' sh "$PGDATA_DIR/server.log")"
            # pg_ctl's own chatter goes to stderr; the server logs to server.log.
            if as_pg "$BINDIR/pg_ctl" start -w -t 60 -D "$PGDATA_DIR" -l "$PGDATA_DIR/server.log" \
                -o "-p $port -k '$PGDATA_DIR'" >&2; then
                printf '%s\n' "$port"
                return 0
            fi
            log "server did not start on port $port; its log says:"
            as_pg tail -n "+$((seen + 1))" "$PGDATA_DIR/server.log" | tail -n 15 >&2 || true
            # Only a port clash is worth another port; anything else is fatal.
            if ! as_pg tail -n "+$((seen + 1))" "$PGDATA_DIR/server.log" \
                | grep -qi 'could not bind\|already in use'; then
                return 1
            fi
        fi
        port=$((port + 1))
    done
    return 1
}

# --- stop / status -----------------------------------------------------------------------
if [ "$ACTION" != start ]; then
    BINDIR="$(find_bindir)" || { log "PostgreSQL binaries not found; nothing to do"; exit 0; }
    if [ "$IS_ROOT" -eq 1 ] && ! id -u postgres >/dev/null 2>&1; then
        log "no 'postgres' user, so no test server"
        exit 0
    fi
    set_paths
    if is_running; then
        if [ "$ACTION" = stop ]; then
            as_pg "$BINDIR/pg_ctl" stop -D "$PGDATA_DIR" -m fast >&2
        else
            log "running on 127.0.0.1:$(running_port), cluster $PGDATA_DIR"
        fi
    else
        log "no test server running (cluster $PGDATA_DIR)"
    fi
    exit 0
fi

# --- start -------------------------------------------------------------------------------
if ! BINDIR="$(find_bindir)"; then
    if [ "$IS_ROOT" -ne 1 ]; then
        log "PostgreSQL server binaries (initdb, pg_ctl) not found under /usr/lib/postgresql/*/bin"
        log "install them (Debian: sudo apt-get install postgresql), or set"
        log "PMIEK_PG_BINDIR, or point PMIEK_TEST_POSTGRES_URL at a server"
        exit 3
    fi
    install_postgres
    BINDIR="$(find_bindir_standard)" || die "installed 'postgresql' but found no /usr/lib/postgresql/*/bin/initdb"
fi
[ "$IS_ROOT" -eq 1 ] && ensure_postgres_user
set_paths

# A cluster of another major version (after an upgrade) or a half-made one is re-created.
# `postgres --version` reads "postgres (PostgreSQL) 15.18 (Debian ...)"; keep the major.
want_version="$("$BINDIR/postgres" --version | awk '{print $3}' | cut -d. -f1)"
have_version="$(as_pg cat "$PGDATA_DIR/PG_VERSION" 2>/dev/null || true)"

if is_running; then
    PORT="$(running_port)"
    log "reusing the server running on 127.0.0.1:$PORT"
else
    if [ "$have_version" != "$want_version" ]; then
        init_cluster
    fi
    PORT="$(start_server)" || die "could not start PostgreSQL (cluster $PGDATA_DIR)"
fi

wait_ready "$PORT" || die "server on 127.0.0.1:$PORT does not answer (to start afresh: $0 stop; rm -rf $BASE)"

# The test database; psql -X skips any ~/.psqlrc.
psql_cmd=("$(client psql)" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PORT" -U "$SUPERUSER" -d postgres)
if [ "$("${psql_cmd[@]}" -tAc "SELECT 1 FROM pg_database WHERE datname = '$DBNAME'")" != 1 ]; then
    log "creating database $DBNAME"
    "${psql_cmd[@]}" -c "CREATE DATABASE $DBNAME" >&2
fi

printf 'postgresql+psycopg://%s@127.0.0.1:%s/%s\n' "$SUPERUSER" "$PORT" "$DBNAME"
