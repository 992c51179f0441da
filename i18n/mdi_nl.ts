<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl_NL" sourcelanguage="en">
  <context>
    <name>mdi</name>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/concentration.py" line="154" />
      <source>  {count} unit(s) have no year in '{field}': {units}</source>
      <translation>  {count} eenheid/eenheden hebben geen jaar in '{field}': {units}</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/concentration.py" line="151" />
      <source>  {count} unit(s) have {reason}: {units}</source>
      <translation>  {count} eenheid/eenheden hebben {reason}: {units}</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/aggregate.py" line="275" />
      <source>  {count} unit(s) {reason}: {units}</source>
      <translation>  {count} eenheid/eenheden {reason}: {units}</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/regiokompas.py" line="100" />
      <source>  {theme}: 25th percentile {low:g}, 75th percentile {high:g}.</source>
      <translation>  {theme}: 25e percentiel {low:g}, 75e percentiel {high:g}.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/opendata.py" line="216" />
      <source> (not verified)</source>
      <translation> (niet geverifieerd)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/field_limits.py" line="96" />
      <source> and {count} more</source>
      <translation> en nog {count}</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/topn.py" line="119" />
      <source> per group</source>
      <translation> per groep</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/plugin.py" line="45" />
      <source>&amp;MDI</source>
      <translation>&amp;MDI</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/compute.py" line="141" />
      <source>'Field map' (FIELD_MAP) maps '{id}' to field '{field}', which the input does not have. {hint}</source>
      <translation>'Veldkoppeling' (FIELD_MAP) koppelt '{id}' aan veld '{field}', maar dat veld staat niet in de invoer. {hint}</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/fields.py" line="81" />
      <source>'Field map' (FIELD_MAP) maps id(s) {ids} more than once.</source>
      <translation>'Veldkoppeling' (FIELD_MAP) koppelt id('s) {ids} meer dan eens.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/compute.py" line="136" />
      <source>'Field map' (FIELD_MAP) names unknown {kind} id '{id}'. Known ids: {known}.</source>
      <translation>'Veldkoppeling' (FIELD_MAP) noemt een onbekende {kind}-id '{id}'. Bekende id's: {known}.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/fields.py" line="75" />
      <source>'Field map' (FIELD_MAP) needs pairs of (id, field); got an odd number of values: {values}.</source>
      <translation>'Veldkoppeling' (FIELD_MAP) vraagt paren (id, veld); er is een oneven aantal waarden gegeven: {values}.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/gui/dock.py" line="251" />
      <source>(all gemeenten)</source>
      <translation>(alle gemeenten)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/stability.py" line="119" />
      <source>(given domain scores)</source>
      <translation>(gegeven domeinscores)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/gui/dock.py" line="215" />
      <location filename="../mdi_plugin/gui/dock.py" line="244" />
      <source>(no year field)</source>
      <translation>(geen jaarveld)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/aggregate.py" line="104" />
      <source>Aggregate to COROP / regions</source>
      <translation>Aggregeren naar COROP of regio</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/provider.py" line="43" />
      <source>Aggregate to regions</source>
      <translation>Aggregeren naar regio</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/concentration.py" line="231" />
      <source>All {count} scores{where} are equal: every unit shares rank 1, so the rank measures (gem_rang, omvang, lokale_concentratie) do not tell the groups apart.</source>
      <translation>Alle {count} scores{where} zijn gelijk: elke eenheid deelt rang 1, dus de rangmaten (gem_rang, omvang, lokale_concentratie) maken geen onderscheid tussen de groepen.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/transaction.py" line="660" />
      <source>Already written and kept: {files}.</source>
      <translation>Al geschreven en bewaard: {files}.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/base.py" line="36" />
      <source>Analysis</source>
      <translation>Analyse</translation>
    </message>
    <message>
      <location filename="../ui/mdi_dock.ui" />
      <source>Apply classes</source>
      <translation>Klassen toepassen</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/change.py" line="185" />
      <source>Area '{area}' has {count} rows in year {year} (features {features}); {more}ID_FIELD must identify one row per area and year. Choose another ID_FIELD or remove the duplicates.</source>
      <translation>Gebied '{area}' heeft {count} rijen in jaar {year} (objecten {features}); {more}ID_FIELD moet één rij per gebied en jaar aanwijzen. Kies een ander ID_FIELD of verwijder de dubbele rijen.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/change.py" line="37" />
      <source>Area id field (empty = buurtcode, wijkcode, gemeentecode, ...)</source>
      <translation>Veld met gebiedscode (leeg = buurtcode, wijkcode, gemeentecode, ...)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/topn.py" line="46" />
      <source>Ascending: flag the lowest (best) instead</source>
      <translation>Oplopend: markeer in plaats daarvan de laagste (beste)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/fieldnames.py" line="60" />
      <source>Available fields: {fields}.</source>
      <translation>Beschikbare velden: {fields}.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/classify.py" line="126" />
      <source>BREAKS '{text}' contains a value that is not a finite number.</source>
      <translation>BREAKS '{text}' bevat een waarde die geen eindig getal is.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/classify.py" line="130" />
      <source>BREAKS '{text}' must be strictly ascending: {low} is followed by {high}. List the breaks from low to high without repeats, e.g. 40,50,60.</source>
      <translation>BREAKS '{text}' moet strikt oplopend zijn: op {low} volgt {high}. Geef de klassegrenzen van laag naar hoog zonder herhalingen, bijv. 40,50,60.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/classify.py" line="109" />
      <source>BREAKS '{text}': '{part}' is not a number. Separate the breaks with commas (40,50.5,60) or, when they have a decimal comma, with semicolons (40;50,5;60).</source>
      <translation>BREAKS '{text}': '{part}' is geen getal. Scheid de klassegrenzen met komma's (40,50.5,60) of, als ze een decimale komma hebben, met puntkomma's (40;50,5;60).</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/classify.py" line="94" />
      <location filename="../mdi_plugin/core/classify.py" line="123" />
      <source>BREAKS is empty: give the class breaks in ascending order, e.g. 40,50,60.</source>
      <translation>BREAKS is leeg: geef de klassegrenzen in oplopende volgorde, bijv. 40,50,60.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/classify.py" line="59" />
      <source>BREAKS is ignored: it is only used with the method 'Custom breaks'.</source>
      <translation>BREAKS wordt genegeerd: het wordt alleen gebruikt bij de methode 'Eigen klassegrenzen'.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/stability.py" line="132" />
      <source>BREAK_JITTER must be 0 or more, not {value}.</source>
      <translation>BREAK_JITTER moet 0 of meer zijn, niet {value}.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/opendata.py" line="59" />
      <source>Boundaries from PDOK (off: a table without geometry)</source>
      <translation>Grenzen van PDOK (uit: een tabel zonder geometrie)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/styling/report_layout.py" line="227" />
      <source>Boundary of the gemeente</source>
      <translation>Grens van de gemeente</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/stability.py" line="68" />
      <source>Break jitter (+/- points)</source>
      <translation>Variatie van de klassegrenzen (+/- punten)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/classify.py" line="42" />
      <source>Breaks used</source>
      <translation>Gebruikte klassegrenzen</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/classify.py" line="83" />
      <source>Breaks used: {breaks}</source>
      <translation>Gebruikte klassegrenzen: {breaks}</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/styling/layout.py" line="64" />
      <source>Bron: {source} · bewerking MDI voor QGIS</source>
      <translation>Bron: {source} · bewerking MDI voor QGIS</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/opendata.py" line="46" />
      <source>Buurt</source>
      <translation>Buurt</translation>
    </message>
    <message>
      <location filename="../ui/mdi_dock.ui" />
      <source>Buurt layer</source>
      <translation>Buurtlaag</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/report.py" line="50" />
      <source>Buurten with MDI scores</source>
      <translation>Buurten met MDI-scores</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/report.py" line="162" />
      <source>Buurten, MDI {year}</source>
      <translation>Buurten, MDI {year}</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/opendata.py" line="53" />
      <source>CBS Kerncijfers wijken en buurten</source>
      <translation>CBS Kerncijfers wijken en buurten</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/opendata.py" line="54" />
      <source>CBS Nabijheid voorzieningen</source>
      <translation>CBS Nabijheid voorzieningen</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/normalise.py" line="66" />
      <source>CLIP_PERCENT ({clip:g} %) winsorises before min-max scaling, which the normalisation '{method}' does not do: percentile ranks are not moved by outliers. Set CLIP_PERCENT to 0, or choose the normalisation 'pooled' or 'per year'.</source>
      <translation>CLIP_PERCENT ({clip:g} %) winsoriseert vóór de min-max-schaling, die de normalisatie '{method}' niet doet: uitschieters verschuiven een percentielrang niet. Zet CLIP_PERCENT op 0, of kies de normalisatie 'gepoold' of 'per jaar'.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/normalise.py" line="60" />
      <source>CLIP_PERCENT ({clip:g} %) winsorises before min-max scaling, which the normalisation '{method}' does not do: the spec's fixed bounds are the scale and already clip values outside them. Set CLIP_PERCENT to 0, or choose the normalisation 'pooled' or 'per year'.</source>
      <translation>CLIP_PERCENT ({clip:g} %) winsoriseert vóór de min-max-schaling, die de normalisatie '{method}' niet doet: de vaste grenzen uit de specificatie zijn de schaal en kappen waarden daarbuiten al af. Zet CLIP_PERCENT op 0, of kies de normalisatie 'gepoold' of 'per jaar'.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/compute.py" line="63" />
      <source>CLIP_PERCENT must be at least 0 and below 50, not {value}.</source>
      <translation>CLIP_PERCENT moet minstens 0 en kleiner dan 50 zijn, niet {value}.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/typology.py" line="67" />
      <source>COROP code field (for centre gemeenten; empty: coropcode if present)</source>
      <translation>Veld met COROP-code (voor centrumgemeenten; leeg: coropcode indien aanwezig)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/styling/zones.py" line="49" />
      <source>COROP zones</source>
      <translation>COROP-zones</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/gui/dock.py" line="77" />
      <source>CSV files (*.csv)</source>
      <translation>CSV-bestanden (*.csv)</translation>
    </message>
    <message>
      <location filename="../ui/mdi_dock.ui" />
      <source>CSV with code, name and zone of each region; empty: the bundled table of the 40 COROP regions</source>
      <translation>CSV met code, naam en zone van elke regio; leeg: de meegeleverde tabel van de 40 COROP-regio's</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/opendata_client.py" line="152" />
      <source>Cached years: {years} (run without REFRESH to use them).</source>
      <translation>Jaren in de cache: {years} (draai zonder REFRESH om die te gebruiken).</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/base.py" line="121" />
      <source>Cancelled</source>
      <translation>Geannuleerd</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/base.py" line="122" />
      <source>Cancelled: no output was kept.</source>
      <translation>Geannuleerd: er is geen uitvoer bewaard.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/styling/layout.py" line="599" />
      <source>Cannot create the folder {folder} for {path}: {reason}. Choose another folder.</source>
      <translation>Kan de map {folder} voor {path} niet aanmaken: {reason}. Kies een andere map.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/spec.py" line="114" />
      <source>Cannot read spec file '{path}': {reason}</source>
      <translation>Kan specificatiebestand '{path}' niet lezen: {reason}</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/styling/layout.py" line="205" />
      <source>Cannot read the layout template {path}: {error}</source>
      <translation>Kan het layoutsjabloon {path} niet lezen: {error}</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/transaction.py" line="509" />
      <source>Cannot write in the folder {folder}: {error}. Choose a folder where you may write.</source>
      <translation>Kan niet schrijven in de map {folder}: {error}. Kies een map waarin u mag schrijven.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/typology.py" line="118" />
      <source>Centre gemeenten need the inhabitants (POPULATION_FIELD) and the COROP code (REGION_FIELD) besides FACILITIES_FIELD.</source>
      <translation>Voor centrumgemeenten zijn naast FACILITIES_FIELD ook het aantal inwoners (POPULATION_FIELD) en de COROP-code (REGION_FIELD) nodig.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/change.py" line="51" />
      <source>Change</source>
      <translation>Verandering</translation>
    </message>
    <message>
      <location filename="../ui/mdi_dock.ui" />
      <source>Change between two years (diverging)</source>
      <translation>Verandering tussen twee jaren (divergerend)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/layout.py" line="48" />
      <source>Change between two years (diverging, centred on 0)</source>
      <translation>Verandering tussen twee jaren (divergerend, rond 0)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/change.py" line="28" />
      <source>Change over time</source>
      <translation>Verandering in de tijd</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/styling/report_layout.py" line="199" />
      <source>Change since {year}: {value} points</source>
      <translation>Verandering sinds {year}: {value} punten</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/profile.py" line="64" />
      <source>Chart height (pixels)</source>
      <translation>Hoogte van de grafiek (pixels)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/profile.py" line="62" />
      <source>Chart width (pixels)</source>
      <translation>Breedte van de grafiek (pixels)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/concentration.py" line="71" />
      <source>Choose GROUP_FIELD, the field with the gemeente (or region) of each unit: the input has no {default}, {codes}.</source>
      <translation>Kies GROUP_FIELD, het veld met de gemeente (of regio) van elke eenheid: de invoer heeft geen {default}, {codes}.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/change.py" line="66" />
      <source>Choose ID_FIELD, the field that identifies each area (none of {names} was found).</source>
      <translation>Kies ID_FIELD, het veld dat elk gebied aanwijst (geen van {names} gevonden).</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/aggregate.py" line="94" />
      <source>Choose REGIONS_ID_FIELD, the field of REGIONS that identifies each region (none of {names} was found).</source>
      <translation>Kies REGIONS_ID_FIELD, het veld van REGIONS dat elke regio aanwijst (geen van {names} gevonden).</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/correlation.py" line="79" />
      <source>Choose SCORE_FIELD (e.g. mdi), or EXCLUDE_DOMAIN to recompute the MDI without one domain.</source>
      <translation>Kies SCORE_FIELD (bijv. mdi), of EXCLUDE_DOMAIN om de MDI zonder één domein opnieuw te berekenen.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/gui/dock.py" line="349" />
      <source>Choose a buurt layer and a field first.</source>
      <translation>Kies eerst een buurtlaag en een veld.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/gui/dock.py" line="281" />
      <source>Choose a gemeente or buurt layer with a numeric field first.</source>
      <translation>Kies eerst een gemeente- of buurtlaag met een numeriek veld.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/gui/dock.py" line="318" />
      <source>Choose a region layer for the zone overlay first.</source>
      <translation>Kies eerst een regiolaag voor de zone-overlay.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/correlation.py" line="67" />
      <source>Choose at least one field in COMPARE_FIELDS.</source>
      <translation>Kies minstens één veld in COMPARE_FIELDS.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/change.py" line="208" />
      <source>Choose at least one field to compare (FIELDS).</source>
      <translation>Kies minstens één veld om te vergelijken (FIELDS).</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/stability.py" line="135" />
      <source>Choose at least one normalisation for the runs.</source>
      <translation>Kies minstens één normalisatie voor de runs.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/aggregate.py" line="117" />
      <source>Choose how units belong to regions: REGION_FIELD (a region code field in the input, e.g. coropcode) or REGIONS (a layer of region polygons with REGIONS_ID_FIELD).</source>
      <translation>Kies hoe eenheden bij regio's horen: REGION_FIELD (een regiocodeveld in de invoer, bijv. coropcode) of REGIONS (een laag met regiopolygonen met REGIONS_ID_FIELD).</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/stability.py" line="67" />
      <source>Class breaks</source>
      <translation>Klassegrenzen</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/concentration.py" line="106" />
      <source>Class field '{field}', feature {feature}: {value:g} is not a class number (1, 2, 3, ...). Choose the class field of "Classify scores into classes" (e.g. mdi_klasse), not its label.</source>
      <translation>Klasseveld '{field}', object {feature}: {value:g} is geen klassenummer (1, 2, 3, ...). Kies het klasseveld van "Scores in klassen indelen" (bijv. mdi_klasse), niet het label.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/concentration.py" line="42" />
      <source>Class field (empty = &lt;score&gt;_klasse, or fixed breaks 40, 50, 60)</source>
      <translation>Klasseveld (leeg = &lt;score&gt;_klasse, of vaste klassegrenzen 40, 50, 60)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/change.py" line="46" />
      <source>Class field (empty = mdi_klasse_label, or classes from mdi with breaks 40, 50, 60)</source>
      <translation>Klasseveld (leeg = mdi_klasse_label, of klassen uit mdi met grenzen 40, 50, 60)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/report.py" line="53" />
      <source>Class field (empty: mdi_klasse when present, else the report's breaks)</source>
      <translation>Klasseveld (leeg: mdi_klasse als dat er is, anders de klassegrenzen van het rapport)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/aggregate.py" line="464" />
      <source>Class field of '{field}' has classes up to {top:g}; the shares count class {high} and up as high and {very_high} and up as very high, as for the report's four classes.</source>
      <translation>Het klasseveld van '{field}' heeft klassen tot en met {top:g}; de aandelen tellen klasse {high} en hoger als hoog en {very_high} en hoger als zeer hoog, zoals bij de vier klassen van het rapport.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/layout.py" line="46" />
      <location filename="../ui/mdi_dock.ui" />
      <source>Class scheme</source>
      <translation>Klasse-indeling</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/stability.py" line="73" />
      <source>Class stability</source>
      <translation>Klassestabiliteit</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/stability.py" line="41" />
      <source>Class stability (Monte Carlo)</source>
      <translation>Klassestabiliteit (Monte Carlo)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/gui/dock.py" line="307" />
      <source>Classes applied to {count} layer(s).</source>
      <translation>Klassen toegepast op {count} laag/lagen.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/change.py" line="107" />
      <source>Classes from field '{field}'.</source>
      <translation>Klassen uit veld '{field}'.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/stability.py" line="75" />
      <source>Classes of the base and of every run</source>
      <translation>Klassen van de basis en van elke run</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/layout.py" line="107" />
      <source>Classes: {labels}</source>
      <translation>Klassen: {labels}</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/classify.py" line="41" />
      <source>Classified</source>
      <translation>Ingedeeld</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/provider.py" line="42" />
      <source>Classify into classes</source>
      <translation>Indelen in klassen</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/classify.py" line="24" />
      <source>Classify scores into classes</source>
      <translation>Scores in klassen indelen</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/compute.py" line="44" />
      <source>Clip (winsorise) at percent</source>
      <translation>Afkappen (winsoriseren) op percentage</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/correlation.py" line="45" />
      <source>Comparison indicator fields</source>
      <translation>Velden met vergelijkingsindicatoren</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/provider.py" line="41" />
      <location filename="../mdi_plugin/processing/algorithms/compute.py" line="28" />
      <source>Compute MDI</source>
      <translation>MDI berekenen</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/parameters.py" line="64" />
      <source>Compute from</source>
      <translation>Berekenen uit</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/base.py" line="35" />
      <source>Compute index</source>
      <translation>Index berekenen</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/opendata.py" line="217" />
      <source>Compute the MDI of this layer with the spec {path} (SPEC): its bounds are the national minimum and maximum, so {scope} scores as in a national run.</source>
      <translation>Bereken de MDI van deze laag met de spec {path} (SPEC): de grenzen daarin zijn het landelijke minimum en maximum, zodat {scope} dezelfde score krijgt als in een landelijke berekening.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/concentration.py" line="53" />
      <source>Concentration</source>
      <translation>Concentratie</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/concentration.py" line="33" />
      <source>Concentration per gemeente</source>
      <translation>Concentratie per gemeente</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/plugin.py" line="56" />
      <source>Copy the MDI chain model to my models</source>
      <translation>MDI-ketenmodel naar mijn modellen kopiëren</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/plugin.py" line="59" />
      <source>Copy the model mdi_keten into your Processing models folder, to open and edit it in the Graphical Modeler</source>
      <translation>Kopieert het model mdi_keten naar je Processing-modellenmap, om het in de grafische modelbouwer te openen en aan te passen</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/correlation.py" line="36" />
      <source>Correlate with comparison indicators</source>
      <translation>Correleren met vergelijkingsindicatoren</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/correlation.py" line="56" />
      <source>Correlations</source>
      <translation>Correlaties</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/numeric_text.py" line="244" />
      <source>Could not check whether the numeric fields {fields} of '{path}' hold text ({error}); such text is read as QGIS reads it (0 or a cut-off number).</source>
      <translation>Kon niet nagaan of de numerieke velden {fields} van '{path}' tekst bevatten ({error}); zulke tekst wordt gelezen zoals QGIS hem leest (0 of een afgekapt getal).</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/safe_output.py" line="391" />
      <location filename="../mdi_plugin/processing/transaction.py" line="699" />
      <source>Could not remove the incomplete output {target}: {error}. Delete it yourself.</source>
      <translation>Kon de onvolledige uitvoer {target} niet verwijderen: {error}. Verwijder deze zelf.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/safe_output.py" line="389" />
      <source>Could not remove {target}, written by the earlier step '{step}': {error}. Delete it yourself.</source>
      <translation>Kon {target}, geschreven door de eerdere stap '{step}', niet verwijderen: {error}. Verwijder het zelf.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/transaction.py" line="651" />
      <source>Could not replace {target}: {error}. The file is probably still open in QGIS or another program: close the layer (remove it from the project) and run again. {target} was not changed.</source>
      <translation>Kon {target} niet vervangen: {error}. Het bestand is waarschijnlijk nog geopend in QGIS of een ander programma: sluit de laag (verwijder hem uit het project) en voer opnieuw uit. {target} is niet gewijzigd.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/styling/outputs.py" line="226" />
      <location filename="../mdi_plugin/styling/outputs.py" line="240" />
      <source>Could not store the MDI style in {file}: {error}</source>
      <translation>Kon de MDI-stijl niet opslaan in {file}: {error}</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/opendata.py" line="178" />
      <source>Could not write area {code} ({year}) to the output.</source>
      <translation>Gebied {code} ({year}) kon niet naar de uitvoer worden geschreven.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/feature_io.py" line="243" />
      <location filename="../mdi_plugin/processing/feature_io.py" line="267" />
      <source>Could not write feature {feature} to the output: {error}</source>
      <translation>Kon object {feature} niet naar de uitvoer schrijven: {error}</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/profile.py" line="189" />
      <source>Could not write the chart {path}: check that the folder is writable and the disk is not full.</source>
      <translation>Kon de grafiek {path} niet schrijven: controleer of de map schrijfbaar is en de schijf niet vol is.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/styling/layout.py" line="195" />
      <source>Could not write the layout template {path}.</source>
      <translation>Kon het layoutsjabloon {path} niet schrijven.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/concentration.py" line="191" />
      <source>Could not write the output feature of group '{group}'.</source>
      <translation>Kon het uitvoerobject van groep '{group}' niet schrijven.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/aggregate.py" line="239" />
      <source>Could not write the output feature of region '{region}': {error}</source>
      <translation>Kon het uitvoerobject van regio '{region}' niet schrijven: {error}</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/gui/model_copy.py" line="46" />
      <source>Could not write {path}: choose another models folder in Settings &gt; Options &gt; Processing &gt; Models.</source>
      <translation>Kan {path} niet schrijven: kies een andere modellenmap in Extra &gt; Opties &gt; Processing &gt; Modellen.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/transaction.py" line="657" />
      <source>Could not write {target}: {error}. {target} was not changed.</source>
      <translation>Kon {target} niet schrijven: {error}. {target} is niet gewijzigd.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/classify.py" line="36" />
      <source>Custom breaks</source>
      <translation>Eigen klassegrenzen</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/classify.py" line="39" />
      <source>Custom breaks, ascending (e.g. 40,50,60 or 40;50,5;60)</source>
      <translation>Eigen klassegrenzen, oplopend (bijv. 40,50,60 of 40;50,5;60)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/topn.py" line="64" />
      <source>DERIVE_GEMEENTE needs a code field: choose GROUP_FIELD (a field with buurt, wijk or gemeente codes); none of {names} was found.</source>
      <translation>DERIVE_GEMEENTE heeft een codeveld nodig: kies GROUP_FIELD (een veld met buurt-, wijk- of gemeentecodes); geen van {names} gevonden.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/styling/charts.py" line="63" />
      <source>Deprivation profile {name}</source>
      <translation>Achterstandsprofiel {name}</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/aggregate.py" line="218" />
      <location filename="../mdi_plugin/processing/algorithms/concentration.py" line="127" />
      <source>Dissolving the units into {count} output feature(s)...</source>
      <translation>Eenheden samenvoegen tot {count} uitvoerobject(en)...</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/compute.py" line="283" />
      <source>Domain '{domain}' cannot be computed: its indicator fields ({fields}) are empty (NULL) or missing in every row, so no row would get an MDI. Fill in at least one of them, map other fields with 'Field map' (FIELD_MAP), or use a spec without this domain.</source>
      <translation>Domein '{domain}' kan niet worden berekend: de indicatorvelden ({fields}) zijn in elke rij leeg (NULL) of ontbreken, zodat geen enkele rij een MDI zou krijgen. Vul er ten minste één in, koppel andere velden met 'Veldkoppeling' (FIELD_MAP), of gebruik een specificatie zonder dit domein.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/compute.py" line="178" />
      <source>Domain '{domain}' cannot be computed: the input has none of its indicator fields ({fields}). {hint} Map them with 'Field map' (FIELD_MAP) or use a spec with your field names.</source>
      <translation>Domein '{domain}' kan niet worden berekend: de invoer heeft geen van de indicatorvelden ({fields}). {hint} Koppel ze met 'Veldkoppeling' (FIELD_MAP) of gebruik een specificatie met uw veldnamen.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/profile.py" line="127" />
      <source>Domain '{domain}' has no scores at all: its national mean and every difference are NULL.</source>
      <translation>Domein '{domain}' heeft helemaal geen scores: het landelijk gemiddelde en elk verschil zijn NULL.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/compute.py" line="253" />
      <source>Domain '{domain}' has no values at all: its indicators ({fields}) are empty or missing in every row. Field {field} is NULL everywhere; the domain weighs 0, so the MDI is computed without it.</source>
      <translation>Domein '{domain}' heeft helemaal geen waarden: de indicatoren ({fields}) zijn in elke rij leeg of ontbreken. Veld {field} is overal NULL; het domein weegt 0, dus de MDI wordt zonder dit domein berekend.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/compute.py" line="326" />
      <source>Domain '{domain}': its score field is empty (NULL) in every row, so no row would get an MDI. Fill it in (run Compute MDI on the indicators first) or map another field with 'Field map' (FIELD_MAP).</source>
      <translation>Domein '{domain}': het scoreveld is in elke rij leeg (NULL), zodat geen enkele rij een MDI zou krijgen. Vul het (voer eerst MDI berekenen uit op de indicatoren) of koppel een ander veld met 'Veldkoppeling' (FIELD_MAP).</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/compute.py" line="334" />
      <source>Domain '{domain}': {count} score(s) lie outside 0-100; domain scores are expected on a 0-100 scale.</source>
      <translation>Domein '{domain}': {count} score(s) liggen buiten 0-100; domeinscores horen op een schaal van 0-100 te liggen.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/profile.py" line="37" />
      <source>Domain profile (achterstandsprofiel)</source>
      <translation>Achterstandsprofiel</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/compute.py" line="166" />
      <source>Domain score field '{field}' (or '{output}') of domain '{id}' is missing from the input. {hint} Run Compute MDI first, map it with 'Field map' (FIELD_MAP) or rename the field.</source>
      <translation>Het domeinscoreveld '{field}' (of '{output}') van domein '{id}' ontbreekt in de invoer. {hint} Voer eerst MDI berekenen uit, koppel het met 'Veldkoppeling' (FIELD_MAP) of hernoem het veld.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/compute.py" line="320" />
      <location filename="../mdi_plugin/core/correlation.py" line="272" />
      <source>Domain score(s) {domains} are missing.</source>
      <translation>Domeinscore(s) {domains} ontbreken.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/parameters.py" line="65" />
      <source>Domain scores (0-100, &lt;domain&gt; or mdi_&lt;domain&gt;)</source>
      <translation>Domeinscores (0-100, &lt;domein&gt; of mdi_&lt;domein&gt;)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/styling/charts.py" line="42" />
      <source>Domain scores MDI{year} (0–100, higher = more deprivation) and national mean</source>
      <translation>Domeinscores MDI{year} (0–100, hoger = meer achterstand) en landelijk gemiddelde</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/opendata.py" line="36" />
      <source>Download open data</source>
      <translation>Open data ophalen (CBS, RIVM, Politie, PDOK)</translation>
    </message>
    <message>
      <location filename="../ui/mdi_dock.ui" />
      <source>Download the MDI indicators with boundaries from open data (mdi:downloadopendata)</source>
      <translation>De MDI-indicatoren met grenzen ophalen uit open data (mdi:downloadopendata)</translation>
    </message>
    <message>
      <location filename="../ui/mdi_dock.ui" />
      <source>Draw zones</source>
      <translation>Zones tekenen</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/correlation.py" line="251" />
      <source>EXCLUDE_DOMAIN '{domain}' is not a domain of the spec; use one of {known}.</source>
      <translation>EXCLUDE_DOMAIN '{domain}' is geen domein van de specificatie; gebruik een van {known}.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/report.py" line="64" />
      <source>Earlier year for the change (needs GEMEENTEN)</source>
      <translation>Eerder jaar voor de verandering (vraagt GEMEENTEN)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/typology.py" line="38" />
      <source>Establishments in tourism (%)</source>
      <translation>Vestigingen in het toerisme (%)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/layout.py" line="33" />
      <source>Export MDI map (PNG / PDF)</source>
      <translation>MDI-kaart exporteren (PNG / PDF)</translation>
    </message>
    <message>
      <location filename="../ui/mdi_dock.ui" />
      <source>Export map</source>
      <translation>Kaart exporteren</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/gui/dock.py" line="410" />
      <source>Export map as PDF</source>
      <translation>Kaart exporteren als PDF</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/gui/dock.py" line="410" />
      <source>Export map as PNG</source>
      <translation>Kaart exporteren als PNG</translation>
    </message>
    <message>
      <location filename="../ui/mdi_dock.ui" />
      <source>Export the current map through the MDI layout to PDF</source>
      <translation>De huidige kaart via de MDI-layout exporteren naar PDF</translation>
    </message>
    <message>
      <location filename="../ui/mdi_dock.ui" />
      <source>Export the current map through the MDI layout to PNG</source>
      <translation>De huidige kaart via de MDI-layout exporteren naar PNG</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/change.py" line="80" />
      <source>FIELDS contains '{field}', which is the id or year field.</source>
      <translation>FIELDS bevat '{field}', en dat is het code- of jaarveld.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/aggregate.py" line="60" />
      <source>FIELDS contains '{field}', which is {role}; it cannot also be aggregated.</source>
      <translation>FIELDS bevat '{field}', en dat is {role}; het kan niet ook worden geaggregeerd.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/aggregate.py" line="52" />
      <source>FIELDS is empty and the input has no field 'mdi' or 'mdi_&lt;domain&gt;': choose the numeric fields to aggregate, or run Compute MDI first.</source>
      <translation>FIELDS is leeg en de invoer heeft geen veld 'mdi' of 'mdi_&lt;domein&gt;': kies de numerieke velden om te aggregeren, of voer eerst MDI berekenen uit.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/change.py" line="75" />
      <source>FIELDS is empty and the input has no field 'mdi' or 'mdi_&lt;domain&gt;': choose the numeric fields to compare, or run Compute MDI first.</source>
      <translation>FIELDS is leeg en de invoer heeft geen veld 'mdi' of 'mdi_&lt;domein&gt;': kies de numerieke velden om te vergelijken, of voer eerst MDI berekenen uit.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/fields.py" line="142" />
      <source>FIELDS is empty: used {found}; the input has no {missing}, also not under a name cut to 10 characters. A Shapefile cuts long names and renames those that then collide (e.g. 'mdi_inko_1'): choose the fields with FIELDS, or keep the outputs of earlier steps as GeoPackage (.gpkg).</source>
      <translation>FIELDS is leeg: gebruikt zijn {found}; de invoer heeft geen {missing}, ook niet onder een naam ingekort tot 10 tekens. Een shapefile kort lange namen in en hernoemt namen die dan botsen (bijv. 'mdi_inko_1'): kies de velden met FIELDS, of bewaar de uitvoer van eerdere stappen als GeoPackage (.gpkg).</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/change.py" line="170" />
      <source>FROM_YEAR ({first}) must be before TO_YEAR ({last}).</source>
      <translation>FROM_YEAR ({first}) moet vóór TO_YEAR ({last}) liggen.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/report.py" line="117" />
      <source>FROM_YEAR needs a gemeente-level MDI (GEMEENTEN): the change of a gemeente is the change of its MDI, not of a mean of its buurten.</source>
      <translation>FROM_YEAR vraagt een MDI op gemeenteniveau (GEMEENTEN): de verandering van een gemeente is de verandering van haar MDI, niet van een gemiddelde van haar buurten.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/typology.py" line="35" />
      <source>Facilities score</source>
      <translation>Voorzieningenscore</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/typology.py" line="34" />
      <source>Farmland (%)</source>
      <translation>Landbouwgrond (%)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/classify.py" line="84" />
      <source>Features per class: {counts}</source>
      <translation>Objecten per klasse: {counts}</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/opendata.py" line="62" />
      <source>Fetch again (ignore the cache)</source>
      <translation>Opnieuw ophalen (cache negeren)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/opendata_client.py" line="103" />
      <source>Fetching {what}</source>
      <translation>Ophalen: {what}</translation>
    </message>
    <message>
      <location filename="../ui/mdi_dock.ui" />
      <source>Field</source>
      <translation>Veld</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/classify.py" line="235" />
      <source>Field '{field}' has no values at all: every row is '{label}'.</source>
      <translation>Veld '{field}' heeft helemaal geen waarden: elke rij is '{label}'.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/classify.py" line="147" />
      <source>Field '{field}' has no values{where} to compute quartiles from (every row is empty). Fill in the field, choose another FIELD, or use the fixed or custom breaks.</source>
      <translation>Veld '{field}' heeft geen waarden{where} om kwartielen uit te berekenen (elke rij is leeg). Vul het veld, kies een ander FIELD, of gebruik de vaste of eigen klassegrenzen.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/numeric_text.py" line="270" />
      <source>Field '{field}' is a numeric field, but {count} feature(s) hold text (e.g. feature {feature}: {value!r}). They are read as a text field is read: '12,5' is 12.5, '.' and 'x' are missing. QGIS itself shows such text as 0 or a cut-off number, also in the output's copy of the field: correct the input.</source>
      <translation>Veld '{field}' is een numeriek veld, maar {count} object(en) bevatten tekst (bijv. object {feature}: {value!r}). Die wordt gelezen zoals in een tekstveld: '12,5' is 12,5, '.' en 'x' zijn ontbrekend. QGIS zelf toont zulke tekst als 0 of een afgekapt getal, ook in de kopie van het veld in de uitvoer: corrigeer de invoer.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/aggregate.py" line="255" />
      <source>Field '{field}' of REGIONS is not copied: the output has its own field of that name.</source>
      <translation>Veld '{field}' van REGIONS wordt niet overgenomen: de uitvoer heeft een eigen veld met die naam.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/codes.py" line="191" />
      <source>Field '{field}' writes {count} area code(s) in several forms ({examples}); each form is read as the same code.</source>
      <translation>Veld '{field}' schrijft {count} gebiedscode(s) op meerdere manieren ({examples}); elke schrijfwijze wordt als dezelfde code gelezen.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/values.py" line="82" />
      <source>Field '{field}', feature {feature}: value {value!r} is not a number. Use a number (decimal point or comma), leave it empty or use a CBS missing-value code such as -99997.</source>
      <translation>Veld '{field}', object {feature}: waarde {value!r} is geen getal. Gebruik een getal (decimale punt of komma), laat de waarde leeg of gebruik een CBS-code voor een ontbrekende waarde, zoals -99997.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/codes.py" line="168" />
      <source>Field '{field}', feature {feature}: {value!r} has no CBS prefix, but the field holds codes of several kinds ({kinds}); write it with its prefix (e.g. GM0363, BU03630000).</source>
      <translation>Veld '{field}', object {feature}: {value!r} heeft geen CBS-voorvoegsel, maar het veld bevat codes van meerdere soorten ({kinds}); schrijf de code met voorvoegsel (bijv. GM0363, BU03630000).</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/codes.py" line="172" />
      <source>Field '{field}', feature {feature}: {value!r} is not a CBS area code like the other codes of the field ({kinds}...). Correct it or leave it empty; a code may be written as GM0363, gm0363, GM363, 363 or 0363.</source>
      <translation>Veld '{field}', object {feature}: {value!r} is geen CBS-gebiedscode zoals de andere codes van het veld ({kinds}...). Corrigeer de waarde of laat hem leeg; een code mag geschreven worden als GM0363, gm0363, GM363, 363 of 0363.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/typology.py" line="138" />
      <source>Field '{field}', feature {feature}: {value!r} is not yes or no. Use 1/0, true/false or ja/nee.</source>
      <translation>Veld '{field}', object {feature}: {value!r} is geen ja of nee. Gebruik 1/0, true/false of ja/nee.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/opendata.py" line="624" />
      <source>Field '{field}': series break in {year} ({note}); years before and from {year} are not fully comparable.</source>
      <translation>Veld '{field}': reeksbreuk in {year} ({note}); jaren voor en vanaf {year} zijn niet volledig vergelijkbaar.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/change.py" line="237" />
      <source>Field '{field}': the change of area '{area}' ({before:g} -&gt; {after:g}) is too large to compute. Check the values of this field.</source>
      <translation>Veld '{field}': de verandering van gebied '{area}' ({before:g} -&gt; {after:g}) is te groot om te berekenen. Controleer de waarden van dit veld.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/aggregate.py" line="293" />
      <source>Field '{field}': {count} region(s) have no value (NULL).</source>
      <translation>Veld '{field}': {count} regio('s) hebben geen waarde (NULL).</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/aggregate.py" line="478" />
      <source>Field '{field}': {count} unit(s) have a value but no weight and are left out of the weighted mean.</source>
      <translation>Veld '{field}': {count} eenheid/eenheden hebben een waarde maar geen gewicht en tellen niet mee in het gewogen gemiddelde.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/layout.py" line="43" />
      <source>Field (empty: mdi)</source>
      <translation>Veld (leeg: mdi)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/parameters.py" line="79" />
      <source>Field map (id, field)</source>
      <translation>Veldkoppeling (id, veld)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/regiokompas.py" line="91" />
      <source>Field(s) {fields} (feature id or year) are not used as themes; choose them in THEME_FIELDS to include them.</source>
      <translation>Veld(en) {fields} (object-id of jaar) worden niet als thema gebruikt; kies ze in THEME_FIELDS om ze mee te nemen.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/aggregate.py" line="119" />
      <source>Fields to aggregate (empty = mdi and mdi_&lt;domain&gt;)</source>
      <translation>Velden om te aggregeren (leeg = mdi en mdi_&lt;domein&gt;)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/change.py" line="44" />
      <source>Fields to compare (empty = mdi and mdi_&lt;domain&gt;)</source>
      <translation>Velden om te vergelijken (leeg = mdi en mdi_&lt;domein&gt;)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/fields.py" line="137" />
      <source>Fields with names cut to 10 characters (as a Shapefile stores them) are read as the MDI fields: {fields}.</source>
      <translation>Velden met namen ingekort tot 10 tekens (zoals een shapefile ze opslaat) worden gelezen als de MDI-velden: {fields}.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/compute.py" line="161" />
      <source>Fields with names cut to 10 characters (as a Shapefile stores them) are read as the spec's fields: {fields}.</source>
      <translation>Velden met namen ingekort tot 10 tekens (zoals een shapefile ze opslaat) worden gelezen als de velden van de specificatie: {fields}.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/opendata.py" line="202" />
      <source>Filled {count} indicator(s): {ids}.</source>
      <translation>{count} indicator(en) gevuld: {ids}.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/compute.py" line="42" />
      <source>Fixed bounds from the spec</source>
      <translation>Vaste grenzen uit de specificatie</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/stability.py" line="76" />
      <source>Fixed breaks (BREAKS; percentile-rank runs by the same shares)</source>
      <translation>Vaste grenzen (BREAKS; runs met percentielrang naar dezelfde aandelen)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/provider.py" line="44" />
      <source>Flag peripheral regions</source>
      <translation>Perifere regio's markeren</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/zones.py" line="23" />
      <source>Flag periphery</source>
      <translation>Perifere regio's markeren</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/zones.py" line="38" />
      <source>Flagged regions</source>
      <translation>Gemarkeerde regio's</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/zones.py" line="90" />
      <source>Focus regions (peripheral, MDI &gt;= threshold) per year: {counts}.</source>
      <translation>Focusregio's (perifeer, MDI &gt;= drempel) per jaar: {counts}.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/zones.py" line="86" />
      <source>Focus regions (peripheral, MDI &gt;= threshold): {count} of {regions} regions.</source>
      <translation>Focusregio's (perifeer, MDI &gt;= drempel): {count} van {regions} regio's.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/styling/zones.py" line="45" />
      <source>Focusregio (perifeer, MDI ≥ {threshold})</source>
      <translation>Focusregio (perifeer, MDI ≥ {threshold})</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/report.py" line="85" />
      <source>Folder for one PNG per page</source>
      <translation>Map voor één PNG per pagina</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/profile.py" line="67" />
      <source>Folder for the charts</source>
      <translation>Map voor de grafieken</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/typology.py" line="33" />
      <source>Forest and nature (%)</source>
      <translation>Bos en natuur (%)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/stability.py" line="376" />
      <source>From domain scores the normalisation cannot vary: only the weights and the class breaks are perturbed.</source>
      <translation>Bij domeinscores kan de normalisatie niet variëren: alleen de gewichten en de klassegrenzen worden gevarieerd.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/change.py" line="40" />
      <source>From year (empty = earliest)</source>
      <translation>Van jaar (leeg = vroegste)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/change.py" line="52" />
      <source>From year used</source>
      <translation>Gebruikt beginjaar</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/report_data.py" line="167" />
      <source>GEMEENTEN '{layer}' needs a gemeentecode field and an mdi field (the output of mdi:computemdi on gemeenten).</source>
      <translation>GEMEENTEN '{layer}' moet een veld gemeentecode en een veld mdi hebben (de uitvoer van mdi:computemdi op gemeenten).</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/opendata.py" line="127" />
      <source>GEMEENTEN: {codes} has no areas in the tables of {years}; check the code (gemeenten change with mergers).</source>
      <translation>GEMEENTEN: {codes} heeft geen gebieden in de tabellen van {years}; controleer de code (gemeenten veranderen bij herindelingen).</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/opendata.py" line="260" />
      <source>GEMEENTEN: {value!r} is not a gemeente code; write codes like GM0363, 363 or 0363, separated by commas.</source>
      <translation>GEMEENTEN: {value!r} is geen gemeentecode; schrijf codes als GM0363, 363 of 0363, gescheiden door komma's.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/opendata.py" line="137" />
      <source>GEOMETRY: no PDOK boundaries are known for {year} (known: {known}); set GEOMETRY to false for a table.</source>
      <translation>GEOMETRY: voor {year} zijn geen PDOK-grenzen bekend (bekend: {known}); zet GEOMETRY op false voor een tabel.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/styling/renderers.py" line="51" />
      <source>Geen gegevens</source>
      <translation>Geen gegevens</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/styling/renderers.py" line="50" />
      <source>Gematigd</source>
      <translation>Gematigd</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/opendata.py" line="46" />
      <location filename="../mdi_plugin/styling/report_layout.py" line="208" />
      <source>Gemeente</source>
      <translation>Gemeente</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/regiokompas.py" line="28" />
      <source>Gemeente code field (empty = gemeentecode, statcode or code)</source>
      <translation>Veld met gemeentecode (leeg = gemeentecode, statcode of code)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/regiokompas.py" line="27" />
      <location filename="../ui/mdi_dock.ui" />
      <source>Gemeente layer</source>
      <translation>Gemeentelaag</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/typology.py" line="54" />
      <source>Gemeente typology</source>
      <translation>Gemeentetypologie</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/report.py" line="61" />
      <source>Gemeente-level MDI of all gemeenten (for MDI, rank, national mean, profile and change)</source>
      <translation>MDI op gemeenteniveau van alle gemeenten (voor MDI, rang, landelijk gemiddelde, profiel en verandering)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/opendata.py" line="49" />
      <source>Gemeenten (codes, comma-separated; empty = the whole country)</source>
      <translation>Gemeenten (codes, gescheiden door komma's; leeg = heel Nederland)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/typology.py" line="60" />
      <source>Gemeenten (with MDI classes)</source>
      <translation>Gemeenten (met MDI-klassen)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/provider.py" line="37" />
      <source>Gemeenten with MDI and class</source>
      <translation>Gemeenten met MDI en klasse</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/regiokompas.py" line="39" />
      <source>Gemeenten with Regiokompas</source>
      <translation>Gemeenten met Regiokompas</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/typology.py" line="74" />
      <source>Gemeenten with types</source>
      <translation>Gemeenten met typen</translation>
    </message>
    <message>
      <location filename="../ui/mdi_dock.ui" />
      <source>Get data (CBS, RIVM, Politie, PDOK)...</source>
      <translation>Data ophalen (CBS, RIVM, Politie, PDOK)...</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/styling/layout.py" line="609" />
      <source>Give a PNG or a PDF file to export to.</source>
      <translation>Geef een PNG- of PDF-bestand op om naar te exporteren.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/aggregate.py" line="105" />
      <source>Give either REGION_FIELD (a region code field in the input) or REGIONS (a layer of region polygons), not both.</source>
      <translation>Geef REGION_FIELD (een regiocodeveld in de invoer) of REGIONS (een laag met regiopolygonen), niet allebei.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/concentration.py" line="49" />
      <location filename="../mdi_plugin/processing/algorithms/topn.py" line="41" />
      <source>Group by the gemeente derived from the codes (buurtcode BU03630101 -&gt; GM0363)</source>
      <translation>Groeperen naar de gemeente afgeleid uit de codes (buurtcode BU03630101 -&gt; GM0363)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/concentration.py" line="46" />
      <source>Group field (empty = gemeentecode, or the gemeente of buurtcode)</source>
      <translation>Groepsveld (leeg = gemeentecode, of de gemeente van buurtcode)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/topn.py" line="39" />
      <source>Group field (optional, e.g. gemeentecode)</source>
      <translation>Groepsveld (optioneel, bijv. gemeentecode)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/concentration.py" line="114" />
      <source>Groups: the gemeente of the codes in '{field}'.</source>
      <translation>Groepen: de gemeente van de codes in '{field}'.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/styling/layout.py" line="63" />
      <source>Het PON &amp; Telos; CBS</source>
      <translation>Het PON &amp; Telos; CBS</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/zones.py" line="36" />
      <source>High MDI from (threshold)</source>
      <translation>Hoge MDI vanaf (drempel)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/regiokompas.py" line="38" />
      <source>Higher theme score is better</source>
      <translation>Hogere themascore is beter</translation>
    </message>
    <message>
      <location filename="../ui/mdi_dock.ui" />
      <source>Highest scores</source>
      <translation>Hoogste scores</translation>
    </message>
    <message>
      <location filename="../ui/mdi_dock.ui" />
      <source>Highlight highest</source>
      <translation>Hoogste markeren</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/layout.py" line="57" />
      <source>Highlight the N highest features (0 = none)</source>
      <translation>De N hoogste objecten markeren (0 = geen)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/typology.py" line="28" />
      <source>Homes built after 1990 (%)</source>
      <translation>Woningen gebouwd na 1990 (%)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/typology.py" line="29" />
      <source>Homes built before 1905 (%)</source>
      <translation>Woningen gebouwd voor 1905 (%)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/styling/renderers.py" line="50" />
      <source>Hoog</source>
      <translation>Hoog</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/styling/topn.py" line="137" />
      <source>Hoogste scores</source>
      <translation>Hoogste scores</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/change.py" line="70" />
      <source>ID_FIELD and YEAR_FIELD are the same field '{field}'.</source>
      <translation>ID_FIELD en YEAR_FIELD zijn hetzelfde veld '{field}'.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/topn.py" line="166" />
      <source>In {count} ranking(s) areas tie at place {n}: they share the rank and are all flagged, so more than {n} areas are flagged there.</source>
      <translation>In {count} rangorde(s) staan gebieden gelijk op plaats {n}: ze delen de rang en worden allemaal gemarkeerd, dus daar zijn meer dan {n} gebieden gemarkeerd.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/compute.py" line="239" />
      <source>Indicator '{id}' (field '{field}') has no values at all; its domain is scored from the other indicators.</source>
      <translation>Indicator '{id}' (veld '{field}') heeft helemaal geen waarden; het domein wordt berekend uit de andere indicatoren.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/compute.py" line="184" />
      <source>Indicator '{id}': field '{field}' is not in the input; its domain is scored from the other indicators. {hint}</source>
      <translation>Indicator '{id}': veld '{field}' zit niet in de invoer; het domein wordt berekend uit de andere indicatoren. {hint}</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/compute.py" line="248" />
      <source>Indicator '{id}': {count} value(s) lay outside the bounds {lower:g}-{upper:g} and were clipped.</source>
      <translation>Indicator '{id}': {count} waarde(n) lagen buiten de grenzen {lower:g}-{upper:g} en zijn afgekapt.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/normalise.py" line="81" />
      <source>Indicator '{indicator}' (field '{field}') has no spread{where} after winsorising at {clip:g} %: every value between the {clip:g}th and {top:g}th percentile is {value:g}, while the values range from {low:g} to {high:g}. Lower CLIP_PERCENT (or set it to 0), or choose percentile rank.</source>
      <translation>Indicator '{indicator}' (veld '{field}') heeft geen spreiding{where} na winsoriseren op {clip:g} %: elke waarde tussen het {clip:g}e en {top:g}e percentiel is {value:g}, terwijl de waarden lopen van {low:g} tot {high:g}. Verlaag CLIP_PERCENT (of zet het op 0), of kies percentielrang.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/normalise.py" line="90" />
      <source>Indicator '{indicator}' (field '{field}') has no spread{where}: every value is {value:g}, so it cannot be scaled by min-max. Give fixed 'lower'/'upper' bounds in the spec, choose percentile rank, or leave the indicator out.</source>
      <translation>Indicator '{indicator}' (veld '{field}') heeft geen spreiding{where}: elke waarde is {value:g}, dus min-max-schaling is niet mogelijk. Geef vaste grenzen 'lower'/'upper' in de specificatie, kies percentielrang, of laat de indicator weg.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/correlation.py" line="219" />
      <source>Indicator '{indicator}': only {n} row(s) have both the score and a value (at least {minimum} are needed); r and p are NULL.</source>
      <translation>Indicator '{indicator}': slechts {n} rij(en) hebben zowel de score als een waarde (er zijn er minstens {minimum} nodig); r en p zijn NULL.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/correlation.py" line="225" />
      <source>Indicator '{indicator}': {what} has the same value in all {n} rows (no variance), so there is no correlation; r and p are NULL.</source>
      <translation>Indicator '{indicator}': {what} heeft in alle {n} rijen dezelfde waarde (geen variantie), dus er is geen correlatie; r en p zijn NULL.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/parameters.py" line="65" />
      <source>Indicators</source>
      <translation>Indicatoren</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/typology.py" line="65" />
      <source>Inhabitants (size classes, COROP share; empty: inwoners if present)</source>
      <translation>Inwoners (grootteklassen, aandeel in COROP; leeg: inwoners indien aanwezig)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/report.py" line="56" />
      <source>Inhabitants field</source>
      <translation>Veld met inwoners</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/styling/report_layout.py" line="196" />
      <source>Inhabitants in a buurt with MDI 'Zeer hoog': {share} %</source>
      <translation>Inwoners in een buurt met MDI 'Zeer hoog': {share} %</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/concentration.py" line="168" />
      <source>Inhabitants must be 0 or more; a negative value was found.</source>
      <translation>Het aantal inwoners moet 0 of meer zijn; er is een negatieve waarde gevonden.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/correlation.py" line="42" />
      <source>Input (e.g. gemeenten with MDI)</source>
      <translation>Invoer (bijv. gemeenten met MDI)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/regiokompas.py" line="40" />
      <source>Input features with a Regiokompas row</source>
      <translation>Invoerobjecten met een Regiokompas-rij</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/regiokompas.py" line="42" />
      <source>Input features without a Regiokompas row</source>
      <translation>Invoerobjecten zonder Regiokompas-rij</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/classify.py" line="79" />
      <source>Input field '{field}' is replaced by the new classes.</source>
      <translation>Invoerveld '{field}' wordt vervangen door de nieuwe klassen.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/change.py" line="179" />
      <location filename="../mdi_plugin/processing/algorithms/topn.py" line="108" />
      <source>Input field '{field}' is replaced by the new field of that name.</source>
      <translation>Invoerveld '{field}' wordt vervangen door het nieuwe veld met die naam.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/zones.py" line="72" />
      <source>Input field '{field}' is replaced by the new flags.</source>
      <translation>Invoerveld '{field}' wordt vervangen door de nieuwe markeringen.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/compute.py" line="103" />
      <location filename="../mdi_plugin/processing/algorithms/regiokompas.py" line="78" />
      <location filename="../mdi_plugin/processing/algorithms/stability.py" line="149" />
      <source>Input field '{field}' is replaced by the newly computed values.</source>
      <translation>Invoerveld '{field}' wordt vervangen door de nieuw berekende waarden.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/parameters.py" line="25" />
      <source>Input layer or table</source>
      <translation>Invoerlaag of -tabel</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/profile.py" line="48" />
      <source>Input with mdi_&lt;domain&gt; fields (e.g. gemeenten)</source>
      <translation>Invoer met velden mdi_&lt;domein&gt; (bijv. gemeenten)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/styling/zones.py" line="42" />
      <source>Intermediaire zone</source>
      <translation>Intermediaire zone</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/typology.py" line="31" />
      <source>Jobs per 100 labour force</source>
      <translation>Banen per 100 personen van de beroepsbevolking</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/regiokompas.py" line="20" />
      <source>Join Regiokompas</source>
      <translation>Regiokompas koppelen</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/styling/zones.py" line="42" />
      <source>Kernzone</source>
      <translation>Kernzone</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/regiokompas.py" line="54" />
      <source>Key fields: input '{input}', Regiokompas '{rk}'.</source>
      <translation>Sleutelvelden: invoer '{input}', Regiokompas '{rk}'.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/styling/renderers.py" line="378" />
      <source>Klasse {number}</source>
      <translation>Klasse {number}</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/styling/renderers.py" line="50" />
      <source>Laag</source>
      <translation>Laag</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/typology.py" line="36" />
      <source>Labour force in industry, 1960 (%)</source>
      <translation>Beroepsbevolking in de industrie, 1960 (%)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/typology.py" line="39" />
      <source>Labour force in tourism (%)</source>
      <translation>Beroepsbevolking in het toerisme (%)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/styling/zones.py" line="94" />
      <source>Layer '{layer}' has neither a 'zone' field nor a COROP code field ({fields}). Use the output of mdi:flagperiphery or a COROP layer with codes.</source>
      <translation>Laag '{layer}' heeft geen veld 'zone' en geen COROP-codeveld ({fields}). Gebruik de uitvoer van mdi:flagperiphery of een COROP-laag met codes.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/styling/renderers.py" line="396" />
      <source>Layer '{layer}' has no class field (*_klasse).</source>
      <translation>Laag '{layer}' heeft geen klasseveld (*_klasse).</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/styling/outputs.py" line="124" />
      <location filename="../mdi_plugin/styling/renderers.py" line="299" />
      <location filename="../mdi_plugin/styling/topn.py" line="88" />
      <source>Layer '{layer}' has no field '{field}'.</source>
      <translation>Laag '{layer}' heeft geen veld '{field}'.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/styling/outputs.py" line="106" />
      <source>Layer '{layer}' has no mdi field.</source>
      <translation>Laag '{layer}' heeft geen veld mdi.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/styling/topn.py" line="223" />
      <source>Layer '{layer}' has no rule-based MDI style.</source>
      <translation>Laag '{layer}' heeft geen op regels gebaseerde MDI-stijl.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/styling/renderers.py" line="304" />
      <source>Layer '{layer}' has no year field (jaar).</source>
      <translation>Laag '{layer}' heeft geen jaarveld (jaar).</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/styling/outputs.py" line="134" />
      <source>Layer '{layer}' has no {prefix}* field.</source>
      <translation>Laag '{layer}' heeft geen veld {prefix}*.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/layout.py" line="168" />
      <source>Layer has years {years}; mapping the latest, {year} (set YEAR for another).</source>
      <translation>De laag heeft de jaren {years}; het laatste, {year}, wordt op de kaart gezet (stel YEAR in voor een ander jaar).</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/layout.py" line="41" />
      <source>Layer to map (gemeenten, buurten or regions)</source>
      <translation>Laag voor de kaart (gemeenten, buurten of regio's)</translation>
    </message>
    <message>
      <location filename="../ui/mdi_dock.ui" />
      <source>Layers</source>
      <translation>Lagen</translation>
    </message>
    <message>
      <location filename="../ui/mdi_dock.ui" />
      <source>Layers with several years show one year at a time</source>
      <translation>Lagen met meerdere jaren tonen één jaar tegelijk</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/report.py" line="88" />
      <source>Layout template (.qpt, adapted in the Layout Manager; empty: the bundled one)</source>
      <translation>Opmaaksjabloon (.qpt, aangepast in de Lay-outbeheerder; leeg: het meegeleverde)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/correlation.py" line="51" />
      <source>Leave out domain (MDI recomputed from mdi_&lt;domain&gt; fields)</source>
      <translation>Domein weglaten (MDI opnieuw berekend uit de velden mdi_&lt;domein&gt;)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/layout.py" line="77" />
      <source>Legend entries</source>
      <translation>Legenda-items</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/opendata.py" line="46" />
      <source>Level</source>
      <translation>Niveau</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/opendata.py" line="220" />
      <source>Licence: CBS, RIVM, Politie and PDOK open data, CC BY 4.0; name the source ({field} holds it; map exports show it).</source>
      <translation>Licentie: open data van CBS, RIVM, Politie en PDOK, CC BY 4.0; vermeld de bron ({field} bevat die; kaartexports tonen die).</translation>
    </message>
    <message>
      <location filename="../ui/mdi_dock.ui" />
      <source>Line under the title; empty: the field and year shown</source>
      <translation>Regel onder de titel; leeg: het getoonde veld en jaar</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/aggregate.py" line="200" />
      <source>Locating the units in the regions (point on surface)...</source>
      <translation>Eenheden in de regio's plaatsen (punt op oppervlak)...</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/change.py" line="36" />
      <source>Long table or layer (one row per area per year)</source>
      <translation>Lange tabel of laag (één rij per gebied per jaar)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/regiokompas.py" line="103" />
      <source>Lower scores are better: the top quartile is at or below the 25th percentile.</source>
      <translation>Lagere scores zijn beter: het bovenste kwartiel ligt op of onder het 25e percentiel.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/plugin.py" line="95" />
      <location filename="../mdi_plugin/plugin.py" line="93" />
      <location filename="../mdi_plugin/processing/algorithms/compute.py" line="52" />
      <source>MDI</source>
      <translation>MDI</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/gui/model_copy.py" line="13" />
      <location filename="../mdi_plugin/processing/provider.py" line="33" />
      <source>MDI chain (compute, classify, aggregate, focus regions)</source>
      <translation>MDI-keten (berekenen, indelen, aggregeren, focusregio's)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/typology.py" line="61" />
      <source>MDI class field (empty: mdi_klasse, else mdi with breaks 40/50/60)</source>
      <translation>MDI-klasseveld (leeg: mdi_klasse, anders mdi met grenzen 40/50/60)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/gui/layer_choice.py" line="19" />
      <source>MDI classes</source>
      <translation>MDI-klassen</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/typology.py" line="126" />
      <source>MDI classes from '{field}' with the fixed breaks 40, 50, 60.</source>
      <translation>MDI-klassen uit '{field}' met de vaste klassegrenzen 40, 50, 60.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/compute.py" line="130" />
      <source>MDI computed for {count} feature(s): min {low:.1f}, mean {mean:.1f}, max {high:.1f}.</source>
      <translation>MDI berekend voor {count} object(en): min {low:.1f}, gemiddeld {mean:.1f}, max {high:.1f}.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/zones.py" line="35" />
      <source>MDI field (empty = mdi)</source>
      <translation>MDI-veld (leeg = mdi)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/report.py" line="51" />
      <source>MDI field (empty: mdi)</source>
      <translation>MDI-veld (leeg: mdi)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/plugin.py" line="46" />
      <location filename="../mdi_plugin/gui/dock.py" line="266" />
      <location filename="../ui/mdi_dock.ui" />
      <source>MDI maps</source>
      <translation>MDI-kaarten</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/plugin.py" line="50" />
      <source>MDI maps (MDI-kaarten): classes of the report, zone overlay, highest scores and map export</source>
      <translation>MDI-kaarten: klassen van het rapport, zone-overlay, hoogste scores en kaartexport</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/styling/report_layout.py" line="187" />
      <source>MDI of the gemeente: {value}</source>
      <translation>MDI van de gemeente: {value}</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/styling/outputs.py" line="223" />
      <source>MDI style ({style}) stored as the default style of {file}</source>
      <translation>MDI-stijl ({style}) opgeslagen als standaardstijl van {file}</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/styling/outputs.py" line="162" />
      <source>MDI style not applied to '{layer}': {error}</source>
      <translation>MDI-stijl niet toegepast op '{layer}': {error}</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/gui/layer_choice.py" line="20" />
      <source>MDI zones</source>
      <translation>MDI-zones</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/report.py" line="185" />
      <source>MDI {year}, made on {date}</source>
      <translation>MDI {year}, gemaakt op {date}</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/provider.py" line="122" />
      <source>MDI – Meervoudige Achterstandsindex</source>
      <translation>MDI – Meervoudige Achterstandsindex</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/styling/renderers.py" line="207" />
      <source>MDI-domein {domain}</source>
      <translation>MDI-domein {domain}</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/styling/renderers.py" line="209" />
      <source>MDI-klasse</source>
      <translation>MDI-klasse</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/styling/zones.py" line="47" />
      <source>MDI-zones</source>
      <translation>MDI-zones</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/aggregate.py" line="41" />
      <source>METHOD 'mean weighted by the weight field' needs WEIGHT_FIELD: choose the field with the weights, e.g. inwoners.</source>
      <translation>METHOD 'gemiddelde gewogen met het gewichtsveld' heeft WEIGHT_FIELD nodig: kies het veld met de gewichten, bijv. inwoners.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/aggregate.py" line="445" />
      <source>METHOD 'weighted mean' needs WEIGHT_FIELD: choose the field with the weights, e.g. inwoners (inhabitants).</source>
      <translation>METHOD 'gewogen gemiddelde' heeft WEIGHT_FIELD nodig: kies het veld met de gewichten, bijv. inwoners.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/compute.py" line="67" />
      <location filename="../mdi_plugin/core/stability.py" line="141" />
      <source>MIN_COVERAGE must be between 0 and 1, not {value}.</source>
      <translation>MIN_COVERAGE moet tussen 0 en 1 liggen, niet {value}.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/layout.py" line="75" />
      <source>Map as PDF</source>
      <translation>Kaart als PDF</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/layout.py" line="72" />
      <source>Map as PNG</source>
      <translation>Kaart als PNG</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/gui/dock.py" line="404" />
      <source>Map exported: {files}</source>
      <translation>Kaart geëxporteerd: {files}</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/base.py" line="37" />
      <source>Maps</source>
      <translation>Kaarten</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/aggregate.py" line="125" />
      <source>Maximum</source>
      <translation>Maximum</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/aggregate.py" line="123" />
      <source>Mean (unweighted, as in the report)</source>
      <translation>Gemiddelde (ongewogen, zoals in het rapport)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/aggregate.py" line="124" />
      <source>Mean weighted by the weight field</source>
      <translation>Gemiddelde gewogen met het gewichtsveld</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/aggregate.py" line="124" />
      <source>Median</source>
      <translation>Mediaan</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/styling/layout.py" line="62" />
      <source>Meervoudige Achterstandsindex (MDI)</source>
      <translation>Meervoudige Achterstandsindex (MDI)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/aggregate.py" line="122" />
      <location filename="../mdi_plugin/processing/algorithms/classify.py" line="33" />
      <source>Method</source>
      <translation>Methode</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/compute.py" line="41" />
      <location filename="../mdi_plugin/processing/algorithms/stability.py" line="64" />
      <source>Min-max over all rows, years pooled</source>
      <translation>Min-max over alle rijen, jaren samen</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/compute.py" line="41" />
      <location filename="../mdi_plugin/processing/algorithms/stability.py" line="65" />
      <source>Min-max per year</source>
      <translation>Min-max per jaar</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/aggregate.py" line="125" />
      <source>Minimum</source>
      <translation>Minimum</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/compute.py" line="48" />
      <location filename="../mdi_plugin/processing/algorithms/stability.py" line="53" />
      <source>Minimum share of a domain's indicators present</source>
      <translation>Minimaal aandeel aanwezige indicatoren van een domein</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/plugin.py" line="95" />
      <source>Model copied to {path}: Processing Toolbox &gt; Models; right-click it &gt; Edit Model...</source>
      <translation>Model gekopieerd naar {path}: Processing-toolbox &gt; Modellen; klik er met rechts op &gt; Model bewerken...</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/provider.py" line="29" />
      <source>Models</source>
      <translation>Modellen</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/topn.py" line="36" />
      <source>N (number of areas to flag per group)</source>
      <translation>N (aantal te markeren gebieden per groep)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/topn.py" line="120" />
      <source>N must be a whole number of at least 1, not {value}.</source>
      <translation>N moet een geheel getal van minstens 1 zijn, niet {value}.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/stability.py" line="127" />
      <source>N_RUNS must be at least 1, not {value}.</source>
      <translation>N_RUNS moet minstens 1 zijn, niet {value}.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/change.py" line="54" />
      <source>National change of the primary field</source>
      <translation>Landelijke verandering van het eerste veld</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/styling/report_layout.py" line="190" />
      <source>National mean (of the gemeenten): {value}</source>
      <translation>Landelijk gemiddelde (van de gemeenten): {value}</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/styling/renderers.py" line="52" />
      <source>Nauwelijks veranderd</source>
      <translation>Nauwelijks veranderd</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/styling/outputs.py" line="211" />
      <source>No MDI style stored in {file}: {error}</source>
      <translation>Geen MDI-stijl opgeslagen in {file}: {error}</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/change.py" line="263" />
      <source>No area has a value in both years for the primary field, so there is no national change to compare with.</source>
      <translation>Geen enkel gebied heeft in beide jaren een waarde voor het eerste veld, dus er is geen landelijke verandering om mee te vergelijken.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/change.py" line="221" />
      <source>No area is present in both {first} and {last}: the area ids do not match between the years. Check ID_FIELD (codes change when gemeenten merge).</source>
      <translation>Geen enkel gebied komt zowel in {first} als in {last} voor: de gebiedscodes komen tussen de jaren niet overeen. Controleer ID_FIELD (codes veranderen bij gemeentelijke herindeling).</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/opendata_client.py" line="151" />
      <source>No cached years.</source>
      <translation>Geen jaren in de cache.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/concentration.py" line="108" />
      <source>No class field '{field}': classes from '{score}' with the report's fixed breaks 40, 50, 60.</source>
      <translation>Geen klasseveld '{field}': klassen uit '{score}' met de vaste klassegrenzen 40, 50, 60 van het rapport.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/change.py" line="114" />
      <source>No class field and no field 'mdi': the class fields and klasse_overgang are NULL.</source>
      <translation>Geen klasseveld en geen veld 'mdi': de klassevelden en klasse_overgang zijn NULL.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/change.py" line="110" />
      <source>No class field: classes derived from '{field}' with the report's fixed breaks 40, 50, 60.</source>
      <translation>Geen klasseveld: klassen afgeleid uit '{field}' met de vaste klassegrenzen 40, 50, 60 van het rapport.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/opendata_client.py" line="194" />
      <source>No connection: {table} is read from the cache (Modified {modified}).</source>
      <translation>Geen verbinding: {table} wordt uit de cache gelezen (Modified {modified}).</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/styling/topn.py" line="120" />
      <source>No feature of layer '{layer}' lies in gemeente '{gemeente}'. Give a gemeente code (GM0363, 363) or name that occurs in the layer.</source>
      <translation>Geen object van laag '{layer}' ligt in gemeente '{gemeente}'. Geef een gemeentecode (GM0363, 363) of een naam die in de laag voorkomt.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/regiokompas.py" line="59" />
      <source>No gemeente code field in {table} (none of {candidates}; fields: {fields}). Choose the code field with {parameter}.</source>
      <translation>Geen veld met gemeentecode in {table} (geen van {candidates}; velden: {fields}). Kies het codeveld met {parameter}.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/report.py" line="191" />
      <source>No gemeente is left for the report: check SUBSET and FILTER.</source>
      <translation>Er blijft geen gemeente over voor het rapport: controleer SUBSET en FILTER.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/report.py" line="120" />
      <source>No gemeente-level MDI (GEMEENTEN): each page leaves the gemeente's MDI, rank, national mean and profile out and says so.</source>
      <translation>Geen MDI op gemeenteniveau (GEMEENTEN): elke pagina laat de MDI van de gemeente, de rang, het landelijk gemiddelde en het profiel weg en vermeldt dat.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/styling/report_layout.py" line="193" />
      <source>No gemeente-level MDI given: the gemeente's MDI, rank and the national mean are left out (a mean of buurten is not the gemeente's MDI).</source>
      <translation>Geen MDI op gemeenteniveau gegeven: de MDI van de gemeente, de rang en het landelijk gemiddelde zijn weggelaten (een gemiddelde van buurten is niet de MDI van de gemeente).</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/opendata.py" line="583" />
      <source>No indicator could be filled from open data for {level} in {years}; the log says why per indicator.</source>
      <translation>Geen enkele indicator kon uit open data worden gevuld voor {level} in {years}; het logboek zegt per indicator waarom.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/opendata.py" line="206" />
      <source>No open source at all (README, 'Open data'): {ids}.</source>
      <translation>Helemaal geen open bron (README, 'Open data'): {ids}.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/profile.py" line="113" />
      <source>No row has a region code in '{field}': there is no region to profile.</source>
      <translation>Geen enkele rij heeft een regiocode in '{field}': er is geen regio om te profileren.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/change.py" line="153" />
      <source>No row has a year: fill in the year field (YEAR_FIELD).</source>
      <translation>Geen enkele rij heeft een jaar: vul het jaarveld (YEAR_FIELD).</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/correlation.py" line="111" />
      <source>No rows are left after the selection (year and/or subset): there is nothing to correlate. Check YEAR and SUBSET.</source>
      <translation>Na de selectie (jaar en/of deelverzameling) blijven geen rijen over: er valt niets te correleren. Controleer YEAR en SUBSET.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/compute.py" line="95" />
      <source>No similar field names were found.</source>
      <translation>Er zijn geen vergelijkbare veldnamen gevonden.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/regiokompas.py" line="172" />
      <source>No theme fields chosen: choose at least one in THEME_FIELDS, or leave it empty to use all numeric fields.</source>
      <translation>Geen themavelden gekozen: kies er minstens één in THEME_FIELDS, of laat het leeg om alle numerieke velden te gebruiken.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/typology.py" line="244" />
      <source>No type can be evaluated: give at least one typology field (or the inhabitants field for the size classes).</source>
      <translation>Geen enkel type kan worden beoordeeld: geef minstens één typologieveld (of het inwonersveld voor de grootteklassen).</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/opendata_client.py" line="113" />
      <source>No usable answer from {host} for {what}: {reason}. Check the network or proxy settings and the address (README, 'Open data').{cached}</source>
      <translation>Geen bruikbaar antwoord van {host} voor {what}: {reason}. Controleer het netwerk of de proxy-instellingen en het adres (README, 'Open data').{cached}</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/gui/dock.py" line="337" />
      <source>No zone for: {values}.</source>
      <translation>Geen zone voor: {values}.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/compute.py" line="40" />
      <source>Normalisation</source>
      <translation>Normalisatie</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/compute.py" line="352" />
      <source>Normalisation per year needs YEAR_FIELD: choose the field that holds the year of each row.</source>
      <translation>Normalisatie per jaar heeft YEAR_FIELD nodig: kies het veld met het jaar van elke rij.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/normalise.py" line="115" />
      <source>Normalisation per year needs a year field.</source>
      <translation>Normalisatie per jaar heeft een jaarveld nodig.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/compute.py" line="356" />
      <source>Normalisation per year: {count} row(s) have no year (first: row {row}). Fill in the year field or normalise over all rows.</source>
      <translation>Normalisatie per jaar: {count} rij(en) hebben geen jaar (eerste: rij {row}). Vul het jaarveld of normaliseer over alle rijen.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/compute.py" line="227" />
      <source>Normalisation with fixed bounds needs 'lower' and 'upper' in the spec for every indicator; missing for: {ids}. Add them to a copy of the spec or choose another normalisation.</source>
      <translation>Normalisatie met vaste grenzen heeft 'lower' en 'upper' in de specificatie nodig voor elke indicator; ze ontbreken voor: {ids}. Voeg ze toe aan een kopie van de specificatie of kies een andere normalisatie.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/compute.py" line="89" />
      <source>Normalisation, clipping and minimum coverage apply to indicators only: with domain scores they are not used.</source>
      <translation>Normalisatie, afkappen en minimale dekking gelden alleen voor indicatoren: bij domeinscores worden ze niet gebruikt.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/stability.py" line="63" />
      <source>Normalisations drawn in the runs</source>
      <translation>Normalisaties waaruit de runs trekken</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/opendata.py" line="204" />
      <source>Not filled for these years and this level: {ids} (reasons above).</source>
      <translation>Niet gevuld voor deze jaren en dit niveau: {ids} (redenen hierboven).</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/styling/layout.py" line="460" />
      <source>Not named on the map (no room for the label): {names}.</source>
      <translation>Niet benoemd op de kaart (geen ruimte voor het label): {names}.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/layout.py" line="89" />
      <source>Nothing to export: give OUTPUT_PNG and/or OUTPUT_PDF.</source>
      <translation>Niets te exporteren: geef OUTPUT_PNG en/of OUTPUT_PDF op.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/gui/dock.py" line="384" />
      <source>Nothing to export: the map has no layers.</source>
      <translation>Niets te exporteren: de kaart heeft geen lagen.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/report.py" line="100" />
      <source>Nothing to write: give OUTPUT_PDF and/or OUTPUT_FOLDER.</source>
      <translation>Niets om te schrijven: geef OUTPUT_PDF en/of OUTPUT_FOLDER.</translation>
    </message>
    <message>
      <location filename="../ui/mdi_dock.ui" />
      <source>Number</source>
      <translation>Aantal</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/opendata.py" line="66" />
      <source>Number of areas (rows)</source>
      <translation>Aantal gebieden (rijen)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/change.py" line="55" />
      <source>Number of areas in both years</source>
      <translation>Aantal gebieden in beide jaren</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/change.py" line="56" />
      <source>Number of areas only in the from year</source>
      <translation>Aantal gebieden alleen in het beginjaar</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/change.py" line="57" />
      <source>Number of areas only in the to year</source>
      <translation>Aantal gebieden alleen in het eindjaar</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/topn.py" line="53" />
      <source>Number of areas without a rank</source>
      <translation>Aantal gebieden zonder rang</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/profile.py" line="72" />
      <source>Number of charts (PNG + SVG pairs)</source>
      <translation>Aantal grafieken (paren PNG + SVG)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/correlation.py" line="58" />
      <source>Number of comparison indicators</source>
      <translation>Aantal vergelijkingsindicatoren</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/classify.py" line="43" />
      <location filename="../mdi_plugin/processing/algorithms/compute.py" line="53" />
      <location filename="../mdi_plugin/processing/algorithms/stability.py" line="79" />
      <source>Number of features</source>
      <translation>Aantal objecten</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/classify.py" line="44" />
      <source>Number of features without a value</source>
      <translation>Aantal objecten zonder waarde</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/compute.py" line="54" />
      <source>Number of features without an MDI</source>
      <translation>Aantal objecten zonder MDI</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/topn.py" line="51" />
      <source>Number of flagged areas</source>
      <translation>Aantal gemarkeerde gebieden</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/zones.py" line="40" />
      <source>Number of focus regions</source>
      <translation>Aantal focusregio's</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/typology.py" line="77" />
      <source>Number of gemeenten</source>
      <translation>Aantal gemeenten</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/concentration.py" line="54" />
      <location filename="../mdi_plugin/processing/algorithms/topn.py" line="52" />
      <source>Number of groups</source>
      <translation>Aantal groepen</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/opendata.py" line="67" />
      <source>Number of indicators filled</source>
      <translation>Aantal gevulde indicatoren</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/typology.py" line="32" />
      <source>Number of jobs</source>
      <translation>Aantal banen</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/aggregate.py" line="131" />
      <location filename="../mdi_plugin/processing/algorithms/change.py" line="58" />
      <location filename="../mdi_plugin/processing/algorithms/concentration.py" line="56" />
      <source>Number of output features</source>
      <translation>Aantal uitvoerobjecten</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/report.py" line="90" />
      <source>Number of pages</source>
      <translation>Aantal pagina's</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/aggregate.py" line="129" />
      <location filename="../mdi_plugin/processing/algorithms/profile.py" line="71" />
      <location filename="../mdi_plugin/processing/algorithms/zones.py" line="39" />
      <source>Number of regions</source>
      <translation>Aantal regio's</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/zones.py" line="41" />
      <source>Number of regions without a zone</source>
      <translation>Aantal regio's zonder zone</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/zones.py" line="42" />
      <source>Number of regions without an MDI</source>
      <translation>Aantal regio's zonder MDI</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/correlation.py" line="57" />
      <source>Number of rows analysed</source>
      <translation>Aantal geanalyseerde rijen</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/stability.py" line="55" />
      <source>Number of runs</source>
      <translation>Aantal runs</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/typology.py" line="78" />
      <source>Number of types evaluated</source>
      <translation>Aantal beoordeelde typen</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/stability.py" line="81" />
      <source>Number of uncertain features</source>
      <translation>Aantal onzekere objecten</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/concentration.py" line="55" />
      <source>Number of units in no group</source>
      <translation>Aantal eenheden zonder groep</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/aggregate.py" line="130" />
      <source>Number of units in no region</source>
      <translation>Aantal eenheden zonder regio</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/stability.py" line="80" />
      <source>Number of unstable features</source>
      <translation>Aantal instabiele objecten</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/correlation.py" line="48" />
      <source>Only rows where (expression, e.g. "focusregio" = 1)</source>
      <translation>Alleen rijen waarvoor geldt (expressie, bijv. "focusregio" = 1)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/report.py" line="74" />
      <source>Only the pages where this expression is true (fields: gemeentecode, mdi, aandeel_zeer_hoog, zone, ...)</source>
      <translation>Alleen de pagina's waarvoor deze expressie waar is (velden: gemeentecode, mdi, aandeel_zeer_hoog, zone, ...)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/report.py" line="71" />
      <source>Only these gemeenten (codes, comma-separated; empty: all)</source>
      <translation>Alleen deze gemeenten (codes, gescheiden door komma's; leeg: alle)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/concentration.py" line="226" />
      <source>Only {count} units are ranked{where}: each unit spans more than one percentile, so omvang (extent) is coarse.</source>
      <translation>Slechts {count} eenheden hebben een rang{where}: elke eenheid beslaat meer dan één percentiel, dus omvang is grof.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/classify.py" line="275" />
      <source>Only {count} value(s){where}: quartiles of so few values are not reliable.</source>
      <translation>Slechts {count} waarde(n){where}: kwartielen van zo weinig waarden zijn niet betrouwbaar.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/opendata.py" line="63" />
      <source>Open data indicators</source>
      <translation>Indicatoren uit open data</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/aggregate.py" line="114" />
      <source>Or: region polygons</source>
      <translation>Of: regiopolygonen</translation>
    </message>
    <message>
      <location filename="../ui/mdi_dock.ui" />
      <source>Outline the buurten with the highest score, with their rank</source>
      <translation>De buurten met de hoogste score omlijnen, met hun rang</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/topn.py" line="49" />
      <source>Output only the flagged areas</source>
      <translation>Alleen de gemarkeerde gebieden uitvoeren</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/gui/dock.py" line="411" />
      <source>PDF document (*.pdf)</source>
      <translation>PDF-document (*.pdf)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/styling/layout.py" line="632" />
      <source>PDF export to {path} failed (QGIS export result {code}).</source>
      <translation>PDF-export naar {path} mislukt (QGIS-exportresultaat {code}).</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/styling/report_layout.py" line="307" />
      <source>PDF export to {path} failed: {error}</source>
      <translation>PDF-export naar {path} mislukt: {error}</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/layout.py" line="75" />
      <location filename="../mdi_plugin/processing/algorithms/report.py" line="83" />
      <source>PDF files (*.pdf)</source>
      <translation>PDF-bestanden (*.pdf)</translation>
    </message>
    <message>
      <location filename="../ui/mdi_dock.ui" />
      <source>PDF…</source>
      <translation>PDF…</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/styling/layout.py" line="621" />
      <location filename="../mdi_plugin/styling/report_layout.py" line="320" />
      <source>PNG export to {path} failed: cannot write the file.</source>
      <translation>PNG-export naar {path} mislukt: het bestand kan niet worden geschreven.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/layout.py" line="72" />
      <source>PNG files (*.png)</source>
      <translation>PNG-bestanden (*.png)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/gui/dock.py" line="411" />
      <source>PNG image (*.png)</source>
      <translation>PNG-afbeelding (*.png)</translation>
    </message>
    <message>
      <location filename="../ui/mdi_dock.ui" />
      <source>PNG…</source>
      <translation>PNG…</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/compute.py" line="42" />
      <location filename="../mdi_plugin/processing/algorithms/stability.py" line="64" />
      <source>Percentile rank</source>
      <translation>Percentielrang</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/styling/zones.py" line="43" />
      <source>Perifere zone</source>
      <translation>Perifere zone</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/opendata.py" line="56" />
      <source>Politie Geregistreerde misdrijven</source>
      <translation>Politie Geregistreerde misdrijven</translation>
    </message>
    <message>
      <location filename="../ui/mdi_dock.ui" />
      <source>Polygon layer with one feature per buurt (and year)</source>
      <translation>Polygoonlaag met één object per buurt (en jaar)</translation>
    </message>
    <message>
      <location filename="../ui/mdi_dock.ui" />
      <source>Polygon layer with one feature per gemeente (and year)</source>
      <translation>Polygoonlaag met één object per gemeente (en jaar)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/concentration.py" line="44" />
      <source>Population field</source>
      <translation>Inwonersveld</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/typology.py" line="27" />
      <source>Population growth 2013-2023 (%)</source>
      <translation>Bevolkingsgroei 2013-2023 (%)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/layout.py" line="114" />
      <source>Preparing the layout...</source>
      <translation>Kaartopmaak voorbereiden...</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/profile.py" line="68" />
      <source>Profile table</source>
      <translation>Profieltabel</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/typology.py" line="30" />
      <source>Protected townscape (yes/no)</source>
      <translation>Beschermd stads- of dorpsgezicht (ja/nee)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/styling/layout.py" line="214" />
      <source>QGIS could not load the layout template {path}.</source>
      <translation>QGIS kon het layoutsjabloon {path} niet laden.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/classify.py" line="35" />
      <source>Quartiles of all rows (years pooled)</source>
      <translation>Kwartielen van alle rijen (jaren samen)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/stability.py" line="77" />
      <source>Quartiles of each run (all rows)</source>
      <translation>Kwartielen van elke run (alle rijen)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/stability.py" line="78" />
      <source>Quartiles of each run per year</source>
      <translation>Kwartielen van elke run per jaar</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/layout.py" line="47" />
      <location filename="../ui/mdi_dock.ui" />
      <source>Quartiles of the features with data</source>
      <translation>Kwartielen van de objecten met gegevens</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/classify.py" line="36" />
      <source>Quartiles per year</source>
      <translation>Kwartielen per jaar</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/classify.py" line="252" />
      <source>Quartiles per year: feature {feature} has no year ({count} row(s) without a year). Fill in the year field or use the quartiles of all rows.</source>
      <translation>Kwartielen per jaar: object {feature} heeft geen jaar ({count} rij(en) zonder jaar). Vul het jaarveld of gebruik de kwartielen van alle rijen.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/aggregate.py" line="90" />
      <source>REGIONS has no features: there are no regions to aggregate to.</source>
      <translation>REGIONS heeft geen objecten: er zijn geen regio's om naar te aggregeren.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/aggregate.py" line="85" />
      <source>REGIONS locates units by their geometry, but the input is a table without geometry: use REGION_FIELD (a region code field) instead.</source>
      <translation>REGIONS plaatst eenheden op basis van hun geometrie, maar de invoer is een tabel zonder geometrie: gebruik in plaats daarvan REGION_FIELD (een regiocodeveld).</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/aggregate.py" line="109" />
      <source>REGIONS_ID_FIELD belongs to REGIONS; with REGION_FIELD leave it empty.</source>
      <translation>REGIONS_ID_FIELD hoort bij REGIONS; laat het bij REGION_FIELD leeg.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/aggregate.py" line="115" />
      <source>REGIONS_ID_FIELD is set but REGIONS is not: choose the layer of region polygons, or use REGION_FIELD instead.</source>
      <translation>REGIONS_ID_FIELD is ingesteld maar REGIONS niet: kies de laag met regiopolygonen, of gebruik in plaats daarvan REGION_FIELD.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/opendata.py" line="55" />
      <source>RIVM Gezondheid per wijk en buurt</source>
      <translation>RIVM Gezondheid per wijk en buurt</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/styling/topn.py" line="172" />
      <source>Rang 1–{n} (cijfer = rang)</source>
      <translation>Rang 1–{n} (cijfer = rang)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/styling/report_layout.py" line="188" />
      <source>Rank among {count} gemeenten (1 = highest): {rank}</source>
      <translation>Rang onder {count} gemeenten (1 = hoogste): {rank}</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/topn.py" line="50" />
      <source>Ranked</source>
      <translation>Gerangschikt</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/aggregate.py" line="171" />
      <source>Reading the region polygons...</source>
      <translation>Regiopolygonen lezen...</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/compute.py" line="71" />
      <source>Reading {count} field(s) of {features} feature(s)...</source>
      <translation>{count} veld(en) van {features} object(en) lezen...</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/change.py" line="94" />
      <source>Reading {count} field(s) of {features} row(s)...</source>
      <translation>{count} veld(en) van {features} rij(en) lezen...</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/aggregate.py" line="138" />
      <location filename="../mdi_plugin/processing/algorithms/concentration.py" line="94" />
      <source>Reading {count} field(s) of {features} unit(s)...</source>
      <translation>{count} veld(en) van {features} eenheid/eenheden lezen...</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/regiokompas.py" line="32" />
      <source>Regiokompas code field (empty = gemeentecode, statcode or code)</source>
      <translation>Codeveld van het Regiokompas (leeg = gemeentecode, statcode of code)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/regiokompas.py" line="95" />
      <source>Regiokompas field(s) {fields} have no values and are not used as themes.</source>
      <translation>Regiokompas-veld(en) {fields} hebben geen waarden en worden niet als thema gebruikt.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/regiokompas.py" line="44" />
      <source>Regiokompas rows without an input feature</source>
      <translation>Regiokompas-rijen zonder invoerobject</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/regiokompas.py" line="30" />
      <source>Regiokompas table (CSV or layer)</source>
      <translation>Regiokompas-tabel (CSV of laag)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/profile.py" line="51" />
      <source>Region code field (e.g. coropcode)</source>
      <translation>Veld met regiocode (bijv. coropcode)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/zones.py" line="31" />
      <source>Region code field (empty = coropcode, statcode or code)</source>
      <translation>Veld met regiocode (leeg = coropcode, statcode of code)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/aggregate.py" line="113" />
      <source>Region code field in the input (e.g. coropcode)</source>
      <translation>Veld met regiocode in de invoer (bijv. coropcode)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/aggregate.py" line="117" />
      <source>Region id field of the region polygons</source>
      <translation>Veld met regiocode van de regiopolygonen</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/profile.py" line="54" />
      <source>Region name field (for chart titles)</source>
      <translation>Veld met regionaam (voor grafiektitels)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/aggregate.py" line="181" />
      <source>Region(s) with an invalid polygon in REGIONS (e.g. self-intersecting), repaired with makeValid before locating the units: {regions}. Check them with 'Check validity' or 'Fix geometries'.</source>
      <translation>Regio('s) met een ongeldige polygoon in REGIONS (bijv. zelfdoorsnijdend), hersteld met makeValid voordat de eenheden zijn geplaatst: {regions}. Controleer ze met 'Geldigheid controleren' of 'Geometrieën repareren'.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/aggregate.py" line="178" />
      <source>Region(s) without geometry in REGIONS (no unit can fall in them): {regions}.</source>
      <translation>Regio('s) zonder geometrie in REGIONS (er kan geen eenheid in vallen): {regions}.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/aggregate.py" line="128" />
      <location filename="../ui/mdi_dock.ui" />
      <source>Regions</source>
      <translation>Regio's</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/zones.py" line="30" />
      <source>Regions (COROP)</source>
      <translation>Regio's (COROP)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/zones.py" line="81" />
      <source>Regions per quadrant: {counts}.</source>
      <translation>Regio's per kwadrant: {counts}.</translation>
    </message>
    <message>
      <location filename="../ui/mdi_dock.ui" />
      <source>Regions with a 'zone' field (output of Flag periphery) or COROP regions with codes</source>
      <translation>Regio's met een veld 'zone' (uitvoer van Perifere regio's markeren) of COROP-regio's met codes</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/profile.py" line="69" />
      <source>Regions with profile</source>
      <translation>Regio's met profiel</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/provider.py" line="38" />
      <source>Regions with zone and focus region</source>
      <translation>Regio's met zone en focusregio</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/transaction.py" line="504" />
      <source>Removed {folder}: the unfinished output of a run that was stopped.</source>
      <translation>{folder} verwijderd: de onvoltooide uitvoer van een run die werd afgebroken.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/layout.py" line="147" />
      <source>Rendering {kind}...</source>
      <translation>{kind} tekenen...</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/report.py" line="83" />
      <source>Report (PDF)</source>
      <translation>Rapport (PDF)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/layout.py" line="47" />
      <location filename="../ui/mdi_dock.ui" />
      <source>Report breaks 40 / 50 / 60</source>
      <translation>Klassegrenzen van het rapport 40 / 50 / 60</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/report.py" line="43" />
      <source>Report per gemeente</source>
      <translation>Gemeenterapport</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/styling/report_layout.py" line="158" />
      <source>Report per gemeente · MDI {year} · COROP region {corop} · zone {zone}</source>
      <translation>Gemeenterapport · MDI {year} · COROP-regio {corop} · zone {zone}</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/classify.py" line="34" />
      <source>Report's fixed breaks 40, 50, 60</source>
      <translation>Vaste klassegrenzen van het rapport 40, 50, 60</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/compute.py" line="51" />
      <source>Rescale weights to sum to 100</source>
      <translation>Gewichten herschalen tot een som van 100</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/layout.py" line="69" />
      <location filename="../mdi_plugin/processing/algorithms/report.py" line="80" />
      <location filename="../ui/mdi_dock.ui" />
      <source>Resolution (DPI)</source>
      <translation>Resolutie (DPI)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/stability.py" line="166" />
      <source>Runs with normalisation '{variant}' are classified by the breaks {breaks}: the same share of areas below each break as the base run has below {base}.</source>
      <translation>Runs met normalisatie '{variant}' worden ingedeeld met de grenzen {breaks}: onder elke grens ligt hetzelfde aandeel gebieden als in de basisrun onder {base}.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/correlation.py" line="75" />
      <source>SCORE_FIELD '{field}' is not used: with EXCLUDE_DOMAIN the score is the MDI recomputed without '{domain}'.</source>
      <translation>SCORE_FIELD '{field}' wordt niet gebruikt: met EXCLUDE_DOMAIN is de score de MDI, opnieuw berekend zonder '{domain}'.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/opendata.py" line="75" />
      <source>SOURCES: choose at least one source.</source>
      <translation>SOURCES: kies ten minste één bron.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/correlation.py" line="183" />
      <source>SUBSET expression {expression} cannot be used on this input: {error}</source>
      <translation>SUBSET-expressie {expression} is niet te gebruiken op deze invoer: {error}</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/correlation.py" line="199" />
      <source>SUBSET expression {expression} fails on feature {feature}: {error}</source>
      <translation>SUBSET-expressie {expression} mislukt bij object {feature}: {error}</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/correlation.py" line="167" />
      <source>SUBSET expression {expression} is not valid: {error}</source>
      <translation>SUBSET-expressie {expression} is ongeldig: {error}</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/correlation.py" line="173" />
      <source>SUBSET expression {expression} uses field '{field}', which the input does not have. {hint}</source>
      <translation>SUBSET-expressie {expression} gebruikt veld '{field}', maar dat veld heeft de invoer niet. {hint}</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/correlation.py" line="43" />
      <source>Score field</source>
      <translation>Scoreveld</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/classify.py" line="31" />
      <location filename="../mdi_plugin/processing/algorithms/concentration.py" line="40" />
      <location filename="../mdi_plugin/processing/algorithms/topn.py" line="35" />
      <source>Score field (empty = mdi)</source>
      <translation>Scoreveld (leeg = mdi)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/stability.py" line="57" />
      <source>Seed (same seed = same result)</source>
      <translation>Seed (zelfde seed = zelfde resultaat)</translation>
    </message>
    <message>
      <location filename="../ui/mdi_dock.ui" />
      <source>Show region names</source>
      <translation>Regionamen tonen</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/compute.py" line="94" />
      <source>Similar fields: {fields}.</source>
      <translation>Vergelijkbare velden: {fields}.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/fieldnames.py" line="58" />
      <source>Similar fields: {similar}. Available fields: {fields}.</source>
      <translation>Vergelijkbare velden: {similar}. Beschikbare velden: {fields}.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/typology.py" line="72" />
      <source>Size class breaks (inhabitants)</source>
      <translation>Grenzen van de grootteklassen (inwoners)</translation>
    </message>
    <message>
      <location filename="../ui/mdi_dock.ui" />
      <source>Source</source>
      <translation>Bron</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/layout.py" line="67" />
      <location filename="../mdi_plugin/processing/algorithms/report.py" line="78" />
      <source>Source (shown as 'Bron: … · bewerking MDI voor QGIS')</source>
      <translation>Bron (getoond als 'Bron: … · bewerking MDI voor QGIS')</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/opendata.py" line="52" />
      <source>Sources</source>
      <translation>Bronnen</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/opendata.py" line="81" />
      <source>Sources: CBS {cbs}, dataderden {derden}, PDOK {pdok}.</source>
      <translation>Bronnen: CBS {cbs}, dataderden {derden}, PDOK {pdok}.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/spec.py" line="124" />
      <source>Spec file '{path}' is nested too deeply to be a spec: a spec has 'domains' and 'indicators' lists of objects.</source>
      <translation>Specificatiebestand '{path}' is te diep genest voor een specificatie: een specificatie heeft lijsten 'domains' en 'indicators' met objecten.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/spec.py" line="117" />
      <source>Spec file '{path}' is not UTF-8 text.</source>
      <translation>Specificatiebestand '{path}' is geen UTF-8-tekst.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/spec.py" line="121" />
      <source>Spec file '{path}' is not valid JSON: {reason}</source>
      <translation>Specificatiebestand '{path}' is geen geldige JSON: {reason}</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/parameters.py" line="72" />
      <source>Spec file (JSON); empty = bundled report spec</source>
      <translation>Specificatiebestand (JSON); leeg = meegeleverde specificatie van het rapport</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/opendata.py" line="65" />
      <source>Spec to compute with (national bounds)</source>
      <translation>Spec om mee te rekenen (landelijke grenzen)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/compute.py" line="67" />
      <source>Spec: {path}</source>
      <translation>Specificatie: {path}</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/stability.py" line="71" />
      <source>Stability threshold (below it: unstable)</source>
      <translation>Drempel voor stabiliteit (eronder: instabiel)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/styling/renderers.py" line="51" />
      <source>Sterk verbeterd</source>
      <translation>Sterk verbeterd</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/styling/renderers.py" line="53" />
      <source>Sterk verslechterd</source>
      <translation>Sterk verslechterd</translation>
    </message>
    <message>
      <location filename="../ui/mdi_dock.ui" />
      <source>Style the chosen layers: light = little deprivation, dark = much; NULL = "Geen gegevens"</source>
      <translation>De gekozen lagen opmaken: licht = weinig achterstand, donker = veel; NULL = "Geen gegevens"</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/correlation.py" line="108" />
      <source>Subset {expression}: {count} row(s).</source>
      <translation>Selectie {expression}: {count} rij(en).</translation>
    </message>
    <message>
      <location filename="../ui/mdi_dock.ui" />
      <source>Subtitle</source>
      <translation>Ondertitel</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/layout.py" line="65" />
      <source>Subtitle (empty: field, year and scheme)</source>
      <translation>Ondertitel (leeg: veld, jaar en klasse-indeling)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/zones.py" line="188" />
      <source>THRESHOLD must be a finite number, not {value}.</source>
      <translation>THRESHOLD moet een eindig getal zijn, niet {value}.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/opendata.py" line="308" />
      <source>Table {table} has no area dimension (WijkenEnBuurten) in its DataProperties: is {table} the right table for {source}?</source>
      <translation>Tabel {table} heeft geen gebiedsdimensie (WijkenEnBuurten) in zijn DataProperties: is {table} de juiste tabel voor {source}?</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/styling/report_layout.py" line="165" />
      <source>The 10 buurten with the highest MDI (number on the map = rank):</source>
      <translation>De 10 buurten met de hoogste MDI (cijfer op de kaart = rang):</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/styling/report_layout.py" line="49" />
      <source>The MDI is a signal, not a verdict: it shows where deprivation accumulates according to the indicators, not why, nor what a buurt needs. Check it against local knowledge before drawing conclusions.</source>
      <translation>De MDI is een signaal, geen oordeel: hij laat zien waar volgens de indicatoren achterstanden samenkomen, niet waarom, en ook niet wat een buurt nodig heeft. Toets hem aan lokale kennis voordat u conclusies trekt.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/opendata_client.py" line="330" />
      <source>The PDOK boundaries have no code field ({fields}); found: {found}.</source>
      <translation>De PDOK-grenzen hebben geen codeveld ({fields}); gevonden: {found}.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/opendata_client.py" line="314" />
      <source>The PDOK boundaries in {path} cannot be read.</source>
      <translation>De PDOK-grenzen in {path} kunnen niet worden gelezen.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/regiokompas.py" line="141" />
      <source>The Regiokompas table has gemeente {code} more than once (feature {first}: {first_value!r}, feature {second}: {second_value!r}). Keep one row per gemeente.</source>
      <translation>De Regiokompas-tabel bevat gemeente {code} meer dan eens (object {first}: {first_value!r}, object {second}: {second_value!r}). Houd één rij per gemeente.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/regiokompas.py" line="98" />
      <source>The Regiokompas table has no numeric theme fields besides the key '{key}' (fields: {fields}). Check the table, or choose the theme fields with THEME_FIELDS.</source>
      <translation>De Regiokompas-tabel heeft naast de sleutel '{key}' geen numerieke themavelden (velden: {fields}). Controleer de tabel, of kies de themavelden met THEME_FIELDS.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/regiokompas.py" line="150" />
      <source>The Regiokompas table has no rows with a gemeente code in key field '{key}' (values like GM0363, 363 or 0363). Check the key field.</source>
      <translation>De Regiokompas-tabel heeft geen rijen met een gemeentecode in sleutelveld '{key}' (waarden zoals GM0363, 363 of 0363). Controleer het sleutelveld.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/regiokompas.py" line="63" />
      <source>The Regiokompas table has no rows.</source>
      <translation>De Regiokompas-tabel heeft geen rijen.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/odata.py" line="105" />
      <source>The answer from {what} has a 'value' that is not a list of records.</source>
      <translation>Het antwoord van {what} heeft een 'value' die geen lijst van records is.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/odata.py" line="102" />
      <source>The answer from {what} has no 'value' list: it is not an OData collection.</source>
      <translation>Het antwoord van {what} heeft geen lijst 'value': het is geen OData-collectie.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/odata.py" line="61" />
      <source>The answer from {what} is empty. The service may be down: try again later.</source>
      <translation>Het antwoord van {what} is leeg. De dienst is misschien niet beschikbaar: probeer het later opnieuw.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/odata.py" line="75" />
      <source>The answer from {what} is incomplete or not JSON ({reason}): the transfer may have been cut off. Try again; with a proxy, check its size and time limits.</source>
      <translation>Het antwoord van {what} is onvolledig of geen JSON ({reason}): de overdracht is misschien afgebroken. Probeer het opnieuw; controleer bij een proxy de grootte- en tijdslimieten.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/odata.py" line="72" />
      <source>The answer from {what} is nested too deeply to be an OData answer.</source>
      <translation>Het antwoord van {what} is te diep genest voor een OData-antwoord.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/odata.py" line="80" />
      <source>The answer from {what} is no OData object.</source>
      <translation>Het antwoord van {what} is geen OData-object.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/odata.py" line="54" />
      <source>The answer from {what} is not UTF-8 text, so it is no OData answer. Check the address (settings or MDI_CBS_ODATA_URL).</source>
      <translation>Het antwoord van {what} is geen UTF-8-tekst en dus geen OData-antwoord. Controleer het adres (instellingen of MDI_CBS_ODATA_URL).</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/gui/model_copy.py" line="36" />
      <source>The bundled model could not be read: reinstall the plugin.</source>
      <translation>Het meegeleverde model kan niet worden gelezen: installeer de plugin opnieuw.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/report_data.py" line="77" />
      <source>The buurten '{layer}' have no gemeentecode nor buurtcode field: the report cannot tell which gemeente a buurt lies in.</source>
      <translation>De buurten '{layer}' hebben geen veld gemeentecode of buurtcode: het rapport kan niet bepalen in welke gemeente een buurt ligt.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/concentration.py" line="259" />
      <source>The class field has classes up to {top}; aandeel_inw_zeer_hoog counts class {very_high} and up, as for the report's four classes.</source>
      <translation>Het klasseveld heeft klassen tot en met {top}; aandeel_inw_zeer_hoog telt klasse {very_high} en hoger, zoals bij de vier klassen van het rapport.</translation>
    </message>
    <message>
      <location filename="../ui/mdi_dock.ui" />
      <source>The field with the year of each feature, for layers with several years; (no year field) draws all features</source>
      <translation>Het veld met het jaar van elk object, voor lagen met meerdere jaren; (geen jaarveld) tekent alle objecten</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/concentration.py" line="204" />
      <source>The inhabitants of {count} group(s) add up to more than a number can hold (about 1.8e308): check the inhabitant field (POPULATION_FIELD).</source>
      <translation>De inwoners van {count} groep(en) tellen op tot meer dan een getal kan bevatten (ongeveer 1,8e308): controleer het inwonersveld (POPULATION_FIELD).</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/layout.py" line="83" />
      <source>The input '{layer}' has no features: nothing to map.</source>
      <translation>De invoer '{layer}' heeft geen objecten: er valt niets in kaart te brengen.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/report_data.py" line="84" />
      <source>The input '{layer}' has no features: there is no report to make.</source>
      <translation>De invoer '{layer}' heeft geen objecten: er is geen rapport te maken.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/regiokompas.py" line="72" />
      <source>The input already has a field '{theme}': the Regiokompas theme is written as '{name}'.</source>
      <translation>De invoer heeft al een veld '{theme}': het Regiokompas-thema wordt geschreven als '{name}'.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/compute.py" line="108" />
      <source>The input has domain scores ({fields}) but not the indicator fields of the spec. To compute the MDI from domain scores, set 'Compute from' (MODE) to 'Domain scores'.</source>
      <translation>De invoer heeft domeinscores ({fields}) maar niet de indicatorvelden van de specificatie. Zet 'Berekenen uit' (MODE) op 'Domeinscores' om de MDI uit domeinscores te berekenen.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/typology.py" line="89" />
      <source>The input has no MDI class: choose CLASS_FIELD, or give a layer with mdi_klasse (Classify scores into classes) or mdi (Compute MDI).</source>
      <translation>De invoer heeft geen MDI-klasse: kies CLASS_FIELD, of geef een laag met mdi_klasse (Scores in klassen indelen) of mdi (MDI berekenen).</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/aggregate.py" line="24" />
      <source>The input has no features: nothing to aggregate.</source>
      <translation>De invoer heeft geen objecten: er valt niets te aggregeren.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/stability.py" line="104" />
      <source>The input has no features: nothing to analyse.</source>
      <translation>De invoer heeft geen objecten: er valt niets te analyseren.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/classify.py" line="66" />
      <source>The input has no features: nothing to classify.</source>
      <translation>De invoer heeft geen objecten: er valt niets in te delen.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/change.py" line="98" />
      <source>The input has no features: nothing to compare.</source>
      <translation>De invoer heeft geen objecten: er valt niets te vergelijken.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/compute.py" line="76" />
      <source>The input has no features: nothing to compute.</source>
      <translation>De invoer heeft geen objecten: er valt niets te berekenen.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/correlation.py" line="96" />
      <source>The input has no features: nothing to correlate.</source>
      <translation>De invoer heeft geen objecten: er valt niets te correleren.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/zones.py" line="60" />
      <source>The input has no features: nothing to flag.</source>
      <translation>De invoer heeft geen objecten: er valt niets te markeren.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/regiokompas.py" line="58" />
      <source>The input has no features: nothing to join.</source>
      <translation>De invoer heeft geen objecten: er valt niets te koppelen.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/topn.py" line="87" />
      <source>The input has no features: nothing to rank.</source>
      <translation>De invoer heeft geen objecten: er valt niets te rangschikken.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/concentration.py" line="98" />
      <source>The input has no features: nothing to summarise.</source>
      <translation>De invoer heeft geen objecten: er valt niets samen te vatten.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/typology.py" line="104" />
      <source>The input has no features: there is nothing to classify.</source>
      <translation>De invoer heeft geen objecten: er valt niets in te delen.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/profile.py" line="98" />
      <source>The input has no features: there is nothing to profile.</source>
      <translation>De invoer heeft geen objecten: er valt niets te profileren.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/fieldnames.py" line="56" />
      <source>The input has no fields.</source>
      <translation>De invoer heeft geen velden.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/zones.py" line="48" />
      <source>The input has none of the region code fields {defaults}. Choose the field with the COROP codes as CODE_FIELD. Its fields are: {fields}.</source>
      <translation>De invoer heeft geen van de regiocodevelden {defaults}. Kies het veld met de COROP-codes als CODE_FIELD. De velden zijn: {fields}.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/change.py" line="155" />
      <source>The input has only one year ({years}): a change needs two years. Use a long table with one row per area per year.</source>
      <translation>De invoer heeft maar één jaar ({years}): voor een verandering zijn twee jaren nodig. Gebruik een lange tabel met één rij per gebied per jaar.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/fields.py" line="100" />
      <source>The input has {count} years in field '{field}' ({years}) but YEAR_FIELD is empty: all years are used together. Set YEAR_FIELD to '{field}' to treat each year on its own.</source>
      <translation>De invoer heeft {count} jaren in veld '{field}' ({years}), maar YEAR_FIELD is leeg: alle jaren worden samen gebruikt. Zet YEAR_FIELD op '{field}' om elk jaar apart te behandelen.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/correlation.py" line="293" />
      <source>The input holds several years ({years}); choose one with YEAR, or leave YEAR_FIELD empty when the table has one row per area.</source>
      <translation>De invoer bevat meerdere jaren ({years}); kies er één met YEAR, of laat YEAR_FIELD leeg als de tabel één rij per gebied heeft.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/styling/layout.py" line="209" />
      <source>The layout template {path} is not valid XML.</source>
      <translation>Het layoutsjabloon {path} is geen geldige XML.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/styling/layout.py" line="218" />
      <source>The layout template {path} lacks the item(s) {items}.</source>
      <translation>Het layoutsjabloon {path} mist het item/de items {items}.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/classify.py" line="229" />
      <source>The method 'custom breaks' needs BREAKS, e.g. 40,50,60.</source>
      <translation>De methode 'eigen klassegrenzen' heeft BREAKS nodig, bijv. 40,50,60.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/classify.py" line="245" />
      <source>The method 'quartiles per year' needs YEAR_FIELD: choose the field that holds the year of each row.</source>
      <translation>De methode 'kwartielen per jaar' heeft YEAR_FIELD nodig: kies het veld met het jaar van elke rij.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/opendata.py" line="222" />
      <source>The open-data tables file {path} cannot be read: {reason}. Fix or remove it.</source>
      <translation>Het bestand met open-datatabellen {path} kan niet worden gelezen: {reason}. Herstel of verwijder het.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/opendata.py" line="227" />
      <source>The open-data tables file {path} must hold {{"kwb": [{{"id": "...NED", "division": 2025}}], ...}}.</source>
      <translation>Het bestand met open-datatabellen {path} moet de vorm {{"kwb": [{{"id": "...NED", "division": 2025}}], ...}} hebben.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/aggregate.py" line="503" />
      <source>The output would have two fields named '{field}'; leave '{field}' out of FIELDS or rename it.</source>
      <translation>De uitvoer zou twee velden met de naam '{field}' krijgen; laat '{field}' weg uit FIELDS of geef het een andere naam.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/transaction.py" line="639" />
      <source>The output {target} could not be completed: {error}. No output was kept.</source>
      <translation>De uitvoer {target} kon niet worden voltooid: {error}. Er is geen uitvoer bewaard.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/classify.py" line="155" />
      <source>The quartiles{where} coincide: the {low_p:g}th and {high_p:g}th percentile are both {value} ({count} value(s)), so the values have too little spread for four classes. Use the fixed breaks or custom breaks instead.</source>
      <translation>De kwartielen{where} vallen samen: het {low_p:g}e en {high_p:g}e percentiel zijn allebei {value} ({count} waarde(n)), dus de waarden hebben te weinig spreiding voor vier klassen. Gebruik in plaats daarvan de vaste of eigen klassegrenzen.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/base.py" line="133" />
      <location filename="../mdi_plugin/processing/base.py" line="117" />
      <source>The run failed</source>
      <translation>De run is mislukt</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/aggregate.py" line="280" />
      <source>The weighted mean needs a weight field (WEIGHT_FIELD), e.g. inwoners.</source>
      <translation>Het gewogen gemiddelde heeft een gewichtsveld (WEIGHT_FIELD) nodig, bijv. inwoners.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/change.py" line="274" />
      <source>The weights (WEIGHT_FIELD) of the areas with a difference add up to 0: the weighted national change is undefined.</source>
      <translation>De gewichten (WEIGHT_FIELD) van de gebieden met een verschil tellen op tot 0: de gewogen landelijke verandering is niet gedefinieerd.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/correlation.py" line="292" />
      <source>The year field has no values: there is no year to select.</source>
      <translation>Het jaarveld heeft geen waarden: er is geen jaar om te selecteren.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/report_data.py" line="55" />
      <source>The year field of {what} has no values.</source>
      <translation>Het jaarveld van {what} heeft geen waarden.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/layout.py" line="189" />
      <source>The zone layer '{layer}' (ZONES) has no features: there are no zones to draw. Leave ZONES empty or choose a layer with the regions.</source>
      <translation>De zonelaag '{layer}' (ZONES) heeft geen objecten: er zijn geen zones om te tekenen. Laat ZONES leeg of kies een laag met de regio's.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/regiokompas.py" line="209" />
      <source>Theme '{theme}' has no values; it counts for no gemeente.</source>
      <translation>Thema '{theme}' heeft geen waarden; het telt voor geen enkele gemeente mee.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/regiokompas.py" line="223" />
      <source>Theme '{theme}': the 25th and 75th percentile are equal ({value:g}), so gemeenten with exactly that value count in both the top and the bottom quartile.</source>
      <translation>Thema '{theme}': het 25e en 75e percentiel zijn gelijk ({value:g}), dus gemeenten met precies die waarde tellen zowel in het bovenste als in het onderste kwartiel.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/regiokompas.py" line="179" />
      <source>Theme field '{field}' is not in the Regiokompas table (fields: {fields}).</source>
      <translation>Themaveld '{field}' zit niet in de Regiokompas-tabel (velden: {fields}).</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/regiokompas.py" line="176" />
      <source>Theme field '{field}' is the Regiokompas key field; choose theme fields other than the gemeente code.</source>
      <translation>Themaveld '{field}' is het sleutelveld van het Regiokompas; kies andere themavelden dan de gemeentecode.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/regiokompas.py" line="35" />
      <source>Theme fields (empty = all numeric fields)</source>
      <translation>Themavelden (leeg = alle numerieke velden)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/regiokompas.py" line="96" />
      <source>Themes ({count}): {themes}.</source>
      <translation>Thema's ({count}): {themes}.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/layout.py" line="63" />
      <location filename="../ui/mdi_dock.ui" />
      <source>Title</source>
      <translation>Titel</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/change.py" line="42" />
      <source>To year (empty = latest)</source>
      <translation>Tot jaar (leeg = laatste)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/change.py" line="53" />
      <source>To year used</source>
      <translation>Gebruikt eindjaar</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/styling/layout.py" line="61" />
      <source>Toelichting schalen</source>
      <translation>Toelichting schalen</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/styling/topn.py" line="232" />
      <source>Top N (cijfer = rang)</source>
      <translation>Top N (cijfer = rang)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/layout.py" line="60" />
      <source>Top N within gemeente (code or name; empty: all)</source>
      <translation>Top N binnen gemeente (code of naam; leeg: alle)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/topn.py" line="28" />
      <source>Top N worst areas</source>
      <translation>De N slechtste gebieden</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/report_data.py" line="208" />
      <source>Top {n} per gemeente</source>
      <translation>Top {n} per gemeente</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/styling/layout.py" line="341" />
      <location filename="../mdi_plugin/styling/topn.py" line="189" />
      <source>Top {n} – hoogste {field}</source>
      <translation>Top {n} – hoogste {field}</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/typology.py" line="235" />
      <source>Type '{type}' is not evaluated: it also needs {missing}.</source>
      <translation>Type '{type}' wordt niet beoordeeld: daarvoor is ook {missing} nodig.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/typology.py" line="75" />
      <source>Types against MDI classes</source>
      <translation>Typen tegenover MDI-klassen</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/profile.py" line="79" />
      <source>UNIT_FIELD and REGION_FIELD are the same field '{field}'.</source>
      <translation>UNIT_FIELD en REGION_FIELD zijn hetzelfde veld '{field}'.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/stability.py" line="144" />
      <source>UNSTABLE_BELOW must be between 0 and 1, not {value}.</source>
      <translation>UNSTABLE_BELOW moet tussen 0 en 1 liggen, niet {value}.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/profile.py" line="55" />
      <source>Unit field for profiles within regions (e.g. gemeentecode)</source>
      <translation>Eenheidsveld voor profielen binnen regio's (bijv. gemeentecode)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/profile.py" line="57" />
      <source>Unit name field (for chart titles)</source>
      <translation>Veld met naam van de eenheid (voor grafiektitels)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/concentration.py" line="39" />
      <source>Units (buurten) with a score</source>
      <translation>Eenheden (buurten) met een score</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/aggregate.py" line="111" />
      <source>Units (gemeenten, buurten)</source>
      <translation>Eenheden (gemeenten, buurten)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/compute.py" line="61" />
      <source>Unknown normalisation '{value}'.</source>
      <translation>Onbekende normalisatie '{value}'.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/stability.py" line="138" />
      <source>Unknown normalisation(s) {values}; use {known}.</source>
      <translation>Onbekende normalisatie(s) {values}; gebruik {known}.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/styling/renderers.py" line="211" />
      <source>Verandering {field} (procentpunten)</source>
      <translation>Verandering {field} (procentpunten)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/styling/renderers.py" line="52" />
      <source>Verbeterd</source>
      <translation>Verbeterd</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/styling/renderers.py" line="52" />
      <source>Verslechterd</source>
      <translation>Verslechterd</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/stability.py" line="129" />
      <source>WEIGHT_SPREAD must be between 0 and {maximum}, not {value}.</source>
      <translation>WEIGHT_SPREAD moet tussen 0 en {maximum} liggen, niet {value}.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/aggregate.py" line="355" />
      <source>Weight field '{field}', feature {feature}: weight {value:g} is negative; weights (e.g. inhabitants) must be 0 or more.</source>
      <translation>Gewichtsveld '{field}', object {feature}: gewicht {value:g} is negatief; gewichten (bijv. inwoners) moeten 0 of meer zijn.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/aggregate.py" line="126" />
      <source>Weight field (e.g. inwoners)</source>
      <translation>Gewichtsveld (bijv. inwoners)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/change.py" line="49" />
      <source>Weight field for the national change (optional, e.g. inwoners)</source>
      <translation>Gewichtsveld voor de landelijke verandering (optioneel, bijv. inwoners)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/stability.py" line="60" />
      <source>Weight spread (0 = published weights)</source>
      <translation>Spreiding van de gewichten (0 = gepubliceerde gewichten)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/opendata.py" line="46" />
      <source>Wijk</source>
      <translation>Wijk</translation>
    </message>
    <message>
      <location filename="../ui/mdi_dock.ui" />
      <source>Within gemeente</source>
      <translation>Binnen gemeente</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/correlation.py" line="256" />
      <source>Without domain '{domain}' no domain with a weight is left.</source>
      <translation>Zonder domein '{domain}' blijft er geen domein met een gewicht over.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/layout.py" line="133" />
      <source>Written: {path}</source>
      <translation>Geschreven: {path}</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/correlation.py" line="86" />
      <location filename="../mdi_plugin/processing/algorithms/profile.py" line="87" />
      <location filename="../mdi_plugin/processing/algorithms/typology.py" line="94" />
      <source>YEAR is set but YEAR_FIELD is not: choose the field that holds the year.</source>
      <translation>YEAR is ingesteld maar YEAR_FIELD niet: kies het veld met het jaar.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/report_data.py" line="91" />
      <source>YEAR is set but the buurten have no year field: set YEAR_FIELD.</source>
      <translation>YEAR is ingevuld maar de buurten hebben geen jaarveld: vul YEAR_FIELD in.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/layout.py" line="160" />
      <source>YEAR {year} given, but layer '{layer}' has no year field; set YEAR_FIELD.</source>
      <translation>YEAR {year} is opgegeven, maar laag '{layer}' heeft geen jaarveld; stel YEAR_FIELD in.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/opendata.py" line="247" />
      <source>YEARS is empty: give one or more years, e.g. 2024 or 2019,2024.</source>
      <translation>YEARS is leeg: geef een of meer jaren, bijv. 2024 of 2019,2024.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/opendata.py" line="138" />
      <source>YEARS: no 'Kerncijfers wijken en buurten' table is known for {years}. Known years: {known}. Add a table for a newer year in {file} (README, 'Open data').</source>
      <translation>YEARS: voor {years} is geen tabel 'Kerncijfers wijken en buurten' bekend. Bekende jaren: {known}. Voeg een tabel voor een nieuwer jaar toe in {file} (README, 'Open data').</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/opendata.py" line="242" />
      <source>YEARS: {value!r} is not a year; give years like 2024, 2019,2024 or 2019-2021.</source>
      <translation>YEARS: {value!r} is geen jaar; geef jaren als 2024, 2019,2024 of 2019-2021.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/aggregate.py" line="46" />
      <source>YEAR_FIELD and REGION_FIELD are the same field '{field}'.</source>
      <translation>YEAR_FIELD en REGION_FIELD zijn hetzelfde veld '{field}'.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/classify.py" line="61" />
      <source>YEAR_FIELD is only used with the method 'Quartiles per year'; all rows are classified together.</source>
      <translation>YEAR_FIELD wordt alleen gebruikt bij de methode 'Kwartielen per jaar'; alle rijen worden samen ingedeeld.</translation>
    </message>
    <message>
      <location filename="../ui/mdi_dock.ui" />
      <source>Year</source>
      <translation>Jaar</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/layout.py" line="50" />
      <location filename="../mdi_plugin/processing/algorithms/report.py" line="59" />
      <source>Year (empty: the latest)</source>
      <translation>Jaar (leeg: het laatste)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/parameters.py" line="46" />
      <location filename="../mdi_plugin/processing/algorithms/profile.py" line="61" />
      <source>Year (with a year field)</source>
      <translation>Jaar (bij een jaarveld)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/parameters.py" line="41" />
      <location filename="../mdi_plugin/processing/algorithms/change.py" line="39" />
      <location filename="../ui/mdi_dock.ui" />
      <source>Year field</source>
      <translation>Jaarveld</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/values.py" line="97" />
      <source>Year field '{field}', feature {feature}: {value!r} is not a whole year.</source>
      <translation>Jaarveld '{field}', object {feature}: {value!r} is geen heel jaartal.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/aggregate.py" line="343" />
      <source>Year field '{field}', feature {feature}: {value:.0f} is not a year (too large for the output's year field). Correct the value, or choose the right YEAR_FIELD.</source>
      <translation>Jaarveld '{field}', object {feature}: {value:.0f} is geen jaartal (te groot voor het jaarveld van de uitvoer). Verbeter de waarde, of kies het juiste YEAR_FIELD.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/stability.py" line="108" />
      <source>Year field '{field}': feature {feature} has no year; normalisation per year and quartiles per year need a year on every row.</source>
      <translation>Jaarveld '{field}': object {feature} heeft geen jaar; normalisatie per jaar en kwartielen per jaar hebben op elke rij een jaar nodig.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/compute.py" line="79" />
      <source>Year field '{field}': feature {feature} has no year; normalisation per year needs a year on every row.</source>
      <translation>Jaarveld '{field}': object {feature} heeft geen jaar; normalisatie per jaar heeft op elke rij een jaar nodig.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/layout.py" line="49" />
      <location filename="../mdi_plugin/processing/algorithms/report.py" line="58" />
      <source>Year field (empty: 'jaar' when present)</source>
      <translation>Jaarveld (leeg: 'jaar' indien aanwezig)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/stability.py" line="51" />
      <source>Year field (needed for min-max per year)</source>
      <translation>Jaarveld (nodig voor min-max per jaar)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/concentration.py" line="52" />
      <source>Year field (one feature per gemeente and year)</source>
      <translation>Jaarveld (één object per gemeente en jaar)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/aggregate.py" line="127" />
      <source>Year field (one feature per region and year)</source>
      <translation>Jaarveld (één object per regio en jaar)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/classify.py" line="37" />
      <source>Year field (quartiles per year)</source>
      <translation>Jaarveld (kwartielen per jaar)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/topn.py" line="44" />
      <source>Year field (rank within each year)</source>
      <translation>Jaarveld (rang binnen elk jaar)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/layout.py" line="78" />
      <source>Year mapped</source>
      <translation>Jaar op de kaart</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/correlation.py" line="297" />
      <source>Year {year:g} does not occur in the year field (years present: {years}).</source>
      <translation>Jaar {year:g} komt niet voor in het jaarveld (aanwezige jaren: {years}).</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/report_data.py" line="58" />
      <source>Year {year:g} does not occur in {what} (years: {years}).</source>
      <translation>Jaar {year:g} komt niet voor in {what} (jaren: {years}).</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/correlation.py" line="102" />
      <source>Year {year:g}: {count} row(s).</source>
      <translation>Jaar {year:g}: {count} rij(en).</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/layout.py" line="163" />
      <source>Year {year} does not occur in field '{field}' of layer '{layer}' (years: {years}).</source>
      <translation>Jaar {year} komt niet voor in veld '{field}' van laag '{layer}' (jaren: {years}).</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/styling/zones.py" line="287" />
      <source>Year {year} does not occur in layer '{layer}' (years: {years}).</source>
      <translation>Jaar {year} komt niet voor in laag '{layer}' (jaren: {years}).</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/opendata.py" line="43" />
      <source>Years (comma-separated, e.g. 2024 or 2019,2024)</source>
      <translation>Jaren (gescheiden door komma's, bijv. 2024 of 2019,2024)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/compute.py" line="94" />
      <source>Years {years} are normalised together (pooled), so scores are comparable between years.</source>
      <translation>De jaren {years} worden samen genormaliseerd, zodat de scores tussen jaren vergelijkbaar zijn.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/styling/renderers.py" line="51" />
      <source>Zeer hoog</source>
      <translation>Zeer hoog</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/styling/renderers.py" line="50" />
      <source>Zeer laag</source>
      <translation>Zeer laag</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/styling/zones.py" line="44" />
      <source>Zone onbekend</source>
      <translation>Zone onbekend</translation>
    </message>
    <message>
      <location filename="../ui/mdi_dock.ui" />
      <source>Zone overlay</source>
      <translation>Zone-overlay</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/gui/dock.py" line="335" />
      <source>Zone overlay drawn.</source>
      <translation>Zone-overlay getekend.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/layout.py" line="52" />
      <source>Zone overlay: regions with a 'zone' field or COROP codes</source>
      <translation>Zone-overlay: regio's met een veld 'zone' of COROP-codes</translation>
    </message>
    <message>
      <location filename="../ui/mdi_dock.ui" />
      <source>Zone table</source>
      <translation>Zonetabel</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/layout.py" line="55" />
      <source>Zone table (CSV code,zone; empty: the bundled COROP table)</source>
      <translation>Zonetabel (CSV code,zone; leeg: de meegeleverde COROP-tabel)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/report.py" line="68" />
      <source>Zone table (CSV coropcode,zone; empty: the bundled COROP table)</source>
      <translation>Zonetabel (CSV coropcode,zone; leeg: de meegeleverde COROP-tabel)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/zones.py" line="33" />
      <source>Zone table (empty = bundled COROP zones)</source>
      <translation>Zonetabel (leeg = meegeleverde COROP-zones)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/zones.py" line="119" />
      <source>Zone table {path} is empty.</source>
      <translation>Zonetabel {path} is leeg.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/zones.py" line="54" />
      <source>Zone table: {summary}.</source>
      <translation>Zonetabel: {summary}.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/layout.py" line="202" />
      <source>Zones from {path}</source>
      <translation>Zones uit {path}</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/styling/charts.py" line="151" />
      <source>above the national mean</source>
      <translation>boven landelijk gemiddelde</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/styling/outputs.py" line="43" />
      <source>change</source>
      <translation>verandering</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/aggregate.py" line="29" />
      <source>could not be transformed to the CRS of REGIONS</source>
      <translation>konden niet worden getransformeerd naar het CRS van REGIONS</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/compute.py" line="130" />
      <source>domain</source>
      <translation>domein</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/field_limits.py" line="93" />
      <source>dropped</source>
      <translation>weggelaten</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/opendata.py" line="219" />
      <source>each area</source>
      <translation>elk gebied</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/styling/charts.py" line="152" />
      <source>equal or lower</source>
      <translation>gelijk of lager</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/parameters.py" line="80" />
      <source>field</source>
      <translation>veld</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/aggregate.py" line="27" />
      <source>have no (or an empty) geometry</source>
      <translation>hebben geen (of een lege) geometrie</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/aggregate.py" line="26" />
      <source>have no region code in '{field}'</source>
      <translation>hebben geen regiocode in '{field}'</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/aggregate.py" line="30" />
      <source>have no year</source>
      <translation>hebben geen jaar</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/topn.py" line="118" />
      <source>highest</source>
      <translation>hoogste</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/parameters.py" line="80" />
      <source>id</source>
      <translation>id</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/compute.py" line="127" />
      <source>indicator</source>
      <translation>indicator</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/styling/layout.py" line="65" />
      <source>klassen van het rapport (40 / 50 / 60)</source>
      <translation>klassen van het rapport (40 / 50 / 60)</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/styling/layout.py" line="66" />
      <source>kwartielen van de gebieden met gegevens</source>
      <translation>kwartielen van de gebieden met gegevens</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/safe_output.py" line="77" />
      <source>layer '{layer}' of {path}</source>
      <translation>laag '{layer}' van {path}</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/aggregate.py" line="28" />
      <source>lie outside every region polygon</source>
      <translation>liggen buiten elke regiopolygoon</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/topn.py" line="118" />
      <source>lowest</source>
      <translation>laagste</translation>
    </message>
    <message>
      <location filename="../ui/mdi_dock.ui" />
      <source>mdi, a domain score mdi_&lt;domain&gt;, a change field verschil_&lt;field&gt; or any numeric field</source>
      <translation>mdi, een domeinscore mdi_&lt;domein&gt;, een veranderingsveld verschil_&lt;veld&gt; of een ander numeriek veld</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/compute.py" line="30" />
      <source>mdi,achterstand,deprivation,index,meervoudige achterstandsindex,pon,telos,buurt,gemeente</source>
      <translation>mdi,achterstand,deprivation,index,meervoudige achterstandsindex,pon,telos,buurt,gemeente</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/profile.py" line="39" />
      <source>mdi,achterstandsprofiel,profiel,profile,domein,domain,grafiek,chart,atlas,corop,regio</source>
      <translation>mdi,achterstandsprofiel,profiel,profile,domein,domain,grafiek,chart,atlas,corop,regio</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/concentration.py" line="35" />
      <source>mdi,concentratie,concentration,extent,omvang,zeer hoog,inwoners,population,IoD,rang,rank,gemeente,buurten</source>
      <translation>mdi,concentratie,concentration,extent,omvang,zeer hoog,inwoners,population,IoD,rang,rank,gemeente,buurten</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/aggregate.py" line="106" />
      <source>mdi,corop,regio,region,aggregeren,aggregate,gemiddelde,mean,dissolve,buurt,gemeente</source>
      <translation>mdi,corop,regio,region,aggregeren,aggregate,gemiddelde,mean,dissolve,buurt,gemeente</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/zones.py" line="25" />
      <source>mdi,corop,zone,periferie,perifeer,periphery,focusregio,kwadrant,regiotype,kern,intermediair</source>
      <translation>mdi,corop,zone,periferie,perifeer,periphery,focusregio,kwadrant,regiotype,kern,intermediair</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/correlation.py" line="38" />
      <source>mdi,correlatie,correlation,pearson,spearman,samenhang,field,energiearmoede,opkomst</source>
      <translation>mdi,correlatie,correlation,pearson,spearman,samenhang,field,energiearmoede,opkomst</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/layout.py" line="35" />
      <source>mdi,kaart,map,export,png,pdf,layout,afdruk,print,legenda,legend,zones,corop</source>
      <translation>mdi,kaart,map,export,png,pdf,layout,afdruk,print,legenda,legend,zones,corop</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/classify.py" line="26" />
      <source>mdi,kwartielen,quartiles,klassen,classes,indelen,classify,breaks,grenzen</source>
      <translation>mdi,kwartielen,quartiles,klassen,classes,indelen,classify,breaks,grenzen</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/report.py" line="45" />
      <source>mdi,rapport,report,gemeente,atlas,pdf,png,layout,top 10,profiel</source>
      <translation>mdi,rapport,gemeenterapport,gemeente,atlas,pdf,png,layout,top 10,profiel</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/stability.py" line="43" />
      <source>mdi,stabiliteit,stability,gevoeligheid,sensitivity,monte carlo,onzekerheid,uncertainty,dirichlet,klasse</source>
      <translation>mdi,stabiliteit,stability,gevoeligheid,sensitivity,monte carlo,onzekerheid,uncertainty,dirichlet,klasse</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/topn.py" line="30" />
      <source>mdi,top,hoogste,highest,slechtste,worst,rang,rank,buurten,gemeente,top 10</source>
      <translation>mdi,top,hoogste,highest,slechtste,worst,rang,rank,buurten,gemeente,top 10</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/typology.py" line="56" />
      <source>mdi,typologie,typology,gemeente,groei,krimp,new town,centrum,toerisme,kruistabel</source>
      <translation>mdi,typologie,typology,gemeente,groei,krimp,new town,centrum,toerisme,kruistabel</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/change.py" line="30" />
      <source>mdi,verandering,change,verschil,difference,trend,snelheden,speeds,jaren,years,klasse,transition</source>
      <translation>mdi,verandering,change,verschil,difference,trend,snelheden,speeds,jaren,years,klasse,transition</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/styling/charts.py" line="163" />
      <source>national mean</source>
      <translation>landelijk gemiddelde</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/styling/charts.py" line="82" />
      <source>no data</source>
      <translation>geen gegevens</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/concentration.py" line="149" />
      <location filename="../mdi_plugin/processing/algorithms/topn.py" line="132" />
      <source>no gemeente code could be derived from '{field}'</source>
      <translation>geen gemeentecode die uit '{field}' kan worden afgeleid</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/concentration.py" line="150" />
      <location filename="../mdi_plugin/processing/algorithms/topn.py" line="133" />
      <source>no value in '{field}'</source>
      <translation>geen waarde in '{field}'</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/opendata.py" line="38" />
      <source>open data,cbs,statline,odata,kerncijfers wijken en buurten,rivm,politie,pdok,wfs,download,ophalen,buurt,wijk,gemeente</source>
      <translation>open data,cbs,statline,odata,kerncijfers wijken en buurten,rivm,politie,pdok,wfs,downloaden,ophalen,buurt,wijk,gemeente</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/styling/outputs.py" line="42" />
      <source>quartiles</source>
      <translation>kwartielen</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/regiokompas.py" line="22" />
      <source>regiokompas,brede welvaart,broad well-being,kwartiel,quartile,join,koppelen,gemeente,pon,telos</source>
      <translation>regiokompas,brede welvaart,broad well-being,kwartiel,quartile,join,koppelen,gemeente,pon,telos</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/styling/outputs.py" line="42" />
      <source>report's breaks</source>
      <translation>grenzen van het rapport</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/safe_output.py" line="74" />
      <source>table {table} of database {database}</source>
      <translation>tabel {table} van database {database}</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/regiokompas.py" line="51" />
      <source>the Regiokompas table</source>
      <translation>de Regiokompas-tabel</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/regiokompas.py" line="50" />
      <source>the input layer</source>
      <translation>de invoerlaag</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/transaction.py" line="562" />
      <source>the last features could not be written</source>
      <translation>de laatste objecten konden niet worden geschreven</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/aggregate.py" line="57" />
      <source>the region code field</source>
      <translation>het regiocodeveld</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/aggregate.py" line="56" />
      <source>the year field</source>
      <translation>het jaarveld</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/change.py" line="137" />
      <source>unweighted mean of the areas</source>
      <translation>ongewogen gemiddelde van de gebieden</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/styling/layout.py" line="67" />
      <source>verandering in procentpunten</source>
      <translation>verandering in procentpunten</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/change.py" line="136" />
      <source>weighted by '{field}'</source>
      <translation>gewogen met '{field}'</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/styling/outputs.py" line="144" />
      <source>zones</source>
      <translation>zones</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/failures.py" line="103" />
      <source>{algorithm} ran out of memory. Close other programs, or run it on fewer features (one year, a selection or a smaller area). Nothing of this run was kept.</source>
      <translation>{algorithm} had niet genoeg geheugen. Sluit andere programma's of draai het op minder objecten (één jaar, een selectie of een kleiner gebied). Van deze run is niets bewaard.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/failures.py" line="107" />
      <source>{algorithm} stopped on an unexpected error in {where}: {error}. Nothing of this run was kept. Check the inputs and parameters; if they look right, this is a bug in MDI voor QGIS: please report it with the details from the MDI tab of the Log Messages panel.</source>
      <translation>{algorithm} is gestopt door een onverwachte fout in {where}: {error}. Van deze run is niets bewaard. Controleer de invoer en de parameters; kloppen die, dan is dit een fout in MDI voor QGIS: meld die alstublieft, met de details uit het tabblad MDI van het paneel Logberichten.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/failures.py" line="98" />
      <source>{algorithm}: a file could not be read or written: {reason}. Check the paths of the inputs and outputs, that you may write there and that the disk is not full. Nothing of this run was kept.</source>
      <translation>{algorithm}: een bestand kon niet worden gelezen of geschreven: {reason}. Controleer de paden van de invoer en uitvoer, of u daar mag schrijven en of de schijf niet vol is. Van deze run is niets bewaard.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/failures.py" line="92" />
      <source>{algorithm}: could not read or write '{path}': {reason}. Check that the folder exists and that you may write there, that no other program has the file open, and that the disk is not full. Nothing of this run was kept.</source>
      <translation>{algorithm}: '{path}' kon niet worden gelezen of geschreven: {reason}. Controleer of de map bestaat en of u daar mag schrijven, of geen ander programma het bestand open heeft en of de schijf niet vol is. Van deze run is niets bewaard.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/failures.py" line="119" />
      <source>{algorithm}: the outputs were written, but giving them the MDI style failed: {error}. They are kept without that style; apply a style yourself in the Layer Properties.</source>
      <translation>{algorithm}: de uitvoer is geschreven, maar de MDI-stijl toekennen is mislukt: {error}. De uitvoer blijft bewaard zonder die stijl; geef zelf een stijl in de Laageigenschappen.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/regiokompas.py" line="113" />
      <source>{count} Regiokompas gemeente(n) are not in the input (still used for the quartiles): {codes}.</source>
      <translation>{count} Regiokompas-gemeente(n) zitten niet in de invoer (tellen wel mee voor de kwartielen): {codes}.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/regiokompas.py" line="162" />
      <source>{count} Regiokompas row(s) have no gemeente code in '{key}' and are left out (not joined, not in the quartiles): {rows}.</source>
      <translation>{count} Regiokompas-rij(en) hebben geen gemeentecode in '{key}' en worden weggelaten (niet gekoppeld, niet in de kwartielen): {rows}.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/opendata.py" line="182" />
      <source>{count} area(s) have no PDOK boundary and no geometry: {areas}.</source>
      <translation>{count} gebied(en) hebben geen PDOK-grens en geen geometrie: {areas}.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/topn.py" line="127" />
      <source>{count} area(s) have no value and get no rank.</source>
      <translation>{count} gebied(en) hebben geen waarde en krijgen geen rang.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/topn.py" line="129" />
      <source>{count} area(s) have no year in '{field}' and get no rank.</source>
      <translation>{count} gebied(en) hebben geen jaar in '{field}' en krijgen geen rang.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/topn.py" line="134" />
      <source>{count} area(s) have {reason}: they get no group rank and no flag: {units}</source>
      <translation>{count} gebied(en) hebben {reason}: ze krijgen geen groepsrang en geen markering: {units}</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/change.py" line="149" />
      <source>{count} area(s) occur in {first} but not in {last}; they are not in the output (no {last} row): {units}</source>
      <translation>{count} gebied(en) komen voor in {first} maar niet in {last}; ze staan niet in de uitvoer (geen rij voor {last}): {units}</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/change.py" line="155" />
      <source>{count} area(s) occur in {last} but not in {first}; they are in the output with NULL differences and in_beide_jaren = 0: {units}</source>
      <translation>{count} gebied(en) komen voor in {last} maar niet in {first}; ze staan in de uitvoer met NULL als verschil en in_beide_jaren = 0: {units}</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/change.py" line="269" />
      <source>{count} area(s) with a difference have no weight in the TO_YEAR row and are left out of the national change.</source>
      <translation>{count} gebied(en) met een verschil hebben geen gewicht in de rij van TO_YEAR en tellen niet mee in de landelijke verandering.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/report.py" line="150" />
      <source>{count} buurt(en) have no number of inhabitants in '{field}': they are left out of the share of inhabitants in 'Zeer hoog' buurten.</source>
      <translation>{count} buurt(en) hebben geen aantal inwoners in '{field}': ze tellen niet mee in het aandeel inwoners in 'Zeer hoog'-buurten.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/compute.py" line="124" />
      <source>{count} feature(s) have no MDI (NULL).</source>
      <translation>{count} object(en) hebben geen MDI (NULL).</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/compute.py" line="116" />
      <source>{count} feature(s) have no score for domain '{domain}' (NULL in the input); field {field} is NULL there.</source>
      <translation>{count} object(en) hebben geen score voor domein '{domain}' (NULL in de invoer); veld {field} is daar NULL.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/compute.py" line="120" />
      <source>{count} feature(s) have no score for domain '{domain}' (too few indicators present); field {field} is NULL there.</source>
      <translation>{count} object(en) hebben geen score voor domein '{domain}' (te weinig indicatoren aanwezig); veld {field} is daar NULL.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/gui/dock.py" line="368" />
      <source>{count} feature(s) highlighted.</source>
      <translation>{count} object(en) gemarkeerd.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/topn.py" line="156" />
      <source>{count} group(s) have fewer than {n} ranked areas; all their areas with a value are flagged.</source>
      <translation>{count} groep(en) hebben minder dan {n} gerangschikte gebieden; al hun gebieden met een waarde worden gemarkeerd.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/concentration.py" line="255" />
      <source>{count} group(s) have no inhabitants with a score: their measures are NULL.</source>
      <translation>{count} groep(en) hebben geen inwoners met een score: hun maten zijn NULL.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/regiokompas.py" line="109" />
      <source>{count} input feature(s) have no Regiokompas row (NULL themes and counts); codes: {codes}.</source>
      <translation>{count} invoerobject(en) hebben geen Regiokompas-rij (NULL-thema's en -tellingen); codes: {codes}.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/aggregate.py" line="174" />
      <source>{count} polygon(s) of REGIONS have no value in '{field}' and are no region; units inside them count as unmatched.</source>
      <translation>{count} polygoon/polygonen van REGIONS hebben geen waarde in '{field}' en zijn geen regio; eenheden daarbinnen tellen als niet gekoppeld.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/zones.py" line="207" />
      <source>{count} region code(s) in field '{field}' are not in the zone table and get no zone (NULL): {codes}.</source>
      <translation>{count} regiocode(s) in veld '{field}' staan niet in de zonetabel en krijgen geen zone (NULL): {codes}.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/aggregate.py" line="288" />
      <source>{count} region(s) contain no unit: n_eenheden is 0 and their scores are NULL.</source>
      <translation>{count} regio('s) bevatten geen eenheid: n_eenheden is 0 en hun scores zijn NULL.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/zones.py" line="66" />
      <source>{count} region(s) have no MDI in field '{field}': hoge_mdi is NULL there.</source>
      <translation>{count} regio('s) hebben geen MDI in veld '{field}': hoge_mdi is daar NULL.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/layout.py" line="199" />
      <source>{count} region(s) have no zone (not in the zone table): {values}.</source>
      <translation>{count} regio('s) hebben geen zone (niet in de zonetabel): {values}.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/aggregate.py" line="488" />
      <source>{count} region(s) have values but no positive weight; their weighted means are NULL.</source>
      <translation>{count} regio('s) hebben waarden maar geen positief gewicht; hun gewogen gemiddelden zijn NULL.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/profile.py" line="121" />
      <source>{count} region(s) hold only one unit, so the region profile equals that unit's profile: {regions}.</source>
      <translation>{count} regio('s) bevatten maar één eenheid, dus het regioprofiel is gelijk aan het profiel van die eenheid: {regions}.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/zones.py" line="236" />
      <source>{count} regions: {zones}</source>
      <translation>{count} regio's: {zones}</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/change.py" line="146" />
      <source>{count} row(s) have no area id or no year in '{field}' and are left out.</source>
      <translation>{count} rij(en) hebben geen gebiedscode of geen jaar in '{field}' en worden weggelaten.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/profile.py" line="116" />
      <source>{count} row(s) have no region code in '{field}': they count for the national mean only.</source>
      <translation>{count} rij(en) hebben geen regiocode in '{field}': ze tellen alleen mee voor het landelijk gemiddelde.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/profile.py" line="113" />
      <source>{count} row(s) with a region have no unit code; they count for their region but get no unit profile.</source>
      <translation>{count} rij(en) met een regio hebben geen eenheidscode; ze tellen mee voor hun regio maar krijgen geen eigen profiel.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/concentration.py" line="146" />
      <source>{count} unit(s) are in no group and are left out (they still count in the national ranks):</source>
      <translation>{count} eenheid/eenheden vallen in geen enkele groep en worden weggelaten (ze tellen wel mee in de landelijke rangen):</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/aggregate.py" line="272" />
      <source>{count} unit(s) fall in no region and are left out of every region:</source>
      <translation>{count} eenheid/eenheden vallen in geen enkele regio en tellen in geen regio mee:</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/concentration.py" line="240" />
      <source>{count} unit(s) have a score but no inhabitant count and are left out of every measure.</source>
      <translation>{count} eenheid/eenheden hebben een score maar geen aantal inwoners en tellen in geen enkele maat mee.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/concentration.py" line="250" />
      <source>{count} unit(s) have no class and are left out of the class shares.</source>
      <translation>{count} eenheid/eenheden hebben geen klasse en tellen niet mee in de klasseaandelen.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/concentration.py" line="245" />
      <source>{count} unit(s) have no score: they are not ranked and are left out of the score and rank measures.</source>
      <translation>{count} eenheid/eenheden hebben geen score: ze krijgen geen rang en tellen niet mee in de score- en rangmaten.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/aggregate.py" line="204" />
      <source>{count} unit(s) lie in more than one region polygon (overlapping regions); each went to the first region in layer order.</source>
      <translation>{count} eenheid/eenheden liggen in meer dan één regiopolygoon (overlappende regio's); elk is toegewezen aan de eerste regio in de volgorde van de laag.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/report.py" line="177" />
      <location filename="../mdi_plugin/processing/algorithms/report.py" line="202" />
      <source>{error}</source>
      <translation>{error}</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/concentration.py" line="135" />
      <source>{features} output feature(s) for {groups} group(s) from {units} unit(s).</source>
      <translation>{features} uitvoerobject(en) voor {groups} groep(en) uit {units} eenheid/eenheden.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/aggregate.py" line="282" />
      <source>{features} output feature(s) for {regions} region(s); {units} unit(s) aggregated, {unmatched} in no region.</source>
      <translation>{features} uitvoerobject(en) voor {regions} regio('s); {units} eenheid/eenheden geaggregeerd, {unmatched} in geen enkele regio.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/opendata.py" line="212" />
      <source>{field} {year}: {source} {table}, period {period}, Modified {modified}{check}.</source>
      <translation>{field} {year}: {source} {table}, periode {period}, Modified {modified}{check}.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/concentration.py" line="81" />
      <source>{first} and {second} are the same field '{field}'.</source>
      <translation>{first} en {second} zijn hetzelfde veld '{field}'.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/change.py" line="132" />
      <source>{first} → {last}: {count} area(s) compared; national change of '{field}': {change:+.2f} percentage points ({weighting}).</source>
      <translation>{first} → {last}: {count} gebied(en) vergeleken; landelijke verandering van '{field}': {change:+.2f} procentpunt ({weighting}).</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/topn.py" line="116" />
      <source>{flagged} of {total} area(s) flagged as the {n} {which}{per}.</source>
      <translation>{flagged} van {total} gebied(en) gemarkeerd als de {n} {which}{per}.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/correlation.py" line="152" />
      <source>{indicator}: n = {n}, Pearson r = {r:.3f} (p = {p:.3g}, {strength}, {direction}), Spearman rho = {rho:.3f} (p = {p_rho:.3g}).</source>
      <translation>{indicator}: n = {n}, Pearson r = {r:.3f} (p = {p:.3g}, {strength}, {direction}), Spearman rho = {rho:.3f} (p = {p_rho:.3g}).</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/correlation.py" line="150" />
      <source>{indicator}: n = {n}, no correlation.</source>
      <translation>{indicator}: n = {n}, geen correlatie.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/typology.py" line="155" />
      <source>{label}: {n} gemeente(n), {share} in Zeer hoog.</source>
      <translation>{label}: {n} gemeente(n), {share} in Zeer hoog.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/aggregate.py" line="190" />
      <source>{layer} has no coordinate reference system (CRS): its coordinates are taken to be in the CRS of {other} ({crs}). If they are not, units land in the wrong region or in none: set the layer's CRS (Layer Properties &gt; Source) and run again.</source>
      <translation>{layer} heeft geen coördinaatreferentiesysteem (CRS): de coördinaten worden opgevat als in het CRS van {other} ({crs}). Klopt dat niet, dan komen eenheden in de verkeerde regio of in geen enkele regio terecht: stel het CRS van de laag in (Laageigenschappen &gt; Bron) en voer opnieuw uit.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/gui/dock.py" line="289" />
      <source>{layer} has no field {field}</source>
      <translation>{layer} heeft geen veld {field}</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/regiokompas.py" line="105" />
      <source>{matched} input feature(s) matched {gemeenten} of {total} Regiokompas gemeente(n).</source>
      <translation>{matched} invoerobject(en) gekoppeld aan {gemeenten} van {total} Regiokompas-gemeente(n).</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/safe_output.py" line="358" />
      <source>{output} would replace the input {parameter} ({source}): the input would be lost. Choose another file, layer name or table for {output}. Nothing was written.</source>
      <translation>{output} zou de invoer {parameter} ({source}) vervangen: de invoer zou verloren gaan. Kies een ander bestand, een andere laagnaam of tabel voor {output}. Er is niets geschreven.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/safe_output.py" line="349" />
      <source>{output} would replace {target}, which this model run read before (input {parameter} of the step '{step}'): it would be lost. Choose another file, layer name or table for {output}. Nothing was written by this step, and what the earlier steps wrote is removed.</source>
      <translation>{output} zou {target} vervangen, dat deze modelrun eerder heeft gelezen (invoer {parameter} van de stap '{step}'): het zou verloren gaan. Kies een ander bestand, een andere laagnaam of tabel voor {output}. Deze stap heeft niets geschreven, en wat de eerdere stappen schreven wordt verwijderd.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/output_checks.py" line="82" />
      <source>{output}: '{file}' is a file, not a folder, so '{target}' cannot be written there. Choose another folder or file name for {output}. Nothing was written.</source>
      <translation>{output}: '{file}' is een bestand, geen map, dus '{target}' kan daar niet worden geschreven. Kies een andere map of bestandsnaam voor {output}. Er is niets geschreven.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/output_checks.py" line="89" />
      <source>{output}: '{file}' is a file, not a folder, so the folder '{folder}' cannot be made there. Choose another folder for {output}. Nothing was written.</source>
      <translation>{output}: '{file}' is een bestand, geen map, dus de map '{folder}' kan daar niet worden aangemaakt. Kies een andere map voor {output}. Er is niets geschreven.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/output_checks.py" line="86" />
      <source>{output}: '{folder}' is a file, not a folder. Choose a folder (a new name is created) for {output}. Nothing was written.</source>
      <translation>{output}: '{folder}' is een bestand, geen map. Kies een map voor {output} (een nieuwe naam wordt aangemaakt). Er is niets geschreven.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/output_checks.py" line="34" />
      <source>{output}: '{given}' is not a destination QGIS understands: it would write a file literally named '{given}.gpkg'. To write layer '{layer}' into {path}, give {output} as: ogr:dbname='{path}' table="{layer}"</source>
      <translation>{output}: '{given}' is geen bestemming die QGIS begrijpt: het zou een bestand schrijven dat letterlijk '{given}.gpkg' heet. Geef {output} op als ogr:dbname='{path}' table="{layer}" om laag '{layer}' in {path} te schrijven.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/output_checks.py" line="45" />
      <source>{output}: QGIS writes '{path}' (it adds the extension '.{extension}' of the output format to the name given).</source>
      <translation>{output}: QGIS schrijft '{path}' (het voegt de extensie '.{extension}' van het uitvoerformaat toe aan de opgegeven naam).</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/output_checks.py" line="50" />
      <source>{output}: the existing file '{given}' is not changed.</source>
      <translation>{output}: het bestaande bestand '{given}' wordt niet gewijzigd.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/safe_output.py" line="364" />
      <source>{output}: the existing {target} is replaced (QGIS replaces an existing output, it never appends to it).</source>
      <translation>{output}: de bestaande {target} wordt vervangen (QGIS vervangt een bestaande uitvoer, het voegt er nooit aan toe).</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/transaction.py" line="564" />
      <source>{output}: the features could not be written to {target}: {error}. Check the free disk space and whether another program is writing to it. No output was kept.</source>
      <translation>{output}: de objecten konden niet naar {target} worden geschreven: {error}. Controleer de vrije schijfruimte en of een ander programma ernaar schrijft. Er is geen uitvoer bewaard.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/output_checks.py" line="124" />
      <source>{output}: the fields {fields} differ only in upper and lower case; a file such as {target} cannot hold them side by side (it compares field names without case). Rename or remove one of each pair in the input (e.g. with 'Refactor fields'). Nothing was written.</source>
      <translation>{output}: de velden {fields} verschillen alleen in hoofd- en kleine letters; een bestand als {target} kan ze niet naast elkaar bevatten (het vergelijkt veldnamen zonder op hoofdletters te letten). Hernoem of verwijder één veld van elk paar in de invoer (bijv. met 'Velden refactoren'). Er is niets geschreven.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/output_checks.py" line="96" />
      <source>{output}: the folder '{folder}' cannot be created: {reason}. Choose a folder you may write to (on Windows: a drive that exists). Nothing was written.</source>
      <translation>{output}: de map '{folder}' kan niet worden aangemaakt: {reason}. Kies een map waarin u mag schrijven (op Windows: een station dat bestaat). Er is niets geschreven.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/transaction.py" line="596" />
      <location filename="../mdi_plugin/processing/transaction.py" line="633" />
      <source>{output}: the record of this run could not be stored with {target}: {error}. The output is complete.</source>
      <translation>{output}: het verslag van deze run kon niet bij {target} worden opgeslagen: {error}. De uitvoer is compleet.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/transaction.py" line="628" />
      <source>{output}: this QGIS version cannot store the record of this run in {target} (QGIS 3.28 or newer can). The output is complete.</source>
      <translation>{output}: deze QGIS-versie kan het verslag van deze run niet opslaan bij {target} (QGIS 3.28 of nieuwer kan dat wel). De uitvoer is compleet.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/report.py" line="204" />
      <source>{pages} page(s): {pdf}{pngs}</source>
      <translation>{pages} pagina('s): {pdf}{pngs}</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/topn.py" line="72" />
      <source>{parameter} and FIELD are the same field '{field}'.</source>
      <translation>{parameter} en FIELD zijn hetzelfde veld '{field}'.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/change.py" line="165" />
      <source>{parameter} {year} does not occur in the input; its years are {years}.</source>
      <translation>{parameter} {year} komt niet voor in de invoer; de jaren zijn {years}.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/inputs.py" line="93" />
      <source>{parameter}: '{path}' holds {count} layers ({layers}); QGIS read the first, '{layer}'. To use another, add |layername=&lt;name&gt; to the path, e.g. {path}|layername={example}.</source>
      <translation>{parameter}: '{path}' bevat {count} lagen ({layers}); QGIS las de eerste, '{layer}'. Voeg voor een andere laag |layername=&lt;naam&gt; toe aan het pad, bijv. {path}|layername={example}.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/inputs.py" line="53" />
      <source>{parameter}: '{path}' is not UTF-8 text; it is read as Windows-1252 (as Excel saves 'CSV (gescheiden door lijstscheidingsteken)'). Save it as 'CSV UTF-8' to be sure names such as 'Súdwest-Fryslân' come through.</source>
      <translation>{parameter}: '{path}' is geen UTF-8-tekst; het wordt gelezen als Windows-1252 (zoals Excel 'CSV (gescheiden door lijstscheidingsteken)' opslaat). Sla het op als 'CSV UTF-8' om zeker te zijn dat namen zoals 'Súdwest-Fryslân' goed overkomen.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/fieldnames.py" line="73" />
      <source>{parameter}: field '{field}' is not in the input. {hint}</source>
      <translation>{parameter}: veld '{field}' zit niet in de invoer. {hint}</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/fieldnames.py" line="71" />
      <source>{parameter}: field '{field}' is not in {layer}. {hint}</source>
      <translation>{parameter}: veld '{field}' staat niet in {layer}. {hint}</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/field_limits.py" line="97" />
      <source>{parameter}: the {driver} format does not keep every field name; {count} field(s) are written under another name or not at all: {fields}. Later MDI steps recognise MDI fields cut to 10 characters, not renamed ones: choose these fields by their new names, or write a GeoPackage (.gpkg) to keep every name.</source>
      <translation>{parameter}: het formaat {driver} behoudt niet elke veldnaam; {count} veld(en) worden onder een andere naam of helemaal niet geschreven: {fields}. Latere MDI-stappen herkennen MDI-velden die tot 10 tekens zijn ingekort, geen hernoemde: kies deze velden met hun nieuwe naam, of schrijf een GeoPackage (.gpkg) om elke naam te behouden.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/opendata.py" line="207" />
      <source>{path}: the 'opendata' definitions are incomplete ({reason}).</source>
      <translation>{path}: de definities onder 'opendata' zijn onvolledig ({reason}).</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/transaction.py" line="684" />
      <source>{reason}: the incomplete output for {target} was removed; {file} was not changed.</source>
      <translation>{reason}: de onvolledige uitvoer voor {target} is verwijderd; {file} is niet gewijzigd.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/safe_output.py" line="397" />
      <location filename="../mdi_plugin/processing/transaction.py" line="689" />
      <source>{reason}: the incomplete output {target} was removed.</source>
      <translation>{reason}: de onvolledige uitvoer {target} is verwijderd.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/safe_output.py" line="414" />
      <source>{reason}: {target}, written by the earlier step '{step}' of this model run, replaced an existing file, layer or table and is kept: what it held before cannot be restored.</source>
      <translation>{reason}: {target}, geschreven door de eerdere stap '{step}' van deze modelrun, heeft een bestaand bestand, een bestaande laag of tabel vervangen en blijft bewaard: de vorige inhoud kan niet worden teruggezet.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/safe_output.py" line="395" />
      <source>{reason}: {target}, written by the earlier step '{step}' of this model run, was removed.</source>
      <translation>{reason}: {target}, geschreven door de eerdere stap '{step}' van deze modelrun, is verwijderd.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/profile.py" line="166" />
      <source>{regions} region profile(s), {charts} chart(s) in {folder}.</source>
      <translation>{regions} regioprofiel(en), {charts} grafiek(en) in {folder}.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/stability.py" line="121" />
      <source>{runs} runs, seed {seed}: weight spread {spread:g}, normalisations {norms}, breaks {breaks} +/- {jitter:g} points.</source>
      <translation>{runs} runs, seed {seed}: gewichtsspreiding {spread:g}, normalisaties {norms}, grenzen {breaks} +/- {jitter:g} punten.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/stability.py" line="126" />
      <source>{runs} runs, seed {seed}: weight spread {spread:g}, normalisations {norms}; every run is classified by its own quartiles (the 25th, 50th and 75th percentile +/- {jitter:g} percentile points; BREAKS is not used).</source>
      <translation>{runs} runs, seed {seed}: gewichtsspreiding {spread:g}, normalisaties {norms}; elke run wordt ingedeeld naar zijn eigen kwartielen (het 25e, 50e en 75e percentiel +/- {jitter:g} percentielpunten; BREAKS wordt niet gebruikt).</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/stability.py" line="187" />
      <source>{share:.1f} % of the features are onzeker: more runs (N_RUNS) decide more of them; four times the runs halve the standard error.</source>
      <translation>{share:.1f} % van de objecten is onzeker: met meer runs (N_RUNS) worden er meer beslist; vier keer zoveel runs halveren de standaardfout.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/zones.py" line="101" />
      <source>{source} gives {code} two zones: {first} and {second}.</source>
      <translation>{source} geeft {code} twee zones: {first} en {second}.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/zones.py" line="106" />
      <source>{source} has no rows.</source>
      <translation>{source} heeft geen rijen.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/zones.py" line="81" />
      <source>{source} has no {missing}. Its columns are: {columns}.</source>
      <translation>{source} heeft geen {missing}. De kolommen zijn: {columns}.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/zones.py" line="97" />
      <source>{source}, row {row} ({code}): zone '{value}' is not one of kern, intermediair, perifeer.</source>
      <translation>{source}, rij {row} ({code}): zone '{value}' is niet een van kern, intermediair, perifeer.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/zones.py" line="91" />
      <source>{source}, row {row}: '{value}' in column '{column}' is not a COROP code (CR01 .. CR40, or 1 .. 40).</source>
      <translation>{source}, rij {row}: '{value}' in kolom '{column}' is geen COROP-code (CR01 .. CR40, of 1 .. 40).</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/spec.py" line="192" />
      <source>{source}: 'domains' must be a non-empty list.</source>
      <translation>{source}: 'domains' moet een niet-lege lijst zijn.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/spec.py" line="231" />
      <source>{source}: 'indicators' must be a non-empty list.</source>
      <translation>{source}: 'indicators' moet een niet-lege lijst zijn.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/spec.py" line="224" />
      <source>{source}: all domain weights are 0; at least one domain needs a positive weight.</source>
      <translation>{source}: alle domeingewichten zijn 0; minstens één domein heeft een positief gewicht nodig.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/spec.py" line="217" />
      <source>{source}: domain '{id}' has a negative weight ({weight}); weights must be 0 or more.</source>
      <translation>{source}: domein '{id}' heeft een negatief gewicht ({weight}); gewichten moeten 0 of meer zijn.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/spec.py" line="212" />
      <source>{source}: domain '{id}' has a weight of {weight}; weights are percentages (22.5 for 22.5 %) and at most {limit}.</source>
      <translation>{source}: domein '{id}' heeft gewicht {weight}; gewichten zijn percentages (22.5 voor 22,5 %) en ten hoogste {limit}.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/spec.py" line="207" />
      <source>{source}: domain '{id}' has no 'weight'.</source>
      <translation>{source}: domein '{id}' heeft geen 'weight'.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/spec.py" line="197" />
      <source>{source}: domain number {position} must be an object.</source>
      <translation>{source}: domein nummer {position} moet een object zijn.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/spec.py" line="275" />
      <source>{source}: domain(s) {domains} have no indicators; add indicators or remove the domain.</source>
      <translation>{source}: domein(en) {domains} hebben geen indicatoren; voeg indicatoren toe of verwijder het domein.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/spec.py" line="202" />
      <source>{source}: duplicate domain id '{id}' (ids are compared without case, they become field names).</source>
      <translation>{source}: dubbel domein-id '{id}' (id's worden zonder onderscheid tussen hoofdletters en kleine letters vergeleken, ze worden veldnamen).</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/spec.py" line="241" />
      <source>{source}: duplicate indicator id '{id}'.</source>
      <translation>{source}: dubbel indicator-id '{id}'.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/spec.py" line="137" />
      <source>{source}: format_version {version} is not supported (expected {expected}).</source>
      <translation>{source}: format_version {version} wordt niet ondersteund (verwacht: {expected}).</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/spec.py" line="259" />
      <source>{source}: indicator '{id}' has an empty 'field'.</source>
      <translation>{source}: indicator '{id}' heeft een leeg 'field'.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/spec.py" line="254" />
      <source>{source}: indicator '{id}' has direction {value!r}; use 'higher_is_worse' or 'higher_is_better'.</source>
      <translation>{source}: indicator '{id}' heeft richting {value!r}; gebruik 'higher_is_worse' of 'higher_is_better'.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/spec.py" line="266" />
      <source>{source}: indicator '{id}' has lower bound {lower} not below its upper bound {upper}.</source>
      <translation>{source}: bij indicator '{id}' ligt de ondergrens {lower} niet onder de bovengrens {upper}.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/spec.py" line="246" />
      <source>{source}: indicator '{id}' has no 'domain'; give one of {known}.</source>
      <translation>{source}: indicator '{id}' heeft geen 'domain'; geef een van {known}.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/spec.py" line="249" />
      <source>{source}: indicator '{id}' names unknown domain '{domain}'; known domains are {known}.</source>
      <translation>{source}: indicator '{id}' noemt het onbekende domein '{domain}'; bekende domeinen zijn {known}.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/spec.py" line="236" />
      <source>{source}: indicator number {position} must be an object.</source>
      <translation>{source}: indicator nummer {position} moet een object zijn.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/spec.py" line="285" />
      <source>{source}: the domain weights add up to {actual:g}, but 'weight_total' says {expected:g}.</source>
      <translation>{source}: de domeingewichten tellen op tot {actual:g}, maar 'weight_total' zegt {expected:g}.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/spec.py" line="132" />
      <source>{source}: the spec must be a JSON object with 'domains' and 'indicators'.</source>
      <translation>{source}: de specificatie moet een JSON-object zijn met 'domains' en 'indicators'.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/spec.py" line="154" />
      <source>{source}: unknown key(s) {keys} in {where}; allowed keys are {allowed}.</source>
      <translation>{source}: onbekende sleutel(s) {keys} in {where}; toegestane sleutels zijn {allowed}.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/spec.py" line="174" />
      <source>{source}: {kind} number {position} has id {value!r}; an id must start with a letter and contain only letters, digits and _.</source>
      <translation>{source}: {kind} nummer {position} heeft id {value!r}; een id moet met een letter beginnen en mag alleen letters, cijfers en _ bevatten.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/spec.py" line="185" />
      <source>{source}: {what} must be a finite number, not {value!r}.</source>
      <translation>{source}: {what} moet een eindig getal zijn, niet {value!r}.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/spec.py" line="168" />
      <source>{source}: {where} must be a text or an object like {{"nl": "...", "en": "..."}}.</source>
      <translation>{source}: {where} moet een tekst zijn of een object zoals {{"nl": "...", "en": "..."}}.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/compute.py" line="52" />
      <source>{spec}: the domain weights add up to {total}, not about 100: weights are percentages (the report's add up to 99.9). Write them as percentages (22.5, not 0.225) or set RESCALE_WEIGHTS (Rescale weights to sum to 100) to true.</source>
      <translation>{spec}: de domeingewichten tellen op tot {total}, niet tot ongeveer 100: gewichten zijn percentages (die van het rapport tellen op tot 99.9). Schrijf ze als percentages (22.5, niet 0.225) of zet RESCALE_WEIGHTS (Gewichten herschalen tot een som van 100) aan.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/transaction.py" line="646" />
      <source>{target} is locked by another program or run (waited {seconds:g} s): stop editing its layers in QGIS, or wait for the other run, and run again. {target} was not changed.</source>
      <translation>{target} is vergrendeld door een ander programma of een andere run ({seconds:g} s gewacht): stop het bewerken van de lagen ervan in QGIS, of wacht op de andere run, en voer opnieuw uit. {target} is niet gewijzigd.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/stability.py" line="176" />
      <source>{valid} of {total} feature(s) have an MDI: {stable} stabiel, {uncertain} onzeker, {unstable} instabiel (threshold {threshold:g}; onzeker = within {band:g} standard errors of it; the standard error at the threshold is {se:.3f}; runs per normalisation: {runs}).</source>
      <translation>{valid} van {total} object(en) hebben een MDI: {stable} stabiel, {uncertain} onzeker, {unstable} instabiel (drempel {threshold:g}; onzeker = binnen {band:g} standaardfouten ervan; de standaardfout bij de drempel is {se:.3f}; runs per normalisatie: {runs}).</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/odata.py" line="65" />
      <source>{what} answered with a web page ({title}) instead of data: a proxy or login page, or a wrong address. Check the network or proxy settings and the service address.</source>
      <translation>{what} antwoordde met een webpagina ({title}) in plaats van gegevens: een proxy- of inlogpagina, of een verkeerd adres. Controleer het netwerk of de proxy-instellingen en het adres van de dienst.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/odata.py" line="86" />
      <source>{what} reported an error: {message}</source>
      <translation>{what} meldde een fout: {message}</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/opendata_client.py" line="224" />
      <source>{what}: more than {pages} pages; the server keeps sending a next page.</source>
      <translation>{what}: meer dan {pages} pagina's; de server blijft een volgende pagina sturen.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/opendata_client.py" line="260" />
      <source>{what}: the answer has no 'features': it is not GeoJSON.</source>
      <translation>{what}: het antwoord heeft geen 'features': het is geen GeoJSON.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/opendata.py" line="157" />
      <source>{where}: 'opendata' must be an object.</source>
      <translation>{where}: 'opendata' moet een object zijn.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/opendata.py" line="151" />
      <source>{where}: 'terms' must be a list of columns.</source>
      <translation>{where}: 'terms' moet een lijst van kolommen zijn.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/opendata.py" line="161" />
      <source>{where}: formula must be one of {formulas} and sources of {ids}.</source>
      <translation>{where}: formula moet een van {formulas} zijn en sources uit {ids} komen.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/core/opendata.py" line="453" />
      <source>{year}: field '{field}' stays empty: {reasons}.</source>
      <translation>{year}: veld '{field}' blijft leeg: {reasons}.</translation>
    </message>
    <message>
      <location filename="../mdi_plugin/processing/algorithms/opendata.py" line="115" />
      <source>{year}: {source} {table} (Modified {modified}).</source>
      <translation>{year}: {source} {table} (Modified {modified}).</translation>
    </message>
  </context>
</TS>
