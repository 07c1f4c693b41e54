"""NLP: loading spaCy, splitting documents into sentences, parsing the ones that matter."""
