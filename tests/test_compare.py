"""compare on the bundled example story: planted agreements, conflicts and look-alikes."""

from __future__ import annotations

import json
from importlib import resources

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storydiff.cli.compare_cmd import example_files
from storydiff.compare import compare_articles, compare_paths
from storydiff.errors import NotEnoughArticles
from storydiff.model import Article
from storydiff.render import render


@pytest.fixture(scope="module")
def example():
    return compare_paths(example_files())


def article(comparison, id_):
    return next(a for a in comparison.articles if a.id == id_)


def conflicts(comparison, kind=None):
    return [f for f in comparison.findings if f.type == "conflict" and (kind is None or f.kind == kind)]


def texts(finding):
    return sorted(e.text for e in finding.evidence)


def test_every_evidence_span_is_exact(example):
    for finding in example.findings:
        assert finding.evidence
        for e in finding.evidence:
            assert article(example, e.article).field(e.field)[e.start:e.end] == e.text


def test_metadata_from_each_format(example):
    ledger = article(example, "1-daily-ledger")
    assert ledger.dateline == "Porto Alegre"
    assert ledger.published_inferred and str(ledger.published) == "2025-03-10"
    assert any(r.reason == "teaser of other stories" for r in ledger.removed)
    assert "Record heat wave" not in ledger.text
    wire = article(example, "coastal-wire")
    assert wire.agency == "AP" and "(AP)" not in wire.text and "Share this" not in wire.text
    post = article(example, "4-evening-post")
    assert post.outlet == "The Evening Post" and str(post.published).startswith("2025-03-12")
    assert "Related stories" not in post.text and "Copyright" not in post.text


def test_planted_conflicts_are_found(example):
    numbers = [texts(f) for f in conflicts(example, "number")]
    assert ["300-metre", "450-metre"] in [sorted(t) for t in numbers] or any(
        "300" in " ".join(t) and "450" in " ".join(t) for t in numbers), numbers
    dates = conflicts(example, "date")
    assert any({e.value for e in f.evidence} == {"2024-06", "2024-08"} for f in dates), [texts(f) for f in dates]
    names = conflicts(example, "name")
    assert any(set(texts(f)) == {"Carla Bittencourt", "Carla Bitencourt"} or
               {"Bittencourt", "Bitencourt"} <= {w for t in texts(f) for w in t.split()} for f in names)


def test_toll_rising_between_reports_is_a_likely_update(example):
    updates = [f for f in conflicts(example, "number") if f.likely_update]
    assert any("17" in " ".join(texts(f)) for f in updates), [texts(f) for f in conflicts(example)]
    # "At least 12" killed on the first evening is the first tally of the same toll.
    assert any({"At least 12", "17"} <= set(texts(f)) for f in updates)
    for finding in updates:
        assert finding.published and len(finding.published) == 2


def test_compatible_differences_are_not_conflicts(example):
    flagged = " | ".join(" / ".join(texts(f)) for f in conflicts(example))
    # "two decades" and "over 20 years" (approximation), Porto Alegre and Rio Grande do Sul
    # (a city in its state) agree.
    assert "two decades" not in flagged and "20 years" not in flagged
    assert "Rio Grande do Sul" not in flagged
    # and they were read and matched: the three sentences that give the river's level are one
    # statement, said alike by three sources
    level = [f for f in example.findings if f.type == "agreement" and f.kind == "statement"
             and "two decades" in " ".join(texts(f))]
    assert any(len({e.article for e in f.evidence}) == 3 and any("20 years" in t for t in texts(f))
               for f in level), [texts(f) for f in level]


def test_agreements_and_unique_statements(example):
    agreements = [f for f in example.findings if f.type == "agreement"]
    assert any(len({e.article for e in f.evidence}) >= 3 for f in agreements)
    unique = [f for f in example.findings if f.type == "unique"]
    assert any("Local schools will stay closed" in f.evidence[0].text for f in unique)


def test_json_output_matches_the_published_schema(example):
    schema = json.loads((resources.files("storydiff") / "schema" / "compare.schema.json").read_text())
    data = json.loads(render(example, "json"))
    jsonschema.validate(data, schema)
    assert {f["type"] for f in data["findings"]} == {"agreement", "conflict", "unique"}


def test_html_report_is_self_contained_and_links_findings(example):
    page = render(example, "html")
    assert page.startswith("<!DOCTYPE html>") and "<script src" not in page and "<link" not in page
    for finding in example.findings[:5]:
        assert f'id="{finding.id}"' in page and f'id="{finding.id}-0"' in page
    assert 'class="conflict"' in page


def test_markdown_and_text(example):
    assert "## Conflicts" in render(example, "md")
    assert "Conflicts (" in render(example, "text")


def test_a_single_article_is_refused_with_a_message():
    with pytest.raises(NotEnoughArticles, match="at least two"):
        compare_articles([Article(id="only", text="One report.", original="One report.")])


def test_unrelated_numbers_in_paraphrased_sentences_do_not_conflict():
    a = Article(id="a", original="",
                text="The fire destroyed 30 homes. Firefighters said 200 people were evacuated on Tuesday.")
    b = Article(id="b", original="",
                text="About 200 residents were evacuated. The blaze destroyed 31 houses and a school.")
    comparison = compare_articles([a, b])
    assert not [f for f in conflicts(comparison) if "200" in " ".join(texts(f))]
    # the look-alike: the same count of the evacuated, given differently, conflicts
    evacuated = _pair("The fire destroyed 30 homes. Firefighters said 200 people were evacuated on Tuesday.",
                      "About 350 people were evacuated on Tuesday, firefighters said. The blaze destroyed 31 "
                      "houses and a school.")
    assert [texts(f) for f in conflicts(evacuated, "number")] == [["200", "About 350"]]


def _pair(text_a: str, text_b: str):
    a = Article(id="a", original="", text=text_a)
    b = Article(id="b", original="", text=text_b)
    return compare_articles([a, b])


def test_a_figure_and_its_rounding_agree_but_precise_figures_conflict():
    rounded = _pair("Official turnout in the referendum was 35.7 percent, the election commission said.",
                    "Official turnout in the referendum was 36 percent, the election commission said.")
    assert not conflicts(rounded)
    quake = _pair("The earthquake had a magnitude of 6.1, the geological survey said on Monday.",
                  "The earthquake had a magnitude of 6.0, the geological survey said on Monday.")
    assert [texts(f) for f in conflicts(quake, "number")] == [["6.0", "6.1"]]


def test_a_date_and_a_finer_date_agree_but_different_months_conflict():
    finer = _pair("The minister first visited the country in 1999, officials said.",
                  "The minister first visited the country in April 1999, officials said.")
    assert not conflicts(finer)
    months = _pair("The minister first visited the country in September 2021, officials said.",
                   "The minister first visited the country in April 2021, officials said.")
    assert [sorted(e.value for e in f.evidence) for f in conflicts(months, "date")] == [["2021-04", "2021-09"]]


def test_a_floor_and_a_different_tally_conflict_but_a_rounded_floor_agrees():
    tallies = _pair("The riots spread to six cities, leaving at least 70 people injured, police said.",
                    "Police said about 100 people have been injured in the riots across the country.")
    assert [texts(f) for f in conflicts(tallies, "number")] == [["about 100", "at least 70"]]
    rounded = _pair("More than 200 people were injured in the riots, police said.",
                    "Police said 212 people were injured in the riots.")
    assert not conflicts(rounded)


def test_two_orders_of_magnitude_for_the_one_count_conflict():
    files = _pair("Investigators obtained tens of thousands of files from the archive, the minister said.",
                  "The minister said agents seized hundreds of thousands of files in a night raid.")
    assert [texts(f) for f in conflicts(files, "number")] == [["hundreds of thousands", "tens of thousands"]]
    vague = _pair("Thousands of files were leaked, the minister said.",
                  "The minister said agents seized thousands of files.")
    assert not conflicts(vague)


def test_one_count_of_the_injured_among_other_counts_of_people():
    # Each report gives several counts of people, but only one of the injured.
    a = _pair("About 300 people marched on Saturday. Police said 40 people were injured and 12 people arrested.",
              "Some 300 people joined the march. Officials said 55 people were hurt. Police held 12 people overnight.")
    assert [texts(f) for f in conflicts(a, "number")] == [["40", "55"]]


def test_undated_reports_conflict_on_the_weekday_of_one_event_only():
    same_event = _pair("The House of Representatives voted on Wednesday to override the president's veto of the bill.",
                       "The House of Representatives voted on Thursday to override the president's veto of the bill.")
    assert [texts(f) for f in conflicts(same_event, "date")] == [["Thursday", "Wednesday"]]
    two_arrests = _pair("Police arrested the first suspect on Monday.",
                        "Police arrested a second man on Wednesday, officials said.")
    assert not conflicts(two_arrests)


SENTENCES = [
    "The ferry sank on Tuesday (4) near the port of Mombasa, officials said.",
    "At least 30 people died and about 120 were rescued, the coast guard said.",
    "Fifty-one passengers are still missing after the accident in March 2023.",
    "The vessel, built in 1998, carried 250 passengers and 12 crew.",
    "“We are doing everything we can,” said Amina Odhiambo, the regional governor.",
    "Rescue teams from Kenya and Tanzania searched the area overnight.",
    "The company that owned the Nyota Star said it would cooperate with investigators.",
    "Weather was calm, the meteorological office said, ruling out a storm.",
]


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=6),
       st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=6),
       st.sampled_from(["\n", " ", "\n\n"]),
       st.integers(min_value=1, max_value=400))
def test_any_mix_of_reports_gives_exact_evidence(first, second, joiner, number):
    """Whatever the reports say and however they are laid out, every evidence span is the
    text at its offsets."""
    text_a = joiner.join(first)
    text_b = joiner.join(second).replace("30", str(number))
    comparison = compare_articles([
        Article(id="a", original=text_a, text=text_a, title="Ferry sinks off Mombasa"),
        Article(id="b", original=text_b, text=text_b),
    ])
    by_id = {a.id: a for a in comparison.articles}
    for finding in comparison.findings:
        assert finding.type in ("agreement", "conflict", "unique")
        for e in finding.evidence:
            assert by_id[e.article].field(e.field)[e.start:e.end] == e.text


def test_a_conflict_can_sit_in_a_headline():
    headline_only = Article(id="a", original="", text="", title="Earthquake of magnitude 6.1 hits northern Chile")
    report = Article(id="b", original="", text="An earthquake of magnitude 6.0 hit northern Chile on Monday, "
                                               "the national seismology centre said.")
    comparison = compare_articles([headline_only, report])
    (finding,) = conflicts(comparison, "number")
    fields = {e.article: e.field for e in finding.evidence}
    assert fields == {"a": "title", "b": "text"}
    assert sorted(texts(finding)) == ["6.0", "6.1"]


def _dated_pair(text_a: str, published_a, text_b: str, published_b):
    a = Article(id="a", original="", text=text_a, published=published_a)
    b = Article(id="b", original="", text=text_b, published=published_b)
    return compare_articles([a, b])


def test_a_planned_day_in_an_elided_clause_conflicts_with_the_day_it_happened():
    from datetime import date

    # "followed by the Assembly on Thursday" elides the vote: the date is the Assembly's
    # vote, planned for Thursday, which the later report says happened on Wednesday.
    moved = _dated_pair(
        "The vote on the budget is expected to begin in the Senate on Wednesday, followed by the Assembly on Thursday.",
        date(2025, 3, 11),
        "The Assembly voted later on Wednesday to pass the budget, and the bill became law.",
        date(2025, 3, 13))
    (finding,) = conflicts(moved, "date")
    assert texts(finding) == ["Thursday", "Wednesday"] and finding.likely_update
    # A vote before the planning report was written is an earlier vote, which it knew of.
    earlier = _dated_pair(
        "The vote on the budget is expected to begin in the Senate on Wednesday, followed by the Assembly on Thursday.",
        date(2025, 3, 11),
        "The Assembly voted on March 3 to pass last year's budget.",
        date(2025, 3, 13))
    assert not conflicts(earlier, "date")
    # The Senate's day agrees: the House's day is not read into the Senate's clause.
    same_day = _dated_pair(
        "The vote on the budget is expected to begin in the Senate on Wednesday, followed by the Assembly on Thursday.",
        date(2025, 3, 11),
        "The Senate voted on Wednesday to pass the budget.",
        date(2025, 3, 13))
    assert not conflicts(same_day, "date")


def test_a_started_event_is_not_dated_by_its_start_without_an_expectation():
    from datetime import date

    # Talks that began on Monday may still be held on Tuesday.
    talks = _dated_pair("The talks began on Monday in Geneva, officials said.", date(2025, 3, 12),
                        "The talks were held on Tuesday in Geneva, officials said.", date(2025, 3, 12))
    assert not conflicts(talks, "date")
    # the look-alike: talks held on two different days conflict
    held = _dated_pair("The talks were held on Monday in Geneva, officials said.", date(2025, 3, 12),
                       "The talks were held on Tuesday in Geneva, officials said.", date(2025, 3, 12))
    assert [texts(f) for f in conflicts(held, "date")] == [["Monday", "Tuesday"]]


def test_a_report_giving_two_orders_of_magnitude_for_one_count_conflicts_on_the_odd_one():
    # The second report gives the first report's figure too, then another order of
    # magnitude for the same files: its odd figure contradicts the first report.
    files = _pair("Agents seized tens of thousands of secret files from the nuclear archive in a night raid, "
                  "the minister said.",
                  "Officials confirmed that tens of thousands of secret files seized from the nuclear archive "
                  "are authentic. In a night raid on the archive, the minister said, agents seized hundreds of "
                  "thousands of secret files.")
    assert [texts(f) for f in conflicts(files, "number")] == [["hundreds of thousands", "tens of thousands"]]
    # Two orders of magnitude of people in one report, for a march and a power cut, are
    # two counts; and counts of different events ("arrested") are never one count.
    people = _pair("Tens of thousands of people marched through the capital on Sunday.",
                   "Tens of thousands of people joined the march on Sunday. Hundreds of thousands of people "
                   "were left without power after the storm.")
    assert not conflicts(people)
    arrests = _pair("Thousands of people marched through the capital on Sunday.",
                    "Thousands of people joined the march through the capital on Sunday. Police said hundreds "
                    "of people were arrested during the march through the capital.")
    assert not conflicts(arrests)


def test_ages_conflict_only_for_one_named_person():
    # A story gives the ages of many people: unnamed, they are not one person's age.
    two_people = _pair("The 23-year-old striker will miss the team's final two games against Leeds with a knee injury.",
                       "The 81-year-old owner will miss the team's trip to Leeds, the club said.")
    assert not conflicts(two_people)
    one_person = _pair("The 23-year-old Tom Baxter will miss the team's final two games against Leeds "
                       "with a knee injury.",
                       "The 25-year-old Tom Baxter will miss the team's final two games against Leeds, the club said.")
    assert [texts(f) for f in conflicts(one_person, "number")] == [["23-year", "25-year"]]


def test_values_that_only_share_the_verb_be_do_not_conflict():
    from datetime import date

    # "was the second player ... in the last month" and "there were seven arrests in 2019"
    # share only "be", which names no event.
    arrests = _dated_pair("He was the second player of the club in the last month who was arrested "
                          "for drunken driving.",
                          date(2021, 3, 5),
                          "In 2019, there were seven arrests of players of the club for drunken driving.",
                          date(2021, 3, 5))
    assert not conflicts(arrests)
    # the look-alike: values attached to one event ("arrested") are compared and conflict
    arrested = _dated_pair("Police arrested the club's second player for drunken driving in 2019.", date(2021, 3, 5),
                           "Police arrested the club's second player for drunken driving in 2020.", date(2021, 3, 5))
    assert [texts(f) for f in conflicts(arrested, "date")] == [["2019", "2020"]]


def test_a_rate_and_a_total_do_not_conflict():
    rate = _pair("The Hawks have offered Dalton a seven-year deal worth $140 million, according to reports.",
                 "According to reports, the Hawks offered Dalton a seven-year deal worth roughly "
                 "$20 million per season.")
    assert not conflicts(rate)
    totals = _pair("The Hawks have offered Dalton a seven-year deal worth $140 million, according to reports.",
                   "According to reports, the Hawks offered Dalton a seven-year deal worth roughly $120 million.")
    assert [texts(f) for f in conflicts(totals, "number")] == [["$140 million", "roughly $120 million"]]


def test_an_increment_and_a_total_do_not_conflict():
    increment = _pair("Another 22 countries have joined the search for the missing ferry, officials said.",
                      "A total of 25 countries have joined the search for the missing ferry, officials said.")
    assert not conflicts(increment)
    # the look-alike: two totals of the same countries conflict
    totals = _pair("A total of 22 countries have joined the search for the missing ferry, officials said.",
                   "A total of 25 countries have joined the search for the missing ferry, officials said.")
    assert [texts(f) for f in conflicts(totals, "number")] == [["22", "25"]]


def test_a_scheduled_vote_and_a_vote_named_after_followed_by_are_dated_votes():
    from datetime import date

    done = ("The Assembly voted on Wednesday to pass the budget.", date(2025, 3, 13))
    scheduled = _dated_pair("The final vote on the budget is scheduled for Thursday in the Assembly.",
                            date(2025, 3, 11), *done)
    assert [texts(f) for f in conflicts(scheduled, "date")] == [["Thursday", "Wednesday"]]
    followed = _dated_pair("Debate on the budget is expected to begin in the Senate on Wednesday, followed by "
                           "a vote in the Assembly on Thursday.", date(2025, 3, 11), *done)
    assert [texts(f) for f in conflicts(followed, "date")] == [["Thursday", "Wednesday"]]


def test_two_dates_for_one_persons_first_act_conflict():
    # A start happens once: "began painting" and "painted his first landscape" for one
    # named person ("he" is the person last named), in two different years, although the
    # two sentences share few words.
    first = _pair("John Harper grew up in Leeds. He began painting in 1961 after he left the army.",
                  "The gallery remembered John Harper on Sunday. He painted his first landscape in 1958 "
                  "and later sold his work across Europe.")
    assert [texts(f) for f in conflicts(first, "date")] == [["1958", "1961"]]
    # One kind of act by WordNet ("model" and "pose" share the sense of sitting for a picture).
    posed = _pair("Ella Varga was born in Pecs. She began modeling in 1962 when she moved to Budapest.",
                  "Friends remembered Ella Varga this week. She posed for her first magazine cover in 1959, "
                  "a year before her marriage.")
    assert [texts(f) for f in conflicts(posed, "date")] == [["1959", "1962"]]
    # "She" is the person last named, not the city the small model takes for an
    # organisation ("Lyon").
    title = _pair("Lena Ortiz grew up in Lyon. She won her first title in 2001 at a small tournament.",
                  "Fans cheered Lena Ortiz on Sunday. She won her first title in 2004 in Paris.")
    assert [texts(f) for f in conflicts(title, "date")] == [["2001", "2004"]]


def test_firsts_of_different_people_or_acts_do_not_conflict():
    # Two people, or two kinds of act ("painting" is not "singing"), start in different years.
    people = _pair("John Harper grew up in Leeds. He began painting in 1961 after he left the army.",
                   "The gallery remembered Peter Brown on Sunday. He painted his first landscape in 1958 "
                   "and later sold his work across Europe.")
    assert not conflicts(people, "date")
    acts = _pair("John Harper grew up in Leeds. He began painting in 1961 after he left the army.",
                 "The gallery remembered John Harper on Sunday. He sang at his first concert in 1958 "
                 "and later sold his records across Europe.")
    assert not conflicts(acts, "date")
    # A date that is no first: painting in 1958 is not the start of his painting.
    plain = _pair("John Harper grew up in Leeds. He began painting in 1961 after he left the army.",
                  "The gallery remembered John Harper on Sunday. He painted a landscape in 1958 "
                  "and later sold his work across Europe.")
    assert not conflicts(plain, "date")
    # the look-alike: the same person's first painting in two years conflicts
    same = _pair("John Harper grew up in Leeds. He began painting in 1961 after he left the army.",
                 "The gallery remembered John Harper on Sunday. He painted his first landscape in 1958 "
                 "and later sold his work across Europe.")
    assert [texts(f) for f in conflicts(same, "date")] == [["1958", "1961"]]


def test_two_reports_that_order_two_named_siblings_the_opposite_way_conflict():
    # "the younger sister of Anna Berg" against "Anna Berg ... by older sister", Clara being
    # the one sister of Anna that the reports name.
    order = _pair("Clara Berg, the younger sister of mayor Anna Berg, sued the city on Friday over the new road.",
                  "Anna Berg was sued by older sister over the new road. Clara Berg filed the suit on Friday.")
    (finding,) = conflicts(order, "other")
    assert texts(finding) == ["older sister", "younger sister"]
    schema = json.loads((resources.files("storydiff") / "schema" / "compare.schema.json").read_text())
    jsonschema.validate(json.loads(render(order, "json")), schema)


def test_siblings_ordered_alike_or_unnamed_do_not_conflict():
    alike = _pair("Clara Berg, the younger sister of mayor Anna Berg, sued the city on Friday over the new road.",
                  "Anna Berg's younger sister, Clara, sued the city on Friday over the new road.")
    assert not conflicts(alike, "other")
    # Two sisters of Anna are named: the unnamed older sister may be either.
    two = _pair("Clara Berg, the younger sister of mayor Anna Berg, sued the city on Friday over the new road.",
                "Anna Berg was sued by older sister over the new road. Maria Berg, the older sister of "
                "Anna Berg, filed the suit on Friday.")
    assert not conflicts(two, "other")
    # "the youngest sister" ranks among all the sisters, not against the one named.
    rank = _pair("Clara Berg, the youngest sister of mayor Anna Berg, sued the city on Friday over the new road.",
                 "Anna Berg was sued by older sister over the new road. Clara Berg filed the suit on Friday.")
    assert not conflicts(rank, "other")
    # the look-alike: the one named sister ordered the other way conflicts
    opposite = _pair("Clara Berg, the younger sister of mayor Anna Berg, sued the city on Friday over the new road.",
                     "Anna Berg was sued by older sister over the new road. Clara Berg filed the suit on Friday.")
    assert [texts(f) for f in conflicts(opposite, "other")] == [["older sister", "younger sister"]]


def test_a_headline_that_orders_two_named_siblings_the_other_way_conflicts():
    a = Article(id="a", original="", title="Anna Berg sued by older sister over road",
                text="Clara Berg, the younger sister of mayor Anna Berg, sued the city on Friday over the new road.")
    b = Article(id="b", original="", title="Mayor's sister sues city",
                text="Clara Berg sued the city on Friday. Clara Berg, the younger sister of mayor Anna Berg, "
                     "said the road cut her farm in two.")
    comparison = compare_articles([b, a])
    (finding,) = conflicts(comparison, "other")
    # One finding, with the headline on one side and both bodies on the other.
    assert {(e.article, e.field, e.text) for e in finding.evidence} == {
        ("a", "title", "older sister"), ("a", "text", "younger sister"), ("b", "text", "younger sister")}


def test_an_act_denied_in_a_bounded_period_conflicts_with_the_act_reported():
    # "after the talks": the other report has the same person speak after them.
    spoke = _pair("The minister met union leaders for three hours on Monday. There was no statement from "
                  "Karen Holt after the talks.",
                  "After the talks with union leaders ended, Karen Holt said at a press briefing that progress "
                  "had been made.")
    (finding,) = conflicts(spoke, "status")
    assert texts(finding) == ["Karen Holt said", "no statement from Karen Holt after the talks"]
    assert not finding.likely_update
    # "yet": up to the time of writing; the other report has the deal struck (a WordNet
    # neighbour of "agreement"), a likely update.
    deal = _pair("The Liberal Party met the Greens on Monday, but no agreement has yet been announced.",
                 "The Liberal Party said it had struck a deal with the Greens to form a government.")
    (finding,) = conflicts(deal, "status")
    assert texts(finding) == ["no agreement has yet been announced", "struck a deal"]
    assert finding.likely_update
    schema = json.loads((resources.files("storydiff") / "schema" / "compare.schema.json").read_text())
    jsonschema.validate(json.loads(render(deal, "json")), schema)
    # The act denied of a subject: "made no statement after the talks".
    made = _pair("Karen Holt made no statement after the talks with union leaders.",
                 "After the talks with union leaders ended, Karen Holt said at a press briefing that progress "
                 "had been made.")
    (finding,) = conflicts(made, "status")
    assert texts(finding) == ["Karen Holt said", "made no statement after the talks with union leaders"]


def test_an_unbounded_denial_or_a_hoped_for_act_does_not_conflict():
    # "no immediate comment" has no bound: she may have spoken at any time.
    unbounded = _pair("There was no immediate comment from Karen Holt.",
                      "Karen Holt said at a press briefing that progress had been made.")
    assert not conflicts(unbounded, "status")
    # Another actor.
    other = _pair("The minister met union leaders for three hours on Monday. There was no statement from "
                  "Karen Holt after the talks.",
                  "After the talks with union leaders ended, Peter Vance said at a press briefing that progress "
                  "had been made.")
    assert not conflicts(other, "status")
    # A deal hoped for, or denied again, is no deal struck.
    hoped = _pair("The Liberal Party met the Greens on Monday, but no agreement has yet been announced.",
                  "The Liberal Party hopes to strike a deal with the Greens to form a government.")
    assert not conflicts(hoped, "status")
    denied = _pair("The Liberal Party met the Greens on Monday, but no agreement has yet been announced.",
                   "The Liberal Party said it had not struck a deal with the Greens.")
    assert not conflicts(denied, "status")
    unsaid = _pair("The Liberal Party met the Greens on Monday, but no agreement has yet been announced.",
                   "The Liberal Party did not say it had struck a deal with the Greens.")
    assert not conflicts(unsaid, "status")
    # Speaking after one event is no contradiction of silence after another only if both
    # are bounded: a statement with no "after" is not in the period the denial covers.
    unanchored = _pair("Karen Holt made no statement after the talks with union leaders.",
                       "Karen Holt said at a press briefing on Monday that progress had been made.")
    assert not conflicts(unanchored, "status")
    # "After" another event: "the talks" are those with union leaders, named before.
    other_event = _pair("The minister met union leaders for three hours on Monday. There was no statement from "
                        "Karen Holt after the talks.",
                        "Karen Holt said after a meeting with bank officials that interest rates would rise.")
    assert not conflicts(other_event, "status")
    # Someone else's act: the mayor applauded the governor's decision, made none himself.
    owner = _pair("Mayor Tim Lee met the council on Monday, but no decision has yet been made.",
                  "Mayor Tim Lee applauded Governor Ann Park's decision to close the road.")
    assert not conflicts(owner, "status")
    # the look-alikes: silence after the talks, or no deal yet, against the act reported, conflict
    spoke = _pair("The minister met union leaders for three hours on Monday. There was no statement from "
                  "Karen Holt after the talks.",
                  "After the talks with union leaders ended, Karen Holt said at a press briefing that progress "
                  "had been made.")
    assert [texts(f) for f in conflicts(spoke, "status")] == [
        ["Karen Holt said", "no statement from Karen Holt after the talks"]]
    struck = _pair("The Liberal Party met the Greens on Monday, but no agreement has yet been announced.",
                   "The Liberal Party said it had struck a deal with the Greens to form a government.")
    assert [texts(f) for f in conflicts(struck, "status")] == [["no agreement has yet been announced", "struck a deal"]]


def test_firsts_of_two_different_things_do_not_conflict():
    # A first title and a first national title are two firsts; so are shops and factories
    # begun to be opened.
    titles = _pair("Lena Ortiz grew up in Lyon. She won her first title in 2001 at a small tournament.",
                   "Fans cheered Lena Ortiz on Sunday. She won her first national title in 2004 in Paris.")
    assert not conflicts(titles, "date")
    opened = _pair("Tom Reyes left the army in 1990. He began opening shops in 1994 with a loan.",
                   "Tom Reyes spoke to reporters on Monday. He began opening factories in 1997 in Ohio.")
    assert not conflicts(opened, "date")
    # the look-alikes: one first in two years conflicts
    title = _pair("Lena Ortiz grew up in Lyon. She won her first national title in 2001 at a small tournament.",
                  "Fans cheered Lena Ortiz on Sunday. She won her first national title in 2004 in Paris.")
    assert [texts(f) for f in conflicts(title, "date")] == [["2001", "2004"]]
    shops = _pair("Tom Reyes left the army in 1990. He began opening shops in 1994 with a loan.",
                  "Tom Reyes spoke to reporters on Monday. He began opening shops in 1997 in Ohio.")
    assert [texts(f) for f in conflicts(shops, "date")] == [["1994", "1997"]]


def test_figures_a_report_only_supposes_or_requires_do_not_conflict():
    supposed = _pair("The opposition would have to win 12 more seats to reach the 67 votes necessary to "
                     "remove the governor, analysts said.",
                     "Party leaders fear that if the opposition gets 60 votes in the chamber, the budget "
                     "will stall until spring.")
    assert not conflicts(supposed, "number")
    # the same two figures, each reported as the count of one vote, conflict
    counted = _pair("The chamber removed the governor on Tuesday with 67 votes, analysts said.",
                    "The governor was removed on Tuesday by 60 votes in the chamber.")
    assert [texts(f) for f in conflicts(counted, "number")] == [["60", "67"]]
