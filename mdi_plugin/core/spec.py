"""The MDI method spec: domains, weights and indicators, loaded from a JSON file.

File format (see README, "Spec file format"):

    {
      "format": "mdi-spec", "format_version": 1,
      "id": "pon_telos_2024",
      "label": {"nl": "...", "en": "..."},
      "weight_total": 99.9,                      # optional check of the weight sum
      "domains": [{"id": "inkomen", "label": {"nl": "Inkomen", "en": "Income"},
                   "weight": 22.5}, ...],
      "indicators": [{"id": "arme_huishoudens", "domain": "inkomen",
                      "field": "arme_huishoudens", "direction": "higher_is_worse",
                      "label": {...}, "lower": 0, "upper": 40}, ...]
    }
"""

import json
import math
import re
from dataclasses import dataclass
from typing import Dict, Optional, Tuple

from ..paths import resource_path
from .errors import SpecError

HIGHER_IS_WORSE = "higher_is_worse"
HIGHER_IS_BETTER = "higher_is_better"
DIRECTIONS = (HIGHER_IS_WORSE, HIGHER_IS_BETTER)

_ID_PATTERN = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
#: Largest domain weight accepted (percent); far above any sensible weight, and low
#: enough that sums and weighted scores of them can never overflow.
MAX_WEIGHT = 1e6
#: "opendata": where mdi:downloadopendata finds an indicator (core/opendata.py); the
#: computation ignores it.
_TOP_KEYS = {"format", "format_version", "id", "label", "source", "weight_total",
             "domains", "indicators", "description", "opendata"}
_DOMAIN_KEYS = {"id", "label", "weight", "description"}
_INDICATOR_KEYS = {"id", "label", "domain", "field", "direction", "lower", "upper",
                   "description", "opendata"}
SUPPORTED_FORMAT_VERSION = 1


@dataclass(frozen=True)
class Domain:
    """A domain of deprivation with its weight in percent (22.5 means 0.225)."""

    id: str
    label_nl: str
    label_en: str
    weight: float


@dataclass(frozen=True)
class Indicator:
    """One indicator: where to read it and which way is worse."""

    id: str
    domain: str
    field: str
    direction: str
    label_nl: str
    label_en: str
    lower: Optional[float] = None
    upper: Optional[float] = None

    @property
    def higher_is_better(self):
        """True when a higher raw value means less deprivation."""
        return self.direction == HIGHER_IS_BETTER


@dataclass(frozen=True)
class MdiSpec:
    """A validated MDI definition."""

    id: str
    label_nl: str
    label_en: str
    domains: Tuple[Domain, ...]
    indicators: Tuple[Indicator, ...]
    source: str = ""
    #: Where the spec was read from (file path, or "spec" for a dictionary); for messages.
    origin: str = ""

    @property
    def weight_sum(self):
        """Sum of the domain weights, in percent (99.9 for the report)."""
        return math.fsum(d.weight for d in self.domains)

    @property
    def domain_ids(self):
        """Domain ids in spec order."""
        return tuple(d.id for d in self.domains)

    def indicators_of(self, domain_id):
        """The indicators of one domain, in spec order."""
        return tuple(i for i in self.indicators if i.domain == domain_id)


def default_spec_path():
    """Path of the bundled spec of the 2024 Het PON & Telos report."""
    return resource_path("specs", "pon_telos_2024.json")


def load_spec(path=None):
    """Load and validate a spec file; ``None`` loads the bundled report spec."""
    path = path or default_spec_path()
    try:
        with open(path, encoding="utf-8-sig") as handle:
            text = handle.read()
    except OSError as err:
        raise SpecError("Cannot read spec file '{path}': {reason}",
                        path=path, reason=err.strerror or str(err)) from err
    except UnicodeDecodeError as err:
        raise SpecError("Spec file '{path}' is not UTF-8 text.", path=path) from err
    try:
        data = json.loads(text)
    except ValueError as err:
        raise SpecError("Spec file '{path}' is not valid JSON: {reason}",
                        path=path, reason=str(err)) from err
    except RecursionError:
        raise SpecError("Spec file '{path}' is nested too deeply to be a spec: a spec has "
                        "'domains' and 'indicators' lists of objects.", path=path) from None
    return spec_from_dict(data, source=path)


def spec_from_dict(data, source="spec"):
    """Validate a spec given as a dictionary (parsed JSON) and return an MdiSpec."""
    if not isinstance(data, dict):
        raise SpecError("{source}: the spec must be a JSON object with 'domains' and "
                        "'indicators'.", source=source)
    _check_keys(data, _TOP_KEYS, "{}".format(source), source)
    version = data.get("format_version", SUPPORTED_FORMAT_VERSION)
    if version != SUPPORTED_FORMAT_VERSION:
        raise SpecError("{source}: format_version {version} is not supported (expected "
                        "{expected}).", source=source, version=version,
                        expected=SUPPORTED_FORMAT_VERSION)
    domains = _parse_domains(data.get("domains"), source)
    indicators = _parse_indicators(data.get("indicators"), domains, source)
    spec_id = data.get("id", "spec")
    label_nl, label_en = _labels(data.get("label"), str(spec_id), source, "label")
    spec = MdiSpec(id=str(spec_id), label_nl=label_nl, label_en=label_en,
                   domains=tuple(domains.values()), indicators=tuple(indicators),
                   source=str(data.get("source", "")), origin=str(source))
    _check_weight_total(spec, data.get("weight_total"), source)
    return spec


def _check_keys(obj, allowed, where, source):
    unknown = sorted(set(obj) - allowed)
    if unknown:
        raise SpecError("{source}: unknown key(s) {keys} in {where}; allowed keys are "
                        "{allowed}.", source=source, keys=", ".join(unknown), where=where,
                        allowed=", ".join(sorted(allowed)))


def _labels(value, fallback, source, where):
    if value is None:
        return fallback, fallback
    if isinstance(value, str):
        return value, value
    if isinstance(value, dict) and all(isinstance(v, str) for v in value.values()):
        nl = value.get("nl") or value.get("en") or fallback
        en = value.get("en") or value.get("nl") or fallback
        return nl, en
    raise SpecError("{source}: {where} must be a text or an object like "
                    "{{\"nl\": \"...\", \"en\": \"...\"}}.", source=source, where=where)


def _check_id(value, kind, position, source):
    if not isinstance(value, str) or not _ID_PATTERN.match(value):
        raise SpecError("{source}: {kind} number {position} has id {value!r}; an id must "
                        "start with a letter and contain only letters, digits and _.",
                        source=source, kind=kind, position=position, value=value)
    return value


def _number(value, what, source, allow_none=False):
    if value is None and allow_none:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) \
            or not math.isfinite(value):
        raise SpecError("{source}: {what} must be a finite number, not {value!r}.",
                        source=source, what=what, value=value)
    return float(value)


def _parse_domains(items, source) -> Dict[str, Domain]:
    if not isinstance(items, list) or not items:
        raise SpecError("{source}: 'domains' must be a non-empty list.", source=source)
    domains = {}
    seen_lower = {}
    for position, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            raise SpecError("{source}: domain number {position} must be an object.",
                            source=source, position=position)
        domain_id = _check_id(item.get("id"), "domain", position, source)
        _check_keys(item, _DOMAIN_KEYS, "domain '{}'".format(domain_id), source)
        if domain_id.lower() in seen_lower:
            raise SpecError("{source}: duplicate domain id '{id}' (ids are compared "
                            "without case, they become field names).",
                            source=source, id=domain_id)
        seen_lower[domain_id.lower()] = domain_id
        if "weight" not in item:
            raise SpecError("{source}: domain '{id}' has no 'weight'.",
                            source=source, id=domain_id)
        weight = _number(item["weight"], "the weight of domain '{}'".format(domain_id),
                         source)
        if weight > MAX_WEIGHT:
            raise SpecError("{source}: domain '{id}' has a weight of {weight}; weights are "
                            "percentages (22.5 for 22.5 %) and at most {limit}.",
                            source=source, id=domain_id, weight="{:g}".format(weight),
                            limit="{:g}".format(MAX_WEIGHT))
        if weight < 0:
            raise SpecError("{source}: domain '{id}' has a negative weight ({weight}); "
                            "weights must be 0 or more.", source=source, id=domain_id,
                            weight=weight)
        label_nl, label_en = _labels(item.get("label"), domain_id, source,
                                     "the label of domain '{}'".format(domain_id))
        domains[domain_id] = Domain(domain_id, label_nl, label_en, weight)
    if all(d.weight == 0 for d in domains.values()):
        raise SpecError("{source}: all domain weights are 0; at least one domain needs a "
                        "positive weight.", source=source)
    return domains


def _parse_indicators(items, domains, source):
    if not isinstance(items, list) or not items:
        raise SpecError("{source}: 'indicators' must be a non-empty list.", source=source)
    indicators = []
    seen = set()
    for position, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            raise SpecError("{source}: indicator number {position} must be an object.",
                            source=source, position=position)
        ind_id = _check_id(item.get("id"), "indicator", position, source)
        _check_keys(item, _INDICATOR_KEYS, "indicator '{}'".format(ind_id), source)
        if ind_id in seen:
            raise SpecError("{source}: duplicate indicator id '{id}'.", source=source,
                            id=ind_id)
        seen.add(ind_id)
        domain = item.get("domain")
        if domain is None:
            raise SpecError("{source}: indicator '{id}' has no 'domain'; give one of "
                            "{known}.", source=source, id=ind_id, known=", ".join(domains))
        if domain not in domains:
            raise SpecError("{source}: indicator '{id}' names unknown domain '{domain}'; "
                            "known domains are {known}.", source=source, id=ind_id,
                            domain=domain, known=", ".join(domains))
        direction = str(item.get("direction", "")).replace("-", "_").lower()
        if direction not in DIRECTIONS:
            raise SpecError("{source}: indicator '{id}' has direction {value!r}; use "
                            "'higher_is_worse' or 'higher_is_better'.", source=source,
                            id=ind_id, value=item.get("direction"))
        field = item.get("field", ind_id)
        if not isinstance(field, str) or not field.strip():
            raise SpecError("{source}: indicator '{id}' has an empty 'field'.",
                            source=source, id=ind_id)
        lower = _number(item.get("lower"), "'lower' of indicator '{}'".format(ind_id),
                        source, allow_none=True)
        upper = _number(item.get("upper"), "'upper' of indicator '{}'".format(ind_id),
                        source, allow_none=True)
        if lower is not None and upper is not None and not lower < upper:
            raise SpecError("{source}: indicator '{id}' has lower bound {lower} not below "
                            "its upper bound {upper}.", source=source, id=ind_id,
                            lower=lower, upper=upper)
        label_nl, label_en = _labels(item.get("label"), ind_id, source,
                                     "the label of indicator '{}'".format(ind_id))
        indicators.append(Indicator(ind_id, domain, field.strip(), direction, label_nl,
                                    label_en, lower, upper))
    empty = [d for d in domains if not any(i.domain == d for i in indicators)]
    if empty:
        raise SpecError("{source}: domain(s) {domains} have no indicators; add indicators "
                        "or remove the domain.", source=source, domains=", ".join(empty))
    return indicators


def _check_weight_total(spec, expected, source):
    if expected is None:
        return
    expected = _number(expected, "'weight_total'", source)
    if abs(spec.weight_sum - expected) > 1e-6:
        raise SpecError("{source}: the domain weights add up to {actual:g}, but "
                        "'weight_total' says {expected:g}.", source=source,
                        actual=spec.weight_sum, expected=expected)
