"""mdi:correlate: Pearson and Spearman of a score with comparison indicators, as a table."""

import numpy as np
from qgis.core import (QgsCoordinateReferenceSystem, QgsExpression, QgsFeature,
                       QgsFeatureRequest, QgsFeatureSink, QgsFields,
                       QgsProcessingParameterEnum, QgsProcessingParameterExpression,
                       QgsProcessingParameterField)

from ...compat import (FIELD_TYPE_ANY, REQUEST_NO_GEOMETRY, SOURCE_TYPE_VECTOR,
                       WKB_NO_GEOMETRY, is_null, new_field)
from ...core.compute import TOTAL_FIELD, domain_field
from ...core.correlation import correlate, mdi_without_domain, select_year
from ...core.errors import InputError
from ...core.fieldnames import field_hint, find_field, find_shortened
from ...core.spec import load_spec
from ...core.values import parse_numeric_column, parse_year_column
from ...i18n import tr_noop
from ..base import MdiAlgorithm
from ..feature_io import attribute_value, iterate_features, read_columns
from ..fields import require_field, warn_pooled_years, year_like_field
from ..parameters import count, field, input_source, sink, year, year_field
from ..progress import tick

#: (name, type) of the output table's fields.
OUTPUT_FIELDS = (("indicator", "string"), ("n", "int"), ("r_pearson", "double"),
                 ("p_pearson", "double"), ("r_spearman", "double"), ("p_spearman", "double"),
                 ("sterkte", "string"), ("richting", "string"),
                 ("sterkte_spearman", "string"), ("score", "string"),
                 ("selectie", "string"), ("jaar", "int"))


class CorrelateAlgorithm(MdiAlgorithm):
    """Correlate a score field with comparison fields (Pearson and Spearman)."""

    NAME = "correlate"
    DISPLAY_NAME = tr_noop("Correlate with comparison indicators")
    GROUP_ID = "analysis"
    TAGS = tr_noop("mdi,correlatie,correlation,pearson,spearman,samenhang,field,"
                   "energiearmoede,opkomst")

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS API
        self.addParameter(input_source(self.tr("Input (e.g. gemeenten with MDI)")))
        self.addParameter(field("SCORE_FIELD", self.tr("Score field"), default=TOTAL_FIELD))
        self.addParameter(QgsProcessingParameterField(
            "COMPARE_FIELDS", self.tr("Comparison indicator fields"),
            parentLayerParameterName="INPUT", type=FIELD_TYPE_ANY, allowMultiple=True))
        self.addParameter(QgsProcessingParameterExpression(
            "SUBSET", self.tr("Only rows where (expression, e.g. \"focusregio\" = 1)"),
            parentLayerParameterName="INPUT", optional=True))
        self.addParameter(QgsProcessingParameterEnum(
            "EXCLUDE_DOMAIN", self.tr("Leave out domain (MDI recomputed from "
                                      "mdi_<domain> fields)"),
            options=list(load_spec().domain_ids), optional=True, usesStaticStrings=True))
        self.addParameter(year_field())
        self.addParameter(year())
        self.addParameter(sink(self.tr("Correlations"), types=SOURCE_TYPE_VECTOR))
        self.addOutput(count("N_ROWS", self.tr("Number of rows analysed")))
        self.addOutput(count("N_INDICATORS", self.tr("Number of comparison indicators")))

    def execute(self, run):
        source = run.source()
        spec = load_spec()
        exclude = run.choice_text("EXCLUDE_DOMAIN")
        score_name = run.text("SCORE_FIELD")
        compare = run.field_list("COMPARE_FIELDS", source)
        if not compare:
            raise InputError("Choose at least one field in COMPARE_FIELDS.")
        domain_names = {}
        if exclude:
            names = source.fields().names()  # mdi_inkome(n): a Shapefile keeps 10 characters
            domain_names = {d: find_shortened(domain_field(d), names) or
                            require_field(source, domain_field(d), "EXCLUDE_DOMAIN")
                            for d in spec.domain_ids if d != exclude}
            if score_name and score_name.lower() != TOTAL_FIELD:
                run.warn("SCORE_FIELD '{field}' is not used: with EXCLUDE_DOMAIN the score is "
                         "the MDI recomputed without '{domain}'.", field=score_name,
                         domain=exclude)
        elif not score_name:
            raise InputError("Choose SCORE_FIELD (e.g. mdi), or EXCLUDE_DOMAIN to recompute "
                             "the MDI without one domain.")
        else:
            score_name = require_field(source, score_name, "SCORE_FIELD")
        year_name = run.field("YEAR_FIELD", source)
        year_ = run.optional_number("YEAR")
        if year_ is not None and not year_name:
            raise InputError("YEAR is set but YEAR_FIELD is not: choose the field that holds "
                             "the year.")
        subset = self._subset_expression(run, source)
        year_like = year_like_field(source, year_name)

        read = list(dict.fromkeys(
            ([] if exclude else [score_name]) + list(domain_names.values()) + compare +
            [n for n in (year_name, year_like) if n]))
        ids, raw = read_columns(source, read, run.steps(3))
        if not ids:
            raise InputError("The input has no features: nothing to correlate.")
        rows = np.ones(len(ids), dtype=bool)
        used_year = None
        if year_name:
            rows, used_year = select_year(parse_year_column(raw[year_name], year_name, ids),
                                          year_)
            run.info("Year {year:g}: {count} row(s).", year=used_year, count=int(rows.sum()))
        elif year_like:
            warn_pooled_years(run, raw[year_like], year_like)
        if subset is not None:
            matching = self._matching_ids(run, subset, source, run.step(1))
            rows &= np.fromiter((fid in matching for fid in ids), dtype=bool, count=len(ids))
            run.info("Subset {expression}: {count} row(s).", expression=subset.expression(),
                     count=int(rows.sum()))
        if not rows.any():
            raise InputError("No rows are left after the selection (year and/or subset): "
                             "there is nothing to correlate. Check YEAR and SUBSET.")

        if exclude:
            score = mdi_without_domain(spec, {d: parse_numeric_column(raw[n], n, ids)[rows]
                                              for d, n in domain_names.items()}, exclude)
            score_label = "{} zonder {}".format(TOTAL_FIELD, exclude)
        else:
            score = parse_numeric_column(raw[score_name], score_name, ids)[rows]
            score_label = score_name
        result = correlate(score, {name: parse_numeric_column(raw[name], name, ids)[rows]
                                   for name in compare})
        run.warn_all(result.warnings)

        selection = [subset.expression()] if subset is not None else []
        if run.selected_only("INPUT"):
            selection.insert(0, "geselecteerde objecten")
        fields = QgsFields()
        for name, kind in OUTPUT_FIELDS:
            fields.append(new_field(name, kind))
        sink_, dest_id = run.sink("OUTPUT", fields, WKB_NO_GEOMETRY,
                                  QgsCoordinateReferenceSystem())
        feedback = run.step(2)
        for number, row in enumerate(result.rows, 1):
            feature = QgsFeature(fields)
            feature.setAttributes([
                row.indicator, row.n, attribute_value(row.r_pearson),
                attribute_value(row.p_pearson), attribute_value(row.r_spearman),
                attribute_value(row.p_spearman), row.strength, row.direction,
                row.strength_spearman, score_label, " en ".join(selection) or None,
                None if used_year is None else int(used_year)])
            sink_.addFeature(feature, QgsFeatureSink.Flag.FastInsert)
            self._log_row(run, row)
            tick(feedback, number, len(result.rows), every=1)
        return {"OUTPUT": dest_id, "N_ROWS": int(rows.sum()), "N_INDICATORS": len(result.rows)}

    @staticmethod
    def _log_row(run, row):
        if row.r_pearson != row.r_pearson:
            run.info("{indicator}: n = {n}, no correlation.", indicator=row.indicator, n=row.n)
            return
        run.info("{indicator}: n = {n}, Pearson r = {r:.3f} (p = {p:.3g}, {strength}, "
                 "{direction}), Spearman rho = {rho:.3f} (p = {p_rho:.3g}).",
                 indicator=row.indicator, n=row.n, r=row.r_pearson, p=row.p_pearson,
                 strength=row.strength, direction=row.direction, rho=row.r_spearman,
                 p_rho=row.p_spearman)

    @staticmethod
    def _subset_expression(run, source):
        """The SUBSET expression, or None; a parser error or a field the input does not
        have names the problem."""
        text = run.text("SUBSET")
        if text is None:
            return None
        expression = QgsExpression(text)
        if expression.hasParserError():
            raise InputError("SUBSET expression {expression} is not valid: {error}",
                             expression=text, error=expression.parserErrorString().strip())
        names = source.fields().names()
        unknown = [c for c in sorted(expression.referencedColumns())
                   if c != QgsFeatureRequest.ALL_ATTRIBUTES and find_field(c, names) is None]
        if unknown:
            raise InputError("SUBSET expression {expression} uses field '{field}', which the "
                             "input does not have. {hint}", expression=text, field=unknown[0],
                             hint=field_hint(unknown[0], names))
        return expression

    def _matching_ids(self, run, expression, source, feedback):
        """Ids of the features for which the SUBSET expression is true."""
        expression_context = self.createExpressionContext(run.parameters, run.context, source)
        expression.prepare(expression_context)
        if expression.hasEvalError():
            raise InputError("SUBSET expression {expression} cannot be used on this input: "
                             "{error}", expression=expression.expression(),
                             error=expression.evalErrorString().strip())
        request = QgsFeatureRequest()
        if not expression.needsGeometry():
            request.setFlags(REQUEST_NO_GEOMETRY)
        referenced = expression.referencedColumns()
        if QgsFeatureRequest.ALL_ATTRIBUTES not in referenced:
            request.setSubsetOfAttributes(list(referenced), source.fields())
        matching = set()
        total = source.featureCount()
        for count_, feature in enumerate(iterate_features(source, request)):
            tick(feedback, count_, total)
            expression_context.setFeature(feature)
            value = expression.evaluate(expression_context)
            if expression.hasEvalError():
                raise InputError("SUBSET expression {expression} fails on feature {feature}: "
                                 "{error}", expression=expression.expression(),
                                 feature=feature.id(), error=expression.evalErrorString().strip())
            if not is_null(value) and bool(value):
                matching.add(feature.id())
        return matching
