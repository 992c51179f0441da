# Shared shell helpers for scripts/setup.sh and scripts/qgis_matrix.sh (sourced, not run).
#
# Debian facts used here:
#  - QGIS for Debian 12 "bookworm": 3.22 in bookworm itself, the 3.40 LTR in
#    bookworm-backports (the newest QGIS Debian 12 offers). Debian 13 "trixie" and
#    sid ship their own QGIS.
#  - The package mirror is always taken from the host's own apt sources (deb822
#    *.sources files or one-line *.list files); no mirror host name is written here.

# debian_codename: bookworm, trixie, sid, ... of the running system ("" when not Debian).
debian_codename() {
    local codename=""
    if [ -r /etc/os-release ]; then
        codename="$(. /etc/os-release && echo "${VERSION_CODENAME:-}")"
    fi
    if [ -z "$codename" ] && [ -r /etc/debian_version ]; then
        case "$(cat /etc/debian_version)" in
            */sid | sid) codename=sid ;;
        esac
    fi
    printf '%s\n' "$codename"
}

# debian_mirror: the URI that serves the main Debian archive in the host's apt
# sources (the first entry whose suite is a plain release, not -security).
debian_mirror() {
    local root="${1:-}" file uri=""
    for file in "$root"/etc/apt/sources.list.d/*.sources; do
        [ -f "$file" ] || continue
        uri="$(awk '
            BEGIN { RS = ""; FS = "\n" }
            {
                uris = ""; suites = ""; enabled = 1
                for (i = 1; i <= NF; i++) {
                    if ($i ~ /^URIs:/)    { uris = $i;   sub(/^URIs:[ \t]*/, "", uris) }
                    if ($i ~ /^Suites:/)  { suites = $i; sub(/^Suites:[ \t]*/, "", suites) }
                    if ($i ~ /^Enabled:[ \t]*no/) enabled = 0
                }
                if (enabled && uris != "" && suites !~ /security/ && uris !~ /security/) {
                    split(uris, u, /[ \t]+/); print u[1]; exit
                }
            }' "$file")"
        [ -n "$uri" ] && break
    done
    if [ -z "$uri" ]; then
        for file in "$root"/etc/apt/sources.list "$root"/etc/apt/sources.list.d/*.list; do
            [ -f "$file" ] || continue
            uri="$(sed -E -n 's/^[[:space:]]*deb[[:space:]]+(\[[^]]*\][[:space:]]+)?([^[:space:]]+)[[:space:]]+([^[:space:]]+).*/\2 \3/p' "$file" \
                | awk '$2 !~ /security/ && $1 !~ /security/ { print $1; exit }')"
            [ -n "$uri" ] && break
        done
    fi
    printf '%s\n' "${uri%/}"
}

# as_root CMD...: run as root (directly, or through sudo).
as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        printf '%s: need root to run: %s (not root and no sudo available)\n' "${0##*/}" "$*" >&2
        return 1
    fi
}

# pg_default_major: PostgreSQL major version that this Debian release ships as default
# (from the "postgresql" metapackage's dependency), e.g. 15 on bookworm, 17 on trixie.
pg_default_major() {
    apt-cache depends postgresql 2>/dev/null \
        | sed -E -n 's/^[[:space:]]*Depends:[[:space:]]*postgresql-([0-9]+)$/\1/p' | head -n1
}
