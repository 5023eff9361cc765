"""``newsline serve``: the HTTP API and the timeline page (needs ``newsline[serve]``).

The modules, by job: ``_app`` (the FastAPI app and its routes), ``_limits`` (configuration,
limits, JSON errors, middleware), ``_schemas`` (the API's models), ``_workers`` (the annotation
processes), ``_cache`` (the entity-timeline adapter and cache), ``_serve`` (uvicorn) and
``_loadtest`` (``newsline bench --serve``).  Nothing is re-exported here: the spawned
annotation workers import this package, and should not load FastAPI for it.
"""
