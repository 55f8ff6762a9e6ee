"""Behaviour of the sentence segmenter, `covdiff.sentences.split_sentences`.

Read top to bottom, this file documents what counts as a sentence: the seed report's tricky
lines, headings, abbreviations, quotations, numbers, lists, line breaks and other scripts,
then the guarantees as hypothesis properties, then the speed bounds. The test data is written
here; the benchmark data under shared/ is never read.
"""

from __future__ import annotations

import subprocess
import sys
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from covdiff.model import SentenceKind
from covdiff.sentences import HEADLINE_MAX_WORDS, SUBHEAD_MAX_WORDS, Span, split_sentences

HEADING = SentenceKind.HEADING
SENTENCE = SentenceKind.SENTENCE


def sentences(text: str) -> list[str]:
    return [text[s.start : s.end] for s in split_sentences(text)]


def kinds(text: str) -> list[SentenceKind]:
    return [s.kind for s in split_sentences(text)]


# --- the seed report ------------------------------------------------------------------------

SEED_EXCERPT = """\
As their relationship grows, the president of Russia reminds Kim Jong Un how much he values North Korea’s support for Ukraine.
“They wanted others to believe that they are entering a new chapter in their relationship, and it was a demonstration of strength and unity,” he remarked.
McBride said, “It has all culminated in the two signing a new agreement, which Putin says forms the basis of relations for years to come.”
Red carpet welcome
Russia is receiving large arms supplies from North Korea, along with additional weaponry intended for use in Ukraine. After meeting with NATO head Jens Stoltenberg on Tuesday, Blinken told reporters that Iran has been supplying weapons, including drones, that have been used against civilians and civilian infrastructure.
Regarding the “possible support that Russia provides to North Korea when it comes to supporting their missile and nuclear programs,” Stoltenberg expressed worries once more.
Putin is anticipated to land in Hanoi, Vietnam, late on Wednesday night. Despite the US denouncing the nation for organizing to host the Russian leader, Putin is predicted to receive a warm reception there.
"""  # noqa: E501  (one paragraph per line, as the reports have it)


def test_seed_excerpt_is_cut_into_its_sentences_and_subhead() -> None:
    got = sentences(SEED_EXCERPT)
    assert len(got) == 9
    assert got[0].startswith("As their relationship grows") and got[0].endswith("Ukraine.")
    assert got[3] == "Red carpet welcome"
    assert got[4].endswith("for use in Ukraine.")
    assert got[5].startswith("After meeting with NATO head")
    assert got[7] == "Putin is anticipated to land in Hanoi, Vietnam, late on Wednesday night."


def test_a_sentence_containing_a_quotation_stays_whole() -> None:
    got = sentences(SEED_EXCERPT)
    assert got[1].startswith("“They wanted") and got[1].endswith("he remarked.")
    assert got[6].startswith("Regarding the “possible support")
    assert got[6].endswith("Stoltenberg expressed worries once more.")
    assert "Stoltenberg expressed" not in got[5]


def test_a_quotation_that_ends_the_sentence_keeps_its_closing_mark() -> None:
    assert sentences(SEED_EXCERPT)[2].endswith("for years to come.”")


# --- headings -------------------------------------------------------------------------------


def test_a_short_unpunctuated_line_is_a_subhead() -> None:
    text = "Putin visits Pyongyang.\nThe visit began.\nRed carpet welcome\nKim waited."
    assert kinds(text) == [SENTENCE, SENTENCE, HEADING, SENTENCE]


def test_the_first_line_is_the_headline_unless_it_ends_in_a_full_stop() -> None:
    assert kinds("Putin thanks Kim for support\nThe visit began.") == [HEADING, SENTENCE]
    assert kinds("Will Kim visit Moscow next?\nNobody knows.") == [HEADING, SENTENCE]
    assert kinds("Putin thanked Kim for support.\nThe visit began.") == [SENTENCE, SENTENCE]


def test_a_long_unpunctuated_line_is_a_sentence() -> None:
    long_line = " ".join(["word"] * (SUBHEAD_MAX_WORDS + 1))
    assert kinds(f"Headline\n{long_line}\nEnd.") == [HEADING, SENTENCE, SENTENCE]
    headline = " ".join(["word"] * (HEADLINE_MAX_WORDS + 1))
    assert kinds(f"{headline}\nEnd.") == [SENTENCE, SENTENCE]


def test_a_line_ending_in_a_colon_or_question_mark_is_not_a_subhead() -> None:
    assert kinds("Headline\nHe said:\nWhat next?\nKey points") == [
        HEADING,
        SENTENCE,
        SENTENCE,
        HEADING,
    ]


def test_an_unpunctuated_list_item_states_a_claim_and_is_no_subhead() -> None:
    text = "Headline\nFigures as of Sunday:\n- Homes destroyed: 63\n• Residents evacuated: 3,800"
    assert kinds(text) == [HEADING, SENTENCE, SENTENCE, SENTENCE]


def test_a_quoted_short_line_is_a_subhead_but_a_quoted_sentence_is_not() -> None:
    assert kinds("Headline\n“Full support”\n“We are ready.”") == [HEADING, HEADING, SENTENCE]


# --- abbreviations --------------------------------------------------------------------------

ONE_SENTENCE = [
    "The U.S. Government and the U.N. Security Council met in the U.K. on Monday.",
    "Mr. Smith, Mrs. Jones, Ms. Lee and Dr. Patel arrived.",
    "Gen. Lee, Sen. Warren, Gov. Newsom and Rep. Pelosi spoke.",
    "It happened on Jan. 5, Feb. 12 and Sept. 11, at No. 10 Downing Street.",
    "He lives on St. Mark's Place near Mt. Fuji.",
    "The Lord of the Rings is by J. R. R. Tolkien.",
    "Apple Inc. Chief Executive Tim Cook attended.",
    "Please turn to p. 55.",
    "Were Jane and co. at the party?",
    "I need 3 items, e.g. a hat, and cf. the list, i.e. this one.",
    "This is e.g. Mr. Smith, who talks slowly.",
    "The GmbH & Co. KG is a partnership.",
    "That is JFK Jr.'s book.",
    "I work for the U.S. Army in Virginia.",
    "You can find it at N°. 1026.253.553 on the map.",
]


@pytest.mark.parametrize("text", ONE_SENTENCE)
def test_abbreviations_inside_a_sentence_do_not_end_it(text: str) -> None:
    assert sentences(text) == [text]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I live in the U.S. How about you?", ["I live in the U.S.", "How about you?"]),
        ("We make a team, you and I. Did you see Albert I. Jones?",
         ["We make a team, you and I.", "Did you see Albert I. Jones?"]),
        ("Let's ask Jane and co. They should know.",
         ["Let's ask Jane and co.", "They should know."]),
        ("Talks with Pitt, Briggs & Co. It closed.",
         ["Talks with Pitt, Briggs & Co.", "It closed."]),
        ("He bought apples, pears, etc. Then he left.",
         ["He bought apples, pears, etc.", "Then he left."]),
        ("The vote was in Sept. Nobody came.", ["The vote was in Sept.", "Nobody came."]),
    ],
)  # fmt: skip
def test_abbreviations_end_a_sentence_before_a_sentence_opener(
    text: str, expected: list[str]
) -> None:
    assert sentences(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("At 5 a.m. Mr. Smith went to the bank. He left at 6 P.M. Mr. Smith then went home.",
         ["At 5 a.m. Mr. Smith went to the bank.", "He left at 6 P.M.",
          "Mr. Smith then went home."]),
        ("The talks ended at 6 p.m. Kim left the building.",
         ["The talks ended at 6 p.m.", "Kim left the building."]),
        ("The talks end at 6 p.m. Tuesday and resume at 9 a.m. GMT on Wednesday.",
         ["The talks end at 6 p.m. Tuesday and resume at 9 a.m. GMT on Wednesday."]),
        ("They met at 10 a.m. local time.", ["They met at 10 a.m. local time."]),
    ],
)  # fmt: skip
def test_am_and_pm_end_a_sentence_only_before_a_new_one(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


# --- quotations and brackets ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("She turned to him, 'This is great.' she said.",
         ["She turned to him, 'This is great.' she said."]),
        ('She turned to him, "This is great." She held the book out.',
         ['She turned to him, "This is great."', "She held the book out."]),
        ("He said “We will fight. We will win,” and left.",
         ["He said “We will fight. We will win,” and left."]),
        ("“Why now?” Blinken asked. “Because!” he said.",
         ["“Why now?” Blinken asked.", "“Because!” he said."]),
        ("“Will it work?” she asked. Nobody knew.", ["“Will it work?” she asked.", "Nobody knew."]),
        ("“Who is this?” She said it to the Knave.",
         ["“Who is this?”", "She said it to the Knave."]),
        ("He teaches science (He worked 5 years as an engineer.) at the University.",
         ["He teaches science (He worked 5 years as an engineer.) at the University."]),
        ("It fell. (Nobody saw it. Not even Kim.) Then it rose.",
         ["It fell.", "(Nobody saw it. Not even Kim.)", "Then it rose."]),
        ("“Full support and solidarity,” Kim said of Russia’s war.",
         ["“Full support and solidarity,” Kim said of Russia’s war."]),
        ("She works at Yahoo! in the accounting department.",
         ["She works at Yahoo! in the accounting department."]),
        ("Hello!! Long time no see. Hello?! Is that you?",
         ["Hello!!", "Long time no see.", "Hello?!", "Is that you?"]),
    ],
)  # fmt: skip
def test_quotes_and_brackets(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


# --- numbers, ellipses, addresses -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Growth was 3.5 percent. It was $100.00 in all.",
         ["Growth was 3.5 percent.", "It was $100.00 in all."]),
        ("It cost $100.00. It is in her bag.", ["It cost $100.00.", "It is in her bag."]),
        ("The treaty dates from 1961. 2000 people came.",
         ["The treaty dates from 1961.", "2000 people came."]),
        ("I never meant that.... She left the store.",
         ["I never meant that....", "She left the store."]),
        ("I wasn’t really ... well, I mean...see . . . what I'm saying . . . I didn’t mean it.",
         ["I wasn’t really ... well, I mean...see . . . what I'm saying . . . I didn’t mean it."]),
        ("It ended… Then it began.", ["It ended…", "Then it began."]),
        ("\"Bohr [...] used the analogy of stairways [...]\" (Smith 55).",
         ["\"Bohr [...] used the analogy of stairways [...]\" (Smith 55)."]),
        ("Her email is Jane.Doe@example.com. I sent her an email.",
         ["Her email is Jane.Doe@example.com.", "I sent her an email."]),
        ("The site is https://www.example.50.com/new-site/a.html. Please check it.",
         ["The site is https://www.example.50.com/new-site/a.html.", "Please check it."]),
        ("Hello world.Today is Tuesday.Mr. Smith bought 1,000.That is a lot.",
         ["Hello world.", "Today is Tuesday.", "Mr. Smith bought 1,000.", "That is a lot."]),
    ],
)  # fmt: skip
def test_numbers_ellipses_and_addresses(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


# --- lists ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1. The first item 2. The second item", ["1. The first item", "2. The second item"]),
        ("1.) The first item. 2.) The second item.",
         ["1.) The first item.", "2.) The second item."]),
        ("1) The first item 2) The second item", ["1) The first item", "2) The second item"]),
        ("a. The first item b. The second item c. The third item",
         ["a. The first item", "b. The second item", "c. The third item"]),
        ("• 9. The first item • 10. The second item",
         ["• 9. The first item", "• 10. The second item"]),
        ("1. This is a list item.", ["1. This is a list item."]),
        ("The law has articles 1) and 2) in it.", ["The law has articles 1) and 2) in it."]),
    ],
)  # fmt: skip
def test_lists(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


# --- line breaks ----------------------------------------------------------------------------


def test_a_line_break_ends_a_sentence() -> None:
    assert sentences("First paragraph\nSecond paragraph.") == [
        "First paragraph",
        "Second paragraph.",
    ]
    assert sentences("features\ncontact manager\nevents, activities\n") == [
        "features",
        "contact manager",
        "events, activities",
    ]


def test_an_evidently_wrapped_line_is_joined() -> None:
    # Trailing space before the break, or a lower-case continuation that ends the sentence.
    assert sentences("It was a cold \nnight in the city.") == ["It was a cold \nnight in the city."]
    assert sentences("This is a sentence\ncut off by a pdf.") == [
        "This is a sentence\ncut off by a pdf."
    ]
    assert kinds("This is a sentence\ncut off by a pdf.") == [SENTENCE]


def test_a_subhead_is_not_joined_to_a_line_opening_with_a_brand_name() -> None:
    text = "Headline\nRed carpet welcome\niPhone sales rose."
    assert kinds(text) == [HEADING, HEADING, SENTENCE]


def test_a_blank_line_is_never_joined() -> None:
    assert sentences("It was a cold \n\nnight in the city.") == [
        "It was a cold",
        "night in the city.",
    ]


def test_windows_and_unicode_line_breaks() -> None:
    text = "One.\r\nTwo.\u2028Three.\x85Four."
    assert sentences(text) == ["One.", "Two.", "Three.", "Four."]


# --- other scripts --------------------------------------------------------------------------


def test_cjk_without_spaces_is_cut_after_each_final_mark() -> None:
    assert sentences("我们到了。你好吗？很好！谢谢") == ["我们到了。", "你好吗？", "很好！", "谢谢"]
    assert sentences("東京に着いた。「元気？」と聞いた。") == [
        "東京に着いた。",
        "「元気？」と聞いた。",
    ]


def test_right_to_left_scripts() -> None:
    assert sentences("وصل بوتين إلى بيونغ يانغ. استقبله كيم؟ نعم.") == [
        "وصل بوتين إلى بيونغ يانغ.",
        "استقبله كيم؟",
        "نعم.",
    ]
    assert sentences("פוטין הגיע. קים חיכה.") == ["פוטין הגיע.", "קים חיכה."]


def test_emoji_and_combining_marks_stay_with_their_sentence() -> None:
    text = "Great news! 🎉 We won.\u0301 Cafe\u0301 opened. 👍🏽"
    spans = split_sentences(text)
    assert_invariants(text, spans)
    assert sentences(text)[0] == "Great news!"
    assert "Cafe\u0301 opened." in sentences(text)


# --- guarantees -----------------------------------------------------------------------------


def assert_invariants(text: str, spans: list[Span]) -> None:
    """The module's guarantee, checked the slow and obvious way."""
    previous_end = 0
    for span in spans:
        assert previous_end <= span.start < span.end <= len(text), (span, previous_end)
        piece = text[span.start : span.end]
        assert piece == piece.strip(), piece
        assert text[previous_end : span.start].strip() == "", "non-space text was dropped"
        assert span.kind in (SENTENCE, HEADING)
        previous_end = span.end
    assert text[previous_end:].strip() == "", "non-space text was dropped at the end"


# Single characters (ASCII, line breaks, NBSP, a combining mark, ZWJ, emoji, CJK, Arabic,
# Hebrew) and the multi-character pieces the rules look for.
TRICKY = [
    *"aZ .!?…。！？\n\r\t\"'“”‘’«»()[]•@/:,;-0 9",
    *["\u00a0", "\u2028", "\x85", "\x1c", "\u0301", "\u200d", "😀", "👍🏽", "汉", "ب", "ש"],
    *["U.S.", "Mr.", "a.m.", "e.g.", "3.5", "...", ". . . .", "1.)", "b)", "www.x.com", "@b.c"],
    *[" The", " the", " I", "\n\n", " \n", "[...]", "Inc.", "I.", "http://x.y/z."],
]
tricky_text = st.lists(st.sampled_from(TRICKY), max_size=80).map("".join)


@settings(max_examples=400, deadline=None)
@given(st.one_of(tricky_text, st.text(max_size=300)))
def test_spans_are_trimmed_ordered_disjoint_and_cover_all_text(text: str) -> None:
    assert_invariants(text, split_sentences(text))


@settings(max_examples=150, deadline=None)
@given(tricky_text, tricky_text)
def test_paragraphs_split_by_a_blank_line_are_independent(first: str, second: str) -> None:
    text = f"{first}\n\n{second}"
    offset = len(first) + 2
    expected = [(s.start, s.end) for s in split_sentences(first)]
    expected += [(s.start + offset, s.end + offset) for s in split_sentences(second)]
    assert [(s.start, s.end) for s in split_sentences(text)] == expected


WORDS = ["putin", "visited", "the", "capital", "and", "talks", "ended", "quickly", "here"]
INSIDE = ["Mr. Smith", "e.g. apples", "3.5", "the U.S. Army", "Gen. Lee", "Jan. 5"]


@st.composite
def plain_sentences(draw: st.DrawFn) -> str:
    """A sentence of ordinary words, maybe holding an abbreviation that must not cut it."""
    first = draw(st.sampled_from(WORDS))
    words = [first, *draw(st.lists(st.sampled_from(WORDS + INSIDE), max_size=8))]
    end = draw(st.sampled_from([".", "!", "?", "...", ".”", "!)"]))
    opener = "“" if end == ".”" else "(" if end == "!)" else ""
    return opener + " ".join(words).capitalize() + end


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(plain_sentences(), min_size=1, max_size=6), st.sampled_from([" ", "  ", "\n"]))
def test_against_a_reference_on_plain_prose(parts: list[str], separator: str) -> None:
    # Reference: sentences of plain words end exactly where the writer ended them.
    assert sentences(separator.join(parts)) == parts


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.lists(st.sampled_from(WORDS), min_size=1, max_size=30).map(" ".join),
        min_size=1,
        max_size=6,
    ),
    st.sampled_from(["\n", "\n\n", "\r\n"]),
)
def test_against_a_reference_on_unpunctuated_lines(lines: list[str], separator: str) -> None:
    # Reference: without punctuation each line is one span, a heading if short enough.
    spans = split_sentences(separator.join(lines))
    assert [(s.end - s.start) for s in spans] == [len(line) for line in lines]
    limits = [HEADLINE_MAX_WORDS] + [SUBHEAD_MAX_WORDS] * (len(lines) - 1)
    expected = [
        HEADING if len(line.split()) <= limit else SENTENCE
        for line, limit in zip(lines, limits, strict=True)
    ]
    assert [s.kind for s in spans] == expected


def test_span_is_a_frozen_value() -> None:
    span = split_sentences("One.")[0]
    assert span == Span(0, 4, SENTENCE)
    with pytest.raises(AttributeError):
        span.start = 1  # type: ignore[misc]


def test_empty_and_blank_text_give_no_spans() -> None:
    assert split_sentences("") == []
    assert split_sentences(" \n\t\u00a0\u2028 ") == []


def test_segmenting_does_not_import_the_ui() -> None:
    code = "import sys, covdiff.sentences; assert not {'textual', 'rich'} & set(sys.modules)"
    subprocess.run([sys.executable, "-c", code], check=True)


# --- speed ----------------------------------------------------------------------------------

PATHOLOGICAL = {
    "100,000-char sentence without punctuation": "word " * 20_000,
    "100,000-char token": "x" * 100_000,
    "dots": "." * 100_000,
    "spaced dots": ". " * 50_000,
    "initials": "A. " * 30_000,
    "unclosed quotes": "“a " * 30_000,
    "apostrophes": "'a " * 30_000,
    "brackets": "(a " * 30_000,
    "at signs": "a@b " * 25_000,
    "list markers": " ".join(f"{i % 99 + 1}. x" for i in range(20_000)),
    "blank lines": "\n \n" * 30_000,
    "CJK": "汉字。" * 30_000,
}


@pytest.mark.parametrize("name", PATHOLOGICAL)
def test_no_input_makes_it_slow(name: str) -> None:
    text = PATHOLOGICAL[name]
    t0 = time.perf_counter()
    spans = split_sentences(text)
    assert time.perf_counter() - t0 < 1.0
    assert_invariants(text, spans)


def test_time_grows_linearly() -> None:
    paragraph = SEED_EXCERPT * 20
    t0 = time.perf_counter()
    split_sentences(paragraph)
    small = time.perf_counter() - t0
    t0 = time.perf_counter()
    split_sentences(paragraph * 10)
    large = time.perf_counter() - t0
    assert large < 30 * small + 0.05  # 10x the text, well under quadratic's 100x
