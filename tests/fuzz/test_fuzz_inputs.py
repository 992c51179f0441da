"""A bounded fuzz run over random bytes in the JSON and CSV inputs.

Mutations (byte flips, inserts, deletes, truncation, splices and tokens such as ';', '"',
BOMs, CBS codes, 1e308, NaN) of the bundled spec and of a Dutch Excel CSV go through the
spec loader and through mdi:computemdi. The only acceptable outcomes are a result (with
scores in 0-100) or a clear error (SpecError / QgsProcessingException); anything else, or
a crash, fails and the input that caused it is saved under the test's tmp folder.

Budget: MDI_FUZZ_SECONDS (default 20, split 40/60 between JSON and CSV), seed MDI_FUZZ_SEED
(default 2024). Run it longer, e.g. ten minutes:

    MDI_FUZZ_SECONDS=600 make test PYTEST_ARGS="tests/fuzz/test_fuzz_inputs.py"
"""

import json
import math
import os
import random
import time

import pytest
from qgis import processing
from qgis.core import QgsProcessingException

from mdi_plugin.core.errors import SpecError
from mdi_plugin.core.spec import default_spec_path, load_spec, spec_from_dict
from mdi_safety_helpers import column

BUDGET = float(os.environ.get("MDI_FUZZ_SECONDS", "20"))
SEED = int(os.environ.get("MDI_FUZZ_SEED", "2024"))
SPEC = load_spec()
TOKENS = [b";", b",", b'"', b"'", b"\r\n", b"\n", b"\r", b"\t", b".", b"-", b"x", b"NaN",
          b"inf", b"-inf", b"1e308", b"-1e308", b"-99999999", b"-99997", b"\xef\xbb\xbf",
          b"\x00", b"\xff\xfe", b"\xe2\x80\xaf", b"\xfa", b"\xe2", b"{", b"}", b"[", b"]",
          b":", b"null", b"true", b"false", b"0", b"-1", b"1,234.5", b"1.234,5",
          b'"weight"', b'"domain"', b'"id"', b'"indicators"', b'"direction"',
          b'"higher_is_better"', b'"lower"', b'"upper"', b"1e400", b"99999999999999999999"]


def mutate(data, rng):
    """A random mutation of ``data`` (bytes)."""
    data = bytearray(data)
    for _ in range(rng.randint(1, 6)):
        operation = rng.randrange(8)
        position = rng.randrange(len(data) + 1)
        if operation == 0 and data:
            data[min(position, len(data) - 1)] = rng.randrange(256)
        elif operation == 1:
            data[position:position] = bytes(rng.randrange(256)
                                            for _ in range(rng.randint(1, 8)))
        elif operation == 2:
            del data[position:position + rng.randint(1, 32)]
        elif operation == 3 and rng.random() < 0.3:
            del data[position:]
        elif operation in (4, 5):
            data[position:position] = rng.choice(TOKENS)
        elif operation == 6 and data:
            start = rng.randrange(len(data))
            data[position:position] = data[start:start + rng.randint(1, 64)]
        elif operation == 7 and rng.random() < 0.1:
            data = bytearray(rng.randrange(256) for _ in range(rng.randint(0, 200)))
    return bytes(data)


def random_json(rng, depth=0):
    """A random JSON value built from spec-like keys and values."""
    choice = rng.randrange(9 if depth < 4 else 5)
    if choice == 0:
        return rng.choice([None, True, False])
    if choice == 1:
        return rng.choice([0, -1, 22.5, 1e308, 99.9, 1, 2 ** 70])
    if choice == 2:
        return rng.choice(["", "inkomen", "higher_is_worse", "higher_is_better", "ÿ", "a b",
                           "Inkomen", "1x", "werk"])
    if choice in (3, 4):
        return rng.random()
    if choice in (5, 6):
        keys = ["id", "domain", "weight", "direction", "field", "lower", "upper", "label",
                "domains", "indicators", "weight_total", "format_version", "nl", "en"]
        return {rng.choice(keys): random_json(rng, depth + 1)
                for _ in range(rng.randint(0, 6))}
    return [random_json(rng, depth + 1) for _ in range(rng.randint(0, 5))]


def dutch_csv():
    """A small gemeenten table as Dutch Excel writes it (bytes)."""
    header = ["gemeentecode", "gemeentenaam", "jaar"] + [i.field for i in SPEC.indicators]
    lines = [";".join(header)]
    names = ["Súdwest-Fryslân", "'s-Gravenhage", '"Bergen (L.)"', "Utrecht"]
    for row in range(6):
        values = ["{},{}".format(10 + (row * 7 + k * 3) % 80, (row + k) % 10)
                  for k in range(len(SPEC.indicators))]
        values[row % len(values)] = "."
        lines.append(";".join(["GM{:04d}".format(1900 + row), names[row % 4],
                               str(2019 + 4 * (row % 2))] + values))
    return b"\xef\xbb\xbf" + "\r\n".join(lines).encode("utf-8") + b"\r\n"


def keep(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_fuzz_spec_loader(tmp_path):
    """Random bytes and random JSON into the spec loader: a spec or a SpecError."""
    rng = random.Random(SEED)
    seed_bytes = open(default_spec_path(), "rb").read()
    deadline = time.monotonic() + BUDGET * 0.4
    runs = errors = 0
    path = tmp_path / "spec.json"
    while time.monotonic() < deadline:
        if rng.random() < 0.7:
            data = mutate(seed_bytes, rng)
            path.write_bytes(data)
            try:
                load_spec(str(path))
            except SpecError as err:
                errors += 1
                assert str(path) in str(err)
            except Exception as err:  # noqa: BLE001 - any other exception is a finding
                saved = keep(tmp_path, "failing_spec_{}.json".format(runs), data)
                pytest.fail("load_spec raised {!r} for {}".format(err, saved))
        else:
            value = random_json(rng)
            try:
                spec_from_dict(value, "fuzz")
            except SpecError:
                errors += 1
            except Exception as err:  # noqa: BLE001 - any other exception is a finding
                pytest.fail("spec_from_dict raised {!r} for {}".format(
                    err, json.dumps(value)[:500]))
        runs += 1
    assert runs > 50 and errors > 0
    print("spec fuzz: {} inputs, {} rejected with a SpecError".format(runs, errors))


def test_fuzz_csv_through_computemdi(mdi_provider, tmp_path):
    """Random bytes in a Dutch CSV through mdi:computemdi: a result or a clear error."""
    rng = random.Random(SEED + 1)
    seed_bytes = dutch_csv()
    deadline = time.monotonic() + BUDGET * 0.6
    runs = outcomes = errors = 0
    path = tmp_path / "gemeenten.csv"
    while time.monotonic() < deadline:
        data = mutate(seed_bytes, rng) if runs else seed_bytes
        path.write_bytes(data)
        parameters = {"INPUT": str(path), "OUTPUT": "memory:",
                      "NORMALISATION": rng.choice([0, 1, 3]),
                      "YEAR_FIELD": rng.choice(["jaar", ""])}
        try:
            result = processing.run("mdi:computemdi", parameters)
        except QgsProcessingException as err:
            errors += 1
            assert str(err).strip()
        except Exception as err:  # noqa: BLE001 - any other exception is a finding
            saved = keep(tmp_path, "failing_{}.csv".format(runs), data)
            pytest.fail("computemdi raised {!r} for {} ({})".format(err, saved, parameters))
        else:
            outcomes += 1
            mdi = [v for v in column(result["OUTPUT"], "mdi") if v is not None]
            if not all(0 <= v <= SPEC.weight_sum + 1e-9 and not math.isnan(v) for v in mdi):
                saved = keep(tmp_path, "failing_{}.csv".format(runs), data)
                pytest.fail("MDI outside 0-{} for {}".format(SPEC.weight_sum, saved))
        runs += 1
    assert runs > 20 and outcomes > 0 and errors > 0
    print("csv fuzz: {} inputs, {} computed, {} clear errors".format(runs, outcomes, errors))
