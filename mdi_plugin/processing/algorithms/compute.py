"""mdi:computemdi: read the indicators, call the core, write domain scores and the MDI."""

import numpy as np
from qgis.core import QgsProcessingParameterBoolean, QgsProcessingParameterEnum

from ...core.compute import (FROM_DOMAINS, ComputeOptions, compute_from_domains,
                             compute_from_indicators, domain_field, output_fields,
                             resolve_fields)
from ...core.errors import InputError
from ...core.normalise import FIXED, PER_YEAR, POOLED, RANK
from ...core.spec import load_spec
from ...core.values import parse_numeric_column, parse_year_column
from ...i18n import tr_noop
from ..base import MdiAlgorithm
from ..feature_io import output_fields as sink_fields
from ..feature_io import read_columns, rows_by_id, write_with_columns
from ..fields import field_map
from ..parameters import (MODES, count, field_map as field_map_parameter, input_source, mode,
                          number, sink, spec, year_field)

NORMALISATIONS = (POOLED, PER_YEAR, FIXED, RANK)


class ComputeMdiAlgorithm(MdiAlgorithm):
    """Compute domain scores and the MDI total for every feature of the input."""

    NAME = "computemdi"
    DISPLAY_NAME = tr_noop("Compute MDI")
    GROUP_ID = "compute"
    TAGS = tr_noop("mdi,achterstand,deprivation,index,meervoudige achterstandsindex,pon,telos,"
                   "buurt,gemeente")
    OUTPUT_STYLE = "mdi_classes"

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS API
        self.addParameter(input_source())
        self.addParameter(mode())
        self.addParameter(spec())
        self.addParameter(field_map_parameter())
        self.addParameter(QgsProcessingParameterEnum(
            "NORMALISATION", self.tr("Normalisation"),
            [self.tr("Min-max over all rows, years pooled"), self.tr("Min-max per year"),
             self.tr("Fixed bounds from the spec"), self.tr("Percentile rank")],
            defaultValue=0))
        self.addParameter(number("CLIP_PERCENT", self.tr("Clip (winsorise) at percent"), 0.0,
                                 0.0, 49.9))
        self.addParameter(year_field())
        self.addParameter(number(
            "MIN_COVERAGE", self.tr("Minimum share of a domain's indicators present"), 0.5,
            0.0, 1.0))
        self.addParameter(QgsProcessingParameterBoolean(
            "RESCALE_WEIGHTS", self.tr("Rescale weights to sum to 100"), defaultValue=False))
        self.addParameter(sink(self.tr("MDI")))
        self.addOutput(count("FEATURE_COUNT", self.tr("Number of features")))
        self.addOutput(count("MDI_NULL_COUNT", self.tr("Number of features without an MDI")))

    def execute(self, run):
        source = run.source()
        mode_ = run.choice("MODE", MODES)
        year_name = run.field("YEAR_FIELD", source)
        options = ComputeOptions(
            normalisation=run.choice("NORMALISATION", NORMALISATIONS),
            clip_percent=run.number("CLIP_PERCENT"), min_coverage=run.number("MIN_COVERAGE"),
            rescale_weights=run.flag("RESCALE_WEIGHTS"))
        spec_path = run.file("SPEC")
        spec_ = load_spec(spec_path)
        if spec_path:
            run.info("Spec: {path}", path=spec_path)
        resolved, warnings = resolve_fields(spec_, mode_, source.fields().names(), field_map(run))

        read = sorted(set(resolved.values()) | ({year_name} if year_name else set()))
        run.info("Reading {count} field(s) of {features} feature(s)...", count=len(read),
                 features=source.featureCount())
        ids, raw = read_columns(source, read, run.steps(2), numeric=True,
                                layer=run.columnar_layer())
        if not ids:
            raise InputError("The input has no features: nothing to compute.")
        years = parse_year_column(raw[year_name], year_name, ids) if year_name else None
        if years is not None and options.normalisation == PER_YEAR and np.isnan(years).any():
            raise InputError("Year field '{field}': feature {feature} has no year; "
                             "normalisation per year needs a year on every row.",
                             field=year_name,
                             feature=ids[int(np.flatnonzero(np.isnan(years))[0])])
        columns = {target: parse_numeric_column(raw[name], name, ids)
                   for target, name in resolved.items()}
        del raw  # parsed copies from here on: free the raw columns (large layers)
        if mode_ == FROM_DOMAINS:
            if options.normalisation != POOLED or options.clip_percent or \
                    options.min_coverage != 0.5:
                run.info("Normalisation, clipping and minimum coverage apply to indicators "
                         "only: with domain scores they are not used.")
            result = compute_from_domains(spec_, columns, options)
        else:
            if years is not None and options.normalisation == POOLED:
                run.info("Years {years} are normalised together (pooled), so scores are "
                         "comparable between years.", years=", ".join(
                             "{:g}".format(y) for y in np.unique(years[~np.isnan(years)])))
            result = compute_from_indicators(spec_, columns, options, years)
        run.warn_all(warnings + result.warnings)   # after the checks of the values
        self._report_nulls(run, result, mode_)

        fields, kept, replaced = sink_fields(source.fields(), output_fields(spec_))
        for name in replaced:
            run.warn("Input field '{field}' is replaced by the newly computed values.",
                     field=name)
        sink_, dest_id = run.sink("OUTPUT", fields, source.wkbType(), source.sourceCrs())
        columns = [result.domain_scores[d] for d in spec_.domain_ids] + [result.mdi]
        write_with_columns(source, sink_, fields, kept, columns, rows_by_id(ids), run.step(1))
        self._summarise(run, result)
        return {"OUTPUT": dest_id, "FEATURE_COUNT": len(ids),
                "MDI_NULL_COUNT": result.mdi_null_count}

    @staticmethod
    def _report_nulls(run, result, mode_):
        for domain, nulls in result.domain_null_counts.items():
            if nulls and mode_ == FROM_DOMAINS:
                run.warn("{count} feature(s) have no score for domain '{domain}' (NULL in the "
                         "input); field {field} is NULL there.", count=nulls, domain=domain,
                         field=domain_field(domain))
            elif nulls:
                run.warn("{count} feature(s) have no score for domain '{domain}' (too few "
                         "indicators present); field {field} is NULL there.", count=nulls,
                         domain=domain, field=domain_field(domain))
        if result.mdi_null_count:
            run.warn("{count} feature(s) have no MDI (NULL).", count=result.mdi_null_count)

    @staticmethod
    def _summarise(run, result):
        valid = result.mdi[~np.isnan(result.mdi)]
        if valid.size:
            run.info("MDI computed for {count} feature(s): min {low:.1f}, mean {mean:.1f}, "
                     "max {high:.1f}.", count=int(valid.size), low=float(valid.min()),
                     mean=float(valid.mean()), high=float(valid.max()))
