#!/usr/bin/env bash
# Demo: compute the MDI for the sample gemeenten with the plugin's Processing
# algorithm through qgis_process (headless), then print a short summary; then the
# analysis chain, the analyses beyond the report and two maps. The printed tables come
# from scripts/demo_report.py (one subcommand per step).
#
#   scripts/demo.sh            (or: make demo)
#
# Output: output/ (gitignored). Every qgis_process call's output is kept in
# .build/demo.log; the demo fails when any of them printed a Python traceback (QGIS
# only logs exceptions raised after an algorithm has written its features, and
# qgis_process still exits 0). .build/demo-status says "ok" or "failed" (read by
# scripts/qgis_matrix.sh for its summary).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
mkdir -p .build
DEMO_LOG="$ROOT/.build/demo.log"
: >"$DEMO_LOG"
echo failed >.build/demo-status
OPENDATA_PID=""
trap 'rc=$?; [ -n "$OPENDATA_PID" ] && kill "$OPENDATA_PID" 2>/dev/null
      [ "$rc" -eq 0 ] && echo ok >"$ROOT/.build/demo-status"' EXIT

# qp ARGS...: scripts/qgis_process.sh ARGS, output to stdout and the demo log; fails on
# a non-zero exit and on any Python traceback in the output.
qp() {
    local out rc=0
    out="$(bash scripts/qgis_process.sh "$@" 2>&1)" || rc=$?
    printf '%s\n' "$out" >>"$DEMO_LOG"
    if grep -q "Traceback (most recent call last)" <<<"$out"; then
        printf '%s\n' "$out" >&2
        echo "demo: a Python traceback in 'qgis_process $*' (above; log: .build/demo.log)" >&2
        exit 1
    fi
    if [ "$rc" -ne 0 ]; then
        printf '%s\n' "$out" >&2
        echo "demo: 'qgis_process $1 $2' failed with exit code $rc" >&2
        exit "$rc"
    fi
    printf '%s\n' "$out"
}

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
qp run mdi:computemdi -- \
    "INPUT=$SAMPLE|layername=gemeenten" \
    YEAR_FIELD=jaar \
    "OUTPUT=$OUT"

# Belt and braces: qgis_process exits 1 on errors, but make sure the file exists.
if [ ! -f "$OUT" ]; then
    echo "demo: qgis_process did not write $OUT" >&2
    exit 1
fi

echo
/usr/bin/python3 scripts/demo_report.py summary "$OUT" --year 2023 --top 10

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
qp run mdi:mdi_keten -- \
    "indicatoren=$SAMPLE|layername=gemeenten" jaarveld=jaar regioveld=coropcode \
    "zonetabel=$ZONES" drempel=50 \
    "indelen:gemeenten_mdi=$GEM_CHAIN" "markeren:regios_mdi=$REGIONS" >/dev/null

echo "demo: qgis_process run mdi:computemdi + mdi:classifyquartiles (buurten)" >&2
qp run mdi:computemdi -- \
    "INPUT=$SAMPLE|layername=buurten" YEAR_FIELD=jaar "OUTPUT=$BU_MDI" >/dev/null
qp run mdi:classifyquartiles -- \
    "INPUT=$BU_MDI" FIELD=mdi METHOD=1 "OUTPUT=$BU_CLASSES" >/dev/null

echo
/usr/bin/python3 scripts/demo_report.py regions "$REGIONS" "$BU_CLASSES" "$ZONES" --year 2023

# Beyond the report: change 2014 -> 2023 of the gemeenten, the 10 worst buurten per
# gemeente, and how concentrated deprivation is per gemeente (IoD summary measures).
CHANGE="$OUT_DIR/verandering_gemeenten.gpkg"
TOP10="$OUT_DIR/top10_buurten.gpkg"
CONCENTRATION="$OUT_DIR/concentratie_gemeenten.gpkg"
rm -f "$CHANGE" "$TOP10" "$CONCENTRATION"

echo >&2
echo "demo: qgis_process run mdi:changeovertime + mdi:topn + mdi:concentration" >&2
qp run mdi:changeovertime -- \
    "INPUT=$OUT" FROM_YEAR=2014 TO_YEAR=2023 "OUTPUT=$CHANGE" >/dev/null
qp run mdi:topn -- \
    "INPUT=$BU_CLASSES" GROUP_FIELD=gemeentecode YEAR_FIELD=jaar N=10 ONLY_SELECTED=true \
    "OUTPUT=$TOP10" >/dev/null
qp run mdi:concentration -- \
    "INPUT=$BU_CLASSES" YEAR_FIELD=jaar "OUTPUT=$CONCENTRATION" >/dev/null

echo
/usr/bin/python3 scripts/demo_report.py beyond --change "$CHANGE" --top "$TOP10" \
    --concentration "$CONCENTRATION" --gemeente GM9022 --year 2023 --best 5

# Beyond the report (2): correlations of the gemeente MDI 2023 with inhabitants and the
# Regiokompas themes (all gemeenten, the focus regions only, and the living-environment
# theme against an MDI without woonomgeving), the domain profile of every COROP region
# (charts in output/profielen/) and the Monte Carlo class stability of the gemeenten.
RK="$OUT_DIR/gemeenten_regiokompas.gpkg"
CORR_ALL="$OUT_DIR/correlaties.gpkg"
CORR_FOCUS="$OUT_DIR/correlaties_focus.gpkg"
CORR_EXCL="$OUT_DIR/correlaties_zonder_woonomgeving.gpkg"
PROFILES="$OUT_DIR/profielen"
PROFILE_TABLE="$OUT_DIR/profiel_tabel.gpkg"
PROFILE_REGIONS="$OUT_DIR/profiel_regios.gpkg"
STABILITY="$OUT_DIR/stabiliteit_gemeenten.gpkg"
rm -rf "$RK" "$CORR_ALL" "$CORR_FOCUS" "$CORR_EXCL" "$PROFILES" "$PROFILE_TABLE" \
    "$PROFILE_REGIONS" "$STABILITY"
COMPARE=(COMPARE_FIELDS=inwoners COMPARE_FIELDS=inkomen_en_vermogen COMPARE_FIELDS=arbeid
         COMPARE_FIELDS=gezondheid COMPARE_FIELDS=subjectief_welzijn
         COMPARE_FIELDS=bw_aantal_onder)

echo >&2
echo "demo: qgis_process run mdi:joinregiokompas + mdi:correlate (3x) + mdi:domainprofile" \
    "+ mdi:classstability" >&2
qp run mdi:joinregiokompas -- \
    "INPUT=$GEM_CHAIN" INPUT_KEY=gemeentecode \
    "REGIOKOMPAS=$ROOT/resources/sample_data/regiokompas_voorbeeld.csv" "OUTPUT=$RK" >/dev/null
qp run mdi:correlate -- \
    "INPUT=$RK" YEAR_FIELD=jaar YEAR=2023 "${COMPARE[@]}" "OUTPUT=$CORR_ALL" >/dev/null
FOCUS="$(/usr/bin/python3 scripts/demo_report.py focus "$REGIONS" --year 2023)"
qp run mdi:correlate -- \
    "INPUT=$RK" YEAR_FIELD=jaar YEAR=2023 "${COMPARE[@]}" "SUBSET=$FOCUS" \
    "OUTPUT=$CORR_FOCUS" >/dev/null
qp run mdi:correlate -- \
    "INPUT=$RK" YEAR_FIELD=jaar YEAR=2023 EXCLUDE_DOMAIN=woonomgeving \
    COMPARE_FIELDS=leefomgeving COMPARE_FIELDS=mdi_woonomgeving "OUTPUT=$CORR_EXCL" >/dev/null
qp run mdi:domainprofile -- \
    "INPUT=$GEM_CHAIN" REGION_FIELD=coropcode YEAR_FIELD=jaar YEAR=2023 \
    "OUTPUT_FOLDER=$PROFILES" "OUTPUT=$PROFILE_TABLE" "OUTPUT_REGIONS=$PROFILE_REGIONS" \
    >/dev/null
qp run mdi:classstability -- \
    "INPUT=$SAMPLE|layername=gemeenten" YEAR_FIELD=jaar SEED=1 \
    "OUTPUT=$STABILITY" >/dev/null

echo
/usr/bin/python3 scripts/demo_report.py analyses \
    --correlations "$CORR_ALL" "$CORR_FOCUS" "$CORR_EXCL" --profile "$PROFILE_REGIONS" \
    --stability "$STABILITY" --year 2023

# Maps (issue 5): the gemeenten 2023 in the report's classes with the COROP zone overlay
# (focus regions heavy), and the buurten in quartiles with the 10 highest in Lommerstad,
# through the print layout template -> PNG (+ PDF).
MAP_GM="$OUT_DIR/mdi_kaart_gemeenten.png"
MAP_GM_PDF="$OUT_DIR/mdi_kaart_gemeenten.pdf"
MAP_BU="$OUT_DIR/mdi_kaart_buurten.png"
rm -f "$MAP_GM" "$MAP_GM_PDF" "$MAP_BU"

echo >&2
echo "demo: qgis_process run mdi:exportmap (2x: gemeenten + zones, buurten + top 10)" >&2
qp run mdi:exportmap -- \
    "INPUT=$OUT" FIELD=mdi SCHEME=0 YEAR=2023 "ZONES=$REGIONS" "ZONE_TABLE=$ZONES" \
    "TITLE=MDI voorbeeldregio 2023 (fictief)" "SOURCE=fictieve voorbeelddata" DPI=150 \
    "OUTPUT_PNG=$MAP_GM" "OUTPUT_PDF=$MAP_GM_PDF" >/dev/null
qp run mdi:exportmap -- \
    "INPUT=$BU_MDI" FIELD=mdi SCHEME=1 YEAR=2023 "ZONES=$REGIONS" "ZONE_TABLE=$ZONES" \
    TOP_N=10 GEMEENTE=GM9022 \
    "TITLE=MDI buurten 2023: de 10 hoogste in Lommerstad (fictief)" \
    "SOURCE=fictieve voorbeelddata" DPI=150 "OUTPUT_PNG=$MAP_BU" >/dev/null
for map in "$MAP_GM" "$MAP_GM_PDF" "$MAP_BU"; do
    if [ ! -s "$map" ]; then
        echo "demo: mdi:exportmap did not write $map" >&2
        exit 1
    fi
done
echo
echo "Kaarten / maps: ${MAP_GM#"$ROOT"/} (+ .pdf), ${MAP_BU#"$ROOT"/}"

# The gemeenterapport (issue 17): one atlas page per gemeente (buurten in their quartile
# classes with the 10 highest, profile, table with MDI / rank / share "Zeer hoog" / change
# since 2014, zone) -> one PDF + one PNG per page.
REPORT="$OUT_DIR/gemeenterapport.pdf"
REPORT_PAGES="$OUT_DIR/gemeenterapport"
rm -rf "$REPORT" "$REPORT_PAGES"
echo >&2
echo "demo: qgis_process run mdi:gemeenterapport (one page per gemeente)" >&2
qp run mdi:gemeenterapport -- \
    "INPUT=$BU_CLASSES" "GEMEENTEN=$OUT" FROM_YEAR=2014 "ZONE_TABLE=$ZONES" \
    "SOURCE=fictieve voorbeelddata" "OUTPUT_PDF=$REPORT" "OUTPUT_FOLDER=$REPORT_PAGES" >/dev/null
if [ ! -s "$REPORT" ] || [ ! -s "$REPORT_PAGES/rapport_GM9022.png" ]; then
    echo "demo: mdi:gemeenterapport did not write $REPORT and its pages" >&2
    exit 1
fi
echo "Gemeenterapport: ${REPORT#"$ROOT"/} ($(ls "$REPORT_PAGES"/*.png | wc -l) pagina's, PNG in ${REPORT_PAGES#"$ROOT"/}/)"

# Open data (issue 16): mdi:downloadopendata against a LOCAL stand-in server on 127.0.0.1
# (tests/opendata_server.py) that serves real recorded CBS/Politie answers; the demo never
# touches the internet (`make opendata-live` runs against the live services). Then the MDI
# of those buurten with the spec the download wrote (national bounds).
OD_PROFILE="$ROOT/.build/qgis-profile-opendata"
OD_PORT_FILE="$ROOT/.build/opendata-port"
OD_OUT="$OUT_DIR/open_data_buurten.gpkg"
OD_MDI="$OUT_DIR/open_data_buurten_mdi.gpkg"
rm -rf "$OD_PORT_FILE" "$OD_OUT" "${OD_OUT%.gpkg}_spec.json" "$OD_MDI" \
    "$OD_PROFILE/profiles/default/mdi/opendata_cache"
/usr/bin/python3 tests/opendata_server.py --port-file "$OD_PORT_FILE" &
OPENDATA_PID=$!
for _ in $(seq 100); do [ -s "$OD_PORT_FILE" ] && break; sleep 0.1; done
if [ ! -s "$OD_PORT_FILE" ]; then
    echo "demo: the local open-data stand-in server did not start" >&2
    exit 1
fi
OD_BASE="http://127.0.0.1:$(cat "$OD_PORT_FILE")/recorded"
echo >&2
echo "demo: qgis_process run mdi:downloadopendata + mdi:computemdi -- LOCAL stand-in on" \
    "$OD_BASE (recorded CBS/Politie answers, no internet)" >&2
MDI_CBS_ODATA_URL="$OD_BASE/cbs" MDI_CBS_DATADERDEN_URL="$OD_BASE/dataderden" \
MDI_PDOK_URL="$OD_BASE/pdok" QGIS_CUSTOM_CONFIG_PATH="$OD_PROFILE" \
    qp run mdi:downloadopendata -- YEARS=2024 LEVEL=2 GEMEENTEN=1680 SOURCES=0,3 \
    GEOMETRY=true "OUTPUT=$OD_OUT" >/dev/null
kill "$OPENDATA_PID" 2>/dev/null || true
OPENDATA_PID=""
qp run mdi:computemdi -- "INPUT=$OD_OUT" "SPEC=${OD_OUT%.gpkg}_spec.json" \
    YEAR_FIELD=jaar "OUTPUT=$OD_MDI" >/dev/null
echo
echo "Open data (lokale stand-in, opgenomen antwoorden; geen internet): buurten Aa en Hunze 2024"
/usr/bin/python3 - "$OD_MDI" <<'PY'
import sqlite3
import sys
db = sqlite3.connect(sys.argv[1])
table = db.execute("SELECT table_name FROM gpkg_contents WHERE data_type='features'").fetchone()[0]
rows = db.execute('SELECT buurtcode, buurtnaam, inwoners, misdrijven_totaal, mdi FROM "{}" '
                  'ORDER BY mdi DESC LIMIT 5'.format(table)).fetchall()
print("  {:<11} {:<28} {:>8} {:>10} {:>6}".format("buurt", "naam", "inwoners", "misdr/1000", "mdi"))
for code, name, people, crimes, mdi in rows:
    fmt = lambda v, f: "-" if v is None else f.format(v)
    print("  {:<11} {:<28} {:>8} {:>10} {:>6}".format(code, name[:28], fmt(people, "{:.0f}"),
                                                     fmt(crimes, "{:.1f}"), fmt(mdi, "{:.1f}")))
print("  (bron: CBS en Politie open data, CC BY 4.0; spec met landelijke grenzen)")
PY
