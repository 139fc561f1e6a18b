"""What a sentence states (compare.propositions): two sentences are one statement only when a
main predicate and its participants correspond; a speaker, a place or a day alone is not enough."""

from __future__ import annotations

import pytest

from storydiff.compare.propositions import near_copy, predicates, same_fact


@pytest.fixture(scope="module")
def nlp():
    from storydiff.annotate import load_nlp
    from storydiff.settings import default_settings

    return load_nlp(default_settings().spacy_model)


SAME = [
    # a passive and its active
    ("Firefighters contained the warehouse fire on Tuesday night.",
     "The warehouse fire was contained by firefighters on Tuesday night."),
    # another verb for what the same subject did to the same object
    ("The firm fired its chief executive on Monday.", "The firm dismissed its chief executive after the audit."),
    # the fact in an adverbial clause of the other sentence
    ("A bomb exploded in the market on Monday, killing six people.",
     "Six people were killed on Monday when a bomb exploded in the market."),
    # what a light verb links, as the verb the other sentence uses
    ("Ferries stayed in port because the harbour was closed for a third day.",
     "The harbour stayed closed to ferries for a third day."),
    # someone unnamed on one side doing what the other names him doing
    ("Federal officials say he is not a suspect in the shooting.",
     "Officials say Corran is not now a suspect in the attack."),
]
DIFFERENT = [
    # one speaker, two statements
    ("Mr. Dorran, at another stop on Saturday in Leeds, called the plan to close libraries “reckless.”",
     "In a speech to union members on Saturday in Leeds, Dorran had dismissed the mayor's budget as “some "
     "fantasy arithmetic.”"),
    # a verb shared only in a description of the files ("that have been handed to")
    ("His lawyer, Mara Quell, said the files were “selectively leaked” among the hundreds that have been handed "
     "to investigators.",
     "“We have worked openly with each of the panels and have voluntarily handed over hundreds of files,” Mara "
     "Quell, a lawyer for the firm, said in a statement."),
    # the same description of the speaker, two different quotes
    ("Chief Executive Tom Brandt, who will become head of the group's new storage division, said the company had "
     "more than one interested buyer.",
     "“Storage has changed the economics of computing,” said Tom Brandt, chief executive, who will become head of "
     "the group's new storage division."),
    # one verb, other objects: facing a penalty against being sent to face charges
    ("Orlan faces life in prison in Kestria, a fact that has raised opposition in Velland to his transfer.",
     "Within hours of the arrest, Kestria requested his transfer to face a number of fraud charges, which could "
     "carry life in prison."),
]


@pytest.mark.parametrize("a,b", SAME)
def test_sentences_stating_one_fact(nlp, a, b):
    assert same_fact(predicates(nlp(a)[:], {}), predicates(nlp(b)[:], {}))


@pytest.mark.parametrize("a,b", DIFFERENT)
def test_sentences_sharing_a_speaker_or_a_topic_but_not_a_fact(nlp, a, b):
    assert not same_fact(predicates(nlp(a)[:], {}), predicates(nlp(b)[:], {}))
    assert not near_copy(a, b)


def test_the_same_figure_of_a_counted_thing_is_one_fact(nlp):
    a = predicates(nlp("Violence also broke out in Varna, where another 20,000 people marched.")[:], {})
    b = predicates(nlp("Violence was also reported in Varna, where a further 20,000 people joined the rally.")[:], {})
    assert not same_fact(a, b)
    assert same_fact(a, b, {"20000 people"}, {"20000 people"})


def test_a_quote_cut_short_is_a_near_copy():
    assert near_copy("“The world tells Arland, wait, there is still time for talks.",
                     "“The world tells Arland, wait, there is still time.")
    assert not near_copy("The coast guard said the ferry sank.",
                         "The coast guard said it would cooperate with investigators on Monday.")
