"""mdi:topn: rank areas and flag the N worst, overall or per group."""

import numpy as np
from qgis.core import QgsProcessingParameterBoolean

from ...compat import new_field
from ...core.aggregate import describe_units
from ...core.errors import InputError
from ...core.topn import (CODE_FIELDS, DEFAULT_N, FLAG_FIELD, GROUP_RANK_FIELD, RANK_FIELD,
                          factorise_groups, top_n)
from ...core.values import parse_numeric_column, parse_year_column
from ...i18n import tr_noop
from .. import fields
from ..base import MdiAlgorithm
from ..feature_io import output_fields, read_columns, write_rows
from ..parameters import count, field, input_source, number, sink, year_field


def _ints(values):
    """A float array as a list of ints (NaN: None)."""
    return [None if v != v else int(v) for v in values.tolist()]


class TopNAlgorithm(MdiAlgorithm):
    """Rank areas by a score and flag the N worst overall or per group."""

    NAME = "topn"
    DISPLAY_NAME = tr_noop("Top N worst areas")
    GROUP_ID = "analysis"
    TAGS = tr_noop("mdi,top,hoogste,highest,slechtste,worst,rang,rank,buurten,gemeente,top 10")
    OUTPUT_STYLE = "mdi_top_n"

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS API
        self.addParameter(input_source())
        self.addParameter(field("FIELD", self.tr("Score field (empty = mdi)"), default="mdi"))
        self.addParameter(number("N", self.tr("N (number of areas to flag per group)"),
                                 DEFAULT_N, minimum=1, decimals=False))
        self.addParameter(field("GROUP_FIELD",
                                self.tr("Group field (optional, e.g. gemeentecode)")))
        self.addParameter(QgsProcessingParameterBoolean(
            "DERIVE_GEMEENTE", self.tr("Group by the gemeente derived from the codes "
                                       "(buurtcode BU03630101 -> GM0363)"),
            defaultValue=False))
        self.addParameter(year_field(self.tr("Year field (rank within each year)")))
        self.addParameter(QgsProcessingParameterBoolean(
            "ASCENDING", self.tr("Ascending: flag the lowest (best) instead"),
            defaultValue=False))
        self.addParameter(QgsProcessingParameterBoolean(
            "ONLY_SELECTED", self.tr("Output only the flagged areas"), defaultValue=False))
        self.addParameter(sink(self.tr("Ranked")))
        self.addOutput(count("N_FLAGGED", self.tr("Number of flagged areas")))
        self.addOutput(count("N_GROUPS", self.tr("Number of groups")))
        self.addOutput(count("N_UNRANKED", self.tr("Number of areas without a rank")))
        self.addOutput(count("FEATURE_COUNT", self.tr("Number of output features")))

    @staticmethod
    def _settings(run, source):
        """(score field, group field, derive gemeente, year field)."""
        field_name = run.field("FIELD", source, default="mdi")
        derive = run.flag("DERIVE_GEMEENTE")
        if derive:
            group_field = fields.field_or_guess(run, "GROUP_FIELD", source, *CODE_FIELDS)
            if group_field is None:
                raise InputError("DERIVE_GEMEENTE needs a code field: choose GROUP_FIELD (a "
                                 "field with buurt, wijk or gemeente codes); none of {names} "
                                 "was found.", names=", ".join(CODE_FIELDS))
        else:
            group_field = run.field("GROUP_FIELD", source)
        year_name = run.field("YEAR_FIELD", source)
        for other, parameter in ((group_field, "GROUP_FIELD"), (year_name, "YEAR_FIELD")):
            if other is not None and other == field_name:
                raise InputError("{parameter} and FIELD are the same field '{field}'.",
                                 parameter=parameter, field=field_name)
        return field_name, group_field, derive, year_name

    def execute(self, run):
        source = run.source()
        field_name, group_field, derive, year_name = self._settings(run, source)
        number_ = run.number("N")
        ascending = run.flag("ASCENDING")
        year_like = fields.year_like_field(source, year_name)
        label_field = fields.unit_label_field(source)
        read = list(dict.fromkeys(n for n in (field_name, group_field, year_name, year_like,
                                              label_field) if n))
        ids, raw = read_columns(source, read, run.steps(2))
        if not ids:
            raise InputError("The input has no features: nothing to rank.")
        values = parse_numeric_column(raw[field_name], field_name, ids)
        years = parse_year_column(raw[year_name], year_name, ids) if year_name else None
        if year_like:
            fields.warn_pooled_years(run, raw[year_like], year_like)
        labels, keys = None, []
        if group_field:
            labels, keys, warnings = factorise_groups(raw[group_field], derive, group_field, ids)
            run.warn_all(warnings)
        result = top_n(values, number_, labels, years, ascending)
        run.warn_all(result.warnings)
        self._report(run, result, fields.unit_labeller(raw.get(label_field), ids),
                     group_field, derive, year_name)

        new = [new_field(RANK_FIELD, "int"), new_field(FLAG_FIELD, "int")]
        columns = [_ints(result.ranks), result.flags.tolist()]
        if group_field:
            new.append(new_field(GROUP_RANK_FIELD, "int"))
            columns.append(_ints(result.group_ranks))
        out_fields, kept, replaced = output_fields(source.fields(), new)
        for name in replaced:
            run.warn("Input field '{field}' is replaced by the new field of that name.",
                     field=name)
        sink_, dest_id = run.sink("OUTPUT", out_fields, source.wkbType(), source.sourceCrs())
        rows_of_id = {fid: list(row) for fid, row in zip(ids, zip(*columns))}
        only = [fid for fid, flag in zip(ids, columns[1]) if flag] \
            if run.flag("ONLY_SELECTED") else None
        written = write_rows(source, sink_, out_fields, kept, rows_of_id, run.step(1),
                             only)
        run.info("{flagged} of {total} area(s) flagged as the {n} {which}{per}.",
                 flagged=result.flagged, total=len(ids), n=int(number_),
                 which=self.tr("lowest") if ascending else self.tr("highest"),
                 per=self.tr(" per group") if group_field else "")
        return {"OUTPUT": dest_id, "N_FLAGGED": result.flagged,
                "N_GROUPS": len(keys) if group_field else 0,
                "N_UNRANKED": int(np.count_nonzero(np.isnan(result.ranks))),
                "FEATURE_COUNT": written}

    def _report(self, run, result, label, group_field, derive, year_name):
        if result.null_count:
            run.info("{count} area(s) have no value and get no rank.", count=result.null_count)
        if year_name and result.without_year:
            run.warn("{count} area(s) have no year in '{field}' and get no rank.",
                     count=result.without_year, field=year_name)
        if result.without_group.size:
            reason = self.tr("no gemeente code could be derived from '{field}'") if derive \
                else self.tr("no value in '{field}'")
            run.warn("{count} area(s) have {reason}: they get no group rank and no flag: "
                     "{units}", count=int(result.without_group.size),
                     reason=reason.format(field=group_field),
                     units=describe_units(result.without_group, label))
