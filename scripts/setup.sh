#!/usr/bin/env bash
# Set up a development environment for "MDI voor QGIS" on Debian 12 (bookworm).
#
#  1. Installs QGIS 3.22 + Python bindings from Debian if they are missing
#     (apt-get; as root, or through sudo when that is available).
#     Also PostgreSQL 15 + PostGIS 3 for tests/postgis, which start their own
#     throwaway server in a temp folder (the package's default cluster is not used),
#     and qttools5-dev-tools for lrelease (i18n/mdi_nl.ts -> .qm, `make translations`).
#  2. Creates .venv with Debian's /usr/bin/python3 and --system-site-packages,
#     so qgis, PyQt5, osgeo (GDAL) and numpy come from Debian.
#  3. pip-installs requirements-dev.txt with constraints.txt (numpy<2; pip never
#     touches Debian's numpy).
#
# Idempotent: every step is skipped when already done; the pip step is keyed on a
# hash of requirements-dev.txt + constraints.txt + the python3-qgis version (stamp in
# .venv/.mdi-setup-stamp); a second run starts no Python at all (~0.03 s).
#
# Env: MDI_SKIP_APT=1 skips the apt step (you install QGIS yourself);
#      MDI_FORCE_SETUP=1 ignores the stamp and re-runs pip.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

SYS_PY=/usr/bin/python3
VENV="$ROOT/.venv"
STAMP="$VENV/.mdi-setup-stamp"
APT_PACKAGES=(python3-qgis qgis-providers qgis xvfb xauth python3-venv python3-gdal make
              postgresql-15 postgresql-15-postgis-3 qttools5-dev-tools)

log() { printf 'setup: %s\n' "$*" >&2; }

# Stamp = hash of the pip inputs, the Debian package list and the installed QGIS version.
stamp_value() {
    {
        cat requirements-dev.txt constraints.txt
        echo "${APT_PACKAGES[*]}"
        dpkg-query -W -f='${Version}' python3-qgis 2>/dev/null || true
    } | sha256sum | cut -d' ' -f1
}

# Fast path (second run): everything already done -> no Python started at all.
if [ "${MDI_FORCE_SETUP:-0}" != 1 ] && [ -x "$VENV/bin/python" ] \
    && [ "$(cat "$STAMP" 2>/dev/null || true)" = "$(stamp_value)" ] \
    && command -v qgis_process.bin >/dev/null 2>&1 && command -v make >/dev/null 2>&1; then
    log "up to date (.venv matches requirements-dev.txt + constraints.txt)"
    exit 0
fi

as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        log "need root to run: $*  (not root and no sudo available)"
        exit 1
    fi
}

system_ok() {
    [ -x "$SYS_PY" ] || return 1
    command -v qgis_process.bin >/dev/null 2>&1 || return 1
    command -v make >/dev/null 2>&1 || return 1
    # Every package of the list must be installed (python3-venv provides ensurepip's
    # wheels on Debian; without it venv creation fails).
    local package
    for package in "${APT_PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'ok installed' || return 1
    done
    QT_QPA_PLATFORM=offscreen "$SYS_PY" -c 'import qgis.core, osgeo.ogr, numpy' >/dev/null 2>&1 || return 1
}

# ---------------------------------------------------------------- 1. Debian packages
if ! system_ok; then
    if [ "${MDI_SKIP_APT:-0}" = 1 ]; then
        log "QGIS/python3-venv missing but MDI_SKIP_APT=1; install: ${APT_PACKAGES[*]}"
        exit 1
    fi
    log "installing Debian packages: ${APT_PACKAGES[*]} (takes a few minutes)"
    export DEBIAN_FRONTEND=noninteractive
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
        -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
        "${APT_PACKAGES[@]}" </dev/null
    if ! system_ok; then
        log "QGIS still not importable with $SYS_PY after apt-get install"
        QT_QPA_PLATFORM=offscreen "$SYS_PY" -c 'import qgis.core, osgeo.ogr, numpy' || true
        exit 1
    fi
fi

# ---------------------------------------------------------------- 2. venv
venv_ok() {
    [ -x "$VENV/bin/python" ] || return 1
    [ -f "$VENV/pyvenv.cfg" ] || return 1
    grep -Eq '^include-system-site-packages *= *true' "$VENV/pyvenv.cfg" || return 1
    grep -Eq '^home *= */usr/bin$' "$VENV/pyvenv.cfg" || return 1
    "$VENV/bin/python" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null \
        || return 1
}

if ! venv_ok; then
    if [ -e "$VENV" ]; then
        log "recreating $VENV (not a --system-site-packages venv of $SYS_PY)"
        rm -rf "$VENV"
    fi
    log "creating $VENV"
    "$SYS_PY" -m venv --system-site-packages "$VENV"
fi

# ---------------------------------------------------------------- 3. pip
want="$(stamp_value)"
have="$(cat "$STAMP" 2>/dev/null || true)"
if [ "$want" != "$have" ] || [ "${MDI_FORCE_SETUP:-0}" = 1 ]; then
    log "pip install -r requirements-dev.txt -c constraints.txt"
    PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1 \
        "$VENV/bin/python" -m pip install -q -r requirements-dev.txt -c constraints.txt </dev/null
    # Guard: numpy must still be Debian's 1.x, and QGIS must import inside the venv.
    QT_QPA_PLATFORM=offscreen "$VENV/bin/python" - <<'EOF'
import numpy
import qgis.core  # noqa: F401
import pytest_qgis  # noqa: F401

major = int(numpy.__version__.split(".")[0])
assert major < 2, f"numpy {numpy.__version__} in venv; QGIS 3.22 needs numpy<2"
assert numpy.__file__.startswith("/usr/lib/python3/"), f"numpy not Debian's: {numpy.__file__}"
EOF
    echo "$want" >"$STAMP"
    log "done ($(QT_QPA_PLATFORM=offscreen "$VENV/bin/python" -c 'from qgis.core import Qgis; print("QGIS", Qgis.QGIS_VERSION)'))"
else
    log "up to date (.venv matches requirements-dev.txt + constraints.txt)"
fi
