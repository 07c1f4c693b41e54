"""Find actor mentions in a sentence from its tokens alone (no parse).

Mentions are found before any parsing because they decide, with the trigger words, which
sentences are worth parsing (the prefilter) and because pronouns are resolved across the
whole document: both must come out the same whether a sentence is parsed or not.

What is recognised, in order:
- lexicon phrases (countries, demonyms, capitals as metonyms, IGOs, people, groups), which
  must show a capital letter (so "turkey" and "western Ukraine" are not actors);
- agents joined to a state-like actor: "Russian ambassador", "South Korea's national
  security adviser", "Seoul's current leadership", "the foreign minister of France";
- titles and appositives that name a person: "Iraqi Prime Minister Mohammed Shia
  al-Sudani", "Chang Ho-jin, South Korea's national security adviser,", "the Russian
  ambassador in Seoul, Georgi Zinoviev,". Such names are learned for the rest of the
  document ("Sudani" later in the text);
- pronouns and anaphors ("he", "its", "they", "the country", "both countries"), resolved
  to the last compatible mention earlier in the document.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING

from redline.actors.lexicon import STATE_LIKE, ActorLexicon, Trie, resolve_entry
from redline.actors.normalize import normalize_token

if TYPE_CHECKING:
    from spacy.tokens import Doc


@dataclass(frozen=True)
class Words:
    """A sentence as plain lists (no spaCy objects): token texts, their offsets in the
    sentence, the sentence text and its offset in the document."""

    texts: list[str]
    idxs: list[int]
    text: str
    offset: int

    def span(self, start: int, end: int) -> tuple[int, int, str]:
        """Document offsets and text of tokens ``start``..``end`` (exclusive)."""
        c0 = self.idxs[start]
        c1 = self.idxs[end - 1] + len(self.texts[end - 1])
        return self.offset + c0, self.offset + c1, self.text[c0:c1]


@dataclass(frozen=True)
class Mention:
    """An actor named in a sentence. ``start``/``end`` are token indices in the sentence,
    ``char_start``/``char_end`` document offsets; ``via`` says how it was found (for
    ``explain``); ``anaphoric``: an anaphor ("it", "the country") resolved to an earlier
    mention."""

    start: int
    end: int
    char_start: int
    char_end: int
    text: str
    code: str
    sector: str
    name: str
    kind: str
    via: str
    anaphoric: bool = False

    def covers(self, token_index: int) -> bool:
        return self.start <= token_index < self.end


PERSON_PRONOUNS = frozenset({"he", "him", "his", "himself", "she", "her", "hers", "herself"})
THING_PRONOUNS = frozenset({"it", "its", "itself"})
GROUP_PRONOUNS = frozenset({"they", "them", "their", "themselves"})
COUNTRY_ANAPHORS = {("the", "country"), ("the", "nation")}
GOVERNMENT_ANAPHORS = {
    ("the", "government"),
    ("the", "regime"),
    ("the", "administration"),
    ("the", "kingdom"),
    ("the", "republic"),
}
PAIR_ANAPHORS = {
    ("both", "countries"),
    ("the", "two", "countries"),
    ("both", "sides"),
    ("the", "two", "sides"),
    ("both", "nations"),
    ("the", "two", "nations"),
    ("the", "two", "neighbours"),
    ("the", "two", "neighbors"),
}
ANAPHOR_STARTS: dict[str, list[tuple[tuple[str, ...], str]]] = {}
for _phrases, _kind in ((PAIR_ANAPHORS, "pair"), (COUNTRY_ANAPHORS, "country"),
                        (GOVERNMENT_ANAPHORS, "government")):
    for _phrase in sorted(_phrases, key=len, reverse=True):
        ANAPHOR_STARTS.setdefault(_phrase[0], []).append((_phrase, _kind))
POSSESSIVE = frozenset({"'s", "'"})
# Lower-case words allowed between a state-like actor and its agent noun
# ("Seoul's current leadership", "the Russian foreign ministry's").
MODIFIER_STOP = frozenset(
    "and or but to of in on at for by with from as is are was were be been has have had "
    "will would could should may might can must not no that which who said says say "
    "than then also the a an this these those its their his her".split()
)
NAME_PARTICLES = frozenset({"al", "el", "bin", "ibn", "de", "da", "van", "von", "der", "la", "le"})
NAME_STOP = frozenset(
    "The A An In On At For And But Or Of To By With From As This That These Those It He She "
    "They We I On Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
)
# Pronoun antecedents (other than people) must be this recent, in sentences.
THING_RECENCY = 2
GROUP_KINDS = frozenset({"country", "capital", "igo", "group", "agent", "org"})


@dataclass
class _Raw:
    kind: str  # "actor" | "agent" | "anaphor"
    start: int  # original token indices, end exclusive
    end: int
    code: str = ""
    sector: str = ""
    name: str = ""
    actor_kind: str = ""
    via: str = "lexicon"
    words: tuple[str, ...] = ()


@dataclass
class MentionFinder:
    """Finds mentions sentence by sentence and remembers the document's actors."""

    lexicon: ActorLexicon
    doc_date: date | None
    learned: Trie = field(default_factory=Trie)
    history: list[tuple[int, Mention]] = field(default_factory=list)
    sentence_count: int = 0

    def find(self, words: Words) -> list[Mention]:
        """Mentions in one sentence."""
        texts = words.texts
        norms_all = [normalize_token(t) for t in texts]
        positions = [i for i, n in enumerate(norms_all) if n]
        norms = [norms_all[i] for i in positions]
        raws = self._scan(texts, positions, norms)
        mentions = _unique_spans(self._combine(words, raws))
        for m in mentions:
            self.history.append((self.sentence_count, m))
        self.sentence_count += 1
        return mentions

    # -- pass 1: lexicon, agent and anaphor matches over normalised tokens ---------------
    def _scan(self, texts: list[str], positions: list[int], norms: list[str]) -> list[_Raw]:
        raws: list[_Raw] = []
        j = 0
        while j < len(norms):
            found = self._match_at(texts, positions, norms, j)
            if found is None:
                j += 1
                continue
            raws.append(found[0])
            j = found[1]
        return raws

    def _match_at(
        self, texts: list[str], positions: list[int], norms: list[str], j: int
    ) -> tuple[_Raw, int] | None:
        """The longest match starting at compact position ``j`` and the position after it."""
        word = norms[j]
        for phrase, kind in ANAPHOR_STARTS.get(word, ()):
            if tuple(norms[j : j + len(phrase)]) == phrase:
                end = positions[j + len(phrase) - 1] + 1
                return _Raw("anaphor", positions[j], end, via=kind, words=phrase), j + len(phrase)
        if word in PERSON_PRONOUNS or word in THING_PRONOUNS or word in GROUP_PRONOUNS:
            return _Raw("anaphor", positions[j], positions[j] + 1, via="pronoun",
                        words=(word,)), j + 1
        best: _Raw | None = None
        best_j = j
        learned = self.learned.longest(norms, j)
        if learned is not None and _capitalised(texts, positions[j : learned[0]]):
            end_j, payloads = learned
            m: Mention = payloads[0]
            best = _Raw("actor", positions[j], positions[end_j - 1] + 1, m.code, m.sector,
                        m.name, "person", "learned")
            best_j = end_j
        actor = self.lexicon.match_actor(norms, j)
        if actor is not None:
            end_j, entries = actor
            entry = resolve_entry(entries, self.doc_date)
            span = positions[j:end_j]
            if (
                entry is not None
                and self.lexicon.is_valid_code(entry.code)
                and _capitalised(texts, span)
                and not (entry.kind == "capital" and _part_of_longer_name(texts, span[-1] + 1))
                and (best is None or span[-1] + 1 > best.end)
            ):
                best = _Raw("actor", positions[j], span[-1] + 1, entry.code, entry.sector,
                            entry.name, entry.kind)
                best_j = end_j
        agent = self.lexicon.match_agent(norms, j)
        if agent is not None:
            end_j, sector = agent
            end = positions[end_j - 1] + 1
            if best is None or end > best.end:
                best = _Raw("agent", positions[j], end, sector=sector,
                            words=tuple(norms[j:end_j]))
                best_j = end_j
        return (best, best_j) if best is not None else None

    # -- pass 2: join agents to their country, names to titles, resolve anaphors ------------
    def _combine(self, words: Words, raws: list[_Raw]) -> list[Mention]:
        texts = words.texts
        out: list[Mention] = []
        used: set[int] = set()

        def make(start: int, end: int, code: str, sector: str, name: str, kind: str,
                 via: str) -> Mention:
            return _mention(words, start, end, code, sector, name, kind, via)

        for r_i, raw in enumerate(raws):
            if r_i in used or raw.kind != "actor":
                continue
            # state-like actor + ('s) + modifiers + agent  ->  agent of that state
            agent_i = self._agent_after(texts, raws, r_i)
            if raw.actor_kind in STATE_LIKE and agent_i is not None:
                agent = raws[agent_i]
                used.update({r_i, agent_i})
                sector = "" if raw.code.startswith("IGO") else agent.sector
                title = make(raw.start, agent.end, raw.code, sector, raw.name, "agent", "agent")
                named = self._name_after_title(words, raws, agent_i, agent.end, title)
                if named is not None:
                    out.append(named)
                    continue
                out.append(title)
                apposed = self._apposition(words, raw.start, agent.end, title)
                if apposed is not None:
                    out.append(apposed)
                continue
            used.add(r_i)
            mention = make(raw.start, raw.end, raw.code, raw.sector, raw.name, raw.actor_kind,
                           raw.via)
            # "the Russian ambassador" handled above; "Putin" after a title is kept as is.
            out.append(mention)
        # agent + "of" + state-like actor: "the foreign minister of France"
        for r_i, raw in enumerate(raws):
            if raw.kind != "agent" or r_i in used:
                continue
            nxt = r_i + 1
            if (
                nxt < len(raws)
                and raws[nxt].kind == "actor"
                and raws[nxt].actor_kind in STATE_LIKE
                and raws[nxt].start == raw.end + 1
                and texts[raw.end].lower() == "of"
            ):
                target = raws[nxt]
                out = [m for m in out if not (m.start == target.start and m.end == target.end)]
                used.update({r_i, nxt})
                sector = "" if target.code.startswith("IGO") else raw.sector
                out.append(make(raw.start, target.end, target.code, sector, target.name,
                                "agent", "agent"))
        for raw in raws:
            if raw.kind == "anaphor":
                out.extend(self._resolve_anaphor(words, raw, out))
        return out

    def _agent_after(self, texts: list[str], raws: list[_Raw], r_i: int) -> int | None:
        """Index of an agent raw that belongs to the state-like actor ``raws[r_i]``."""
        if r_i + 1 >= len(raws) or raws[r_i + 1].kind != "agent":
            return None
        gap = [t for t in texts[raws[r_i].end : raws[r_i + 1].start] if t.strip()]
        if gap and normalize_token(gap[0]) in POSSESSIVE:
            gap = gap[1:]
        if len(gap) > 3:
            return None
        for word in gap:
            if not word.isalpha() or word.lower() in MODIFIER_STOP:
                return None
            if word[0].isupper() and not _capitalised_modifier(word):
                return None
        return r_i + 1

    def _name_after_title(
        self, words: Words, raws: list[_Raw], agent_i: int, title_end: int, title: Mention
    ) -> Mention | None:
        """"Russian President Vladimir Putin": a person after a title takes the title's
        country when the lexicon does not know them, and is learned for the document."""
        texts = words.texts
        nxt = agent_i + 1
        if nxt < len(raws) and raws[nxt].kind == "actor" and raws[nxt].start == title_end:
            person = raws[nxt]
            if person.actor_kind == "person":
                raws[nxt] = _Raw("used", person.start, person.end)
                return _mention(words, title.start, person.end, person.code, person.sector,
                                person.name, "person", person.via)
            return None
        end = _name_run(texts, title_end)
        if end is None:
            return None
        name = " ".join(texts[title_end:end]).replace(" - ", "-")
        self._learn(texts[title_end:end], title, name)
        return _mention(words, title.start, end, title.code, title.sector, name, "person",
                        "title")

    def _apposition(self, words: Words, start: int, end: int, title: Mention) -> Mention | None:
        """"NAME, <title>," or "<title>, NAME,": the name takes the title's actor."""
        texts = words.texts
        before = start - 1
        if before >= 0 and texts[before].lower() == "the":
            before -= 1
        if before >= 1 and texts[before] == ",":
            name_end = before
            name_start = name_end
            while name_start - 1 >= 0 and _name_token(texts[name_start - 1]):
                name_start -= 1
            if name_start < name_end and (name_start == 0 or texts[name_start - 1] in {",", ";"}):
                parts = texts[name_start:name_end]
                if _looks_like_name(parts):
                    name = _join_name(parts)
                    self._learn(parts, title, name)
                    return _mention(words, name_start, name_end, title.code, title.sector,
                                    name, "person", "appositive")
        after = end
        # skip a location phrase: "the Russian ambassador in Seoul, Georgi Zinoviev,"
        if after < len(texts) and texts[after].lower() in {"in", "to", "at"}:
            k = after + 1
            while k < len(texts) and texts[k] != "," and k - after <= 4:
                k += 1
            after = k
        if after < len(texts) and texts[after] == ",":
            n_end = _name_run(texts, after + 1)
            if n_end is not None and (n_end == len(texts) or texts[n_end] in {",", ".", ";"}):
                parts = texts[after + 1 : n_end]
                if _looks_like_name(parts):
                    name = _join_name(parts)
                    self._learn(parts, title, name)
                    return _mention(words, after + 1, n_end, title.code, title.sector, name,
                                    "person", "appositive")
        return None

    def _learn(self, words: Sequence[str], title: Mention, name: str) -> None:
        tokens = tuple(n for n in (normalize_token(w) for w in words) if n)
        if not tokens:
            return
        template = Mention(0, 0, 0, 0, name, title.code, title.sector, name, "person", "learned")
        self.learned.add(tokens, template, first=True)
        surname = tokens[-1]
        if len(surname) >= 3 and len(tokens) > 1:
            self.learned.add((surname,), template, first=True)

    def _resolve_anaphor(self, words: Words, raw: _Raw, current: list[Mention]) -> list[Mention]:
        """Resolve a pronoun or anaphoric noun phrase to earlier mentions:
        "he"/"she" to the last person; "it"/"its" to the last state or IGO of this or the
        previous sentence; "they" to the last state, group or body; "the country" and "the
        government" to the first state named in the nearest sentence that names one (news
        writers mean the topic, usually the subject, not the last country named); "both
        countries" to the last two states."""
        earlier = [(self.sentence_count, m) for m in current if m.end <= raw.start]
        candidates = list(reversed(self.history + sorted(earlier, key=lambda x: x[1].start)))
        word = raw.words[0] if raw.words else ""
        now = self.sentence_count
        picked: list[Mention] = []
        if raw.via == "pronoun" and word in PERSON_PRONOUNS:
            picked = _first(candidates, lambda s, m: m.kind == "person")
        elif raw.via == "pronoun" and word in THING_PRONOUNS:
            picked = _first(candidates, lambda s, m: m.kind in STATE_LIKE and now - s <= 1)
        elif raw.via == "pronoun":
            picked = _first(candidates, lambda s, m: m.kind in GROUP_KINDS
                            and now - s <= THING_RECENCY)
        elif raw.via in ("country", "government"):
            states = [(s, m) for s, m in candidates if not m.code.startswith("IGO")]
            if states:
                nearest = states[0][0]
                picked = [min((m for s, m in states if s == nearest), key=lambda m: m.start)]
        elif raw.via == "pair":
            seen: list[Mention] = []
            for s, m in candidates:
                if m.code.startswith("IGO") or any(p.code == m.code for p in seen):
                    continue
                if now - s > THING_RECENCY:
                    break
                seen.append(m)
                if len(seen) == 2:
                    break
            picked = seen if len(seen) == 2 else []
        out = []
        for ante in picked:
            sector = {"government": "GOV", "country": "", "pair": ""}.get(raw.via, ante.sector)
            # "the country" names a state even when found through a person ("Chang, South
            # Korea's adviser, said the country ..."), so later pronouns can refer to it
            kind = "country" if raw.via in ("country", "government", "pair") else ante.kind
            out.append(_mention(words, raw.start, raw.end, ante.code, sector, ante.name,
                                kind, f"{raw.via}->{ante.text}", anaphoric=True))
        return out


def _unique_spans(mentions: list[Mention]) -> list[Mention]:
    """Mentions in text order; of two with the same span and code, the lexicon's wins."""
    out: dict[tuple[int, int, str], Mention] = {}
    for m in sorted(mentions, key=lambda m: (m.start, m.end, m.via != "lexicon")):
        out.setdefault((m.start, m.end, m.code), m)
    return list(out.values())


def _first(candidates: list[tuple[int, Mention]],
           test: Callable[[int, Mention], bool]) -> list[Mention]:
    for s, m in candidates:
        if test(s, m):
            return [m]
    return []


FINITE_VERB_TAGS = frozenset({"VBD", "VBP", "VBZ", "MD"})


def cut_at_finite_verbs(mentions: Sequence[Mention], doc: Doc) -> list[Mention]:
    """Mentions made of a state and an agent word a few words on, cut where a finite verb
    stands between them: the finder reads no tags, and "the United States held joint naval
    drills" names the United States, not its navy. What is left before the verb keeps the
    state's code and no sector; the rest of the span names no one."""
    out = []
    for m in mentions:
        verb = next((i for i in range(m.start + 1, m.end - 1)
                     if doc[i].tag_ in FINITE_VERB_TAGS), None) if m.kind == "agent" else None
        if verb is None:
            out.append(m)
            continue
        kept = doc[m.start:verb]
        out.append(replace(m, end=verb, char_end=m.char_start + len(kept.text), text=kept.text,
                           sector="", kind="country", via=f"{m.via}, cut at a verb"))
    return out


def _mention(words: Words, start: int, end: int, code: str, sector: str, name: str, kind: str,
             via: str, anaphoric: bool = False) -> Mention:
    c0, c1, text = words.span(start, end)
    return Mention(start, end, c0, c1, text, code, sector, name, kind, via, anaphoric)


def _capitalised(texts: list[str], span: Sequence[int]) -> bool:
    """A proper-noun match needs at least one capitalised content word; a short acronym
    ("US", "WHO", "AU") must be all capitals, so "Who" and "us" are not actors."""
    if len(span) == 1 and len(texts[span[0]]) <= 3 and texts[span[0]].isalpha():
        return texts[span[0]].isupper()
    for i in span:
        word = texts[i]
        if word[:1].isupper() and word.lower() not in {"the", "of", "and"}:
            return True
    return False


def _capitalised_modifier(word: str) -> bool:
    """Capitalised words that may stand between a country and its agent
    ("Russian Foreign Ministry", "U.S. Central Command")."""
    return word.lower() in {"foreign", "defense", "defence", "interior", "state", "central",
                            "national", "federal", "supreme", "prime", "deputy", "vice",
                            "chief", "top", "senior", "former", "acting", "army", "security"}


def _part_of_longer_name(texts: list[str], i: int) -> bool:
    """"Washington Post", "Moscow Times": a capital followed by a capitalised word."""
    return i < len(texts) and texts[i][:1].isupper() and texts[i].isalpha()


def _name_token(word: str) -> bool:
    return (word[:1].isupper() and word.replace(".", "").replace("'", "").isalpha()
            and word not in NAME_STOP) or word.lower() in NAME_PARTICLES or word == "-"


def _name_run(texts: list[str], start: int) -> int | None:
    """End of a run of name tokens starting at ``start`` (at least one capitalised word)."""
    end = start
    while end < len(texts) and _name_token(texts[end]) and end - start < 6:
        end += 1
    while end > start and (texts[end - 1] == "-" or texts[end - 1].lower() in NAME_PARTICLES):
        end -= 1
    if end == start or not texts[start][:1].isupper():
        return None
    return end


def _looks_like_name(words: Sequence[str]) -> bool:
    caps = [w for w in words if w[:1].isupper()]
    return 1 <= len(caps) <= 5 and all(w not in NAME_STOP for w in caps)


def _join_name(words: Sequence[str]) -> str:
    return " ".join(words).replace(" - ", "-")
