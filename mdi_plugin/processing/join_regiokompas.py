"""Processing algorithm mdi:joinregiokompas: Regiokompas themes and quartile counts."""

from qgis.core import (QgsProcessingException, QgsProcessingOutputNumber,
                       QgsProcessingParameterBoolean, QgsProcessingParameterFeatureSink,
                       QgsProcessingParameterFeatureSource, QgsProcessingParameterField)

from ..compat import (FIELD_TYPE_ANY, SOURCE_TYPE_ANY_GEOMETRY, SOURCE_TYPE_VECTOR, new_field,
                      parameter_as_strings)
from ..core.errors import MdiError
from ..core.regiokompas import (BOTTOM_FIELD, TOP_FIELD, capped_list, default_key_field,
                                join, prepare_table, theme_output_names)
from .base import Cancelled, MdiAlgorithm
from .classify_quartiles import existing_field
from .feature_io import output_fields, read_columns, write_with_columns
from .safe_output import safe_outputs

HELP = """
<p><b>Nederlands.</b> Koppelt de themascores van de Regiokompas (brede welvaart, Het PON
&amp; Telos) aan een gemeentelaag en telt per gemeente op hoeveel thema's zij in het beste
kwartiel (<code>bw_aantal_top</code>) en in het slechtste kwartiel
(<code>bw_aantal_onder</code>) van alle gemeenten in de Regiokompas-tabel valt, zoals de
kaarten in het MDI-rapport.</p>
<ul>
<li><b>Invoer</b>: gemeentelaag (ook een lange tabel met meerdere jaren per gemeente: elke rij
van een gemeente krijgt dezelfde waarden). <b>Codeveld</b>: standaard het eerste van
gemeentecode, statcode, code.</li>
<li><b>Regiokompas</b>: CSV of tabel met een codeveld (standaard als hierboven) en
themavelden. Codes worden in elke CBS-vorm gekoppeld (GM0363, gm363, 363, 0363). Een
gemeente mag maar één keer voorkomen. Rijen zonder gemeentecode (bijv. een totaalregel
Nederland) worden overgeslagen en gemeld.</li>
<li><b>Themavelden</b>: standaard alle velden behalve het codeveld waarvan alle waarden
getallen zijn, ook tekst met decimale komma ("72,2"), zoals een CSV levert; leeg, "." en
CBS-codes als -99997 tellen als ontbrekend. Velden als fid, id, objectid, jaar en year
(object-id of jaar) worden niet als thema gekozen, tenzij u ze hier aanvinkt.</li>
<li><b>Kwartielgrenzen</b> per thema: het 25e en 75e percentiel van alle niet-lege waarden in
de hele Regiokompas-tabel (ook gemeenten die niet in de invoer staan), met lineaire
interpolatie (zoals PERCENTIEL.INC in Excel). Beste kwartiel: waarde &ge; 75e percentiel;
slechtste: waarde &le; 25e percentiel (een waarde gelijk aan de grens telt mee). Met
<b>Hoger is beter</b> uit wisselen de rollen. Lege waarden tellen niet mee.</li>
</ul>
<p>Uitvoer: alle invoervelden en geometrie, de themavelden (als getal; heeft de invoer al
een veld met die naam, dan krijgt het thema het voorvoegsel <code>rk_</code>),
<code>bw_aantal_top</code> en <code>bw_aantal_onder</code>. Invoerrijen zonder Regiokompas-rij
houden lege (NULL) waarden. Niet-gekoppelde codes aan beide kanten staan in het logboek en in
de tellingen N_MATCHED, N_UNMATCHED_INPUT (invoerrijen) en N_UNMATCHED_REGIOKOMPAS
(Regiokompas-rijen).</p>
<p><b>English.</b> Joins Regiokompas theme scores (broad well-being, Het PON &amp; Telos) onto
a municipality layer and counts, per municipality, on how many themes it is in the best
quartile (<code>bw_aantal_top</code>) and in the worst quartile (<code>bw_aantal_onder</code>)
of all municipalities in the Regiokompas table, as in the MDI report's maps.</p>
<ul>
<li><b>Input</b>: municipality layer (a long table with several years per municipality works:
every row of a municipality gets the same values). <b>Code field</b>: default the first of
gemeentecode, statcode, code.</li>
<li><b>Regiokompas</b>: CSV or table with a code field (default as above) and theme fields.
Codes match in any CBS form (GM0363, gm363, 363, 0363). Each municipality may occur only
once. Rows without a municipality code (e.g. a national total) are skipped and reported.</li>
<li><b>Theme fields</b>: default all fields but the code field whose values are all numbers,
including text with a decimal comma ("72,2") as a CSV gives; empty, "." and CBS codes such as
-99997 are missing. Fields such as fid, id, objectid, jaar and year (feature id or year) are
not chosen as themes unless you tick them here.</li>
<li><b>Quartile boundaries</b> per theme: the 25th and 75th percentile of all non-empty values
in the whole Regiokompas table (also municipalities not in the input), by linear
interpolation (as Excel's PERCENTILE.INC). Best quartile: value &ge; 75th percentile; worst:
value &le; 25th percentile (a value equal to a boundary counts). With <b>Higher is better</b>
off the roles swap. Empty values do not count.</li>
</ul>
<p>Output: all input fields and geometry, the theme fields (as numbers; a theme whose name an
input field already has gets the prefix <code>rk_</code>), <code>bw_aantal_top</code> and
<code>bw_aantal_onder</code>. Input rows without a Regiokompas row keep NULL values. Unmatched
codes on both sides are listed in the log and counted in N_MATCHED, N_UNMATCHED_INPUT (input
rows) and N_UNMATCHED_REGIOKOMPAS (Regiokompas rows).</p>
"""


class JoinRegiokompasAlgorithm(MdiAlgorithm):
    """Join Regiokompas theme scores and count top / bottom quartile themes per gemeente."""

    NAME = "joinregiokompas"
    GROUP_ID = "analysis"
    OUTPUT_STYLE = "mdi_classes"

    INPUT = "INPUT"
    INPUT_KEY = "INPUT_KEY"
    REGIOKOMPAS = "REGIOKOMPAS"
    RK_KEY = "RK_KEY"
    THEME_FIELDS = "THEME_FIELDS"
    HIGHER_IS_BETTER = "HIGHER_IS_BETTER"
    OUTPUT = "OUTPUT"
    N_MATCHED = "N_MATCHED"
    N_UNMATCHED_INPUT = "N_UNMATCHED_INPUT"
    N_UNMATCHED_REGIOKOMPAS = "N_UNMATCHED_REGIOKOMPAS"

    def displayName(self):  # noqa: N802 - QGIS API
        return self.tr("Join Regiokompas")

    def shortHelpString(self):  # noqa: N802 - QGIS API
        return HELP

    def tags(self):
        return self.tr("regiokompas,brede welvaart,broad well-being,kwartiel,quartile,join,"
                       "koppelen,gemeente,pon,telos").split(",")

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS API
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.INPUT, self.tr("Gemeente layer"), [SOURCE_TYPE_VECTOR]))
        self.addParameter(QgsProcessingParameterField(
            self.INPUT_KEY, self.tr("Gemeente code field (empty = gemeentecode, statcode or "
                                    "code)"),
            parentLayerParameterName=self.INPUT, type=FIELD_TYPE_ANY, optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.REGIOKOMPAS, self.tr("Regiokompas table (CSV or layer)"),
            [SOURCE_TYPE_VECTOR]))
        self.addParameter(QgsProcessingParameterField(
            self.RK_KEY, self.tr("Regiokompas code field (empty = gemeentecode, statcode or "
                                 "code)"),
            parentLayerParameterName=self.REGIOKOMPAS, type=FIELD_TYPE_ANY, optional=True))
        self.addParameter(QgsProcessingParameterField(
            self.THEME_FIELDS, self.tr("Theme fields (empty = all numeric fields)"),
            parentLayerParameterName=self.REGIOKOMPAS, type=FIELD_TYPE_ANY,
            allowMultiple=True, optional=True))
        self.addParameter(QgsProcessingParameterBoolean(
            self.HIGHER_IS_BETTER, self.tr("Higher theme score is better"), defaultValue=True))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT, self.tr("Gemeenten with Regiokompas"), SOURCE_TYPE_ANY_GEOMETRY))
        self.addOutput(QgsProcessingOutputNumber(
            self.N_MATCHED, self.tr("Input features with a Regiokompas row")))
        self.addOutput(QgsProcessingOutputNumber(
            self.N_UNMATCHED_INPUT, self.tr("Input features without a Regiokompas row")))
        self.addOutput(QgsProcessingOutputNumber(
            self.N_UNMATCHED_REGIOKOMPAS,
            self.tr("Regiokompas rows without an input feature")))

    @safe_outputs
    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 - QGIS API
        source = self.parameterAsSource(parameters, self.INPUT, context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, self.INPUT))
        table_source = self.parameterAsSource(parameters, self.REGIOKOMPAS, context)
        if table_source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters,
                                                                 self.REGIOKOMPAS))
        higher_is_better = self.parameterAsBoolean(parameters, self.HIGHER_IS_BETTER, context)
        try:
            input_key = self._key_field(parameters, context, self.INPUT_KEY, source,
                                        self.tr("the input layer"))
            rk_key = self._key_field(parameters, context, self.RK_KEY, table_source,
                                     self.tr("the Regiokompas table"))
            themes = parameter_as_strings(self, parameters, self.THEME_FIELDS, context) or None
            feedback.pushInfo(self.tr("Key fields: input '{input}', Regiokompas '{rk}'.")
                              .format(input=input_key, rk=rk_key))
            ids, raw = read_columns(source, [input_key], feedback, progress=(0.0, 20.0))
            if not ids:
                raise QgsProcessingException(self.tr("The input has no features: nothing to "
                                                     "join."))
            table = self._read_table(table_source, rk_key, themes, feedback)
            result = join(table, raw[input_key], higher_is_better)
        except MdiError as err:
            raise self.error(err) from None
        except Cancelled:
            feedback.reportError(self.tr("Cancelled: no output was written."))
            return {}
        feedback.setProgress(45)
        self._report(result, table, higher_is_better, feedback)

        names = theme_output_names(table.theme_names, source.fields().names())
        for theme, name in names.items():
            if name != theme:
                feedback.pushWarning(self.tr("The input already has a field '{theme}': the "
                                             "Regiokompas theme is written as '{name}'.")
                                     .format(theme=theme, name=name))
        new = [new_field(names[t], "double") for t in table.theme_names]
        new += [new_field(TOP_FIELD, "int"), new_field(BOTTOM_FIELD, "int")]
        fields, kept, replaced = output_fields(source.fields(), new)
        for name in replaced:
            feedback.pushWarning(self.tr("Input field '{field}' is replaced by the newly "
                                         "computed values.").format(field=name))
        sink, dest_id = self.parameterAsSink(parameters, self.OUTPUT, context, fields,
                                             source.wkbType(), source.sourceCrs())
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
        columns = [result.themes[t] for t in table.theme_names] + [result.top, result.bottom]
        row_of_id = {fid: row for row, fid in enumerate(ids)}
        try:
            write_with_columns(source, sink, fields, kept, columns, row_of_id, feedback,
                               progress=(50.0, 100.0))
        except Cancelled:
            feedback.reportError(self.tr("Cancelled while writing: the incomplete output is "
                                         "removed."))
            return {}
        return {self.OUTPUT: dest_id, self.N_MATCHED: result.n_matched,
                self.N_UNMATCHED_INPUT: result.n_unmatched_input,
                self.N_UNMATCHED_REGIOKOMPAS: result.n_unmatched_regiokompas}

    def _key_field(self, parameters, context, parameter, source, table):
        """The chosen key field, or the default one; raises for a missing field."""
        names = source.fields().names()
        chosen = self.parameterAsString(parameters, parameter, context)
        if not chosen:
            return default_key_field(names, table, parameter)
        return existing_field(names, chosen, parameter)

    def _read_table(self, table_source, rk_key, themes, feedback):
        """Read and validate the Regiokompas table (all fields when no themes are chosen)."""
        available = table_source.fields().names()
        themes = [existing_field(available, t, self.THEME_FIELDS) for t in themes or []] \
            or None
        read = available if themes is None else [rk_key] + [t for t in themes if t != rk_key]
        rk_ids, raw = read_columns(table_source, read, feedback, progress=(20.0, 40.0))
        if not rk_ids:
            raise QgsProcessingException(self.tr("The Regiokompas table has no rows."))
        return prepare_table(raw[rk_key], raw, rk_key, themes, rk_ids)

    def _report(self, result, table, higher_is_better, feedback):
        for warning in result.warnings:
            feedback.pushWarning(self.message(warning))
        feedback.pushInfo(self.tr("Themes ({count}): {themes}.").format(
            count=len(table.theme_names), themes=", ".join(table.theme_names)))
        for theme, bounds in result.bounds.items():
            if bounds is not None:
                feedback.pushInfo(self.tr("  {theme}: 25th percentile {low:g}, 75th "
                                          "percentile {high:g}.").format(
                    theme=theme, low=bounds[0], high=bounds[1]))
        if not higher_is_better:
            feedback.pushInfo(self.tr("Lower scores are better: the top quartile is at or "
                                      "below the 25th percentile."))
        feedback.pushInfo(self.tr("{matched} input feature(s) matched {gemeenten} of "
                                  "{total} Regiokompas gemeente(n).").format(
            matched=result.n_matched, gemeenten=result.n_matched_gemeenten,
            total=len(table.codes)))
        if result.unmatched_input_keys:
            feedback.pushWarning(self.tr(
                "{count} input feature(s) have no Regiokompas row (NULL themes and counts); "
                "codes: {codes}.").format(count=result.n_unmatched_input,
                                          codes=capped_list(result.unmatched_input_keys)))
        if result.unmatched_regiokompas_codes:
            feedback.pushWarning(self.tr(
                "{count} Regiokompas gemeente(n) are not in the input (still used for the "
                "quartiles): {codes}.").format(
                    count=len(result.unmatched_regiokompas_codes),
                    codes=capped_list(result.unmatched_regiokompas_codes)))
