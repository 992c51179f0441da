"""Joining Regiokompas (brede welvaart) theme scores onto gemeenten, with quartile counts.

Rules (documented in the README and the algorithm help):

* Gemeente codes match in any CBS form (``GM0363``, ``gm363``, ``363``, ``0363``, 363):
  both sides are normalised with :func:`codes.normalise_code` (prefix ``GM``).
* A Regiokompas row whose key is not a gemeente code (empty, ``Nederland``, ``PV20``) is
  left out everywhere (not joined, not in the percentiles) and reported; a gemeente that
  occurs twice in the Regiokompas table is an error naming the code.
* Themes: by default every field but the key whose values are all numbers, numeric text
  (decimal point or comma) or missing (see :mod:`values`), with at least one value; fields
  named like a feature id or year (``fid``, ``id``, ``jaar``, ...) are left out.
* Quartile boundaries per theme: the 25th and 75th percentile of the theme's non-NULL
  values over ALL gemeenten in the Regiokompas table (matched or not), by linear
  interpolation between the sorted values (numpy's default, Hyndman & Fan type 7, the
  same as Excel's PERCENTILE.INC / PERCENTIEL.INC).
* Top quartile: value >= the 75th percentile; bottom quartile: value <= the 25th
  percentile (a value equal to a boundary counts). With ``higher_is_better`` false the
  roles swap (top: <= 25th, bottom: >= 75th). NULL values count in neither.
* ``bw_aantal_top`` / ``bw_aantal_onder``: per gemeente, the number of themes in the top /
  bottom quartile. Input rows without a match get NULL themes and NULL counts; every row
  of a gemeente (several years in a long table) gets the same values.
"""

from dataclasses import dataclass, field
from typing import Dict, List, Optional

import numpy as np

from .codes import normalise_code
from .compute import Message
from .errors import InputError
from .values import parse_numeric_column

#: Key field names looked for (case-insensitive, in this order) when none is chosen.
KEY_CANDIDATES = ("gemeentecode", "statcode", "code")
#: Names of the two count fields the join adds.
TOP_FIELD = "bw_aantal_top"
BOTTOM_FIELD = "bw_aantal_onder"
#: Prefix of a theme whose name is already taken by an input field.
COLLISION_PREFIX = "rk_"
#: Numeric fields that are never default themes (feature ids, years); any case.
NOT_THEMES = ("fid", "ogc_fid", "objectid", "id", "jaar", "year", "perioden")
#: How many codes a log line lists before "and N more".
LIST_CAP = 20


def default_key_field(names, table, parameter):
    """The first field of ``names`` called gemeentecode, statcode or code (any case).

    ``table`` and ``parameter`` name the table and the parameter to set in the error.
    """
    lowered = {}
    for name in names:
        lowered.setdefault(name.lower(), name)
    for candidate in KEY_CANDIDATES:
        if candidate in lowered:
            return lowered[candidate]
    raise InputError("No gemeente code field in {table} (none of {candidates}; fields: "
                     "{fields}). Choose the code field with {parameter}.",
                     table=table, candidates=", ".join(KEY_CANDIDATES),
                     fields=", ".join(names) or "none", parameter=parameter)


def default_theme_fields(columns, key):
    """The default themes: every column but ``key`` and the :data:`NOT_THEMES` names (feature
    ids, years) that parses as numbers and has at least one value.

    ``columns``: {field name: raw values}, in field order. Returns (names, messages); the
    messages name the numeric-looking fields left out.
    """
    names = []
    empty = []
    skipped = []
    for name, values in columns.items():
        if name == key:
            continue
        if name.lower() in NOT_THEMES:
            skipped.append(name)
            continue
        try:
            parsed = parse_numeric_column(values, name)
        except InputError:
            continue
        if np.isnan(parsed).all():
            empty.append(name)
        else:
            names.append(name)
    messages = []
    if skipped:
        messages.append(Message("Field(s) {fields} (feature id or year) are not used as themes; "
                                "choose them in THEME_FIELDS to include them.",
                                {"fields": ", ".join(skipped)}))
    if empty:
        messages.append(Message("Regiokompas field(s) {fields} have no values and are not "
                                "used as themes.", {"fields": ", ".join(empty)}))
    if not names:
        raise InputError("The Regiokompas table has no numeric theme fields besides the key "
                         "'{key}' (fields: {fields}). Check the table, or choose the theme "
                         "fields with THEME_FIELDS.",
                         key=key, fields=", ".join(columns) or "none")
    return names, messages


@dataclass
class RegiokompasTable:
    """The usable rows of a Regiokompas table: one gemeente code and theme values each."""

    codes: List[str]
    themes: Dict[str, np.ndarray]
    #: (feature id, raw key) of the rows left out because their key is no gemeente code.
    invalid_rows: List[tuple] = field(default_factory=list)
    warnings: List[Message] = field(default_factory=list)

    @property
    def theme_names(self):
        """Theme field names, in table order."""
        return list(self.themes)


def prepare_table(raw_keys, columns, key, theme_names=None, feature_ids=None):
    """Validate and parse a Regiokompas table.

    ``raw_keys``: the key values, one per row; ``columns``: {field: raw values} holding at
    least the themes; ``theme_names``: the themes to use (None: :func:`default_theme_fields`).
    Raises InputError for a duplicated gemeente, a theme that is the key, an unknown theme
    field or a theme value that is not a number.
    """
    ids = list(feature_ids) if feature_ids is not None else list(range(len(raw_keys)))
    codes = []
    rows = []
    invalid = []
    first_row_of = {}
    for row, raw in enumerate(raw_keys):
        code = normalise_code(raw, "GM")
        if code is None:
            invalid.append((ids[row], raw))
            continue
        if code in first_row_of:
            first = first_row_of[code]
            raise InputError("The Regiokompas table has gemeente {code} more than once "
                             "(feature {first}: {first_value!r}, feature {second}: "
                             "{second_value!r}). Keep one row per gemeente.",
                             code=code, first=ids[first], first_value=raw_keys[first],
                             second=ids[row], second_value=raw)
        first_row_of[code] = row
        codes.append(code)
        rows.append(row)
    if not codes:
        raise InputError("The Regiokompas table has no rows with a gemeente code in key field "
                         "'{key}' (values like GM0363, 363 or 0363). Check the key field.",
                         key=key)
    valid_ids = [ids[r] for r in rows]
    kept = {name: [values[r] for r in rows] for name, values in columns.items()}
    warnings = []
    if theme_names is None:
        theme_names, warnings = default_theme_fields(kept, key)
    else:
        _check_theme_names(theme_names, kept, key)
    themes = {name: parse_numeric_column(kept[name], name, valid_ids) for name in theme_names}
    if invalid:
        warnings.append(Message(
            "{count} Regiokompas row(s) have no gemeente code in '{key}' and are left out "
            "(not joined, not in the quartiles): {rows}.",
            {"count": len(invalid), "key": key,
             "rows": capped_list(["feature {} ({!r})".format(i, v) for i, v in invalid])}))
    return RegiokompasTable(codes, themes, invalid, warnings)


def _check_theme_names(theme_names, columns, key):
    if not theme_names:
        raise InputError("No theme fields chosen: choose at least one in THEME_FIELDS, or "
                         "leave it empty to use all numeric fields.")
    for name in theme_names:
        if name == key:
            raise InputError("Theme field '{field}' is the Regiokompas key field; choose "
                             "theme fields other than the gemeente code.", field=name)
        if name not in columns:
            raise InputError("Theme field '{field}' is not in the Regiokompas table (fields: "
                             "{fields}).", field=name, fields=", ".join(columns))


def quartile_bounds(values):
    """(25th, 75th percentile) of the non-NaN values (linear interpolation), or None."""
    valid = np.asarray(values, dtype=float)
    valid = valid[~np.isnan(valid)]
    if valid.size == 0:
        return None
    low, high = np.percentile(valid, [25.0, 75.0])
    return float(low), float(high)


def quartile_counts(themes, higher_is_better=True):
    """Per row: the number of themes in the top and in the bottom quartile.

    ``themes``: {name: float array}, all of one length. Returns (top, bottom, bounds,
    messages): two int arrays, {name: (p25, p75) or None} and warnings for themes without
    values or without spread between the boundaries.
    """
    arrays = [np.asarray(v, dtype=float) for v in themes.values()]
    length = len(arrays[0]) if arrays else 0
    top = np.zeros(length, dtype=int)
    bottom = np.zeros(length, dtype=int)
    bounds = {}
    messages = []
    for name, values in zip(themes, arrays):
        bounds[name] = quartile_bounds(values)
        if bounds[name] is None:
            messages.append(Message("Theme '{theme}' has no values; it counts for no "
                                    "gemeente.", {"theme": name}))
            continue
        low, high = bounds[name]
        present = ~np.isnan(values)
        at_or_above = present & (np.where(present, values, high) >= high)
        at_or_below = present & (np.where(present, values, low) <= low)
        if higher_is_better:
            top += at_or_above
            bottom += at_or_below
        else:
            top += at_or_below
            bottom += at_or_above
        if low == high:
            messages.append(Message(
                "Theme '{theme}': the 25th and 75th percentile are equal ({value:g}), so "
                "gemeenten with exactly that value count in both the top and the bottom "
                "quartile.", {"theme": name, "value": low}))
    return top, bottom, bounds, messages


@dataclass
class JoinResult:
    """Theme values and quartile counts for every input row (NaN / None where unmatched)."""

    themes: Dict[str, np.ndarray]
    top: List[Optional[int]]
    bottom: List[Optional[int]]
    #: Regiokompas row of every input row, None where unmatched.
    match: List[Optional[int]]
    bounds: Dict[str, Optional[tuple]]
    #: Distinct unmatched input keys as shown to users (canonical code, or the raw value).
    unmatched_input_keys: List[str]
    #: Codes of Regiokompas gemeenten that no input row matched.
    unmatched_regiokompas_codes: List[str]
    #: Regiokompas rows without a gemeente code (also unmatched).
    invalid_regiokompas_rows: int
    warnings: List[Message] = field(default_factory=list)

    @property
    def n_matched(self):
        """Input rows that got Regiokompas values."""
        return sum(m is not None for m in self.match)

    @property
    def n_unmatched_input(self):
        """Input rows without a Regiokompas row."""
        return sum(m is None for m in self.match)

    @property
    def n_unmatched_regiokompas(self):
        """Regiokompas rows that joined no input row (including rows without a code)."""
        return len(self.unmatched_regiokompas_codes) + self.invalid_regiokompas_rows

    @property
    def n_matched_gemeenten(self):
        """Distinct Regiokompas gemeenten that matched at least one input row."""
        return len({m for m in self.match if m is not None})


def join(table, input_keys, higher_is_better=True):
    """Join a :class:`RegiokompasTable` onto input rows keyed by ``input_keys``."""
    top, bottom, bounds, messages = quartile_counts(table.themes, higher_is_better)
    row_of_code = {code: row for row, code in enumerate(table.codes)}
    match = []
    unmatched = []
    seen = set()
    for raw in input_keys:
        code = normalise_code(raw, "GM")
        row = row_of_code.get(code) if code is not None else None
        match.append(row)
        if row is None:
            shown = code if code is not None else ("NULL" if raw is None else repr(raw))
            if shown not in seen:
                seen.add(shown)
                unmatched.append(shown)
    rows = np.array([-1 if m is None else m for m in match], dtype=int)
    matched = rows >= 0
    themes = {}
    for name, values in table.themes.items():
        column = np.full(len(match), np.nan)
        column[matched] = values[rows[matched]]
        themes[name] = column
    used = set(m for m in match if m is not None)
    return JoinResult(
        themes=themes,
        top=[None if m is None else int(top[m]) for m in match],
        bottom=[None if m is None else int(bottom[m]) for m in match],
        match=match, bounds=bounds, unmatched_input_keys=unmatched,
        unmatched_regiokompas_codes=[c for r, c in enumerate(table.codes) if r not in used],
        invalid_regiokompas_rows=len(table.invalid_rows),
        warnings=list(table.warnings) + messages)


def theme_output_names(theme_names, input_names):
    """{theme: output field name}: the theme's own name, or ``rk_<name>`` (repeated as
    needed) where an input field or the count fields already use it (any case)."""
    reserved = {n.lower() for n in input_names} | {TOP_FIELD, BOTTOM_FIELD}
    taken = reserved | {n.lower() for n in theme_names}
    names = {}
    for theme in theme_names:
        name = theme
        if name.lower() in reserved:
            name = COLLISION_PREFIX + theme
            while name.lower() in taken:
                name = COLLISION_PREFIX + name
            taken.add(name.lower())
        names[theme] = name
    return names


def capped_list(items, cap=LIST_CAP):
    """``a, b, c`` or ``a, b, c and 7 more`` for long lists."""
    items = [str(i) for i in items]
    if len(items) <= cap:
        return ", ".join(items)
    return "{} and {} more".format(", ".join(items[:cap]), len(items) - cap)
