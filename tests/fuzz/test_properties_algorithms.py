"""Property-based tests of each algorithm through processing.run, over random layers.

No crash except a clear QgsProcessingException; scores 0-100 (the MDI at most the weight
sum, 99.9), classes 1..k; the result of a feature does not depend on the feature order;
aggregating identical units gives the unit value; per-year normalisation and per-year
quartiles keep a unit's class when only other years change.
"""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from qgis.core import QgsProcessingException

from mdi_plugin.core.spec import load_spec
from mdi_safety_helpers import column, indicator_layer, memory_layer
from mdi_test_helpers import run_algorithm as run

SPEC = load_spec()
N_IND = len(SPEC.indicators)
EXAMPLES = 40
VALUES = st.one_of(st.floats(-1e6, 1e6, allow_nan=False), st.just(np.nan))


def by_key(layer, key, field):
    return {k: v for k, v in zip(column(layer, key), column(layer, field))}


def run_or_error(algorithm, parameters):
    """The output layer, or None for a clear (QgsProcessingException) refusal."""
    try:
        return run(algorithm, parameters)["OUTPUT"]
    except QgsProcessingException as err:
        assert str(err).strip()
        return None


@settings(max_examples=EXAMPLES, deadline=None)
@given(arrays(float, st.tuples(st.integers(1, 10), st.just(N_IND)), elements=VALUES),
       st.sampled_from([0, 1, 3]), st.floats(0, 1))
def test_computemdi(mdi_provider, table, normalisation, coverage):
    years = [2019 + 4 * (r % 2) for r in range(len(table))]
    parameters = {"NORMALISATION": normalisation, "MIN_COVERAGE": coverage,
                  "YEAR_FIELD": "jaar"}
    out = run_or_error("mdi:computemdi", dict(parameters, INPUT=indicator_layer(
        table, SPEC, extra=[("jaar:integer", years)])))
    if out is None:
        return
    for field in ["mdi_" + d for d in SPEC.domain_ids]:
        assert all(v is None or -1e-9 <= v <= 100 + 1e-9 for v in column(out, field))
    assert all(v is None or -1e-9 <= v <= SPEC.weight_sum + 1e-9 for v in column(out, "mdi"))
    reverse = run("mdi:computemdi", dict(parameters, INPUT=indicator_layer(
        table[::-1], SPEC, extra=[("jaar:integer", years[::-1])])))["OUTPUT"]
    straight = column(out, "mdi")
    assert column(reverse, "mdi") == straight[::-1] or np.allclose(
        np.array(column(reverse, "mdi"), dtype=float), np.array(straight[::-1], dtype=float),
        rtol=1e-12, atol=1e-9, equal_nan=True)


@settings(max_examples=EXAMPLES, deadline=None)
@given(st.lists(st.one_of(st.floats(-50, 150, allow_nan=False), st.none()), min_size=1,
                max_size=30),
       st.sampled_from([0, 1, 2, 3]),
       st.lists(st.integers(-10, 110), min_size=1, max_size=5, unique=True))
def test_classifyquartiles(mdi_provider, values, method, breaks):
    rows = [["U{:03d}".format(i), v, 2019 + 4 * (i % 2)] for i, v in enumerate(values)]
    parameters = {"METHOD": method, "YEAR_FIELD": "jaar",
                  "BREAKS": ",".join(str(b) for b in sorted(breaks))}
    layer = memory_layer(["code:string", "mdi:double", "jaar:integer"], rows)
    out = run_or_error("mdi:classifyquartiles", dict(parameters, INPUT=layer))
    if out is None:
        return
    k = len(breaks) + 1 if method == 3 else 4
    classes = by_key(out, "code", "mdi_klasse")
    for code, value, _ in rows:
        assert (classes[code] is None) == (value is None)
        assert classes[code] is None or 1 <= classes[code] <= k
    reverse = run("mdi:classifyquartiles", dict(parameters, INPUT=memory_layer(
        ["code:string", "mdi:double", "jaar:integer"], rows[::-1])))["OUTPUT"]
    assert by_key(reverse, "code", "mdi_klasse") == classes


@settings(max_examples=EXAMPLES, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["CR01", "CR02", "CR03"]),
                          st.one_of(st.floats(0, 100), st.none()), st.integers(0, 10 ** 6)),
                min_size=1, max_size=25),
       st.sampled_from([0, 1, 2, 3, 4]), st.floats(0, 100), st.integers(1, 6))
def test_aggregatetoregions(mdi_provider, units, method, same, copies):
    rows = [[code, value, weight] for code, value, weight in units]
    fields = ["coropcode:string", "mdi:double", "inwoners:integer"]
    parameters = {"REGION_FIELD": "coropcode", "METHOD": method, "WEIGHT_FIELD": "inwoners"}
    out = run_or_error("mdi:aggregatetoregions",
                       dict(parameters, INPUT=memory_layer(fields, rows)))
    if out is not None:
        result = by_key(out, "coropcode", "mdi")
        for region, statistic in result.items():
            members = [v for c, v, _ in rows if c == region and v is not None]
            if statistic is not None and method != 1:
                assert min(members) - 1e-9 <= statistic <= max(members) + 1e-9
        reverse = run("mdi:aggregatetoregions", dict(parameters, INPUT=memory_layer(
            fields, rows[::-1])))["OUTPUT"]
        assert by_key(reverse, "coropcode", "mdi") == result or all(
            abs(a - b) <= 1e-9 for a, b in zip(result.values(),
                                               by_key(reverse, "coropcode", "mdi").values())
            if a is not None and b is not None)
    identical = run("mdi:aggregatetoregions", dict(parameters, INPUT=memory_layer(
        fields, [["CR09", same, 1000]] * copies)))["OUTPUT"]
    assert column(identical, "mdi") == [same] or abs(column(identical, "mdi")[0] - same) \
        <= 1e-12 * max(1.0, abs(same))


@settings(max_examples=EXAMPLES, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["CR01", "cr02", "3", "CR40", "CR77", "", None]),
                          st.one_of(st.floats(0, 100), st.none())), min_size=1, max_size=20),
       st.floats(0, 100))
def test_flagperiphery(mdi_provider, regions, threshold):
    rows = [["R{:02d}".format(i), code, value] for i, (code, value) in enumerate(regions)]
    fields = ["naam:string", "coropcode:string", "mdi:double"]
    out = run("mdi:flagperiphery", {"INPUT": memory_layer(fields, rows),
                                    "THRESHOLD": threshold})["OUTPUT"]
    flags = {name: (zone, perifeer, high, focus) for name, zone, perifeer, high, focus in zip(
        *[column(out, f) for f in ("naam", "zone", "perifeer", "hoge_mdi", "focusregio")])}
    for name, _, value in rows:
        zone, perifeer, high, focus = flags[name]
        assert high == (None if value is None else int(value >= threshold))
        assert focus in (None, 0, 1) and (focus != 1 or (perifeer == 1 and high == 1))
    reverse = run("mdi:flagperiphery", {"INPUT": memory_layer(fields, rows[::-1]),
                                        "THRESHOLD": threshold})["OUTPUT"]
    assert {n: (z, p, h, f) for n, z, p, h, f in zip(
        *[column(reverse, f) for f in ("naam", "zone", "perifeer", "hoge_mdi",
                                       "focusregio")])} == flags


@settings(max_examples=EXAMPLES, deadline=None)
@given(arrays(float, st.tuples(st.integers(1, 12), st.integers(1, 4)),
              elements=st.one_of(st.floats(50, 150), st.just(np.nan))), st.booleans())
def test_joinregiokompas(mdi_provider, scores, higher_is_better):
    n_rows, n_themes = scores.shape
    themes = ["thema{}".format(k) for k in range(n_themes)]
    table = memory_layer(["gemeentecode:string"] + [t + ":double" for t in themes],
                         [[str(r + 1)] + [None if v != v else v for v in row]
                          for r, row in enumerate(scores.tolist())], "None")
    rows = [["GM{:04d}".format(r + 1)] for r in range(n_rows)] + [["GM9999"]]
    parameters = {"REGIOKOMPAS": table, "HIGHER_IS_BETTER": higher_is_better}
    out = run_or_error("mdi:joinregiokompas", dict(parameters, INPUT=memory_layer(
        ["gemeentecode:string"], rows)))
    if out is None:
        return
    for top, bottom in zip(column(out, "bw_aantal_top"), column(out, "bw_aantal_onder")):
        assert top is None or 0 <= top + bottom <= 2 * n_themes
        assert top is None or (0 <= top <= n_themes and 0 <= bottom <= n_themes)
    reverse = run("mdi:joinregiokompas", dict(parameters, INPUT=memory_layer(
        ["gemeentecode:string"], rows[::-1])))["OUTPUT"]
    assert by_key(reverse, "gemeentecode", "bw_aantal_top") == \
        by_key(out, "gemeentecode", "bw_aantal_top")


@settings(max_examples=15, deadline=None)
@given(arrays(float, (8, N_IND), elements=st.floats(0, 100)),
       arrays(float, (4, N_IND), elements=st.floats(0, 100)))
def test_class_per_year_ignores_other_years(mdi_provider, table, other_2019):
    """computemdi per year, then classifyquartiles per year: change only the 2019 rows and
    no 2023 unit changes class."""
    years = [2019, 2023] * 4
    changed = table.copy()
    changed[0::2] = other_2019

    def classes(values):
        try:
            computed = run("mdi:computemdi", {"INPUT": indicator_layer(
                values, SPEC, extra=[("jaar:integer", years)]), "YEAR_FIELD": "jaar",
                "NORMALISATION": 1})["OUTPUT"]
            out = run("mdi:classifyquartiles", {"INPUT": computed, "METHOD": 2,
                                                "YEAR_FIELD": "jaar"})["OUTPUT"]
        except QgsProcessingException:
            return None
        return [c for c, y in zip(column(out, "mdi_klasse"), years) if y == 2023]

    before, after = classes(table), classes(changed)
    if before is not None and after is not None:
        assert before == after
