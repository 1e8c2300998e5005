"""`python -m hrdtrain VERB` (`py -m hrdtrain start` on Windows): the `hrdtrain` command, for when
its folder of scripts is not on PATH."""

import sys

from .cli import main

sys.exit(main())
