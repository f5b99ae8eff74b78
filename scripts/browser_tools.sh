#!/usr/bin/env bash
# The browser and PDF tools of the document checks (programme document, web application).
#
#   scripts/browser_tools.sh         make sure the tools exist (installing what is missing);
#                                    print where they are
#   scripts/browser_tools.sh check   only look: print where they are, install nothing
#
# stdout carries exactly one line per tool, KEY=VALUE, and nothing else:
#     PMIEK_CHROMIUM=/usr/bin/chromium
#     PMIEK_AXE_JS=<checkout>/tests/browser/node_modules/axe-core/axe.min.js
#     PMIEK_PDFTOPPM=/usr/bin/pdftoppm
#     PMIEK_PDFTOTEXT=/usr/bin/pdftotext
# A value with characters other than letters, digits and _ . / + - is single-quoted, so
# callers can write `eval "$(scripts/browser_tools.sh)"` (then export the four names). When
# a tool is missing, stdout stays empty. All other output goes to stderr.
#
# The tools:
#   chromium             Debian's package `chromium` (Playwright drives it through its
#                        executable path; it cannot download its own browser here)
#   pdftoppm, pdftotext  Debian's package `poppler-utils`
#   axe-core             from the npm registry, the exact version pinned in
#                        tests/browser/package.json and package-lock.json (which records its
#                        sha512 integrity), installed with `npm ci` into
#                        tests/browser/node_modules when axe.min.js is missing or its version
#                        differs from the pin. No install scripts run (--ignore-scripts).
# Missing Debian packages (chromium, poppler-utils, and npm when axe-core has to be installed
# and npm is missing) are installed with apt-get when the script runs as root; as another
# user the script says what is missing and exits with status 3.
#
# Overrides: when PMIEK_CHROMIUM, PMIEK_AXE_JS, PMIEK_PDFTOPPM or PMIEK_PDFTOTEXT is already
# set, that path is used (it must exist) and nothing is installed for that tool.
#
# Exit status: 0 ok; 1 usage error, or an install failed or left a tool missing;
# 3 a tool is missing and the script may not install it (not root, or `check`).
set -euo pipefail

ACTION="${1:-install}"

log() { printf 'browser_tools: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

case "$ACTION" in
    install | check) ;;
    *) die "usage: $0 [check]" ;;
esac

REPO="$(cd "$(dirname "$0")/.." && pwd -P)"
NPM_DIR="$REPO/tests/browser"
AXE_JS="$NPM_DIR/node_modules/axe-core/axe.min.js"
IS_ROOT=0
[ "$(id -u)" -eq 0 ] && IS_ROOT=1

# --- finding the tools -------------------------------------------------------------------
# Each finder prints the path and succeeds, or prints nothing and fails.

# An override variable, when set, is the only place looked at.
from_env() {
    local name="$1" value="${!1:-}"
    [ -n "$value" ] || return 2
    if [ -e "$value" ]; then
        printf '%s\n' "$value"
        return 0
    fi
    log "$name=$value does not exist"
    return 1
}

# An executable file on PATH (bash's `command -v` may name a non-executable one).
on_path() {
    local path
    path="$(command -v "$1")" && [ -f "$path" ] && [ -x "$path" ] && printf '%s\n' "$path"
}

find_chromium() {
    local status=0
    from_env PMIEK_CHROMIUM || status=$?
    [ "$status" -eq 2 ] || return "$status"
    if [ -x /usr/bin/chromium ]; then
        printf '%s\n' /usr/bin/chromium
    else
        on_path chromium
    fi
}

# pdftoppm / pdftotext: PMIEK_PDFTOPPM / PMIEK_PDFTOTEXT, else PATH.
find_poppler() {
    local tool="$1" var status=0
    var="PMIEK_$(printf '%s' "$1" | tr '[:lower:]' '[:upper:]')"
    from_env "$var" || status=$?
    [ "$status" -eq 2 ] || return "$status"
    on_path "$tool"
}

# The axe-core version pinned in package.json ("axe-core": "4.14.1").
pinned_axe() {
    sed -n 's/.*"axe-core"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' "$NPM_DIR/package.json" \
        | head -n 1
}

# The version of the installed axe-core (its package.json's first "version").
installed_axe() {
    sed -n 's/^[[:space:]]*"version"[[:space:]]*:[[:space:]]*"\([0-9][0-9A-Za-z.+-]*\)".*/\1/p' \
        "$NPM_DIR/node_modules/axe-core/package.json" 2>/dev/null | head -n 1
}

# axe.min.js: PMIEK_AXE_JS, else the vendored copy when it has the pinned version.
find_axe() {
    local status=0 want have
    from_env PMIEK_AXE_JS || status=$?
    [ "$status" -eq 2 ] || return "$status"
    [ -f "$AXE_JS" ] || return 1
    want="$(pinned_axe)"
    have="$(installed_axe)"
    if [ -z "$want" ] || [ "$have" != "$want" ]; then
        log "axe-core ${have:-of unknown version} in tests/browser/node_modules; pinned: ${want:-?}"
        return 1
    fi
    printf '%s\n' "$AXE_JS"
}

# --- installing ----------------------------------------------------------------------------
apt_install() {
    local apt=(apt-get install -y --no-install-recommends -o Dpkg::Use-Pty=0 "$@")
    log "installing Debian's $* with apt-get"
    # stdout of apt goes to stderr: stdout is reserved for the result.
    if ! DEBIAN_FRONTEND=noninteractive "${apt[@]}" >&2; then
        # A fresh container has no package lists yet.
        log "install failed; running apt-get update and retrying"
        DEBIAN_FRONTEND=noninteractive apt-get update >&2
        DEBIAN_FRONTEND=noninteractive "${apt[@]}" >&2
    fi
}

npm_install_axe() {
    log "installing axe-core $(pinned_axe) from the npm registry into tests/browser/node_modules"
    # npm ci installs exactly what package-lock.json records and checks its sha512.
    npm ci --prefix "$NPM_DIR" --no-audit --no-fund --ignore-scripts --no-update-notifier >&2
}

# --- main ----------------------------------------------------------------------------------
CHROMIUM="$(find_chromium)" || CHROMIUM=""
PDFTOPPM="$(find_poppler pdftoppm)" || PDFTOPPM=""
PDFTOTEXT="$(find_poppler pdftotext)" || PDFTOTEXT=""
AXE="$(find_axe)" || AXE=""

# An override pointing nowhere is the caller's mistake; installing would not mend it.
for var in PMIEK_CHROMIUM PMIEK_PDFTOPPM PMIEK_PDFTOTEXT PMIEK_AXE_JS; do
    if [ -n "${!var:-}" ] && [ ! -e "${!var}" ]; then
        die "$var is set but points nowhere; unset it or correct it"
    fi
done

# The Debian packages to install, and what is missing in words.
packages=()
missing=()
[ -n "$CHROMIUM" ] || { packages+=(chromium); missing+=("chromium (Debian package chromium)"); }
if [ -z "$PDFTOPPM" ] || [ -z "$PDFTOTEXT" ]; then
    packages+=(poppler-utils)
    missing+=("pdftoppm/pdftotext (Debian package poppler-utils)")
fi
need_axe=0
[ -n "$AXE" ] || need_axe=1
has_npm() { command -v npm >/dev/null 2>&1; }

if [ "$ACTION" = check ]; then
    [ "$need_axe" -eq 0 ] || missing+=("axe-core $(pinned_axe) (npm ci --prefix tests/browser)")
    if [ "${#missing[@]}" -gt 0 ]; then
        for m in "${missing[@]}"; do log "missing: $m"; done
        exit 3
    fi
fi

# axe-core needs no root: install it first when npm is there.
if [ "$need_axe" -eq 1 ] && has_npm; then
    npm_install_axe || die "npm ci in tests/browser failed"
    need_axe=0
elif [ "$need_axe" -eq 1 ]; then
    packages+=(npm)
    missing+=("axe-core $(pinned_axe), and npm to install it (Debian package npm)")
fi

if [ "${#packages[@]}" -gt 0 ]; then
    if [ "$IS_ROOT" -ne 1 ]; then
        for m in "${missing[@]}"; do log "missing: $m"; done
        log "install them (Debian: sudo apt-get install ${packages[*]}), run this script"
        log "as root, or set PMIEK_CHROMIUM / PMIEK_PDFTOPPM / PMIEK_PDFTOTEXT / PMIEK_AXE_JS"
        exit 3
    fi
    apt_install "${packages[@]}"
    if [ "$need_axe" -eq 1 ]; then
        has_npm || die "npm still missing after installing Debian's npm"
        npm_install_axe || die "npm ci in tests/browser failed"
    fi
    CHROMIUM="$(find_chromium)" || die "chromium still missing after the install"
    PDFTOPPM="$(find_poppler pdftoppm)" || die "pdftoppm still missing after the install"
    PDFTOTEXT="$(find_poppler pdftotext)" || die "pdftotext still missing after the install"
fi
AXE="$(find_axe)" || die "axe-core $(pinned_axe) still missing after npm ci"

# The web application's front-end packages (frontend/package-lock.json), so that the test
# that vendors them again (tests/web/test_vendor.py) can compare with the vendored files.
# Not needed to run pmiek; a failure here only leaves that test without them.
if [ ! -d "$REPO/frontend/node_modules" ] && has_npm; then
    log "installing the front-end packages of frontend/package-lock.json (npm ci)"
    npm ci --prefix "$REPO/frontend" --no-audit --no-fund --ignore-scripts \
        --no-update-notifier >&2 || log "npm ci in frontend failed"
fi

# KEY=VALUE, the value quoted for the shell when it needs to be.
emit() {
    local value="$2"
    case "$value" in
        *[!A-Za-z0-9_./+-]*)
            value="'$(printf '%s' "$value" | sed "s/'/'\\\\''/g")'" ;;
    esac
    printf '%s=%s\n' "$1" "$value"
}

emit PMIEK_CHROMIUM "$CHROMIUM"
emit PMIEK_AXE_JS "$AXE"
emit PMIEK_PDFTOPPM "$PDFTOPPM"
emit PMIEK_PDFTOTEXT "$PDFTOTEXT"
