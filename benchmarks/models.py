#!/usr/bin/env python3
"""Graphical Modeler models of the routes users take without the plugin (for benchmarks).

* ``mdi_veldberekening.model3``: the MDI with ``native:fieldcalculator`` steps only, the
  way an analyst builds it in the Graphical Modeler: one step per indicator (CBS missing
  codes to NULL, min-max over all rows with the aggregate functions ``minimum()`` /
  ``maximum()``, reversed where higher is better), one step per domain (mean of the
  indicator scores present, NULL below half of them) and one for the weighted sum;
  a last ``native:deletecolumn`` step drops the indicator scores, so the output has the
  same fields as ``mdi:computemdi``. Same numbers as computemdi with its defaults
  (pooled min-max, minimum coverage 0.5, weights as published): checked by
  ``tests/test_benchmark_models.py`` and by every benchmark run.
* ``regio_aggregate_dissolve.model3``: ``native:aggregate`` (mean of mdi and the domain
  scores per ``gemeentecode``, number of units) followed by ``native:dissolve`` on
  ``gemeentecode`` (the union of the unit geometries): what ``mdi:aggregatetoregions``
  does with REGION_FIELD=gemeentecode (buurten to gemeenten).

The models are generated from the bundled spec by code (like scripts/build_model.py), so
they stay in step with it. Run with Debian's Python (it imports qgis):

    /usr/bin/python3 benchmarks/models.py [output folder]     # default benchmarks/models
"""

import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

from qgis.core import (QgsApplication, QgsProcessingModelAlgorithm,  # noqa: E402
                       QgsProcessingModelChildAlgorithm,
                       QgsProcessingModelChildParameterSource, QgsProcessingModelOutput,
                       QgsProcessingModelParameter, QgsProcessingParameterFeatureSource)
from qgis.PyQt.QtCore import QPointF  # noqa: E402

from mdi_plugin.core.compute import DOMAIN_FIELD_PREFIX, TOTAL_FIELD  # noqa: E402
from mdi_plugin.core.spec import load_spec  # noqa: E402
from mdi_plugin.core.values import CBS_MISSING_CODES  # noqa: E402

DEFAULT_FOLDER = os.path.join(ROOT, "benchmarks", "models")
FIELDCALC_MODEL = "mdi_veldberekening"
AGGREGATE_MODEL = "regio_aggregate_dissolve"
#: Model input and the final outputs. QGIS names a model output "<child id>:<output>" on
#: 3.22 and "<output>" on 3.40+: look the real name up with output_name().
INPUT = "invoer"
FIELDCALC_OUTPUT = "mdi"
AGGREGATE_OUTPUT = "regios"
#: Region code field of the buurten (the generator's and CBS's name).
REGION_FIELD = "gemeentecode"
#: Prefix of the indicator score fields the field-calculator model adds (and drops).
SCORE_PREFIX = "s_"
#: computemdi's default minimum share of a domain's indicators that must be present.
MIN_COVERAGE = 0.5
#: native:fieldcalculator FIELD_TYPE 0 = decimal number (double).
FLOAT = 0


def _codes():
    # Whole numbers on purpose: QGIS 3.22 passes the expression inside an aggregate
    # function such as minimum() on as text, and writes the literal -99999999.0 there as
    # "-1e+08", so a code written as a decimal number would not match inside minimum().
    return ", ".join(str(int(code)) for code in CBS_MISSING_CODES)


def clean_expression(field):
    """The raw value of ``field``, NULL for a CBS missing-value code."""
    return 'if("{f}" IN ({codes}), NULL, "{f}")'.format(f=field, codes=_codes())


def score_expression(indicator):
    """0-100 score of one indicator, higher = worse, min-max over all rows (pooled)."""
    value = clean_expression(indicator.field)
    low, high = "minimum({})".format(value), "maximum({})".format(value)
    scaled = "({v} - {lo}) / ({hi} - {lo}) * 100".format(v=value, lo=low, hi=high)
    return "100 - " + scaled if indicator.higher_is_better else scaled


def domain_expression(spec, domain):
    """Mean of the domain's indicator scores present; NULL when fewer than half are."""
    scores = ['"{}{}"'.format(SCORE_PREFIX, i.id) for i in spec.indicators_of(domain)]
    present = " + ".join("({} IS NOT NULL)".format(s) for s in scores)
    total = " + ".join("coalesce({}, 0)".format(s) for s in scores)
    return "if(({n}) >= {need:g}, ({total}) / ({n}), NULL)".format(
        n=present, need=MIN_COVERAGE * len(scores), total=total)


def total_expression(spec):
    """Weighted sum of the domain scores (weights as published; NULL if one is NULL)."""
    return " + ".join('{:g} * "{}{}"'.format(d.weight / 100.0, DOMAIN_FIELD_PREFIX, d.id)
                      for d in spec.domains)


def _static(value):
    return [QgsProcessingModelChildParameterSource.fromStaticValue(value)]


def _input():
    return [QgsProcessingModelChildParameterSource.fromModelParameter(INPUT)]


def _child(model, algorithm_id, child_id, description, position, sources, previous=None,
           output=None):
    """Add a child algorithm; ``previous`` child id feeds INPUT, else the model input."""
    child = QgsProcessingModelChildAlgorithm(algorithm_id)
    child.setChildId(child_id)
    child.setDescription(description)
    child.setPosition(QPointF(120 + 220 * (position % 8), 260 + 110 * (position // 8)))
    child.addParameterSources("INPUT", _input() if previous is None else [
        QgsProcessingModelChildParameterSource.fromChildOutput(previous, "OUTPUT")])
    for name, value in sources.items():
        child.addParameterSources(name, value)
    if output:
        model_output = QgsProcessingModelOutput(output, output)
        model_output.setChildId(child_id)
        model_output.setChildOutputName("OUTPUT")
        model_output.setPosition(QPointF(child.position().x() + 60,
                                         child.position().y() + 80))
        child.setModelOutputs({output: model_output})
    model.addChildAlgorithm(child)
    return child_id


def _add_input(model, description):
    definition = QgsProcessingParameterFeatureSource(INPUT, description)
    component = QgsProcessingModelParameter(INPUT)
    component.setPosition(QPointF(120, 120))
    component.setDescription(description)
    model.addModelParameter(definition, component)


def _field_calculator(model, child_id, description, position, previous, name, formula):
    return _child(model, "native:fieldcalculator", child_id, description, position, {
        "FIELD_NAME": _static(name), "FIELD_TYPE": _static(FLOAT),
        "FIELD_LENGTH": _static(0), "FIELD_PRECISION": _static(0),
        "NEW_FIELD": _static(True), "FORMULA": _static(formula)}, previous)


def build_fieldcalc_model(spec=None):
    """The field-calculator route to the MDI as a QgsProcessingModelAlgorithm."""
    spec = spec or load_spec()
    model = QgsProcessingModelAlgorithm(FIELDCALC_MODEL, "MDI benchmarks", "mdi_benchmarks")
    model.setHelpContent({"ALG_DESC": (
        "MDI zonder plug-in: veldberekeningen (normaliseren per indicator, gemiddelde per "
        "domein, gewogen som). / The MDI without the plugin: field calculator steps. "
        "Generated by benchmarks/models.py for the benchmarks."),
        "ALG_CREATOR": "MDI voor QGIS"})
    _add_input(model, "Laag met indicatoren / Layer with indicators")
    previous = None
    position = 0
    for indicator in spec.indicators:
        previous = _field_calculator(
            model, "indicator_" + indicator.id, "Normaliseren " + indicator.id, position,
            previous, SCORE_PREFIX + indicator.id, score_expression(indicator))
        position += 1
    for domain in spec.domain_ids:
        previous = _field_calculator(
            model, "domein_" + domain, "Domein " + domain, position, previous,
            DOMAIN_FIELD_PREFIX + domain, domain_expression(spec, domain))
        position += 1
    previous = _field_calculator(model, "totaal", "MDI (gewogen som)", position, previous,
                                 TOTAL_FIELD, total_expression(spec))
    _child(model, "native:deletecolumn", "opruimen", "Indicatorscores verwijderen",
           position + 1, {"COLUMN": _static([SCORE_PREFIX + i.id for i in spec.indicators])},
           previous, output="mdi")
    return model


def build_aggregate_model(spec=None):
    """native:aggregate (means per region code) + native:dissolve (union per region)."""
    spec = spec or load_spec()
    model = QgsProcessingModelAlgorithm(AGGREGATE_MODEL, "MDI benchmarks", "mdi_benchmarks")
    model.setHelpContent({"ALG_DESC": (
        "Regioscores zonder plug-in: native:aggregate (gemiddelden per {r}) en "
        "native:dissolve (samengevoegde geometrie). / Region scores without the plugin. "
        "Generated by benchmarks/models.py for the benchmarks.").format(r=REGION_FIELD),
        "ALG_CREATOR": "MDI voor QGIS"})
    _add_input(model, "Eenheden met MDI / Units with MDI")
    names = [TOTAL_FIELD] + [DOMAIN_FIELD_PREFIX + d for d in spec.domain_ids]
    aggregates = [_aggregate("first_value", '"{}"'.format(REGION_FIELD), REGION_FIELD, 10)]
    aggregates += [_aggregate("mean", '"{}"'.format(n), n, 6) for n in names]
    aggregates.append(_aggregate("count", '"{}"'.format(REGION_FIELD), "n_eenheden", 2))
    _child(model, "native:aggregate", "aggregeren", "Gemiddelden per regio", 0, {
        "GROUP_BY": _static('"{}"'.format(REGION_FIELD)),
        "AGGREGATES": _static(aggregates)})
    _child(model, "native:dissolve", "oplossen", "Samenvoegen per regio", 1,
           {"FIELD": _static([REGION_FIELD])}, "aggregeren", output="regios")
    return model


def _aggregate(function, expression, name, field_type):
    """One entry of native:aggregate's AGGREGATES (type: QVariant type number)."""
    return {"aggregate": function, "delimiter": ",", "input": expression, "length": 0,
            "name": name, "precision": 0, "type": field_type}


def output_name(model, output):
    """The name this QGIS gives the model output ``output`` ("opruimen:mdi" on QGIS 3.22,
    "mdi" on 3.40+), read from the model's own output definitions."""
    names = [d.name() for d in model.outputDefinitions()]
    for name in names:
        if name == output or name.endswith(":" + output):
            return name
    raise KeyError("model {} has no output {!r}; it has {}".format(
        model.name(), output, ", ".join(names)))


def main(argv):
    folder = argv[1] if len(argv) > 1 else DEFAULT_FOLDER
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QgsApplication([], False)
    app.initQgis()
    os.makedirs(folder, exist_ok=True)
    for name, build in ((FIELDCALC_MODEL, build_fieldcalc_model),
                        (AGGREGATE_MODEL, build_aggregate_model)):
        path = os.path.join(folder, name + ".model3")
        if not build().toFile(path):
            print("could not write {}".format(path), file=sys.stderr)
            return 1
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
