"""Coverage of commitment extraction (threats, promises, alliances, conditions).

Codes the example corpus (examples/*.jsonl) and a fixed sample of the AFP/Xinhua newswire
(../shared/data/corpora/afp_xinhua_newswire.jsonl, read in place, never copied: research
use only) with the default coder: every k-th story (--stories of them), and, for more
political text, every k-th of the other stories that hold a cue besides "if" (--focused).
It counts:

- the commitments extracted, by kind;
- the *candidate* sentences, those a regular expression marks as likely to state a
  commitment, by cue ("if", "unless", "should X ...", "in response to"/retaliation,
  ultimatum/deadline, treaty/pact/alliance clauses, "warn ... against"/"threaten");
- how many candidates hold an extracted commitment (a recall proxy: not every candidate
  states a commitment, so it bounds recall from below only loosely), and how many
  commitments lie outside every candidate.

With --samples FILE it writes, for hand checking, a seeded sample of extracted commitments
(with their sentences) and of candidate sentences without one.

    python bench/commitments_coverage.py [--stories 400] [--focused 150] [--fast] [--json]
                                         [--samples FILE] [--seed 17]
    python bench/commitments_coverage.py --strong-only FILE   # every strong-cue sentence
                                                                # of the newswire, coded alone
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

ROOT = Path(__file__).resolve().parents[1]
NEWSWIRE = ROOT.parent / "shared" / "data" / "corpora" / "afp_xinhua_newswire.jsonl"
EXAMPLES = sorted((ROOT / "examples").glob("*.jsonl"))

CUES: dict[str, re.Pattern[str]] = {
    "if": re.compile(r"\bif\b", re.I),
    "unless": re.compile(r"\bunless\b", re.I),
    "should X": re.compile(r"(^|[,;:]\s*|\bbut\s+)should\s+(?!not\b|be\b|have\b)\w+", re.I),
    "in response/retaliation": re.compile(
        r"\bin (response|retaliation|reprisal) (to|for)\b|\bretaliat\w*|\bcountermeasure",
        re.I),
    "ultimatum/deadline": re.compile(r"\bultimatum\b|\bdeadline\b", re.I),
    "treaty/alliance clause": re.compile(
        r"\b(treaty|pact|alliance)\b|\battack on (one|either|any)\b"
        r"|\bmutual (defen[cs]e|assistance|security)\b", re.I),
    "warn against/threaten": re.compile(r"\bwarn\w*\b.*\bagainst\b|\bthreat(en)?\w*\b", re.I),
}


# the cues of a stated commitment, strict enough to read every hit: the whole-corpus pass
STRONG: dict[str, re.Pattern[str]] = {
    "unless": CUES["unless"],
    "should X": CUES["should X"],
    "in response/retaliation": CUES["in response/retaliation"],
    "ultimatum/deadline": CUES["ultimatum/deadline"],
    "attack on one / mutual defence": re.compile(
        r"\battack on (one|either|any)\b|\bmutual (defen[cs]e|assistance|security)\b", re.I),
    "threaten to / warn against": re.compile(
        r"\bthreat(en|ens|ened)\s+(to|that)\b|\bwarn(s|ed)?\b[^.]*\bagainst\b", re.I),
}
SENTENCE_END = re.compile(r"(?<=[.!?])[\"']?\s+(?=[\"'A-Z])")


def candidate_cues(sentence: str) -> list[str]:
    return [name for name, pattern in CUES.items() if pattern.search(sentence)]


def read(path: Path, every: int = 1, limit: int | None = None) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        n = 0
        for i, line in enumerate(handle):
            if i % every:
                continue
            yield json.loads(line)
            n += 1
            if limit is not None and n >= limit:
                return


def documents(rows: list[dict[str, Any]]) -> list[Any]:
    from redline.records import Document

    docs = []
    for r in rows:
        published = r.get("date") or r.get("published")
        day = date.fromisoformat(str(published)[:10]) if published else None
        docs.append(Document(str(r["id"]), r["text"], day, r.get("title", ""),
                             source=r.get("source", "")))
    return docs


def measure(coder: Any, name: str, rows: list[dict[str, Any]]) -> dict[str, Any]:
    started = time.perf_counter()
    kinds: Counter[str] = Counter()
    cue_counts: Counter[str] = Counter()
    cue_hits: Counter[str] = Counter()
    candidates = hit = outside = sentences = 0
    extracted: list[dict[str, Any]] = []
    missed: list[dict[str, Any]] = []
    for coded in coder.code_documents(documents(rows)):
        with_commitment: dict[int, list[Any]] = {}
        for c in coded.commitments:
            kinds[c.kind] += 1
            with_commitment.setdefault(c.sentence_index, []).append(c)
        for sentence in coded.sentences:
            if sentence.heading:
                continue
            sentences += 1
            cues = candidate_cues(sentence.text)
            found = with_commitment.get(sentence.index, [])
            if cues:
                candidates += 1
                hit += bool(found)
                for cue in cues:
                    cue_counts[cue] += 1
                    cue_hits[cue] += bool(found)
                if not found:
                    missed.append({"doc_id": coded.document.id, "cues": cues,
                                   "sentence": " ".join(sentence.text.split())})
            elif found:
                outside += len(found)
            for c in found:
                extracted.append({"doc_id": coded.document.id, "kind": c.kind,
                                  "holder": [h.code for h in c.holder],
                                  "trigger": _sketch(c.trigger.to_dict()),
                                  "response": _sketch(c.response.to_dict()), "cues": cues,
                                  "sentence": " ".join(sentence.text.split())})
    return {
        "corpus": name, "documents": len(rows), "sentences": sentences,
        "commitments": sum(kinds.values()), "by_kind": dict(sorted(kinds.items())),
        "candidate_sentences": candidates, "candidates_with_commitment": hit,
        "commitments_outside_candidates": outside,
        "by_cue": {cue: {"candidates": cue_counts[cue], "with_commitment": cue_hits[cue]}
                   for cue in CUES},
        "seconds": round(time.perf_counter() - started, 1),
        "extracted": extracted, "missed": missed,
    }


def whole_corpus(coder: Any, path: Path) -> dict[str, Any]:
    """Every sentence of the file (split at sentence ends) that holds a strong cue, coded
    alone (without its article: a pronoun's antecedent is lost) with the story's date."""
    from redline.records import Document

    found: list[tuple[str, str, date | None, list[str]]] = []
    stories = 0
    for row in read(path):
        stories += 1
        day = date.fromisoformat(row["date"][:10]) if row.get("date") else None
        for k, sentence in enumerate(SENTENCE_END.split(row["text"])):
            sentence = " ".join(sentence.split())
            cues = [name for name, pattern in STRONG.items() if pattern.search(sentence)]
            if cues and len(sentence) < 600:
                found.append((f"{row['id']}#{k}", sentence, day, cues))
    docs = [Document(i, text, day) for i, text, day, _ in found]
    per_cue: dict[str, list[int]] = {name: [0, 0] for name in STRONG}
    kinds: Counter[str] = Counter()
    hits: list[dict[str, Any]] = []
    misses: list[dict[str, Any]] = []
    for (doc_id, text, _, cues), coded in zip(found, coder.code_documents(docs), strict=True):
        for c in coded.commitments:
            kinds[c.kind] += 1
        for cue in cues:
            per_cue[cue][0] += 1
            per_cue[cue][1] += bool(coded.commitments)
        item = {"doc_id": doc_id, "cues": cues, "sentence": text}
        if coded.commitments:
            hits.append({**item, "commitments": [
                {"kind": c.kind, "holder": [h.code for h in c.holder],
                 "trigger": _sketch(c.trigger.to_dict()),
                 "response": _sketch(c.response.to_dict())} for c in coded.commitments]})
        else:
            misses.append(item)
    return {"corpus": f"{path.name}: strong-cue sentences coded alone", "stories": stories,
            "candidate_sentences": len(found), "with_commitment": len(hits),
            "commitments": sum(kinds.values()), "by_kind": dict(sorted(kinds.items())),
            "by_cue": {k: {"candidates": v[0], "with_commitment": v[1]}
                       for k, v in per_cue.items()}, "hits": hits, "misses": misses}


def _sketch(sketch: dict[str, Any]) -> str:
    actor = ",".join(a["code"] or a["text"] for a in sketch["actor"]) or "anyone"
    what = (sketch["event"] or "(unspecified)") + (f"/{sketch['mode']}" if sketch["mode"] else "")
    to = ",".join(a["code"] or a["text"] for a in sketch["recipient"])
    return f"{actor} {what}" + (f" -> {to}" if to else "")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stories", type=int, default=400,
                        help="newswire stories to code (every k-th of the file)")
    parser.add_argument("--focused", type=int, default=150,
                        help="newswire stories, not among the first sample, whose text holds "
                             "a cue other than 'if' (every k-th of them)")
    parser.add_argument("--fast", action="store_true", help="lexicon only (no classifier)")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--samples", type=Path, help="write hand-check samples here (JSON)")
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--strong-only", type=Path, metavar="FILE",
                        help="only the whole-newswire pass over strong-cue sentences; write "
                             "its hits and misses to FILE (JSON)")
    args = parser.parse_args()

    from redline.coder import Coder, Resources

    coder = Coder(Resources.load(classifier=not args.fast))
    if args.strong_only:
        result = whole_corpus(coder, NEWSWIRE)
        args.strong_only.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n",
                                    encoding="utf-8")
        print(json.dumps({k: v for k, v in result.items() if k not in ("hits", "misses")}))
        return
    corpora = [("examples", [r for path in EXAMPLES for r in read(path)])]
    if NEWSWIRE.exists():
        total = sum(1 for _ in NEWSWIRE.open(encoding="utf-8"))
        every = max(1, total // args.stories)
        sample = list(read(NEWSWIRE, every=every, limit=args.stories))
        corpora.append((f"newswire (every {every}th of {total})", sample))
        taken = {r["id"] for r in sample}
        cued = [r for r in read(NEWSWIRE) if r["id"] not in taken and any(
            CUES[cue].search(r["text"]) for cue in CUES if cue != "if")]
        step = max(1, len(cued) // max(1, args.focused))
        corpora.append((f"newswire stories with a cue (every {step}th of {len(cued)})",
                        cued[::step][:args.focused]))
    else:
        print(f"{NEWSWIRE} is absent: the newswire is left out", file=sys.stderr)
    results = [measure(coder, name, rows) for name, rows in corpora]
    rng = random.Random(args.seed)
    if args.samples:
        samples = {r["corpus"]: {
            "extracted": rng.sample(r["extracted"], min(20, len(r["extracted"]))),
            "missed": rng.sample(r["missed"], min(10, len(r["missed"])))} for r in results}
        args.samples.write_text(json.dumps(samples, indent=1, ensure_ascii=False) + "\n",
                                encoding="utf-8")
    summary = [{k: v for k, v in r.items() if k not in ("extracted", "missed")}
               for r in results]
    if args.json:
        print(json.dumps(summary))
        return
    for r in summary:
        print(f"{r['corpus']}: {r['documents']} documents, {r['sentences']} sentences, "
              f"{r['commitments']} commitments {r['by_kind']}; {r['candidate_sentences']} "
              f"candidate sentences, {r['candidates_with_commitment']} with a commitment; "
              f"{r['commitments_outside_candidates']} commitments outside them "
              f"({r['seconds']} s)")
        for cue, counts in r["by_cue"].items():
            print(f"  {cue:<26} {counts['candidates']:>5} candidates "
                  f"{counts['with_commitment']:>4} with a commitment")


if __name__ == "__main__":
    main()
