#!/usr/bin/env bash
# Demo: compute the MDI for the sample gemeenten with the plugin's Processing
# algorithm through qgis_process (headless), then print a short summary.
#
#   scripts/demo.sh            (or: make demo)
#
# Output: output/mdi_gemeenten.gpkg (gitignored).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

# Fast no-op when everything is installed already.
bash scripts/setup.sh

SAMPLE="$ROOT/resources/sample_data/mdi_voorbeeld.gpkg"
OUT_DIR="$ROOT/output"
OUT="$OUT_DIR/mdi_gemeenten.gpkg"

if [ ! -f "$SAMPLE" ]; then
    if [ -f scripts/mdi_sample_data.py ]; then
        echo "demo: $SAMPLE missing, generating it (make sample-data)" >&2
        /usr/bin/python3 scripts/mdi_sample_data.py --out resources/sample_data
    else
        echo "demo: $SAMPLE missing" >&2
        exit 1
    fi
fi

mkdir -p "$OUT_DIR"
rm -f "$OUT" "$OUT-wal" "$OUT-shm" "$OUT-journal"

echo "demo: qgis_process run mdi:computemdi (sample data -> ${OUT#"$ROOT"/})" >&2
bash scripts/qgis_process.sh run mdi:computemdi -- \
    "INPUT=$SAMPLE|layername=gemeenten" \
    YEAR_FIELD=jaar \
    "OUTPUT=$OUT"

# Belt and braces: qgis_process exits 1 on errors, but make sure the file exists.
if [ ! -f "$OUT" ]; then
    echo "demo: qgis_process did not write $OUT" >&2
    exit 1
fi

echo
/usr/bin/python3 scripts/demo_summary.py "$OUT" --year 2023 --top 10

# The analysis chain: the bundled model (compute -> classify -> aggregate to regions ->
# flag periphery) on the gemeenten, and buurten -> MDI -> quartile classes.
ZONES="$ROOT/resources/sample_data/zones_voorbeeld.csv"
GEM_CHAIN="$OUT_DIR/gemeenten_keten.gpkg"
REGIONS="$OUT_DIR/regios_mdi.gpkg"
BU_MDI="$OUT_DIR/buurten_mdi.gpkg"
BU_CLASSES="$OUT_DIR/buurten_klassen.gpkg"
rm -f "$GEM_CHAIN" "$REGIONS" "$BU_MDI" "$BU_CLASSES"

echo >&2
echo "demo: qgis_process run mdi:mdi_keten (model: gemeenten -> regio's -> focusregio's)" >&2
bash scripts/qgis_process.sh run mdi:mdi_keten -- \
    "indicatoren=$SAMPLE|layername=gemeenten" jaarveld=jaar regioveld=coropcode \
    "zonetabel=$ZONES" drempel=50 \
    "indelen:gemeenten_mdi=$GEM_CHAIN" "markeren:regios_mdi=$REGIONS" >/dev/null

echo "demo: qgis_process run mdi:computemdi + mdi:classifyquartiles (buurten)" >&2
bash scripts/qgis_process.sh run mdi:computemdi -- \
    "INPUT=$SAMPLE|layername=buurten" YEAR_FIELD=jaar "OUTPUT=$BU_MDI" >/dev/null
bash scripts/qgis_process.sh run mdi:classifyquartiles -- \
    "INPUT=$BU_MDI" FIELD=mdi METHOD=1 "OUTPUT=$BU_CLASSES" >/dev/null

echo
/usr/bin/python3 scripts/demo_regions.py "$REGIONS" "$BU_CLASSES" "$ZONES" --year 2023
