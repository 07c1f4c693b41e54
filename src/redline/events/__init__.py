"""Events: the verb lexicon and predicate frames from the parse."""
