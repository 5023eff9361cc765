"""Stage 2, events, links and the document timeline: ``newsline.annotate(text, dct)``.

The spaCy loader (``_nlp``), event detection (``_detect``), rule links
(``_link_rules``) and learned links (``_link_model``), placement on the time
axis (``_placement``; its labels in the TimeBank-EventTime notation are
``newsline._time_labels``) and the entry point (``_annotate``); the trained
weights are data in ``models/<code>/``.
"""
