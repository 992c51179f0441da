"""mdi:changeovertime: differences between two years per area, class transitions and the
report's "different speeds" reading."""

from qgis.core import QgsFields

from ...compat import new_field
from ...core.aggregate import check_weights, describe_units
from ...core.change import (BOTH_YEARS_FIELD, CLASS_PREFIX, RELATIVE_FIELD, TEMPO_FIELD,
                            TRANSITION_FIELD, change_over_time, derived_class_labels,
                            difference_field_name, year_field_name)
from ...core.classify import CLASS_SUFFIX, LABEL_SUFFIX
from ...core.errors import InputError
from ...core.spec import load_spec
from ...core.values import parse_numeric_column, parse_year_column
from ...i18n import tr_noop
from .. import fields
from ..base import MdiAlgorithm
from ..feature_io import attribute_value, read_columns, write_rows
from ..parameters import count, field, input_source, number, sink

DEFAULT_CLASS_FIELD = "mdi" + LABEL_SUFFIX


class ChangeOverTimeAlgorithm(MdiAlgorithm):
    """Differences between two years per area, class transitions and tempo."""

    NAME = "changeovertime"
    DISPLAY_NAME = tr_noop("Change over time")
    GROUP_ID = "analysis"
    TAGS = tr_noop("mdi,verandering,change,verschil,difference,trend,snelheden,speeds,"
                   "jaren,years,klasse,transition")
    OUTPUT_STYLE = "mdi_change"

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS API
        self.addParameter(input_source(
            self.tr("Long table or layer (one row per area per year)")))
        self.addParameter(field("ID_FIELD", self.tr(
            "Area id field (empty = buurtcode, wijkcode, gemeentecode, ...)")))
        self.addParameter(field("YEAR_FIELD", self.tr("Year field"), default="jaar"))
        self.addParameter(number("FROM_YEAR", self.tr("From year (empty = earliest)"), None,
                                 decimals=False, optional=True))
        self.addParameter(number("TO_YEAR", self.tr("To year (empty = latest)"), None,
                                 decimals=False, optional=True))
        self.addParameter(field("FIELDS", self.tr(
            "Fields to compare (empty = mdi and mdi_<domain>)"), multiple=True))
        self.addParameter(field("CLASS_FIELD", self.tr(
            "Class field (empty = mdi_klasse_label, or classes from mdi with breaks 40, 50, "
            "60)")))
        self.addParameter(field("WEIGHT_FIELD", self.tr(
            "Weight field for the national change (optional, e.g. inwoners)")))
        self.addParameter(sink(self.tr("Change")))
        for name, text in (("FROM_YEAR_USED", tr_noop("From year used")),
                           ("TO_YEAR_USED", tr_noop("To year used")),
                           ("NATIONAL_CHANGE", tr_noop("National change of the primary field")),
                           ("N_BOTH", tr_noop("Number of areas in both years")),
                           ("N_ONLY_FROM", tr_noop("Number of areas only in the from year")),
                           ("N_ONLY_TO", tr_noop("Number of areas only in the to year")),
                           ("FEATURE_COUNT", tr_noop("Number of output features"))):
            self.addOutput(count(name, self.tr(text)))

    @staticmethod
    def _settings(run, source):
        """(id field, year field, fields to compare, class field, weight field)."""
        id_field = run.field("ID_FIELD", source) or fields.unit_label_field(source)
        if id_field is None:
            raise InputError("Choose ID_FIELD, the field that identifies each area (none "
                             "of {names} was found).", names=", ".join(fields.UNIT_LABEL_FIELDS))
        year_name = run.field("YEAR_FIELD", source, default="jaar")
        if year_name == id_field:
            raise InputError("ID_FIELD and YEAR_FIELD are the same field '{field}'.",
                             field=id_field)
        compared = run.field_list("FIELDS", source) or \
            fields.default_fields(run, source, load_spec())
        if not compared:
            raise InputError("FIELDS is empty and the input has no field 'mdi' or "
                             "'mdi_<domain>': choose the numeric fields to compare, or "
                             "run Compute MDI first.")
        for name in compared:
            if name in (id_field, year_name):
                raise InputError("FIELDS contains '{field}', which is the id or year field.",
                                 field=name)
        class_field = run.field("CLASS_FIELD", source) or \
            fields.find(source, DEFAULT_CLASS_FIELD)
        return id_field, year_name, compared, class_field, run.field("WEIGHT_FIELD", source)

    def execute(self, run):
        source = run.source()
        id_field, year_name, compared, class_field, weight_field = self._settings(run, source)
        mdi_field = fields.find(source, "mdi")
        label_field = fields.unit_label_field(source) or id_field
        derive = class_field is None and mdi_field is not None
        read = list(dict.fromkeys(n for n in [id_field, year_name] + compared + [
            class_field, mdi_field if derive else None, weight_field, label_field] if n))
        run.info("Reading {count} field(s) of {features} row(s)...", count=len(read),
                 features=source.featureCount())
        ids, raw = read_columns(source, read, run.steps(2))
        if not ids:
            raise InputError("The input has no features: nothing to compare.")
        years = parse_year_column(raw[year_name], year_name, ids)
        columns = {f: parse_numeric_column(raw[f], f, ids) for f in compared}
        weights = None
        if weight_field:
            weights = parse_numeric_column(raw[weight_field], weight_field, ids)
            check_weights(weights, weight_field, ids)
        if class_field:
            classes = raw[class_field]
            run.info("Classes from field '{field}'.", field=class_field)
        elif derive:
            classes = derived_class_labels(parse_numeric_column(raw[mdi_field], mdi_field, ids))
            run.info("No class field: classes derived from '{field}' with the report's fixed "
                     "breaks 40, 50, 60.", field=mdi_field)
        else:
            classes = None
            run.warn("No class field and no field 'mdi': the class fields and klasse_overgang "
                     "are NULL.")
        from_year, to_year = (run.integer(n) if run.is_set(n) else None
                              for n in ("FROM_YEAR", "TO_YEAR"))
        result = change_over_time(raw[id_field], years, columns, from_year, to_year, classes,
                                  weights, feature_ids=ids, id_field=id_field)
        run.warn_all(result.warnings)
        self._report(run, result, fields.unit_labeller(raw.get(label_field), ids), year_name)

        dropped = {f.lower() for f in [year_name, class_field, "fid"] + [
            f + suffix for f in compared for suffix in ("", CLASS_SUFFIX, LABEL_SUFFIX)] if f}
        out_fields, kept = self._output_fields(run, source.fields(), dropped, compared, result)
        sink_, dest_id = run.sink("OUTPUT", out_fields, source.wkbType(), source.sourceCrs())
        # one feature per area: the TO_YEAR row's geometry and kept attributes
        rows_of_id = dict(zip([ids[r] for r in result.to_rows.tolist()],
                              self._rows(compared, result)))
        write_rows(source, sink_, out_fields, kept, rows_of_id, run.step(1),
                   list(rows_of_id))
        run.info("{first} \u2192 {last}: {count} area(s) compared; national change of "
                 "'{field}': {change:+.2f} percentage points ({weighting}).",
                 first=result.from_year, last=result.to_year, count=result.both_count,
                 field=result.primary, change=result.national,
                 weighting=self.tr("weighted by '{field}'").format(field=weight_field)
                 if weight_field else self.tr("unweighted mean of the areas"))
        return {"OUTPUT": dest_id, "FROM_YEAR_USED": result.from_year,
                "TO_YEAR_USED": result.to_year, "NATIONAL_CHANGE": result.national,
                "N_BOTH": result.both_count, "N_ONLY_FROM": int(result.only_from_rows.size),
                "N_ONLY_TO": result.only_to_count, "FEATURE_COUNT": len(result.keys)}

    @staticmethod
    def _report(run, result, label, year_name):
        if result.skipped:
            run.warn("{count} row(s) have no area id or no year in '{field}' and are left out.",
                     count=result.skipped, field=year_name)
        if result.only_from_rows.size:
            run.warn("{count} area(s) occur in {first} but not in {last}; they are not in the "
                     "output (no {last} row): {units}", count=int(result.only_from_rows.size),
                     first=result.from_year, last=result.to_year,
                     units=describe_units(result.only_from_rows, label))
        only_to = result.to_rows[result.from_rows < 0]
        if only_to.size:
            run.warn("{count} area(s) occur in {last} but not in {first}; they are in the "
                     "output with NULL differences and in_beide_jaren = 0: {units}",
                     count=int(only_to.size), first=result.from_year, last=result.to_year,
                     units=describe_units(only_to, label))

    @staticmethod
    def _output_fields(run, input_fields, dropped, compared, result):
        """(output fields, indices of the kept input fields): the input fields but the
        dropped ones (lower case names), then the new fields."""
        first, last = result.from_year, result.to_year
        new = []
        for name in compared:
            new += [new_field(year_field_name(name, first), "double"),
                    new_field(year_field_name(name, last), "double"),
                    new_field(difference_field_name(name), "double")]
        new += [new_field(CLASS_PREFIX + str(first), "string"),
                new_field(CLASS_PREFIX + str(last), "string"),
                new_field(TRANSITION_FIELD, "string"), new_field(TEMPO_FIELD, "string"),
                new_field(RELATIVE_FIELD, "double"), new_field(BOTH_YEARS_FIELD, "int")]
        taken = {f.name().lower() for f in new}
        out, kept = QgsFields(), []
        for index, input_field in enumerate(input_fields):
            name = input_field.name().lower()
            if name in taken and name not in dropped:
                run.warn("Input field '{field}' is replaced by the new field of that name.",
                         field=input_field.name())
            elif name not in dropped:
                out.append(input_field)
                kept.append(index)
        for new_one in new:
            out.append(new_one)
        return out, kept

    @staticmethod
    def _rows(compared, result):
        """The new values per area, in the order of result.to_rows."""
        columns = []
        for name in compared:
            columns += [result.values_from[name].tolist(), result.values_to[name].tolist(),
                        result.differences[name].tolist()]
        columns += [result.class_from, result.class_to, result.transitions, result.tempo,
                    result.relative.tolist(), (result.from_rows >= 0).astype(int).tolist()]
        return [[attribute_value(v) for v in row] for row in zip(*columns)]
