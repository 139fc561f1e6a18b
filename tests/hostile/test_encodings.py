"""Item 8 of issue 18: bytes that are not valid UTF-8. A UTF-8 file with a few bad bytes stays
UTF-8 (the bad bytes replaced and counted); a file with only lone high bytes is read as
Windows-1252; the user is told which, on stderr, in the JSON and on the web page."""

from __future__ import annotations

import json

from _io_fixtures import REPORT_B, cli, write_reports
from fastapi.testclient import TestClient

from storydiff.web import create_app

UTF8_WITH_BAD_BYTES = ("Pakistan’s council approves homes plan\n\n"
                       "Pakistan’s city council approved 120 new homes on Tuesday, said mayor Lena Ortiz. "
                       "The plan will cost 14 million dollars.\n").encode()
LATIN1 = ("Señor Núñez backs Millbrook homes\n\n"
          "Señor Núñez, the mayor, said the council approved 120 new homes on Tuesday.\n").encode("latin-1")


def _with_six_bad_bytes(raw: bytes) -> bytes:
    for position in [i for i, byte in enumerate(raw) if byte == 0x20][-6:]:  # the last six spaces
        raw = raw[:position] + b"\xff" + raw[position + 1:]
    return raw


def _texts(result) -> dict[str, str]:
    return {a["source"]: (a["title"] or "") + "\n" + a["text"] for a in json.loads(result.stdout)["articles"]}


def test_a_utf8_file_with_six_bad_bytes_stays_utf8_and_the_count_is_reported(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(_with_six_bad_bytes(UTF8_WITH_BAD_BYTES))
    [other] = write_reports(tmp_path, REPORT_B)
    result = cli("compare", bad, other, "--format", "json")
    assert result.exit_code == 0, result.output
    text = _texts(result)[str(bad)]
    assert text.count("Pakistan’s") == 2 and text.count("\ufffd") == 6
    assert f"[warning] {bad}: 6 byte(s) are not valid UTF-8" in result.stderr
    warnings = json.loads(result.stdout)["warnings"]
    assert any(w["source"] == str(bad) and "6 byte(s)" in w["message"] for w in warnings)


def test_a_latin1_file_is_read_as_windows_1252_and_the_guess_reported(tmp_path):
    latin = tmp_path / "latin.txt"
    latin.write_bytes(LATIN1)
    [other] = write_reports(tmp_path, REPORT_B)
    result = cli("compare", latin, other, "--format", "json")
    assert result.exit_code == 0, result.output
    assert "Señor Núñez, the mayor" in _texts(result)[str(latin)]
    assert f"[warning] {latin}: not UTF-8: read as Windows-1252" in result.stderr


def test_the_web_page_shows_the_encoding_warning():
    client = TestClient(create_app("unused.db"))
    files = [("files", ("latin.txt", LATIN1)), ("files", ("other.txt", REPORT_B.encode()))]
    page = client.post("/compare", files=files)
    assert page.status_code == 200
    assert "Señor Núñez" in page.text and "latin.txt: not UTF-8: read as Windows-1252" in page.text
