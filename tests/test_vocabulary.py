"""digest.vocabulary: term ids belong to one vocabulary; ranks come from the word alone."""

import numpy as np

from briefing.digest.state import DigestState
from briefing.digest.vocabulary import Vocabulary


def test_ids_are_given_in_first_seen_order_and_read_back():
    vocabulary = Vocabulary()
    assert vocabulary.ids(["launch", "crew", "launch"]) == [0, 1, 0]
    assert vocabulary.id("dock") == 2
    assert [vocabulary.term(i) for i in range(3)] == ["launch", "crew", "dock"]


def test_ranks_do_not_depend_on_the_order_words_were_seen():
    one, other = Vocabulary(), Vocabulary()
    one.ids(["launch", "crew", "dock"])
    other.ids(["dock", "launch", "crew"])
    words = ["crew", "dock", "launch"]
    assert (one.ranks(np.array(one.ids(words))).tolist()
            == other.ranks(np.array(other.ids(words))).tolist())


def test_each_digest_state_numbers_its_own_terms():
    first, second = DigestState(), DigestState()
    first.vocabulary.ids(["launch", "crew"])
    assert len(second.vocabulary) == 0
    assert second.vocabulary.id("crew") == 0
