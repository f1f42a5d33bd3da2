"""Arabic named-entity tagging for khabar (v0: a lexicon tagger).

The stages are plain synchronous Python over plain data (strings, lists, small frozen
dataclasses); nothing here imports faust, so each stage can be tested and reused on its own:

* :mod:`workers.entities.normalize` -- ``match_key``: the one normalisation used for lexicon keys
  and lookups.
* :mod:`workers.entities.tokenize` -- ``tokenize``: text to tokens with character offsets.
* :mod:`workers.entities.clitics` -- ``candidate_stems``: conservative proclitic stripping.
* :mod:`workers.entities.tagger` -- ``LexiconTagger``: greedy longest-match lexicon tagger.
* :mod:`workers.entities.conll` -- ``tag_conll``: CoNLL-style lines in, ``token TAG`` lines out.
* :mod:`workers.entities.link` -- grouping mentions into entities with ids (a pipeline stage).
* :mod:`workers.entities.lexicon` -- the lexicon file format; :mod:`workers.entities.bio` -- reading
  BIO corpora and BIO tags to spans.
* :mod:`workers.entities.build_lexicon` / :mod:`workers.entities.evaluate` -- offline scripts that
  build the shipped lexicon (``data/lexicon-v0.tsv``, CC BY-SA 4.0, see ``NOTICE``) from ANERcorp
  and measure the tagger on a held-out split.

The v0 tagger is deliberately simple; a later version replaces it with a CRF and a knowledge base
behind the same interface (``LexiconTagger.load``, ``tag_tokens``, ``find_mentions``).
"""
