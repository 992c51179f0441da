"""mdi:concentration: per gemeente (or region) from its buurten, the share of inhabitants per
class and the English IoD summary measures for higher geographies."""

import numpy as np
from qgis.core import QgsFeature, QgsFeatureSink, QgsFields, QgsProcessingParameterBoolean
from qgis.core import QgsWkbTypes

from ...compat import WKB_NO_GEOMETRY, new_field
from ...core.aggregate import COUNT_FIELD, check_weights, describe_units
from ...core.classify import CLASS_SUFFIX, REPORT_BREAKS, classify
from ...core.concentration import NATIONAL_COUNT, check_classes, concentration
from ...core.errors import InputError
from ...core.topn import factorise_groups
from ...core.values import parse_numeric_column, parse_year_column
from ...i18n import tr_noop
from .. import fields
from ..base import MdiAlgorithm
from ..feature_io import read_columns
from ..parameters import count, field, input_source, sink, year_field
from ..progress import tick
from ..region_geometry import dissolve

DEFAULT_GROUP_FIELD = "gemeentecode"
#: Unit code fields the gemeente is derived from when there is no gemeentecode field.
UNIT_CODE_FIELDS = ("buurtcode", "wijkcode")
DEFAULT_POPULATION_FIELD = "inwoners"


class ConcentrationAlgorithm(MdiAlgorithm):
    """Share of inhabitants per class and the IoD summary measures per gemeente."""

    NAME = "concentration"
    DISPLAY_NAME = tr_noop("Concentration per gemeente")
    GROUP_ID = "analysis"
    TAGS = tr_noop("mdi,concentratie,concentration,extent,omvang,zeer hoog,inwoners,"
                   "population,IoD,rang,rank,gemeente,buurten")

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS API
        self.addParameter(input_source(self.tr("Units (buurten) with a score")))
        self.addParameter(field("SCORE_FIELD", self.tr("Score field (empty = mdi)"),
                                default="mdi"))
        self.addParameter(field("CLASS_FIELD", self.tr(
            "Class field (empty = <score>_klasse, or fixed breaks 40, 50, 60)")))
        self.addParameter(field("POPULATION_FIELD", self.tr("Population field"),
                                default=DEFAULT_POPULATION_FIELD))
        self.addParameter(field("GROUP_FIELD", self.tr(
            "Group field (empty = gemeentecode, or the gemeente of buurtcode)")))
        self.addParameter(QgsProcessingParameterBoolean(
            "DERIVE_GEMEENTE", self.tr("Group by the gemeente derived from the codes "
                                       "(buurtcode BU03630101 -> GM0363)"),
            defaultValue=False))
        self.addParameter(year_field(self.tr("Year field (one feature per gemeente and year)")))
        self.addParameter(sink(self.tr("Concentration")))
        self.addOutput(count("N_GROUPS", self.tr("Number of groups")))
        self.addOutput(count("N_UNMATCHED", self.tr("Number of units in no group")))
        self.addOutput(count("FEATURE_COUNT", self.tr("Number of output features")))

    @staticmethod
    def _settings(run, source):
        """(score, class, population, group and year field, derive gemeente)."""
        score = run.field("SCORE_FIELD", source, default="mdi")
        class_field = run.field("CLASS_FIELD", source) or \
            fields.find(source, score + CLASS_SUFFIX)
        population = run.field("POPULATION_FIELD", source, default=DEFAULT_POPULATION_FIELD)
        derive = run.flag("DERIVE_GEMEENTE")
        group = fields.field_or_guess(run, "GROUP_FIELD", source, DEFAULT_GROUP_FIELD)
        if group is None:
            group = next((f for f in (fields.find(source, c) for c in UNIT_CODE_FIELDS)
                          if f), None)
            if group is None:
                raise InputError("Choose GROUP_FIELD, the field with the gemeente (or "
                                 "region) of each unit: the input has no {default}, "
                                 "{codes}.", default=DEFAULT_GROUP_FIELD,
                                 codes=" or ".join(UNIT_CODE_FIELDS))
            derive = True
        year = run.field("YEAR_FIELD", source)
        seen = {}
        for name, parameter in ((score, "SCORE_FIELD"), (population, "POPULATION_FIELD"),
                                (group, "GROUP_FIELD"), (year, "YEAR_FIELD")):
            if name is not None and name in seen:
                raise InputError("{first} and {second} are the same field '{field}'.",
                                 first=seen[name], second=parameter, field=name)
            if name is not None:
                seen[name] = parameter
        return score, class_field, population, group, year, derive

    def execute(self, run):
        source = run.source()
        score, class_field, population, group, year, derive = self._settings(run, source)
        year_like = fields.year_like_field(source, year)
        label_field = fields.unit_label_field(source)
        read = list(dict.fromkeys(n for n in (score, class_field, population, group, year,
                                              year_like, label_field) if n))
        run.info("Reading {count} field(s) of {features} unit(s)...", count=len(read),
                 features=source.featureCount())
        ids, raw = read_columns(source, read, run.steps(3))
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
            run.info("No class field '{field}': classes from '{score}' with the report's "
                     "fixed breaks 40, 50, 60.", field=score + CLASS_SUFFIX, score=score)
        years = parse_year_column(raw[year], year, ids) if year else None
        if year_like:
            fields.warn_pooled_years(run, raw[year_like], year_like)
        if derive:
            run.info("Groups: the gemeente of the codes in '{field}'.", field=group)
        labels, keys, warnings = factorise_groups(raw[group], derive, group, ids)
        run.warn_all(warnings)
        result = concentration(labels, keys, scores, inhabitants, classes, years)
        run.warn_all(result.warnings)
        self._report_unmatched(run, result.unmatched, labels,
                               fields.unit_labeller(raw.get(label_field), ids), group, derive,
                               year)

        groups = result.groups
        if source.wkbType() == WKB_NO_GEOMETRY:
            geometries, wkb_type = [None] * groups.size, WKB_NO_GEOMETRY
        else:
            run.info("Dissolving the units into {count} output feature(s)...",
                     count=groups.size)
            geometries = dissolve(source, dict(zip(ids, groups.inverse.tolist())),
                                  groups.size, run.step(1))
            wkb_type = QgsWkbTypes.multiType(source.wkbType())
        out_fields = self._output_fields(source, group, derive, year, population, result)
        sink_, dest_id = run.sink("OUTPUT", out_fields, wkb_type, source.sourceCrs())
        self._write(run, sink_, out_fields, result, geometries, year is not None, run.step(2))
        run.info("{features} output feature(s) for {groups} group(s) from {units} unit(s).",
                 features=groups.size, groups=len(set(groups.regions)),
                 units=int(result.unit_counts.sum()))
        return {"OUTPUT": dest_id, "N_GROUPS": len(set(groups.regions)),
                "N_UNMATCHED": int(result.unmatched.size), "FEATURE_COUNT": groups.size}

    def _report_unmatched(self, run, rows, labels, label, group, derive, year):
        if not rows.size:
            return
        no_group = rows[labels[rows] < 0]
        no_year = rows[labels[rows] >= 0]
        run.warn("{count} unit(s) are in no group and are left out (they still count in the "
                 "national ranks):", count=int(rows.size))
        if no_group.size:
            reason = self.tr("no gemeente code could be derived from '{field}'") if derive \
                else self.tr("no value in '{field}'")
            run.warn("  {count} unit(s) have {reason}: {units}", count=int(no_group.size),
                     reason=reason.format(field=group), units=describe_units(no_group, label))
        if no_year.size:
            run.warn("  {count} unit(s) have no year in '{field}': {units}",
                     count=int(no_year.size), field=year,
                     units=describe_units(no_year, label))

    @staticmethod
    def _output_fields(source, group, derive, year, population, result):
        out = QgsFields()
        out.append(new_field(DEFAULT_GROUP_FIELD, "string") if derive
                   else source.fields().field(group))
        if year:
            out.append(new_field(year, "int"))
        out.append(new_field(COUNT_FIELD, "int"))
        out.append(new_field(population, "double"))
        for name in result.measures:
            out.append(new_field(name, "int" if name == NATIONAL_COUNT else "double"))
        return out

    @staticmethod
    def _write(run, sink_, out_fields, result, geometries, with_year, feedback):
        """One feature per group (and year): key, year, counts and the measures."""
        groups = result.groups
        measures = [m.tolist() for m in result.measures.values()]
        counts = result.unit_counts.tolist()
        population = result.population.tolist()
        years = groups.years.tolist() if with_year else None
        for index, key in enumerate(groups.regions):
            tick(feedback, index, groups.size, every=500)
            attributes = [key] + ([int(years[index])] if with_year else [])
            attributes += [counts[index], population[index]]
            attributes += [None if column[index] != column[index] else
                           (int(column[index]) if name == NATIONAL_COUNT else column[index])
                           for name, column in zip(result.measures, measures)]
            feature = QgsFeature(out_fields)
            if geometries[index] is not None:
                feature.setGeometry(geometries[index])
            feature.setAttributes(attributes)
            if not sink_.addFeature(feature, QgsFeatureSink.Flag.FastInsert):
                raise run.fail("Could not write the output feature of group '{group}'.",
                               group=key)
