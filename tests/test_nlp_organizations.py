"""Organizations and places: spans as the text bounds them."""

import spacy
from spacy.tokens import Doc

from briefing.nlp.organizations import within_sentence


def test_an_entity_span_stops_at_the_sentence_end():
    words = ["They", "met", "Vaitkus", ".", "Events", "moved", "fast", "."]
    starts = [w in ("They", "Events") for w in words]
    doc = Doc(spacy.blank("en").vocab, words=words, sent_starts=starts)
    assert within_sentence(doc[2:5]).text == "Vaitkus"
    assert within_sentence(doc[4:6]).text == "Events moved"
