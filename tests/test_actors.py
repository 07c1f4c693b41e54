"""Actor mentions found from tokens alone: lexicon, agents, titles, appositives, pronouns."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from redline.actors.lexicon import ActorDataError, load_actor_lexicon
from redline.actors.mentions import Mention, MentionFinder, Words
from redline.actors.normalize import spacy_tokenize


@pytest.fixture(scope="module")
def find(resources: Any) -> Any:
    def run(*sentences: str, on: date = date(2024, 6, 21), lexicon: Any = None
            ) -> list[list[Mention]]:
        finder = MentionFinder(lexicon or resources.actors, on)
        out, offset = [], 0
        for sentence in sentences:
            doc = resources.nlp.tokenizer(sentence)
            words = Words([t.text for t in doc], [t.idx for t in doc], sentence, offset)
            out.append(finder.find(words))
            offset += len(sentence) + 1
        return out

    return run


def summary(mentions: list[Mention]) -> list[tuple[str, str, str]]:
    return [(m.text, m.code, m.sector) for m in mentions]


def test_countries_capitals_demonyms_and_igos(find):
    [mentions] = find("Seoul and the Kremlin traded barbs as NATO and South Korean officials "
                      "met in Kyiv.")
    assert summary(mentions) == [
        ("Seoul", "KOR", "GOV"), ("the Kremlin", "RUS", "GOV"), ("NATO", "IGOWSTNAT", ""),
        ("South Korean officials", "KOR", "GOV"), ("Kyiv", "UKR", "GOV"),
    ]


def test_lower_case_words_and_longer_names_are_not_actors(find):
    [mentions] = find("The turkey was served in western Ukraine, the Washington Post reported.")
    assert summary(mentions) == [("Ukraine", "UKR", "")]


def test_short_acronyms_must_be_in_capitals(find):
    [mentions] = find("Who will help us? The US and the WHO did.")
    assert [m.code for m in mentions] == ["USA", "IGOUNOHLHWHO"]


def test_agent_joined_to_a_possessive_country(find):
    [mentions] = find("Hungary's foreign ministry and Seoul's current leadership objected.")
    assert summary(mentions) == [("Hungary's foreign ministry", "HUN", "GOV"),
                                 ("Seoul's current leadership", "KOR", "GOV")]


def test_office_holders_depend_on_the_date(find):
    [in_office] = find("Donald Trump spoke.", on=date(2018, 5, 1))
    [out_of_office] = find("Donald Trump spoke.", on=date(2023, 5, 1))
    assert summary(in_office) == [("Donald Trump", "USA", "GOV")]
    assert summary(out_of_office) == [("Donald Trump", "USA", "ELI")]


def test_appositive_before_and_after_the_title(find):
    [first] = find("Aleksandr Volfovich, Belarus's security council secretary, spoke.")
    [second] = find("Chile summoned the Peruvian ambassador in Santiago, Rosa Esther Silva, "
                    "on Monday.")
    assert ("Aleksandr Volfovich", "BLR", "GOV") in summary(first)
    assert ("Rosa Esther Silva", "PER", "GOV") in summary(second)


def test_learned_names_and_pronouns_across_sentences(find):
    first, second = find("Lithuanian Defence Minister Dovile Sakaliene met her counterpart.",
                         "Sakaliene said she would visit Warsaw.")
    assert ("Lithuanian Defence Minister Dovile Sakaliene", "LTU", "GOV") in summary(first)
    assert summary(second)[:2] == [("Sakaliene", "LTU", "GOV"), ("she", "LTU", "GOV")]


def test_the_country_and_both_countries(find):
    first, second = find("Peru recalled its ambassador from Mexico.",
                         "The country said both countries would talk.")
    assert summary(second)[0] == ("The country", "PER", "")
    pair = [m.code for m in second if m.via.startswith("pair")]
    assert sorted(pair) == ["MEX", "PER"]


def test_it_needs_a_recent_state(find):
    _, _, third = find("Iran tested a missile.", "The weather was fine.",
                       "It was the third test.")
    assert third == []


def test_spans_are_document_offsets(find):
    sentences = ("Putin spoke.", "Then the Russian ambassador left Seoul.")
    text = " ".join(sentences)
    for mentions in find(*sentences):
        for m in mentions:
            assert text[m.char_start:m.char_end] == m.text


def test_user_actor_file_adds_actors(find, resources, tmp_path: Path):
    extra = tmp_path / "actors.tsv"
    extra.write_text("pattern\tcode\tsector\tkind\nSouthern Transitional Council\tYEMREB\t\tgroup\n"
                     "Aidarous al-Zubaidi\tYEM\tREB\tperson\n", encoding="utf-8")
    lexicon = load_actor_lexicon(spacy_tokenize(resources.nlp.tokenizer), [extra])
    [mentions] = find("The Southern Transitional Council and Aidarous al-Zubaidi rejected it.",
                      lexicon=lexicon)
    assert summary(mentions)[:2] == [("The Southern Transitional Council", "YEM", "REB"),
                                     ("Aidarous al-Zubaidi", "YEM", "REB")] or summary(
        mentions)[:2] == [("Southern Transitional Council", "YEM", "REB"),
                          ("Aidarous al-Zubaidi", "YEM", "REB")]


def test_user_actor_file_errors_name_the_line(resources, tmp_path: Path):
    bad = tmp_path / "bad.tsv"
    bad.write_text("pattern\tcode\tstart\nsomewhere\tFRA\t2024-13-01\n", encoding="utf-8")
    with pytest.raises(ActorDataError, match=r"bad\.tsv:2: bad date"):
        load_actor_lexicon(spacy_tokenize(resources.nlp.tokenizer), [bad])
