"""The package's shape (issue 19): no module over 600 lines, so each stays one idea a newcomer
can read; the import layers themselves are import-linter's contracts in pyproject.toml."""

from __future__ import annotations

from pathlib import Path

import storydiff

LIMIT = 600


def test_no_module_is_over_600_lines():
    root = Path(storydiff.__file__).parent
    sizes = {path.relative_to(root).as_posix(): len(path.read_text(encoding="utf-8").splitlines())
             for path in root.rglob("*.py")}
    assert sizes, "the package's modules are found"
    too_long = {name: lines for name, lines in sizes.items() if lines > LIMIT}
    assert not too_long, f"modules over {LIMIT} lines: {too_long}"
