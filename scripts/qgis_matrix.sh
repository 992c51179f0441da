#!/usr/bin/env bash
# The QGIS version matrix: the whole test suite and the demo on other QGIS versions, each
# in a Debian chroot (debootstrap, minbase) with that release's QGIS.
#
#   scripts/qgis_matrix.sh            (or: make test-matrix) every row
#   scripts/qgis_matrix.sh 3.44       one row
#
# Rows (QGIS major.minor expected  Debian suite):
#   3.22  bookworm   Debian 12's own QGIS (LTR of 2022)
#   3.40  trixie     Debian 13's QGIS (Python 3.13, numpy 2.2, GDAL 3.10, PostgreSQL 17)
#   3.44  sid        the current LTR (Python 3.14, numpy 2, GDAL 3.13, PostgreSQL 18)
# The host's QGIS (3.40 LTR on Debian 12, `make test`) is the third row: when
# .build/junit.xml and .build/demo-status exist (written by `make test` and `make demo`)
# it is shown in the summary as "host".
#
# Chroots are cached in $MDI_MATRIX_CACHE (default /var/cache/mdi-qgis-matrix, outside
# the clone, ~3.5 GB each), one folder per suite, named after a hash of the recipe
# (scripts/matrix/*.sh, scripts/lib/*.sh and the suite): a changed recipe builds a new
# chroot and removes the old one. A cold row takes ~10 minutes to build.
# Each run copies the checkout (git's tracked and untracked-not-ignored files) into the
# chroot's /src/mdi (its .venv is kept between runs) and runs `make test` and `make demo`
# there. Logs: .build/matrix/<row>.log. Fails when a row's QGIS major.minor is not the
# expected one (sid moves on), when a test fails or when the demo fails.
#
# Env: MDI_MATRIX_CACHE, MDI_MATRIX_MIRROR (default: the host's apt sources),
#      MDI_MATRIX_NO_VALID_UNTIL=1 (accept an expired Release file from the start),
#      MDI_MATRIX_PYTEST_ARGS (extra pytest arguments in the chroots). Needs root.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=matrix/mounts.sh
source scripts/matrix/mounts.sh

CACHE="${MDI_MATRIX_CACHE:-/var/cache/mdi-qgis-matrix}"
LOGS="$ROOT/.build/matrix"
declare -A SUITE_OF=([3.22]=bookworm [3.40]=trixie [3.44]=sid)
# scripts/setup.sh's MDI_QGIS inside each chroot: on bookworm "debian" keeps Debian's own
# 3.22 (the default there would add bookworm-backports and upgrade to 3.40).
declare -A QGIS_CHOICE_OF=([3.22]=debian [3.40]=ltr [3.44]=ltr)
ALL_ROWS=(3.22 3.40 3.44)
ROWS=("$@")
[ "${#ROWS[@]}" -gt 0 ] || ROWS=("${ALL_ROWS[@]}")

log() { printf 'qgis_matrix: %s\n' "$*" >&2; }

[ "$(id -u)" -eq 0 ] || { log "needs root (debootstrap, chroot, mount): run with sudo"; exit 1; }
for row in "${ROWS[@]}"; do
    [ -n "${SUITE_OF[$row]:-}" ] || { log "unknown row '$row'; rows: ${ALL_ROWS[*]}"; exit 2; }
done

# recipe_key SUITE: hash of everything that decides what a chroot contains.
recipe_key() {
    { cat scripts/matrix/build_chroot.sh scripts/matrix/mounts.sh scripts/lib/debian.sh \
        scripts/lib/packages.sh; echo "$1"; } | sha256sum | cut -c1-12
}

MOUNTED=()
cleanup() {
    local root
    for root in "${MOUNTED[@]}"; do chroot_umount "$root"; done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# copy_checkout DEST: the checkout's files (not .venv/.build/output) into DEST, keeping
# DEST/.venv so that the chroot's setup stamp stays valid between runs.
copy_checkout() {
    local dest="$1"
    mkdir -p "$dest"
    find "$dest" -mindepth 1 -maxdepth 1 ! -name .venv -exec rm -rf {} +
    if git -C "$ROOT" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
        git -C "$ROOT" ls-files -z --cached --others --exclude-standard \
            | (cd "$ROOT" && xargs -0 -r sh -c 'for f; do [ -e "$f" ] && printf "%s\0" "$f"; done' _) \
            | tar -C "$ROOT" --null -T - -cf - | tar -C "$dest" -xf -
    else
        tar -C "$ROOT" --exclude=./.venv --exclude=./.build --exclude=./output \
            --exclude=./.git -cf - . | tar -C "$dest" -xf -
    fi
}

# junit_counts FILE: "passed failed skipped" from a pytest junit xml ("" when absent).
junit_counts() {
    [ -s "$1" ] || return 0
    /usr/bin/python3 - "$1" <<'PYEOF'
import sys
import xml.etree.ElementTree as ET

root = ET.parse(sys.argv[1]).getroot()
suites = [root] if root.tag == "testsuite" else list(root.iter("testsuite"))
total = sum(int(s.get("tests", 0)) for s in suites)
failed = sum(int(s.get("failures", 0)) + int(s.get("errors", 0)) for s in suites)
skipped = sum(int(s.get("skipped", 0)) for s in suites)
print(total - failed - skipped, failed, skipped)
PYEOF
}

# versions_with PREFIX...: "QGIS Python numpy GDAL" of the Debian python3 run through
# PREFIX (in_chroot for a row, env for the host); "? ? ? ?" when QGIS does not import.
versions_with() {
    "$@" /usr/bin/python3 -c '
import sys, numpy
from osgeo import gdal
from qgis.core import Qgis
print(Qgis.QGIS_VERSION.split("-")[0], sys.version.split()[0], numpy.__version__,
      gdal.__version__)' || echo "? ? ? ?"
}

declare -A RESULT
run_row() {
    local row="$1" suite="${SUITE_OF[$1]}" key dir start versions qgis_mm counts demo rc
    key="$(recipe_key "$suite")"
    dir="$CACHE/$suite-$key"
    mkdir -p "$CACHE" "$LOGS"
    local rowlog="$LOGS/$row.log"
    : >"$rowlog"
    if [ ! -x "$dir/usr/bin/qgis_process.bin" ]; then
        local stale
        for stale in "$CACHE/$suite"-*; do
            [ -e "$stale" ] && [ "$stale" != "$dir" ] || continue
            log "$row: removing the chroot of an older recipe: $stale"
            chroot_umount "$stale"
            rm -rf "$stale"
        done
        log "$row: building the $suite chroot (cold: ~10 minutes) -> $dir"
        start=$SECONDS
        bash scripts/matrix/build_chroot.sh "$suite" "$dir" 2>&1 | tee -a "$rowlog" >&2
        log "$row: chroot built in $((SECONDS - start)) s"
    else
        log "$row: reusing the cached chroot $dir"
    fi
    copy_checkout "$dir/src/mdi"
    rm -f "$dir/src/junit.xml"
    MOUNTED+=("$dir")
    chroot_mount "$dir"
    cp -L /etc/resolv.conf "$dir/etc/resolv.conf" 2>/dev/null || true
    in_chroot() {
        chroot "$dir" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root \
            LANG=C.UTF-8 TERM=dumb CI="${CI:-}" DEBIAN_FRONTEND=noninteractive \
            MDI_SKIP_APT="${MDI_MATRIX_SKIP_APT:-0}" MDI_QGIS="${QGIS_CHOICE_OF[$row]}" "$@"
    }
    qgis_package() { chroot "$dir" dpkg-query -W -f='${Version}' python3-qgis 2>/dev/null; }
    local package_before
    package_before="$(qgis_package)"
    versions="$(versions_with in_chroot 2>>"$rowlog")"
    read -r q_version py_version np_version gdal_version <<<"$versions"
    log "$row: QGIS $q_version, Python $py_version, numpy $np_version, GDAL $gdal_version"
    qgis_mm="$(cut -d. -f1,2 <<<"$q_version")"
    start=$SECONDS
    rc=0
    in_chroot bash -c "cd /src/mdi && make test PYTEST_ARGS='--junitxml=/src/junit.xml \
        ${MDI_MATRIX_PYTEST_ARGS:-}'" >>"$rowlog" 2>&1 || rc=$?
    local test_seconds=$((SECONDS - start))
    demo=failed
    start=$SECONDS
    if in_chroot bash -c 'cd /src/mdi && make demo' >>"$rowlog" 2>&1; then demo=ok; fi
    log "$row: tests rc=$rc in ${test_seconds} s, demo $demo in $((SECONDS - start)) s (log: ${rowlog#"$ROOT"/})"
    local package_after
    package_after="$(qgis_package)"
    chroot_umount "$dir"
    counts="$(junit_counts "$dir/src/junit.xml")"
    [ -n "$counts" ] || counts="0 ? 0"
    local ok=yes
    [ "$qgis_mm" = "$row" ] || { ok=no; log "$row: expected QGIS $row.x, found '$q_version'"; }
    if [ "$package_before" != "$package_after" ]; then   # the run must test what it reports
        ok=no
        log "$row: python3-qgis changed during the run ($package_before -> $package_after)"
    fi
    [ "$rc" -eq 0 ] && [ "$demo" = ok ] || ok=no
    RESULT[$row]="$q_version|$py_version|$np_version|$gdal_version|$counts|$demo|$ok|$suite"
}

for row in "${ROWS[@]}"; do
    run_row "$row"
done

# ------------------------------------------------------------------------ summary
host_row() {
    [ -s .build/junit.xml ] || return 0
    local versions counts demo
    versions="$(versions_with env QT_QPA_PLATFORM=offscreen 2>/dev/null)"
    counts="$(junit_counts .build/junit.xml)"
    demo="$(cat .build/demo-status 2>/dev/null || echo "not run")"
    read -r a b c d <<<"$versions"
    printf '%s|%s|%s|%s|%s|%s|%s|%s\n' "$a" "$b" "$c" "$d" "$counts" "$demo" - host
}

failed_rows=0
total_passed=0
total_failed=0
{
    printf '\n%-8s %-10s %-8s %-8s %-8s %-7s %-7s %-7s %-8s %s\n' QGIS source Python numpy \
        GDAL passed failed skipped demo ok
    lines=()
    h="$(host_row)"
    [ -n "$h" ] && lines+=("$h")
    for row in "${ROWS[@]}"; do lines+=("${RESULT[$row]}"); done
    for line in "${lines[@]}"; do
        IFS='|' read -r q py np gd counts demo ok suite <<<"$line"
        read -r passed failed skipped <<<"$counts"
        printf '%-8s %-10s %-8s %-8s %-8s %-7s %-7s %-7s %-8s %s\n' "$q" "$suite" "$py" "$np" \
            "$gd" "$passed" "$failed" "$skipped" "$demo" "$ok"
        [ "$ok" = no ] && failed_rows=$((failed_rows + 1))
        [[ "$passed" =~ ^[0-9]+$ ]] && total_passed=$((total_passed + passed))
        [[ "$failed" =~ ^[0-9]+$ ]] && total_failed=$((total_failed + failed))
    done
    echo
    echo "matrix: $total_passed passed, $total_failed failed"
}
if [ "$failed_rows" -gt 0 ]; then
    log "$failed_rows row(s) failed; logs in ${LOGS#"$ROOT"/}/"
    exit 1
fi
