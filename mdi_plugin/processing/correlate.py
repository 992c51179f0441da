"""Processing algorithm mdi:correlate: Pearson and Spearman of a score with comparison
indicators, as a table."""

import numpy as np
from qgis.core import (QgsCoordinateReferenceSystem, QgsExpression, QgsFeature,
                       QgsFeatureRequest, QgsFeatureSink, QgsFields, QgsProcessingException,
                       QgsProcessingFeatureSourceDefinition, QgsProcessingOutputNumber,
                       QgsProcessingParameterEnum, QgsProcessingParameterExpression,
                       QgsProcessingParameterFeatureSink, QgsProcessingParameterFeatureSource,
                       QgsProcessingParameterField, QgsProcessingParameterNumber)

from ..compat import (FIELD_TYPE_ANY, REQUEST_NO_GEOMETRY, SOURCE_TYPE_VECTOR, WKB_NO_GEOMETRY,
                      is_null, new_field, parameter_as_strings)
from ..core.compute import TOTAL_FIELD, domain_field, similar_names
from ..core.correlation import correlate, mdi_without_domain, select_year
from ..core.errors import MdiError
from ..core.spec import load_spec
from ..core.values import parse_numeric_column, parse_year_column
from .base import Cancelled, MdiAlgorithm
from .feature_io import iterate_features, read_columns
from .safe_output import safe_outputs

#: Field names that suggest several years in one table (warning when YEAR_FIELD is empty).
YEAR_LIKE_FIELDS = ("jaar", "year", "jaartal", "peiljaar")
_CHECK_EVERY = 1000

HELP = """
<p><b>Nederlands.</b> Correleert een score (standaard de MDI) met vergelijkingsindicatoren,
zoals het rapport doet met opkomst, energiearmoede, ongezonde leefstijl, groene en grijze
druk enz. Uitvoer is een tabel met per indicator: <b>n</b>, <b>r_pearson</b> en
<b>p_pearson</b>, <b>r_spearman</b> en <b>p_spearman</b>, <b>sterkte</b> volgens Field
(2009) op |r| van Pearson (geen &lt; 0,1; zwak &lt; 0,3; matig &lt; 0,5; sterk &ge; 0,5),
<b>richting</b> (positief/negatief), <b>sterkte_spearman</b>, en de gebruikte
<b>score</b>, <b>selectie</b> en <b>jaar</b>.</p>
<ul>
<li><b>Vergelijkingsvelden</b>: numeriek, of tekst met getallen (decimale komma mag;
CBS-codes als -99997 en "." tellen als ontbrekend).</li>
<li><b>Ontbrekende waarden</b>: paarsgewijs weggelaten: elke indicator gebruikt de rijen
waar zowel de score als die indicator een waarde heeft, dus n kan per indicator
verschillen.</li>
<li><b>p-waarden</b>: tweezijdig, uit de t-verdeling met n&minus;2 vrijheidsgraden.
Spearman is Pearson op de rangnummers (gelijke waarden krijgen hun gemiddelde rang); de
p-waarde gebruikt dezelfde t-benadering (goed vanaf ongeveer n = 10).</li>
<li>Minder dan 3 paren, of geen spreiding: r en p blijven leeg (NULL), met een
waarschuwing.</li>
<li><b>Selectie</b>: een expressie (bijv. <code>"focusregio" = 1</code>) en/of "alleen
geselecteerde objecten" beperken de rijen.</li>
<li><b>Jaarveld</b> en <b>jaar</b>: kies één jaar uit een lange tabel (zonder jaar moet de
tabel precies één jaar bevatten).</li>
<li><b>Domein weglaten</b>: berekent de MDI opnieuw uit de velden mdi_&lt;domein&gt;
zonder dat domein, met de overige gepubliceerde gewichten herschaald naar 100 (dat
verandert r niet), om cirkelredeneringen te voorkomen (bijv. energiearmoede tegen een MDI
zonder woonomgeving). Het scoreveld wordt dan niet gebruikt.</li>
</ul>
<p>Correlatie is geen oorzakelijk verband.</p>
<p><b>English.</b> Correlates a score (default the MDI) with comparison indicators, as the
report does with turnout, energy poverty, unhealthy lifestyle, green and grey pressure etc.
The output is a table with per indicator: <b>n</b>, <b>r_pearson</b> and <b>p_pearson</b>,
<b>r_spearman</b> and <b>p_spearman</b>, <b>sterkte</b> (strength after Field 2009 on the
Pearson |r|: geen/none &lt; 0.1, zwak/weak &lt; 0.3, matig/moderate &lt; 0.5, sterk/strong
&ge; 0.5), <b>richting</b> (direction), <b>sterkte_spearman</b>, and the <b>score</b>,
<b>selectie</b> (subset) and <b>jaar</b> (year) used.</p>
<ul>
<li><b>Comparison fields</b>: numeric, or text holding numbers (decimal comma allowed; CBS
codes such as -99997 and "." are missing).</li>
<li><b>Missing values</b>: pairwise deletion: each indicator uses the rows where both the
score and that indicator have a value, so n can differ per indicator.</li>
<li><b>p-values</b>: two-sided, from the t distribution with n&minus;2 degrees of freedom.
Spearman is Pearson on the ranks (ties share their mean rank); its p-value uses the same t
approximation (good from about n = 10).</li>
<li>Fewer than 3 pairs, or no variance: r and p are NULL, with a warning.</li>
<li><b>Subset</b>: an expression (e.g. <code>"focusregio" = 1</code>) and/or "selected
features only" restrict the rows.</li>
<li><b>Year field</b> and <b>year</b>: pick one year from a long table (without a year the
table must hold exactly one year).</li>
<li><b>Leave out domain</b>: recomputes the MDI from the mdi_&lt;domain&gt; fields without
that domain, with the remaining published weights rescaled to 100 (this does not change
r), to avoid circular results (e.g. energy poverty against an MDI without the living
environment). The score field is then not used.</li>
</ul>
<p>Correlation is not causation.</p>
"""


# -- helpers shared with the other "beyond the report" algorithms ----------------------

def require_field(algorithm, source, name, parameter):
    """The field as spelled in ``source`` (exact, else ignoring case); otherwise a
    QgsProcessingException naming the parameter with similar field names."""
    names = source.fields().names()
    if name in names:
        return name
    lowered = {n.lower(): n for n in names}
    if name.lower() in lowered:
        return lowered[name.lower()]
    similar = similar_names(name, names)
    hint = (algorithm.tr("Similar fields: {names}.").format(names=", ".join(similar))
            if similar else algorithm.tr("Available fields: {names}.").format(
                names=", ".join(names)))
    raise QgsProcessingException(algorithm.tr(
        "{parameter}: field '{field}' is not in the input. {hint}").format(
            parameter=parameter, field=name, hint=hint))


def optional_number(parameters, name):
    """The value of an optional number parameter, or None when it is not set."""
    value = parameters.get(name)
    if is_null(value) or (isinstance(value, str) and not value.strip()):
        return None
    return float(value)


def year_like_field(source, year_field):
    """A field named like a year (jaar, year, ...) when YEAR_FIELD is empty, else None."""
    if year_field:
        return None
    return next((n for n in source.fields().names() if n.lower() in YEAR_LIKE_FIELDS), None)


def warn_pooled_years(algorithm, values, name, ids, feedback):
    """Warn when a year-like field holds several years while YEAR_FIELD is empty."""
    try:
        years = parse_year_column(values, name, ids)
    except MdiError:
        return
    distinct = np.unique(years[~np.isnan(years)])
    if distinct.size > 1:
        feedback.pushWarning(algorithm.tr(
            "The input has {count} years in field '{field}' ({years}) but YEAR_FIELD is "
            "empty: all rows are used together. Set YEAR_FIELD to '{field}' and YEAR to "
            "analyse one year.").format(count=int(distinct.size), field=name,
                                        years=", ".join("{:g}".format(y) for y in distinct)))


def selected_only(parameters, name):
    """True when the source parameter asks for the selected features only."""
    value = parameters.get(name)
    return isinstance(value, QgsProcessingFeatureSourceDefinition) and \
        bool(value.selectedFeaturesOnly)


def nullable(value):
    """NaN and None become NULL; numpy numbers become Python numbers."""
    if value is None:
        return None
    if isinstance(value, (float, np.floating)) and value != value:
        return None
    return value.item() if hasattr(value, "item") else value


class CorrelateAlgorithm(MdiAlgorithm):
    """Correlate a score field with comparison fields (Pearson and Spearman)."""

    NAME = "correlate"
    GROUP_ID = "analysis"

    INPUT = "INPUT"
    SCORE_FIELD = "SCORE_FIELD"
    COMPARE_FIELDS = "COMPARE_FIELDS"
    SUBSET = "SUBSET"
    EXCLUDE_DOMAIN = "EXCLUDE_DOMAIN"
    YEAR_FIELD = "YEAR_FIELD"
    YEAR = "YEAR"
    OUTPUT = "OUTPUT"
    N_ROWS = "N_ROWS"
    N_INDICATORS = "N_INDICATORS"

    def displayName(self):  # noqa: N802 - QGIS API
        return self.tr("Correlate with comparison indicators")

    def shortHelpString(self):  # noqa: N802 - QGIS API
        return HELP

    def tags(self):
        return self.tr("mdi,correlatie,correlation,pearson,spearman,samenhang,field,"
                       "energiearmoede,opkomst").split(",")

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS API
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.INPUT, self.tr("Input (e.g. gemeenten with MDI)"), [SOURCE_TYPE_VECTOR]))
        self.addParameter(QgsProcessingParameterField(
            self.SCORE_FIELD, self.tr("Score field"), defaultValue=TOTAL_FIELD,
            parentLayerParameterName=self.INPUT, type=FIELD_TYPE_ANY, optional=True))
        self.addParameter(QgsProcessingParameterField(
            self.COMPARE_FIELDS, self.tr("Comparison indicator fields"),
            parentLayerParameterName=self.INPUT, type=FIELD_TYPE_ANY, allowMultiple=True))
        self.addParameter(QgsProcessingParameterExpression(
            self.SUBSET, self.tr("Only rows where (expression, e.g. \"focusregio\" = 1)"),
            parentLayerParameterName=self.INPUT, optional=True))
        self.addParameter(QgsProcessingParameterEnum(
            self.EXCLUDE_DOMAIN, self.tr("Leave out domain (MDI recomputed from "
                                         "mdi_<domain> fields)"),
            options=list(load_spec().domain_ids), optional=True, usesStaticStrings=True))
        self.addParameter(QgsProcessingParameterField(
            self.YEAR_FIELD, self.tr("Year field"), parentLayerParameterName=self.INPUT,
            type=FIELD_TYPE_ANY, optional=True))
        self.addParameter(QgsProcessingParameterNumber(
            self.YEAR, self.tr("Year (with a year field)"), optional=True))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT, self.tr("Correlations"), SOURCE_TYPE_VECTOR))
        self.addOutput(QgsProcessingOutputNumber(
            self.N_ROWS, self.tr("Number of rows analysed")))
        self.addOutput(QgsProcessingOutputNumber(
            self.N_INDICATORS, self.tr("Number of comparison indicators")))

    @safe_outputs
    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 - QGIS API
        source = self.parameterAsSource(parameters, self.INPUT, context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, self.INPUT))
        try:
            return self._run(parameters, context, feedback, source)
        except MdiError as err:
            raise self.error(err) from None
        except Cancelled:
            feedback.reportError(self.tr("Cancelled: no output was written."))
            return {}

    def _run(self, parameters, context, feedback, source):
        spec = load_spec()
        exclude = self.parameterAsEnumString(parameters, self.EXCLUDE_DOMAIN, context) or None
        score_name = self.parameterAsString(parameters, self.SCORE_FIELD, context) or None
        compare = parameter_as_strings(self, parameters, self.COMPARE_FIELDS, context)
        if not compare:
            raise self._fail("Choose at least one field in COMPARE_FIELDS.")
        compare = list(dict.fromkeys(require_field(self, source, f, self.COMPARE_FIELDS)
                                     for f in compare))
        domain_names = {}
        if exclude:
            for domain in spec.domain_ids:
                if domain != exclude:
                    domain_names[domain] = require_field(self, source, domain_field(domain),
                                                         self.EXCLUDE_DOMAIN)
            if score_name and score_name.lower() != TOTAL_FIELD:
                feedback.pushWarning(self.tr(
                    "SCORE_FIELD '{field}' is not used: with EXCLUDE_DOMAIN the score is the "
                    "MDI recomputed without '{domain}'.").format(
                        field=score_name, domain=exclude))
        else:
            if not score_name:
                raise self._fail("Choose SCORE_FIELD (e.g. mdi), or EXCLUDE_DOMAIN to "
                                 "recompute the MDI without one domain.")
            score_name = require_field(self, source, score_name, self.SCORE_FIELD)
        year_field = self.parameterAsString(parameters, self.YEAR_FIELD, context) or None
        if year_field:
            year_field = require_field(self, source, year_field, self.YEAR_FIELD)
        year = optional_number(parameters, self.YEAR)
        if year is not None and not year_field:
            raise self._fail("YEAR is set but YEAR_FIELD is not: choose the field that "
                             "holds the year.")
        subset = self._subset_expression(parameters, context, source)
        year_like = year_like_field(source, year_field)

        read = list(dict.fromkeys(
            ([] if exclude else [score_name]) + list(domain_names.values()) + compare +
            [n for n in (year_field, year_like) if n]))
        ids, raw = read_columns(source, read, feedback, progress=(0.0, 40.0))
        if not ids:
            raise self._fail("The input has no features: nothing to correlate.")
        rows = np.ones(len(ids), dtype=bool)
        used_year = None
        if year_field:
            rows, used_year = select_year(parse_year_column(raw[year_field], year_field, ids),
                                          year)
            feedback.pushInfo(self.tr("Year {year:g}: {count} row(s).").format(
                year=used_year, count=int(rows.sum())))
        elif year_like:
            warn_pooled_years(self, raw[year_like], year_like, ids, feedback)
        if subset is not None:
            matching = self._matching_ids(subset, parameters, context, source, feedback)
            rows &= np.fromiter((fid in matching for fid in ids), dtype=bool, count=len(ids))
            feedback.pushInfo(self.tr("Subset {expression}: {count} row(s).").format(
                expression=subset.expression(), count=int(rows.sum())))
        if not rows.any():
            raise self._fail("No rows are left after the selection (year and/or subset): "
                             "there is nothing to correlate. Check YEAR and SUBSET.")

        if exclude:
            domain_scores = {d: parse_numeric_column(raw[name], name, ids)[rows]
                             for d, name in domain_names.items()}
            score = mdi_without_domain(spec, domain_scores, exclude)
            score_label = "{} zonder {}".format(TOTAL_FIELD, exclude)
        else:
            score = parse_numeric_column(raw[score_name], score_name, ids)[rows]
            score_label = score_name
        columns = {name: parse_numeric_column(raw[name], name, ids)[rows]
                   for name in compare}
        feedback.setProgress(60)
        result = correlate(score, columns)
        for warning in result.warnings:
            feedback.pushWarning(self.message(warning))

        selection = [subset.expression()] if subset is not None else []
        if selected_only(parameters, self.INPUT):
            selection.insert(0, "geselecteerde objecten")
        fields = self._fields()
        sink, dest_id = self.parameterAsSink(parameters, self.OUTPUT, context, fields,
                                             WKB_NO_GEOMETRY, QgsCoordinateReferenceSystem())
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
        for row in result.rows:
            feature = QgsFeature(fields)
            feature.setAttributes([
                row.indicator, row.n, nullable(row.r_pearson), nullable(row.p_pearson),
                nullable(row.r_spearman), nullable(row.p_spearman), row.strength,
                row.direction, row.strength_spearman, score_label,
                " en ".join(selection) or None,
                None if used_year is None else int(used_year)])
            sink.addFeature(feature, QgsFeatureSink.Flag.FastInsert)
            self._log_row(row, feedback)
        feedback.setProgress(100)
        return {self.OUTPUT: dest_id, self.N_ROWS: int(rows.sum()),
                self.N_INDICATORS: len(result.rows)}

    @staticmethod
    def _fields():
        fields = QgsFields()
        for name, kind in (("indicator", "string"), ("n", "int"), ("r_pearson", "double"),
                           ("p_pearson", "double"), ("r_spearman", "double"),
                           ("p_spearman", "double"), ("sterkte", "string"),
                           ("richting", "string"), ("sterkte_spearman", "string"),
                           ("score", "string"), ("selectie", "string"), ("jaar", "int")):
            fields.append(new_field(name, kind))
        return fields

    def _log_row(self, row, feedback):
        if row.r_pearson != row.r_pearson:
            feedback.pushInfo(self.tr("{indicator}: n = {n}, no correlation.").format(
                indicator=row.indicator, n=row.n))
            return
        feedback.pushInfo(self.tr(
            "{indicator}: n = {n}, Pearson r = {r:.3f} (p = {p:.3g}, {strength}, "
            "{direction}), Spearman rho = {rho:.3f} (p = {p_rho:.3g}).").format(
                indicator=row.indicator, n=row.n, r=row.r_pearson, p=row.p_pearson,
                strength=row.strength, direction=row.direction, rho=row.r_spearman,
                p_rho=row.p_spearman))

    # -- subset ------------------------------------------------------------------------

    def _subset_expression(self, parameters, context, source):
        """The prepared SUBSET expression, or None; a parser error names the problem."""
        text = self.parameterAsString(parameters, self.SUBSET, context)
        if not text or not text.strip():
            return None
        expression = QgsExpression(text)
        if expression.hasParserError():
            raise self._fail("SUBSET expression {expression} is not valid: {error}",
                             expression=text, error=expression.parserErrorString().strip())
        return expression

    def _matching_ids(self, expression, parameters, context, source, feedback):
        """Ids of the features for which the SUBSET expression is true."""
        expression_context = self.createExpressionContext(parameters, context, source)
        expression.prepare(expression_context)
        request = QgsFeatureRequest()
        if not expression.needsGeometry():
            request.setFlags(REQUEST_NO_GEOMETRY)
        referenced = expression.referencedColumns()
        if QgsFeatureRequest.ALL_ATTRIBUTES not in referenced:
            request.setSubsetOfAttributes(list(referenced), source.fields())
        matching = set()
        total = max(source.featureCount(), 1)
        for count, feature in enumerate(iterate_features(source, request)):
            if count % _CHECK_EVERY == 0:
                self.check_cancel(feedback)
                feedback.setProgress(40.0 + 20.0 * count / total)
            expression_context.setFeature(feature)
            value = expression.evaluate(expression_context)
            if expression.hasEvalError():
                raise self._fail("SUBSET expression {expression} fails on feature {feature}: "
                                 "{error}", expression=expression.expression(),
                                 feature=feature.id(), error=expression.evalErrorString().strip())
            if not is_null(value) and bool(value):
                matching.add(feature.id())
        return matching
