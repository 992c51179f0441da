"""Processing algorithm mdi:topn: rank areas and flag the N worst, overall or per group."""

import numpy as np
from qgis.core import (QgsFeature, QgsFeatureRequest, QgsFeatureSink,
                       QgsProcessingException, QgsProcessingOutputNumber,
                       QgsProcessingParameterBoolean, QgsProcessingParameterFeatureSink,
                       QgsProcessingParameterFeatureSource, QgsProcessingParameterField,
                       QgsProcessingParameterNumber)

from ..compat import FIELD_TYPE_ANY, SOURCE_TYPE_ANY_GEOMETRY, SOURCE_TYPE_VECTOR, new_field
from ..core.aggregate import describe_units
from ..core.errors import InputError, MdiError
from ..core.topn import (CODE_FIELDS, DEFAULT_N, FLAG_FIELD, GROUP_RANK_FIELD, RANK_FIELD,
                         factorise_groups, top_n)
from ..core.values import parse_numeric_column, parse_year_column
from .base import Cancelled, MdiAlgorithm
from .classify_quartiles import existing_field
from .safe_output import safe_outputs
from .feature_io import iterate_features, output_fields, read_columns

#: Fields that name a unit in the log (first one found).
UNIT_LABEL_FIELDS = ("buurtcode", "wijkcode", "gemeentecode", "statcode", "code")
#: Field names that suggest several years in one table (warning when YEAR_FIELD is empty).
YEAR_LIKE_FIELDS = ("jaar", "year", "jaartal", "peiljaar")
_CHECK_EVERY = 1000

HELP = """
<p><b>Nederlands.</b> Rangschikt gebieden op een score en markeert de N hoogste (slechtste),
over alle gebieden of binnen elke groep, bijvoorbeeld "de 10 buurten met de hoogste MDI" per
gemeente.</p>
<ul>
<li><b>Veld</b>: standaard mdi. <b>N</b>: standaard 10.</li>
<li><b>Groepsveld</b> (optioneel, bijv. gemeentecode): rangschikt ook binnen elke groep.
<b>Gemeente afleiden uit codes</b>: groepeert per gemeente van de codes in het groepsveld
(buurtcode BU03630101 &rarr; GM0363; wijk- en gemeentecodes ook, in elke CBS-vorm). Zonder
groepsveld wordt dan het eerste van gemeentecode, buurtcode, wijkcode gebruikt.</li>
<li><b>Jaarveld</b> (optioneel): rangschikt binnen elk jaar.</li>
<li><b>Oplopend</b>: markeert de N laagste (beste) in plaats van de hoogste.</li>
<li><b>Alleen gemarkeerde</b>: de uitvoer bevat alleen de gemarkeerde gebieden (handig voor
een kaart van de tien slechtste buurten).</li>
</ul>
<p>Uitvoer: alle invoervelden plus <b>rang</b> (1 = slechtste, binnen het jaar),
<b>top_n</b> (1 = gemarkeerd, anders 0) en, met een groepsveld, <b>rang_binnen_groep</b>
(binnen groep en jaar; top_n volgt dan deze rang). Gelijke waarden delen de laagste rang
(1, 2, 2, 4); delen gebieden plaats N, dan worden ze allemaal gemarkeerd, dus soms meer dan
N. Lege (NULL) waarden krijgen nooit een rang (rang leeg, top_n 0); gebieden zonder groep
krijgen geen rang_binnen_groep. De invoer wordt niet gewijzigd.</p>
<p><b>English.</b> Ranks areas by a score and flags the N highest (worst), over all areas
or within each group, e.g. "the 10 buurten with the highest MDI" per gemeente.</p>
<ul>
<li><b>Field</b>: default mdi. <b>N</b>: default 10.</li>
<li><b>Group field</b> (optional, e.g. gemeentecode): also ranks within each group.
<b>Derive gemeente from codes</b>: groups by the gemeente of the codes in the group field
(buurtcode BU03630101 &rarr; GM0363; wijk and gemeente codes too, in any CBS form). Without
a group field the first of gemeentecode, buurtcode, wijkcode is used.</li>
<li><b>Year field</b> (optional): ranks within each year.</li>
<li><b>Ascending</b>: flags the N lowest (best) instead of the highest.</li>
<li><b>Only flagged</b>: the output holds only the flagged areas (for a map of the ten
worst buurten).</li>
</ul>
<p>Output: all input fields plus <b>rang</b> (1 = worst, within the year), <b>top_n</b>
(1 = flagged, else 0) and, with a group field, <b>rang_binnen_groep</b> (within group and
year; top_n then follows this rank). Ties share the lowest rank (1, 2, 2, 4); areas tied at
place N are all flagged, so sometimes more than N are. NULL values are never ranked (rang
NULL, top_n 0); areas without a group get no rang_binnen_groep. The input is not
modified.</p>
"""


def find_year_like(names):
    """The first field named like a year field (jaar, year, ...), or None."""
    return next((n for n in names if n.lower() in YEAR_LIKE_FIELDS), None)


def warn_pooled_years(algorithm, raw, name, ids, feedback, what):
    """Warn when a year-like field holds several years but YEAR_FIELD is empty."""
    try:
        years = parse_year_column(raw, name, ids)
    except MdiError:
        return
    distinct = np.unique(years[~np.isnan(years)])
    if distinct.size > 1:
        feedback.pushWarning(algorithm.tr(
            "The input has {count} years in field '{field}' ({years}) but YEAR_FIELD is "
            "empty: all years are {what} together. Set YEAR_FIELD to '{field}' to treat each "
            "year on its own.").format(count=int(distinct.size), field=name,
                                       years=", ".join("{:g}".format(y) for y in distinct),
                                       what=what))


def unit_labeller(raw_codes, ids):
    """A function giving 'BU0001 (feature 3)' for a row, for describe_units."""
    def label(row):
        code = raw_codes[row] if raw_codes is not None else None
        if code in (None, ""):
            return "feature {}".format(ids[row])
        return "{} (feature {})".format(code, ids[row])
    return label


def as_int(value):
    """NaN -> None, numbers -> int."""
    return None if value != value else int(value)


class TopNAlgorithm(MdiAlgorithm):
    """Rank areas by a score and flag the N worst overall or per group."""

    NAME = "topn"
    GROUP_ID = "analysis"
    OUTPUT_STYLE = "mdi_top_n"

    INPUT = "INPUT"
    FIELD = "FIELD"
    N = "N"
    GROUP_FIELD = "GROUP_FIELD"
    DERIVE_GEMEENTE = "DERIVE_GEMEENTE"
    YEAR_FIELD = "YEAR_FIELD"
    ASCENDING = "ASCENDING"
    ONLY_SELECTED = "ONLY_SELECTED"
    OUTPUT = "OUTPUT"
    N_FLAGGED = "N_FLAGGED"
    N_GROUPS = "N_GROUPS"
    N_UNRANKED = "N_UNRANKED"
    FEATURE_COUNT = "FEATURE_COUNT"

    def displayName(self):  # noqa: N802 - QGIS API
        return self.tr("Top N worst areas")

    def shortHelpString(self):  # noqa: N802 - QGIS API
        return HELP

    def tags(self):
        return self.tr("mdi,top,hoogste,highest,slechtste,worst,rang,rank,buurten,"
                       "gemeente,top 10").split(",")

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS API
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.INPUT, self.tr("Input layer or table"), [SOURCE_TYPE_VECTOR]))
        self.addParameter(QgsProcessingParameterField(
            self.FIELD, self.tr("Score field (empty = mdi)"), defaultValue="mdi",
            parentLayerParameterName=self.INPUT, type=FIELD_TYPE_ANY, optional=True))
        self.addParameter(QgsProcessingParameterNumber(
            self.N, self.tr("N (number of areas to flag per group)"),
            defaultValue=DEFAULT_N, minValue=1))
        self.addParameter(QgsProcessingParameterField(
            self.GROUP_FIELD, self.tr("Group field (optional, e.g. gemeentecode)"),
            parentLayerParameterName=self.INPUT, type=FIELD_TYPE_ANY, optional=True))
        self.addParameter(QgsProcessingParameterBoolean(
            self.DERIVE_GEMEENTE, self.tr("Group by the gemeente derived from the codes "
                                          "(buurtcode BU03630101 -> GM0363)"),
            defaultValue=False))
        self.addParameter(QgsProcessingParameterField(
            self.YEAR_FIELD, self.tr("Year field (rank within each year)"),
            parentLayerParameterName=self.INPUT, type=FIELD_TYPE_ANY, optional=True))
        self.addParameter(QgsProcessingParameterBoolean(
            self.ASCENDING, self.tr("Ascending: flag the lowest (best) instead"),
            defaultValue=False))
        self.addParameter(QgsProcessingParameterBoolean(
            self.ONLY_SELECTED, self.tr("Output only the flagged areas"), defaultValue=False))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT, self.tr("Ranked"), SOURCE_TYPE_ANY_GEOMETRY))
        self.addOutput(QgsProcessingOutputNumber(self.N_FLAGGED,
                                                 self.tr("Number of flagged areas")))
        self.addOutput(QgsProcessingOutputNumber(self.N_GROUPS, self.tr("Number of groups")))
        self.addOutput(QgsProcessingOutputNumber(self.N_UNRANKED,
                                                 self.tr("Number of areas without a rank")))
        self.addOutput(QgsProcessingOutputNumber(self.FEATURE_COUNT,
                                                 self.tr("Number of output features")))

    def _settings(self, parameters, context, source):
        names = source.fields().names()
        field_name = existing_field(names, self.parameterAsString(
            parameters, self.FIELD, context) or "mdi", self.FIELD)
        group_field = self.parameterAsString(parameters, self.GROUP_FIELD, context) or None
        derive = self.parameterAsBool(parameters, self.DERIVE_GEMEENTE, context)
        if group_field:
            group_field = existing_field(names, group_field, self.GROUP_FIELD)
        elif derive:
            lowered = {n.lower(): n for n in names}
            group_field = next((lowered[c] for c in CODE_FIELDS if c in lowered), None)
            if group_field is None:
                raise InputError("DERIVE_GEMEENTE needs a code field: choose GROUP_FIELD (a "
                                 "field with buurt, wijk or gemeente codes); none of {names} "
                                 "was found.", names=", ".join(CODE_FIELDS))
        year_field = self.parameterAsString(parameters, self.YEAR_FIELD, context) or None
        if year_field:
            year_field = existing_field(names, year_field, self.YEAR_FIELD)
        for other, parameter in ((group_field, self.GROUP_FIELD),
                                 (year_field, self.YEAR_FIELD)):
            if other is not None and other == field_name:
                raise InputError("{parameter} and FIELD are the same field '{field}'.",
                                 parameter=parameter, field=field_name)
        number = self.parameterAsDouble(parameters, self.N, context)
        return field_name, group_field, derive, year_field, number

    @safe_outputs
    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 - QGIS API
        source = self.parameterAsSource(parameters, self.INPUT, context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, self.INPUT))
        ascending = self.parameterAsBool(parameters, self.ASCENDING, context)
        only_selected = self.parameterAsBool(parameters, self.ONLY_SELECTED, context)
        try:
            field_name, group_field, derive, year_field, number = self._settings(
                parameters, context, source)
            ids, result, groups, raw = self._rank(source, field_name, group_field, derive,
                                                  year_field, number, ascending, feedback)
        except MdiError as err:
            raise self.error(err) from None
        except Cancelled:
            feedback.reportError(self.tr("Cancelled: no output was written."))
            return {}
        for warning in result.warnings:
            feedback.pushWarning(self.message(warning))
        self._report(result, ids, raw, group_field, derive, year_field, feedback)

        new = [new_field(RANK_FIELD, "int"), new_field(FLAG_FIELD, "int")]
        if group_field:
            new.append(new_field(GROUP_RANK_FIELD, "int"))
        fields, kept, replaced = output_fields(source.fields(), new)
        for name in replaced:
            feedback.pushWarning(self.tr("Input field '{field}' is replaced by the new "
                                         "field of that name.").format(field=name))
        sink, dest_id = self.parameterAsSink(parameters, self.OUTPUT, context, fields,
                                             source.wkbType(), source.sourceCrs())
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
        columns = [[as_int(v) for v in result.ranks.tolist()], result.flags.tolist()]
        if group_field:
            columns.append([as_int(v) for v in result.group_ranks.tolist()])
        rows = [list(r) for r in zip(*columns)]
        row_of_id = {fid: row for row, fid in enumerate(ids)}
        wanted = [fid for fid, flag in zip(ids, result.flags.tolist()) if flag] \
            if only_selected else None
        try:
            written = self._write(source, sink, fields, kept, rows, row_of_id, wanted,
                                  feedback)
        except Cancelled:
            feedback.reportError(self.tr("Cancelled while writing: the incomplete output is "
                                         "removed."))
            return {}
        feedback.pushInfo(self.tr("{flagged} of {total} area(s) flagged as the {n} {which}"
                                  "{per}.").format(
            flagged=result.flagged, total=len(ids), n=int(number),
            which=self.tr("lowest") if ascending else self.tr("highest"),
            per=self.tr(" per group") if group_field else ""))
        return {self.OUTPUT: dest_id, self.N_FLAGGED: result.flagged,
                self.N_GROUPS: groups,
                self.N_UNRANKED: int(np.count_nonzero(np.isnan(result.ranks))),
                self.FEATURE_COUNT: written}

    def _rank(self, source, field_name, group_field, derive, year_field, number, ascending,
              feedback):
        names = source.fields().names()
        year_like = None if year_field else find_year_like(names)
        label_field = next((n for c in UNIT_LABEL_FIELDS for n in names if n.lower() == c),
                           None)
        read = list(dict.fromkeys(n for n in (field_name, group_field, year_field,
                                              year_like, label_field) if n))
        ids, raw = read_columns(source, read, feedback, progress=(0.0, 40.0))
        if not ids:
            raise InputError("The input has no features: nothing to rank.")
        values = parse_numeric_column(raw[field_name], field_name, ids)
        years = parse_year_column(raw[year_field], year_field, ids) if year_field else None
        if year_like:
            warn_pooled_years(self, raw[year_like], year_like, ids, feedback,
                              self.tr("ranked"))
        labels, keys = (None, [])
        if group_field:
            labels, keys = factorise_groups(raw[group_field], derive)
        feedback.setProgress(45)
        result = top_n(values, number, labels, years, ascending)
        return ids, result, (len(keys) if group_field else 0), raw.get(label_field)

    def _report(self, result, ids, raw_codes, group_field, derive, year_field, feedback):
        if result.null_count:
            feedback.pushInfo(self.tr("{count} area(s) have no value and get no rank.").format(
                count=result.null_count))
        if year_field and result.without_year:
            feedback.pushWarning(self.tr("{count} area(s) have no year in '{field}' and get "
                                         "no rank.").format(count=result.without_year,
                                                            field=year_field))
        if result.without_group.size:
            reason = self.tr("no gemeente code could be derived from '{field}'") if derive \
                else self.tr("no value in '{field}'")
            feedback.pushWarning(self.tr(
                "{count} area(s) have {reason}: they get no group rank and no flag: "
                "{units}").format(count=int(result.without_group.size),
                                  reason=reason.format(field=group_field),
                                  units=describe_units(result.without_group,
                                                       unit_labeller(raw_codes, ids))))

    def _write(self, source, sink, fields, kept, rows, row_of_id, wanted, feedback):
        request = QgsFeatureRequest()
        if wanted is not None:
            request.setFilterFids(wanted)
        total = max(len(wanted) if wanted is not None else source.featureCount(), 1)
        written = 0
        for count, feature in enumerate(iterate_features(source, request)):
            if count % _CHECK_EVERY == 0:
                self.check_cancel(feedback)
                feedback.setProgress(50 + 50 * count / total)
            attributes = feature.attributes()
            out = QgsFeature(fields, feature.id())
            if feature.hasGeometry():
                out.setGeometry(feature.geometry())
            out.setAttributes([attributes[i] for i in kept] + rows[row_of_id[feature.id()]])
            sink.addFeature(out, QgsFeatureSink.Flag.FastInsert)
            written += 1
        return written
