"""Computing domain scores and the MDI total from indicator or domain columns."""

from dataclasses import dataclass, field
from typing import Dict, List, Optional

import numpy as np

from .errors import InputError, Message  # noqa: F401 - Message: imported from here too
from .fieldnames import find_field, find_shortened, similar_names
from .normalise import FIXED, NORMALISATIONS, PER_YEAR, check_clip, normalise_indicator

FROM_INDICATORS = "indicators"
FROM_DOMAINS = "domains"
MODES = (FROM_INDICATORS, FROM_DOMAINS)

#: Prefix of the output field of each domain (``mdi_inkomen``) and the total field.
DOMAIN_FIELD_PREFIX = "mdi_"
TOTAL_FIELD = "mdi"


def domain_field(domain_id):
    """Output field name of a domain score, e.g. ``mdi_inkomen``."""
    return DOMAIN_FIELD_PREFIX + domain_id


def output_fields(spec):
    """Names of the fields the computation adds: the domain scores, then ``mdi``."""
    return [domain_field(d) for d in spec.domain_ids] + [TOTAL_FIELD]


#: Accepted sum of the domain weights (percent) without RESCALE_WEIGHTS.
WEIGHT_SUM_RANGE = (95.0, 105.0)


@dataclass
class ComputeOptions:
    """How to compute: normalisation method and the coverage and weight rules."""

    normalisation: str = "pooled"
    clip_percent: float = 0.0
    min_coverage: float = 0.5
    rescale_weights: bool = False

    def check_weights(self, spec):
        """The report's weights are percentages that add up to 99.9. A sum outside
        WEIGHT_SUM_RANGE (weights written as fractions, 0.225 ..., would put every MDI in
        "Laag") is refused unless the weights are rescaled to 100."""
        total = spec.weight_sum
        low, high = WEIGHT_SUM_RANGE
        if self.rescale_weights or low <= total <= high:
            return
        raise InputError("{spec}: the domain weights add up to {total}, not about 100: "
                         "weights are percentages (the report's add up to 99.9). Write "
                         "them as percentages (22.5, not 0.225) or set RESCALE_WEIGHTS "
                         "(Rescale weights to sum to 100) to true.",
                         spec=spec.origin or spec.id, total="{:g}".format(total))

    def validate(self):
        """Raise InputError for options outside their range."""
        if self.normalisation not in NORMALISATIONS:
            raise InputError("Unknown normalisation '{value}'.", value=self.normalisation)
        if not 0.0 <= self.clip_percent < 50.0:
            raise InputError("CLIP_PERCENT must be at least 0 and below 50, not {value}.",
                             value=self.clip_percent)
        check_clip(self.normalisation, self.clip_percent)
        if not 0.0 <= self.min_coverage <= 1.0:
            raise InputError("MIN_COVERAGE must be between 0 and 1, not {value}.",
                             value=self.min_coverage)


@dataclass
class MdiResult:
    """Domain scores and total (NaN where they cannot be computed) plus messages."""

    domain_scores: Dict[str, np.ndarray]
    mdi: np.ndarray
    warnings: List[Message] = field(default_factory=list)
    indicator_scores: Dict[str, np.ndarray] = field(default_factory=dict)
    clipped: Dict[str, int] = field(default_factory=dict)

    @property
    def domain_null_counts(self):
        """Rows per domain without a score."""
        return {d: int(np.isnan(s).sum()) for d, s in self.domain_scores.items()}

    @property
    def mdi_null_count(self):
        """Rows without an MDI total."""
        return int(np.isnan(self.mdi).sum())


def _similar(similar):
    """The 'similar fields' part of a message (a Message, translated with it)."""
    return Message("Similar fields: {fields}.", {"fields": ", ".join(similar)}) if similar \
        else Message("No similar field names were found.")


def _hint(name, available):
    return _similar(similar_names(name, available))


def _domain_scores_in_indicator_mode(spec, available):
    """InputError when an input for mode indicators holds domain scores instead (inkomen,
    werk, ... or mdi_inkomen, ...): the likeliest mistake, so say what to switch."""
    found = [f for f in (find_field(n, available) for d in spec.domain_ids
                         for n in (d, domain_field(d))) if f]
    if found:
        raise InputError("The input has domain scores ({fields}) but not the indicator fields "
                         "of the spec. To compute the MDI from domain scores, set 'Compute "
                         "from' (MODE) to 'Domain scores'.", fields=", ".join(found))


def resolve_fields(spec, mode, available, field_map=None):
    """Map each indicator id (mode indicators) or domain id (mode domains) to an input field.

    ``field_map`` ({id: field}) overrides the spec's field names; otherwise indicators use
    their spec ``field`` and domains their id or else ``mdi_<id>`` (the output of Compute
    MDI, so it can read its own output back), matched exactly or else ignoring case.
    Returns (mapping of the ids found, warnings). Raises InputError for a map entry that
    names an unknown id or a missing field, for a domain with none of its indicators
    (mode indicators) and for any missing domain field (mode domains).
    """
    available = list(available)
    field_map = dict(field_map or {})
    if mode == FROM_INDICATORS:
        defaults = {i.id: i.field for i in spec.indicators}
        kind = Message("indicator")
    elif mode == FROM_DOMAINS:
        defaults = {d: d for d in spec.domain_ids}
        kind = Message("domain")
    else:
        raise ValueError("unknown mode {!r}".format(mode))
    resolved = {}
    for target_id, field_name in field_map.items():
        if target_id not in defaults:
            raise InputError("'Field map' (FIELD_MAP) names unknown {kind} id '{id}'. "
                             "Known ids: {known}.",
                             kind=kind, id=target_id, known=", ".join(defaults))
        found = find_field(str(field_name), available)
        if found is None:
            raise InputError("'Field map' (FIELD_MAP) maps '{id}' to field '{field}', which "
                             "the input does not have. {hint}", id=target_id, field=field_name,
                             hint=_hint(str(field_name), available))
        resolved[target_id] = found
    missing, cut = [], []
    for target_id, default in defaults.items():
        if target_id in resolved:
            continue
        names = [default] + ([domain_field(target_id)] if mode == FROM_DOMAINS else [])
        found = next((f for f in (find_field(n, available) for n in names) if f), None)
        if found is None:        # a Shapefile keeps 10 characters: mdi_inkome(n)
            taken = list(resolved.values())
            found = next((f for f in (find_shortened(n, available, taken) for n in names)
                          if f), None)
            if found is not None:
                cut.append("{} = {}".format(found, names[-1]))
        if found is None:
            missing.append((target_id, default))
        else:
            resolved[target_id] = found
    warnings = [Message("Fields with names cut to 10 characters (as a Shapefile stores "
                        "them) are read as the spec's fields: {fields}.",
                        {"fields": ", ".join(cut)})] if cut else []
    if mode == FROM_DOMAINS and missing:
        target_id, default = missing[0]
        raise InputError("Domain score field '{field}' (or '{output}') of domain '{id}' is "
                         "missing from the input. {hint} Run Compute MDI first, map it with "
                         "'Field map' (FIELD_MAP) or rename the field.", field=default,
                         output=domain_field(target_id), id=target_id,
                         hint=_hint(default, available))
    if mode == FROM_INDICATORS:
        for domain in spec.domain_ids:
            indicators = spec.indicators_of(domain)
            if not any(i.id in resolved for i in indicators):
                fields = [defaults[i.id] for i in indicators]
                hints = sorted({s for f in fields for s in similar_names(f, available)})
                _domain_scores_in_indicator_mode(spec, available)
                raise InputError("Domain '{domain}' cannot be computed: the input has none "
                                 "of its indicator fields ({fields}). {hint} Map them with "
                                 "'Field map' (FIELD_MAP) or use a spec with your field "
                                 "names.", domain=domain, fields=", ".join(fields),
                                 hint=_similar(hints))
        for target_id, default in missing:
            warnings.append(Message("Indicator '{id}': field '{field}' is not in the input; "
                                    "its domain is scored from the other indicators. {hint}",
                                    {"id": target_id, "field": default,
                                     "hint": _hint(default, available)}))
    return resolved, warnings


def weighted_total(spec, domain_scores, rescale_weights=False):
    """MDI = sum of weight/100 * domain score; NaN where a weighted domain is missing.

    With ``rescale_weights`` each weight counts as its share of the weight total (so
    weights that add up to 99.9 behave as if they added up to 100). The share is taken
    before multiplying: weights as small as 5e-324 would underflow to 0 in weight / 100
    and make every MDI NULL (0 / 0).
    """
    total = None
    scale = spec.weight_sum if rescale_weights else 100.0
    for domain in spec.domains:
        scores = np.asarray(domain_scores[domain.id], dtype=float)
        part = scores * (domain.weight / scale)
        if domain.weight == 0:
            part = np.where(np.isnan(part), 0.0, part)
        total = part if total is None else total + part
    return total


def compute_from_indicators(spec, indicator_values, options=None, years=None):
    """Compute domain scores and the MDI from raw indicator columns.

    ``indicator_values``: {indicator id: float array, NaN = missing}; indicators of the
    spec that are absent count as missing for every row. ``years`` (float array) is
    required for per-year normalisation. Returns an MdiResult.
    """
    options = options or ComputeOptions()
    options.validate()
    options.check_weights(spec)
    n_rows = _row_count(indicator_values, years)
    if options.normalisation == PER_YEAR:
        _check_years(years, n_rows)
    if options.normalisation == FIXED:
        lacking = [i.id for i in spec.indicators if i.id in indicator_values
                   and (i.lower is None or i.upper is None)]
        if lacking:
            raise InputError("Normalisation with fixed bounds needs 'lower' and 'upper' in "
                             "the spec for every indicator; missing for: {ids}. Add them to "
                             "a copy of the spec or choose another normalisation.",
                             ids=", ".join(lacking))
    result = MdiResult(domain_scores={}, mdi=np.full(n_rows, np.nan))
    empty = _empty_domains(spec, indicator_values, n_rows)
    for indicator in spec.indicators:
        values = indicator_values.get(indicator.id)
        if values is None:
            continue
        values = np.asarray(values, dtype=float)
        if np.isnan(values).all() and indicator.domain not in empty:
            result.warnings.append(Message(
                "Indicator '{id}' (field '{field}') has no values at all; its domain is "
                "scored from the other indicators.",
                {"id": indicator.id, "field": indicator.field}))
        scores, clipped = normalise_indicator(indicator, values, options.normalisation,
                                              years, options.clip_percent)
        result.indicator_scores[indicator.id] = scores
        if clipped:
            result.clipped[indicator.id] = clipped
            result.warnings.append(Message(
                "Indicator '{id}': {count} value(s) lay outside the bounds {lower:g}-{upper:g} "
                "and were clipped.", {"id": indicator.id, "count": clipped,
                                      "lower": indicator.lower, "upper": indicator.upper}))
    for domain in empty:
        result.warnings.append(Message(
            "Domain '{domain}' has no values at all: its indicators ({fields}) are empty or "
            "missing in every row. Field {field} is NULL everywhere; the domain weighs 0, so "
            "the MDI is computed without it.",
            {"domain": domain, "fields": ", ".join(empty[domain]),
             "field": domain_field(domain)}))
    for domain in spec.domain_ids:
        indicators = spec.indicators_of(domain)
        result.domain_scores[domain] = domain_score(
            [result.indicator_scores.get(i.id) for i in indicators], n_rows,
            options.min_coverage)
    result.mdi = weighted_total(spec, result.domain_scores, options.rescale_weights)
    return result


def _empty_domains(spec, indicator_values, n_rows):
    """{domain: [its indicator fields]} of the domains of weight 0 without a single
    indicator value (absent or NULL in every row). Such a domain of positive weight is an
    InputError: no row would get an MDI."""
    if not n_rows:
        return {}
    empty = {}
    for domain in spec.domains:
        indicators = spec.indicators_of(domain.id)
        if any(indicator_values.get(i.id) is not None and
               not np.isnan(np.asarray(indicator_values[i.id], dtype=float)).all()
               for i in indicators):
            continue
        fields = [i.field for i in indicators]
        if domain.weight > 0:
            raise InputError("Domain '{domain}' cannot be computed: its indicator fields "
                             "({fields}) are empty (NULL) or missing in every row, so no row "
                             "would get an MDI. Fill in at least one of them, map other "
                             "fields with 'Field map' (FIELD_MAP), or use a spec without "
                             "this domain.",
                             domain=domain.id, fields=", ".join(fields))
        empty[domain.id] = fields
    return empty


def domain_score(indicator_scores, n_rows, min_coverage):
    """Mean of the available indicator scores of one domain per row.

    ``indicator_scores`` lists one array (or None when absent) per indicator of the
    domain; a row gets a score only when at least ``min_coverage`` of them are present.
    """
    present = [s for s in indicator_scores if s is not None]
    if not present:
        return np.full(n_rows, np.nan)
    stack = np.vstack(present)
    available = (~np.isnan(stack)).sum(axis=0)
    coverage = available / float(len(indicator_scores))
    sums = np.nansum(stack, axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        scores = sums / available
    ok = (available > 0) & (coverage >= min_coverage - 1e-9)
    return np.where(ok, scores, np.nan)


def compute_from_domains(spec, domain_values, options=None):
    """Compute the MDI total from existing 0-100 domain score columns."""
    options = options or ComputeOptions()
    options.validate()
    options.check_weights(spec)
    n_rows = _row_count(domain_values, None)
    missing = [d for d in spec.domain_ids if d not in domain_values]
    if missing:
        raise InputError("Domain score(s) {domains} are missing.", domains=", ".join(missing))
    result = MdiResult(domain_scores={d: np.asarray(domain_values[d], dtype=float)
                                      for d in spec.domain_ids},
                       mdi=np.full(n_rows, np.nan))
    for domain in spec.domains:
        if n_rows and domain.weight > 0 and np.isnan(result.domain_scores[domain.id]).all():
            raise InputError("Domain '{domain}': its score field is empty (NULL) in every "
                             "row, so no row would get an MDI. Fill it in (run Compute MDI "
                             "on the indicators first) or map another field with 'Field "
                             "map' (FIELD_MAP).",
                             domain=domain.id)
    for domain, scores in result.domain_scores.items():
        outside = int(np.count_nonzero((scores < 0) | (scores > 100)))
        if outside:
            result.warnings.append(Message(
                "Domain '{domain}': {count} score(s) lie outside 0-100; domain scores are "
                "expected on a 0-100 scale.", {"domain": domain, "count": outside}))
    result.mdi = weighted_total(spec, result.domain_scores, options.rescale_weights)
    return result


def _row_count(columns, years):
    lengths = {len(v) for v in columns.values() if v is not None}
    if years is not None:
        lengths.add(len(years))
    if len(lengths) > 1:
        raise ValueError("columns have different lengths: {}".format(sorted(lengths)))
    return lengths.pop() if lengths else 0


def _check_years(years: Optional[np.ndarray], n_rows):
    if years is None:
        raise InputError("Normalisation per year needs YEAR_FIELD: choose the field that "
                         "holds the year of each row.")
    missing = np.flatnonzero(np.isnan(years))
    if missing.size:
        raise InputError("Normalisation per year: {count} row(s) have no year (first: row "
                         "{row}). Fill in the year field or normalise over all rows.",
                         count=int(missing.size), row=int(missing[0]))
