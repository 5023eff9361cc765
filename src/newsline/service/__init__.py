"""``newsline serve``: the HTTP API and the timeline page (needs ``newsline[serve]``)."""
