"""The unit reader (reference.units) and a comparison load without what they do not use:
scikit-learn (quantulum3's switched-off classifier; 0.95 CPU s with scipy.stats) and
typeguard (inflect's type checks), benchmarks/results/cold_start.md."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src"


def _run(code: str) -> dict:
    env = dict(os.environ, PYTHONPATH=str(SRC))
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_unit_reader_loads_without_scikit_learn_or_typeguard() -> None:
    found = _run(
        "import json, sys\n"
        "from storydiff.reference.units import quantulum_parser\n"
        "quantity = quantulum_parser().parse('a 40 km road')[0]\n"
        "import inflect\n"
        "print(json.dumps({'unit': quantity.unit.name, 'value': quantity.value,\n"
        "    'plural': inflect.engine().plural('tonne'),\n"
        "    'loaded': sorted(m for m in ('sklearn', 'scipy.stats', 'typeguard', 'joblib') if m in sys.modules)}))\n")
    assert found == {"unit": "kilometre", "value": 40.0, "plural": "tonnes", "loaded": []}


def test_a_comparison_imports_no_scikit_learn() -> None:
    found = _run(
        "import json, sys\n"
        "from storydiff.cli.compare_cmd import example_files\n"
        "from storydiff import compare_paths\n"
        "comparison = compare_paths([str(p) for p in example_files()[:2]])\n"
        "print(json.dumps({'statements': sum(f.kind == 'statement' for f in comparison.findings),\n"
        "    'loaded': sorted(m for m in ('sklearn', 'scipy.stats') if m in sys.modules)}))\n")
    # statements are grouped by SciPy's own complete linkage (scipy.cluster, 0.4 CPU s), not by
    # scikit-learn, whose import pulls in scipy.stats (0.95 CPU s; benchmarks/results/cold_start.md)
    assert found["statements"] > 0 and found["loaded"] == []
