"""The coder: documents in, coded documents (events, commitments, dropped candidates) out.

Runs the stages of DESIGN.md in order. Work is done in chunks of documents so that the
spaCy parser sees large batches of sentences (fast) while memory stays bounded:

1. segment each document into sentences, find actor mentions (parse-free), and decide
   which sentences can hold an event: a trigger word and an actor (the prefilter);
2. parse the kept sentences of the chunk in one ``nlp.pipe`` call;
3. per sentence: frames, modality, date and place, events; then commitments.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from redline import CODER_VERSION
from redline.actors.candidates import (
    NOMINAL_HEADS,
    ActorCandidate,
    find_candidates,
    is_place,
    may_sit_inside_name,
)
from redline.actors.lexicon import ActorLexicon
from redline.actors.mentions import Mention, MentionFinder, Words, cut_at_finite_verbs
from redline.commitments.commitments import (
    CodedFrame,
    CommitmentDraft,
    CommitmentFinder,
    may_state_alliance,
    merge_commitments,
)
from redline.events.frames import Candidate, Frame, FrameBuilder, tag_allows
from redline.events.lexicon import VerbLexicon
from redline.events.linking import LinkPolicy, link, pair_events
from redline.loading import load_parts
from redline.modality.modality import Modality, ModalityAnalyzer, ModalityCues
from redline.nlp.memory import release_free_memory
from redline.nlp.pipeline import DEFAULT_MODEL, run_pipe
from redline.nlp.segment import SentenceSplitter
from redline.ontology import Ontology
from redline.records import (
    ActorRef,
    CodedDocument,
    Commitment,
    Document,
    Dropped,
    Event,
    Location,
    Sentence,
)
from redline.whenwhere.countries import country
from redline.whenwhere.datelines import find_dateline
from redline.whenwhere.dates import DateCues, date_for, find_time_expressions
from redline.whenwhere.gazetteer import Gazetteer, load_gazetteer, name_key
from redline.whenwhere.places import PlaceContext, location_for

# Components that only need tokens; the rest (parser, attribute ruler) run on fewer sentences.
EARLY_COMPONENTS = frozenset({"tok2vec", "tagger"})
# A chunk's sentences stay tokenised (and the parsed ones tagged and parsed) until it is coded,
# so a chunk is bounded by its text as well as by its documents: long documents make smaller
# chunks. The cap is above what 64 wire stories usually hold (98,000 characters on median,
# 136,000 at most), so it splits only chunks of long documents. A cap of 64,000 made no
# difference to an ingest's peak (its batches are 32 documents) and looked slower in one run of
# bench/throughput.py.
DOCS_PER_CHUNK = 64
CHUNK_CHARACTERS = 128_000
TRIM_EVERY_DOCUMENTS = 32  # give freed heap back to the system (nlp/memory.py; about 2 ms)


@dataclass(frozen=True)
class ResourceOptions:
    """What to load: enough to build the same ``Resources`` in another process (a Dask
    worker) without shipping spaCy objects around."""

    actor_files: tuple[str, ...] = ()
    verb_files: tuple[str, ...] = ()
    classifier: bool = True

    def as_kwargs(self) -> dict[str, Any]:
        return {"actor_files": [Path(p) for p in self.actor_files],
                "verb_files": [Path(p) for p in self.verb_files],
                "classifier": self.classifier}


@dataclass
class Resources:
    """Everything the coder needs, loaded once and passed in (never global)."""

    nlp: Language
    actors: ActorLexicon
    verbs: VerbLexicon
    ontology: Ontology
    cues: ModalityCues
    relations: Any = None  # a RelationClassifier: its pair head links actors into events
    link_policy: LinkPolicy = field(default_factory=LinkPolicy)

    @property
    def gazetteer(self) -> Gazetteer:
        """The offline gazetteer places are resolved in (read once a process, when the first
        document is coded)."""
        return load_gazetteer()

    @cached_property
    def date_cues(self) -> DateCues:
        """The cues' future and reporting words as the date resolver matches them."""
        return DateCues.of(self.cues)

    @classmethod
    def load(
        cls,
        actor_files: Sequence[Path] = (),
        verb_files: Sequence[Path] = (),
        model: str = DEFAULT_MODEL,
        classifier: bool = True,
    ) -> Resources:
        """Everything the coder needs; the relation classifier (with ``classifier``, the
        default as on the command line; ``classifier=False`` is the lexicon-only coder of
        ``--fast``) is loaded in a thread of its own while spaCy and the lexicons load
        here. The classifier is this object's ``relations``, loaded anew for each call:
        build ``Resources`` once and pass it on."""
        parts = load_parts(actor_files, verb_files, model, classifier)
        return cls(nlp=parts.nlp, actors=parts.actors, verbs=parts.verbs,
                   ontology=parts.ontology, cues=parts.cues, relations=parts.relations)


@dataclass
class SentenceWork:
    """A sentence on its way through the pipeline."""

    sentence: Sentence
    doc: Doc
    mentions: list[Mention]
    candidates: list[tuple[int, bool, bool]]
    parse: bool
    skip_reason: str = ""
    alliance_cue: bool = False  # may state an alliance clause without any event word
    two_actors: bool = False  # with the pair model: two coded actors may make an event
    builder: FrameBuilder | None = None
    actors: list[ActorCandidate] = field(default_factory=list)
    frames: list[Frame] = field(default_factory=list)
    modalities: list[Modality] = field(default_factory=list)
    pairs: list[str] = field(default_factory=list)  # for explain: the pairs scored


@dataclass(frozen=True)
class DocumentPlaces:
    """A document's gazetteer context and its resolved dateline (``None``: none)."""

    context: PlaceContext
    dateline: Location | None = None


@dataclass
class SentenceTrace:
    """What ``explain`` shows for a sentence."""

    sentence: Sentence
    doc: Doc
    mentions: list[Mention]
    parsed: bool
    skip_reason: str
    frames: list[tuple[Frame, CodedFrame, list[str]]] = field(default_factory=list)
    dropped: list[Dropped] = field(default_factory=list)
    commitments: list[str] = field(default_factory=list)
    candidates: list[ActorCandidate] = field(default_factory=list)
    pairs: list[str] = field(default_factory=list)


@dataclass
class Coder:
    resources: Resources
    prefilter: bool = True
    keep_traces: bool = False
    traces: list[SentenceTrace] = field(default_factory=list)
    _splitter: SentenceSplitter | None = None
    _untrimmed: int = 0  # documents coded since the last trim, over all calls

    def code_documents(self, documents: Iterable[Document]) -> Iterator[CodedDocument]:
        chunk: list[Document] = []
        characters = 0
        for document in documents:
            if chunk and (len(chunk) >= DOCS_PER_CHUNK
                          or characters + len(document.text) > CHUNK_CHARACTERS):
                yield from self._code_counted(chunk)
                chunk, characters = [], 0
            chunk.append(document)
            characters += len(document.text)
        if chunk:
            yield from self._code_counted(chunk)

    def code_document(self, document: Document) -> CodedDocument:
        return self._code_counted([document])[0]

    def _code_counted(self, documents: list[Document]) -> list[CodedDocument]:
        """Code a chunk; every ``TRIM_EVERY_DOCUMENTS`` documents, whether they came in one
        call or in many small ones (an ingest codes a batch at a time), give the freed heap
        back."""
        coded = self._code_chunk(documents)
        self._untrimmed += len(documents)
        if self._untrimmed >= TRIM_EVERY_DOCUMENTS:
            release_free_memory()
            self._untrimmed = 0
        return coded

    # -- stages ---------------------------------------------------------------------------
    def _code_chunk(self, documents: list[Document]) -> list[CodedDocument]:
        """Code a chunk inside a spaCy memory zone: the strings and Docs of the chunk are freed
        when it is done, so spaCy's string store does not grow with the corpus. Records hold plain
        values only, so nothing refers into the zone after it closes; traces (``explain``)
        keep the parsed Docs, so they are coded outside a zone."""
        zone: AbstractContextManager[Any] = (nullcontext() if self.keep_traces
                                             else self.resources.nlp.memory_zone())
        with zone:
            prepared = [self._prepare(d) for d in documents]
            works = [w for ws in prepared for w in ws if w.parse]
            if self.prefilter:
                self._tag_then_parse(works)
            elif works:
                run_pipe(self.resources.nlp, [w.doc for w in works])
            self._build_frames([w for ws in prepared for w in ws if w.parse])
            return [self._code_parsed(document, ws)
                    for document, ws in zip(documents, prepared, strict=True)]

    def _build_frames(self, works: list[SentenceWork]) -> None:
        """Frames for the parsed sentences of a chunk: the lexicon's, then, in one batch
        over the chunk, the pair model's events fitted with them (``events/linking.py``);
        then each frame's modality."""
        res = self.resources
        analyzer = ModalityAnalyzer(res.cues, res.verbs.lemmatize)
        for work in works:
            work.mentions = cut_at_finite_verbs(work.mentions, work.doc)
            # without the pair model, candidates only keep dictionary words inside longer
            # names out of the frames: found only where that can happen
            if res.relations is not None or self.keep_traces or may_sit_inside_name(
                    work.doc, work.mentions):
                work.actors = find_candidates(work.doc, work.mentions, res.actors,
                                              work.sentence.start)
            # a dictionary word inside a name the dictionaries do not know ("German" in "the
            # German Marshall Fund") is no actor for the lexicon's frames either
            named = [c for c in work.actors if c.kind == "named"]
            mentions = [m for m in work.mentions
                        if not any(c.start <= m.start and m.end <= c.end for c in named)]
            # a place kept "China" out of "the South China Sea"; it is no one's actor
            work.actors = [c for c in work.actors if not is_place(work.doc, c)]
            work.builder = FrameBuilder(work.doc, mentions, res.verbs, res.ontology,
                                        work.candidates)
            work.frames = work.builder.build()
        if res.relations is not None:
            self._link_pairs([w for w in works if len(w.actors) >= 2])
        for work in works:
            work.modalities = [analyzer.analyze(f.trigger) for f in work.frames]

    def _link_pairs(self, works: list[SentenceWork]) -> None:
        from redline.relations.pairs import PairItem  # torch: only with the classifier

        res = self.resources
        analyzer = ModalityAnalyzer(res.cues, res.verbs.lemmatize)
        items = [PairItem(w.sentence.text, [c.span for c in w.actors]) for w in works]
        labels = res.relations.labels
        for work, scores in zip(works, res.relations.predict_pairs(items), strict=True):
            assert work.builder is not None
            statement = scores.penta[0] if scores.penta else 0.0
            events = pair_events(scores.pairs, labels, res.link_policy, statement)
            unasserted = frozenset(f.trigger.i for f in work.frames
                                   if not analyzer.analyze(f.trigger).asserted)
            work.frames = link(work.doc, work.builder, work.frames, work.actors, events,
                               scores.pairs, res.ontology, res.link_policy,
                               statement >= res.link_policy.statement, unasserted)
            if self.keep_traces:
                work.pairs = [_pair_line(work.actors, i, j, probs, labels)
                              for (i, j), probs in scores.pairs.items()]

    def _tag_then_parse(self, works: list[SentenceWork]) -> None:
        """Tag first, then parse only the sentences where a candidate trigger has a tag that
        can make a frame. The parser reads the same token vectors (``doc.tensor``), so the
        parse is the one a single pass would give."""
        nlp = self.resources.nlp
        early = [name for name in nlp.pipe_names if name in EARLY_COMPONENTS]
        late = [name for name in nlp.pipe_names if name not in EARLY_COMPONENTS]
        with nlp.select_pipes(enable=early):
            run_pipe(nlp, [w.doc for w in works])
        parse_docs = []
        tag_names = nlp.vocab.strings
        for work in works:
            tags = [tag_names[h] for h in work.doc.to_array("TAG").tolist()]
            if work.alliance_cue or work.two_actors or tag_allows(tags, work.candidates):
                parse_docs.append(work.doc)
            else:
                work.parse = False
                work.skip_reason = "no event word with a fitting part of speech"
        with nlp.select_pipes(enable=late):
            run_pipe(nlp, parse_docs)

    def _prepare(self, document: Document) -> list[SentenceWork]:
        tokenizer = self.resources.nlp.tokenizer
        if self._splitter is None:
            self._splitter = SentenceSplitter(tokenizer)
        finder = MentionFinder(self.resources.actors, document.date)
        pair_model = self.resources.relations is not None
        works = []
        for sentence in self._splitter.split(document.text):
            doc = tokenizer(sentence.text)
            pairs = [(t.text, t.idx) for t in doc]
            texts = [text for text, _ in pairs]
            words = Words(texts, [idx for _, idx in pairs], sentence.text, sentence.start)
            mentions = finder.find(words)
            forms = [t.lower() for t in texts]
            candidates = self.resources.verbs.trigger_candidates(forms)
            alliance_cue = may_state_alliance(forms)
            # the pair model reads events the lexicon has no word for ("'We stand with
            # Mauritius,' the minister said"), so two named states are worth a parse
            two_actors = pair_model and len({m.code for m in mentions if m.code}) >= 2
            reason = ""
            if sentence.heading:
                reason = "a heading"
            elif not mentions and not _may_name_actor(texts, pair_model):
                reason = "no actor named"
            elif not candidates and not alliance_cue and not two_actors:
                reason = "no event word"
            parse = not sentence.heading and (not self.prefilter or not reason)
            works.append(SentenceWork(sentence, doc, mentions, candidates, parse, reason,
                                      alliance_cue=alliance_cue, two_actors=two_actors))
        return works

    def _code_parsed(self, document: Document, works: list[SentenceWork]) -> CodedDocument:
        coded = CodedDocument(document, [w.sentence for w in works])
        drafts: list[tuple[int, CommitmentDraft]] = []
        places = self._places(document, works)
        for work in works:
            trace = SentenceTrace(work.sentence, work.doc, work.mentions, work.parse,
                                  work.skip_reason, candidates=work.actors,
                                  pairs=work.pairs) if self.keep_traces else None
            if work.parse:
                coded.parsed_sentences += 1
                events, sentence_drafts = self._code_sentence(document, work, coded, trace,
                                                              places)
                coded.events.extend(events)
                drafts.extend((work.sentence.index, d) for d in sentence_drafts)
            if trace is not None:
                self.traces.append(trace)
        sentence_of = {s.index: s for s in coded.sentences}
        for index, draft in merge_commitments(drafts):
            sentence = sentence_of[index]
            resolved = date_for(sentence.text, document.date, cues=self.resources.date_cues)
            coded.commitments.append(Commitment(
                doc_id=document.id, sentence_index=index, kind=draft.kind,
                holder=draft.holder, trigger=draft.trigger, response=draft.response,
                sentence=sentence.text, date=resolved.date if resolved else None,
            ))
        return coded

    def _places(self, document: Document, works: list[SentenceWork]) -> DocumentPlaces:
        """The story's countries (its actors' ISO3 codes) and its dateline, for resolving
        its events' places."""
        actors = frozenset((name_key(m.text), m.code) for w in works for m in w.mentions
                           if country(m.code))
        context = PlaceContext(self.resources.gazetteer, actors, self.resources.actors)
        # a dateline is written in capitals before the first sentence's first word
        found = (find_dateline(document.text, self.resources.gazetteer)
                 if document.text[:1].isupper() and document.text[:2].isupper() else None)
        dateline = found[0] if found is not None and found[0].resolved else None
        return DocumentPlaces(context, dateline)

    def _code_sentence(
        self,
        document: Document,
        work: SentenceWork,
        coded: CodedDocument,
        trace: SentenceTrace | None,
        places: DocumentPlaces,
    ) -> tuple[list[Event], list[CommitmentDraft]]:
        res = self.resources
        builder, frames = work.builder, work.frames
        assert builder is not None
        sentence = work.sentence
        events: list[Event] = []
        coded_frames: list[CodedFrame] = []
        expressions = find_time_expressions(sentence.text) if frames else []
        seen: set[tuple[Any, ...]] = set()
        for frame, modality in zip(frames, work.modalities, strict=True):
            key = (_who(frame.sources), frame.cameo.plover, _who(frame.recipients))
            if key in seen:  # one event per (sentence, source, type, target)
                builder.dropped.append(Candidate(frame.trigger, "the same event as an "
                                                                "earlier frame"))
                continue
            seen.add(key)
            resolved = date_for(sentence.text, document.date, frame.trigger.idx, expressions,
                                res.date_cues)
            if resolved is not None and resolved.future:
                modality.add("future", f"dated after publication ({resolved.date})")
            actor = [_ref(m) for m in frame.sources]
            recipient = [_ref(m) for m in frame.recipients]
            place = location_for(frame.trigger, work.mentions, places.context,
                                 {a.code for a in (*actor, *recipient)})
            if place is None and places.dateline is not None and places.dateline.country in {
                    a.code for a in actor}:
                place = (places.dateline, f"the dateline '{places.dateline.place}'")
            plover = frame.cameo.plover
            words = sorted([frame.trigger, *frame.complements], key=lambda t: t.i)
            lemmas = [res.verbs.lemmatize(t.lower_) for t in words]
            mode = frame.cameo.mode or res.ontology.mode_from_cues(plover, lemmas)
            context = list(frame.cameo.context)
            for extra in res.ontology.contexts_from_cues(
                [res.verbs.lemmatize(t.lower_) for t in frame.complements]
            ):
                if extra not in context:
                    context.append(extra)
            reporter = None
            if modality.reporter is not None:
                speakers, _via = builder.agent_of(modality.reporter)
                reporter = _ref(speakers[0]) if speakers else None
            quad = res.ontology.quad(plover)
            event = Event(
                doc_id=document.id,
                sentence_index=sentence.index,
                sentence=sentence.text,
                date=resolved.date if resolved else None,
                date_precision=resolved.precision if resolved else "",
                actor=actor,
                event=plover,
                mode=mode,
                context=context,
                recipient=recipient,
                cameo=frame.cameo.code,
                quad=quad,
                intensity=res.ontology.intensity(frame.cameo.code, plover),
                asserted=modality.asserted,
                modality=list(modality.flags),
                reported_by=reporter,
                location=place[0] if place else None,
                event_span=(sentence.start + frame.span[0], sentence.start + frame.span[1]),
                confidence=_confidence(frame),
                coder=CODER_VERSION,
                typed_by=frame.match.rule if frame.match.specific else "",
            )
            events.append(event)
            cf = CodedFrame(frame, modality, actor, recipient, plover, mode, quad)
            coded_frames.append(cf)
            if trace is not None:
                lines = list(frame.trace) + modality.trace
                if resolved is not None:
                    how = resolved.expression.text if resolved.expression else "publication date"
                    lines.append(f"date {resolved.date} ({resolved.precision}) from {how}")
                if place is not None:
                    lines.append(f"place {_place_line(place[0])} from {place[1]}")
                trace.frames.append((frame, cf, lines))
        if trace is not None:
            builder.dropped.extend(_uncodable(work, res.verbs))
        for cand in builder.dropped:
            span = (sentence.start + cand.token.idx,
                    sentence.start + cand.token.idx + len(cand.token.text))
            dropped = Dropped("events", sentence.index, cand.token.text, span, cand.reason)
            coded.dropped.append(dropped)
            if trace is not None:
                trace.dropped.append(dropped)
        finder = CommitmentFinder(work.doc, coded_frames, work.mentions, _ref, builder.agent_of,
                                  builder.np_actors, res.verbs.lemmatize, res.cues.conditions)
        drafts = finder.find()
        if trace is not None:
            trace.commitments = [f"{d.kind} held by {','.join(h.code for h in d.holder)}: "
                                 f"{d.why}" for d in drafts]
        return events, drafts


def sentence_candidates(resources: Resources, texts: Sequence[str]
                        ) -> list[list[ActorCandidate]]:
    """The actor candidates of each text read as one sentence, for training the pair model.
    Coding finds them the same way, then cuts a mention that spans a finite verb
    (``cut_at_finite_verbs``) and leaves places out of the pairs (``is_place``);
    neither changes how the model encodes a sentence or reads another pair, and the shipped
    model was trained before them."""
    return [found for _doc, found in parsed_candidates(resources, texts)]


def parsed_candidates(resources: Resources, texts: Sequence[str]
                      ) -> list[tuple[Doc, list[ActorCandidate]]]:
    """Each text read as one sentence: its parse and its actor candidates."""
    nlp = resources.nlp
    docs, mentions = [], []
    for text in texts:
        doc = nlp.tokenizer(text)
        words = Words([t.text for t in doc], [t.idx for t in doc], text, 0)
        mentions.append(MentionFinder(resources.actors, None).find(words))
        docs.append(doc)
    run_pipe(nlp, docs)
    return [(doc, find_candidates(doc, found, resources.actors))
            for doc, found in zip(docs, mentions, strict=True)]


def _uncodable(work: SentenceWork, verbs: VerbLexicon) -> list[Candidate]:
    """For ``explain``: lexicon words that were not candidates, and why."""
    candidates = {i for i, _, _ in work.candidates}
    out = []
    for tok in work.doc:
        lemma = verbs.lemmatize(tok.lower_)
        if tok.i in candidates or not (verbs.has_verb(lemma) or lemma in verbs.nominals):
            continue
        out.append(Candidate(tok, f"the lexicon never gives '{lemma}' a PLOVER type in this "
                                  "sentence (no such code, or its pattern words are absent)"))
    return out


def _ref(m: Mention) -> ActorRef:
    return ActorRef(text=m.text, code=m.code, sector=m.sector, name=m.name,
                    span=(m.char_start, m.char_end))


def _who(mentions: Sequence[Mention]) -> tuple[tuple[str, str, str], ...]:
    return tuple(sorted((m.code, m.sector, m.text if not m.code else "") for m in mentions))


def _may_name_actor(texts: Sequence[str], nominal: bool) -> bool:
    """Without a dictionary mention, can the sentence still name an actor: a capitalised
    word after the first (an unknown name), or, for the pair model (``nominal``), a noun of
    people or bodies ("prisoners", "the committee"), which it may link as an actor? The
    lexicon-only coder (``--fast``) finds its actors among dictionary mentions and names
    alone, so it need not parse a sentence for a nominal one."""
    return any((k > 0 and t[:1].isupper() and t[1:2].islower())
               or (nominal and t.lower() in NOMINAL_HEADS) for k, t in enumerate(texts))


def _pair_line(actors: Sequence[ActorCandidate], i: int, j: int, probs: Sequence[float],
               labels: Sequence[str]) -> str:
    ranked = sorted(range(1, len(probs)), key=lambda k: -probs[k])[:2]
    best = ", ".join(f"{labels[k - 1]} {probs[k]:.2f}" for k in ranked)
    return f"'{actors[i].text}' -> '{actors[j].text}': no event {probs[0]:.2f}; {best}"


def _confidence(frame: Frame) -> float:
    """The pair model's probability, else a score from how the lexicon frame was made: a
    specific pattern or a default code, a verb or a noun, roles found in the frame's own
    clause or inherited (from a governing clause, or a source that is a resolved anaphor),
    roles left implicit. Read from the frame's fields, never from its trace (the words
    ``explain`` shows)."""
    if frame.score is not None:
        return round(frame.score, 2)
    score = 0.9 if frame.match.specific else 0.75
    if frame.kind == "noun":
        score -= 0.05
    if frame.inherited or any(m.anaphoric for m in frame.sources):
        score -= 0.1
    if not frame.recipients:
        score -= 0.05
    if not frame.sources:
        score -= 0.15
    return round(max(0.1, min(1.0, score)), 2)


def code_text(text: str, resources: Resources, published: date | None = None,
              doc_id: str = "text") -> CodedDocument:
    """Code one text (the Python API for a single document)."""
    return Coder(resources).code_document(Document(doc_id, text, published))


def _place_line(place: Location) -> str:
    """A place as ``explain`` shows it: the feature and its point, or why it has none."""
    if not place.resolved:
        return f"'{place.place}' (unresolved: {place.unresolved})"
    where = ", ".join(p for p in (place.name, place.adm1 if place.adm1 != place.name else "",
                                  place.country) if p)
    return f"'{place.place}' = {where} ({place.feature}, {place.lat}, {place.lon})"
