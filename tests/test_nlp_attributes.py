"""nlp.attributes: the attribute ruler indexed by token values finds the Matcher's matches."""

import spacy
from spacy.pipeline import AttributeRuler

from briefing.config import builtin_defaults
from briefing.nlp.attributes import IndexedAttributeRuler, index_attribute_ruler
from briefing.nlp.language import load_nlp

TEXT = ("Y'all ain't gonna believe it, the mayor said on Tuesday. There is no plan, and "
        "there's nothing in it for you or me. Let's go.\n\nShe gave it to them; they did "
        "not ask for it. \"I don't know,\" he added.")


def parsed(nlp, text):
    """The text through the pipeline up to (not including) the attribute ruler."""
    names = nlp.pipe_names
    doc = nlp.make_doc(text)
    for name in names[:names.index("attribute_ruler")]:
        doc = nlp.get_pipe(name)(doc)
    return doc


def test_the_model_s_ruler_is_indexed_and_matches_as_the_matcher_does():
    nlp = load_nlp(builtin_defaults())
    ruler = nlp.get_pipe("attribute_ruler")
    assert isinstance(ruler, IndexedAttributeRuler) and ruler._index is not None
    doc = parsed(nlp, TEXT)
    matches = ruler.match(doc)
    assert matches == AttributeRuler.match(ruler, doc)
    assert len({start for _, _, start, _ in matches}) == len(doc)  # every token has a tag rule


def test_every_kind_of_test_matches_as_the_matcher_does():
    nlp = spacy.blank("en")
    patterns = [
        {"patterns": [[{"LOWER": "the"}]], "attrs": {"TAG": "DT"}},
        {"patterns": [[{"TEXT": "Paris"}], [{"ORTH": "Rome"}]], "attrs": {"TAG": "NNP"}},
        {"patterns": [[{"LOWER": {"IN": ["go", "went"]}}, {"LOWER": {"NOT_IN": ["home"]}}]],
         "attrs": {"TAG": "VB"}, "index": -1},
        {"patterns": [[{"LOWER": {"REGEX": "^n'?t$"}}]], "attrs": {"TAG": "RB"}},
        {"patterns": [[{"IS_SPACE": True}]], "attrs": {"TAG": "_SP"}},
        {"patterns": [[{"LOWER": "the"}, {"LOWER": "end"}]], "attrs": {"TAG": "NN"}, "index": 1},
    ]
    ruler = IndexedAttributeRuler(nlp.vocab, "attribute_ruler", patterns)
    assert ruler._index is not None
    doc = nlp("The end: we went to Paris, then went home, and did n't go to Rome.\n\nThe")
    assert ruler.match(doc) == AttributeRuler.match(ruler, doc) != []
    assert ruler(doc)[1].tag_ == "NN" and doc[5].tag_ == "VB" and doc[-2].tag_ == "_SP"
    assert [t.text for t in doc if t.tag_ == "VB"] == ["to", "to"]  # not "home"


def test_a_ruler_with_another_kind_of_pattern_keeps_the_matcher():
    nlp = spacy.blank("en")
    patterns = [{"patterns": [[{"LOWER": "very", "OP": "+"}, {"LOWER": "good"}]],
                 "attrs": {"TAG": "JJ"}, "index": -1}]
    ruler = IndexedAttributeRuler(nlp.vocab, "attribute_ruler", patterns)
    assert ruler._index is None
    assert ruler(nlp("very very good"))[2].tag_ == "JJ"


def test_a_pipeline_without_an_attribute_ruler_is_left_as_it_is():
    nlp = spacy.blank("en")
    index_attribute_ruler(nlp)
    assert nlp.pipe_names == []
