"""Start-up: the lexicon cache, the concurrent loader, the MiniLM encoder without
transformers, and commands that load nothing they do not need."""

from __future__ import annotations

import json
import os
import pickle
import sys
from pathlib import Path
from typing import Any

import pytest

from redline import cache
from tests.conftest import ROOT
from tests.helpers import run_python

ACTOR_DATA = ROOT / "src" / "redline" / "actors" / "data"


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(cache.ENV, str(folder))
    return folder


def entries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.glob(f"*{cache.SUFFIX}")) if folder.exists() else []


# -- the cache --------------------------------------------------------------------------------


def test_an_entry_is_built_once_and_read_back(cache_dir: Path) -> None:
    calls = []

    def build() -> dict[str, list[int]]:
        calls.append(1)
        return {"a": [1, 2]}

    first = cache.cached("thing", "k1", build)
    second = cache.cached("thing", "k1", build)
    assert first == second == {"a": [1, 2]} and first is not second
    assert len(calls) == 1
    assert entries(cache_dir) == [f"thing-k1{cache.SUFFIX}"]
    if hasattr(os, "getuid"):
        assert (cache_dir.stat().st_mode & 0o077) == 0
        assert ((cache_dir / entries(cache_dir)[0]).stat().st_mode & 0o077) == 0


def test_a_new_key_replaces_the_entry_and_other_names_stay(cache_dir: Path) -> None:
    cache.cached("thing", "k1", lambda: 1)
    cache.cached("thing-other", "k1", lambda: 2)
    assert cache.cached("thing", "k2", lambda: 3) == 3
    assert entries(cache_dir) == [f"thing-k2{cache.SUFFIX}", f"thing-other-k1{cache.SUFFIX}"]


def test_a_damaged_entry_is_rebuilt(cache_dir: Path) -> None:
    cache.cached("thing", "k1", lambda: [1])
    path = cache_dir / f"thing-k1{cache.SUFFIX}"
    path.write_bytes(path.read_bytes()[:5])
    assert cache.cached("thing", "k1", lambda: [2]) == [2]
    assert pickle.loads(path.read_bytes()) == [2]


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX owners and modes")
def test_an_entry_others_may_write_is_not_read(cache_dir: Path) -> None:
    cache.cached("thing", "k1", lambda: "built")
    path = cache_dir / f"thing-k1{cache.SUFFIX}"
    path.write_bytes(pickle.dumps("planted"))
    path.chmod(0o666)
    assert cache.cached("thing", "k1", lambda: "rebuilt") == "rebuilt"
    cache_dir.chmod(0o777)
    path.write_bytes(pickle.dumps("planted"))
    path.chmod(0o600)
    assert cache.cached("thing", "k1", lambda: "rebuilt again") == "rebuilt again"


@pytest.mark.parametrize("value", ["off", "", "0"])
def test_the_cache_can_be_turned_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                     value: str) -> None:
    monkeypatch.setenv(cache.ENV, value)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.cache_dir() is None
    assert cache.cached("thing", "k1", lambda: 5) == 5
    assert list(tmp_path.iterdir()) == []


def test_an_unwritable_cache_folder_costs_only_time(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(cache.ENV, str(blocker / "cache"))
    assert cache.cached("thing", "k1", lambda: 7) == 7


def test_the_key_follows_the_data_and_the_code(tmp_path: Path) -> None:
    module = tmp_path / "mod.py"
    module.write_text("X = 1\n")
    fake = type(sys)("fake_module")
    fake.__file__ = str(module)
    base = cache.fingerprint([b"data"], [fake])
    assert cache.fingerprint([b"data"], [fake]) == base
    assert cache.fingerprint([b"dat", b"a"], [fake]) != base
    assert cache.fingerprint([b"other"], [fake]) != base
    module.write_text("X = 2\n")
    assert cache.fingerprint([b"data"], [fake]) != base


# -- the lexicons through the cache ------------------------------------------------------------


def trie_data(node: dict[str, Any]) -> Any:
    return {k: trie_data(v) if isinstance(v, dict) else list(v) for k, v in node.items()}


def test_the_cached_actor_lexicon_is_the_built_one(cache_dir: Path, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from redline.actors.lexicon import load_actor_lexicon

    built = load_actor_lexicon(str.split)  # built, and cached
    assert len(entries(cache_dir)) == 1
    read = load_actor_lexicon(str.split)
    assert trie_data(read.actors.root) == trie_data(built.actors.root)
    assert trie_data(read.agents.root) == trie_data(built.agents.root)
    assert read.valid_codes == built.valid_codes
    # a user file still comes first, and does not reach the cached entry
    extra = tmp_path / "mine.tsv"
    extra.write_text("pattern\tcode\tname\tkind\nthe republic of zembla\tRUS\tZembla\t"
                     "country\n", encoding="utf-8")
    with_extra = load_actor_lexicon(str.split, [extra])
    found = with_extra.match_actor(["the", "republic", "of", "zembla"], 0)
    assert found is not None and found[1][0].name == "Zembla"
    assert load_actor_lexicon(str.split).match_actor(["the", "republic", "of", "zembla"],
                                                     0) is None
    # changed data makes a new entry, read from then on
    data = tmp_path / "data"
    data.mkdir()
    for source in ACTOR_DATA.iterdir():
        if source.suffix in (".tsv", ".gz"):
            (data / source.name).write_bytes(source.read_bytes())
    with (data / "countries.tsv").open("a", encoding="utf-8") as handle:
        handle.write("freedonia\tFRE\t\t\t\tFreedonia\tcountry\n")
    changed = load_actor_lexicon(str.split, data_dir=data)
    assert changed.match_actor(["freedonia"], 0) is not None
    assert built.match_actor(["freedonia"], 0) is None


def test_the_cached_verb_lexicon_is_the_built_one(cache_dir: Path) -> None:
    from redline.events.lexicon import load_verb_lexicon

    built = load_verb_lexicon()
    read = load_verb_lexicon()
    assert entries(cache_dir) and read is not built
    for name in ("verbs", "blocks", "nominals", "trigger_words", "_verb_always",
                 "_verb_needs_index", "_noun_ok", "_multiword"):
        assert getattr(read, name) == getattr(built, name), name
    assert read.lemmatize("attacked") == built.lemmatize("attacked") == "attack"
    assert read.code("attack", [], ["army"]) == built.code("attack", [], ["army"])


def test_restricting_the_triggers_keeps_the_verbs_that_can_code(cache_dir: Path) -> None:
    """Against a plain reading of the rule: a verb triggers whatever the context when a
    sense's code, or a pattern of its blocks without words, codes; else each coding
    pattern's words are what it needs."""
    from redline.events.lexicon import DOBJ, NO_CODE, load_verb_lexicon
    from redline.ontology import load_ontology

    verbs = load_verb_lexicon()
    ontology = load_ontology()

    def codable(code: str) -> bool:  # ":xxx" is code xxx, the roles reversed
        return bool((entry := ontology.cameo(code.removeprefix(":"))) and entry.plover)

    verbs.restrict_triggers(codable)
    always, needs = set(), {}
    for lemma, senses in verbs.verbs.items():
        found: list[Any] = []
        for sense in senses:
            block = verbs.blocks[sense.block]
            fallback = sense.override or block.default
            if fallback and fallback != NO_CODE and codable(fallback):
                always.add(lemma)
                break
            coding = [p for p in block.patterns
                      if p.cameo and p.cameo != NO_CODE and codable(p.cameo)]
            words = [tuple(frozenset(el) for el in p.left + p.right if el != ((DOBJ,),))
                     for p in coding]
            if any(not w for w in words):
                always.add(lemma)
                break
            found += words
        else:
            if found:
                needs[lemma] = found
    assert verbs._verb_always == always
    assert {k: [need for _firsts, need in v] for k, v in verbs._verb_needs_index.items()} \
        == needs
    assert verbs.trigger_candidates(["russia", "attacked", "ukraine"])


# -- loading ---------------------------------------------------------------------------------


def test_load_parts_loads_what_resources_hold(cache_dir: Path) -> None:
    from redline.events.lexicon import load_verb_lexicon
    from redline.loading import load_parts

    marker = object()
    parts = load_parts(classifier=True, load_relations=lambda: marker)
    assert parts.relations is marker
    assert "parser" in parts.nlp.pipe_names
    assert parts.actors.match_actor(["russia"], 0) is not None
    # restricted to the codes with a PLOVER type, as Resources.load does
    assert "attack" in parts.verbs.trigger_words < load_verb_lexicon().trigger_words
    assert parts.ontology.cameo("190") is not None and parts.cues.report
    assert load_parts(classifier=False).relations is None


def test_the_classifier_is_on_by_default_everywhere() -> None:
    """One default: ``Resources.load()`` holds the relation classifier, as the command line
    codes with it unless told ``--fast``; the lexicon-only coder is asked for by name."""
    import inspect

    from redline import cli
    from redline.coder import ResourceOptions, Resources
    from redline.relations.classifier import RelationClassifier

    assert isinstance(Resources.load().relations, RelationClassifier)
    assert ResourceOptions().as_kwargs()["classifier"] is True
    assert inspect.signature(Resources.load).parameters["classifier"].default is True
    for command in (cli.code, cli.explain, cli.ingest):
        assert inspect.signature(command).parameters["classifier"].default is True


def test_load_parts_raises_the_errors_of_either_thread(cache_dir: Path) -> None:
    from redline.loading import load_parts
    from redline.nlp.pipeline import ModelNotInstalledError

    def broken() -> None:
        raise OSError("no classifier here")

    with pytest.raises(OSError, match="no classifier here"):
        load_parts(classifier=True, load_relations=broken)
    with pytest.raises(ModelNotInstalledError):
        load_parts(model="no_such_model_xyz", classifier=True, load_relations=broken)


# -- the encoder without transformers ----------------------------------------------------------


SENTENCES = [
    "Russia attacked Ukraine.",
    "@ Iran @ warned # Israel # against any strike on its nuclear sites, a spokesman said.",
    "Ünïcödé café — “quotes”, 中文 and emoji 😀 in one sentence",
    "The talks in Geneva resumed on Monday after a two-week pause, diplomats said, "
    "and both delegations called them constructive." * 3,
    "",
    "A",
]


@pytest.fixture(scope="module")
def encoders() -> tuple[Any, Any, Any, Any]:
    from transformers import AutoModel, AutoTokenizer

    from redline.nlp.minilm import load_minilm, model_dir

    path = str(model_dir())
    tokenizer, encoder = load_minilm()
    reference = AutoModel.from_pretrained(path)
    reference.eval()
    return AutoTokenizer.from_pretrained(path), reference, tokenizer, encoder


@pytest.mark.parametrize("max_length", [8, 128, 512])
def test_the_word_pieces_are_the_fast_tokenizers(encoders: Any, max_length: int) -> None:
    reference, _, tokenizer, _ = encoders
    expected = reference(SENTENCES, truncation=True, max_length=max_length,
                         return_offsets_mapping=True)
    found = tokenizer(SENTENCES, truncation=True, max_length=max_length,
                      return_offsets_mapping=True)
    assert [list(ids) for ids in expected["input_ids"]] == found["input_ids"]
    assert [[tuple(o) for o in row] for row in expected["offset_mapping"]] == \
        [[tuple(o) for o in row] for row in found["offset_mapping"]]
    assert tokenizer.pad_token_id == reference.pad_token_id
    for token in ("@", "#", "[UNK]", "notawordpieceatall"):
        assert tokenizer.convert_tokens_to_ids(token) == reference.convert_tokens_to_ids(token)


@pytest.mark.parametrize("train", [False, True])
def test_the_encoder_computes_what_transformers_bert_does(encoders: Any, train: bool) -> None:
    """Bit for bit, with and without padding; in training mode with the same dropout draws
    and the same gradients."""
    import torch

    from redline.relations.model import batch_of

    _, reference, tokenizer, encoder = encoders
    assert set(encoder.state_dict()) == set(reference.state_dict())
    rows = tokenizer(SENTENCES, truncation=True, max_length=128)["input_ids"]
    batches = [batch_of(tokenizer, rows[:1]), batch_of(tokenizer, rows[:4]),
               batch_of(tokenizer, rows)]
    try:
        reference.train(train)
        encoder.train(train)
        for seed, batch in enumerate(batches):
            torch.manual_seed(seed)
            expected = reference(input_ids=batch.ids, attention_mask=batch.mask)
            torch.manual_seed(seed)
            found = encoder(input_ids=batch.ids, attention_mask=batch.mask)
            assert torch.equal(expected.last_hidden_state, found.last_hidden_state)
            if train:
                expected.last_hidden_state.sum().backward()
                found.last_hidden_state.sum().backward()
        if train:
            grads = dict(reference.named_parameters())
            for name, param in encoder.named_parameters():
                other = grads[name].grad
                assert (param.grad is None) == (other is None), name
                assert param.grad is None or torch.equal(param.grad, other), name
    finally:
        reference.eval()
        encoder.eval()
        encoder.zero_grad(set_to_none=True)
        reference.zero_grad(set_to_none=True)


def test_loading_the_encoder_imports_no_transformers() -> None:
    code = ("import sys; from redline.nlp.minilm import load_minilm; load_minilm(); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('transformers', 'sympy') or m.startswith('torch._dynamo')))")
    out = run_python(code)
    assert out.stdout.decode().strip() == "[]"


def test_the_shipped_classifier_loads_without_transformers() -> None:
    """Relation prediction uses the encoder above (training still builds it through
    transformers' BertModel): loading the shipped model imports neither transformers nor
    sympy, and it still codes the pair of a plain sentence."""
    code = ("import sys; from redline.relations.classifier import RelationClassifier; "
            "model = RelationClassifier.load(); "
            "print(model.classify('Russian troops shelled the Ukrainian city of Kharkiv.', "
            "'Russian troops', 'Kharkiv')); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('transformers', 'sympy')))")
    out = run_python(code)
    assert out.stdout.decode().split("\n")[:2] == ["ASSAULT", "[]"]


# -- commands ---------------------------------------------------------------------------------


def test_commands_that_code_nothing_import_no_models(tmp_path: Path) -> None:
    """query, export and brief start in a fraction of a second: no spaCy, torch or
    transformers (the store is refused before anything else would be loaded)."""
    code = ("import sys; from typer.testing import CliRunner; from redline.cli import app; "
            "r = CliRunner(); "
            f"[r.invoke(app, [c, '--db', {str(tmp_path / 'none.duckdb')!r}]) "
            "for c in ('export', 'brief')]; "
            f"r.invoke(app, ['query', 'SELECT 1', '--db', {str(tmp_path / 'none.duckdb')!r}]); "
            "print(sorted({m.split('.')[0] for m in sys.modules} & "
            "{'spacy', 'torch', 'transformers', 'thinc'}))")
    out = run_python(code)
    assert out.stdout.decode().strip() == "[]"


def test_lexicon_only_coding_never_imports_torch(tmp_path: Path) -> None:
    """thinc is kept from importing torch (half of a --fast start-up); the parse is the same,
    and torch can still be imported afterwards."""
    probe = ("import hashlib, sys\n"
             "from redline.nlp.pipeline import import_spacy_without_torch, load_nlp\n"
             "done = sys.argv[1] == 'without' and import_spacy_without_torch()\n"
             "nlp = load_nlp()\n"
             "digest = hashlib.sha1()\n"
             "for doc in nlp.pipe(['If Iran attacks Israel, the United States will respond.',"
             " 'Talks resumed in Geneva on Monday, diplomats said.']):\n"
             "    for t in doc:\n"
             "        digest.update(f'{t.tag_} {t.dep_} {t.head.i};'.encode())\n"
             "print(done, 'torch' in sys.modules, digest.hexdigest())\n"
             "import torch\n"
             "print(float(torch.ones(2).sum()))\n")
    outputs = {}
    for how in ("without", "with"):
        out = run_python(probe, how)
        outputs[how] = out.stdout.decode().split()
    assert outputs["without"][:2] == ["True", "False"] and outputs["with"][:2] == ["False", "True"]
    assert outputs["without"][2:] == outputs["with"][2:]
    text = tmp_path / "one.txt"
    text.write_text("Russia attacked Ukraine.", encoding="utf-8")
    code = ("import sys; import redline.cli as cli; "
            f"sys.argv = ['redline', 'code', {str(text)!r}, '--fast', '--format', 'jsonl']\n"
            "try:\n    cli.main()\nexcept SystemExit:\n    pass\n"
            "print('torch' in sys.modules, file=sys.stderr)")
    out = run_python(code)
    assert '"event": "ASSAULT"' in out.stdout.decode()
    assert out.stderr.decode().splitlines()[-1] == "False"


def test_a_writer_killed_half_way_leaves_nothing_for_long(cache_dir: Path) -> None:
    cache.cached("thing", "k1", lambda: 1)
    old = cache_dir / f".thing-k0{cache.SUFFIX}.abc123"
    new = cache_dir / f".thing-k0{cache.SUFFIX}.def456"
    for temp in (old, new):
        temp.write_bytes(b"half")
    os.utime(old, (0, 0))
    cache.cached("thing", "k2", lambda: 2)
    assert not old.exists() and new.exists()
    assert cache.cached("thing", "k2", lambda: 3) == 2


def test_the_coder_takes_one_blas_thread_even_after_numpy() -> None:
    """OpenBLAS's threads made in-process coding four times slower; the environment variable
    only works before numpy loads, so a program that imported numpy first is limited through
    threadpoolctl, and a user's own OPENBLAS_NUM_THREADS is left alone."""
    probe = ("import os, sys\n"
             "os.environ.pop('OPENBLAS_NUM_THREADS', None)\n"
             "if sys.argv[1] == 'chosen':\n"
             "    os.environ['OPENBLAS_NUM_THREADS'] = '2'\n"
             "import numpy\n"
             "from threadpoolctl import threadpool_info, threadpool_limits\n"
             "def blas():\n"
             "    return [i['num_threads'] for i in threadpool_info()"
             " if i['user_api'] == 'blas']\n"
             "if sys.argv[1] == 'first':\n"
             "    threadpool_limits(limits=2, user_api='blas')  # as on a machine of 2 cores\n"
             "before = blas()\n"
             "from redline.nlp.pipeline import one_blas_thread\n"
             "one_blas_thread()\n"
             "import json; print(json.dumps([before, blas()]))\n")
    assert json.loads(run_python(probe, "first").stdout) == [[2], [1]]
    before, after = json.loads(run_python(probe, "chosen").stdout)
    assert before and after == before  # left as the user set it
