"""Stage 1, time expressions: ``newsline.tag(text, dct)``.

Inputs and the DCT (``_inputs``; document dates as feeds write them in
``_document_date``), the language data in ``lang/<code>/``
(``lexicon.toml``, ``rules.toml``) and their loaders (``_lexicon``,
``_grammar``), the scanner loop (``_recognize``), what readings resolve
against (``_context``), the resolver (``_interpret``: the dispatch by rule kind;
``_interpret_calendar``, ``_interpret_relative``, ``_interpret_amounts`` and their
shared ``_interpret_common``), calendar arithmetic (``_calendar``) and the entry
point (``_tagger``).
"""
