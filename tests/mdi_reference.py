"""An independent, deliberately plain implementation of the MDI method, for tests only.

It follows the method document directly (loops, no code shared with mdi_plugin.core):
pooled min-max per indicator over the non-missing values, reversed where higher is
better, domain score = mean of the present indicators when at least ``min_coverage`` of
them are present, MDI = sum of weight/100 * domain score, NaN when a domain is missing.
"""

import math

import numpy as np


def reference_mdi(spec, raw, min_coverage=0.5):
    """MDI per row from {indicator id: sequence of floats (NaN = missing)}."""
    n_rows = len(next(iter(raw.values())))
    scores = {}
    for indicator in spec.indicators:
        column = [float(v) for v in raw[indicator.id]]
        valid = [v for v in column if not math.isnan(v)]
        low, high = min(valid), max(valid)
        out = []
        for value in column:
            if math.isnan(value):
                out.append(math.nan)
                continue
            scaled = 100.0 * (value - low) / (high - low)
            out.append(100.0 - scaled if indicator.higher_is_better else scaled)
        scores[indicator.id] = out
    totals = []
    for row in range(n_rows):
        total = 0.0
        for domain in spec.domains:
            members = [scores[i.id][row] for i in spec.indicators if i.domain == domain.id]
            present = [s for s in members if not math.isnan(s)]
            if not present or len(present) / len(members) < min_coverage:
                total = math.nan
                break
            total += domain.weight / 100.0 * sum(present) / len(present)
        totals.append(total)
    return np.array(totals)
