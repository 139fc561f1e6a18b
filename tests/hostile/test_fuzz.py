"""Fuzzing every reader, the settings file and ``compare`` with hostile generated input (see
``fuzz_targets.py``): no traceback, and every failure a message naming its input.

CI runs a small derandomized budget, so it never fails by chance, plus the inputs fuzzing has
found before (``regressions/<target>/``: each file one input that once broke a target).
The large run is ``benchmarks/fuzz.py``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fuzz_targets import TARGETS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

REGRESSIONS = Path(__file__).parent / "regressions"
BY_SLUG = {target.name.replace(" ", "-").replace(".", ""): target for target in TARGETS}
CI = dict(derandomize=True, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                 HealthCheck.function_scoped_fixture, HealthCheck.large_base_example])


@pytest.mark.parametrize("target", [t for t in TARGETS if t.name != "compare"], ids=lambda t: t.name)
@settings(max_examples=40, **CI)
@given(data=st.data())
def test_readers_and_settings_never_raise_and_name_the_input(target, data, tmp_path):
    target.check(data.draw(target.inputs), tmp_path)


@settings(max_examples=6, **CI)
@given(data=st.data())
def test_compare_never_raises_and_names_the_input(data, tmp_path):
    [target] = [t for t in TARGETS if t.name == "compare"]
    target.check(data.draw(target.inputs), tmp_path)


def _regressions():
    for folder in sorted(p for p in REGRESSIONS.iterdir() if p.is_dir()):
        for case in sorted(folder.iterdir()):
            yield pytest.param(folder.name, case, id=f"{folder.name}/{case.name}")


@pytest.mark.parametrize("slug, case", list(_regressions()))
def test_inputs_fuzzing_found_before(slug, case, tmp_path):
    target = BY_SLUG[slug]
    raw = case.read_bytes()
    value = [tuple(item) for item in json.loads(raw)] if slug == "compare" else raw
    target.check(value, tmp_path)
