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
