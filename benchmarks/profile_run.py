#!/usr/bin/env python3
"""Run one Processing algorithm in-process, timed, optionally under a profiler.

For finding where the time goes (docs/benchmarks.md, "Profile"); the benchmark figures
themselves come from benchmarks/run.py, which runs whole qgis_process processes.
Run with Debian's Python (it imports qgis):

    /usr/bin/python3 benchmarks/profile_run.py mdi:computemdi \
        "INPUT=data.gpkg|layername=buurten" OUTPUT=/tmp/out.gpkg \
        [--phases | --cprofile 30 | --pyinstrument]

``--phases`` prints wall time, CPU time and memory (resident, peak) at the start and end of
each phase of mdi:computemdi: read pass, computing (the time before "start compute" is
parsing), write pass, closing the output (before "start style"), storing the style.
``--pyinstrument`` needs pyinstrument: ``.venv/bin/pip install pyinstrument py-spy`` and run
this script with ``.venv/bin/python`` (Debian's Python with the venv's packages).

``py-spy record -o profile.svg -- /usr/bin/python3 benchmarks/profile_run.py ...`` samples
the C++ side too (``--native``).
"""

import argparse
import cProfile
import os
import pstats
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def start_qgis():
    """A headless QgsApplication with Processing and the MDI provider."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from qgis.core import QgsApplication
    app = QgsApplication([], False)
    app.initQgis()
    sys.path.insert(0, "/usr/share/qgis/python/plugins")
    sys.path.insert(0, ROOT)
    from processing.core.Processing import Processing
    Processing.initialize()
    from mdi_plugin.processing.provider import MdiProvider
    provider = MdiProvider()
    QgsApplication.processingRegistry().addProvider(provider)
    return app, provider


def _memory_mb():
    """(resident, peak resident) memory of this process in MB (Linux)."""
    values = {}
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(("VmRSS:", "VmHWM:")):
                key, value = line.split(":")
                values[key] = int(value.split()[0]) / 1024.0
    return values.get("VmRSS", 0.0), values.get("VmHWM", 0.0)


def trace_phases():
    """Wrap the functions mdi:computemdi calls, to print when each phase starts and ends."""
    from mdi_plugin.processing.algorithms import compute as compute_mdi
    from mdi_plugin.styling import outputs
    started = time.perf_counter()
    last = {"wall": started, "cpu": time.process_time()}

    def mark(text):
        wall, cpu = time.perf_counter(), time.process_time()
        resident, peak = _memory_mb()
        print("{:>7.2f} s  +{:6.2f} s wall  +{:6.2f} s cpu  {:6.0f} MB  peak {:6.0f} MB  {}"
              .format(wall - started, wall - last["wall"], cpu - last["cpu"], resident,
                      peak, text), flush=True)
        last.update(wall=wall, cpu=cpu)

    def wrap(module, name, label):
        function = getattr(module, name)

        def wrapped(*args, **kwargs):
            mark("start " + label)
            try:
                return function(*args, **kwargs)
            finally:
                mark("end " + label)
        setattr(module, name, wrapped)

    wrap(compute_mdi, "read_columns", "read pass (attributes, no geometry)")
    wrap(compute_mdi, "compute_from_indicators", "compute (numpy)")
    wrap(compute_mdi, "write_with_columns", "write pass (features + scores)")
    wrap(outputs, "save_default_style", "style (stored in the GeoPackage)")
    mark("ready")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("algorithm")
    parser.add_argument("params", nargs="*", help="KEY=VALUE")
    parser.add_argument("--cprofile", type=int, metavar="N", default=0,
                        help="profile with cProfile, print the top N by cumulative time")
    parser.add_argument("--pyinstrument", action="store_true",
                        help="profile with pyinstrument (must be importable)")
    parser.add_argument("--phases", action="store_true",
                        help="time the phases of mdi:computemdi")
    args = parser.parse_args(argv)
    app, _provider = start_qgis()  # noqa: F841 - keep the application alive
    if args.phases:
        trace_phases()
    from qgis import processing
    from qgis.core import QgsProcessingFeedback
    params = dict(p.split("=", 1) for p in args.params)
    feedback = QgsProcessingFeedback()
    started = time.perf_counter()
    if args.cprofile:
        profiler = cProfile.Profile()
        profiler.enable()
        processing.run(args.algorithm, params, feedback=feedback)
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(args.cprofile)
        pstats.Stats(profiler).sort_stats("tottime").print_stats(args.cprofile)
    elif args.pyinstrument:
        from pyinstrument import Profiler
        profiler = Profiler()
        profiler.start()
        processing.run(args.algorithm, params, feedback=feedback)
        profiler.stop()
        print(profiler.output_text(unicode=False, color=False))
    else:
        processing.run(args.algorithm, params, feedback=feedback)
    print("{}: {:.2f} s".format(args.algorithm, time.perf_counter() - started))
    return 0


if __name__ == "__main__":
    sys.exit(main())
