#!/usr/bin/env bash
# Set up a development environment for "MDI voor QGIS" on Debian 12, 13 or sid.
#
#  1. Installs QGIS + Python bindings from Debian if missing (apt-get; as root, or
#     through sudo). Which QGIS:
#       Debian 12 (bookworm): the 3.40 LTR from bookworm-backports (default), or
#                             Debian's plain 3.22 with MDI_QGIS=debian.
#       Debian 13, sid, later: the release's own QGIS (MDI_QGIS is ignored).
#     bookworm-backports is added from the mirror of the host's own apt sources when
#     no source provides it yet. Also PostgreSQL + PostGIS of the release (version
#     read from apt, never hard-coded) for tests/postgis, xvfb for the desktop tests and
#     qttools5-dev-tools (lrelease). The list: scripts/lib/packages.sh.
#  2. Creates .venv with Debian's /usr/bin/python3 and --system-site-packages, so
#     qgis, PyQt, osgeo (GDAL) and numpy come from Debian (whatever Python version
#     the release has).
#  3. pip-installs requirements-dev.txt with constraints.txt plus a pin of Debian's own
#     numpy version: numpy follows the installed QGIS (1.x on Debian 12, 2.x on sid)
#     and pip never replaces it.
#
# Idempotent: the pip step is keyed on a stamp (.venv/.mdi-setup-stamp) made of the
# requirement files, the package list, the QGIS choice and the installed Python and
# QGIS versions; a second run starts no Python at all.
#
# Env: MDI_QGIS=ltr|debian   Debian 12 only: 3.40 from backports (ltr, default) or 3.22
#      MDI_SKIP_APT=1         no apt at all: you install QGIS yourself; only qgis_process,
#                             qgis.core, osgeo and numpy are required then
#      MDI_FORCE_SETUP=1      ignore the stamp and re-run pip
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=lib/debian.sh
source scripts/lib/debian.sh
# shellcheck source=lib/packages.sh
source scripts/lib/packages.sh

SYS_PY=/usr/bin/python3
VENV="$ROOT/.venv"
STAMP="$VENV/.mdi-setup-stamp"
CODENAME="$(debian_codename)"
QGIS_CHOICE="${MDI_QGIS:-ltr}"
case "$QGIS_CHOICE" in
    ltr | debian) ;;
    *) printf 'setup: MDI_QGIS=%s: use "ltr" (3.40 from bookworm-backports) or "debian"\n' \
        "$QGIS_CHOICE" >&2; exit 2 ;;
esac
[ "$CODENAME" = bookworm ] || QGIS_CHOICE=distro
BACKPORTS=""
[ "$QGIS_CHOICE" = ltr ] && BACKPORTS=bookworm-backports

log() { printf 'setup: %s\n' "$*" >&2; }

installed_version() { dpkg-query -W -f='${Version}' "$1" 2>/dev/null || true; }

# Stamp = pip inputs + QGIS choice + installed Python and QGIS versions.
stamp_value() {
    {
        cat requirements-dev.txt constraints.txt
        echo "$QGIS_CHOICE ${MDI_SKIP_APT:-0}"
        "$SYS_PY" -c 'import sys; print(sys.version)' 2>/dev/null || true
        installed_version python3-qgis
        installed_version python3-numpy
    } | sha256sum | cut -d' ' -f1
}

# Fast path (second run): everything already done -> no Python started at all.
if [ "${MDI_FORCE_SETUP:-0}" != 1 ] && [ -x "$VENV/bin/python" ] \
    && [ "$(cat "$STAMP" 2>/dev/null || true)" = "$(stamp_value)" ] \
    && command -v qgis_process.bin >/dev/null 2>&1 && command -v make >/dev/null 2>&1; then
    log "up to date ($(cat "$VENV/.mdi-setup-versions" 2>/dev/null || echo .venv))"
    exit 0
fi

qgis_importable() {
    command -v qgis_process.bin >/dev/null 2>&1 || return 1
    QT_QPA_PLATFORM=offscreen "$SYS_PY" -c 'import qgis.core, osgeo.ogr, numpy' >/dev/null 2>&1
}

# The installed QGIS is the chosen one (on Debian 12: backports build or not).
qgis_is_chosen_one() {
    local version
    version="$(installed_version python3-qgis)"
    case "$QGIS_CHOICE" in
        ltr) [[ "$version" == *bpo* ]] ;;
        debian) [[ "$version" != *bpo* ]] ;;
        *) return 0 ;;
    esac
}

wanted_packages() {
    local pg
    pg="$(pg_default_major)"
    if [ -z "$pg" ]; then
        as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q >&2
        pg="$(pg_default_major)"
    fi
    [ -n "$pg" ] || { log "apt knows no 'postgresql' package: is this Debian?"; exit 1; }
    mdi_apt_packages "$pg"
}

packages_missing() {
    local package
    for package in "$@"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'ok installed' || echo "$package"
    done
}

add_backports_source() {
    if grep -rqs "bookworm-backports" /etc/apt/sources.list /etc/apt/sources.list.d/; then
        return 0
    fi
    local mirror
    mirror="$(debian_mirror)"
    [ -n "$mirror" ] || { log "no Debian mirror in /etc/apt/sources*: add bookworm-backports yourself"; exit 1; }
    log "adding bookworm-backports (mirror of your apt sources) for QGIS 3.40 LTR"
    printf 'Types: deb\nURIs: %s\nSuites: bookworm-backports\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
        "$mirror" | as_root tee /etc/apt/sources.list.d/mdi-bookworm-backports.sources >/dev/null
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q >&2
}

# ---------------------------------------------------------------- 1. Debian packages
if [ "${MDI_SKIP_APT:-0}" = 1 ]; then
    if ! qgis_importable; then
        log "MDI_SKIP_APT=1 but QGIS is not usable: qgis_process.bin, and qgis.core, osgeo, numpy"
        log "for $SYS_PY are needed (Debian: python3-qgis qgis-providers qgis python3-gdal python3-venv)"
        exit 1
    fi
else
    if [ -z "$(pg_default_major)" ]; then
        as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q >&2
    fi
    mapfile -t PACKAGES < <(wanted_packages)
    mapfile -t MISSING < <(packages_missing "${PACKAGES[@]}")
    if [ "${#MISSING[@]}" -gt 0 ] || ! qgis_importable || ! qgis_is_chosen_one; then
        if [ "$QGIS_CHOICE" = debian ] && [[ "$(installed_version python3-qgis)" == *bpo* ]]; then
            log "QGIS $(installed_version python3-qgis) from bookworm-backports is installed; MDI_QGIS=debian"
            log "wants Debian's 3.22: remove it first (apt-get remove python3-qgis qgis qgis-providers)"
            exit 1
        fi
        [ -n "$BACKPORTS" ] && add_backports_source
        export DEBIAN_FRONTEND=noninteractive
        apt_install=(apt-get install -y -q -o Dpkg::Options::=--force-confdef
                     -o Dpkg::Options::=--force-confold)
        if [ -n "$BACKPORTS" ]; then
            log "installing QGIS from $BACKPORTS (takes a few minutes)"
            mapfile -t QGIS_PACKAGES < <(mdi_qgis_packages)
            as_root env DEBIAN_FRONTEND=noninteractive "${apt_install[@]}" -t "$BACKPORTS" \
                "${QGIS_PACKAGES[@]}" </dev/null
        fi
        log "installing Debian packages: ${PACKAGES[*]}"
        as_root env DEBIAN_FRONTEND=noninteractive "${apt_install[@]}" "${PACKAGES[@]}" </dev/null
        if ! qgis_importable; then
            log "QGIS still not importable with $SYS_PY after apt-get install"
            QT_QPA_PLATFORM=offscreen "$SYS_PY" -c 'import qgis.core, osgeo.ogr, numpy' || true
            exit 1
        fi
    fi
fi

# ---------------------------------------------------------------- 2. venv
venv_ok() {
    [ -x "$VENV/bin/python" ] || return 1
    [ -f "$VENV/pyvenv.cfg" ] || return 1
    grep -Eq '^include-system-site-packages *= *true' "$VENV/pyvenv.cfg" || return 1
    grep -Eq '^home *= */usr/bin$' "$VENV/pyvenv.cfg" || return 1
    # Same Python as Debian's interpreter (a release upgrade changes it).
    [ "$("$VENV/bin/python" -c 'import sys; print(sys.version)' 2>/dev/null)" \
        = "$("$SYS_PY" -c 'import sys; print(sys.version)')" ]
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
    # numpy follows the QGIS that is installed: pin Debian's own version.
    numpy_version="$("$SYS_PY" -c 'import numpy; print(numpy.__version__)')"
    { cat constraints.txt; echo "numpy==$numpy_version"; } >"$VENV/mdi-constraints.txt"
    log "pip install -r requirements-dev.txt (numpy stays Debian's $numpy_version)"
    PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1 \
        "$VENV/bin/python" -m pip install -q -r requirements-dev.txt \
        -c "$VENV/mdi-constraints.txt" </dev/null
    # Guard: numpy is Debian's copy, and QGIS and the test tools import inside the venv.
    versions="$(QT_QPA_PLATFORM=offscreen "$VENV/bin/python" - <<'PYEOF'
import sys

import numpy
import pytest_qgis  # noqa: F401
from osgeo import gdal
from qgis.core import Qgis

assert numpy.__file__.startswith("/usr/lib/python3/"), f"numpy not Debian's: {numpy.__file__}"
print(f"QGIS {Qgis.QGIS_VERSION}, Python {sys.version.split()[0]}, "
      f"numpy {numpy.__version__}, GDAL {gdal.__version__}")
PYEOF
)"
    echo "$versions" >"$VENV/.mdi-setup-versions"
    echo "$want" >"$STAMP"
    log "done ($versions)"
else
    log "up to date ($(cat "$VENV/.mdi-setup-versions" 2>/dev/null || echo .venv))"
fi
