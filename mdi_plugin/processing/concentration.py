"""Processing algorithm mdi:concentration: per gemeente (or region) from its buurten, the
share of inhabitants per class and the English IoD summary measures for higher geographies."""

import numpy as np
from qgis.core import (QgsFeature, QgsFeatureSink, QgsFields, QgsProcessingException,
                       QgsProcessingOutputNumber, QgsProcessingParameterBoolean,
                       QgsProcessingParameterFeatureSink, QgsProcessingParameterFeatureSource,
                       QgsProcessingParameterField, QgsWkbTypes)

from ..compat import (FIELD_TYPE_ANY, SOURCE_TYPE_ANY_GEOMETRY, SOURCE_TYPE_VECTOR,
                      WKB_NO_GEOMETRY, new_field)
from ..core.aggregate import COUNT_FIELD, check_weights, describe_units
from ..core.classify import CLASS_SUFFIX, REPORT_BREAKS, classify
from ..core.concentration import NATIONAL_COUNT, check_classes, concentration
from ..core.errors import InputError, MdiError
from ..core.topn import factorise_groups
from ..core.values import parse_numeric_column, parse_year_column
from .base import Cancelled, MdiAlgorithm
from .classify_quartiles import existing_field
from .safe_output import safe_outputs
from .feature_io import read_columns
from .region_geometry import dissolve
from .top_n import UNIT_LABEL_FIELDS, find_year_like, unit_labeller, warn_pooled_years

DEFAULT_GROUP_FIELD = "gemeentecode"
#: Unit code fields the gemeente is derived from when there is no gemeentecode field.
UNIT_CODE_FIELDS = ("buurtcode", "wijkcode")
DEFAULT_POPULATION_FIELD = "inwoners"

HELP = """
<p><b>Nederlands.</b> Hoe geconcentreerd is de achterstand in een gemeente (of regio)? Uit
de buurten met hun MDI, klasse en inwoners berekent dit algoritme per gemeente (en per
jaar) het aandeel inwoners per klasse ("de helft van de inwoners van Almelo woont in een
buurt met een zeer hoge MDI") en de samenvattende maten van de English Indices of
Deprivation 2019 voor hogere gebieden (McLennan e.a., 2019, <i>Technical report</i>,
bijlage N).</p>
<ul>
<li><b>Scoreveld</b>: standaard mdi. <b>Klasseveld</b>: standaard &lt;score&gt;_klasse
(uit "Indelen in kwartielen"); ontbreekt het, dan worden de klassen bepaald met de vaste
grenzen 40, 50 en 60. <b>Inwonersveld</b>: standaard inwoners.</li>
<li><b>Groepsveld</b>: standaard gemeentecode; zonder dat veld wordt de gemeente afgeleid
uit buurtcode of wijkcode. <b>Gemeente afleiden uit codes</b> doet dat ook voor een
gekozen groepsveld. <b>Jaarveld</b> (optioneel): één object per gemeente per jaar.</li>
</ul>
<p>Rangen zijn landelijk: alle buurten met een score in de invoer worden per jaar
gerangschikt, rang r = 1 voor de hoogste score (meeste achterstand; gelijke scores delen de
laagste rang), N = aantal gerangschikte buurten (<b>n_landelijk</b>), percentiel p =
&lceil;100&middot;r/N&rceil;. Met P = inwoners van een buurt, sommen over de buurten van de
gemeente met de benodigde waarden:</p>
<ul>
<li><b>aandeel_inw_klasse_1</b> &hellip; <b>_4</b> = &Sigma;P in klasse k / &Sigma;P met een
klasse (0&ndash;1); <b>aandeel_inw_zeer_hoog</b> idem voor klasse 4 en hoger;</li>
<li><b>gem_score</b> = &Sigma;P&middot;score / &Sigma;P (bevolkingsgewogen gemiddelde
score);</li>
<li><b>gem_rang</b> = &Sigma;P&middot;r / &Sigma;P (bevolkingsgewogen gemiddelde rang; lager
= meer achterstand; de IoD telt omgekeerd, N + 1 &minus; gem_rang);</li>
<li><b>omvang</b> (extent) = &Sigma;P&middot;w(p) / &Sigma;P met w = 1 voor p &le; 10,
w = 0,95 &minus; 0,9&middot;(p &minus; 11)/19 voor 11 &le; p &le; 30 (van 0,95 tot 0,05), en
w = 0 voor p &gt; 30;</li>
<li><b>lokale_concentratie</b> = bevolkingsgewogen gemiddelde rang van de meest achtergestelde
buurten van de gemeente die samen precies 10% van haar inwoners hebben: buurten op volgorde
van rang; de buurt die over de 10%-grens gaat telt alleen mee met het deel van haar inwoners
dat nodig is om precies op 10% te komen.</li>
</ul>
<p>Uitvoer: per gemeente (en jaar) de gemeentecode, het jaar, <b>n_eenheden</b>, de som van
het inwonersveld, de maten hierboven en de samengevoegde geometrie van de buurten (of geen
geometrie bij een tabel). Buurten zonder inwoners, score of klasse tellen niet mee in de
maten die die waarde nodig hebben (met een melding); buurten zonder groep of jaar worden
genoemd en geteld (N_UNMATCHED).</p>
<p><b>English.</b> How concentrated is deprivation in a gemeente (or region)? From the
buurten with their MDI, class and inhabitants this algorithm computes per gemeente (and per
year) the share of inhabitants per class ("half of Almelo's inhabitants live in a buurt with
a very high MDI") and the English Indices of Deprivation 2019 summary measures for higher
geographies (McLennan et al., 2019, <i>Technical report</i>, Appendix N).</p>
<ul>
<li><b>Score field</b>: default mdi. <b>Class field</b>: default &lt;score&gt;_klasse (from
"Classify quartiles"); without it the classes use the fixed breaks 40, 50 and 60.
<b>Population field</b>: default inwoners.</li>
<li><b>Group field</b>: default gemeentecode; without it the gemeente is derived from
buurtcode or wijkcode. <b>Derive gemeente from codes</b> does that for a chosen group field
too. <b>Year field</b> (optional): one feature per gemeente per year.</li>
</ul>
<p>Ranks are national: every buurt with a score in the input is ranked within its year,
rank r = 1 for the highest score (most deprived; ties share the lowest rank), N = number of
ranked buurten (<b>n_landelijk</b>), percentile p = &lceil;100&middot;r/N&rceil;. With P =
inhabitants of a buurt, sums over the gemeente's buurten that have the values needed:</p>
<ul>
<li><b>aandeel_inw_klasse_1</b> &hellip; <b>_4</b> = &Sigma;P in class k / &Sigma;P with a
class (0&ndash;1); <b>aandeel_inw_zeer_hoog</b> the same for class 4 and up;</li>
<li><b>gem_score</b> = &Sigma;P&middot;score / &Sigma;P (population-weighted average
score);</li>
<li><b>gem_rang</b> = &Sigma;P&middot;r / &Sigma;P (population-weighted average rank; lower =
more deprived; the IoD counts the other way round, N + 1 &minus; gem_rang);</li>
<li><b>omvang</b> (extent) = &Sigma;P&middot;w(p) / &Sigma;P with w = 1 for p &le; 10,
w = 0.95 &minus; 0.9&middot;(p &minus; 11)/19 for 11 &le; p &le; 30 (0.95 down to 0.05),
and w = 0 for p &gt; 30;</li>
<li><b>lokale_concentratie</b> (local concentration) = population-weighted average rank of
the gemeente's most deprived buurten that together hold exactly 10% of its inhabitants:
buurten in rank order; the buurt crossing the 10% line counts with only the part of its
inhabitants needed to reach exactly 10%.</li>
</ul>
<p>Output: per gemeente (and year) the gemeente code, the year, <b>n_eenheden</b>, the sum
of the population field, the measures above and the dissolved geometry of the buurten (no
geometry for a table). Buurten without inhabitants, score or class are left out of the
measures that need that value (with a message); buurten without a group or year are listed
and counted (N_UNMATCHED).</p>
"""


class ConcentrationAlgorithm(MdiAlgorithm):
    """Share of inhabitants per class and the IoD summary measures per gemeente."""

    NAME = "concentration"
    GROUP_ID = "analysis"

    INPUT = "INPUT"
    SCORE_FIELD = "SCORE_FIELD"
    CLASS_FIELD = "CLASS_FIELD"
    POPULATION_FIELD = "POPULATION_FIELD"
    GROUP_FIELD = "GROUP_FIELD"
    DERIVE_GEMEENTE = "DERIVE_GEMEENTE"
    YEAR_FIELD = "YEAR_FIELD"
    OUTPUT = "OUTPUT"
    N_GROUPS = "N_GROUPS"
    N_UNMATCHED = "N_UNMATCHED"
    FEATURE_COUNT = "FEATURE_COUNT"

    def displayName(self):  # noqa: N802 - QGIS API
        return self.tr("Concentration per gemeente")

    def shortHelpString(self):  # noqa: N802 - QGIS API
        return HELP

    def tags(self):
        return self.tr("mdi,concentratie,concentration,extent,omvang,zeer hoog,inwoners,"
                       "population,IoD,rang,rank,gemeente,buurten").split(",")

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS API
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.INPUT, self.tr("Units (buurten) with a score"), [SOURCE_TYPE_VECTOR]))
        self.addParameter(QgsProcessingParameterField(
            self.SCORE_FIELD, self.tr("Score field (empty = mdi)"), defaultValue="mdi",
            parentLayerParameterName=self.INPUT, type=FIELD_TYPE_ANY, optional=True))
        self.addParameter(QgsProcessingParameterField(
            self.CLASS_FIELD, self.tr("Class field (empty = <score>_klasse, or fixed breaks "
                                      "40, 50, 60)"),
            parentLayerParameterName=self.INPUT, type=FIELD_TYPE_ANY, optional=True))
        self.addParameter(QgsProcessingParameterField(
            self.POPULATION_FIELD, self.tr("Population field"),
            defaultValue=DEFAULT_POPULATION_FIELD, parentLayerParameterName=self.INPUT,
            type=FIELD_TYPE_ANY, optional=True))
        self.addParameter(QgsProcessingParameterField(
            self.GROUP_FIELD, self.tr("Group field (empty = gemeentecode, or the gemeente of "
                                      "buurtcode)"),
            parentLayerParameterName=self.INPUT, type=FIELD_TYPE_ANY, optional=True))
        self.addParameter(QgsProcessingParameterBoolean(
            self.DERIVE_GEMEENTE, self.tr("Group by the gemeente derived from the codes "
                                          "(buurtcode BU03630101 -> GM0363)"),
            defaultValue=False))
        self.addParameter(QgsProcessingParameterField(
            self.YEAR_FIELD, self.tr("Year field (one feature per gemeente and year)"),
            parentLayerParameterName=self.INPUT, type=FIELD_TYPE_ANY, optional=True))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT, self.tr("Concentration"), SOURCE_TYPE_ANY_GEOMETRY))
        self.addOutput(QgsProcessingOutputNumber(self.N_GROUPS, self.tr("Number of groups")))
        self.addOutput(QgsProcessingOutputNumber(
            self.N_UNMATCHED, self.tr("Number of units in no group")))
        self.addOutput(QgsProcessingOutputNumber(
            self.FEATURE_COUNT, self.tr("Number of output features")))

    # -- parameters -------------------------------------------------------------------

    def _settings(self, parameters, context, source):
        names = source.fields().names()
        lowered = {n.lower(): n for n in names}
        score = existing_field(names, self.parameterAsString(
            parameters, self.SCORE_FIELD, context) or "mdi", self.SCORE_FIELD)
        class_field = self.parameterAsString(parameters, self.CLASS_FIELD, context) or None
        if class_field:
            class_field = existing_field(names, class_field, self.CLASS_FIELD)
        else:
            class_field = lowered.get((score + CLASS_SUFFIX).lower())
        population = existing_field(names, self.parameterAsString(
            parameters, self.POPULATION_FIELD, context) or DEFAULT_POPULATION_FIELD,
            self.POPULATION_FIELD)
        group = self.parameterAsString(parameters, self.GROUP_FIELD, context) or None
        derive = self.parameterAsBool(parameters, self.DERIVE_GEMEENTE, context)
        if group:
            group = existing_field(names, group, self.GROUP_FIELD)
        elif DEFAULT_GROUP_FIELD in lowered:
            group = lowered[DEFAULT_GROUP_FIELD]
        else:
            group = next((lowered[c] for c in UNIT_CODE_FIELDS if c in lowered), None)
            if group is None:
                raise InputError("Choose GROUP_FIELD, the field with the gemeente (or "
                                 "region) of each unit: the input has no {default}, "
                                 "{codes}.", default=DEFAULT_GROUP_FIELD,
                                 codes=" or ".join(UNIT_CODE_FIELDS))
            derive = True
        year = self.parameterAsString(parameters, self.YEAR_FIELD, context) or None
        if year:
            year = existing_field(names, year, self.YEAR_FIELD)
        roles = [(score, self.SCORE_FIELD), (population, self.POPULATION_FIELD),
                 (group, self.GROUP_FIELD), (year, self.YEAR_FIELD)]
        seen = {}
        for name, parameter in roles:
            if name is not None and name in seen:
                raise InputError("{first} and {second} are the same field '{field}'.",
                                 first=seen[name], second=parameter, field=name)
            if name is not None:
                seen[name] = parameter
        return score, class_field, population, group, derive, year

    # -- run ----------------------------------------------------------------------------

    @safe_outputs
    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 - QGIS API
        source = self.parameterAsSource(parameters, self.INPUT, context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, self.INPUT))
        try:
            settings = self._settings(parameters, context, source)
            ids, raw, result, labels = self._compute(source, *settings, feedback=feedback)
        except MdiError as err:
            raise self.error(err) from None
        except Cancelled:
            feedback.reportError(self.tr("Cancelled: no output was written."))
            return {}
        score, class_field, population, group, derive, year = settings
        for warning in result.warnings:
            feedback.pushWarning(self.message(warning))
        self._report_unmatched(result, labels, ids, raw, source, group, derive, year,
                               feedback)
        groups = result.groups
        try:
            if source.wkbType() == WKB_NO_GEOMETRY:
                geometries = [None] * groups.size
                wkb_type = WKB_NO_GEOMETRY
            else:
                feedback.pushInfo(self.tr("Dissolving the units into {count} output "
                                          "feature(s)...").format(count=groups.size))
                geometries = dissolve(source, dict(zip(ids, groups.inverse.tolist())),
                                      groups.size, feedback, progress=(50.0, 90.0))
                wkb_type = QgsWkbTypes.multiType(source.wkbType())
        except Cancelled:
            feedback.reportError(self.tr("Cancelled: no output was written."))
            return {}
        out_fields = self._output_fields(source, group, derive, year, population, result)
        sink, dest_id = self.parameterAsSink(parameters, self.OUTPUT, context, out_fields,
                                             wkb_type, source.sourceCrs())
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
        try:
            self._write(sink, out_fields, result, geometries, year is not None, feedback)
        except Cancelled:
            feedback.reportError(self.tr("Cancelled while writing: the incomplete output is "
                                         "removed."))
            return {}
        feedback.setProgress(100)
        feedback.pushInfo(self.tr("{features} output feature(s) for {groups} group(s) from "
                                  "{units} unit(s).").format(
            features=groups.size, groups=len(set(groups.regions)),
            units=int(result.unit_counts.sum())))
        return {self.OUTPUT: dest_id, self.N_GROUPS: len(set(groups.regions)),
                self.N_UNMATCHED: int(result.unmatched.size), self.FEATURE_COUNT: groups.size}

    def _compute(self, source, score, class_field, population, group, derive, year,
                 feedback):
        names = source.fields().names()
        year_like = None if year else find_year_like(names)
        label_field = next((n for c in UNIT_LABEL_FIELDS for n in names if n.lower() == c),
                           None)
        read = list(dict.fromkeys(n for n in (score, class_field, population, group, year,
                                              year_like, label_field) if n))
        feedback.pushInfo(self.tr("Reading {count} field(s) of {features} unit(s)...").format(
            count=len(read), features=source.featureCount()))
        ids, raw = read_columns(source, read, feedback, progress=(0.0, 40.0))
        if not ids:
            raise InputError("The input has no features: nothing to summarise.")
        scores = parse_numeric_column(raw[score], score, ids)
        inhabitants = parse_numeric_column(raw[population], population, ids)
        check_weights(inhabitants, population, ids)
        if class_field:
            classes = parse_numeric_column(raw[class_field], class_field, ids)
            check_classes(classes, class_field, ids)
        else:
            classes = np.array([np.nan if c is None else c
                                for c in classify(scores, REPORT_BREAKS)], dtype=float)
            feedback.pushInfo(self.tr("No class field '{field}': classes from '{score}' with "
                                      "the report's fixed breaks 40, 50, 60.").format(
                                          field=score + CLASS_SUFFIX, score=score))
        years = parse_year_column(raw[year], year, ids) if year else None
        if year_like:
            warn_pooled_years(self, raw[year_like], year_like, ids, feedback,
                              self.tr("ranked and summarised"))
        if derive:
            feedback.pushInfo(self.tr("Groups: the gemeente of the codes in '{field}'.").format(
                field=group))
        labels, keys = factorise_groups(raw[group], derive)
        feedback.setProgress(45)
        result = concentration(labels, keys, scores, inhabitants, classes, years)
        return ids, raw, result, labels

    def _report_unmatched(self, result, labels, ids, raw, source, group, derive, year,
                          feedback):
        rows = result.unmatched
        if not rows.size:
            return
        names = source.fields().names()
        label_field = next((n for c in UNIT_LABEL_FIELDS for n in names if n.lower() == c),
                           None)
        label = unit_labeller(raw.get(label_field), ids)
        no_group = rows[labels[rows] < 0]
        no_year = rows[labels[rows] >= 0]
        feedback.pushWarning(self.tr("{count} unit(s) are in no group and are left out (they "
                                     "still count in the national ranks):").format(
                                         count=int(rows.size)))
        if no_group.size:
            reason = self.tr("no gemeente code could be derived from '{field}'") if derive \
                else self.tr("no value in '{field}'")
            feedback.pushWarning(self.tr("  {count} unit(s) have {reason}: {units}").format(
                count=int(no_group.size), reason=reason.format(field=group),
                units=describe_units(no_group, label)))
        if no_year.size:
            feedback.pushWarning(self.tr("  {count} unit(s) have no year in '{field}': "
                                         "{units}").format(count=int(no_year.size),
                                                           field=year,
                                                           units=describe_units(no_year,
                                                                                label)))

    # -- output -------------------------------------------------------------------------

    def _output_fields(self, source, group, derive, year, population, result):
        out = QgsFields()
        if derive:
            out.append(new_field(DEFAULT_GROUP_FIELD, "string"))
        else:
            out.append(source.fields().field(group))
        if year:
            out.append(new_field(year, "int"))
        out.append(new_field(COUNT_FIELD, "int"))
        out.append(new_field(population, "double"))
        for name in result.measures:
            kind = "int" if name == NATIONAL_COUNT else "double"
            out.append(new_field(name, kind))
        return out

    def _write(self, sink, out_fields, result, geometries, with_year, feedback):
        groups = result.groups
        measures = [m.tolist() for m in result.measures.values()]
        counts = result.unit_counts.tolist()
        population = result.population.tolist()
        years = groups.years.tolist() if with_year else None
        for index, key in enumerate(groups.regions):
            if index % 500 == 0:
                self.check_cancel(feedback)
            attributes = [key]
            if with_year:
                attributes.append(int(years[index]))
            attributes += [counts[index], population[index]]
            attributes += [None if column[index] != column[index] else
                           (int(column[index]) if name == NATIONAL_COUNT else column[index])
                           for name, column in zip(result.measures, measures)]
            feature = QgsFeature(out_fields)
            if geometries[index] is not None:
                feature.setGeometry(geometries[index])
            feature.setAttributes(attributes)
            if not sink.addFeature(feature, QgsFeatureSink.Flag.FastInsert):
                raise QgsProcessingException(self.tr(
                    "Could not write the output feature of group '{group}'.").format(
                        group=key))
