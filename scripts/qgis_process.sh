#!/usr/bin/env bash
# Run QGIS's qgis_process with this checkout loaded as the plugin "mdi", headless.
#
#   scripts/qgis_process.sh list
#   scripts/qgis_process.sh help mdi:computemdi
#   scripts/qgis_process.sh run mdi:computemdi -- INPUT=... OUTPUT=...
#
# What it does:
#  - QT_QPA_PLATFORM=offscreen unless already set (no X display needed).
#  - MDI_STRICT_DEPRECATIONS=1 unless already set: a DeprecationWarning from the plugin's
#    own code is an error (mdi_plugin/__init__.py), so the tests and the demo catch any
#    deprecated QGIS call on the newest QGIS.
#  - QGIS_CUSTOM_CONFIG_PATH: a private QGIS profile, default .build/qgis-profile,
#    override by exporting QGIS_CUSTOM_CONFIG_PATH (the tests use a fresh temp dir).
#    Your own ~/.local/share/QGIS profile is never touched.
#  - QGIS_PLUGINPATH=.build/qgis-plugins, which holds "mdi" -> ../.. (a relative
#    symlink to the repo root). QGIS needs the plugin folder to be named "mdi", but a
#    checkout may have any name (CI clones into "main"); QGIS follows the symlink.
#  - Enables the plugin in that profile once ([PythonPlugins] mdi=true in
#    profiles/default/QGIS/QGIS3.ini); later calls only grep that file.
#  - exec qgis_process.bin "$@".
#
# Debian quirk: Debian's /usr/bin/qgis_process is a shell wrapper that adds
# $QGIS_OPTS from /etc/default/qgis, i.e. "--noversioncheck", which some qgis_process
# versions (3.22) do not know ("Command --noversioncheck not known!"). So we call the real binary
# qgis_process.bin directly. (The wrapper also adds GRASS's lib dir to
# LD_LIBRARY_PATH when qgis-plugin-grass is installed; we do the same.)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="$ROOT/.build"
PLUGINS_DIR="$BUILD/qgis-plugins"
PLUGIN_NAME=mdi

export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
# sip on Debian 12 warns "setapi() is deprecated" at every start: not ours, not useful.
# Strict mode: DeprecationWarnings from the plugin's own modules are errors (mdi_plugin/__init__.py).
# Only the sip notice "setapi() is deprecated" (Debian 12, not ours) is silenced.
export MDI_STRICT_DEPRECATIONS="${MDI_STRICT_DEPRECATIONS:-1}"
export PYTHONWARNINGS="${PYTHONWARNINGS:-ignore:setapi() is deprecated:DeprecationWarning}"
export QGIS_CUSTOM_CONFIG_PATH="${QGIS_CUSTOM_CONFIG_PATH:-$BUILD/qgis-profile}"
export QGIS_PLUGINPATH="$PLUGINS_DIR"
# Avoid "QStandardPaths: XDG_RUNTIME_DIR not set" noise when running as root/CI.
if [ -z "${XDG_RUNTIME_DIR:-}" ]; then
    export XDG_RUNTIME_DIR="$BUILD/xdg-runtime"
    mkdir -p "$XDG_RUNTIME_DIR"
    chmod 0700 "$XDG_RUNTIME_DIR"
fi
for grass_lib in /usr/lib/grass*/lib; do  # whichever GRASS the release has (8.2, 8.4, ...)
    if [ -d "$grass_lib" ]; then
        export LD_LIBRARY_PATH="${LD_LIBRARY_PATH:+$LD_LIBRARY_PATH:}$grass_lib"
        break
    fi
done

QGIS_PROCESS_BIN="${QGIS_PROCESS_BIN:-$(command -v qgis_process.bin || true)}"
if [ -z "$QGIS_PROCESS_BIN" ]; then
    echo "qgis_process.sh: qgis_process.bin not found; run scripts/setup.sh (make setup)" >&2
    exit 127
fi

# Plugin folder named "mdi" -> repo root (relative, so a moved clone keeps working).
link="$PLUGINS_DIR/$PLUGIN_NAME"
if [ "$(readlink "$link" 2>/dev/null || true)" != "../.." ]; then
    mkdir -p "$PLUGINS_DIR"
    if [ -d "$link" ] && [ ! -L "$link" ]; then rm -rf "$link"; fi
    ln -sfn ../.. "$link.tmp.$$"
    mv -Tf "$link.tmp.$$" "$link"  # atomic, safe with concurrent callers
fi

# Enable the plugin in this profile, once.
ini="$QGIS_CUSTOM_CONFIG_PATH/profiles/default/QGIS/QGIS3.ini"
if ! grep -qx "$PLUGIN_NAME=true" "$ini" 2>/dev/null; then
    mkdir -p "$QGIS_CUSTOM_CONFIG_PATH"
    if ! out="$("$QGIS_PROCESS_BIN" plugins enable "$PLUGIN_NAME" 2>&1)" \
        || ! grep -qx "$PLUGIN_NAME=true" "$ini" 2>/dev/null; then
        printf '%s\n' "$out" >&2
        echo "qgis_process.sh: could not enable plugin '$PLUGIN_NAME' (see above)" >&2
        exit 1
    fi
fi

exec "$QGIS_PROCESS_BIN" "$@"
