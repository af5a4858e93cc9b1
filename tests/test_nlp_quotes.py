"""Direct quotes, verbatim, with the person who said them."""

from briefing.config import builtin_defaults
from briefing.model import Article
from briefing.nlp import analyse_articles


def quotes_of(text: str) -> list[tuple[str | None, str]]:
    analysis = analyse_articles([Article(id="a", path="a", text=text)], builtin_defaults())[0]
    for q in analysis.quotes:
        assert text[q.start:q.end] == q.text
    return [(q.speaker, q.text) for q in analysis.quotes]


def test_quote_then_speaker_and_trailing_comma_left_out():
    assert quotes_of("“We are ready to fly,” said NASA astronaut Jonny Kim.") == [
        ("Jonny Kim", "We are ready to fly")]


def test_speaker_then_quote_with_straight_marks():
    text = 'Roscosmos head Dmitry Bakanov told reporters: "The station will keep flying."'
    assert quotes_of(text) == [("Dmitry Bakanov", "The station will keep flying.")]


def test_split_quote_and_pronoun_speaker():
    text = ("Mission manager Ian Carnelli met ESA Director General Josef Aschbacher on Monday.\n\n"
            "Carnelli said he was pleased. “The probe is healthy,” he said. “We will arrive "
            "in December.”")
    assert quotes_of(text) == [("Ian Carnelli", "The probe is healthy"),
                               ("Ian Carnelli", "We will arrive in December.")]


def test_speaker_between_two_quotes_wrote_in_a_post():
    text = ("“I had a good first meeting in Paris,” Josef Aschbacher wrote in his own post. "
            "“We agreed on the next steps.”")
    assert quotes_of(text) == [("Josef Aschbacher", "I had a good first meeting in Paris"),
                               ("Josef Aschbacher", "We agreed on the next steps.")]


def test_according_to_and_partial_quotes():
    text = ("Astronaut Christina Koch joined the call. According to Koch, the crew called the "
            "delay \"the right call.\"")
    assert quotes_of(text) == [("Christina Koch", "the right call.")]


def test_named_speaker_wins_over_a_pronoun_in_the_same_clause():
    text = ("Astronaut Victor Glover spoke first.\n\nChristina Koch, who flew on Expedition 61, "
            "said she was \"thrilled to go back.\"")
    assert quotes_of(text) == [("Christina Koch", "thrilled to go back.")]


def test_unattributed_quote_has_no_speaker():
    assert quotes_of("The agency called it a “historic day” in a statement.") == [
        (None, "historic day")]


def test_the_subject_speaks_not_the_one_spoken_to():
    text = ("Roscosmos head Dmitry Bakanov met NASA Administrator Jared Isaacman in Houston. "
            "“We will keep flying together,” he told Isaacman.")
    assert quotes_of(text) == [("Dmitry Bakanov", "We will keep flying together")]


def test_a_quote_introduced_by_a_colon_on_the_line_before():
    text = "ISRO chairman V. Narayanan said:\n\n“The crew module is ready for its test.”"
    assert quotes_of(text) == [("V. Narayanan", "The crew module is ready for its test.")]


def test_quotes_in_a_story_with_several_speakers():
    from pathlib import Path

    text = (Path(__file__).parent / "fixtures" / "nlp" / "new_glenn.txt").read_text(
        encoding="utf-8").strip()
    assert quotes_of(text) == [
        ("Dave Limp", "Today was a big day for us"),
        ("Dave Limp", "worked perfectly."),
        ("Nicky Fox", "We waited a long time for this"),
        ("Nicky Fox", "and it was worth it."),
        ("Rob Lillis", "The team never gave up"),
        ("Jeff Bezos", "Congratulations team!"),
        ("Dave Limp", "I am proud of everyone"),
        ("Dave Limp", "On to the next one."),
    ]


def test_a_partial_quote_closing_its_sentence_belongs_to_the_one_before():
    text = ("Astronaut Tracy Dyson called the landing \"a perfect ride.\" Officials said Yuri "
            "Borisov would attend.")
    assert quotes_of(text) == [("Tracy Dyson", "a perfect ride.")]


def test_tex_style_marks_are_quotes():
    text = ("Mayor Lena Hartley opened the bridge on Friday. ``It took us nine years to get "
            "here,'' Hartley told the crowd.")
    assert quotes_of(text) == [("Lena Hartley", "It took us nine years to get here")]


def test_guillemets_and_single_guillemets():
    text = ("Judge Marc Dufour read the verdict. «The accused acted alone,» Dufour said. "
            "Anne Roux, the defence lawyer, disagreed. ‹We will appeal this ruling,› Roux said.")
    assert quotes_of(text) == [("Marc Dufour", "The accused acted alone"),
                               ("Anne Roux", "We will appeal this ruling")]


def test_curly_single_marks_but_not_apostrophes():
    text = ("Minister Owen Price visited the players’ union. ‘We can’t keep losing young "
            "people to other countries,’ Price said.")
    assert quotes_of(text) == [("Owen Price", "We can’t keep losing young people to other "
                                              "countries")]


def test_a_quote_inside_a_quote_is_part_of_it():
    text = ('Coach Ivan Petrov said: "They told me ‘never again’ and I believed them."')
    assert quotes_of(text) == [("Ivan Petrov", "They told me ‘never again’ and I believed them.")]


def test_an_unclosed_mark_ends_at_its_attribution_and_never_leaves_its_paragraph():
    text = ("Council leader Nadia Brooks backed the plan. \"This is the best deal we could get, "
            "she said, before leaving.\n\nThe vote is on Monday. \"We will be ready,\" said "
            "councillor Omar Said.")
    assert quotes_of(text) == [("Nadia Brooks", "This is the best deal we could get"),
                               ("Omar Said", "We will be ready")]


def test_verbs_beyond_said_and_the_one_told_is_not_the_speaker():
    text = ("Coach Aldo Rinaldi met club owner Piero Conti after the game. \"We were robbed,\" "
            "Rinaldi fumed. \"Nobody will be sacked,\" Conti responded. \"I trust him,\" "
            "Conti told Rinaldi's assistant, Marco Bassi.")
    assert quotes_of(text) == [("Aldo Rinaldi", "We were robbed"),
                               ("Piero Conti", "Nobody will be sacked"),
                               ("Piero Conti", "I trust him")]


def test_split_quote_with_another_name_between_the_halves():
    text = ("\"We came here to listen,\" Senator Ruth Ellison said, as Governor Tom Hale nodded, "
            "\"and we will keep listening.\"")
    assert quotes_of(text) == [("Ruth Ellison", "We came here to listen"),
                               ("Ruth Ellison", "and we will keep listening.")]


def test_a_quote_paragraph_after_its_speaker_is_introduced():
    text = ("Fire chief Dara Quinn said the blaze had been contained by dawn.\n\n"
            "\"The wind turned in our favour at about four in the morning.\"")
    assert quotes_of(text) == [("Dara Quinn", "The wind turned in our favour at about four "
                                              "in the morning.")]


def test_a_pronoun_finds_the_person_of_its_gender():
    text = ("Her husband, the farmer Jonas Berg, died in 2001. Astrid Lund ran the farm alone "
            "for twenty years, and Jonas Berg is buried on the hill.\n\n"
            "\"I never thought of selling,\" she said.")
    assert quotes_of(text) == [("Astrid Lund", "I never thought of selling")]


def test_a_speaker_reporting_what_others_want():
    text = ("Mayor Carl Dunn shouted over the hecklers that residents wanted \"a council that "
            "answers the phone.\"")
    assert quotes_of(text) == [("Carl Dunn", "a council that answers the phone.")]


def test_an_organization_that_speaks_is_no_person():
    text = ("Driver Leo Marsh was taken to hospital. \"The car was not safe to race,\" the team "
            "said in a statement.")
    assert quotes_of(text) == [(None, "The car was not safe to race")]


def test_a_name_that_swallowed_said_in_title_case_copy_is_the_person():
    text = ("Senator Hillary Clinton Visited Buffalo On Monday. “We Will Not Forget This City,” "
            "Clinton Said.")
    assert quotes_of(text) == [("Hillary Clinton", "We Will Not Forget This City")]


def test_in_the_words_of_and_a_title_the_parse_made_the_subject():
    text = ("The child was often in pain, and in the words of the prosecutor, Ruth Abara, "
            "\"she cried for most of her last months.\"\n\n"
            "In a statement, Governor of Oregon Tina Kotek said, \"The port will reopen soon.\"")
    assert quotes_of(text) == [("Ruth Abara", "she cried for most of her last months."),
                               ("Tina Kotek", "The port will reopen soon.")]


def test_what_a_named_person_issues_speaks_for_them_a_role_does_not():
    text = ("Senator Ada Moss criticised the decision. Moss's statement added, \"This is an "
            "affront to the workers.\"\n\nAsked about the vote, Governor Ian Reed's spokeswoman, "
            "Lily Tran, replied: \"The governor will sign the bill.\"")
    assert quotes_of(text) == [("Ada Moss", "This is an affront to the workers."),
                               ("Lily Tran", "The governor will sign the bill.")]


def test_a_mark_of_the_wrong_style_closes_a_quote_and_a_new_paragraph_mark_opens_one():
    text = ("Mayor Alan Cho said, \"The bridge is safe.“ Engineers agreed.\n\n"
            "Cho added: “The inspection took three weeks. “We checked every bolt,” he said.")
    assert quotes_of(text) == [("Alan Cho", "The bridge is safe."),
                               ("Alan Cho", "The inspection took three weeks."),
                               ("Alan Cho", "We checked every bolt")]


def test_straight_single_marks_in_copy_without_double_marks():
    text = ("Coach Dan Reeve's side won in the '90s too. 'We were the better team today,' Reeve "
            "said. 'The players' union can't complain.' Reeve's rival Tom Hale left early.")
    assert quotes_of(text) == [("Dan Reeve", "We were the better team today"),
                               ("Dan Reeve", "The players' union can't complain.")]
    assert quotes_of("It's the '90s again, and rock 'n' roll is back, Ann Lee said.") == []


def test_a_closing_curly_mark_used_to_open_and_a_mark_glued_to_said():
    text = ("Mayor Rosa Diaz spoke first. ”We will rebuild the market,” Diaz said.\n\n"
            "Her deputy Ken Ito said,\"The money is already there.\"")
    assert quotes_of(text) == [("Rosa Diaz", "We will rebuild the market"),
                               ("Ken Ito", "The money is already there.")]
