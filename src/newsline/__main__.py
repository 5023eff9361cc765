"""``python -m newsline``: the same as the ``newsline`` command."""

from newsline.cli import main

raise SystemExit(main())
