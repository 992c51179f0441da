#!/usr/bin/env bash
# Build one Debian chroot with QGIS and the project's packages for the test matrix.
#
#   scripts/matrix/build_chroot.sh SUITE DEST
#
# SUITE is a Debian suite (bookworm, trixie, sid); DEST the chroot folder to create.
# Called by scripts/qgis_matrix.sh, which keys DEST on this script, scripts/lib/*.sh
# and SUITE, so a changed recipe builds a new chroot. Runs as root.
#
#  - debootstrap --variant=minbase from the host's own mirror (scripts/lib/debian.sh)
#  - usr/sbin/policy-rc.d exits 101: no service starts inside the chroot
#  - a Release file that apt calls expired (seen on sid mirrors) is accepted only
#    after apt-get update failed with that reason, or when MDI_MATRIX_NO_VALID_UNTIL=1
#  - the host's extra CA certificates (/usr/local/share/ca-certificates) are copied
#    in and update-ca-certificates is run before pip ever runs inside
#  - /proc, /sys, /dev, /dev/pts are mounted for apt and unmounted on exit, also on
#    failure; the chroot is built in DEST.tmp and renamed when complete
set -euo pipefail

SUITE="$1"
DEST="$2"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=../lib/debian.sh
source "$HERE/../lib/debian.sh"
# shellcheck source=../lib/packages.sh
source "$HERE/../lib/packages.sh"
# shellcheck source=mounts.sh
source "$HERE/mounts.sh"

log() { printf 'build_chroot[%s]: %s\n' "$SUITE" "$*" >&2; }

[ "$(id -u)" -eq 0 ] || { log "must run as root (debootstrap, chroot, mount)"; exit 1; }
MIRROR="${MDI_MATRIX_MIRROR:-$(debian_mirror)}"
[ -n "$MIRROR" ] || { log "no Debian mirror found in /etc/apt/sources*; set MDI_MATRIX_MIRROR"; exit 1; }
command -v debootstrap >/dev/null 2>&1 || {
    log "installing debootstrap"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q debootstrap </dev/null >&2
}

TMP="$DEST.tmp"
rm -rf "$TMP"
mkdir -p "$(dirname "$DEST")"
trap 'chroot_umount "$TMP"' EXIT

start=$SECONDS
log "debootstrap --variant=minbase $SUITE (mirror from the host's apt sources)"
debootstrap --variant=minbase --include=ca-certificates "$SUITE" "$TMP" "$MIRROR" >"$TMP.debootstrap.log" 2>&1 || {
    tail -n 30 "$TMP.debootstrap.log" >&2
    exit 1
}
rm -f "$TMP.debootstrap.log"
log "debootstrap done in $((SECONDS - start)) s"

printf '#!/bin/sh\nexit 101\n' >"$TMP/usr/sbin/policy-rc.d"
chmod 0755 "$TMP/usr/sbin/policy-rc.d"
printf 'deb %s %s main\n' "$MIRROR" "$SUITE" >"$TMP/etc/apt/sources.list"
printf 'APT::Install-Recommends "false";\nAPT::Install-Suggests "false";\n' \
    >"$TMP/etc/apt/apt.conf.d/90mdi-no-recommends"
if [ "${MDI_MATRIX_NO_VALID_UNTIL:-0}" = 1 ]; then
    echo 'Acquire::Check-Valid-Until "false";' >"$TMP/etc/apt/apt.conf.d/90mdi-valid-until"
fi
cp -L /etc/resolv.conf "$TMP/etc/resolv.conf" 2>/dev/null || true
if compgen -G "/usr/local/share/ca-certificates/*" >/dev/null; then
    mkdir -p "$TMP/usr/local/share/ca-certificates"
    cp -a /usr/local/share/ca-certificates/. "$TMP/usr/local/share/ca-certificates/"
fi

chroot_mount "$TMP"
in_chroot() { chroot "$TMP" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin \
    DEBIAN_FRONTEND=noninteractive LANG=C.UTF-8 HOME=/root "$@"; }

update_log="$(in_chroot apt-get update -q 2>&1)" || true
if grep -qi 'is not valid yet\|expired' <<<"$update_log"; then
    log "apt calls the $SUITE Release file expired: accepting it (Check-Valid-Until false)"
    echo 'Acquire::Check-Valid-Until "false";' >"$TMP/etc/apt/apt.conf.d/90mdi-valid-until"
    in_chroot apt-get update -q >&2
elif grep -q '^E:' <<<"$update_log"; then
    printf '%s\n' "$update_log" >&2
    exit 1
fi
in_chroot update-ca-certificates >/dev/null 2>&1 || true

PG="$(chroot "$TMP" apt-cache depends postgresql 2>/dev/null \
    | sed -E -n 's/^[[:space:]]*Depends:[[:space:]]*postgresql-([0-9]+)$/\1/p' | head -n1)"
[ -n "$PG" ] || { log "cannot tell the PostgreSQL version of $SUITE"; exit 1; }
mapfile -t PACKAGES < <(mdi_apt_packages "$PG")
log "installing ${#PACKAGES[@]} packages (QGIS, PostgreSQL $PG): takes 6-9 minutes"
start=$SECONDS
in_chroot apt-get install -y -q -o Dpkg::Options::=--force-confdef \
    -o Dpkg::Options::=--force-confold "${PACKAGES[@]}" </dev/null >"$TMP/var/log/mdi-install.log" 2>&1 || {
    tail -n 40 "$TMP/var/log/mdi-install.log" >&2
    exit 1
}
in_chroot update-ca-certificates >/dev/null 2>&1 || true
in_chroot apt-get clean
log "packages installed in $((SECONDS - start)) s"

chroot_umount "$TMP"
trap - EXIT
rm -rf "$DEST"
mv "$TMP" "$DEST"
log "ready: $DEST ($(du -sh "$DEST" | cut -f1))"
