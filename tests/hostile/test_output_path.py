"""Item 7 of issue 18: an ``--output`` in a folder that does not exist is refused before any
work is done, with a message naming it and exit 2 (it was a traceback after the comparison)."""

from __future__ import annotations

import pytest
from _io_fixtures import REPORT_A, REPORT_B, cli, write_reports


@pytest.mark.parametrize("command", ["compare", "brief", "verify", "annotate"])
def test_an_output_in_a_missing_folder_is_refused_before_the_work(tmp_path, command):
    a, b = write_reports(tmp_path, REPORT_A, REPORT_B)
    target = tmp_path / "missing" / "dir" / "out.json"
    inputs = [a] if command == "annotate" else [a, b]
    result = cli(command, *inputs, "-o", target)
    assert result.exit_code == 2, result.output
    assert f"--output {target}: the folder {str(target.parent)!r} does not exist" in result.stderr
    # refused before reading: nothing was compared, so no spaCy output and no file
    assert result.stdout == "" and not target.parent.exists()


def test_an_output_that_is_a_folder_is_refused(tmp_path):
    a, b = write_reports(tmp_path, REPORT_A, REPORT_B)
    result = cli("compare", a, b, "-o", tmp_path)
    assert result.exit_code == 2 and f"--output {tmp_path}: is a folder" in result.stderr
