#!/usr/bin/env python3
"""Benchmarks of MDI voor QGIS against the routes users have without the plugin.

Every figure is a whole ``qgis_process`` process (scripts/qgis_process.sh, the plugin
enabled in a private profile), run once as a warm-up and then ``--repeat`` times; the
alternatives of one comparison take turns round by round (A B, B A, A B, ...), so that a
machine that slows down or speeds up affects both alike. Reported: the median wall time,
the peak memory of the process (maximum resident set size, from wait4) and the ratios of
the medians measured in that same run.

    /usr/bin/python3 benchmarks/run.py                  # everything, ~28 min
    /usr/bin/python3 benchmarks/run.py --quick          # up to 42,000 features, ~7 min
    make benchmark BENCH_ARGS="--datasets buurten-14k --repeat 7"

Comparisons (see docs/benchmarks.md):

* mdi:computemdi against native:savefeatures (a plain copy: the I/O floor), every size;
* mdi:computemdi against benchmarks/models/mdi_veldberekening.model3 (native:fieldcalculator
  steps; its output is checked against computemdi's, value by value);
* mdi:aggregatetoregions (buurten to gemeenten, dissolved) against
  benchmarks/models/regio_aggregate_dissolve.model3 (native:aggregate + native:dissolve);
* the chain model mdi:mdi_keten on 14,000 buurten;
* mdi:classstability on 14,000 buurten at its default number of runs (read from
  ``qgis_process help``) and at 200 runs, with the verdicts of the default run;
* styling 14,000 buurten from the dock (benchmarks/styling_time.py, in one process);
* mdi:gemeenterapport: the atlas of every gemeente (352 pages, 14,039 buurten in the
  report's year) as one PDF, against a one-page run (its fixed cost): pages per second.

Data: FICTIONAL data from scripts/mdi_sample_data.py (all 23 indicators), generated once
into --data-dir (default .build/bench-data, not committed). Results: JSON and Markdown in
--out-dir (default .build/bench-results); ``--report results.json`` re-renders the Markdown.
Needs only Debian's Python and QGIS; no extra packages.
"""

import argparse
import datetime
import functools
import json
import os
import platform
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
QGIS_PROCESS = os.path.join(ROOT, "scripts", "qgis_process.sh")
GENERATOR = os.path.join(ROOT, "scripts", "mdi_sample_data.py")
MODELS = os.path.join(ROOT, "benchmarks", "models")
FIELDCALC_MODEL = os.path.join(MODELS, "mdi_veldberekening.model3")
AGGREGATE_MODEL = os.path.join(MODELS, "regio_aggregate_dissolve.model3")
STYLING_SCRIPT = os.path.join(ROOT, "benchmarks", "styling_time.py")
SYS_PY = "/usr/bin/python3"
YEARS_3 = "2014,2019,2023"
SCORE_FIELDS = ["mdi", "mdi_inkomen", "mdi_werk", "mdi_gezondheid", "mdi_opleiding",
                "mdi_huisvesting", "mdi_veiligheid", "mdi_woonomgeving"]

#: name: (gemeenten, buurten per year, years, layer used, description).
DATASETS = {
    "gemeenten": (342, 14000, YEARS_3, "gemeenten", "352 gemeenten x 3 years"),
    "buurten-14k": (342, 14000, "2023", "buurten", "14,000 buurten, 1 year"),
    "buurten-14k-3j": (342, 14000, YEARS_3, "buurten", "14,000 buurten x 3 years"),
    "features-100k": (342, 33334, YEARS_3, "buurten", "33,334 units x 3 years"),
    "features-400k": (342, 133334, YEARS_3, "buurten", "133,334 units x 3 years"),
    "features-1m": (342, 333334, YEARS_3, "buurten", "333,334 units x 3 years"),
}
#: One feature: the cost of starting qgis_process (with the plugin) and writing nothing.
STARTUP = (1, 1, "2023", "buurten", "1 feature: process start")
QUICK = ["gemeenten", "buurten-14k", "buurten-14k-3j"]
DEFAULT_FIELDCALC = ["gemeenten", "buurten-14k"]
DEFAULT_GENERIC = ["buurten-14k", "features-1m"]
AGGREGATE_DATASET = "buurten-14k"
CHAIN_DATASET = "buurten-14k"
STYLING_DATASET = "buurten-14k"
STABILITY_DATASET = "buurten-14k"
#: The number of runs mdi:classstability had as its default before issue 17.
STABILITY_OLD_RUNS = 200
#: mdi:gemeenterapport: buurten and gemeenten of this data set (the report's year is the
#: latest; the change is measured since REPORT_FROM_YEAR); fewer rounds than the rest
#: (--report-repeat), because one run takes ~45 s.
REPORT_DATASET = "buurten-14k-3j"
REPORT_FROM_YEAR = 2014
REPORT_REPEAT = 3


def log(text):
    print(text, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- data

def data_file(data_dir, definition):
    gemeenten, buurten, years, _layer, _ = definition
    layers = "gemeenten,buurten" if buurten == 14000 and years == YEARS_3 else "buurten"
    name = "g{}_b{}_y{}.gpkg".format(gemeenten, buurten, years.count(",") + 1)
    path = os.path.join(data_dir, name)
    if not os.path.exists(path):
        log("generating {} ...".format(path))
        tmp = path + ".part.gpkg"
        subprocess.run([SYS_PY, GENERATOR, "--gemeenten", str(gemeenten), "--buurten",
                        str(buurten), "--years", years, "--layers", layers, "--out", tmp,
                        "-q"], check=True)
        os.replace(tmp, path)
    return path


def layer_uri(path, layer):
    return "{}|layername={}".format(path, layer)


def gpkg_table(path):
    with sqlite3.connect(path) as con:
        return con.execute("SELECT table_name FROM gpkg_contents "
                           "WHERE data_type = 'features' ORDER BY table_name").fetchone()[0]


def feature_count(path, table=None):
    with sqlite3.connect(path) as con:
        table = table or gpkg_table(path)
        return con.execute('SELECT count(*) FROM "{}"'.format(table)).fetchone()[0]


def compare_outputs(expected_path, got_path, key_fields, value_fields):
    """(max |difference|, rows, NULL cells, mismatches) between two GeoPackage outputs,
    rows matched on ``key_fields``. Done by SQLite itself, so that this process stays small:
    a child process started by fork() inherits its parent's peak memory in ru_maxrss."""
    with sqlite3.connect(expected_path) as con:
        con.execute("ATTACH DATABASE ? AS other", (got_path,))
        a_table = gpkg_table(expected_path)
        b_table = con.execute("SELECT table_name FROM other.gpkg_contents WHERE data_type = "
                              "'features' ORDER BY table_name").fetchone()[0]
        on = " AND ".join('a."{0}" IS b."{0}"'.format(k) for k in key_fields)
        parts = ["count(*)", "sum(b.rowid IS NULL)"]
        for f in value_fields:
            parts += ['max(abs(a."{0}" - b."{0}"))'.format(f),
                      'sum(a."{0}" IS NULL)'.format(f),
                      'sum((a."{0}" IS NULL) != (b."{0}" IS NULL))'.format(f)]
        row = con.execute('SELECT {} FROM main."{}" a LEFT JOIN other."{}" b ON {}'.format(
            ", ".join(parts), a_table, b_table, on)).fetchone()
        other_rows = con.execute('SELECT count(*) FROM other."{}"'.format(b_table)).fetchone()[0]
    rows, unmatched = row[0], row[1] or 0
    values = row[2:]
    worst = max([v for v in values[0::3] if v is not None] or [0.0])
    nulls = sum(v or 0 for v in values[1::3])
    mismatches = unmatched + abs(other_rows - rows) + sum(v or 0 for v in values[2::3])
    return {"max_abs_diff": worst, "rows": rows, "null_cells": nulls,
            "mismatches": mismatches}


# --------------------------------------------------------------------------- running

class Runner:
    """Runs qgis_process commands and measures them."""

    def __init__(self, out_dir, profile, plugin_dir=ROOT):
        self.out_dir = out_dir
        self.qgis_process = os.path.join(plugin_dir, "scripts", "qgis_process.sh")
        self.env = dict(os.environ, QGIS_CUSTOM_CONFIG_PATH=profile,
                        QT_QPA_PLATFORM="offscreen")

    def run(self, args):
        """Run ``qgis_process.sh args``; returns {seconds, cpu, peak_mb}."""
        log_path = os.path.join(self.out_dir, "last_run.log")
        with open(log_path, "w") as out:
            started = time.perf_counter()
            process = subprocess.Popen([self.qgis_process] + args, stdout=out,
                                       stderr=subprocess.STDOUT, env=self.env)
            _pid, status, usage = os.wait4(process.pid, 0)
            seconds = time.perf_counter() - started
            process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            with open(log_path) as failed:
                raise RuntimeError("qgis_process {} failed:\n{}".format(
                    " ".join(args[:2]), failed.read()[-3000:]))
        return {"seconds": seconds, "cpu": usage.ru_utime + usage.ru_stime,
                "peak_mb": usage.ru_maxrss / 1024.0}

    @functools.lru_cache(maxsize=None)
    def model_output(self, model, output):
        """The name qgis_process gives the model output ``output`` (it differs between
        QGIS versions: "opruimen:mdi" or "mdi"), read from ``qgis_process help --json``
        once, before any timing."""
        process = subprocess.run([self.qgis_process, "help", model, "--json"], env=self.env,
                                 capture_output=True, text=True, check=True)
        names = list(json.loads(process.stdout)["outputs"])
        for name in names:
            if name == output or name.endswith(":" + output):
                return name
        raise RuntimeError("model {} has no output {!r} ({})".format(model, output, names))

    def default_value(self, algorithm, parameter):
        """The default of an algorithm's parameter, from ``qgis_process help --json``."""
        process = subprocess.run([self.qgis_process, "help", algorithm, "--json"],
                                 env=self.env, capture_output=True, text=True, check=True)
        return json.loads(process.stdout)["parameters"][parameter]["default_value"]


def remove(path):
    for suffix in ("", "-wal", "-shm", "-journal"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)


def measure(runner, tasks, repeat, keep_last=True):
    """Run the tasks ({name: (args builder, output path)}) in alternating rounds.

    Round 0 is the warm-up. Returns {name: {runs: [...], median, ...}}.
    """
    names = list(tasks)
    runs = {name: [] for name in names}
    for round_number in range(repeat + 1):
        order = names if round_number % 2 == 0 else list(reversed(names))
        for name in order:
            build, output = tasks[name]
            remove(output)
            result = runner.run(build(output))
            if round_number:
                runs[name].append(result)
            log("  {:<26} round {}{}: {:7.2f} s  {:7.0f} MB".format(
                name, round_number, " (warm-up)" if not round_number else "",
                result["seconds"], result["peak_mb"]))
            if not (keep_last and round_number == repeat):
                remove(output)
    return {name: summarise(values) for name, values in runs.items()}


def summarise(runs):
    seconds = [r["seconds"] for r in runs]
    return {"runs": runs, "median": statistics.median(seconds), "min": min(seconds),
            "max": max(seconds), "cpu_median": statistics.median(r["cpu"] for r in runs),
            "peak_mb": max(r["peak_mb"] for r in runs)}


def paired_ratio(a, b):
    """Median of the round-by-round ratios a/b (runs of the same round side by side)."""
    return statistics.median(x["seconds"] / y["seconds"] for x, y in zip(a["runs"], b["runs"]))


# --------------------------------------------------------------------------- benchmarks

def run_all(args):
    data_dir = os.path.abspath(args.data_dir)
    out_dir = os.path.abspath(args.out_dir)
    work = os.path.join(out_dir, "outputs")
    os.makedirs(data_dir, exist_ok=True)
    os.makedirs(work, exist_ok=True)
    profile = os.path.join(out_dir, "qgis-profile")
    runner = Runner(out_dir, profile, os.path.abspath(args.plugin_dir))
    results = {"machine": machine(), "command": " ".join([os.path.relpath(sys.argv[0], ROOT)]
                                                         + sys.argv[1:]),
               "started": datetime.datetime.now().isoformat(timespec="seconds"),
               "repeat": args.repeat, "load_before": os.getloadavg(), "datasets": {},
               "plugin_dir": os.path.abspath(args.plugin_dir),
               "compute": {}, "checks": {}}

    def out(name):
        return os.path.join(work, name + ".gpkg")

    tiny = data_file(data_dir, STARTUP)
    log("process start (1 feature)")
    results["startup"] = measure(runner, {"copy_1_feature": (lambda o: [
        "run", "native:savefeatures", "--", "INPUT=" + layer_uri(tiny, "buurten"),
        "OUTPUT=" + o], out("tiny"))}, args.repeat, keep_last=False)["copy_1_feature"]

    for name in args.datasets:
        definition = DATASETS[name]
        path = data_file(data_dir, definition)
        source = layer_uri(path, definition[3])
        count = feature_count(path, definition[3])
        results["datasets"][name] = {"features": count, "description": definition[4],
                                     "file": os.path.basename(path)}
        log("{}: {} features".format(name, count))
        tasks = {
            "copy": (lambda o, s=source: ["run", "native:savefeatures", "--", "INPUT=" + s,
                                          "OUTPUT=" + o], out(name + "_copy")),
            "computemdi": (lambda o, s=source: ["run", "mdi:computemdi", "--", "INPUT=" + s,
                                                "OUTPUT=" + o], out(name + "_mdi")),
        }
        if name in args.generic:
            # A subset filter that keeps every feature: the input is then read through
            # QGIS's feature iterator, as every input that is not a whole GeoPackage layer.
            tasks["computemdi_qgis_read"] = (lambda o, s=source: [
                "run", "mdi:computemdi", "--", "INPUT=" + s + "|subset=fid >= 0",
                "OUTPUT=" + o], out(name + "_mdi_generic"))
        if name in args.fieldcalc:
            tasks["fieldcalc_model"] = (lambda o, s=source: [
                "run", FIELDCALC_MODEL, "--", "invoer=" + s,
                runner.model_output(FIELDCALC_MODEL, "mdi") + "=" + o],
                out(name + "_fieldcalc"))
        measured = measure(runner, tasks, args.repeat)
        results["compute"][name] = measured
        key = ["buurtcode" if definition[3] == "buurten" else "gemeentecode", "jaar"]
        if feature_count(out(name + "_copy")) != count or \
                feature_count(out(name + "_mdi")) != count:
            raise RuntimeError("{}: an output has the wrong number of features".format(name))
        if "fieldcalc_model" in measured:
            check = compare_outputs(out(name + "_mdi"), out(name + "_fieldcalc"), key,
                                    SCORE_FIELDS)
            results["checks"]["fieldcalc_" + name] = check
            log("  check field-calculator model = computemdi: {}".format(check))
            if check["mismatches"] or check["max_abs_diff"] > 1e-9:
                raise RuntimeError("the field-calculator model does not give the same "
                                   "numbers as computemdi: {}".format(check))
        if name == AGGREGATE_DATASET and "aggregate" not in args.skip:
            shutil.copyfile(out(name + "_mdi"), out("aggregate_input"))
        if "computemdi_qgis_read" in measured:
            check = compare_outputs(out(name + "_mdi"), out(name + "_mdi_generic"), key,
                                    SCORE_FIELDS)
            results["checks"]["qgis_read_" + name] = check
            if check["mismatches"] or check["max_abs_diff"] > 1e-9:
                raise RuntimeError("the two read paths differ: {}".format(check))
        for suffix in ("_copy", "_mdi", "_fieldcalc", "_mdi_generic"):
            remove(out(name + suffix))
        write_reports(results, out_dir)

    if "aggregate" not in args.skip and AGGREGATE_DATASET in args.datasets:
        log("aggregate {} to gemeenten".format(AGGREGATE_DATASET))
        units = out("aggregate_input")
        results["aggregate"] = measure(runner, {
            "native_aggregate_dissolve": (lambda o: [
                "run", AGGREGATE_MODEL, "--", "invoer=" + units,
                runner.model_output(AGGREGATE_MODEL, "regios") + "=" + o],
                out("agg_native")),
            "aggregatetoregions": (lambda o: [
                "run", "mdi:aggregatetoregions", "--", "INPUT=" + units,
                "REGION_FIELD=gemeentecode", "OUTPUT=" + o], out("agg_mdi")),
        }, args.repeat)
        check = compare_outputs(out("agg_mdi"), out("agg_native"), ["gemeentecode"],
                                SCORE_FIELDS + ["n_eenheden"])
        results["checks"]["aggregate"] = check
        log("  check aggregate routes: {}".format(check))
        if check["mismatches"] or check["max_abs_diff"] > 1e-9:
            raise RuntimeError("the native aggregate route differs: {}".format(check))
        for name in ("agg_native", "agg_mdi", "aggregate_input"):
            remove(out(name))
        write_reports(results, out_dir)

    if "chain" not in args.skip and CHAIN_DATASET in args.datasets:
        definition = DATASETS[CHAIN_DATASET]
        source = layer_uri(data_file(data_dir, definition), definition[3])
        log("chain model on {}".format(CHAIN_DATASET))
        results["chain"] = measure(runner, {
            "copy": (lambda o: ["run", "native:savefeatures", "--", "INPUT=" + source,
                                "OUTPUT=" + o], out("chain_copy")),
            "mdi_keten": (lambda o: [
                "run", "mdi:mdi_keten", "--", "indicatoren=" + source, "jaarveld=jaar",
                "regioveld=gemeentecode", "drempel=50", "indelen:gemeenten_mdi=" + o,
                "markeren:regios_mdi=" + o.replace(".gpkg", "_regios.gpkg")],
                out("chain")),
        }, args.repeat, keep_last=False)
        remove(out("chain_regios"))
        write_reports(results, out_dir)

    if "stability" not in args.skip and STABILITY_DATASET in args.datasets:
        results["stability"] = run_stability(runner, data_dir, out, args.repeat)
        write_reports(results, out_dir)

    if "report" not in args.skip and REPORT_DATASET in args.datasets:
        results["report"] = run_report(runner, data_dir, out, args.report_repeat)
        write_reports(results, out_dir)

    if "styling" not in args.skip and STYLING_DATASET in args.datasets and \
            os.path.exists(os.path.join(ROOT, "mdi_plugin", "gui", "dock.py")):
        definition = DATASETS[STYLING_DATASET]
        source = layer_uri(data_file(data_dir, definition), definition[3])
        styled = out("styling_input")
        remove(styled)
        runner.run(["run", "mdi:computemdi", "--", "INPUT=" + source, "OUTPUT=" + styled])
        log("styling {} from the dock".format(STYLING_DATASET))
        done = subprocess.run([SYS_PY, STYLING_SCRIPT, "--repeat", str(args.repeat), styled],
                              env=runner.env, capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError("styling_time.py failed:\n" + done.stderr[-3000:])
        results["styling"] = json.loads(done.stdout.strip().splitlines()[-1])
        log("  {}".format(results["styling"]))
        remove(styled)
    results["load_after"] = os.getloadavg()
    results["finished"] = datetime.datetime.now().isoformat(timespec="seconds")
    return write_reports(results, out_dir)


def run_stability(runner, data_dir, out, repeat):
    """mdi:classstability at its default number of runs and at the old default, and the
    share of stabiel / onzeker / instabiel features of the default run."""
    definition = DATASETS[STABILITY_DATASET]
    source = layer_uri(data_file(data_dir, definition), definition[3])
    default_runs = int(runner.default_value("mdi:classstability", "N_RUNS"))
    log("class stability on {} ({} and {} runs)".format(
        STABILITY_DATASET, default_runs, STABILITY_OLD_RUNS))
    measured = measure(runner, {
        "default_runs": (lambda o: ["run", "mdi:classstability", "--", "INPUT=" + source,
                                    "OUTPUT=" + o], out("stability_default")),
        "old_runs": (lambda o: ["run", "mdi:classstability", "--", "INPUT=" + source,
                                "N_RUNS={}".format(STABILITY_OLD_RUNS), "OUTPUT=" + o],
                     out("stability_old")),
    }, repeat)
    with sqlite3.connect(out("stability_default")) as con:
        table = gpkg_table(out("stability_default"))
        verdicts = dict(con.execute('SELECT stabiliteit_klasse, count(*) FROM "{}" WHERE '
                                    'stabiliteit_klasse IS NOT NULL GROUP BY 1'.format(table)))
    remove(out("stability_default"))
    remove(out("stability_old"))
    return {"runs": default_runs, "old_runs": STABILITY_OLD_RUNS, "verdicts": verdicts,
            "default": measured["default_runs"], "old": measured["old_runs"]}


def run_report(runner, data_dir, out, repeat):
    """mdi:gemeenterapport over every gemeente (one PDF) and over one gemeente (SUBSET: the
    fixed cost of reading, dissolving and the profile charts); the PDF's page count is
    checked against the number of gemeenten in the report's year."""
    path = data_file(data_dir, DATASETS[REPORT_DATASET])
    buurten, gemeenten = out("report_buurten"), out("report_gemeenten")
    for layer, output in (("buurten", buurten), ("gemeenten", gemeenten)):
        remove(output)
        runner.run(["run", "mdi:computemdi", "--", "INPUT=" + layer_uri(path, layer),
                    "OUTPUT=" + output])
    with sqlite3.connect(buurten) as con:
        table = gpkg_table(buurten)
        year, pages, first = con.execute(
            'SELECT jaar, count(DISTINCT gemeentecode), min(gemeentecode) FROM "{0}" '
            'WHERE jaar = (SELECT max(jaar) FROM "{0}")'.format(table)).fetchone()
        units = con.execute('SELECT count(*) FROM "{}" WHERE jaar = ?'.format(table),
                            (year,)).fetchone()[0]
    common = ["run", "mdi:gemeenterapport", "--", "INPUT=" + buurten,
              "GEMEENTEN=" + gemeenten, "FROM_YEAR={}".format(REPORT_FROM_YEAR)]
    pdf_all = out("report_all").replace(".gpkg", ".pdf")
    pdf_one = out("report_one").replace(".gpkg", ".pdf")
    log("gemeenterapport on {} ({} pages, {} buurten in {})".format(
        REPORT_DATASET, pages, units, year))
    measured = measure(runner, {
        "all_pages": (lambda o: common + ["OUTPUT_PDF=" + o], pdf_all),
        "one_page": (lambda o: common + ["SUBSET=" + first, "OUTPUT_PDF=" + o], pdf_one),
    }, repeat)
    written = {"all_pages": pdf_page_count(pdf_all), "one_page": pdf_page_count(pdf_one)}
    if written != {"all_pages": pages, "one_page": 1}:
        raise RuntimeError("gemeenterapport wrote {} pages, expected {} and 1".format(
            written, pages))
    pdf_mb = os.path.getsize(pdf_all) / 1024.0 ** 2
    for output in (pdf_all, pdf_one, buurten, gemeenten):
        remove(output)
    return {"pages": pages, "buurten": units, "year": year, "pdf_mb": pdf_mb,
            "repeat": repeat, "all": measured["all_pages"], "one": measured["one_page"]}


def pdf_page_count(path):
    """The /Count of the page tree of a PDF written by Qt (read in blocks, so that this
    process stays small: see compare_outputs)."""
    pattern = re.compile(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)")
    found, tail = 0, b""
    with open(path, "rb") as pdf:
        for block in iter(lambda: pdf.read(1 << 20), b""):
            text = tail + block
            found = max([found] + [int(m.group(1)) for m in pattern.finditer(text)])
            tail = text[-4096:]
    return found


def write_reports(results, out_dir):
    json_path = os.path.join(out_dir, "results.json")
    with open(json_path, "w") as f:
        json.dump(results, f, indent=1)
    markdown = render(results)
    with open(os.path.join(out_dir, "results.md"), "w") as f:
        f.write(markdown)
    return markdown


# --------------------------------------------------------------------------- machine

def _first_line(command):
    try:
        return subprocess.run(command, capture_output=True, text=True,
                              timeout=60).stdout.strip().splitlines()[0]
    except (OSError, IndexError, subprocess.SubprocessError):
        return "unknown"


def machine():
    """CPU, memory, OS and QGIS/GDAL versions of this machine."""
    cpu = "unknown"
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(line.split(":", 1)[1].strip() for line in f
                       if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    memory_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024.0 ** 3
    versions = {}
    try:
        text = subprocess.run([QGIS_PROCESS, "--version"], capture_output=True, text=True,
                              timeout=120, env=dict(os.environ, QT_QPA_PLATFORM="offscreen")
                              ).stdout
        for line in text.splitlines():
            for label in ("QGIS", "GDAL/OGR", "GEOS", "PROJ", "Qt", "Python", "OS"):
                first = label == "QGIS" and line.startswith("QGIS 3")
                if first or line.startswith(label + " version"):
                    versions.setdefault(label, line)
    except (OSError, subprocess.SubprocessError):
        pass
    return {"cpus": os.cpu_count(), "cpu": cpu, "memory_gb": round(memory_gb, 1),
            "platform": platform.platform(), "versions": versions,
            "nproc": _first_line(["nproc"])}


# --------------------------------------------------------------------------- report

def _s(value):
    return "{:.2f} s".format(value)


def _mb(value):
    return "{:.0f} MB".format(value)


def _x(value):
    return "{:.2f}x".format(value)


def _net(a, b, base):
    """Ratio of two times minus the process start; '-' when either is within 0.2 s of it
    (then the difference is mostly noise)."""
    if a - base < 0.2 or b - base < 0.2:
        return "-"
    return _x((a - base) / (b - base))


def render(results):
    """The Markdown report of a results dict."""
    lines = []
    add = lines.append
    m = results["machine"]
    add("Run {} to {}: `{}` (each figure: median of {} runs after a warm-up; "
        "load average before {} / after {}).".format(
            results["started"], results.get("finished", "(unfinished)"), results["command"],
            results["repeat"], "{:.2f}".format(results["load_before"][0]),
            "{:.2f}".format(results.get("load_after", [float("nan")])[0])))
    add("")
    add("Machine: {} CPUs ({}), {} GB RAM; {}; {}.".format(
        m["cpus"], m["cpu"], m["memory_gb"], m["platform"],
        "; ".join(m["versions"].values())))
    add("")
    start = results.get("startup")
    if start:
        add("Process start (qgis_process with the plugin, copying 1 feature): median {}, "
            "peak {}. \"Net\" below = time minus this start.".format(
                _s(start["median"]), _mb(start["peak_mb"])))
        add("")
    base = start["median"] if start else 0.0
    compute = results.get("compute", {})
    if compute:
        add("### computemdi against a plain copy and the field-calculator model")
        add("")
        add("| data | features | copy | computemdi | ratio | ratio net | peak copy "
            "| peak computemdi | computemdi, QGIS read path (ratio) "
            "| field-calculator model | computemdi faster by |")
        add("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        for name, measured in compute.items():
            data = results["datasets"][name]
            copy, mdi = measured["copy"], measured["computemdi"]
            fc = measured.get("fieldcalc_model")
            generic = measured.get("computemdi_qgis_read")
            add("| {} ({}) | {:,} | {} | {} | {} | {} | {} | {} | {} | {} | {} |".format(
                name, data["description"], data["features"], _s(copy["median"]),
                _s(mdi["median"]), _x(mdi["median"] / copy["median"]),
                _net(mdi["median"], copy["median"], base),
                _mb(copy["peak_mb"]), _mb(mdi["peak_mb"]),
                "{} ({}, {})".format(_s(generic["median"]),
                                     _x(generic["median"] / copy["median"]),
                                     _mb(generic["peak_mb"])) if generic else "-",
                _s(fc["median"]) if fc else "-",
                _x(fc["median"] / mdi["median"]) if fc else "-"))
        add("")
        add("Round-by-round ratios computemdi/copy (median): " + ", ".join(
            "{} {}".format(name, _x(paired_ratio(m_["computemdi"], m_["copy"])))
            for name, m_ in compute.items()) + ".")
        add("")
        add("Growth with the number of features (computemdi; net = minus process start):")
        add("")
        add("| features | median | net per 1,000 features | peak memory | "
            "peak above process start |")
        add("| ---: | ---: | ---: | ---: | ---: |")
        for name, measured in sorted(compute.items(),
                                     key=lambda kv: results["datasets"][kv[0]]["features"]):
            n = results["datasets"][name]["features"]
            mdi = measured["computemdi"]
            net = mdi["median"] - base
            add("| {:,} | {} | {} | {} | {} |".format(
                n, _s(mdi["median"]), "{:.3f} s".format(net / n * 1000.0) if net >= 0.2
                else "-",
                _mb(mdi["peak_mb"]),
                _mb(mdi["peak_mb"] - (start["peak_mb"] if start else 0.0))))
        add("")
    checks = results.get("checks", {})
    if checks:
        add("Checks: " + "; ".join(
            "{}: {} rows, max |difference| {:.1e}, {} NULL cells, {} mismatches".format(
                k, v["rows"], v["max_abs_diff"], v["null_cells"], v["mismatches"])
            for k, v in checks.items()) + ".")
        add("")
    aggregate = results.get("aggregate")
    if aggregate:
        native, mdi = aggregate["native_aggregate_dissolve"], aggregate["aggregatetoregions"]
        add("### aggregatetoregions against native:aggregate + native:dissolve "
            "({} to gemeenten)".format(AGGREGATE_DATASET))
        add("")
        add("| route | median | peak memory |")
        add("| --- | ---: | ---: |")
        add("| native:aggregate + native:dissolve (model) | {} | {} |".format(
            _s(native["median"]), _mb(native["peak_mb"])))
        add("| mdi:aggregatetoregions | {} | {} |".format(
            _s(mdi["median"]), _mb(mdi["peak_mb"])))
        add("| ratio aggregatetoregions / native | {} (net {}) | |".format(
            _x(mdi["median"] / native["median"]),
            _net(mdi["median"], native["median"], base)))
        add("")
    chain = results.get("chain")
    if chain:
        add("### Chain model mdi:mdi_keten on {}".format(CHAIN_DATASET))
        add("")
        add("| run | median | peak memory |")
        add("| --- | ---: | ---: |")
        for label, key in (("plain copy (reference)", "copy"),
                           ("mdi:mdi_keten (compute, classify, aggregate, flag)",
                            "mdi_keten")):
            add("| {} | {} | {} |".format(label, _s(chain[key]["median"]),
                                          _mb(chain[key]["peak_mb"])))
        add("")
    stability = results.get("stability")
    if stability:
        add("### Class stability on {} (mdi:classstability, defaults)".format(
            STABILITY_DATASET))
        add("")
        add("| runs | median | net of process start | peak memory |")
        add("| ---: | ---: | ---: | ---: |")
        for key, runs in (("old", stability["old_runs"]), ("default", stability["runs"])):
            add("| {:,}{} | {} | {} | {} |".format(
                runs, " (default)" if key == "default" else "",
                _s(stability[key]["median"]), _s(stability[key]["median"] - base),
                _mb(stability[key]["peak_mb"])))
        counts = stability["verdicts"]
        total = sum(counts.values()) or 1
        add("")
        add("Verdicts of the default run: " + ", ".join(
            "{} {:,} ({:.1f} %)".format(name, counts.get(name, 0),
                                        100.0 * counts.get(name, 0) / total)
            for name in ("stabiel", "onzeker", "instabiel")) + ".")
        add("")
    report = results.get("report")
    if report:
        add(render_report(report, base))
    styling = results.get("styling")
    if styling:
        add("### Styling {} from the dock (in one QGIS process)".format(STYLING_DATASET))
        add("")
        add("| step | median | runs |")
        add("| --- | ---: | ---: |")
        for key, label in (("apply_classes", "dock: apply classes (quartiles)"),
                           ("render", "render the styled layer ({})".format(
                               styling.get("render_size", ""))),
                           ("total", "apply + render")):
            if key in styling:
                add("| {} | {} | {} |".format(label, "{:.3f} s".format(
                    styling[key]["median"]), len(styling[key]["runs"])))
        add("")
    add(goals(results))
    return "\n".join(lines) + "\n"


def render_report(report, base):
    """The gemeenterapport section of the Markdown report."""
    all_pages, one = report["all"], report["one"]
    pages = report["pages"]
    lines = ["### Gemeenterapport (mdi:gemeenterapport, atlas to one PDF) on {}".format(
        REPORT_DATASET), "",
        "{} pages (every gemeente), {:,} buurten in {}, change since {}; PDF {:.0f} MB; "
        "median of {} runs after a warm-up.".format(
            pages, report["buurten"], report["year"], REPORT_FROM_YEAR, report["pdf_mb"],
            report["repeat"]), "",
        "| run | pages | median | net of process start | pages per second | peak memory |",
        "| --- | ---: | ---: | ---: | ---: | ---: |"]
    for label, measured, count in (("every gemeente", all_pages, pages),
                                   ("one gemeente (SUBSET)", one, 1)):
        lines.append("| {} | {} | {} | {} | {:.2f} | {} |".format(
            label, count, _s(measured["median"]), _s(measured["median"] - base),
            count / measured["median"], _mb(measured["peak_mb"])))
    per_page = (all_pages["median"] - one["median"]) / max(pages - 1, 1)
    rate = 1.0 / per_page if per_page > 0 else 0.0
    lines += ["", "Per extra page (every gemeente minus one gemeente, over {} pages): {:.3f} s, "
              "{:.1f} pages per second.".format(pages - 1, per_page, rate), ""]
    return "\n".join(lines)


def goals(results):
    """The issue's goals, measured: a Markdown table."""
    rows = []
    compute = results.get("compute", {})
    base = results.get("startup", {}).get("median", 0.0)

    def ratio(name, a, b):
        return compute[name][a]["median"] / compute[name][b]["median"]

    def net(name, a, b):
        return _net(compute[name][a]["median"], compute[name][b]["median"], base)

    if "buurten-14k" in compute:
        r = ratio("buurten-14k", "computemdi", "copy")
        rows.append(("computemdi at 14,000 buurten <= 1.5x copy", "{} (net {})".format(
            _x(r), net("buurten-14k", "computemdi", "copy")), r <= 1.5))
        if "fieldcalc_model" in compute["buurten-14k"]:
            r = ratio("buurten-14k", "fieldcalc_model", "computemdi")
            rows.append(("computemdi >= 10x faster than the field-calculator model "
                         "(14,000 buurten)", _x(r), r >= 10))
    if "features-1m" in compute:
        r = ratio("features-1m", "computemdi", "copy")
        rows.append(("computemdi at 1,000,000 features <= 2x copy", "{} (net {})".format(
            _x(r), net("features-1m", "computemdi", "copy")), r <= 2.0))
        if "computemdi_qgis_read" in compute["features-1m"]:
            r = ratio("features-1m", "computemdi_qgis_read", "copy")
            rows.append(("... with the input read through QGIS's feature iterator (inputs "
                         "other than a whole GeoPackage layer)", "{} (net {})".format(
                             _x(r), net("features-1m", "computemdi_qgis_read", "copy")),
                         r <= 2.0))
        peak = compute["features-1m"]["computemdi"]["peak_mb"]
        rows.append(("peak memory at 1,000,000 features < 2 GB", _mb(peak), peak < 2048))
    sizes = sorted((results["datasets"][n]["features"], m["computemdi"]["peak_mb"])
                   for n, m in compute.items() if results["datasets"][n]["features"] >= 14000)
    if len(sizes) >= 3:
        (n0, p0), (n1, p1), (n2, p2) = sizes[0], sizes[-2], sizes[-1]
        first = (p1 - p0) / (n1 - n0) * 1e6
        last = (p2 - p1) / (n2 - n1) * 1e6
        rows.append(("memory grows no faster than linearly",
                     "{:.0f} MB per million features from {:,} to {:,}, {:.0f} from {:,} to "
                     "{:,}".format(first, n0, n1, last, n1, n2), last <= first * 1.25 + 20))
    if results.get("aggregate"):
        a = results["aggregate"]
        r = a["aggregatetoregions"]["median"] / a["native_aggregate_dissolve"]["median"]
        rows.append(("aggregatetoregions no slower than native aggregate + dissolve",
                     _x(r), r <= 1.0))
    if results.get("styling") and "apply_classes" in results["styling"]:
        t = results["styling"]["apply_classes"]["median"]
        rows.append(("styling 14,000 buurten from the dock < 1 s", "{:.3f} s".format(t),
                     t < 1.0))
    if not rows:
        return ""
    out = ["### Goals", "", "| goal | measured | met |", "| --- | --- | --- |"]
    out += ["| {} | {} | {} |".format(g, v, "yes" if ok else "**no**") for g, v, ok in rows]
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------- main

def parse_args(argv):
    parser = argparse.ArgumentParser(
        description="Benchmark MDI voor QGIS against the routes without the plugin.",
        epilog="Data sets: " + ", ".join("{} ({})".format(k, v[4])
                                         for k, v in DATASETS.items()))
    parser.add_argument("--datasets", default=",".join(DATASETS),
                        help="comma-separated data sets (default: all)")
    parser.add_argument("--fieldcalc", default=",".join(DEFAULT_FIELDCALC),
                        help="data sets on which to run the field-calculator model too "
                             "(default %(default)s; it takes ~30 s per 10,000 features)")
    parser.add_argument("--generic", default=",".join(DEFAULT_GENERIC),
                        help="data sets on which to run computemdi also with the input read "
                             "through QGIS's feature iterator (as for inputs that are not a "
                             "whole GeoPackage layer; default %(default)s)")
    parser.add_argument("--repeat", type=int, default=5,
                        help="measured runs after the warm-up (default 5)")
    parser.add_argument("--skip", default="",
                        help="comma-separated parts to skip: aggregate, chain, stability, "
                             "report, styling")
    parser.add_argument("--report-repeat", type=int,
                        help="measured runs of mdi:gemeenterapport after the warm-up "
                             "(default: --repeat, at most {}; 1 with --quick)".format(
                                 REPORT_REPEAT))
    parser.add_argument("--quick", action="store_true",
                        help="only the data sets up to 42,000 features")
    parser.add_argument("--data-dir", default=os.path.join(ROOT, ".build", "bench-data"))
    parser.add_argument("--out-dir", default=os.path.join(ROOT, ".build", "bench-results"))
    parser.add_argument("--plugin-dir", default=ROOT,
                        help="checkout of the plugin to measure (default: this one), e.g. "
                             "an older version for a before/after comparison")
    parser.add_argument("--report", metavar="RESULTS_JSON",
                        help="only print the Markdown report of an earlier run")
    args = parser.parse_args(argv)
    args.datasets = QUICK if args.quick else [d for d in args.datasets.split(",") if d]
    unknown = [d for d in args.datasets if d not in DATASETS]
    if unknown:
        parser.error("unknown data set(s): {}".format(", ".join(unknown)))
    args.fieldcalc = [d for d in args.fieldcalc.split(",") if d]
    args.generic = [d for d in args.generic.split(",") if d]
    args.skip = [s for s in args.skip.split(",") if s]
    if args.report_repeat is None:
        args.report_repeat = 1 if args.quick else min(args.repeat, REPORT_REPEAT)
    if args.report_repeat < 1:
        parser.error("--report-repeat must be at least 1")
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    return args


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.report:
        with open(args.report) as f:
            print(render(json.load(f)))
        return 0
    print(run_all(args))
    log("results: {}".format(os.path.join(os.path.abspath(args.out_dir), "results.json")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
