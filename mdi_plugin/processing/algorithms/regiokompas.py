"""mdi:joinregiokompas: Regiokompas themes and quartile counts."""

from qgis.core import QgsProcessingParameterBoolean

from ...compat import new_field
from ...core.errors import InputError
from ...core.regiokompas import (BOTTOM_FIELD, TOP_FIELD, capped_list, default_key_field,
                                 join, prepare_table, theme_output_names)
from ...i18n import tr_noop
from ..base import MdiAlgorithm
from ..feature_io import output_fields, read_columns, rows_by_id, write_with_columns
from ..fields import area_codes
from ..parameters import count, field, input_source, sink


class JoinRegiokompasAlgorithm(MdiAlgorithm):
    """Join Regiokompas theme scores and count top / bottom quartile themes per gemeente."""

    NAME = "joinregiokompas"
    DISPLAY_NAME = tr_noop("Join Regiokompas")
    GROUP_ID = "analysis"
    TAGS = tr_noop("regiokompas,brede welvaart,broad well-being,kwartiel,quartile,join,"
                   "koppelen,gemeente,pon,telos")
    OUTPUT_STYLE = "mdi_classes"

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS API
        self.addParameter(input_source(self.tr("Gemeente layer")))
        self.addParameter(field("INPUT_KEY", self.tr(
            "Gemeente code field (empty = gemeentecode, statcode or code)")))
        self.addParameter(input_source(self.tr("Regiokompas table (CSV or layer)"),
                                       name="REGIOKOMPAS"))
        self.addParameter(field("RK_KEY", self.tr(
            "Regiokompas code field (empty = gemeentecode, statcode or code)"),
            parent="REGIOKOMPAS"))
        self.addParameter(field("THEME_FIELDS", self.tr(
            "Theme fields (empty = all numeric fields)"), parent="REGIOKOMPAS", multiple=True))
        self.addParameter(QgsProcessingParameterBoolean(
            "HIGHER_IS_BETTER", self.tr("Higher theme score is better"), defaultValue=True))
        self.addParameter(sink(self.tr("Gemeenten with Regiokompas")))
        self.addOutput(count("N_MATCHED", self.tr("Input features with a Regiokompas row")))
        self.addOutput(count("N_UNMATCHED_INPUT",
                             self.tr("Input features without a Regiokompas row")))
        self.addOutput(count("N_UNMATCHED_REGIOKOMPAS",
                             self.tr("Regiokompas rows without an input feature")))

    def execute(self, run):
        source = run.source()
        table_source = run.source("REGIOKOMPAS")
        higher_is_better = run.flag("HIGHER_IS_BETTER")
        input_key = self._key_field(run, "INPUT_KEY", source, self.tr("the input layer"))
        rk_key = self._key_field(run, "RK_KEY", table_source, self.tr("the Regiokompas table"),
                                 layer="REGIOKOMPAS")
        themes = run.field_list("THEME_FIELDS", table_source, layer="REGIOKOMPAS") or None
        run.info("Key fields: input '{input}', Regiokompas '{rk}'.", input=input_key,
                 rk=rk_key)
        ids, raw = read_columns(source, [input_key], run.steps(3))
        if not ids:
            raise InputError("The input has no features: nothing to join.")
        read = table_source.fields().names() if themes is None else \
            [rk_key] + [t for t in themes if t != rk_key]
        rk_ids, rk_raw = read_columns(table_source, read, run.step(1))
        if not rk_ids:
            raise InputError("The Regiokompas table has no rows.")
        table = prepare_table(rk_raw[rk_key], rk_raw, rk_key, themes, rk_ids)
        result = join(table, area_codes(run, raw[input_key], input_key, ids),
                      higher_is_better)
        self._report(run, result, table, higher_is_better)

        names = theme_output_names(table.theme_names, source.fields().names())
        for theme, name in names.items():
            if name != theme:
                run.warn("The input already has a field '{theme}': the Regiokompas theme is "
                         "written as '{name}'.", theme=theme, name=name)
        new = [new_field(names[t], "double") for t in table.theme_names]
        new += [new_field(TOP_FIELD, "int"), new_field(BOTTOM_FIELD, "int")]
        fields, kept, replaced = output_fields(source.fields(), new)
        for name in replaced:
            run.warn("Input field '{field}' is replaced by the newly computed values.",
                     field=name)
        sink_, dest_id = run.sink("OUTPUT", fields, source.wkbType(), source.sourceCrs())
        columns = [result.themes[t] for t in table.theme_names] + [result.top, result.bottom]
        write_with_columns(source, sink_, fields, kept, columns, rows_by_id(ids), run.step(2))
        return {"OUTPUT": dest_id, "N_MATCHED": result.n_matched,
                "N_UNMATCHED_INPUT": result.n_unmatched_input,
                "N_UNMATCHED_REGIOKOMPAS": result.n_unmatched_regiokompas}

    @staticmethod
    def _key_field(run, parameter, source, table, layer=None):
        """The chosen key field, or the default one (an error when there is none)."""
        return run.field(parameter, source, layer=layer) or \
            default_key_field(source.fields().names(), table, parameter)

    @staticmethod
    def _report(run, result, table, higher_is_better):
        run.warn_all(result.warnings)
        run.info("Themes ({count}): {themes}.", count=len(table.theme_names),
                 themes=", ".join(table.theme_names))
        for theme, bounds in result.bounds.items():
            if bounds is not None:
                run.info("  {theme}: 25th percentile {low:g}, 75th percentile {high:g}.",
                         theme=theme, low=bounds[0], high=bounds[1])
        if not higher_is_better:
            run.info("Lower scores are better: the top quartile is at or below the 25th "
                     "percentile.")
        run.info("{matched} input feature(s) matched {gemeenten} of {total} Regiokompas "
                 "gemeente(n).", matched=result.n_matched,
                 gemeenten=result.n_matched_gemeenten, total=len(table.codes))
        if result.unmatched_input_keys:
            run.warn("{count} input feature(s) have no Regiokompas row (NULL themes and "
                     "counts); codes: {codes}.", count=result.n_unmatched_input,
                     codes=capped_list(result.unmatched_input_keys))
        if result.unmatched_regiokompas_codes:
            run.warn("{count} Regiokompas gemeente(n) are not in the input (still used for the "
                     "quartiles): {codes}.", count=len(result.unmatched_regiokompas_codes),
                     codes=capped_list(result.unmatched_regiokompas_codes))
