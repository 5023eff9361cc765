"""Stage 3, many documents: the DuckDB store, ``newsline ingest`` and entity timelines."""
