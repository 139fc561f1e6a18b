"""The pipeline (compare → brief once, each text parsed once), the annotate JSON schema, the
``cluster`` command's work as a library function, and the one renderer (template files, one
stylesheet)."""

from __future__ import annotations

import json
from collections import Counter
from importlib import resources

import jsonschema
import pytest
from spacy.language import Language
from typer.testing import CliRunner

from storydiff.clean import clean_article
from storydiff.cli import app
from storydiff.cli.compare_cmd import example_files
from storydiff.ingest import read_articles

runner = CliRunner()


@pytest.fixture
def parsed(monkeypatch):
    """How many times each text went through a spaCy pipeline that has a parser (the brief's
    stand-alone sentence splitter has none and is not counted)."""
    seen: Counter[str] = Counter()
    real_pipe, real_call = Language.pipe, Language.__call__

    def note(nlp, text):
        if "parser" in nlp.pipe_names:
            seen[text if isinstance(text, str) else text.text] += 1

    def pipe(self, texts, *args, **kwargs):
        texts = list(texts)
        for text in texts:
            note(self, text)
        return real_pipe(self, texts, *args, **kwargs)

    def call(self, text, *args, **kwargs):
        note(self, text)
        return real_call(self, text, *args, **kwargs)

    monkeypatch.setattr(Language, "pipe", pipe)
    monkeypatch.setattr(Language, "__call__", call)
    from storydiff.annotate.nlp import load_nlp
    from storydiff.settings import default_settings

    nlp = load_nlp(default_settings().spacy_model)
    if "pipe" in vars(nlp):  # left on the shared pipeline by a test that patched it (monkeypatch restores by setattr)
        monkeypatch.setattr(nlp, "pipe", pipe.__get__(nlp))
    return seen


def _example_texts() -> list[str]:
    return [clean_article(a).text for a in read_articles(example_files()).articles]


@pytest.mark.parametrize("command", [["compare", "--brief", "--format", "md"], ["brief", "--format", "json"]])
def test_each_text_is_parsed_once(parsed, command):
    result = runner.invoke(app, [*command, *example_files()])
    assert result.exit_code == 0, result.output
    assert "Brief" in result.stdout or json.loads(result.stdout)["timeline"]
    texts = _example_texts()
    assert [parsed[t] for t in texts] == [1] * len(texts), "a text went through the parser more than once"


def test_the_brief_reuses_the_comparisons_dates_and_gives_the_same_timeline():
    from storydiff.brief import summarise
    from storydiff.pipeline import compare_story, timexes_of

    articles = [clean_article(a) for a in read_articles(example_files()).articles]
    run = compare_story(articles, brief=True)
    reused = timexes_of(run.comparison.articles, run.annotated)
    assert set(reused) == {a.id for a in run.comparison.articles}
    assert any(m.value.type == "DATE" for found in reused.values() for m in found)
    # the same brief as one that reads every date again from a new parse
    fresh = summarise(run.comparison.articles, findings=run.comparison.findings)
    assert run.brief.timeline == fresh.timeline and run.brief.summary == fresh.summary
    assert run.brief.timeline


def test_annotate_json_follows_its_schema(tmp_path):
    schema = json.loads((resources.files("storydiff") / "schema" / "annotate.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    result = runner.invoke(app, ["annotate", *example_files(), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    jsonschema.validate(data, schema)
    kinds = {m["kind"] for record in data for m in record["mentions"]}
    assert {"date", "quantity", "person"} <= kinds and any(record["quotes"] for record in data)
    one = runner.invoke(app, ["annotate", example_files()[0], "--format", "json", "--kinds", "quantity"])
    jsonschema.validate(json.loads(one.stdout), schema)
    # the schema is not a blank cheque: a span without its offsets, an unknown field are refused
    broken = json.loads(one.stdout)
    del broken["mentions"][0]["start"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**json.loads(one.stdout), "extra": 1}, schema)


def test_cluster_file_is_the_cluster_commands_work(tmp_path):
    from storydiff.feed import stage_settings
    from storydiff.pipeline import cluster_file
    from storydiff.settings import load_settings

    flood = ("Flood waters rose along the Marren river on Tuesday, forcing 2,000 residents of Eastbury "
             "to leave their homes as the regional council opened three shelters.")
    lines = [json.dumps({"id": "a", "title": "Marren river floods Eastbury", "text": flood,
                         "published": "2024-03-05"}),
             json.dumps({"id": "b", "title": "Eastbury evacuated as Marren floods", "text": flood,
                         "published": "2024-03-05"}),
             "{not json",
             json.dumps({"id": "c", "title": "Chess final drawn", "text": "The chess final in Lisbon ended in a "
                         "draw after six hours of play, the organisers said on Sunday evening.",
                         "published": "2024-03-03"})]
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    clustered = cluster_file(path, *stage_settings(load_settings()))
    assert clustered.ids == ["a", "b", "c"]
    assert clustered.stories[0] == clustered.stories[1] != clustered.stories[2]
    assert clustered.wire_groups[0] == clustered.wire_groups[1] and clustered.wire_groups[2] == "c"
    assert len(clustered.skipped) == 1 and f"{path}:3" in clustered.skipped[0]
    result = runner.invoke(app, ["cluster", str(path)])
    assert result.exit_code == 1  # a line was skipped, the rest written
    assert [json.loads(line) for line in result.stdout.splitlines()] == clustered.records()


def test_every_page_is_rendered_from_template_files_with_the_one_stylesheet():
    from storydiff.pipeline import compare_story
    from storydiff.render import render
    from storydiff.render.brief import render_brief
    from storydiff.render.jinja import STATIC, TEMPLATES, stylesheet

    assert sorted(p.name for p in STATIC.glob("*.css")) == ["storydiff.css"]
    assert {"report.html", "brief.html", "verify.html", "base.html", "story.html"} <= {
        p.name for p in TEMPLATES.glob("*.html")}
    articles = [clean_article(a) for a in read_articles(example_files()).articles]
    run = compare_story(articles, brief=True)
    report = render(run.comparison, "html", run.brief)
    brief = render_brief(run.brief, "html", run.comparison.articles)
    for page, css_class in ((report, "report"), (brief, "brief-page")):
        assert stylesheet() in page and f'class="{css_class}"' in page.replace("'", '"')
    # the report's own bits are in the stylesheet, not in Python strings
    assert ".report main" in stylesheet() and "mark.conflict" in stylesheet()
