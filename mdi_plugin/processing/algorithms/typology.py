"""mdi:gemeentetypologie: the report's gemeente types from user fields, and a cross-table of
the types against the MDI classes."""

import numpy as np
from qgis.core import (QgsCoordinateReferenceSystem, QgsFeature, QgsFeatureSink, QgsFields,
                       QgsProcessingParameterString)

from ...compat import SOURCE_TYPE_VECTOR, WKB_NO_GEOMETRY, new_field
from ...core.classify import REPORT_BREAKS, classify, parse_breaks
from ...core.correlation import select_year
from ...core.errors import InputError
from ...core.typology import (FARMLAND, FACILITIES, GROWTH, INDUSTRY_1960, JOBS, JOBS_RATIO,
                              NATURE, NEW_HOMES, OLD_HOMES, PROTECTED, SIZE_FIELD,
                              TOURISM_ESTABLISHMENTS, TOURISM_LABOUR, TYPE_PREFIX, TYPES_FIELD,
                              classify_gemeenten, cross_table, parse_flag_column)
from ...core.values import parse_numeric_column, parse_year_column
from ...i18n import tr_noop
from ..base import MdiAlgorithm
from ..feature_io import attribute_value, output_fields, read_columns, write_rows
from ..fields import (area_codes, field_or_guess, find, region_field, warn_pooled_years,
                      year_like_field)
from ..parameters import count, field, input_source, sink, year, year_field
from ..progress import tick

#: (parameter, core key, description) of the typology fields, in parameter order.
TYPE_FIELDS = (
    ("GROWTH_FIELD", GROWTH, tr_noop("Population growth 2013-2023 (%)")),
    ("NEW_HOMES_FIELD", NEW_HOMES, tr_noop("Homes built after 1990 (%)")),
    ("OLD_HOMES_FIELD", OLD_HOMES, tr_noop("Homes built before 1905 (%)")),
    ("PROTECTED_FIELD", PROTECTED, tr_noop("Protected townscape (yes/no)")),
    ("JOBS_RATIO_FIELD", JOBS_RATIO, tr_noop("Jobs per 100 labour force")),
    ("JOBS_FIELD", JOBS, tr_noop("Number of jobs")),
    ("NATURE_FIELD", NATURE, tr_noop("Forest and nature (%)")),
    ("FARMLAND_FIELD", FARMLAND, tr_noop("Farmland (%)")),
    ("FACILITIES_FIELD", FACILITIES, tr_noop("Facilities score")),
    ("INDUSTRY_1960_FIELD", INDUSTRY_1960, tr_noop("Labour force in industry, 1960 (%)")),
    ("TOURISM_ESTABLISHMENTS_FIELD", TOURISM_ESTABLISHMENTS,
     tr_noop("Establishments in tourism (%)")),
    ("TOURISM_LABOUR_FIELD", TOURISM_LABOUR, tr_noop("Labour force in tourism (%)")),
)
CLASS_DEFAULT = "mdi_klasse"
MDI_DEFAULT = "mdi"
#: (name, type) of the fields of the cross-table.
TABLE_FIELDS = (("groep", "string"), ("type", "string"), ("n", "int"),
                ("n_met_klasse", "int"), ("n_klasse_1", "int"), ("n_klasse_2", "int"),
                ("n_klasse_3", "int"), ("n_klasse_4", "int"), ("aandeel_zeer_hoog", "double"),
                ("aandeel_hoog", "double"))


class GemeenteTypologieAlgorithm(MdiAlgorithm):
    """Flag gemeente types and cross-tabulate them against the MDI classes."""

    NAME = "gemeentetypologie"
    DISPLAY_NAME = tr_noop("Gemeente typology")
    GROUP_ID = "analysis"
    TAGS = tr_noop("mdi,typologie,typology,gemeente,groei,krimp,new town,centrum,toerisme,"
                   "kruistabel")

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS API
        self.addParameter(input_source(self.tr("Gemeenten (with MDI classes)")))
        self.addParameter(field("CLASS_FIELD", self.tr(
            "MDI class field (empty: mdi_klasse, else mdi with breaks 40/50/60)")))
        self.addParameter(year_field())
        self.addParameter(year())
        self.addParameter(field("POPULATION_FIELD", self.tr(
            "Inhabitants (size classes, COROP share; empty: inwoners if present)")))
        self.addParameter(field("REGION_FIELD", self.tr(
            "COROP code field (for centre gemeenten; empty: coropcode if present)")))
        for name, _, description in TYPE_FIELDS:
            self.addParameter(field(name, self.tr(description)))
        self.addParameter(QgsProcessingParameterString(
            "SIZE_BREAKS", self.tr("Size class breaks (inhabitants)"),
            defaultValue="20000,50000,100000"))
        self.addParameter(sink(self.tr("Gemeenten with types")))
        self.addParameter(sink(self.tr("Types against MDI classes"), "OUTPUT_TABLE",
                               SOURCE_TYPE_VECTOR))
        self.addOutput(count("FEATURE_COUNT", self.tr("Number of gemeenten")))
        self.addOutput(count("N_TYPES", self.tr("Number of types evaluated")))

    def execute(self, run):
        source = run.source()
        type_fields = {key: run.field(name, source) for name, key, _ in TYPE_FIELDS}
        type_fields = {k: v for k, v in type_fields.items() if v}
        population_field = field_or_guess(run, "POPULATION_FIELD", source, "inwoners")
        region = region_field(run, source, guess=True) if FACILITIES in type_fields else None
        class_field = field_or_guess(run, "CLASS_FIELD", source, CLASS_DEFAULT)
        mdi_field = None if class_field else find(source, MDI_DEFAULT)
        if not class_field and not mdi_field:
            raise InputError("The input has no MDI class: choose CLASS_FIELD, or give a layer "
                             "with mdi_klasse (Classify scores into classes) or mdi (Compute MDI).")
        year_name = run.field("YEAR_FIELD", source)
        year_ = run.optional_number("YEAR")
        if year_ is not None and not year_name:
            raise InputError("YEAR is set but YEAR_FIELD is not: choose the field that holds "
                             "the year.")
        breaks = parse_breaks(run.text("SIZE_BREAKS", ""))
        year_like = year_like_field(source, year_name)

        read = list(dict.fromkeys(list(type_fields.values()) + [
            n for n in (population_field, region, class_field, mdi_field, year_name,
                        year_like) if n]))
        ids, raw = read_columns(source, read, run.steps(3))
        if not ids:
            raise InputError("The input has no features: there is nothing to classify.")
        rows = np.ones(len(ids), dtype=bool)
        if year_name:
            rows, _ = select_year(parse_year_column(raw[year_name], year_name, ids), year_)
        elif year_like:
            warn_pooled_years(run, raw[year_like], year_like)
        picked = [fid for fid, keep in zip(ids, rows) if keep]
        columns = {key: (parse_flag_column if key == PROTECTED else parse_numeric_column)(
            raw[name], name, ids)[rows] for key, name in type_fields.items()}
        population = parse_numeric_column(raw[population_field], population_field,
                                          ids)[rows] if population_field else None
        regions = area_codes(run, [v for v, keep in zip(raw[region], rows) if keep],
                             region, picked) if region else None
        if FACILITIES in type_fields and (population is None or regions is None):
            run.warn("Centre gemeenten need the inhabitants (POPULATION_FIELD) and the COROP "
                     "code (REGION_FIELD) besides FACILITIES_FIELD.")
        if class_field:
            classes = parse_numeric_column(raw[class_field], class_field, ids)[rows]
        else:
            mdi = parse_numeric_column(raw[mdi_field], mdi_field, ids)[rows]
            classes = np.array([np.nan if c is None else c
                                for c in classify(mdi, REPORT_BREAKS)], dtype=float)
            run.info("MDI classes from '{field}' with the fixed breaks 40, 50, 60.",
                     field=mdi_field)
        typology = classify_gemeenten(columns, population, regions, breaks)
        run.warn_all(typology.warnings)
        table = cross_table(typology, classes)

        new = [new_field(TYPE_PREFIX + t, "int") for t in typology.flags]
        if typology.sizes is not None:
            new.append(new_field(SIZE_FIELD, "string"))
        new.append(new_field(TYPES_FIELD, "string"))
        fields, kept, replaced = output_fields(source.fields(), new)
        for name in replaced:
            run.warn("Input field '{field}' is replaced by the newly computed values.",
                     field=name)
        table_fields = QgsFields()
        for name, kind in TABLE_FIELDS:
            table_fields.append(new_field(name, kind))
        sink_, dest_id = run.sink("OUTPUT", fields, source.wkbType(), source.sourceCrs())
        table_sink, table_id = run.sink("OUTPUT_TABLE", table_fields, WKB_NO_GEOMETRY,
                                        QgsCoordinateReferenceSystem())
        write_rows(source, sink_, fields, kept, _types_of(picked, typology), run.step(1),
                   only=picked)
        feedback = run.step(2)
        for number, row in enumerate(table, 1):
            feature = QgsFeature(table_fields)
            feature.setAttributes([row.group, row.label, row.n, row.n_with_class] +
                                  row.per_class + [attribute_value(row.share_very_high),
                                                   attribute_value(row.share_high)])
            table_sink.addFeature(feature, QgsFeatureSink.Flag.FastInsert)
            run.info("{label}: {n} gemeente(n), {share} in Zeer hoog.", label=row.label,
                     n=row.n, share="-" if row.n_with_class == 0 else
                     "{:.0%}".format(row.share_very_high))
            tick(feedback, number, len(table), every=1)
        return {"OUTPUT": dest_id, "OUTPUT_TABLE": table_id,
                "FEATURE_COUNT": len(picked), "N_TYPES": len(typology.flags)}


def _types_of(picked, typology):
    """{feature id: [type flags..., size class, type list]} of the picked rows."""
    flags = [v.tolist() for v in typology.flags.values()]
    rows = {}
    for row, fid in enumerate(picked):
        values = [None if f[row] != f[row] else int(f[row]) for f in flags]
        if typology.sizes is not None:
            values.append(typology.sizes[row])
        rows[fid] = values + [typology.type_list(row)]
    return rows
