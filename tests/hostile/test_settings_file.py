"""A settings file that is not what storydiff expects (found by fuzzing it) is refused by every
command with exit 2 and a message naming the file, never a traceback."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from storydiff.cli import app

runner = CliRunner()
BAD = {"storydiff-not-a-table.toml": "storydiff = 1\n", "broken.toml": "[storydiff\nthreshold =\n",
       "wrong-type.toml": "[storydiff]\nlock_timeout = \"soon\"\n"}


@pytest.mark.parametrize("name", sorted(BAD))
@pytest.mark.parametrize("command", ["compare", "brief", "verify", "ingest", "cluster", "stories", "annotate"])
def test_every_command_refuses_a_bad_settings_file_by_name(tmp_path, name, command):
    config = tmp_path / name
    config.write_text(BAD[name], encoding="utf-8")
    one, two = tmp_path / "one.txt", tmp_path / "two.txt"
    one.write_text("Flood waters rose in Tarnow on Monday, officials said.", encoding="utf-8")
    two.write_text("The river at Tarnow flooded on Monday.", encoding="utf-8")
    args = {"compare": ["compare", str(one), str(two), "--config", str(config)],
            "brief": ["brief", str(one), "--config", str(config)],
            "verify": ["verify", str(one), str(two), "--config", str(config)],
            "ingest": ["ingest", str(one), "--db", str(tmp_path / "s.db"), "--config", str(config)],
            "cluster": ["cluster", str(one), "--config", str(config)],
            "stories": ["stories"], "annotate": ["annotate", str(one)]}[command]
    result = runner.invoke(app, args, env={"STORYDIFF_CONFIG": str(config)})
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit), result.exception
    assert name in result.output
    assert not (tmp_path / "s.db").exists()
