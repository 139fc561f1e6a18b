"""Reference data: one definition of calendar and number words, and prepared caches that give
exactly what the packages give."""

from __future__ import annotations

import datetime
import sqlite3
import warnings
from pathlib import Path

import pytest

from storydiff.reference import calendar, numbers
from storydiff.reference.cache import cached_file
from storydiff.reference.progress import loading


def test_calendar_words_match_the_calendar() -> None:
    for number, name in enumerate(calendar.MONTH_NAMES, 1):
        assert datetime.date(2021, number, 1).strftime("%B").lower() == name
        assert calendar.month_number(name.capitalize()) == number
        assert calendar.month_number(name[:3] + ".") == number
    assert calendar.month_number("Sept.") == 9 and calendar.month_number("Friday") is None
    for index, name in enumerate(calendar.WEEKDAY_NAMES):
        assert datetime.date(2021, 3, 1 + index).strftime("%A").lower() == name  # 2021-03-01 was a Monday
    assert all(calendar.WEEKDAY_NAMES[day].startswith(short) for short, day in calendar.WEEKDAY_ABBREVIATIONS.items())


def test_number_words() -> None:
    assert [numbers.UNITS[w] for w in ("zero", "seven", "nineteen")] == [0, 7, 19]
    assert sorted(numbers.UNITS.values()) == list(range(20))
    assert sorted(numbers.TENS.values()) == list(range(20, 100, 10))
    assert numbers.SCALES["million"] == 1e6


def test_the_readers_take_their_words_from_reference() -> None:
    from storydiff import dating, loose_dates
    from storydiff.annotate import quantities, temporal

    assert temporal._MONTHS == calendar.MONTHS
    assert list(temporal._WEEKDAYS) == list(calendar.WEEKDAY_NAMES)
    assert quantities._UNITS_WORDS == numbers.UNITS and quantities._TENS_WORDS == numbers.TENS
    assert dating.MONTHS == {**calendar.MONTHS, "may": 5}
    assert loose_dates.loose_date("Posted Sept. 3rd, 2013 2:00pm") == datetime.date(2013, 9, 3)


def test_a_cache_file_is_built_once_and_keyed_by_versions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STORYDIFF_CACHE_DIR", str(tmp_path))
    built: list[Path] = []

    def build(path: Path) -> None:
        built.append(path)
        path.write_text("data")

    first = cached_file("thing", ("nltk",), ".txt", build)
    again = cached_file("thing", ("nltk",), ".txt", build)
    assert first == again and first is not None and first.read_text() == "data"
    assert len(built) == 1 and "nltk" in first.name
    assert [p.name for p in tmp_path.iterdir()] == [first.name]  # no temporary file left


def test_a_failed_build_leaves_no_cache_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STORYDIFF_CACHE_DIR", str(tmp_path))

    def broken(path: Path) -> None:
        path.write_text("half")
        raise RuntimeError("interrupted")

    with pytest.raises(RuntimeError):
        cached_file("thing", (), ".txt", broken)
    assert list(tmp_path.iterdir()) == []


def test_an_unwritable_cache_directory_means_no_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a-file").write_text("")  # a directory cannot be made inside a file, even by root
    monkeypatch.setenv("STORYDIFF_CACHE_DIR", str(tmp_path / "a-file" / "cache"))
    assert cached_file("thing", (), ".txt", lambda path: path.write_text("x")) is None


def test_the_wordnet_index_is_the_one_nltk_builds() -> None:
    from nltk.corpus.reader.wordnet import WordNetCorpusReader

    from storydiff.reference.wordnet import read_index, root

    class Plain(WordNetCorpusReader):
        def map_wn(self, version: str = "wordnet") -> None:
            return None

    import nltk

    if str(root()) not in nltk.data.path:
        nltk.data.path.append(str(root()))  # NLTK reads only from directories on its data path
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # "multilingual functions are not available"
        plain = Plain(str(root()), None)._lemma_pos_offset_map
    ours = read_index(root())
    assert list(ours) == list(plain)
    assert all(list(ours[lemma].items()) == list(plain[lemma].items()) for lemma in plain)


def test_wordnet_reads_its_index_from_the_cache() -> None:
    from storydiff.reference.wordnet import LemmaIndex, wordnet

    reader = wordnet()
    assert isinstance(reader._lemma_pos_offset_map, LemmaIndex)
    assert [s.name() for s in reader.synsets("geese", pos="n")][:1] == ["goose.n.01"]  # through morphy
    assert "radiant" in reader._lemma_pos_offset_map and "zzyzx" not in reader._lemma_pos_offset_map
    assert reader._lemma_pos_offset_map["zzyzx"] == {}  # as NLTK's defaultdict reads a missing lemma


def test_the_prepared_gazetteer_is_the_one_built_from_the_packages(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from storydiff.reference import gazetteer as module

    built = module._load_gazetteer()
    monkeypatch.setenv("STORYDIFF_CACHE_DIR", str(tmp_path))
    path = cached_file("gazetteer-test", (), ".sqlite3", module._build)
    assert path is not None
    store = module._Store(path)
    prepared = store.gazetteer()
    for book in ("countries", "regions", "cities"):
        theirs, ours = getattr(built, book), getattr(prepared, book)
        assert len(ours) == len(theirs) and list(ours)[:50] == list(theirs)[:50]
        assert all(ours[key] == theirs[key] for key in list(theirs)[::97])
    assert prepared.country_stems == built.country_stems and prepared.region_names == built.region_names
    assert prepared.region_of_admin1 == built.region_of_admin1
    assert prepared.cities.get("no such town") is None and "karachi" in prepared.cities
    # plain tables of text and numbers: nothing in the file is unpickled or run
    tables = {row[0] for row in sqlite3.connect(path).execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert tables == {"place", "entry", "extra"}


def test_progress_is_silent_when_stderr_is_not_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    with loading("something slow"):
        pass
    assert capsys.readouterr().err == ""
