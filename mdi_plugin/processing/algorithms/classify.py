"""mdi:classifyquartiles: classes of a score field ("kwartielen"), as on the report's maps."""

from qgis.core import (QgsProcessingOutputString, QgsProcessingParameterEnum,
                       QgsProcessingParameterString)

from ...compat import new_field
from ...core.classify import (CUSTOM, FIXED, NO_DATA_LABEL, PER_YEAR, POOLED, class_fields,
                              classify_values)
from ...core.errors import InputError
from ...core.values import parse_numeric_column, parse_year_column
from ...i18n import tr_noop
from ...styling.outputs import klasse_style
from ..base import MdiAlgorithm
from ..feature_io import output_fields, read_columns, rows_by_id, write_with_columns
from ..parameters import count, field, input_source, sink, year_field

METHODS = (FIXED, POOLED, PER_YEAR, CUSTOM)


class ClassifyQuartilesAlgorithm(MdiAlgorithm):
    """Add a class number and label for a score field."""

    NAME = "classifyquartiles"
    DISPLAY_NAME = tr_noop("Classify scores into classes")
    GROUP_ID = "analysis"
    TAGS = tr_noop("mdi,kwartielen,quartiles,klassen,classes,indelen,classify,breaks,grenzen")
    OUTPUT_STYLE = "mdi_klasse"

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS API
        self.addParameter(input_source())
        self.addParameter(field("FIELD", self.tr("Score field (empty = mdi)"), default="mdi"))
        self.addParameter(QgsProcessingParameterEnum(
            "METHOD", self.tr("Method"),
            [self.tr("Report's fixed breaks 40, 50, 60"),
             self.tr("Quartiles of all rows (years pooled)"),
             self.tr("Quartiles per year"), self.tr("Custom breaks")], defaultValue=0))
        self.addParameter(year_field(self.tr("Year field (quartiles per year)")))
        self.addParameter(QgsProcessingParameterString(
            "BREAKS", self.tr("Custom breaks, ascending (e.g. 40,50,60 or 40;50,5;60)"),
            optional=True))
        self.addParameter(sink(self.tr("Classified")))
        self.addOutput(QgsProcessingOutputString("BREAKS_USED", self.tr("Breaks used")))
        self.addOutput(count("FEATURE_COUNT", self.tr("Number of features")))
        self.addOutput(count("NULL_COUNT", self.tr("Number of features without a value")))

    class_breaks = None

    def styled_outputs(self):
        """The class style, with the breaks of this run once it has classified."""
        return {"OUTPUT": klasse_style(self.class_breaks)}

    def execute(self, run):
        source = run.source()
        method = run.choice("METHOD", METHODS)
        field_name = run.field("FIELD", source, default="mdi")
        year_name = run.field("YEAR_FIELD", source)
        breaks = run.text("BREAKS")
        if breaks and method != CUSTOM:
            run.warn("BREAKS is ignored: it is only used with the method 'Custom breaks'.")
        if year_name and method != PER_YEAR:
            run.info("YEAR_FIELD is only used with the method 'Quartiles per year'; all rows "
                     "are classified together.")
        read = [field_name] + ([year_name] if year_name and method == PER_YEAR else [])
        ids, raw = read_columns(source, read, run.steps(2))
        if not ids:
            raise InputError("The input has no features: nothing to classify.")
        values = parse_numeric_column(raw[field_name], field_name, ids)
        years = parse_year_column(raw[year_name], year_name, ids) \
            if method == PER_YEAR and year_name else None
        result = classify_values(values, method, breaks=breaks, years=years, feature_ids=ids,
                                 field_name=field_name)
        run.warn_all(result.warnings)
        self.class_breaks = result.breaks   # the output's legend shows the class ranges

        class_name, label_name = class_fields(field_name)
        fields, kept, replaced = output_fields(
            source.fields(), [new_field(class_name, "int"), new_field(label_name, "string")])
        for name in replaced:
            run.warn("Input field '{field}' is replaced by the new classes.", field=name)
        sink_, dest_id = run.sink("OUTPUT", fields, source.wkbType(), source.sourceCrs())
        write_with_columns(source, sink_, fields, kept, [result.classes, result.labels],
                           rows_by_id(ids), run.step(1))
        run.info("Breaks used: {breaks}", breaks=result.breaks_text)
        run.info("Features per class: {counts}", counts=", ".join(
            "{} {}".format(label, number) for label, number in result.counts.items()))
        return {"OUTPUT": dest_id, "BREAKS_USED": result.breaks_text,
                "FEATURE_COUNT": len(ids), "NULL_COUNT": result.counts[NO_DATA_LABEL]}
